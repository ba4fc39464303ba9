import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

/**
 * The replication monitor over HTTP: Hyper-V (the simulated fleet) runs the cycles, the service
 * polls every 100 ms and records only what changes. 300 s cycles come every 300 ms at this scale
 * and a simulated hour passes in 3.6 s.
 */
const ENV = { SIMULATOR_TIME_SCALE: '0.001', JOB_SWEEP_MS: '1000', REPLICATION_POLL_MS: '100' };
const WAIT = { prefer: 'wait=30' };
const OBSERVED = [
  'ReplicationCyclesFailing',
  'ReplicationCyclesRecovered',
  'ReplicationCyclesMissing',
  'ReplicationCyclesOnTime',
];

describe('Replication monitoring over HTTP', () => {
  let database: TestDatabase;
  let t: TestApp;
  let counter = 0;

  before(async () => {
    database = await createTestDatabase('replmon');
    t = await startTestApp(ENV, database);
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  async function run(method: string, path: string, body: unknown = {}) {
    const r = await t.request(method, path, { body, headers: WAIT });
    if (r.status !== 200 || r.body?.status !== 'Succeeded')
      throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function host(): Promise<string> {
    counter++;
    const r = await t.request('POST', '/v1/hosts', {
      body: {
        name: `mon${counter}`,
        address: `10.5.0.${counter}`,
        osVersion: 'WS2016',
        slat: true,
        cpuVendor: 'Intel',
        logicalProcessors: 16,
        memoryMb: 65536,
      },
    });
    return r.body.id;
  }

  /** A running VM on a new primary host replicating every 300 s to a new replica host. */
  async function replicatingVm(extra: Record<string, unknown> = {}) {
    const [primary, replica] = [await host(), await host()];
    const job = await run('POST', '/v1/vms', {
      name: `mvm${++counter}`,
      tenant: 'contoso',
      hostId: primary,
      generation: 2,
      guestOs: { family: 'windows' },
      memory: { startupMb: 2048 },
      processorCount: 2,
      disks: [{ name: 'os', sizeGb: 40 }],
    });
    const vmId: string = job.target.id;
    await run('POST', `/v1/vms/${vmId}/start`);
    await run('POST', `/v1/vms/${vmId}/replication`, { replicaHostId: replica, frequencySeconds: 300, ...extra });
    await replicationWhere(vmId, (r) => r.state === 'Replicating' && r.statistics !== null, 'to be observed');
    return { vmId, primary, replica };
  }

  const replicationWhere = (vmId: string, predicate: (r: any) => boolean, what: string, timeoutMs = 30000) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}/replication`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      timeoutMs,
      `replication ${what}`,
    );

  const history = async (vmId: string): Promise<Array<{ type: string; data: any }>> =>
    (await t.request('GET', `/v1/replication/${vmId}/history?limit=500`)).body.items;
  const observedEvents = async (vmId: string) => (await history(vmId)).filter((e) => OBSERVED.includes(e.type));

  it('turns Warning, then Critical while the replica host does not answer, and Normal when it answers again', async () => {
    const { vmId, replica } = await replicatingVm();
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: replica, unresponsive: true } });
    const critical = await replicationWhere(vmId, (r) => r.health === 'Critical', 'to be Critical');
    expect(critical.healthReason).toMatch(/^\d+ replication cycles failed in a row: the replica host mon\d+ does not answer$/);
    expect(critical.statistics.consecutiveFailedCycles).toBeGreaterThanOrEqual(3);
    await t.request('DELETE', `/v1/simulator/faults?hostId=${replica}`);
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
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: replica, latencyFactor: 100 } });
    const warned = await replicationWhere(vmId, (r) => r.health === 'Warning', 'to warn of missed cycles');
    expect(warned.healthReason).toMatch(/cycles were missed/);
    expect(warned.statistics.missedCycles).toBeGreaterThan(0);
    await t.request('DELETE', `/v1/simulator/faults?hostId=${replica}`);
    // Twelve intervals (3.6 s here) without a miss end the streak.
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
    expect((await observedEvents(vmId)).map((e) => e.type)).toEqual(['ReplicationCyclesMissing', 'ReplicationCyclesOnTime']);
  });

  it('records one recovery point per simulated hour and keeps the number asked for', async () => {
    const { vmId } = await replicatingVm({ recoveryPoints: 2 });
    const kept = await replicationWhere(vmId, (r) => r.recoveryPoints.length === 3, 'to keep three points', 30000);
    const points = await history(vmId).then((h) => h.filter((e) => e.type === 'ReplicationRecoveryPointCreated'));
    expect(points.length).toBeGreaterThanOrEqual(2);
    const hours = points.map((e) => Math.floor(Date.parse(e.data.recoveryPoint.at) / 3600));
    expect(new Set(hours).size).toBe(hours.length);
    // The latest and two hourly ones: the newest recorded points (the oldest may be the initial copy's).
    expect(kept.recoveryPoints.map((p: { id: string }) => p.id).slice(-2)).toEqual(
      points.slice(-2).map((e) => e.data.recoveryPoint.id),
    );
  });

  it('sees what happened while the service was down: a replica that stopped answering, then came back', async () => {
    const { vmId, replica } = await replicatingVm();
    await t.close();
    await fetchFaults('PUT', { hostId: replica, unresponsive: true });
    t = await startTestApp(ENV, database);
    await replicationWhere(vmId, (r) => r.health === 'Critical', 'to be Critical after the restart');
    await t.request('DELETE', `/v1/simulator/faults?hostId=${replica}`);
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
    const types = (await observedEvents(vmId)).map((e) => e.type);
    expect(types[types.length - 1]).toBe('ReplicationCyclesRecovered');
    expect(types.filter((type) => type === 'ReplicationCyclesRecovered')).toHaveLength(1);
  });

  it('follows a VM that live-migrates to another host: its new host reports its cycles', async () => {
    const { vmId, replica } = await replicatingVm();
    const destination = await host();
    await run('POST', `/v1/vms/${vmId}/migrate`, { destinationHostId: destination });
    const before = await replicationWhere(vmId, (r) => r.statistics?.successfulCycles >= 1, 'to report cycles');
    await replicationWhere(
      vmId,
      (r) => r.statistics.successfulCycles > before.statistics.successfulCycles,
      'to report cycles from the new host',
    );
    const sim = (await t.request('GET', '/v1/simulator')).body;
    expect(
      sim.hosts.find((h: { hostId: string }) => h.hostId === destination).vms.map((v: { vmId: string }) => v.vmId),
    ).toContain(vmId);
    // Still watched there: the replica stopping answering shows.
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: replica, unresponsive: true } });
    await replicationWhere(vmId, (r) => r.health !== 'Normal', 'to see the replica fail from the new host');
    await t.request('DELETE', `/v1/simulator/faults?hostId=${replica}`);
    await replicationWhere(vmId, (r) => r.health === 'Normal', 'to be Normal again');
  });

  /** The fault is set while the service is down: through a short-lived app on the same database, closed again. */
  async function fetchFaults(method: string, body: unknown) {
    const admin = await startTestApp({ ...ENV, ROLE: 'api' }, database);
    try {
      const r = await admin.request(method, '/v1/simulator/faults', { body });
      expect(r.status).toBe(200);
    } finally {
      await admin.close();
    }
  }
});
