import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';

const WAIT = { prefer: 'wait=30' };
let hostCounter = 0;

const hostBody = (osVersion: string, overrides: Record<string, unknown> = {}) => ({
  name: `hv${String(++hostCounter).padStart(3, '0')}`,
  address: `10.1.0.${hostCounter}`,
  osVersion,
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 32,
  memoryMb: 131072,
  ...overrides,
});

describe('clusters over HTTP, with the simulated fleet', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
  });
  after(async () => {
    await t?.close();
  });

  async function run(method: string, path: string, body: unknown = {}) {
    const r = await t.request(method, path, { body, headers: WAIT });
    if (r.status !== 200 || r.body?.status !== 'Succeeded') throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function registerHost(osVersion: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const r = await t.request('POST', '/v1/hosts', { body: hostBody(osVersion, overrides) });
    expect(r.status).toBe(201);
    return r.body.id;
  }

  async function createCluster(name: string, nodeIds: string[]): Promise<string> {
    const job = await run('POST', '/v1/clusters', { name, nodeIds });
    expect(job.kind).toBe('create-cluster');
    return job.target.id;
  }

  const clusterWhere = (clusterId: string, predicate: (c: any) => boolean, what: string, timeoutMs = 20000) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/clusters/${clusterId}`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      timeoutMs,
      `cluster ${what}`,
    );

  const nodeOf = (cluster: any, hostId: string) => cluster.nodes.find((n: { hostId: string }) => n.hostId === hostId);

  async function createVm(target: { hostId?: string; clusterId?: string }, overrides: Record<string, unknown> = {}) {
    const job = await run('POST', '/v1/vms', {
      name: `vm-${Math.random().toString(36).slice(2, 8)}`,
      tenant: 'contoso',
      ...target,
      generation: 2,
      guestOs: { family: 'windows' },
      memory: { startupMb: 2048 },
      processorCount: 2,
      ...overrides,
    });
    return { vmId: job.target.id as string, job };
  }

  const vmsOn = async (hostId: string) => (await t.request('GET', `/v1/vms?hostId=${hostId}&limit=500`)).body.items as any[];

  it('a WS2012R2 cluster takes a WS2016 node into mixed mode, and its level rises only once every node runs WS2016', async () => {
    const old = [await registerHost('WS2012R2'), await registerHost('WS2012R2'), await registerHost('WS2012R2'), await registerHost('WS2012R2')];
    const clusterId = await createCluster('CLU-MIXED', old);
    let cluster = await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    expect(cluster).toMatchObject({ functionalLevel: 8, mixedMode: false });
    expect(cluster.nodes.map((n: { state: string }) => n.state)).toEqual(['Up', 'Up', 'Up', 'Up']);

    const tooNew = await t.request('POST', `/v1/clusters/${clusterId}/nodes`, { body: { hostId: await registerHost('WS2019') } });
    expect(tooNew.status).toBe(409);
    expect(tooNew.body.code).toBe('NODE_OS_TOO_NEW');

    const upLevel = await registerHost('WS2016');
    await run('POST', `/v1/clusters/${clusterId}/nodes`, { hostId: upLevel });
    cluster = await clusterWhere(clusterId, (c) => nodeOf(c, upLevel)?.state === 'Up' && c.mixedMode, 'to be in mixed mode');
    expect(cluster.functionalLevel).toBe(8);
    expect(cluster.capacity).toMatchObject({ memoryMb: 5 * 131072, nodesUp: 5, logicalProcessors: 5 * 32 });

    // In mixed mode a new VM gets the level's default version, whichever node placement picks.
    const { vmId, job } = await createVm({ clusterId });
    expect(job.placement.candidates).toHaveLength(5);
    expect(job.placement.candidates.every((c: { eligible: boolean; rating: number }) => c.eligible && c.rating > 0)).toBe(true);
    const vm = (await t.request('GET', `/v1/vms/${vmId}?minPosition=0`)).body;
    expect(vm).toMatchObject({ configVersion: '5.0', clusterId });
    const refusedUpgrade = await t.request('POST', `/v1/vms/${vmId}/upgrade-version`, { body: {} });
    expect(refusedUpgrade.status).toBe(409);
    expect(refusedUpgrade.body.code).toBe('CLUSTER_IN_MIXED_MODE');
    const disk = await t.request('POST', `/v1/vms/${vmId}/disks`, { body: { name: 'data', sizeGb: 10 } });
    expect(disk.body.code).toBe('CLUSTER_IN_MIXED_MODE');
    await run('POST', `/v1/vms/${vmId}/disks`, { name: 'data', sizeGb: 10, force: true });

    const whatIf = await t.request('POST', `/v1/clusters/${clusterId}/functional-level`, { body: { whatIf: true } });
    expect(whatIf.status).toBe(200);
    expect(whatIf.body).toMatchObject({ fromLevel: 8, toLevel: 9, canRaise: false });
    expect(whatIf.body.blockers).toHaveLength(4);
    const refused = await t.request('POST', `/v1/clusters/${clusterId}/functional-level`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('FUNCTIONAL_LEVEL_BLOCKED');

    // Each old node in turn: drain, evict, clean-install WS2016, add back (the rolling upgrade by hand).
    for (const hostId of old) {
      const drained = await run('POST', `/v1/clusters/${clusterId}/nodes/${hostId}/pause`, { drain: true });
      expect(drained.kind).toBe('drain-node');
      await clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Paused' && c.pendingJobIds.length === 0, 'node paused');
      await eventually(async () => ((await vmsOn(hostId)).length === 0 ? true : undefined), 10000, 'node empty');
      await run('DELETE', `/v1/clusters/${clusterId}/nodes/${hostId}`, undefined);
      await clusterWhere(clusterId, (c) => !nodeOf(c, hostId), 'node evicted');
      await eventually(
        async () => ((await t.request('GET', `/v1/hosts/${hostId}`)).body.clusterId === null ? true : undefined),
        10000,
        'host released',
      );
      await run('POST', `/v1/hosts/${hostId}/reinstall`, { osVersion: 'WS2016' });
      await eventually(async () => ((await t.request('GET', `/v1/hosts/${hostId}`)).body.osVersion === 'WS2016' ? true : undefined), 10000, 'reinstalled');
      await run('POST', `/v1/clusters/${clusterId}/nodes`, { hostId });
      await clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Up', 'node back');
    }
    const ready = await t.request('POST', `/v1/clusters/${clusterId}/functional-level`, { body: { whatIf: true } });
    expect(ready.body).toEqual({ fromLevel: 8, toLevel: 9, canRaise: true, blockers: [] });
    await run('POST', `/v1/clusters/${clusterId}/functional-level`, {});
    cluster = await clusterWhere(clusterId, (c) => c.functionalLevel === 9, 'at level 9');
    expect(cluster.mixedMode).toBe(false);

    const tooOld = await t.request('POST', `/v1/clusters/${clusterId}/nodes`, { body: { hostId: await registerHost('WS2012R2') } });
    expect(tooOld.status).toBe(409);
    expect(tooOld.body.code).toBe('NODE_OS_TOO_OLD');

    // Version updates are possible now; the VM is Off.
    const upgraded = await run('POST', `/v1/vms/${vmId}/upgrade-version`, {});
    expect(upgraded.kind).toBe('upgrade-vm-version');
  });

  it('drains a node with 20 running VMs with never more than 2 live migrations at once on any host, and ends Paused and empty', async () => {
    const nodes = [await registerHost('WS2016'), await registerHost('WS2016'), await registerHost('WS2016')];
    const clusterId = await createCluster('CLU-DRAIN', nodes);
    await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    const [source] = nodes;
    const vmIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { vmId } = await createVm({ hostId: source }, { name: `drain${i}`, memory: { startupMb: 4096 } });
      vmIds.push(vmId);
    }
    for (const vmId of vmIds) await run('POST', `/v1/vms/${vmId}/start`);
    await eventually(async () => ((await vmsOn(source)).filter((v) => v.state === 'Running').length === 20 ? true : undefined), 20000, 'all running');

    const drain = await t.request('POST', `/v1/clusters/${clusterId}/nodes/${source}/pause`, { body: { drain: true }, headers: { prefer: 'wait=60' } });
    expect(drain.status).toBe(200);
    expect(drain.body).toMatchObject({ kind: 'drain-node', status: 'Succeeded', progress: 100 });
    expect(drain.body.steps).toHaveLength(21);
    expect(drain.body.steps[0].powershell).toContain('Suspend-ClusterNode');
    expect(drain.body.steps.slice(1).every((s: { status: string; name: string }) => s.status === 'Succeeded' && /live migration/.test(s.name))).toBe(true);

    const cluster = await clusterWhere(clusterId, (c) => nodeOf(c, source).state === 'Paused' && c.pendingJobIds.length === 0, 'source paused');
    expect(nodeOf(cluster, source).vmCount).toBe(0);
    const moved = await eventually(async () => {
      const here = await Promise.all(vmIds.map(async (id) => (await t.request('GET', `/v1/vms/${id}`)).body));
      return here.every((v) => v.hostId !== source && v.state === 'Running') ? here : undefined;
    }, 10000, 'every VM running elsewhere');
    expect(new Set(moved.map((v) => v.hostId)).size).toBe(2);

    // From the recorded events: each migration ran between its JobStarted and JobSucceeded.
    const events = async (type: string) => {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const r: any = await t.request('GET', `/v1/events?type=${type}&limit=500${cursor ? `&after=${cursor}` : ''}`);
        items.push(...r.body.items);
        cursor = r.body.nextCursor;
      } while (cursor);
      return items;
    };
    const migrations = (await events('VmMigrated')).filter((e) => vmIds.includes(e.data.vmId));
    expect(migrations).toHaveLength(20);
    const started = new Map((await events('JobStarted')).map((e) => [e.data.jobId, Date.parse(e.recordedAt)]));
    const ended = new Map((await events('JobSucceeded')).map((e) => [e.data.jobId, Date.parse(e.recordedAt)]));
    const intervals = migrations.map((m) => ({ hosts: [m.data.fromHostId, m.data.hostId], from: started.get(m.data.jobId)!, to: ended.get(m.data.jobId)! }));
    expect(intervals.every((i) => i.from <= i.to)).toBe(true);
    for (const host of nodes) {
      const own = intervals.filter((i) => i.hosts.includes(host));
      const points = own.flatMap((i) => [
        { at: i.from, delta: 1 },
        { at: i.to, delta: -1 },
      ]);
      // An end and a start at the same millisecond: the end first (the slot was free again).
      points.sort((a, b) => a.at - b.at || a.delta - b.delta);
      let running = 0;
      let peak = 0;
      for (const p of points) peak = Math.max(peak, (running += p.delta));
      expect(peak).toBeLessThanOrEqual(2);
      if (host === source) expect(peak).toBe(2);
    }

    // Resume with failback brings them home.
    const resumed = await t.request('POST', `/v1/clusters/${clusterId}/nodes/${source}/resume`, { body: { failback: true }, headers: { prefer: 'wait=60' } });
    expect(resumed.body).toMatchObject({ kind: 'resume-node', status: 'Succeeded' });
    expect(resumed.body.steps).toHaveLength(21);
    await eventually(async () => ((await vmsOn(source)).length === 20 ? true : undefined), 10000, 'VMs back on the source');
  });

  it('keeps the VMs of a node back within the resiliency period, fails them over after it, and quarantines a node that fails 3 times', async () => {
    const nodes = [await registerHost('WS2016'), await registerHost('WS2016'), await registerHost('WS2016'), await registerHost('WS2016')];
    const clusterId = await createCluster('CLU-HA', nodes);
    await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    const resiliency = await t.request('PUT', `/v1/clusters/${clusterId}/resiliency`, { body: { resiliencyPeriodSeconds: 2 } });
    expect(resiliency.status).toBe(200);
    const [flaky, other, third, fourth] = nodes;
    const vms: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { vmId } = await createVm({ hostId: flaky });
      await run('POST', `/v1/vms/${vmId}/start`);
      vms.push(vmId);
    }

    // Away for less than the period: Isolated, VMs Unmonitored, then back — nothing moves.
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: flaky, unresponsive: true } });
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Isolated', 'node isolated', 5000);
    await eventually(async () => ((await vmsOn(flaky)).every((v) => v.clusterStatus === 'Unmonitored') ? true : undefined), 5000, 'VMs unmonitored');
    await t.request('DELETE', '/v1/simulator/faults');
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Up', 'node back', 5000);
    const stayed = await vmsOn(flaky);
    expect(stayed.map((v) => v.id).sort()).toEqual([...vms].sort());
    expect(stayed.every((v) => v.state === 'Running' && v.clusterStatus === 'Monitored')).toBe(true);

    // Away for longer: the node is Down and its VMs restart on the other nodes.
    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: flaky, unresponsive: true } });
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Down', 'node down', 10000);
    const failedOver = await eventually(async () => {
      const here = await Promise.all(vms.map(async (id) => (await t.request('GET', `/v1/vms/${id}`)).body));
      return here.every((v) => v.hostId !== flaky && v.state === 'Running') ? here : undefined;
    }, 15000, 'VMs failed over');
    expect(failedOver.every((v) => [other, third, fourth].includes(v.hostId))).toBe(true);
    await t.request('DELETE', '/v1/simulator/faults');
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Up', 'node rejoined', 5000);

    // Two crashes more make three ungraceful failures within the hour: quarantined, and its VMs gone elsewhere.
    const { vmId: victim } = await createVm({ hostId: flaky });
    await run('POST', `/v1/vms/${victim}/start`);
    for (let crash = 0; crash < 2; crash++) {
      await t.request('PUT', '/v1/simulator/faults', { body: { hostId: flaky, crash: true } });
      await clusterWhere(clusterId, (c) => ['Down', 'Quarantined'].includes(nodeOf(c, flaky).state), 'node down', 5000);
      await t.request('DELETE', '/v1/simulator/faults');
      if (crash === 0) await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Up', 'node up', 5000);
    }
    const quarantined = await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Quarantined', 'node quarantined', 5000);
    expect(nodeOf(quarantined, flaky).recentFailures).toHaveLength(3);
    expect(nodeOf(quarantined, flaky).quarantinedUntil).not.toBeNull();
    await eventually(async () => ((await t.request('GET', `/v1/vms/${victim}`)).body.hostId !== flaky ? true : undefined), 10000, 'victim moved');

    // Nothing is placed on a quarantined node.
    const { job } = await createVm({ clusterId });
    const rating = job.placement.candidates.find((c: { hostId: string }) => c.hostId === flaky);
    expect(rating).toMatchObject({ eligible: false, reasons: ['node is Quarantined'] });

    // A second node failing 3 times is not quarantined while one of the 4 already is (25% cap).
    for (let crash = 0; crash < 3; crash++) {
      await t.request('PUT', '/v1/simulator/faults', { body: { hostId: fourth, crash: true } });
      await clusterWhere(clusterId, (c) => nodeOf(c, fourth).state === 'Down', 'fourth down', 5000);
      await t.request('DELETE', `/v1/simulator/faults?hostId=${fourth}`);
      await clusterWhere(clusterId, (c) => nodeOf(c, fourth).state === 'Up', 'fourth up', 5000);
    }
    const history = await t.request('GET', `/v1/clusters/${clusterId}/history?limit=500`);
    const skipped = history.body.items.filter((e: { type: string }) => e.type === 'ClusterNodeQuarantineSkipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0].data.hostId).toBe(fourth);

    // The administrator lets the first one back.
    await run('POST', `/v1/clusters/${clusterId}/nodes/${flaky}/clear-quarantine`, {});
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky).state === 'Up', 'quarantine cleared', 5000);
  });

  it('refuses live migration across CPU vendors and to a paused node, and moves a VM between two nodes', async () => {
    const intel = await registerHost('WS2016');
    const amd = await registerHost('WS2016', { cpuVendor: 'AMD' });
    const intel2 = await registerHost('WS2016');
    const clusterId = await createCluster('CLU-MOVE', [intel, amd, intel2]);
    await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    const { vmId } = await createVm({ hostId: intel });
    await run('POST', `/v1/vms/${vmId}/start`);
    const vendor = await t.request('POST', `/v1/vms/${vmId}/migrate`, { body: { destinationHostId: amd } });
    expect(vendor.status).toBe(409);
    expect(vendor.body.code).toBe('CPU_VENDOR_MISMATCH');
    await run('POST', `/v1/clusters/${clusterId}/nodes/${intel2}/pause`, { drain: true });
    const paused = await t.request('POST', `/v1/vms/${vmId}/migrate`, { body: { destinationHostId: intel2 } });
    expect(paused.status).toBe(409);
    expect(paused.body.code).toBe('HOST_NOT_AVAILABLE');
    await run('POST', `/v1/clusters/${clusterId}/nodes/${intel2}/resume`, {});
    const moved = await run('POST', `/v1/vms/${vmId}/migrate`, { destinationHostId: intel2 });
    expect(moved.kind).toBe('migrate-vm');
    expect(moved.steps[0].powershell).toContain('Move-ClusterVirtualMachineRole');
    await eventually(async () => ((await t.request('GET', `/v1/vms/${vmId}`)).body.hostId === intel2 ? true : undefined), 10000, 'VM moved');
  });
});
