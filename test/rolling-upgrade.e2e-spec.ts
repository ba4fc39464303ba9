import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';

const WAIT = { prefer: 'wait=30' };

describe('rolling cluster OS upgrade over HTTP, with the simulated fleet', () => {
  let t: TestApp;
  let hostCounter = 0;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005', HEALTH_PROBE_MS: '200' });
  });
  after(async () => {
    await t?.close();
  });

  async function run(method: string, path: string, body: unknown = {}) {
    const r = await t.request(method, path, { body, headers: WAIT });
    if (r.status !== 200 || r.body?.status !== 'Succeeded')
      throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** A 4-node WS2012R2 cluster with `vmCount` running VMs spread over its nodes. */
  async function clusterWithVms(name: string, vmCount: number) {
    const nodes: string[] = [];
    for (let i = 0; i < 4; i++) {
      hostCounter++;
      const r = await t.request('POST', '/v1/hosts', {
        body: {
          name: `ru${hostCounter}`,
          address: `10.3.0.${hostCounter}`,
          osVersion: 'WS2012R2',
          slat: true,
          cpuVendor: 'Intel',
          logicalProcessors: 32,
          memoryMb: 65536,
        },
      });
      nodes.push(r.body.id);
    }
    const clusterId = (await run('POST', '/v1/clusters', { name, nodeIds: nodes })).target.id as string;
    const vmIds: string[] = [];
    for (let i = 0; i < vmCount; i++) {
      const created = await run('POST', '/v1/vms', {
        name: `${name}-vm${i}`,
        tenant: 'contoso',
        clusterId,
        generation: 2,
        guestOs: { family: 'windows' },
        memory: { startupMb: 2048 },
        processorCount: 2,
      });
      vmIds.push(created.target.id);
      await run('POST', `/v1/vms/${created.target.id}/start`);
    }
    return { clusterId, nodes, vmIds };
  }

  const upgradeWhere = (upgradeId: string, predicate: (u: any) => boolean, what: string, timeoutMs = 60000) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/rolling-upgrades/${upgradeId}`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      timeoutMs,
      `upgrade ${what}`,
    );

  async function allEvents(type: string): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await t.request('GET', `/v1/events?type=${type}&limit=500${cursor ? `&after=${cursor}` : ''}`);
      items.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('plans, then upgrades a 4-node WS2012R2 cluster with 30 running VMs to WS2016 and raises the level, with no VM ever Off', async () => {
    const { clusterId, nodes, vmIds } = await clusterWithVms('RU-MAIN', 30);

    const dryRun = await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, {
      body: { targetOsVersion: 'WS2016', dryRun: true, raiseFunctionalLevel: true },
    });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.blockers).toEqual([]);
    expect(dryRun.body.capacity.ok).toBe(true);
    expect(dryRun.body.nodes).toHaveLength(4);
    expect(dryRun.body.functionalLevel).toEqual({ current: 8, afterUpgrade: 9, raise: true });
    const running = dryRun.body.nodes.map((n: { runningVms: number }) => n.runningVms);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    // Every VM of the first node moves (live for the running ones).
    expect(
      dryRun.body.nodes[0].moves.filter((m: { migrationType: string }) => m.migrationType === 'Live').length,
    ).toBeGreaterThanOrEqual(running[0]);
    expect(dryRun.body.estimatedRealWorldMs).toBeGreaterThan(4 * 10 * 60 * 1000);
    const tooFar = await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, {
      body: { targetOsVersion: 'WS2019', dryRun: true },
    });
    expect(tooFar.body.blockers.some((b: string) => /one version per hop/.test(b))).toBe(true);
    expect((await t.request('GET', `/v1/rolling-upgrades?clusterId=${clusterId}`)).body.items).toEqual([]);

    const started = await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, {
      body: { targetOsVersion: 'WS2016', raiseFunctionalLevel: true },
    });
    expect(started.status).toBe(202);
    const upgradeId = started.body.id;
    expect(started.headers.get('location')).toBe(`/v1/rolling-upgrades/${upgradeId}`);
    const second = await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, { body: { targetOsVersion: 'WS2016' } });
    expect(second.status).toBe(409);

    // While it runs, the cluster read model stays right: the nodes always hold all 30 VMs, never Off.
    let samples = 0;
    const done = await eventually(
      async () => {
        const [upgrade, cluster] = await Promise.all([
          t.request('GET', `/v1/rolling-upgrades/${upgradeId}`),
          t.request('GET', `/v1/clusters/${clusterId}`),
        ]);
        samples++;
        expect(cluster.body.capacity.vmsByState.Off ?? 0).toBe(0);
        return upgrade.body.state === 'Completed' ? upgrade.body : undefined;
      },
      120000,
      'the upgrade to complete',
    );
    expect(samples).toBeGreaterThan(1);
    expect(done.nodes.every((n: { state: string }) => n.state === 'Completed')).toBe(true);
    expect(done.nodes.map((n: { steps: Array<{ step: string }> }) => n.steps.map((s) => s.step))).toEqual(
      nodes.map(() => ['drain', 'evict', 'reinstall', 'add', 'resume']),
    );
    expect(done.functionalLevelRaised).toBe(true);

    const cluster = (await t.request('GET', `/v1/clusters/${clusterId}`)).body;
    expect(cluster).toMatchObject({ functionalLevel: 9, mixedMode: false });
    expect(cluster.nodes.every((n: { osVersion: string; state: string }) => n.osVersion === 'WS2016' && n.state === 'Up')).toBe(
      true,
    );
    for (const vmId of vmIds) expect((await t.request('GET', `/v1/vms/${vmId}`)).body.state).toBe('Running');

    // From the audit trail: no VM stopped, every step once, never more than 2 live migrations per host.
    const stops = (await allEvents('VmStopRequested')).filter((e) => vmIds.includes(e.data.vmId));
    expect(stops).toEqual([]);
    const history = (await t.request('GET', `/v1/rolling-upgrades/${upgradeId}/history?limit=500`)).body.items;
    const begun = history
      .filter((e: { type: string }) => e.type === 'RollingUpgradeStepStarted')
      .map((e: any) => `${e.data.hostId}/${e.data.step}`);
    expect(begun).toHaveLength(4 * 5 + 1);
    expect(new Set(begun).size).toBe(begun.length);
    const migrations = (await allEvents('VmMigrated')).filter((e) => vmIds.includes(e.data.vmId));
    const startedAt = new Map((await allEvents('JobStarted')).map((e) => [e.data.jobId, Date.parse(e.recordedAt)]));
    const endedAt = new Map((await allEvents('JobSucceeded')).map((e) => [e.data.jobId, Date.parse(e.recordedAt)]));
    for (const host of nodes) {
      const points = migrations
        .filter((m) => m.data.fromHostId === host || m.data.hostId === host)
        .flatMap((m) => [
          { at: startedAt.get(m.data.jobId)!, delta: 1 },
          { at: endedAt.get(m.data.jobId)!, delta: -1 },
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
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: nodes[2], failOperations: ['reinstall-host'] } });
    const started = await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, {
      body: { targetOsVersion: 'WS2016', nodeOrder: order },
    });
    expect(started.status).toBe(202);
    const upgradeId = started.body.id;
    const paused = await upgradeWhere(upgradeId, (u) => u.state === 'Paused', 'to pause on the fault');
    expect(paused.failure).toMatchObject({ hostId: nodes[2], step: 'reinstall', code: 'OPERATION_FAILED' });
    expect(paused.failure.reason).toContain('injected fault');
    expect(paused.nodes.map((n: { state: string }) => n.state)).toEqual(['Completed', 'Completed', 'InProgress', 'Pending']);
    const resume = await t.request('POST', `/v1/rolling-upgrades/${upgradeId}/resume`, { body: {} });
    expect(resume.status).toBe(409);
    expect(resume.body.code).toBe('UPGRADE_STEP_FAILED');

    await t.request('DELETE', `/v1/simulator/faults?hostId=${nodes[2]}`);
    expect((await t.request('POST', `/v1/rolling-upgrades/${upgradeId}/retry-step`, { body: {} })).status).toBe(202);
    const done = await upgradeWhere(upgradeId, (u) => u.state === 'Completed', 'to complete after the retry');
    const third = done.nodes[2];
    expect(
      third.steps
        .filter((s: { step: string }) => s.step === 'reinstall')
        .map((s: { attempt: number; status: string }) => [s.attempt, s.status]),
    ).toEqual([
      [1, 'Failed'],
      [2, 'Succeeded'],
    ]);
    const cluster = (await t.request('GET', `/v1/clusters/${clusterId}`)).body;
    expect(cluster.functionalLevel).toBe(8);
    // Every node runs WS2016 but nobody asked for the raise: level 8, so mixed mode.
    expect(cluster.mixedMode).toBe(true);
  });

  it('cancelled, leaves a valid mixed-mode cluster that a new upgrade finishes', async () => {
    const { clusterId, nodes } = await clusterWithVms('RU-CANCEL', 4);
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: nodes[1], failOperations: ['reinstall-host'] } });
    const upgradeId = (
      await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, {
        body: { targetOsVersion: 'WS2016', nodeOrder: nodes },
      })
    ).body.id;
    await upgradeWhere(upgradeId, (u) => u.state === 'Paused', 'to pause on the second node');
    expect((await t.request('POST', `/v1/rolling-upgrades/${upgradeId}/cancel`, { body: {} })).status).toBe(202);
    await upgradeWhere(upgradeId, (u) => u.state === 'Cancelled', 'to be cancelled');
    const cluster = (await t.request('GET', `/v1/clusters/${clusterId}`)).body;
    expect(cluster.mixedMode).toBe(true);
    expect(cluster.nodes.find((n: { hostId: string }) => n.hostId === nodes[0])).toMatchObject({
      osVersion: 'WS2016',
      state: 'Up',
    });
    const steered = await t.request('POST', `/v1/rolling-upgrades/${upgradeId}/resume`, { body: {} });
    expect(steered.body.code).toBe('UPGRADE_FINISHED');

    await t.request('DELETE', '/v1/simulator/faults');
    // The second node was evicted (its reinstall failed): it is a standalone WS2012R2 host now.
    const standalone = (await t.request('GET', `/v1/hosts/${nodes[1]}`)).body;
    expect(standalone).toMatchObject({ clusterId: null, osVersion: 'WS2012R2' });
    await run('POST', `/v1/hosts/${nodes[1]}/reinstall`, { osVersion: 'WS2016' });
    await eventually(
      async () => ((await t.request('GET', `/v1/hosts/${nodes[1]}`)).body.osVersion === 'WS2016' ? true : undefined),
      10000,
      'reinstalled',
    );
    await run('POST', `/v1/clusters/${clusterId}/nodes`, { hostId: nodes[1] });
    const again = await t.request('POST', `/v1/clusters/${clusterId}/rolling-upgrades`, {
      body: { targetOsVersion: 'WS2016', raiseFunctionalLevel: true },
    });
    expect(again.status).toBe(202);
    const finished = await upgradeWhere(again.body.id, (u) => u.state === 'Completed', 'the second upgrade to complete');
    expect(finished.nodes).toHaveLength(2);
    const after = (await t.request('GET', `/v1/clusters/${clusterId}`)).body;
    expect(after).toMatchObject({ functionalLevel: 9, mixedMode: false });
  });
});
