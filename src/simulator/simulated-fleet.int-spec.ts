import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Simulator1764150000003 } from '../../migrations/1764150000003-simulator';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { DriverError, HostRef, HypervisorOperation, OperationContext, VmRef } from '../jobs/hypervisor-driver.port';
import { createDataSource, DatabaseSettings, migrate } from '../platform/database';
import { liveMigrationDurationMs, operationDurationMs } from './domain/latency-model';
import { SimulatedFleet } from './simulated-fleet';

const host = (overrides: Partial<HostRef> = {}): HostRef => ({
  hostId: randomUUID(),
  name: `hv-${Math.random().toString(36).slice(2, 8)}`,
  osVersion: 'WS2019',
  memoryMb: 262144,
  ...overrides,
});

const vm = (overrides: Partial<VmRef> = {}): VmRef => ({
  vmId: randomUUID(),
  name: `vm-${Math.random().toString(36).slice(2, 8)}`,
  generation: 2,
  configVersion: '9.0',
  memoryMb: 4096,
  processorCount: 2,
  ...overrides,
});

interface TestContext extends OperationContext {
  progress: number[];
  controller: AbortController;
}

const context = (jobId: string = randomUUID()): TestContext => {
  const controller = new AbortController();
  const progress: number[] = [];
  return { jobId, progress, controller, signal: controller.signal, onProgress: (p) => progress.push(p) };
};

async function driverError(promise: Promise<unknown>): Promise<DriverError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DriverError);
    return error as DriverError;
  }
  throw new Error('expected the operation to fail with a DriverError');
}

