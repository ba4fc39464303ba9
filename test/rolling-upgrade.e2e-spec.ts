import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, type AuditEvent, type components, type RollingUpgrade, type UpgradeAccepted, type UpgradePlan } from '../src/client';
import { byId, fabricClient, hostBody, vmBody } from './support/fabric';
import { eventually, startTestApp, TestApp } from './support/test-app';

const WAIT = { waitSeconds: 30 };
type StartUpgrade = components['schemas']['StartRollingUpgradeDto'];

/** A rolling-upgrade request answers a plan (a dry run) or the started upgrade: this one must be the plan. */
function planOf(answer: UpgradePlan | { id: string } | undefined): UpgradePlan {
  if (!answer || !('blockers' in answer)) throw new Error(`answered ${JSON.stringify(answer)}, not a plan`);
  return answer;
}

describe('rolling cluster OS upgrade over HTTP, with the simulated fleet', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostCounter = 0;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005', HEALTH_PROBE_MS: '200' });
    fabric = fabricClient(t);
  });
  after(async () => {
    await t?.close();
  });

  /** A 4-node WS2012R2 cluster with `vmCount` running VMs spread over its nodes. */
  async function clusterWithVms(name: string, vmCount: number) {
    const nodes: string[] = [];
    for (let i = 0; i < 4; i++) {
      hostCounter++;
      const host = await fabric.post('/v1/hosts', {
        body: hostBody({
          name: `ru${hostCounter}`,
          address: `10.3.0.${hostCounter}`,
          osVersion: 'WS2012R2',
          logicalProcessors: 32,
          memoryMb: 65536,
        }),
      });
      nodes.push(host.id);
    }
    const clusterId = (await fabric.command('post', '/v1/clusters', { body: { name, nodeIds: nodes } }, WAIT)).job!.target.id;
    const vmIds: string[] = [];
    for (let i = 0; i < vmCount; i++) {
      const created = await fabric.command(
        'post',
        '/v1/vms',
        {
          body: vmBody(
            { clusterId },
            { name: `${name}-vm${i}`, guestOs: { family: 'windows' }, memory: { startupMb: 2048 }, networkAdapters: [], disks: [] },
          ),
        },
        WAIT,
      );
      const vmId = created.job!.target.id;
      vmIds.push(vmId);
      await fabric.command('post', '/v1/vms/{id}/start', byId(vmId), WAIT);
    }
    return { clusterId, nodes, vmIds };
  }

  const plan = async (clusterId: string, body: StartUpgrade) =>
    planOf(await fabric.post('/v1/clusters/{id}/rolling-upgrades', { ...byId(clusterId), body: { ...body, dryRun: true } }));

  /** Starts an upgrade; answers its id. */
  async function startUpgrade(clusterId: string, body: StartUpgrade): Promise<string> {
    const started = await fabric.post('/v1/clusters/{id}/rolling-upgrades', { ...byId(clusterId), body });
    if ('blockers' in started) throw new Error(`answered a plan, not an upgrade: ${started.blockers.join('; ')}`);
    return started.id;
  }

  const upgradeWhere = (upgradeId: string, predicate: (u: RollingUpgrade) => boolean, what: string, timeoutMs = 60000) =>
    eventually(
      async () => {
        const upgrade = await fabric.get('/v1/rolling-upgrades/{id}', byId(upgradeId)).catch(() => undefined);
        return upgrade && predicate(upgrade) ? upgrade : undefined;
      },
      timeoutMs,
      `upgrade ${what}`,
    );

  const readCluster = (clusterId: string) => fabric.get('/v1/clusters/{id}', byId(clusterId));

  async function allEvents(type: string): Promise<AuditEvent[]> {
    const items: AuditEvent[] = [];
    for await (const event of fabric.paginate('/v1/events', { params: { query: { type, limit: 500 } } })) items.push(event);
    return items;
  }

  it('plans, then upgrades a 4-node WS2012R2 cluster with 30 running VMs to WS2016 and raises the level, with no VM ever Off', async () => {
    const { clusterId, nodes, vmIds } = await clusterWithVms('RU-MAIN', 30);

    const { data: dryRunData, response: dryRunResponse } = await fabric.raw.POST('/v1/clusters/{id}/rolling-upgrades', {
      ...byId(clusterId),
      body: { targetOsVersion: 'WS2016', dryRun: true, raiseFunctionalLevel: true },
    });
    expect(dryRunResponse.status).toBe(200);
    const dryRun = planOf(dryRunData);
    expect(dryRun.blockers).toEqual([]);
    expect(dryRun.capacity.ok).toBe(true);
    expect(dryRun.nodes).toHaveLength(4);
    expect(dryRun.functionalLevel).toEqual({ current: 8, afterUpgrade: 9, raise: true });
    const running = dryRun.nodes.map((n) => n.runningVms);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    // Every VM of the first node moves (live for the running ones).
    expect(dryRun.nodes[0].moves.filter((m) => m.migrationType === 'Live').length).toBeGreaterThanOrEqual(running[0]);
    expect(dryRun.estimatedRealWorldMs).toBeGreaterThan(4 * 10 * 60 * 1000);
    const tooFar = await plan(clusterId, { targetOsVersion: 'WS2019' });
    expect(tooFar.blockers.some((b) => /one version per hop/.test(b))).toBe(true);
    expect((await fabric.get('/v1/rolling-upgrades', { params: { query: { clusterId } } })).items).toEqual([]);

    const started = await fabric.raw.POST('/v1/clusters/{id}/rolling-upgrades', {
      ...byId(clusterId),
      body: { targetOsVersion: 'WS2016', raiseFunctionalLevel: true },
    });
    expect(started.response.status).toBe(202);
    const upgradeId = (started.data as UpgradeAccepted).id;
    expect(started.response.headers.get('location')).toBe(`/v1/rolling-upgrades/${upgradeId}`);
    await expect(startUpgrade(clusterId, { targetOsVersion: 'WS2016' })).rejects.toMatchObject({ status: 409 });

    // While it runs, the cluster read model stays right: the nodes always hold all 30 VMs, never Off.
    let samples = 0;
    const done = await eventually(
      async () => {
        const [upgrade, cluster] = await Promise.all([
          fabric.get('/v1/rolling-upgrades/{id}', byId(upgradeId)).catch(() => undefined),
          readCluster(clusterId),
        ]);
        samples++;
        expect((cluster.capacity?.vmsByState as Partial<Record<string, number>>).Off ?? 0).toBe(0);
        return upgrade?.state === 'Completed' ? upgrade : undefined;
      },
      120000,
      'the upgrade to complete',
    );
    expect(samples).toBeGreaterThan(1);
    expect(done.nodes.every((n) => n.state === 'Completed')).toBe(true);
    expect(done.nodes.map((n) => n.steps.map((s) => s.step))).toEqual(nodes.map(() => ['drain', 'evict', 'reinstall', 'add', 'resume']));
    expect(done.functionalLevelRaised).toBe(true);

    const cluster = await readCluster(clusterId);
    expect(cluster).toMatchObject({ functionalLevel: 9, mixedMode: false });
    expect(cluster.nodes.every((n) => n.osVersion === 'WS2016' && n.state === 'Up')).toBe(true);
    for (const vmId of vmIds) expect((await fabric.get('/v1/vms/{id}', byId(vmId))).state).toBe('Running');

    // From the audit trail: no VM stopped, every step once, never more than 2 live migrations per host.
    const stops = (await allEvents('VmStopRequested')).filter((e) => vmIds.includes(e.data.vmId as string));
    expect(stops).toEqual([]);
    const history = (
      await fabric.get('/v1/{kind}/{id}/history', { params: { path: { kind: 'rolling-upgrades', id: upgradeId }, query: { limit: 500 } } })
    ).items;
    const begun = history.filter((e) => e.type === 'RollingUpgradeStepStarted').map((e) => `${e.data.hostId as string}/${e.data.step as string}`);
    expect(begun).toHaveLength(4 * 5 + 1);
    expect(new Set(begun).size).toBe(begun.length);
    const migrations = (await allEvents('VmMigrated')).filter((e) => vmIds.includes(e.data.vmId as string));
    const startedAt = new Map((await allEvents('JobStarted')).map((e) => [e.data.jobId as string, Date.parse(e.recordedAt)]));
    const endedAt = new Map((await allEvents('JobSucceeded')).map((e) => [e.data.jobId as string, Date.parse(e.recordedAt)]));
    for (const host of nodes) {
      const points = migrations
        .filter((m) => m.data.fromHostId === host || m.data.hostId === host)
        .flatMap((m) => [
          { at: startedAt.get(m.data.jobId as string)!, delta: 1 },
          { at: endedAt.get(m.data.jobId as string)!, delta: -1 },
        ])
        .sort((a, b) => a.at - b.at || a.delta - b.delta);
      let now = 0;
      let peak = 0;
      for (const p of points) peak = Math.max(peak, (now += p.delta));
      expect(peak).toBeLessThanOrEqual(2);
    }
  });

  it('pauses on a failed reinstall with the reason, and a retry after clearing the fault completes it', async () => {
    const { clusterId, nodes } = await clusterWithVms('RU-FAULT', 6);
    const order = [nodes[0], nodes[1], nodes[2], nodes[3]];
    await fabric.put('/v1/simulator/faults', { body: { hostId: nodes[2], failOperations: ['reinstall-host'] } });
    const upgradeId = await startUpgrade(clusterId, { targetOsVersion: 'WS2016', nodeOrder: order });
    const paused = await upgradeWhere(upgradeId, (u) => u.state === 'Paused', 'to pause on the fault');
    expect(paused.failure).toMatchObject({ hostId: nodes[2], step: 'reinstall', code: 'OPERATION_FAILED' });
    expect(paused.failure!.reason).toContain('injected fault');
    expect(paused.nodes.map((n) => n.state)).toEqual(['Completed', 'Completed', 'InProgress', 'Pending']);
    await expect(fabric.post('/v1/rolling-upgrades/{id}/resume', byId(upgradeId))).rejects.toMatchObject({
      status: 409,
      code: 'UPGRADE_STEP_FAILED',
    });

    await fabric.delete('/v1/simulator/faults', { params: { query: { hostId: nodes[2] } } });
    expect((await fabric.raw.POST('/v1/rolling-upgrades/{id}/retry-step', byId(upgradeId))).response.status).toBe(202);
    const done = await upgradeWhere(upgradeId, (u) => u.state === 'Completed', 'to complete after the retry');
    const third = done.nodes[2];
    expect(third.steps.filter((s) => s.step === 'reinstall').map((s) => [s.attempt, s.status])).toEqual([
      [1, 'Failed'],
      [2, 'Succeeded'],
    ]);
    const cluster = await readCluster(clusterId);
    expect(cluster.functionalLevel).toBe(8);
    // Every node runs WS2016 but nobody asked for the raise: level 8, so mixed mode.
    expect(cluster.mixedMode).toBe(true);
  });

  it('cancelled, leaves a valid mixed-mode cluster that a new upgrade finishes', async () => {
    const { clusterId, nodes } = await clusterWithVms('RU-CANCEL', 4);
    await fabric.put('/v1/simulator/faults', { body: { hostId: nodes[1], failOperations: ['reinstall-host'] } });
    const upgradeId = await startUpgrade(clusterId, { targetOsVersion: 'WS2016', nodeOrder: nodes });
    await upgradeWhere(upgradeId, (u) => u.state === 'Paused', 'to pause on the second node');
    expect((await fabric.raw.POST('/v1/rolling-upgrades/{id}/cancel', byId(upgradeId))).response.status).toBe(202);
    await upgradeWhere(upgradeId, (u) => u.state === 'Cancelled', 'to be cancelled');
    const cluster = await readCluster(clusterId);
    expect(cluster.mixedMode).toBe(true);
    expect(cluster.nodes.find((n) => n.hostId === nodes[0])).toMatchObject({ osVersion: 'WS2016', state: 'Up' });
    await expect(fabric.post('/v1/rolling-upgrades/{id}/resume', byId(upgradeId))).rejects.toMatchObject({ code: 'UPGRADE_FINISHED' });

    await fabric.delete('/v1/simulator/faults');
    // The second node was evicted (its reinstall failed): it is a standalone WS2012R2 host now.
    const standalone = await fabric.get('/v1/hosts/{id}', byId(nodes[1]));
    expect(standalone).toMatchObject({ clusterId: null, osVersion: 'WS2012R2' });
    await fabric.command('post', '/v1/hosts/{id}/reinstall', { ...byId(nodes[1]), body: { osVersion: 'WS2016' } }, WAIT);
    await eventually(
      async () => ((await fabric.get('/v1/hosts/{id}', byId(nodes[1]))).osVersion === 'WS2016' ? true : undefined),
      10000,
      'reinstalled',
    );
    await fabric.command('post', '/v1/clusters/{id}/nodes', { ...byId(clusterId), body: { hostId: nodes[1] } }, WAIT);
    const again = await startUpgrade(clusterId, { targetOsVersion: 'WS2016', raiseFunctionalLevel: true });
    const finished = await upgradeWhere(again, (u) => u.state === 'Completed', 'the second upgrade to complete');
    expect(finished.nodes).toHaveLength(2);
    const after = await readCluster(clusterId);
    expect(after).toMatchObject({ functionalLevel: 9, mixedMode: false });
  });
});
