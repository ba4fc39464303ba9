import { describe, it } from 'node:test';
import { expect } from 'expect';
import { ORCHESTRATED_KINDS } from '../../jobs/domain/hypervisor-driver.port';
import {
  baseDurationMs,
  CLUSTER_OPERATION_KINDS,
  cycleIntervalMs,
  cycleSizeMb,
  cycleTransferMs,
  MAX_CYCLE_SIZE_MB,
  MIN_CYCLE_SIZE_MB,
  MOVE_OPERATION_KINDS,
  hashString,
  liveMigrationBaseMs,
  liveMigrationDurationMs,
  memoryDemandMb,
  mulberry32,
  operationDurationMs,
  replicaCopyMs,
  REPLICATION_OPERATION_KINDS,
  SAVE_MS_PER_GB,
  SIM_OPERATION_KINDS,
  unresponsiveTimeoutMs,
} from './latency-model';

const context = { timeScale: 1, latencyFactor: 1, seed: 42, jobId: 'job-1' };

describe('latency model', () => {
  it('gives each operation its real-world base duration', () => {
    expect(baseDurationMs({ kind: 'create-vm' })).toBe(5_000);
    expect(baseDurationMs({ kind: 'start-vm' })).toBe(10_000);
    expect(baseDurationMs({ kind: 'stop-vm', stopMode: 'shutdown' })).toBe(8_000);
    expect(baseDurationMs({ kind: 'stop-vm', stopMode: 'turn-off' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'pause-vm' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'resume-vm' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'delete-vm' })).toBe(2_000);
    expect(baseDurationMs({ kind: 'reinstall-host' })).toBe(600_000);
  });

  it('gives each VM configuration operation its real-world base duration', () => {
    expect(baseDurationMs({ kind: 'upgrade-vm-version' })).toBe(5_000);
    expect(baseDurationMs({ kind: 'set-vm-firmware' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'add-network-adapter' })).toBe(2_000);
    expect(baseDurationMs({ kind: 'remove-network-adapter' })).toBe(2_000);
    expect(baseDurationMs({ kind: 'set-vm-memory', memoryMb: 65536 })).toBe(2_000);
    expect(baseDurationMs({ kind: 'set-vm-processor' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'set-integration-service' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'update-integration-services' })).toBe(20_000);
    expect(baseDurationMs({ kind: 'add-vm-disk' })).toBe(3_000);
    expect(baseDurationMs({ kind: 'delete-checkpoint' })).toBe(6_000);
  });

  it('gives each cluster operation its real-world base duration', () => {
    expect(baseDurationMs({ kind: 'create-cluster' })).toBe(30_000);
    expect(baseDurationMs({ kind: 'add-cluster-node' })).toBe(20_000);
    expect(baseDurationMs({ kind: 'evict-node' })).toBe(10_000);
    expect(baseDurationMs({ kind: 'raise-functional-level' })).toBe(5_000);
    expect(baseDurationMs({ kind: 'clear-node-quarantine' })).toBe(2_000);
  });

  it('times a live migration by the VM memory, exactly as liveMigrationDurationMs', () => {
    for (const memoryMb of [1024, 16384, 131072]) {
      expect(baseDurationMs({ kind: 'migrate-vm', migrationType: 'Live', memoryMb })).toBe(liveMigrationBaseMs(memoryMb));
      for (const jobId of ['a', 'b']) {
        const latency = { ...context, jobId, timeScale: 0.5, latencyFactor: 3 };
        expect(operationDurationMs({ kind: 'migrate-vm', migrationType: 'Live', memoryMb }, latency)).toBe(
          liveMigrationDurationMs(memoryMb, latency),
        );
      }
    }
  });

  it('takes 2 s for a quick migration, plus the saved memory of a Saved VM', () => {
    expect(baseDurationMs({ kind: 'migrate-vm', migrationType: 'Quick', memoryMb: 8192 })).toBe(2_000);
    expect(baseDurationMs({ kind: 'migrate-vm', migrationType: 'Quick', memoryMb: 8192, savedState: true })).toBe(
      2_000 + 8 * SAVE_MS_PER_GB,
    );
  });

  it('takes 10 s to fail a VM over and restart it, 1 s to only register it', () => {
    expect(baseDurationMs({ kind: 'failover-vm', restart: true, memoryMb: 65536 })).toBe(10_000);
    expect(baseDurationMs({ kind: 'failover-vm', restart: false })).toBe(1_000);
  });

  it('knows no orchestrated job: a drain or resume is many operations, not one', () => {
    for (const kind of ORCHESTRATED_KINDS) expect(SIM_OPERATION_KINDS).not.toContain(kind);
    for (const kind of [...MOVE_OPERATION_KINDS, ...CLUSTER_OPERATION_KINDS, ...REPLICATION_OPERATION_KINDS]) {
      expect(SIM_OPERATION_KINDS).toContain(kind);
    }
  });

  it('copies to a replica at 1 GB/s, at least 5 s: enabling, resynchronizing, reversing, adding disks', () => {
    expect(replicaCopyMs(0)).toBe(5_000);
    expect(replicaCopyMs(4)).toBe(5_000);
    expect(replicaCopyMs(40)).toBe(40_000);
    expect(replicaCopyMs(500)).toBe(500_000);
    for (const kind of [
      'enable-replication',
      'resynchronize-replication',
      'reverse-replication',
      'set-replicated-disks',
    ] as const) {
      expect(baseDurationMs({ kind, diskGb: 127 })).toBe(127_000);
      expect(baseDurationMs({ kind, diskGb: 1 })).toBe(5_000);
      expect(baseDurationMs({ kind })).toBe(5_000);
    }
  });

  it('sends a typical cycle (255 MB) in 2 s plus the changes at 100 MB/s, scaled and slowed by the latency factor', () => {
    expect(cycleTransferMs(1, 1)).toBe(4_550);
    expect(cycleTransferMs(0.01, 1)).toBe(46);
    expect(cycleTransferMs(1, 10)).toBe(45_500);
  });

  it('runs cycles at the replication frequency in simulated time, never faster than every 50 ms', () => {
    expect(cycleIntervalMs(30, 1)).toBe(30_000);
    expect(cycleIntervalMs(300, 0.001)).toBe(300);
    expect(cycleIntervalMs(30, 0)).toBe(50);
  });

  it('gives the other replication operations their real-world base duration', () => {
    expect(baseDurationMs({ kind: 'suspend-replication' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'resume-replication' })).toBe(1_000);
    expect(baseDurationMs({ kind: 'remove-replication' })).toBe(2_000);
    expect(baseDurationMs({ kind: 'commit-failover' })).toBe(2_000);
    expect(baseDurationMs({ kind: 'planned-failover' })).toBe(15_000);
    expect(baseDurationMs({ kind: 'unplanned-failover' })).toBe(10_000);
    expect(baseDurationMs({ kind: 'start-test-failover' })).toBe(10_000);
    expect(baseDurationMs({ kind: 'stop-test-failover' })).toBe(3_000);
  });

  it('scales replication like every operation: time scale, latency factor, jitter', () => {
    const base = baseDurationMs({ kind: 'enable-replication', diskGb: 100 });
    const duration = operationDurationMs(
      { kind: 'enable-replication', diskGb: 100 },
      { ...context, timeScale: 0.01, latencyFactor: 2 },
    );
    expect(duration).toBeGreaterThanOrEqual(Math.floor(base * 0.02 * 0.9));
    expect(duration).toBeLessThanOrEqual(Math.ceil(base * 0.02 * 1.1));
    expect(operationDurationMs({ kind: 'planned-failover' }, { ...context, timeScale: 0 })).toBe(0);
  });

  it('draws the size of a cycle between 10 and 500 MB, fixed per seed, VM and seq', () => {
    const sizes = Array.from({ length: 1000 }, (_, seq) => cycleSizeMb({ seed: 42, vmId: 'vm-1', seq: seq + 1 }));
    for (const size of sizes) {
      expect(Number.isInteger(size)).toBe(true);
      expect(size).toBeGreaterThanOrEqual(MIN_CYCLE_SIZE_MB);
      expect(size).toBeLessThanOrEqual(MAX_CYCLE_SIZE_MB);
    }
    expect(new Set(sizes).size).toBeGreaterThan(300);
    expect(Math.min(...sizes)).toBeLessThan(60);
    expect(Math.max(...sizes)).toBeGreaterThan(450);
    expect(cycleSizeMb({ seed: 42, vmId: 'vm-1', seq: 7 })).toBe(sizes[6]);
    expect([1, 2, 3].map((seq) => cycleSizeMb({ seed: 43, vmId: 'vm-1', seq }))).not.toEqual(sizes.slice(0, 3));
    expect([1, 2, 3].map((seq) => cycleSizeMb({ seed: 42, vmId: 'vm-2', seq }))).not.toEqual(sizes.slice(0, 3));
  });

  it('takes 8 s for a production checkpoint, whatever the memory: the guest freezes its file systems', () => {
    const production = { kind: 'Production' as const, includesState: false };
    expect(baseDurationMs({ kind: 'create-checkpoint', checkpoint: production, memoryMb: 1024 })).toBe(8_000);
    expect(baseDurationMs({ kind: 'create-checkpoint', checkpoint: production, memoryMb: 65536 })).toBe(8_000);
  });

  it('writes the memory out for a standard checkpoint with state, as fast as saving the VM', () => {
    const offline = { kind: 'Standard' as const, includesState: false };
    const online = { kind: 'Standard' as const, includesState: true };
    expect(baseDurationMs({ kind: 'create-checkpoint', checkpoint: offline, memoryMb: 8192 })).toBe(2_000);
    expect(baseDurationMs({ kind: 'create-checkpoint', checkpoint: online, memoryMb: 8192 })).toBe(2_000 + 8 * SAVE_MS_PER_GB);
  });

  it('reads the saved memory back when applying a checkpoint that holds it', () => {
    const online = { kind: 'Standard' as const, includesState: true };
    expect(
      baseDurationMs({ kind: 'apply-checkpoint', checkpoint: { kind: 'Production', includesState: false }, memoryMb: 8192 }),
    ).toBe(4_000);
    expect(baseDurationMs({ kind: 'apply-checkpoint', checkpoint: online, memoryMb: 8192 })).toBe(4_000 + 8 * SAVE_MS_PER_GB);
  });

  it('makes saving a VM take longer the more memory it has', () => {
    expect(baseDurationMs({ kind: 'save-vm', memoryMb: 0 })).toBe(3_000);
    expect(baseDurationMs({ kind: 'save-vm', memoryMb: 4096 })).toBe(5_000);
    expect(baseDurationMs({ kind: 'save-vm', memoryMb: 65536 })).toBeGreaterThan(
      baseDurationMs({ kind: 'save-vm', memoryMb: 4096 }),
    );
  });

  it('makes live migration a fixed set-up plus 1.5 s per GB of VM memory', () => {
    expect(liveMigrationBaseMs(0)).toBe(2_000);
    expect(liveMigrationBaseMs(1024)).toBe(3_500);
    expect(liveMigrationBaseMs(16384)).toBe(26_000);
    const small = liveMigrationDurationMs(2048, context);
    const large = liveMigrationDurationMs(32768, context);
    expect(large).toBeGreaterThan(small * 5);
  });

  it('keeps every duration within ±10 % of base × time scale × host factor', () => {
    for (const kind of SIM_OPERATION_KINDS) {
      for (const jobId of ['a', 'b', 'c', 'd']) {
        const shape = { kind, memoryMb: 8192, checkpoint: { kind: 'Standard' as const, includesState: true } };
        const base = baseDurationMs(shape);
        const duration = operationDurationMs(shape, { ...context, jobId, timeScale: 0.5, latencyFactor: 3 });
        expect(duration).toBeGreaterThanOrEqual(Math.floor(base * 1.5 * 0.9));
        expect(duration).toBeLessThanOrEqual(Math.ceil(base * 1.5 * 1.1));
      }
    }
  });

  it('is instant at time scale 0 and on a host with latency factor 0', () => {
    expect(operationDurationMs({ kind: 'reinstall-host' }, { ...context, timeScale: 0 })).toBe(0);
    expect(operationDurationMs({ kind: 'reinstall-host' }, { ...context, latencyFactor: 0 })).toBe(0);
    expect(liveMigrationDurationMs(65536, { ...context, timeScale: 0 })).toBe(0);
  });

  it('runs in milliseconds at time scale 0.001', () => {
    expect(operationDurationMs({ kind: 'start-vm' }, { ...context, timeScale: 0.001 })).toBeGreaterThanOrEqual(9);
    expect(operationDurationMs({ kind: 'start-vm' }, { ...context, timeScale: 0.001 })).toBeLessThanOrEqual(11);
  });

  it('gives the same job the same duration, and different jobs or seeds different ones', () => {
    const one = operationDurationMs({ kind: 'reinstall-host' }, context);
    expect(operationDurationMs({ kind: 'reinstall-host' }, context)).toBe(one);
    const others = ['job-2', 'job-3', 'job-4'].map((jobId) =>
      operationDurationMs({ kind: 'reinstall-host' }, { ...context, jobId }),
    );
    expect(others.some((d) => d !== one)).toBe(true);
    const seeds = [1, 2, 3].map((seed) => operationDurationMs({ kind: 'reinstall-host' }, { ...context, seed }));
    expect(seeds.some((d) => d !== one)).toBe(true);
  });

  it('refuses a negative time scale or latency factor', () => {
    expect(() => operationDurationMs({ kind: 'start-vm' }, { ...context, timeScale: -1 })).toThrow(RangeError);
    expect(() => operationDurationMs({ kind: 'start-vm' }, { ...context, latencyFactor: Number.NaN })).toThrow(RangeError);
  });

  it('waits 30 s × time scale for an unresponsive host, but always a few milliseconds', () => {
    expect(unresponsiveTimeoutMs(1)).toBe(30_000);
    expect(unresponsiveTimeoutMs(0.01)).toBe(300);
    expect(unresponsiveTimeoutMs(0.0001)).toBe(5);
    expect(unresponsiveTimeoutMs(0)).toBe(5);
  });
});

