import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { components, FabricClient, Replication } from '../src/client';
import { byId, fabricClient, historyOf, hostBody, vmBody } from './support/fabric';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

type Schemas = components['schemas'];

/**
 * The replication monitor over HTTP: Hyper-V (the simulated fleet) runs the cycles, the service
 * polls every 100 ms and records only what changes. 300 s cycles come every 300 ms at this scale
 * and a simulated hour passes in 3.6 s.
 */
const ENV = { SIMULATOR_TIME_SCALE: '0.001', JOB_SWEEP_MS: '1000', REPLICATION_POLL_MS: '100' };
const OBSERVED = [
  'ReplicationCyclesFailing',
  'ReplicationCyclesRecovered',
  'ReplicationCyclesMissing',
  'ReplicationCyclesOnTime',
];

describe('Replication monitoring over HTTP', () => {
  let database: TestDatabase;
  let t: TestApp;
  let fabric: FabricClient;
  let counter = 0;

  async function startApp(): Promise<void> {
    t = await startTestApp(ENV, database);
    fabric = fabricClient(t);
  }

  before(async () => {
    database = await createTestDatabase('replmon');
    await startApp();
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  async function host(): Promise<string> {
    counter++;
    return (await fabric.post('/v1/hosts', { body: hostBody({ name: `mon${counter}` }) })).id;
  }

  /** A running VM on a new primary host replicating every 300 s to a new replica host. */
  async function replicatingVm(extra: Partial<Schemas['EnableReplicationDto']> = {}) {
    const [primary, replica] = [await host(), await host()];
    const { job } = await fabric.command('post', '/v1/vms', {
      body: vmBody(
        { hostId: primary },
        {
          name: `mvm${++counter}`,
          guestOs: { family: 'windows' },
          memory: { startupMb: 2048 },
          networkAdapters: [],
          disks: [{ name: 'os', sizeGb: 40 }],
        },
      ),
    });
    const vmId = job!.target.id;
    await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));
    await fabric.command('post', '/v1/vms/{id}/replication', {
      ...byId(vmId),
      body: { replicaHostId: replica, frequencySeconds: 300, ...extra },
    });
    await replicationWhere(vmId, (r) => r.state === 'Replicating', 'to be observed');
    return { vmId, primary, replica };
  }

  /** The replication once the monitor has observed it (it has statistics) and it is as `predicate` wants. */
  const replicationWhere = (vmId: string, predicate: (r: Replication) => boolean, what: string, timeoutMs = 30000) =>
    eventually(
      async () => {
        const replication = await fabric.get('/v1/vms/{id}/replication', byId(vmId));
        const { statistics } = replication;
        return statistics !== null && predicate(replication) ? { ...replication, statistics } : undefined;
      },
      timeoutMs,
      `replication ${what}`,
    );

  const faultsOn = (hostId: string, faults: Omit<Schemas['SetFaultsDto'], 'hostId'>) =>
    fabric.put('/v1/simulator/faults', { body: { hostId, ...faults } });
  const clearFaults = (hostId: string) => fabric.delete('/v1/simulator/faults', { params: { query: { hostId } } });

  const history = (vmId: string) => historyOf(fabric, 'replication', vmId);
  const observedEvents = async (vmId: string) => (await history(vmId)).filter((e) => OBSERVED.includes(e.type));

  it('turns Warning, then Critical while the replica host does not answer, and Normal when it answers again', async () => {
    const { vmId, replica } = await replicatingVm();
    await faultsOn(replica, { unresponsive: true });
    const critical = await replicationWhere(vmId, (r) => r.health === 'Critical', 'to be Critical');
    expect(critical.healthReason).toMatch(/^\d+ replication cycles failed in a row: the replica host mon\d+ does not answer$/);
    expect(critical.statistics.consecutiveFailedCycles).toBeGreaterThanOrEqual(3);
    await clearFaults(replica);
    const normal = await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
    expect(normal.statistics.consecutiveFailedCycles).toBe(0);

    const events = await observedEvents(vmId);
    const failing = events.filter((e) => e.type === 'ReplicationCyclesFailing');
    // The streak's start (Warning) and its turn to Critical, or both at once when the first poll saw three.
    expect(failing.length).toBeGreaterThanOrEqual(1);
    expect(failing.length).toBeLessThanOrEqual(2);
    expect(failing[failing.length - 1].data.failedCycles).toBeGreaterThanOrEqual(3);
    expect(events.map((e) => e.type)).toEqual([...failing.map(() => 'ReplicationCyclesFailing'), 'ReplicationCyclesRecovered']);
    expect(events[events.length - 1].data).toMatchObject({ vmId, failedCycles: failing[failing.length - 1].data.failedCycles });
  });

  it('records a missed-cycle streak while a slow link makes cycles longer than the interval, and its end', async () => {
    const { vmId, replica } = await replicatingVm();
    await faultsOn(replica, { latencyFactor: 100 });
    const warned = await replicationWhere(vmId, (r) => r.health === 'Warning', 'to warn of missed cycles');
    expect(warned.healthReason).toMatch(/cycles were missed/);
    expect(warned.statistics.missedCycles).toBeGreaterThan(0);
    await clearFaults(replica);
    // Twelve intervals (3.6 s here) without a miss end the streak.
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
    expect((await observedEvents(vmId)).map((e) => e.type)).toEqual(['ReplicationCyclesMissing', 'ReplicationCyclesOnTime']);
  });

  it('records one recovery point per simulated hour and keeps the number asked for', async () => {
    const { vmId } = await replicatingVm({ recoveryPoints: 2 });
    const kept = await replicationWhere(vmId, (r) => r.recoveryPoints.length === 3, 'to keep three points', 30000);
    const points = (await history(vmId))
      .filter((e) => e.type === 'ReplicationRecoveryPointCreated')
      .map((e) => e.data.recoveryPoint as Schemas['RecoveryPointDto']);
    expect(points.length).toBeGreaterThanOrEqual(2);
    const hours = points.map((point) => Math.floor(Date.parse(point.at) / 3600));
    expect(new Set(hours).size).toBe(hours.length);
    // The latest and two hourly ones: the newest recorded points (the oldest may be the initial copy's).
    expect(kept.recoveryPoints.map((p) => p.id).slice(-2)).toEqual(points.slice(-2).map((p) => p.id));
  });

  it('sees what happened while the service was down: a replica that stopped answering, then came back', async () => {
    const { vmId, replica } = await replicatingVm();
    await t.close();
    await setFaultsWhileDown({ hostId: replica, unresponsive: true });
    await startApp();
    await replicationWhere(vmId, (r) => r.health === 'Critical', 'to be Critical after the restart');
    await clearFaults(replica);
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
    const types = (await observedEvents(vmId)).map((e) => e.type);
    expect(types[types.length - 1]).toBe('ReplicationCyclesRecovered');
    expect(types.filter((type) => type === 'ReplicationCyclesRecovered')).toHaveLength(1);
  });

  it('follows a VM that live-migrates to another host: its new host reports its cycles', async () => {
    const { vmId, replica } = await replicatingVm();
    const destination = await host();
    await fabric.command('post', '/v1/vms/{id}/migrate', { ...byId(vmId), body: { destinationHostId: destination } });
    const before = await replicationWhere(vmId, (r) => r.statistics!.successfulCycles >= 1, 'to report cycles');
    await replicationWhere(
      vmId,
      (r) => r.statistics!.successfulCycles > before.statistics.successfulCycles,
      'to report cycles from the new host',
    );
    const sim = await fabric.get('/v1/simulator');
    expect(sim.hosts.find((h) => h.hostId === destination)!.vms.map((v) => v.vmId)).toContain(vmId);
    // Still watched there: the replica stopping answering shows.
    await faultsOn(replica, { unresponsive: true });
    await replicationWhere(vmId, (r) => r.health !== 'Normal', 'to see the replica fail from the new host');
    await clearFaults(replica);
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
  });

  /** The fault is set while the service is down: through a short-lived app on the same database, closed again. */
  async function setFaultsWhileDown(faults: Schemas['SetFaultsDto']) {
    const admin = await startTestApp({ ...ENV, ROLE: 'api' }, database);
    try {
      const { response } = await fabricClient(admin).raw.PUT('/v1/simulator/faults', { body: faults });
      expect(response.status).toBe(200);
    } finally {
      await admin.close();
    }
  }
});