describe('simulated fleet', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let fleet: SimulatedFleet;

  before(async () => {
    database = await createTestDatabase('simulator');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 10,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    // Until the lead lists the migration in migrations/index.ts, apply it here.
    if (!MIGRATIONS.some((m) => m.name === Simulator1764150000003.name)) {
      const runner = dataSource.createQueryRunner();
      await new Simulator1764150000003().up(runner);
      await runner.release();
    }
    fleet = new SimulatedFleet(dataSource, { timeScale: 0.001, seed: 42 });
  });
  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const vmOf = async (hostId: string, vmId: string) => {
    const described = await fleet.describe();
    return described.hosts.find((h) => h.hostId === hostId)?.vms.find((v) => v.vmId === vmId);
  };

  describe('idempotency', () => {
    it('creates a host the first time an operation names it', async () => {
      const h = host({ osVersion: 'WS2016', memoryMb: 131072 });
      await fleet.run({ kind: 'create-vm', host: h, vm: vm() }, context());
      const described = await fleet.describe();
      expect(described.hosts.find((x) => x.hostId === h.hostId)).toMatchObject({
        name: h.name,
        osVersion: 'WS2016',
        memoryMb: 131072,
        state: 'Up',
        faults: null,
      });
      expect(described).toMatchObject({ timeScale: 0.001, seed: 42 });
    });

    it('leaves the same outcome when each operation runs twice', async () => {
      const h = host();
      const v = vm({ memoryMb: 8192 });
      const twice = async (operation: HypervisorOperation) => {
        const first = await fleet.run(operation, context());
        const second = await fleet.run(operation, context());
        expect(second.memoryDemandMb).toBe(first.memoryDemandMb);
        expect(second.details).toMatchObject({ vmState: first.details?.vmState, alreadyDone: true });
        return first;
      };
      await twice({ kind: 'create-vm', host: h, vm: v });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ state: 'Off', memoryMb: 8192, memoryDemandMb: 0 });

      const started = await twice({ kind: 'start-vm', host: h, vm: v });
      expect(started.memoryDemandMb).toBeGreaterThanOrEqual(8192 * 0.4);
      expect(started.memoryDemandMb).toBeLessThanOrEqual(8192 * 0.9);
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ state: 'Running', memoryDemandMb: started.memoryDemandMb });

      await twice({ kind: 'pause-vm', host: h, vm: v });
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Paused');
      const resumed = await twice({ kind: 'resume-vm', host: h, vm: v });
      expect(resumed.memoryDemandMb).toBe(started.memoryDemandMb);
      await twice({ kind: 'save-vm', host: h, vm: v });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ state: 'Saved', memoryDemandMb: 0 });
      await twice({ kind: 'start-vm', host: h, vm: v });
      await twice({ kind: 'stop-vm', host: h, vm: v, mode: 'shutdown' });
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Off');
      await twice({ kind: 'stop-vm', host: h, vm: v, mode: 'turn-off' });
      await twice({ kind: 'delete-vm', host: h, vm: v });
      expect(await vmOf(h.hostId, v.vmId)).toBeUndefined();
    });

    it('survives concurrent deliveries of the same create', async () => {
      const h = host();
      const v = vm();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => fleet.run({ kind: 'create-vm', host: h, vm: v }, context())),
      );
      expect(results.filter((r) => r.details?.alreadyDone === false).length).toBeLessThanOrEqual(1);
      const described = await fleet.describe();
      expect(described.hosts.find((x) => x.hostId === h.hostId)?.vms).toHaveLength(1);
    });

    it('answers VM_NOT_FOUND for a VM the host does not have, or that lives on another host', async () => {
      const h = host();
      const error = await driverError(fleet.run({ kind: 'start-vm', host: h, vm: vm() }, context()));
      expect(error.code).toBe('VM_NOT_FOUND');
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      const elsewhere = await driverError(fleet.run({ kind: 'start-vm', host: host(), vm: v }, context()));
      expect(elsewhere.code).toBe('VM_NOT_FOUND');
      expect(elsewhere.message).toContain(h.hostId);
      const duplicate = await driverError(fleet.run({ kind: 'create-vm', host: host(), vm: v }, context()));
      expect(duplicate.code).toBe('OPERATION_FAILED');
    });

    it('refuses at once what Hyper-V would refuse in the VM state, changing nothing', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const error = await driverError(fleet.run({ kind: 'delete-vm', host: h, vm: v }, context()));
      expect(error.code).toBe('OPERATION_FAILED');
      expect(error.message).toContain('turn it off');
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Running');
    });

    it('keeps the fleet in PostgreSQL, so another process sees the same state', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const other = new SimulatedFleet(dataSource, { timeScale: 0, seed: 42 });
      const seen = (await other.describe()).hosts.find((x) => x.hostId === h.hostId);
      expect(seen?.vms).toEqual([expect.objectContaining({ vmId: v.vmId, state: 'Running' })]);
      expect(seen?.memoryAssignedMb).toBe(v.memoryMb);
      await other.run({ kind: 'start-vm', host: h, vm: v }, context());
    });
  });

  describe('faults', () => {
    it('fails the named operations with OPERATION_FAILED and a message naming host, operation and the fault', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      const faults = await fleet.setFaults(h.hostId, { failOperations: ['start-vm', 'save-vm'] });
      expect(faults).toMatchObject({
        hostId: h.hostId,
        failOperations: ['start-vm', 'save-vm'],
        unresponsive: false,
        crashed: false,
        latencyFactor: 1,
        hostState: 'Up',
        vmsTurnedOff: [],
      });
      const error = await driverError(fleet.run({ kind: 'start-vm', host: h, vm: v }, context()));
      expect(error.code).toBe('OPERATION_FAILED');
      expect(error.message).toContain(h.name);
      expect(error.message).toContain('start-vm');
      expect(error.message).toContain('injected fault');
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Off');
      // Other operations still work, and clearing the fault lets the start through.
      await fleet.run({ kind: 'stop-vm', host: h, vm: v, mode: 'turn-off' }, context());
      await fleet.clearFaults(h.hostId);
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Running');
    });

    it('merges fault settings: a later call keeps what it does not mention', async () => {
      const h = host();
      await fleet.setFaults(h.hostId, { failOperations: ['delete-vm'] });
      const merged = await fleet.setFaults(h.hostId, { latencyFactor: 2.5 });
      expect(merged).toMatchObject({ failOperations: ['delete-vm'], latencyFactor: 2.5, hostState: null });
      await expect(fleet.setFaults(h.hostId, { latencyFactor: 1001 })).rejects.toThrow(RangeError);
      await expect(fleet.setFaults(h.hostId, { failOperations: ['format-c' as never] })).rejects.toThrow(RangeError);
    });

    it('makes an unresponsive host time out with HOST_UNRESPONSIVE after 30 s × time scale', async () => {
      const fast = new SimulatedFleet(dataSource, { timeScale: 0.001, seed: 42 });
      const h = host();
      await fast.setFaults(h.hostId, { unresponsive: true });
      const startedAt = Date.now();
      const error = await driverError(fast.run({ kind: 'create-vm', host: h, vm: vm() }, context()));
      expect(error.code).toBe('HOST_UNRESPONSIVE');
      expect(error.message).toContain(h.name);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(25);
      await fast.setFaults(h.hostId, { unresponsive: false });
      await fast.run({ kind: 'create-vm', host: h, vm: vm() }, context());
    });

    it('crashes a host: its running VMs go Off, and every operation fails HOST_DOWN until cleared', async () => {
      const h = host();
      const running = vm();
      const paused = vm();
      const saved = vm();
      const off = vm();
      for (const v of [running, paused, saved, off]) await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      for (const v of [running, paused, saved]) await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      await fleet.run({ kind: 'pause-vm', host: h, vm: paused }, context());
      await fleet.run({ kind: 'save-vm', host: h, vm: saved }, context());

      const crashed = await fleet.setFaults(h.hostId, { crash: true });
      expect(crashed).toMatchObject({ crashed: true, hostState: 'Down' });
      expect(crashed.vmsTurnedOff).toEqual([running.vmId, paused.vmId].sort());
      const described = (await fleet.describe()).hosts.find((x) => x.hostId === h.hostId)!;
      expect(described.state).toBe('Down');
      expect(Object.fromEntries(described.vms.map((v) => [v.vmId, v.state]))).toEqual({
        [running.vmId]: 'Off',
        [paused.vmId]: 'Off',
        [saved.vmId]: 'Saved',
        [off.vmId]: 'Off',
      });
      expect(described.memoryAssignedMb).toBe(0);

      for (const operation of [
        { kind: 'start-vm', host: h, vm: running },
        { kind: 'create-vm', host: h, vm: vm() },
        { kind: 'reinstall-host', host: h, targetOsVersion: 'WS2022' },
      ] as HypervisorOperation[]) {
        const error = await driverError(fleet.run(operation, context()));
        expect(error.code).toBe('HOST_DOWN');
        expect(error.message).toContain(h.name);
      }
      // Crashing again changes nothing more.
      expect((await fleet.setFaults(h.hostId, { crash: true })).vmsTurnedOff).toEqual([]);

      const cleared = await fleet.clearFaults(h.hostId);
      expect(cleared).toEqual({ clearedHostIds: [h.hostId], recoveredHostIds: [h.hostId] });
      const back = (await fleet.describe()).hosts.find((x) => x.hostId === h.hostId)!;
      expect(back).toMatchObject({ state: 'Up', faults: null });
      expect(back.vms.find((v) => v.vmId === running.vmId)?.state).toBe('Off');
      await fleet.run({ kind: 'start-vm', host: h, vm: running }, context());
    });

    it('fails an operation that was in flight when its host crashed', async () => {
      const slow = new SimulatedFleet(dataSource, { timeScale: 0.02, seed: 42 });
      const h = host();
      const v = vm();
      await slow.run({ kind: 'create-vm', host: h, vm: v }, context());
      const starting = slow.run({ kind: 'start-vm', host: h, vm: v }, context()); // ~200 ms
      await new Promise((resolve) => setTimeout(resolve, 50));
      await slow.setFaults(h.hostId, { crash: true });
      expect((await driverError(starting)).code).toBe('HOST_DOWN');
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Off');
      await slow.setFaults(h.hostId, { crash: false });
      expect((await slow.describe()).hosts.find((x) => x.hostId === h.hostId)?.state).toBe('Up');
    });

    it('applies a crash set before the fleet has seen the host, and lists it as pending', async () => {
      const h = host();
      const set = await fleet.setFaults(h.hostId, { crash: true });
      expect(set).toMatchObject({ hostState: null, vmsTurnedOff: [] });
      expect((await fleet.describe()).pendingFaults).toContainEqual(expect.objectContaining({ hostId: h.hostId, crashed: true }));
      expect((await driverError(fleet.run({ kind: 'create-vm', host: h, vm: vm() }, context()))).code).toBe('HOST_DOWN');
      await fleet.clearFaults();
      const described = await fleet.describe();
      expect(described.pendingFaults).toEqual([]);
      expect(described.hosts.every((x) => x.state === 'Up' && x.faults === null)).toBe(true);
    });

    it('slows a host down by its latency factor', async () => {
      const h = host();
      const v = vm();
      const jobId = randomUUID();
      const normal = await fleet.run({ kind: 'create-vm', host: h, vm: v }, context(jobId));
      await fleet.setFaults(h.hostId, { latencyFactor: 10 });
      const slow = await fleet.run({ kind: 'create-vm', host: h, vm: v }, context(jobId));
      const expected = (latencyFactor: number) =>
        operationDurationMs({ kind: 'create-vm' }, { timeScale: 0.001, seed: 42, latencyFactor, jobId });
      expect(normal.details?.durationMs).toBe(expected(1));
      expect(slow.details?.durationMs).toBe(expected(10));
      expect(slow.details?.durationMs).toBeGreaterThan((normal.details?.durationMs as number) * 5);
      await fleet.clearFaults(h.hostId);
    });
  });

  describe('time', () => {
    it('reports progress in about ten rising steps, ending at 100', async () => {
      const slow = new SimulatedFleet(dataSource, { timeScale: 0.005, seed: 42 });
      const h = host();
      const ctx = context();
      await slow.run({ kind: 'create-vm', host: h, vm: vm() }, ctx); // ~25 ms
      expect(ctx.progress.length).toBeGreaterThanOrEqual(8);
      expect(ctx.progress.length).toBeLessThanOrEqual(10);
      expect(ctx.progress.at(-1)).toBe(100);
      expect([...ctx.progress].sort((a, b) => a - b)).toEqual(ctx.progress);
      const instant = context();
      await new SimulatedFleet(dataSource, { timeScale: 0, seed: 42 }).run({ kind: 'create-vm', host: h, vm: vm() }, instant);
      expect(instant.progress).toEqual([100]);
    });

    it('stops early with CANCELLED when the job is cancelled, changing nothing', async () => {
      const realistic = new SimulatedFleet(dataSource, { timeScale: 0.01, seed: 42 });
      const h = host({ osVersion: 'WS2019' });
      await realistic.run({ kind: 'create-vm', host: h, vm: vm() }, context());
      const ctx = context();
      const reinstalling = realistic.run({ kind: 'reinstall-host', host: h, targetOsVersion: 'WS2022' }, ctx); // ~6 s
      await new Promise((resolve) => setTimeout(resolve, 30));
      const abortedAt = Date.now();
      ctx.controller.abort();
      expect((await driverError(reinstalling)).code).toBe('CANCELLED');
      expect(Date.now() - abortedAt).toBeLessThan(200);
      expect((await realistic.describe()).hosts.find((x) => x.hostId === h.hostId)?.osVersion).toBe('WS2019');

      const already = context();
      already.controller.abort();
      expect((await driverError(realistic.run({ kind: 'create-vm', host: h, vm: vm() }, already))).code).toBe('CANCELLED');
    });

    it('lets a cancellation end the wait for an unresponsive host', async () => {
      const realistic = new SimulatedFleet(dataSource, { timeScale: 1, seed: 42 });
      const h = host();
      await realistic.setFaults(h.hostId, { unresponsive: true });
      const ctx = context();
      const waiting = realistic.run({ kind: 'create-vm', host: h, vm: vm() }, ctx); // would wait 30 s
      setTimeout(() => ctx.controller.abort(), 20);
      expect((await driverError(waiting)).code).toBe('CANCELLED');
      await realistic.clearFaults(h.hostId);
    });

    it('makes saving, and live migration, take longer the more memory the VM has', async () => {
      const h = host();
      const small = vm({ memoryMb: 1024 });
      const large = vm({ memoryMb: 131072 });
      const durations: number[] = [];
      for (const v of [small, large]) {
        await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
        await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
        const saved = await fleet.run({ kind: 'save-vm', host: h, vm: v }, context('same-job'));
        durations.push(saved.details?.durationMs as number);
      }
      expect(durations[1]).toBeGreaterThan(durations[0] * 10);
      const latency = { timeScale: 1, latencyFactor: 1, seed: 42, jobId: 'migration' };
      const migrations = [1024, 4096, 16384, 65536].map((memoryMb) => liveMigrationDurationMs(memoryMb, latency));
      expect([...migrations].sort((a, b) => a - b)).toEqual(migrations);
      expect(migrations[3] - migrations[2]).toBeGreaterThan(2 * (migrations[2] - migrations[1]));
    });

    it('is deterministic for a seed: same job, same duration; same VM, same memory demand', async () => {
      const seeded = (seed: number) => new SimulatedFleet(dataSource, { timeScale: 0.001, seed });
      const vmId = randomUUID();
      const jobId = randomUUID();
      // Starts the VM on a fresh host (the previous copy removed), as a re-run of the whole scenario.
      const startFresh = async (f: SimulatedFleet, startJobId: string) => {
        await dataSource.query('DELETE FROM sim_vms WHERE vm_id = $1', [vmId]);
        const h = host();
        const v = vm({ vmId, memoryMb: 16384 });
        await f.run({ kind: 'create-vm', host: h, vm: v }, context());
        return f.run({ kind: 'start-vm', host: h, vm: v }, context(startJobId));
      };
      const a = await startFresh(seeded(7), jobId);
      const b = await startFresh(seeded(7), jobId);
      expect(b.details?.durationMs).toBe(a.details?.durationMs);
      expect(b.memoryDemandMb).toBe(a.memoryDemandMb);
      const otherSeeds = [];
      for (const seed of [1, 2, 3, 4]) otherSeeds.push(await startFresh(seeded(seed), jobId));
      expect(otherSeeds.some((o) => o.memoryDemandMb !== a.memoryDemandMb)).toBe(true);
    });
  });

  describe('reinstall-host', () => {
    it('changes the host OS, and running it again changes nothing more', async () => {
      const h = host({ osVersion: 'WS2019' });
      await fleet.run({ kind: 'create-vm', host: h, vm: vm() }, context());
      const first = await fleet.run({ kind: 'reinstall-host', host: h, targetOsVersion: 'WS2022' }, context());
      expect(first.details).toMatchObject({ osVersion: 'WS2022', previousOsVersion: 'WS2019', alreadyDone: false });
      const second = await fleet.run({ kind: 'reinstall-host', host: h, targetOsVersion: 'WS2022' }, context());
      expect(second.details).toMatchObject({ osVersion: 'WS2022', alreadyDone: true });
      expect((await fleet.describe()).hosts.find((x) => x.hostId === h.hostId)?.osVersion).toBe('WS2022');
    });

    it('refuses to reinstall a host that still runs VMs', async () => {
      const h = host({ osVersion: 'WS2019' });
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const error = await driverError(fleet.run({ kind: 'reinstall-host', host: h, targetOsVersion: 'WS2022' }, context()));
      expect(error.code).toBe('OPERATION_FAILED');
      expect(error.message).toContain('drain');
    });

    it('finishes at once at time scale 0', async () => {
      const h = host({ osVersion: 'WS2022' });
      const instant = new SimulatedFleet(dataSource, { timeScale: 0, seed: 42 });
      const ctx = context();
      const result = await instant.run({ kind: 'reinstall-host', host: h, targetOsVersion: 'WS2025' }, ctx);
      expect(result.details).toMatchObject({ durationMs: 0, osVersion: 'WS2025', previousOsVersion: 'WS2022' });
      expect(ctx.progress).toEqual([100]);
    });
  });
});
