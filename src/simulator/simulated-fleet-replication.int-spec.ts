import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { HostRef, HypervisorOperation, OperationContext, ReplicationStatistics, VmRef } from '../jobs/hypervisor-driver.port';
import { createDataSource, DatabaseSettings, migrate } from '../platform/database';
import { cycleIntervalMs, cycleSizeMb } from './domain/latency-model';
import { SimulatedFleet } from './simulated-fleet';

/*
 * Hyper-V Replica's cycles in the simulated fleet: computed from time and faults, read in one call
 * per host (Measure-VMReplication). Counts are checked against bounds that follow from the time
 * that certainly passed, never against a timing guess.
 */
const TIME_SCALE = 0.001;
/** 30 s at this scale. */
const INTERVAL_MS = cycleIntervalMs(30, TIME_SCALE);

const host = (osVersion: HostRef['osVersion'] = 'WS2016'): HostRef => ({
  hostId: randomUUID(),
  name: `hv-${Math.random().toString(36).slice(2, 8)}`,
  osVersion,
  memoryMb: 262144,
});
const context = (): OperationContext => ({
  jobId: randomUUID(),
  signal: new AbortController().signal,
  onProgress: () => undefined,
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('simulated Hyper-V Replica cycles', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let fleet: SimulatedFleet;

  before(async () => {
    database = await createTestDatabase('simcycles');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 5,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    fleet = new SimulatedFleet(dataSource, { timeScale: TIME_SCALE, seed: 42 });
  });
  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A running VM with two disks (40 and 120 GB) on a primary, replicating every 30 s to a replica. */
  async function replicating(disks?: 'os-only') {
    const primary = host();
    const replica = host();
    const vm: VmRef = { vmId: randomUUID(), name: 'web', generation: 2, configVersion: '8.0', memoryMb: 2048, processorCount: 2 };
    const os = { id: randomUUID(), name: 'os', sizeGb: 40 };
    const data = { id: randomUUID(), name: 'data', sizeGb: 120 };
    await fleet.run({ kind: 'create-vm', host: primary, vm }, context());
    for (const disk of [os, data]) await fleet.run({ kind: 'add-vm-disk', host: primary, vm, disk }, context());
    await fleet.run({ kind: 'start-vm', host: primary, vm }, context());
    const enable: HypervisorOperation = {
      kind: 'enable-replication',
      host: primary,
      vm,
      replica,
      frequencySeconds: 30,
      diskGb: disks ? 40 : 160,
      ...(disks ? { disks: [{ id: os.id, name: os.name }] } : {}),
    };
    const enabled = await fleet.run(enable, context());
    const measure = async (): Promise<ReplicationStatistics> => {
      const report = (await fleet.measureReplication([primary.hostId])).get(primary.hostId);
      if (report?.answer !== 'ok') throw new Error(`the primary did not answer: ${JSON.stringify(report)}`);
      const [statistics] = report.relationships.filter((r) => r.vmId === vm.vmId);
      return statistics;
    };
    return { primary, replica, vm, os, data, measure, enable, enabled };
  }

  it("gives each recovery point Hyper-V's own id: the initial copy's in the enable's report, the newest in each reading", async () => {
    const { primary, replica, vm, measure, enable, enabled } = await replicating();
    const copyPoint = enabled.details?.hypervisorRecoveryPointId;
    expect(copyPoint).toMatch(UUID);
    // Asked again, the host answers with the point it made the first time.
    expect((await fleet.run(enable, context())).details?.hypervisorRecoveryPointId).toBe(copyPoint);
    await sleep(3 * INTERVAL_MS);
    // Suspended, the relationship makes no new point: two readings name the same newest one.
    await fleet.run({ kind: 'suspend-replication', host: primary, vm, replica }, context());
    const first = await measure();
    const second = await measure();
    expect(first.lastCycle).toBeGreaterThan(0);
    expect(first.latestRecoveryPointId).toMatch(UUID);
    expect(first.latestRecoveryPointId).not.toBe(copyPoint);
    expect([second.lastCycle, second.latestRecoveryPointId]).toEqual([first.lastCycle, first.latestRecoveryPointId]);
  });

  it('counts the cycles due since enabling, every one reaching the replica, in one call for the host', async () => {
    const started = Date.now();
    const { replica, vm, measure } = await replicating();
    await sleep(12 * INTERVAL_MS);
    const statistics = await measure();
    const due = Math.floor((Date.now() - started) / INTERVAL_MS);
    expect(statistics).toMatchObject({
      vmId: vm.vmId,
      replicaHostId: replica.hostId,
      state: 'Replicating',
      failedCycles: 0,
      missedCycles: 0,
    });
    expect(statistics.successfulCycles).toBeGreaterThanOrEqual(10);
    expect(statistics.successfulCycles).toBeLessThanOrEqual(due);
    expect(statistics.lastCycle).toBe(statistics.successfulCycles);
    expect(statistics.lastSizeMb).toBe(cycleSizeMb({ seed: 42, vmId: vm.vmId, seq: statistics.lastCycle }));
    expect(statistics.maximumSizeMb).toBeGreaterThanOrEqual(statistics.averageSizeMb!);
  });

  it('replicates only the disks named: the replica has them, and cycles carry their share of the changes', async () => {
    const { vm, os, data, measure } = await replicating('os-only');
    const replica = (await fleet.describe()).replicas.find((r) => r.vmId === vm.vmId);
    expect([replica?.replicatedDiskIds, replica?.nonReplicatedDiskIds]).toEqual([[os.id], [data.id]]);
    await sleep(3 * INTERVAL_MS);
    const statistics = await measure();
    expect(statistics.lastCycle).toBeGreaterThan(0);
    expect(statistics.lastSizeMb).toBe(
      Math.round(cycleSizeMb({ seed: 42, vmId: vm.vmId, seq: statistics.lastCycle }) * (40 / 160)),
    );
  });

  it('fails every cycle while the replica does not answer, naming it, and replicates again once it does', async () => {
    const { replica, measure } = await replicating();
    await sleep(3 * INTERVAL_MS);
    await fleet.setFaults(replica.hostId, { unresponsive: true });
    const atFault = await measure();
    await sleep(10 * INTERVAL_MS);
    const failing = await measure();
    expect(failing.successfulCycles).toBe(atFault.successfulCycles);
    expect(failing.consecutiveFailedCycles).toBeGreaterThanOrEqual(atFault.consecutiveFailedCycles + 9);
    expect(failing.failedCycles).toBe(failing.consecutiveFailedCycles);
    expect(failing.failureReason).toBe(`the replica host ${replica.name} does not answer`);

    await fleet.clearFaults(replica.hostId);
    await sleep(3 * INTERVAL_MS);
    const back = await measure();
    expect(back.consecutiveFailedCycles).toBe(0);
    expect(back.failureReason).toBeNull();
    expect(back.failedCycles).toBeGreaterThanOrEqual(failing.failedCycles);
    expect(back.successfulCycles).toBeGreaterThan(failing.successfulCycles);
  });

  it('misses cycles while a slow link makes a transfer longer than the interval', async () => {
    const { replica, measure } = await replicating();
    await fleet.setFaults(replica.hostId, { latencyFactor: 20 });
    await sleep(20 * INTERVAL_MS);
    const slow = await measure();
    expect(slow.missedCycles).toBeGreaterThan(0);
    expect(slow.lastMissedAt).not.toBeNull();
    expect(slow.failedCycles).toBe(0);
  });

  it('runs no cycle while suspended', async () => {
    const { primary, replica, vm, measure } = await replicating();
    await sleep(2 * INTERVAL_MS);
    await fleet.run({ kind: 'suspend-replication', host: primary, vm, replica }, context());
    const atSuspend = await measure();
    await sleep(5 * INTERVAL_MS);
    expect(await measure()).toEqual({ ...atSuspend, state: 'Suspended' });
    expect(atSuspend.state).toBe('Suspended');
  });

  it('answers for each host: a crashed primary is down, an unresponsive one does not answer, an unknown one has none', async () => {
    const { primary } = await replicating();
    const silent = host();
    await fleet.setFaults(silent.hostId, { unresponsive: true });
    const unknown = randomUUID();
    await fleet.setFaults(primary.hostId, { crash: true });
    const reports = await fleet.measureReplication([primary.hostId, silent.hostId, unknown]);
    expect(reports.get(primary.hostId)).toEqual({ answer: 'down' });
    expect(reports.get(silent.hostId)).toEqual({ answer: 'unresponsive' });
    expect(reports.get(unknown)).toEqual({ answer: 'ok', relationships: [] });
    await fleet.clearFaults();
  });
});