describe('memory demand model', () => {
  it('puts a running guest between 40 % and 90 % of its memory', () => {
    for (let i = 0; i < 500; i++) {
      const demand = memoryDemandMb(4096, { seed: 42, vmId: `vm-${i}` });
      expect(demand).toBeGreaterThanOrEqual(Math.floor(4096 * 0.4));
      expect(demand).toBeLessThanOrEqual(Math.ceil(4096 * 0.9));
    }
  });

  it('is the same for the same VM and seed, and spreads over VMs', () => {
    const key = { seed: 7, vmId: '0b8a3a52-8f8f-4c8e-9d1e-1f2a3b4c5d6e' };
    expect(memoryDemandMb(8192, key)).toBe(memoryDemandMb(8192, key));
    const values = new Set(Array.from({ length: 50 }, (_, i) => memoryDemandMb(8192, { seed: 7, vmId: `vm-${i}` })));
    expect(values.size).toBeGreaterThan(40);
    expect(memoryDemandMb(8192, { ...key, sample: 1 })).not.toBe(memoryDemandMb(8192, { ...key, sample: 2 }));
  });
});

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = first.reduce((s, x) => s + x, 0) / first.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('hashes strings to unsigned 32-bit values (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('job-1')).not.toBe(hashString('job-2'));
  });
});
