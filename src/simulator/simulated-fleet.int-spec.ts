import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Simulator1764150000003 } from '../../migrations/1764150000003-simulator';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import {
  CheckpointRef,
  ClusterRef,
  DriverError,
  HostRef,
  HypervisorOperation,
  OperationContext,
  OperationResult,
  VmRef,
} from '../jobs/hypervisor-driver.port';
import { createDataSource, DatabaseSettings, migrate } from '../platform/database';
import { guestApplicationStatus } from './domain/guest-heartbeat';
import { liveMigrationDurationMs, memoryDemandMb, operationDurationMs, unresponsiveTimeoutMs } from './domain/latency-model';
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

/** What the promise rejects with; fails when it resolves. */
async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
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

    it("reports Hyper-V's own ids of what it creates, the same ones when asked again", async () => {
      const h = host({ osVersion: 'WS2016' });
      const v = vm({ configVersion: '8.0' });
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      const created = await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      const hypervisorVmId = created.details?.hypervisorVmId as string;
      expect(hypervisorVmId).toMatch(uuid);
      expect(hypervisorVmId).not.toBe(v.vmId);
      const again = await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      expect(again.details).toMatchObject({ alreadyDone: true, hypervisorVmId });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ hypervisorId: hypervisorVmId });
      // Another VM gets another id.
      const other = await fleet.run({ kind: 'create-vm', host: h, vm: vm({ configVersion: '8.0' }) }, context());
      expect(other.details?.hypervisorVmId).not.toBe(hypervisorVmId);

      const taken: CheckpointRef = { checkpointId: randomUUID(), name: 'before patch', kind: 'Standard', includesState: false };
      const first = await fleet.run({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: taken }, context());
      const hypervisorCheckpointId = first.details?.hypervisorCheckpointId as string;
      expect(hypervisorCheckpointId).toMatch(uuid);
      expect(hypervisorCheckpointId).not.toBe(taken.checkpointId);
      const second = await fleet.run({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: taken }, context());
      expect(second.details).toMatchObject({ alreadyDone: true, hypervisorCheckpointId });
      expect((await vmOf(h.hostId, v.vmId))?.checkpoints).toEqual([
        expect.objectContaining({ checkpointId: taken.checkpointId, hypervisorId: hypervisorCheckpointId }),
      ]);
      // Other operations report no creation.
      const started = await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      expect(started.details).not.toHaveProperty('hypervisorVmId');
      expect(started.details).not.toHaveProperty('hypervisorCheckpointId');
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

    it('drops the remoting session of the named operations: a plain Error, not a DriverError, and nothing changed', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      const faults = await fleet.setFaults(h.hostId, { dropSessions: ['start-vm', 'start-vm', 'delete-vm'] });
      expect(faults).toMatchObject({ hostId: h.hostId, failOperations: [], dropSessions: ['start-vm', 'delete-vm'], hostState: 'Up' });
      expect((await fleet.describe()).hosts.find((x) => x.hostId === h.hostId)?.faults).toMatchObject({
        dropSessions: ['start-vm', 'delete-vm'],
      });

      const error = await thrown(fleet.run({ kind: 'start-vm', host: h, vm: v }, context()));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(DriverError);
      expect((error as Error).message).toBe(
        `The WinRM session to host ${h.name} (${h.hostId}) was reset while running start-vm ` +
          '(injected fault: the simulator is set to drop the remoting session of start-vm on this host)',
      );
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Off');

      // Merged like failOperations: a later call keeps what it does not mention, a list replaces the list.
      const merged = await fleet.setFaults(h.hostId, { failOperations: ['save-vm'] });
      expect(merged).toMatchObject({ failOperations: ['save-vm'], dropSessions: ['start-vm', 'delete-vm'] });
      expect((await fleet.setFaults(h.hostId, { dropSessions: ['delete-vm'] })).dropSessions).toEqual(['delete-vm']);
      await expect(fleet.setFaults(h.hostId, { dropSessions: ['format-c' as never] })).rejects.toThrow(
        'Unknown operation kinds: format-c',
      );
      expect((await fleet.describe()).hosts.find((x) => x.hostId === h.hostId)?.faults?.dropSessions).toEqual(['delete-vm']);

      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      expect((await vmOf(h.hostId, v.vmId))?.state).toBe('Running');
      await fleet.clearFaults(h.hostId);
      expect((await fleet.describe()).hosts.find((x) => x.hostId === h.hostId)?.faults).toBeNull();
      await fleet.run({ kind: 'stop-vm', host: h, vm: v, mode: 'turn-off' }, context());
      await fleet.run({ kind: 'delete-vm', host: h, vm: v }, context());
    });

    it('checks a host down, then unresponsive, then failOperations, and only then a dropped session', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.setFaults(h.hostId, { dropSessions: ['start-vm'], failOperations: ['start-vm'] });
      // The host refuses what it is set to refuse as soon as it is asked: the refusal is the answer.
      expect((await driverError(fleet.run({ kind: 'start-vm', host: h, vm: v }, context()))).code).toBe('OPERATION_FAILED');
      await fleet.setFaults(h.hostId, { unresponsive: true });
      expect((await driverError(fleet.run({ kind: 'start-vm', host: h, vm: v }, context()))).code).toBe('HOST_UNRESPONSIVE');
      await fleet.setFaults(h.hostId, { unresponsive: false, crash: true });
      expect((await driverError(fleet.run({ kind: 'start-vm', host: h, vm: v }, context()))).code).toBe('HOST_DOWN');
      await fleet.setFaults(h.hostId, { crash: false, failOperations: [] });
      const dropped = await thrown(fleet.run({ kind: 'start-vm', host: h, vm: v }, context()));
      expect(dropped).not.toBeInstanceOf(DriverError);
      expect((dropped as Error).message).toContain('was reset while running start-vm');
      await fleet.clearFaults(h.hostId);
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

  describe('VM configuration', () => {
    /** Runs an operation twice, as a re-delivered job: the second run finds it done and reports the same. */
    const twice = async (operation: HypervisorOperation): Promise<OperationResult> => {
      const first = await fleet.run(operation, context());
      const second = await fleet.run(operation, context());
      expect(second.details).toMatchObject({ vmState: first.details?.vmState, alreadyDone: true });
      expect(second.memoryDemandMb).toBe(first.memoryDemandMb);
      expect(second.heartbeat).toBe(first.heartbeat);
      return first;
    };
    const checkpoint = (overrides: Partial<CheckpointRef> = {}): CheckpointRef => ({
      checkpointId: randomUUID(),
      name: `cp-${Math.random().toString(36).slice(2, 8)}`,
      kind: 'Production',
      includesState: false,
      ...overrides,
    });
    const guest = (v: VmRef) => ({ seed: 42, vmId: v.vmId });

    it('configures an Off VM: firmware, processors, then a version upgrade; re-runs change nothing', async () => {
      const h = host({ osVersion: 'WS2016' });
      const v = vm({ configVersion: '5.0', processorCount: 2 });
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({
        secureBoot: true,
        secureBootTemplate: 'MicrosoftWindows',
        disabledIntegrationServices: ['GuestServiceInterface'],
        adapters: [],
        disks: [],
        checkpoints: [],
        heartbeat: null,
      });

      const firmware = await twice({
        kind: 'set-vm-firmware',
        host: h,
        vm: v,
        secureBoot: true,
        secureBootTemplate: 'MicrosoftUEFICertificateAuthority',
      });
      expect(firmware.details).toMatchObject({ vmState: 'Off', alreadyDone: false });
      await twice({ kind: 'set-vm-processor', host: h, vm: v, processorCount: 8, compatibilityForMigration: true });
      const upgraded = await twice({ kind: 'upgrade-vm-version', host: h, vm: v, targetVersion: '8.0' });
      expect(upgraded.details).toMatchObject({ configVersion: '8.0', previousConfigVersion: '5.0', alreadyDone: false });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({
        state: 'Off',
        configVersion: '8.0',
        secureBootTemplate: 'MicrosoftUEFICertificateAuthority',
        processorCount: 8,
        compatibilityForMigration: true,
      });
    });

    it('changes a running Generation 2 VM and reports its memory demand and heartbeat each time', async () => {
      const h = host({ osVersion: 'WS2016' });
      const v = vm({ configVersion: '8.0', memoryMb: 4096 });
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      const started = await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const status = guestApplicationStatus(guest(v));
      expect(started).toMatchObject({ memoryDemandMb: memoryDemandMb(4096, guest(v)), heartbeat: status });

      const adapter = { id: randomUUID(), name: 'Storage', switchName: 'SAN' };
      const added = await twice({ kind: 'add-network-adapter', host: h, vm: v, adapter });
      expect(added).toMatchObject({ heartbeat: status, details: { vmState: 'Running' } });
      const disk = { id: randomUUID(), name: 'data', sizeGb: 200 };
      await twice({ kind: 'add-vm-disk', host: h, vm: v, disk });
      await twice({ kind: 'update-integration-services', host: h, vm: v, version: '10.0.14393.1000' });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({
        state: 'Running',
        adapters: [adapter],
        disks: [disk],
        integrationServicesVersion: '10.0.14393.1000',
        heartbeat: status,
      });

      // Growing and then shrinking (to no less than the guest uses) keeps demand within the new size.
      const grown = await twice({ kind: 'set-vm-memory', host: h, vm: v, memory: { startupMb: 8192, dynamic: null } });
      expect(grown.memoryDemandMb).toBe(memoryDemandMb(8192, guest(v)));
      const inUse = grown.memoryDemandMb!;
      const shrunk = await twice({
        kind: 'set-vm-memory',
        host: h,
        vm: { ...v, memoryMb: 8192 },
        memory: { startupMb: inUse, dynamic: null },
      });
      expect(shrunk.memoryDemandMb).toBe(memoryDemandMb(inUse, guest(v)));
      expect(shrunk.memoryDemandMb).toBeLessThanOrEqual(inUse);
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ memoryMb: inUse, memoryDemandMb: shrunk.memoryDemandMb });

      await twice({ kind: 'remove-network-adapter', host: h, vm: v, adapter });
      expect((await vmOf(h.hostId, v.vmId))?.adapters).toEqual([]);
    });

    it('reports Disabled while the Heartbeat service is off, on every operation and after a restart', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const disabled = await twice({ kind: 'set-integration-service', host: h, vm: v, service: 'Heartbeat', enabled: false });
      expect(disabled.heartbeat).toBe('Disabled');
      expect(disabled.memoryDemandMb).toBe(memoryDemandMb(v.memoryMb, guest(v)));
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({
        heartbeat: 'Disabled',
        disabledIntegrationServices: ['Heartbeat', 'GuestServiceInterface'],
      });
      await fleet.run({ kind: 'pause-vm', host: h, vm: v }, context());
      expect((await fleet.run({ kind: 'resume-vm', host: h, vm: v }, context())).heartbeat).toBe('Disabled');
      await fleet.run({ kind: 'stop-vm', host: h, vm: v, mode: 'shutdown' }, context());
      const offChange = await fleet.run(
        { kind: 'set-integration-service', host: h, vm: v, service: 'Heartbeat', enabled: true },
        context(),
      );
      expect(offChange.heartbeat).toBeUndefined(); // an Off guest reports nothing
      expect((await fleet.run({ kind: 'start-vm', host: h, vm: v }, context())).heartbeat).toBe(guestApplicationStatus(guest(v)));
    });

    it('takes, applies and deletes checkpoints; an upgrade of the saved VM then drops the saved states', async () => {
      const h = host({ osVersion: 'WS2016' });
      const v = vm({ configVersion: '5.0', memoryMb: 4096 });
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      const offline = checkpoint({ kind: 'Production' });
      await twice({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: offline });
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const online = checkpoint({ kind: 'Standard', includesState: true });
      const taken = await twice({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: online });
      expect(taken).toMatchObject({ heartbeat: guestApplicationStatus(guest(v)), details: { vmState: 'Running' } });
      await fleet.run({ kind: 'stop-vm', host: h, vm: v, mode: 'turn-off' }, context());
      await fleet.run(
        { kind: 'set-vm-processor', host: h, vm: v, processorCount: 6, compatibilityForMigration: false },
        context(),
      );
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({
        processorCount: 6,
        currentCheckpointId: online.checkpointId,
        checkpoints: [
          expect.objectContaining({ checkpointId: offline.checkpointId, parentId: null, includesState: false }),
          expect.objectContaining({ checkpointId: online.checkpointId, parentId: offline.checkpointId, includesState: true }),
        ],
      });

      // Applying the online checkpoint leaves the VM Saved with the hardware it had then.
      const applied = await twice({ kind: 'apply-checkpoint', host: h, vm: v, checkpoint: online, resultingState: 'Saved' });
      expect(applied.details).toMatchObject({ vmState: 'Saved', alreadyDone: false });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ state: 'Saved', processorCount: 2, memoryDemandMb: 0 });

      const upgraded = await twice({ kind: 'upgrade-vm-version', host: h, vm: v, targetVersion: '8.0' });
      expect(upgraded.details).toMatchObject({
        vmState: 'Off',
        alreadyDone: false,
        checkpointsMadeOffline: [online.checkpointId],
      });
      const afterUpgrade = await vmOf(h.hostId, v.vmId);
      expect(afterUpgrade).toMatchObject({ state: 'Off', configVersion: '8.0' });
      expect(afterUpgrade?.checkpoints.map((c) => c.includesState)).toEqual([false, false]);

      const deleted = await twice({ kind: 'delete-checkpoint', host: h, vm: v, checkpoint: offline, subtree: false });
      expect(deleted.details).toMatchObject({ removedCheckpointIds: [offline.checkpointId], alreadyDone: false });
      expect((await vmOf(h.hostId, v.vmId))?.checkpoints).toEqual([
        expect.objectContaining({ checkpointId: online.checkpointId, parentId: null }),
      ]);
      await twice({ kind: 'delete-checkpoint', host: h, vm: v, checkpoint: online, subtree: true });
      expect(await vmOf(h.hostId, v.vmId)).toMatchObject({ checkpoints: [], currentCheckpointId: null });
    });

    it('takes as long as the latency model says: a checkpoint with saved memory longer than one without', async () => {
      const h = host();
      const v = vm({ memoryMb: 65536 });
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.run({ kind: 'start-vm', host: h, vm: v }, context());
      const jobId = randomUUID();
      const durations = [];
      for (const taken of [
        checkpoint({ kind: 'Standard', includesState: false }),
        checkpoint({ kind: 'Standard', includesState: true }),
      ]) {
        const result = await fleet.run({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: taken }, context(jobId));
        expect(result.details?.durationMs).toBe(
          operationDurationMs(
            { kind: 'create-checkpoint', memoryMb: 65536, checkpoint: taken },
            { timeScale: 0.001, seed: 42, latencyFactor: 1, jobId },
          ),
        );
        durations.push(result.details?.durationMs as number);
      }
      expect(durations[1]).toBeGreaterThan(durations[0] * 5);
    });

    it('refuses at once what Hyper-V would refuse in the VM state or configuration, changing nothing', async () => {
      const h = host({ osVersion: 'WS2016' });
      const gen1 = vm({ generation: 1, configVersion: '8.0' });
      await fleet.run({ kind: 'create-vm', host: h, vm: gen1 }, context());
      await fleet.run({ kind: 'start-vm', host: h, vm: gen1 }, context());
      const before = await vmOf(h.hostId, gen1.vmId);
      const adapter = { id: randomUUID(), name: 'eth1', switchName: 'External' };
      const refusals: Array<[HypervisorOperation, string]> = [
        [
          { kind: 'set-vm-firmware', host: h, vm: gen1, secureBoot: false, secureBootTemplate: 'MicrosoftWindows' },
          'turn it off first',
        ],
        [
          { kind: 'set-vm-processor', host: h, vm: gen1, processorCount: 4, compatibilityForMigration: false },
          'turn it off first',
        ],
        [{ kind: 'upgrade-vm-version', host: h, vm: gen1, targetVersion: '8.0' }, 'turn it off or save it first'],
        [{ kind: 'add-network-adapter', host: h, vm: gen1, adapter }, 'only on Generation 2'],
        [
          { kind: 'apply-checkpoint', host: h, vm: gen1, checkpoint: checkpoint({ name: 'never taken' }), resultingState: 'Off' },
          'no checkpoint never taken',
        ],
      ];
      for (const [operation, reason] of refusals) {
        const error = await driverError(fleet.run(operation, context()));
        expect(error.code).toBe('OPERATION_FAILED');
        expect(error.message).toContain(reason);
        expect(error.message).toContain(h.name);
      }
      expect(await vmOf(h.hostId, gen1.vmId)).toEqual(before);

      await fleet.run({ kind: 'save-vm', host: h, vm: gen1 }, context());
      const saved = await driverError(
        fleet.run({ kind: 'set-vm-memory', host: h, vm: gen1, memory: { startupMb: 8192, dynamic: null } }, context()),
      );
      expect(saved.message).toContain('while the VM is Saved');
      await fleet.run({ kind: 'stop-vm', host: h, vm: gen1, mode: 'turn-off' }, context());
      const gen1Firmware = await driverError(
        fleet.run(
          { kind: 'set-vm-firmware', host: h, vm: gen1, secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
          context(),
        ),
      );
      expect(gen1Firmware.message).toContain('Generation 1');

      const absent = await driverError(
        fleet.run({ kind: 'create-checkpoint', host: h, vm: vm(), checkpoint: checkpoint() }, context()),
      );
      expect(absent.code).toBe('VM_NOT_FOUND');
    });

    it('fails a new kind of operation named in failOperations, changing nothing', async () => {
      const h = host();
      const v = vm();
      await fleet.run({ kind: 'create-vm', host: h, vm: v }, context());
      await fleet.setFaults(h.hostId, { failOperations: ['create-checkpoint', 'set-vm-memory'] });
      const error = await driverError(
        fleet.run({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: checkpoint() }, context()),
      );
      expect(error.code).toBe('OPERATION_FAILED');
      expect(error.message).toContain('injected fault');
      expect(error.message).toContain('create-checkpoint');
      expect((await vmOf(h.hostId, v.vmId))?.checkpoints).toEqual([]);
      // Other new kinds still work; clearing the fault lets the checkpoint through.
      await fleet.run({ kind: 'add-vm-disk', host: h, vm: v, disk: { id: randomUUID(), name: 'd', sizeGb: 10 } }, context());
      await fleet.clearFaults(h.hostId);
      await fleet.run({ kind: 'create-checkpoint', host: h, vm: v, checkpoint: checkpoint() }, context());
      expect((await vmOf(h.hostId, v.vmId))?.checkpoints).toHaveLength(1);
    });

    it('gives every running VM a heartbeat fixed per seed and VM: about a quarter OkApplicationsUnknown over 1,000 VMs', async () => {
      const instant = new SimulatedFleet(dataSource, { timeScale: 0, seed: 42 });
      const h = host();
      const vms = Array.from({ length: 1000 }, () => vm({ memoryMb: 1024 }));
      const heartbeats: Array<string | undefined> = [];
      for (let i = 0; i < vms.length; i += 25) {
        const batch = vms.slice(i, i + 25);
        heartbeats.push(
          ...(await Promise.all(
            batch.map(async (v) => {
              await instant.run({ kind: 'create-vm', host: h, vm: v }, context());
              return (await instant.run({ kind: 'start-vm', host: h, vm: v }, context())).heartbeat;
            }),
          )),
        );
      }
      expect(heartbeats).toEqual(vms.map((v) => guestApplicationStatus(guest(v))));
      const unknown = heartbeats.filter((s) => s === 'OkApplicationsUnknown').length / vms.length;
      expect(unknown).toBeGreaterThanOrEqual(0.15);
      expect(unknown).toBeLessThanOrEqual(0.35);
      expect(new Set(heartbeats)).toEqual(new Set(['OkApplicationsHealthy', 'OkApplicationsUnknown', 'OkApplicationsCritical']));
      // Another fleet process with the same seed sees the same, in describe() as well.
      const other = new SimulatedFleet(dataSource, { timeScale: 0, seed: 42 });
      const described = (await other.describe()).hosts.find((x) => x.hostId === h.hostId)!;
      expect(new Map(described.vms.map((d) => [d.vmId, d.heartbeat]))).toEqual(
        new Map(vms.map((v, i) => [v.vmId, heartbeats[i]])),
      );
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

  describe('migrate-vm', () => {
    const limits = { source: 2, destination: 2 };
    const guest = (v: VmRef) => ({ seed: 42, vmId: v.vmId });
    const cluster = (): ClusterRef => ({ clusterId: randomUUID(), name: `fc-${Math.random().toString(36).slice(2, 8)}` });
    /** A VM on a fresh source host, in the given state. */
    const placed = async (state: 'Off' | 'Running' | 'Paused' | 'Saved', overrides: Partial<VmRef> = {}) => {
      const source = host({ osVersion: 'WS2016' });
      const v = vm({ configVersion: '8.0', ...overrides });
      await fleet.run({ kind: 'create-vm', host: source, vm: v }, context());
      if (state !== 'Off') await fleet.run({ kind: 'start-vm', host: source, vm: v }, context());
      if (state === 'Paused') await fleet.run({ kind: 'pause-vm', host: source, vm: v }, context());
      if (state === 'Saved') await fleet.run({ kind: 'save-vm', host: source, vm: v }, context());
      return { source, v };
    };
    const migrate = (
      source: HostRef,
      v: VmRef,
      destination: HostRef,
      migrationType: 'Live' | 'Quick' = 'Live',
    ): HypervisorOperation => ({
      kind: 'migrate-vm',
      host: source,
      vm: v,
      destination,
      migrationType,
      cluster: cluster(),
      limits,
    });

    it('live-migrates a running VM: it keeps running, with its configuration, on the destination', async () => {
      const { source, v } = await placed('Running', { memoryMb: 8192 });
      const adapter = { id: randomUUID(), name: 'eth0', switchName: 'External' };
      await fleet.run({ kind: 'add-network-adapter', host: source, vm: v, adapter }, context());
      const before = await vmOf(source.hostId, v.vmId);
      const destination = host({ osVersion: 'WS2016' });
      const ctx = context();
      const moved = await fleet.run(migrate(source, v, destination), ctx);
      expect(moved).toMatchObject({
        memoryDemandMb: memoryDemandMb(8192, guest(v)),
        heartbeat: guestApplicationStatus(guest(v)),
        details: {
          simulated: true,
          vmState: 'Running',
          alreadyDone: false,
          fromHostId: source.hostId,
          toHostId: destination.hostId,
          migrationType: 'Live',
        },
      });
      expect(ctx.progress.at(-1)).toBe(100);
      expect(ctx.progress.length).toBeGreaterThan(1);
      expect(await vmOf(source.hostId, v.vmId)).toBeUndefined();
      expect(await vmOf(destination.hostId, v.vmId)).toEqual(before);
      const described = await fleet.describe();
      expect(described.hosts.find((x) => x.hostId === destination.hostId)?.memoryAssignedMb).toBe(8192);
      expect(described.hosts.find((x) => x.hostId === source.hostId)?.memoryAssignedMb).toBe(0);

      // A re-delivered job finds the VM moved and reports the same.
      const again = await fleet.run(migrate(source, v, destination), context());
      expect(again).toMatchObject({
        memoryDemandMb: moved.memoryDemandMb,
        heartbeat: moved.heartbeat,
        details: { vmState: 'Running', alreadyDone: true, durationMs: 0 },
      });
      // The VM answers on its new host from now on.
      await fleet.run({ kind: 'pause-vm', host: destination, vm: v }, context());
      expect((await driverError(fleet.run({ kind: 'resume-vm', host: source, vm: v }, context()))).code).toBe('VM_NOT_FOUND');
    });

    it('quick-migrates Off, Saved and Paused VMs in the state they are in', async () => {
      for (const state of ['Off', 'Saved', 'Paused'] as const) {
        const { source, v } = await placed(state);
        const destination = host({ osVersion: 'WS2019' });
        const moved = await fleet.run(migrate(source, v, destination, state === 'Paused' ? 'Live' : 'Quick'), context());
        expect(moved.details).toMatchObject({ vmState: state, alreadyDone: false });
        expect(moved.memoryDemandMb).toBeUndefined();
        expect(moved.heartbeat).toBeUndefined();
        expect((await vmOf(destination.hostId, v.vmId))?.state).toBe(state);
      }
    });

    it('takes the live-migration time for the VM memory on the slower end; a quick one ~2 s plus any saved memory', async () => {
      const { source, v } = await placed('Running', { memoryMb: 32768 });
      const destination = host({ osVersion: 'WS2016' });
      await fleet.run({ kind: 'create-vm', host: destination, vm: vm() }, context());
      await fleet.setFaults(destination.hostId, { latencyFactor: 3 });
      const jobId = randomUUID();
      const live = await fleet.run(migrate(source, v, destination), context(jobId));
      expect(live.details?.durationMs).toBe(
        liveMigrationDurationMs(32768, { timeScale: 0.001, seed: 42, latencyFactor: 3, jobId }),
      );

      const saved = await placed('Saved', { memoryMb: 32768 });
      const off = await placed('Off', { memoryMb: 32768 });
      const quick = async (p: { source: HostRef; v: VmRef }, savedState: boolean) => {
        const result = await fleet.run(migrate(p.source, p.v, host({ osVersion: 'WS2016' }), 'Quick'), context(jobId));
        expect(result.details?.durationMs).toBe(
          operationDurationMs(
            { kind: 'migrate-vm', migrationType: 'Quick', memoryMb: 32768, savedState },
            { timeScale: 0.001, seed: 42, latencyFactor: 1, jobId },
          ),
        );
        return result.details?.durationMs as number;
      };
      expect(await quick(saved, true)).toBeGreaterThan(3 * (await quick(off, false)));
      await fleet.clearFaults(destination.hostId);
    });

    it('fails when the source is down, does not answer, or is set to fail migrations, leaving the VM there', async () => {
      const cases: Array<[Parameters<SimulatedFleet['setFaults']>[1], DriverError['code'], string]> = [
        [{ crash: true }, 'HOST_DOWN', 'is down'],
        [{ unresponsive: true }, 'HOST_UNRESPONSIVE', 'did not answer migrate-vm'],
        [{ failOperations: ['migrate-vm'] }, 'OPERATION_FAILED', 'injected fault'],
      ];
      for (const [faults, code, message] of cases) {
        const { source, v } = await placed('Running');
        const destination = host({ osVersion: 'WS2016' });
        await fleet.setFaults(source.hostId, faults);
        const error = await driverError(fleet.run(migrate(source, v, destination), context()));
        expect(error.code).toBe(code);
        expect(error.message).toContain(source.name);
        expect(error.message).toContain(message);
        expect((await vmOf(source.hostId, v.vmId))?.state).toBe(faults.crash ? 'Off' : 'Running');
        expect(await vmOf(destination.hostId, v.vmId)).toBeUndefined();
        await fleet.clearFaults(source.hostId);
      }
    });

    it('fails with a plain Error when the session to the source drops, leaving the VM there; the destination\'s do not apply', async () => {
      const { source, v } = await placed('Running');
      const destination = host({ osVersion: 'WS2016' });
      await fleet.setFaults(source.hostId, { dropSessions: ['migrate-vm'] });
      const error = await thrown(fleet.run(migrate(source, v, destination), context()));
      expect(error).not.toBeInstanceOf(DriverError);
      expect((error as Error).message).toContain(`host ${source.name} (${source.hostId}) was reset while running migrate-vm`);
      expect((await vmOf(source.hostId, v.vmId))?.state).toBe('Running');
      expect(await vmOf(destination.hostId, v.vmId)).toBeUndefined();
      await fleet.clearFaults(source.hostId);
      // Like failOperations, they are the source's business: the destination only has to answer.
      await fleet.setFaults(destination.hostId, { dropSessions: ['migrate-vm'] });
      await fleet.run(migrate(source, v, destination), context());
      expect((await vmOf(destination.hostId, v.vmId))?.state).toBe('Running');
      await fleet.clearFaults(destination.hostId);
    });

    it('fails with a clear message when the destination is down or does not answer', async () => {
      for (const faults of [{ crash: true }, { unresponsive: true }]) {
        const { source, v } = await placed('Running');
        const destination = host({ osVersion: 'WS2016' });
        await fleet.setFaults(destination.hostId, faults); // set before the fleet has seen the host
        const startedAt = Date.now();
        const error = await driverError(fleet.run(migrate(source, v, destination), context()));
        expect(error.code).toBe('OPERATION_FAILED');
        expect(error.message).toContain(`to ${destination.name} (${destination.hostId}) failed: the destination host`);
        expect(error.message).toContain(faults.crash ? 'is down' : 'did not answer');
        if (faults.unresponsive) expect(Date.now() - startedAt).toBeGreaterThanOrEqual(unresponsiveTimeoutMs(0.001) - 5);
        expect((await vmOf(source.hostId, v.vmId))?.state).toBe('Running');
        await fleet.clearFaults(destination.hostId);
      }
      // failOperations are the source's business: the destination only has to answer.
      const { source, v } = await placed('Running');
      const destination = host({ osVersion: 'WS2016' });
      await fleet.setFaults(destination.hostId, { failOperations: ['migrate-vm'] });
      await fleet.run(migrate(source, v, destination), context());
      await fleet.clearFaults(destination.hostId);
    });

    it('succeeds again for a VM already on the destination, even after its source crashed', async () => {
      const { source, v } = await placed('Running');
      const destination = host({ osVersion: 'WS2016' });
      const first = await fleet.run(migrate(source, v, destination), context());
      await fleet.setFaults(source.hostId, { crash: true, failOperations: ['migrate-vm'] });
      const again = await fleet.run(migrate(source, v, destination), context());
      expect(again).toMatchObject({ memoryDemandMb: first.memoryDemandMb, details: { vmState: 'Running', alreadyDone: true } });
      await fleet.clearFaults(source.hostId);
    });

    it('moves a VM once under concurrent deliveries of the same migration', async () => {
      const { source, v } = await placed('Running');
      const destination = host({ osVersion: 'WS2016' });
      const results = await Promise.all(Array.from({ length: 5 }, () => fleet.run(migrate(source, v, destination), context())));
      expect(results.filter((r) => r.details?.alreadyDone === false)).toHaveLength(1);
      expect(new Set(results.map((r) => r.memoryDemandMb)).size).toBe(1);
      expect((await vmOf(destination.hostId, v.vmId))?.state).toBe('Running');
    });

    it('refuses at once a VM that is not on the source, a destination too old for it, or the same host', async () => {
      const { source, v } = await placed('Off', { configVersion: '8.0' });
      const stranger = host({ osVersion: 'WS2016' });
      const notThere = await driverError(fleet.run(migrate(stranger, v, host()), context()));
      expect(notThere.code).toBe('VM_NOT_FOUND');
      expect(notThere.message).toContain(source.hostId);
      expect((await driverError(fleet.run(migrate(source, vm(), host()), context()))).code).toBe('VM_NOT_FOUND');

      const old = host({ osVersion: 'WS2012R2' });
      const tooOld = await driverError(fleet.run(migrate(source, v, old, 'Quick'), context()));
      expect(tooOld.code).toBe('OPERATION_FAILED');
      expect(tooOld.message).toContain('does not support configuration version 8.0');
      const same = await driverError(fleet.run(migrate(source, v, source, 'Quick'), context()));
      expect(same.message).toContain('same host');
      expect((await vmOf(source.hostId, v.vmId))?.state).toBe('Off');
    });

    it('fails a migration whose source crashes on the way; the VM stays there, Off', async () => {
      const slow = new SimulatedFleet(dataSource, { timeScale: 0.02, seed: 42 });
      const { source, v } = await placed('Running', { memoryMb: 4096 });
      const destination = host({ osVersion: 'WS2016' });
      const moving = slow.run(migrate(source, v, destination), context()); // ~160 ms
      await new Promise((resolve) => setTimeout(resolve, 50));
      await slow.setFaults(source.hostId, { crash: true });
      expect((await driverError(moving)).code).toBe('HOST_DOWN');
      expect((await vmOf(source.hostId, v.vmId))?.state).toBe('Off');
      expect(await vmOf(destination.hostId, v.vmId)).toBeUndefined();
      await slow.clearFaults(source.hostId);
    });

    it('stops with CANCELLED when the job is cancelled mid-copy, leaving the VM on the source', async () => {
      const realistic = new SimulatedFleet(dataSource, { timeScale: 0.01, seed: 42 });
      const { source, v } = await placed('Running', { memoryMb: 65536 });
      const destination = host({ osVersion: 'WS2016' });
      const ctx = context();
      const moving = realistic.run(migrate(source, v, destination), ctx); // ~1 s
      setTimeout(() => ctx.controller.abort(), 30);
      expect((await driverError(moving)).code).toBe('CANCELLED');
      expect((await vmOf(source.hostId, v.vmId))?.state).toBe('Running');
    });
  });

  describe('failover-vm', () => {
    const guest = (v: VmRef) => ({ seed: 42, vmId: v.vmId });
    const failover = (lost: HostRef, v: VmRef, destination: HostRef, restart: boolean): HypervisorOperation => ({
      kind: 'failover-vm',
      host: lost,
      vm: v,
      destination,
      restart,
      cluster: { clusterId: randomUUID(), name: 'fc' },
    });

    it('restarts the running VMs of a crashed node on the destination; the others come over Off or Saved', async () => {
      const lost = host({ osVersion: 'WS2016' });
      const running = vm({ configVersion: '8.0' });
      const saved = vm({ configVersion: '8.0' });
      const off = vm({ configVersion: '8.0' });
      for (const v of [running, saved, off]) await fleet.run({ kind: 'create-vm', host: lost, vm: v }, context());
      for (const v of [running, saved]) await fleet.run({ kind: 'start-vm', host: lost, vm: v }, context());
      await fleet.run({ kind: 'save-vm', host: lost, vm: saved }, context());
      // The lost node is not asked anything: neither its crash nor its injected faults matter.
      await fleet.setFaults(lost.hostId, { crash: true, failOperations: ['failover-vm'] });
      const destination = host({ osVersion: 'WS2016' });

      const jobId = randomUUID();
      const restarted = await fleet.run(failover(lost, running, destination, true), context(jobId));
      expect(restarted).toMatchObject({
        memoryDemandMb: memoryDemandMb(running.memoryMb, guest(running)),
        heartbeat: guestApplicationStatus(guest(running)),
        details: {
          vmState: 'Running',
          alreadyDone: false,
          fromHostId: lost.hostId,
          toHostId: destination.hostId,
          restarted: true,
        },
      });
      expect(restarted.details?.durationMs).toBe(
        operationDurationMs({ kind: 'failover-vm', restart: true }, { timeScale: 0.001, seed: 42, latencyFactor: 1, jobId }),
      );
      const kept = await fleet.run(failover(lost, saved, destination, false), context(jobId));
      expect(kept.details).toMatchObject({ vmState: 'Saved', alreadyDone: false });
      expect(kept.details?.durationMs).toBe(
        operationDurationMs({ kind: 'failover-vm', restart: false }, { timeScale: 0.001, seed: 42, latencyFactor: 1, jobId }),
      );
      expect((await fleet.run(failover(lost, off, destination, false), context())).details).toMatchObject({ vmState: 'Off' });

      const described = (await fleet.describe()).hosts;
      expect(described.find((x) => x.hostId === lost.hostId)?.vms).toEqual([]);
      expect(
        Object.fromEntries(described.find((x) => x.hostId === destination.hostId)!.vms.map((x) => [x.vmId, x.state])),
      ).toEqual({ [running.vmId]: 'Running', [saved.vmId]: 'Saved', [off.vmId]: 'Off' });

      // Re-delivered: done already, the same report.
      const again = await fleet.run(failover(lost, running, destination, true), context());
      expect(again).toMatchObject({
        memoryDemandMb: restarted.memoryDemandMb,
        heartbeat: restarted.heartbeat,
        details: { vmState: 'Running', alreadyDone: true },
      });
      await fleet.clearFaults(lost.hostId);
    });

    it('takes over a VM still running on an isolated (unresponsive) node, without waiting for that node', async () => {
      const realistic = new SimulatedFleet(dataSource, { timeScale: 0.01, seed: 42 });
      const isolated = host({ osVersion: 'WS2019' });
      const v = vm();
      await realistic.run({ kind: 'create-vm', host: isolated, vm: v }, context());
      await realistic.run({ kind: 'start-vm', host: isolated, vm: v }, context());
      await realistic.setFaults(isolated.hostId, { unresponsive: true });
      const destination = host({ osVersion: 'WS2019' });
      const startedAt = Date.now();
      const result = await realistic.run(failover(isolated, v, destination, false), context()); // ~10 ms
      expect(Date.now() - startedAt).toBeLessThan(unresponsiveTimeoutMs(0.01)); // 300 ms: the timeout of the lost node
      expect(result.details).toMatchObject({ vmState: 'Off', fromHostId: isolated.hostId });
      expect(await vmOf(isolated.hostId, v.vmId)).toBeUndefined();
      expect((await realistic.run(failover(isolated, v, destination, true), context())).details).toMatchObject({
        vmState: 'Off',
        alreadyDone: true,
      });
      await realistic.clearFaults(isolated.hostId);
    });

    it('honours the faults of the destination, which runs it', async () => {
      const cases: Array<[Parameters<SimulatedFleet['setFaults']>[1], DriverError['code']]> = [
        [{ crash: true }, 'HOST_DOWN'],
        [{ unresponsive: true }, 'HOST_UNRESPONSIVE'],
        [{ failOperations: ['failover-vm'] }, 'OPERATION_FAILED'],
      ];
      for (const [faults, code] of cases) {
        const lost = host();
        const v = vm();
        await fleet.run({ kind: 'create-vm', host: lost, vm: v }, context());
        await fleet.setFaults(lost.hostId, { crash: true });
        const destination = host();
        await fleet.setFaults(destination.hostId, faults);
        const error = await driverError(fleet.run(failover(lost, v, destination, true), context()));
        expect(error.code).toBe(code);
        expect(error.message).toContain(destination.name);
        expect(await vmOf(lost.hostId, v.vmId)).toBeDefined();
        await fleet.clearFaults(destination.hostId);
        await fleet.clearFaults(lost.hostId);
      }
    });

    it('does not find a VM that no host has, and refuses a destination that cannot run its version', async () => {
      const lost = host({ osVersion: 'WS2019' });
      expect((await driverError(fleet.run(failover(lost, vm(), host(), true), context()))).code).toBe('VM_NOT_FOUND');
      const v = vm({ configVersion: '9.0' });
      await fleet.run({ kind: 'create-vm', host: lost, vm: v }, context());
      const error = await driverError(fleet.run(failover(lost, v, host({ osVersion: 'WS2016' }), false), context()));
      expect(error.code).toBe('OPERATION_FAILED');
      expect(error.message).toContain('configuration version 9.0');
    });
  });

  describe('cluster operations', () => {
    const cluster = (): ClusterRef => ({ clusterId: randomUUID(), name: `fc-${Math.random().toString(36).slice(2, 8)}` });
    const clusterOf = async (clusterId: string) => (await fleet.describe()).clusters.find((c) => c.clusterId === clusterId);

    it('records membership and functional level: create, add a node, raise the level, evict; re-runs change nothing', async () => {
      const nodes = [host({ osVersion: 'WS2012R2' }), host({ osVersion: 'WS2012R2' })];
      const c = cluster();
      const v = vm({ configVersion: '5.0' });
      await fleet.run({ kind: 'create-vm', host: nodes[0], vm: v }, context());
      await fleet.run({ kind: 'start-vm', host: nodes[0], vm: v }, context());
      const before = await vmOf(nodes[0].hostId, v.vmId);
      const jobId = randomUUID();

      const created = await fleet.run({ kind: 'create-cluster', host: nodes[0], cluster: c, nodes }, context(jobId));
      expect(created.details).toMatchObject({
        simulated: true,
        durationMs: operationDurationMs({ kind: 'create-cluster' }, { timeScale: 0.001, seed: 42, latencyFactor: 1, jobId }),
        clusterId: c.clusterId,
        functionalLevel: 8,
        alreadyDone: false,
      });
      expect(created.memoryDemandMb).toBeUndefined();
      expect(await clusterOf(c.clusterId)).toEqual({
        clusterId: c.clusterId,
        name: c.name,
        functionalLevel: 8,
        nodeIds: expect.arrayContaining(nodes.map((n) => n.hostId)),
      });
      const hosts = (await fleet.describe()).hosts;
      for (const n of nodes) expect(hosts.find((x) => x.hostId === n.hostId)?.clusterId).toBe(c.clusterId);
      expect((await fleet.run({ kind: 'create-cluster', host: nodes[0], cluster: c, nodes }, context())).details).toMatchObject({
        alreadyDone: true,
      });

      const newer = host({ osVersion: 'WS2016' });
      expect((await fleet.run({ kind: 'add-cluster-node', host: newer, cluster: c }, context())).details).toMatchObject({
        alreadyDone: false,
      });
      expect((await fleet.run({ kind: 'add-cluster-node', host: newer, cluster: c }, context())).details).toMatchObject({
        alreadyDone: true,
      });
      expect((await clusterOf(c.clusterId))?.nodeIds).toHaveLength(3);

      for (const n of nodes) await fleet.run({ kind: 'evict-node', host: n, cluster: c }, context());
      expect((await fleet.run({ kind: 'evict-node', host: nodes[0], cluster: c }, context())).details).toMatchObject({
        alreadyDone: true,
      });
      const raised = await fleet.run({ kind: 'raise-functional-level', host: newer, cluster: c, toLevel: 9 }, context());
      expect(raised.details).toMatchObject({ functionalLevel: 9, previousFunctionalLevel: 8, alreadyDone: false });
      expect(
        (await fleet.run({ kind: 'raise-functional-level', host: newer, cluster: c, toLevel: 9 }, context())).details,
      ).toMatchObject({ functionalLevel: 9, alreadyDone: true });
      const cleared = await fleet.run({ kind: 'clear-node-quarantine', host: newer, cluster: c }, context());
      expect(cleared.details).toMatchObject({ clusterId: c.clusterId });
      expect(await clusterOf(c.clusterId)).toMatchObject({ functionalLevel: 9, nodeIds: [newer.hostId] });

      // No VM changed on the way.
      expect(await vmOf(nodes[0].hostId, v.vmId)).toEqual(before);
    });

    it('learns of a cluster it has not seen created from any later operation on it', async () => {
      const c = cluster();
      const node = host({ osVersion: 'WS2016' });
      await fleet.run({ kind: 'add-cluster-node', host: node, cluster: c }, context());
      expect(await clusterOf(c.clusterId)).toEqual({
        clusterId: c.clusterId,
        name: c.name,
        functionalLevel: null,
        nodeIds: [node.hostId],
      });
      await fleet.run({ kind: 'raise-functional-level', host: node, cluster: { ...c, name: 'renamed' }, toLevel: 9 }, context());
      expect(await clusterOf(c.clusterId)).toMatchObject({ name: 'renamed', functionalLevel: 9 });
    });

    it('takes each operation the modelled time and honours the faults of the node it runs on', async () => {
      const c = cluster();
      const node = host({ osVersion: 'WS2016' });
      const operations: HypervisorOperation[] = [
        { kind: 'create-cluster', host: node, cluster: c, nodes: [node] },
        { kind: 'add-cluster-node', host: node, cluster: c },
        { kind: 'evict-node', host: node, cluster: c },
        { kind: 'raise-functional-level', host: node, cluster: c, toLevel: 9 },
        { kind: 'clear-node-quarantine', host: node, cluster: c },
      ];
      for (const operation of operations) {
        const jobId = randomUUID();
        const result = await fleet.run(operation, context(jobId));
        expect(result.details?.durationMs).toBe(
          operationDurationMs({ kind: operation.kind }, { timeScale: 0.001, seed: 42, latencyFactor: 1, jobId }),
        );
        await fleet.setFaults(node.hostId, { failOperations: [operation.kind] });
        const failed = await driverError(fleet.run(operation, context()));
        expect(failed.code).toBe('OPERATION_FAILED');
        expect(failed.message).toContain(operation.kind);
        await fleet.setFaults(node.hostId, { failOperations: [], unresponsive: true });
        expect((await driverError(fleet.run(operation, context()))).code).toBe('HOST_UNRESPONSIVE');
        await fleet.setFaults(node.hostId, { unresponsive: false, crash: true });
        expect((await driverError(fleet.run(operation, context()))).code).toBe('HOST_DOWN');
        await fleet.clearFaults(node.hostId);
      }
    });
  });

  describe('replication', () => {
    const latency = (jobId: string, latencyFactor = 1) => ({ timeScale: 0.001, seed: 42, latencyFactor, jobId });
    const guest = (vmId: string) => ({ seed: 42, vmId });
    const replicaOf = async (vmId: string) => (await fleet.describe()).replicas.find((r) => r.vmId === vmId);
    /** What Measure-VMReplication on the host says of the VM (undefined: the host does not replicate it). */
    const statisticsOf = async (on: HostRef, vmId: string) => {
      const report = (await fleet.measureReplication([on.hostId])).get(on.hostId);
      return report?.answer === 'ok' ? report.relationships.find((r) => r.vmId === vmId) : undefined;
    };

    /** A VM on a primary with a 40 GB disk, replicating to a replica host (unless `enable` is false). */
    const replicated = async (
      options: {
        state?: 'Off' | 'Running';
        enable?: boolean;
        primaryOs?: HostRef['osVersion'];
        replicaOs?: HostRef['osVersion'];
      } & Partial<VmRef> = {},
    ) => {
      const { state = 'Running', enable = true, primaryOs = 'WS2016', replicaOs = 'WS2016', ...overrides } = options;
      const primary = host({ osVersion: primaryOs });
      const replica = host({ osVersion: replicaOs });
      const v = vm({ configVersion: '8.0', ...overrides });
      const disk = { id: randomUUID(), name: 'os', sizeGb: 40 };
      await fleet.run({ kind: 'create-vm', host: primary, vm: v }, context());
      await fleet.run({ kind: 'add-vm-disk', host: primary, vm: v, disk }, context());
      if (state === 'Running') await fleet.run({ kind: 'start-vm', host: primary, vm: v }, context());
      const operations = {
        enable: (): HypervisorOperation => ({
          kind: 'enable-replication',
          host: primary,
          vm: v,
          replica,
          frequencySeconds: 30,
          diskGb: 40,
        }),
        on: (kind: 'suspend-replication' | 'resume-replication' | 'remove-replication', from = primary, to = replica) =>
          ({ kind, host: from, vm: v, replica: to }) as HypervisorOperation,
        resync: (): HypervisorOperation => ({ kind: 'resynchronize-replication', host: primary, vm: v, replica, diskGb: 40 }),
        disks: (diskIds: string[], addedDiskGb: number): HypervisorOperation => ({
          kind: 'set-replicated-disks',
          host: primary,
          vm: v,
          replica,
          disks: diskIds.map((id) => ({ id, name: `disk ${id}` })),
          addedDiskGb,
        }),
        planned: (from = primary, to = replica): HypervisorOperation => ({
          kind: 'planned-failover',
          host: from,
          vm: v,
          replica: to,
        }),
        unplanned: (recoveryPointId = 'rp-1'): HypervisorOperation => ({
          kind: 'unplanned-failover',
          host: replica,
          vm: v,
          primary,
          recoveryPointId,
        }),
        commit: (): HypervisorOperation => ({ kind: 'commit-failover', host: replica, vm: v, recoveryPointId: 'rp-1' }),
        startTest: (testVm: { vmId: string; name: string }): HypervisorOperation => ({
          kind: 'start-test-failover',
          host: replica,
          vm: v,
          testVm,
          recoveryPointId: 'rp-1',
        }),
        stopTest: (testVmId: string): HypervisorOperation => ({ kind: 'stop-test-failover', host: replica, vm: v, testVmId }),
        reverse: (from = replica, to = primary): HypervisorOperation => ({
          kind: 'reverse-replication',
          host: from,
          vm: v,
          replica: to,
          diskGb: 40,
        }),
      };
      if (enable) await fleet.run(operations.enable(), context());
      return { primary, replica, v, disk, ...operations };
    };

    it('enables replication with an initial copy of the disks: its size, its time, every disk replicated; again is the same', async () => {
      const { primary, replica, v, disk, enable } = await replicated({ enable: false });
      const jobId = randomUUID();
      const enabled = await fleet.run(enable(), context(jobId));
      expect(enabled).toEqual({
        sizeMb: 40 * 1024,
        details: {
          simulated: true,
          durationMs: operationDurationMs({ kind: 'enable-replication', diskGb: 40 }, latency(jobId)),
          alreadyDone: false,
          replicationState: 'Replicating',
          primaryHostId: primary.hostId,
          replicaHostId: replica.hostId,
          vmState: 'Running',
          // Hyper-V's own id of the initial copy's recovery point.
          hypervisorRecoveryPointId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        },
      });
      expect(enabled.details?.durationMs).toBeGreaterThanOrEqual(36); // 40 s × 0.001, ±10 %
      expect(await replicaOf(v.vmId)).toEqual({
        vmId: v.vmId,
        primaryHostId: primary.hostId,
        replicaHostId: replica.hostId,
        state: 'Replicating',
        frequencySeconds: 30,
        // Hyper-V's cycles start once the initial copy is there: nothing counted yet.
        ledger: expect.objectContaining({ lastDueCycle: 0, successfulCycles: 0, failedCycles: 0, missedCycles: 0, lastCycle: 0 }),
        replicatedDiskIds: [disk.id],
        nonReplicatedDiskIds: [],
        testVmId: null,
        failoverRecoveryPointId: null,
        updatedAt: expect.any(String),
      });
      // The replica host joined the fleet; the VM stays where it runs.
      const hosts = (await fleet.describe()).hosts;
      expect(hosts.find((h) => h.hostId === replica.hostId)?.vms).toEqual([]);
      expect(await vmOf(primary.hostId, v.vmId)).toMatchObject({ state: 'Running' });

      const again = await fleet.run(enable(), context(jobId));
      expect(again).toEqual({ ...enabled, details: { ...enabled.details, alreadyDone: true } });
    });

    it('suspends, resumes and removes without the replica host', async () => {
      const { replica, v, on } = await replicated();
      await fleet.setFaults(replica.hostId, { crash: true });
      await fleet.run(on('suspend-replication'), context());
      await fleet.run(on('resume-replication'), context());
      const removed = await fleet.run(on('remove-replication'), context());
      expect(removed.details).toMatchObject({ alreadyDone: false, replicationState: null });
      expect(await replicaOf(v.vmId)).toBeUndefined();
      expect((await fleet.run(on('remove-replication'), context())).details).toMatchObject({ alreadyDone: true });
      await fleet.clearFaults(replica.hostId);
    });

    it('starts one test VM under concurrent deliveries of the same start', async () => {
      const { replica, v, startTest } = await replicated();
      const testVm = { vmId: randomUUID(), name: 'drill' };
      const results = await Promise.all(Array.from({ length: 4 }, () => fleet.run(startTest(testVm), context())));
      expect(results.filter((r) => r.details?.alreadyDone === false)).toHaveLength(1);
      expect(new Set(results.map((r) => r.memoryDemandMb)).size).toBe(1);
      expect((await fleet.describe()).hosts.find((h) => h.hostId === replica.hostId)?.vms.map((x) => x.vmId)).toEqual([
        testVm.vmId,
      ]);
      expect((await replicaOf(v.vmId))?.testVmId).toBe(testVm.vmId);
    });

    it('suspends and resumes, resynchronizes, and replicates an added disk once included', async () => {
      const { primary, v, disk, on, resync, disks } = await replicated();
      expect((await fleet.run(on('suspend-replication'), context())).details).toMatchObject({
        replicationState: 'Suspended',
        alreadyDone: false,
      });
      expect((await fleet.run(on('suspend-replication'), context())).details).toMatchObject({ alreadyDone: true });
      expect((await statisticsOf(primary, v.vmId))?.state).toBe('Suspended');
      expect((await fleet.run(on('resume-replication'), context())).details).toMatchObject({ replicationState: 'Replicating' });
      expect((await statisticsOf(primary, v.vmId))?.state).toBe('Replicating');

      const jobId = randomUUID();
      const resynchronized = await fleet.run(resync(), context(jobId));
      expect(resynchronized).toMatchObject({ sizeMb: 40 * 1024, details: { replicationState: 'Replicating' } });
      expect(resynchronized.details?.durationMs).toBe(
        operationDurationMs({ kind: 'resynchronize-replication', diskGb: 40 }, latency(jobId)),
      );

      // A disk added while replicating is not replicated until the set includes it.
      const data = { id: randomUUID(), name: 'data', sizeGb: 100 };
      await fleet.run({ kind: 'add-vm-disk', host: primary, vm: v, disk: data }, context());
      expect(await replicaOf(v.vmId)).toMatchObject({ replicatedDiskIds: [disk.id], nonReplicatedDiskIds: [data.id] });
      const included = await fleet.run(disks([disk.id, data.id], 100), context(jobId));
      expect(included).toMatchObject({ sizeMb: 100 * 1024, details: { alreadyDone: false } });
      expect(included.details?.durationMs).toBe(
        operationDurationMs({ kind: 'set-replicated-disks', diskGb: 100 }, latency(jobId)),
      );
      expect(await replicaOf(v.vmId)).toMatchObject({ replicatedDiskIds: [disk.id, data.id], nonReplicatedDiskIds: [] });
      expect(await fleet.run(disks([disk.id, data.id], 100), context(jobId))).toEqual({
        ...included,
        details: { ...included.details, alreadyDone: true },
      });
    });

    it('fails what reaches the replica when the replica host is down or does not answer, naming it; nothing changes', async () => {
      type Setup = Awaited<ReturnType<typeof replicated>>;
      const cases: Array<[string, () => Promise<Setup>, (s: Setup) => HypervisorOperation]> = [
        ['enable-replication', () => replicated({ enable: false }), (s) => s.enable()],
        ['resynchronize-replication', () => replicated(), (s) => s.resync()],
        ['set-replicated-disks', () => replicated(), (s) => s.disks([], 0)],
        ['planned-failover', () => replicated({ state: 'Off' }), (s) => s.planned()],
        [
          'reverse-replication',
          async () => {
            const s = await replicated();
            await fleet.run(s.unplanned(), context());
            return s;
          },
          (s) => s.reverse(),
        ],
      ];
      for (const [kind, setup, operationOf] of cases) {
        const s = await setup();
        const operation = operationOf(s);
        expect(operation.kind).toBe(kind);
        // The end the operation is sent to the replica from, and the one it reaches.
        const replica = 'replica' in operation ? operation.replica : s.replica;
        const before = await fleet.describe();

        await fleet.setFaults(replica.hostId, { crash: true });
        const down = await driverError(fleet.run(operation, context()));
        expect(down.code).toBe('OPERATION_FAILED');
        expect(down.message).toContain(`the replica host ${replica.name} (${replica.hostId}) is down`);
        await fleet.setFaults(replica.hostId, { crash: false, unresponsive: true });
        const startedAt = Date.now();
        const silent = await driverError(fleet.run(operation, context()));
        expect(Date.now() - startedAt).toBeGreaterThanOrEqual(unresponsiveTimeoutMs(0.001) - 1);
        expect(silent.code).toBe('OPERATION_FAILED');
        expect(silent.message).toContain(`the replica host ${replica.name} (${replica.hostId}) did not answer within`);
        // The relationship is as it was (its cycle count goes on with time: Hyper-V's, not the operation's).
        const relationship = (d: typeof before) => {
          const found = d.replicas.find((r) => r.vmId === s.v.vmId);
          return found && { ...found, ledger: undefined, updatedAt: undefined };
        };
        expect(relationship(await fleet.describe())).toEqual(relationship(before));

        // The replica runs nothing itself: its failOperations do not apply; the host's own faults do.
        await fleet.clearFaults(replica.hostId);
        const runsOn = operation.host;
        await fleet.setFaults(runsOn.hostId, { failOperations: [operation.kind] });
        expect((await driverError(fleet.run(operation, context()))).code).toBe('OPERATION_FAILED');
        await fleet.setFaults(runsOn.hostId, { failOperations: [] });
        await fleet.setFaults(replica.hostId, { failOperations: [operation.kind], latencyFactor: 3 });
        const jobId = randomUUID();
        const done = await fleet.run(operation, context(jobId));
        expect(done.details).toMatchObject({ alreadyDone: false });
        // The slower end sets the pace.
        expect(done.details?.durationMs).toBe(
          operationDurationMs({ kind: operation.kind, diskGb: kind === 'set-replicated-disks' ? 0 : 40 }, latency(jobId, 3)),
        );
        await fleet.clearFaults(replica.hostId);
        await fleet.clearFaults(runsOn.hostId);
      }
    });

    it('suspends, resumes and removes without the replica host', async () => {
      const { replica, v, on } = await replicated();
      await fleet.setFaults(replica.hostId, { crash: true });
      await fleet.run(on('suspend-replication'), context());
      await fleet.run(on('resume-replication'), context());
      const removed = await fleet.run(on('remove-replication'), context());
      expect(removed.details).toMatchObject({ alreadyDone: false, replicationState: null });
      expect(await replicaOf(v.vmId)).toBeUndefined();
      expect((await fleet.run(on('remove-replication'), context())).details).toMatchObject({ alreadyDone: true });
      await fleet.clearFaults(replica.hostId);
    });

    it('fails a planned failover over only with the VM Off: it runs on the replica, which replicates back; reverse is then done', async () => {
      const { primary, replica, v, planned, reverse } = await replicated();
      const running = await driverError(fleet.run(planned(), context()));
      expect(running.code).toBe('OPERATION_FAILED');
      expect(running.message).toContain('a planned failover needs the primary VM Off (it is Running); shut it down first');
      await fleet.run({ kind: 'stop-vm', host: primary, vm: v, mode: 'shutdown' }, context());

      const jobId = randomUUID();
      const failedOver = await fleet.run(planned(), context(jobId));
      expect(failedOver).toEqual({
        memoryDemandMb: memoryDemandMb(v.memoryMb, guest(v.vmId)),
        heartbeat: guestApplicationStatus(guest(v.vmId)),
        details: {
          simulated: true,
          durationMs: operationDurationMs({ kind: 'planned-failover' }, latency(jobId)),
          alreadyDone: false,
          replicationState: 'Replicating',
          primaryHostId: replica.hostId,
          replicaHostId: primary.hostId,
          vmState: 'Running',
          // The last changes sent over are the first recovery point of the new direction.
          hypervisorRecoveryPointId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        },
      });
      expect(await vmOf(primary.hostId, v.vmId)).toBeUndefined();
      expect(await vmOf(replica.hostId, v.vmId)).toMatchObject({ state: 'Running', memoryDemandMb: failedOver.memoryDemandMb });
      expect(await replicaOf(v.vmId)).toMatchObject({ primaryHostId: replica.hostId, replicaHostId: primary.hostId });
      expect(await fleet.run(planned(), context(jobId))).toEqual({
        ...failedOver,
        details: { ...failedOver.details, alreadyDone: true },
      });

      const reversed = await fleet.run(reverse(), context());
      expect(reversed).toMatchObject({ sizeMb: 40 * 1024, details: { alreadyDone: true, primaryHostId: replica.hostId } });
      // Hyper-V's cycles now leave the host that runs the VM.
      expect(await statisticsOf(replica, v.vmId)).toMatchObject({ replicaHostId: primary.hostId, state: 'Replicating' });
      expect(await statisticsOf(primary, v.vmId)).toBeUndefined();
    });

    it('fails over unplanned to a recovery point while the primary is crashed, commits, and reverses once it is back', async () => {
      const { primary, replica, v, unplanned, commit, reverse } = await replicated();
      // The primary is not asked anything: neither its crash nor its injected faults matter.
      await fleet.setFaults(primary.hostId, { crash: true, failOperations: ['unplanned-failover'] });
      const jobId = randomUUID();
      const failedOver = await fleet.run(unplanned('rp-older'), context(jobId));
      expect(failedOver).toEqual({
        memoryDemandMb: memoryDemandMb(v.memoryMb, guest(v.vmId)),
        heartbeat: guestApplicationStatus(guest(v.vmId)),
        details: {
          simulated: true,
          durationMs: operationDurationMs({ kind: 'unplanned-failover' }, latency(jobId)),
          alreadyDone: false,
          replicationState: 'FailedOver',
          primaryHostId: primary.hostId,
          replicaHostId: replica.hostId,
          vmState: 'Running',
        },
      });
      expect(await vmOf(replica.hostId, v.vmId)).toMatchObject({ state: 'Running' });
      expect(await replicaOf(v.vmId)).toMatchObject({ state: 'FailedOver', failoverRecoveryPointId: 'rp-older' });
      expect(await fleet.run(unplanned('rp-older'), context(jobId))).toEqual({
        ...failedOver,
        details: { ...failedOver.details, alreadyDone: true },
      });

      expect((await fleet.run(commit(), context())).details).toMatchObject({ replicationState: 'Committed', alreadyDone: false });
      expect((await fleet.run(commit(), context())).details).toMatchObject({ replicationState: 'Committed', alreadyDone: true });

      // Reversing reaches the old primary, which is still down.
      const stillDown = await driverError(fleet.run(reverse(), context()));
      expect(stillDown.message).toContain(`the replica host ${primary.name}`);
      await fleet.clearFaults(primary.hostId);
      const reversed = await fleet.run(reverse(), context());
      expect(reversed).toMatchObject({
        sizeMb: 40 * 1024,
        details: {
          alreadyDone: false,
          replicationState: 'Replicating',
          primaryHostId: replica.hostId,
          replicaHostId: primary.hostId,
        },
      });
      expect(await replicaOf(v.vmId)).toMatchObject({ state: 'Replicating', failoverRecoveryPointId: null });
      expect(await statisticsOf(replica, v.vmId)).toMatchObject({ replicaHostId: primary.hostId, state: 'Replicating' });
    });

    it('runs one test failover at a time as a separate VM on the replica host while replication goes on', async () => {
      const { primary, replica, v, startTest, stopTest, on } = await replicated();
      const testVm = { vmId: randomUUID(), name: `${v.name} - Test` };
      const jobId = randomUUID();
      const started = await fleet.run(startTest(testVm), context(jobId));
      expect(started).toEqual({
        memoryDemandMb: memoryDemandMb(v.memoryMb, guest(testVm.vmId)),
        heartbeat: guestApplicationStatus(guest(testVm.vmId)),
        details: {
          simulated: true,
          durationMs: operationDurationMs({ kind: 'start-test-failover' }, latency(jobId)),
          alreadyDone: false,
          replicationState: 'Replicating',
          primaryHostId: primary.hostId,
          replicaHostId: replica.hostId,
          vmState: 'Running',
          testVmId: testVm.vmId,
          testVmState: 'Running',
        },
      });
      expect(await vmOf(replica.hostId, testVm.vmId)).toMatchObject({ name: testVm.name, state: 'Running', checkpoints: [] });
      expect(await vmOf(primary.hostId, v.vmId)).toMatchObject({ state: 'Running' });
      expect((await replicaOf(v.vmId))?.testVmId).toBe(testVm.vmId);
      expect(await fleet.run(startTest(testVm), context(jobId))).toEqual({
        ...started,
        details: { ...started.details, alreadyDone: true },
      });
      const second = await driverError(fleet.run(startTest({ vmId: randomUUID(), name: 'another' }), context()));
      expect(second.code).toBe('OPERATION_FAILED');
      expect(second.message).toContain(`a test failover is running (test VM ${testVm.vmId}); stop it first`);

      // Replication goes on; removing it waits for the test failover to stop.
      expect((await statisticsOf(primary, v.vmId))?.state).toBe('Replicating');
      expect((await driverError(fleet.run(on('remove-replication'), context()))).message).toContain('stop it first');

      const stopped = await fleet.run(stopTest(testVm.vmId), context());
      expect(stopped.details).toMatchObject({ alreadyDone: false, testVmId: testVm.vmId, testVmState: 'Deleted' });
      expect(await vmOf(replica.hostId, testVm.vmId)).toBeUndefined();
      expect((await replicaOf(v.vmId))?.testVmId).toBeNull();
      expect((await fleet.run(stopTest(testVm.vmId), context())).details).toMatchObject({ alreadyDone: true, testVmState: null });
      // A VM that is not its test VM is left alone.
      const stranger = vm();
      await fleet.run({ kind: 'create-vm', host: replica, vm: stranger }, context());
      expect((await driverError(fleet.run(stopTest(stranger.vmId), context()))).message).toContain('is not a test VM');
      expect(await vmOf(replica.hostId, stranger.vmId)).toBeDefined();
    });

    it('starts one test VM under concurrent deliveries of the same start', async () => {
      const { replica, v, startTest } = await replicated();
      const testVm = { vmId: randomUUID(), name: 'drill' };
      const results = await Promise.all(Array.from({ length: 4 }, () => fleet.run(startTest(testVm), context())));
      expect(results.filter((r) => r.details?.alreadyDone === false)).toHaveLength(1);
      expect(new Set(results.map((r) => r.memoryDemandMb)).size).toBe(1);
      expect((await fleet.describe()).hosts.find((h) => h.hostId === replica.hostId)?.vms.map((x) => x.vmId)).toEqual([
        testVm.vmId,
      ]);
      expect((await replicaOf(v.vmId))?.testVmId).toBe(testVm.vmId);
    });

    it('replicates a 5.0 VM from WS2016 to WS2012R2, and cannot once the VM is upgraded to 8.0', async () => {
      const { primary, replica, v, enable, on } = await replicated({
        configVersion: '5.0',
        primaryOs: 'WS2016',
        replicaOs: 'WS2012R2',
        state: 'Off',
      });
      expect((await statisticsOf(primary, v.vmId))?.state).toBe('Replicating');
      await fleet.run(on('remove-replication'), context());
      await fleet.run({ kind: 'upgrade-vm-version', host: primary, vm: v, targetVersion: '8.0' }, context());
      expect((await driverError(fleet.run(enable(), context()))).message).toContain('does not support configuration version 8.0');
      expect(await replicaOf(v.vmId)).toBeUndefined();
      expect(replica.osVersion).toBe('WS2012R2');
    });

    it('refuses at once what Hyper-V would refuse, and drops the replication of a deleted VM', async () => {
      const { primary, replica, v, enable, unplanned, on } = await replicated({ enable: false, state: 'Off' });
      expect((await driverError(fleet.run(unplanned(), context()))).message).toContain('replication is not enabled');
      const self = await driverError(fleet.run({ ...enable(), replica: primary } as HypervisorOperation, context()));
      expect(self.message).toContain('the replica host is the primary host itself');
      const missing = await driverError(fleet.run({ ...enable(), vm: vm() } as HypervisorOperation, context()));
      expect(missing.code).toBe('VM_NOT_FOUND');
      await fleet.run(enable(), context());
      const elsewhere = await driverError(fleet.run({ ...enable(), replica: host() } as HypervisorOperation, context()));
      expect(elsewhere.message).toContain(`already replicates from simulated host ${primary.hostId} to ${replica.hostId}`);

      await fleet.run({ kind: 'delete-vm', host: primary, vm: v }, context());
      expect(await replicaOf(v.vmId)).toBeUndefined();
      expect((await fleet.run(on('remove-replication'), context())).details).toMatchObject({ alreadyDone: true });
    });
  });

  describe('heartbeats', () => {
    it('answers ok, unresponsive or down per host from the faults, pending ones included', async () => {
      const healthy = host();
      const isolated = host();
      const crashed = host();
      for (const h of [healthy, isolated, crashed]) await fleet.run({ kind: 'create-vm', host: h, vm: vm() }, context());
      await fleet.setFaults(healthy.hostId, { failOperations: ['start-vm'], latencyFactor: 5 }); // still answers
      await fleet.setFaults(isolated.hostId, { unresponsive: true });
      await fleet.setFaults(crashed.hostId, { crash: true, unresponsive: true });
      const pendingDown = randomUUID();
      const pendingUnresponsive = randomUUID();
      await fleet.setFaults(pendingDown, { crash: true });
      await fleet.setFaults(pendingUnresponsive, { unresponsive: true });
      const neverSeen = randomUUID();

      const ids = [healthy.hostId, isolated.hostId, crashed.hostId, pendingDown, pendingUnresponsive, neverSeen];
      const startedAt = Date.now();
      const beats = await fleet.heartbeats([...ids, crashed.hostId.toUpperCase(), 'not-a-uuid']);
      expect(Date.now() - startedAt).toBeLessThan(unresponsiveTimeoutMs(0.001) * 10); // no operation latency
      expect(Object.fromEntries(beats)).toEqual({
        [healthy.hostId]: 'ok',
        [isolated.hostId]: 'unresponsive',
        [crashed.hostId]: 'down',
        [pendingDown]: 'down',
        [pendingUnresponsive]: 'unresponsive',
        [neverSeen]: 'ok',
        [crashed.hostId.toUpperCase()]: 'down',
        'not-a-uuid': 'ok',
      });
      expect((await fleet.heartbeats([])).size).toBe(0);

      for (const id of ids) await fleet.clearFaults(id);
      expect([...(await fleet.heartbeats(ids)).values()]).toEqual(ids.map(() => 'ok'));
    });

    it('answers a round over 500 hosts in one quick query', async () => {
      const ids = Array.from({ length: 500 }, () => randomUUID());
      await fleet.setFaults(ids[7], { unresponsive: true });
      const startedAt = Date.now();
      const beats = await fleet.heartbeats(ids);
      expect(Date.now() - startedAt).toBeLessThan(500);
      expect(beats.size).toBe(500);
      expect([...beats.values()].filter((b) => b !== 'ok')).toEqual(['unresponsive']);
      await fleet.clearFaults(ids[7]);
    });
  });

  it('refuses an orchestrated job: the fabric carries out drains and resumes itself', async () => {
    const drain = { kind: 'drain-node', host: host(), cluster: { clusterId: randomUUID(), name: 'fc' }, moves: [] };
    const error = await driverError(fleet.run(drain as unknown as HypervisorOperation, context()));
    expect(error.code).toBe('OPERATION_FAILED');
    expect(error.message).toContain('does not perform drain-node');
  });
});
