import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, type AuditEvent, type Cluster, type components, type Job } from '../src/client';
import { byId, fabricClient, hostBody, vmBody } from './support/fabric';
import { eventually, startTestApp, TestApp } from './support/test-app';

type OsVersion = components['schemas']['RegisterHostDto']['osVersion'];
/** Where a job's VM could go (every create or move that placement decided has one). */
const placementOf = (job: Job) => {
  expect(job.placement).toBeDefined();
  return job.placement!;
};

describe('clusters over HTTP, with the simulated fleet', () => {
  let t: TestApp;
  let fabric: FabricClient;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    fabric = fabricClient(t);
  });
  after(async () => {
    await t?.close();
  });

  const WAIT = { waitSeconds: 30 };
  const node = (clusterId: string, hostId: string) => ({ params: { path: { id: clusterId, hostId } } });

  async function registerHost(osVersion: OsVersion, overrides: Partial<components['schemas']['RegisterHostDto']> = {}) {
    return (await fabric.post('/v1/hosts', { body: hostBody({ osVersion, logicalProcessors: 32, memoryMb: 131072, ...overrides }) })).id;
  }

  async function createCluster(name: string, nodeIds: string[]): Promise<string> {
    const { job } = await fabric.command('post', '/v1/clusters', { body: { name, nodeIds } }, WAIT);
    expect(job!.kind).toBe('create-cluster');
    return job!.target.id;
  }

  const clusterWhere = (clusterId: string, predicate: (c: Cluster) => boolean, what: string, timeoutMs = 20000) =>
    eventually(
      async () => {
        const cluster = await fabric.get('/v1/clusters/{id}', byId(clusterId));
        return predicate(cluster) ? cluster : undefined;
      },
      timeoutMs,
      `cluster ${what}`,
    );

  const nodeOf = (cluster: Cluster, hostId: string) => cluster.nodes.find((n) => n.hostId === hostId);

  async function createVm(target: { hostId: string } | { clusterId: string }, overrides: Partial<components['schemas']['CreateVmDto']> = {}) {
    const { job } = await fabric.command(
      'post',
      '/v1/vms',
      {
        body: vmBody(target, {
          name: `vm-${Math.random().toString(36).slice(2, 8)}`,
          guestOs: { family: 'windows' },
          memory: { startupMb: 2048 },
          networkAdapters: [],
          disks: [],
          ...overrides,
        }),
      },
      WAIT,
    );
    return { vmId: job!.target.id, job: job! };
  }

  const startVm = (vmId: string) => fabric.command('post', '/v1/vms/{id}/start', byId(vmId), WAIT);
  const readVm = (vmId: string) => fabric.get('/v1/vms/{id}', byId(vmId));
  const vmsOn = async (hostId: string) => (await fabric.get('/v1/vms', { params: { query: { hostId, limit: 500 } } })).items;

  it('a WS2012R2 cluster takes a WS2016 node into mixed mode, and its level rises only once every node runs WS2016', async () => {
    const old = [await registerHost('WS2012R2'), await registerHost('WS2012R2'), await registerHost('WS2012R2'), await registerHost('WS2012R2')];
    const clusterId = await createCluster('CLU-MIXED', old);
    let cluster = await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    expect(cluster).toMatchObject({ functionalLevel: 8, mixedMode: false });
    expect(cluster.nodes.map((n) => n.state)).toEqual(['Up', 'Up', 'Up', 'Up']);

    const newest = await registerHost('WS2019');
    await expect(fabric.post('/v1/clusters/{id}/nodes', { ...byId(clusterId), body: { hostId: newest } })).rejects.toMatchObject({
      status: 409,
      code: 'NODE_OS_TOO_NEW',
    });

    const upLevel = await registerHost('WS2016');
    await fabric.command('post', '/v1/clusters/{id}/nodes', { ...byId(clusterId), body: { hostId: upLevel } }, WAIT);
    cluster = await clusterWhere(clusterId, (c) => nodeOf(c, upLevel)?.state === 'Up' && c.mixedMode, 'to be in mixed mode');
    expect(cluster.functionalLevel).toBe(8);
    expect(cluster.capacity).toMatchObject({ memoryMb: 5 * 131072, nodesUp: 5, logicalProcessors: 5 * 32 });

    // In mixed mode a new VM gets the level's default version, whichever node placement picks.
    const { vmId, job } = await createVm({ clusterId });
    expect(placementOf(job).candidates).toHaveLength(5);
    expect(placementOf(job).candidates.every((c) => c.eligible && (c.rating ?? 0) > 0)).toBe(true);
    const vm = await fabric.get('/v1/vms/{id}', { ...byId(vmId), minPosition: 0 });
    expect(vm).toMatchObject({ configVersion: '5.0', clusterId });
    await expect(fabric.post('/v1/vms/{id}/upgrade-version', byId(vmId))).rejects.toMatchObject({
      status: 409,
      code: 'CLUSTER_IN_MIXED_MODE',
    });
    await expect(fabric.post('/v1/vms/{id}/disks', { ...byId(vmId), body: { name: 'data', sizeGb: 10 } })).rejects.toMatchObject({
      code: 'CLUSTER_IN_MIXED_MODE',
    });
    await fabric.command('post', '/v1/vms/{id}/disks', { ...byId(vmId), body: { name: 'data', sizeGb: 10, force: true } }, WAIT);

    const whatIf = await fabric.raw.POST('/v1/clusters/{id}/functional-level', { ...byId(clusterId), body: { whatIf: true } });
    expect(whatIf.response.status).toBe(200);
    expect(whatIf.data).toMatchObject({ fromLevel: 8, toLevel: 9, canRaise: false, blockers: expect.any(Array) });
    expect((whatIf.data as components['schemas']['FunctionalLevelVerdictDto']).blockers).toHaveLength(4);
    await expect(fabric.post('/v1/clusters/{id}/functional-level', { ...byId(clusterId), body: {} })).rejects.toMatchObject({
      status: 409,
      code: 'FUNCTIONAL_LEVEL_BLOCKED',
    });

    // Each old node in turn: drain, evict, clean-install WS2016, add back (the rolling upgrade by hand).
    for (const hostId of old) {
      const { job: drained } = await fabric.command('post', '/v1/clusters/{id}/nodes/{hostId}/pause', { ...node(clusterId, hostId), body: { drain: true } }, WAIT);
      expect(drained!.kind).toBe('drain-node');
      await clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Paused' && c.pendingJobIds.length === 0, 'node paused');
      await eventually(async () => ((await vmsOn(hostId)).length === 0 ? true : undefined), 10000, 'node empty');
      await fabric.command('delete', '/v1/clusters/{id}/nodes/{hostId}', node(clusterId, hostId), WAIT);
      await clusterWhere(clusterId, (c) => !nodeOf(c, hostId), 'node evicted');
      await eventually(
        async () => ((await fabric.get('/v1/hosts/{id}', byId(hostId))).clusterId === null ? true : undefined),
        10000,
        'host released',
      );
      await fabric.command('post', '/v1/hosts/{id}/reinstall', { ...byId(hostId), body: { osVersion: 'WS2016' } }, WAIT);
      await eventually(
        async () => ((await fabric.get('/v1/hosts/{id}', byId(hostId))).osVersion === 'WS2016' ? true : undefined),
        10000,
        'reinstalled',
      );
      await fabric.command('post', '/v1/clusters/{id}/nodes', { ...byId(clusterId), body: { hostId } }, WAIT);
      await clusterWhere(clusterId, (c) => nodeOf(c, hostId)?.state === 'Up', 'node back');
    }
    const ready = await fabric.post('/v1/clusters/{id}/functional-level', { ...byId(clusterId), body: { whatIf: true } });
    expect(ready).toEqual({ fromLevel: 8, toLevel: 9, canRaise: true, blockers: [] });
    await fabric.command('post', '/v1/clusters/{id}/functional-level', { ...byId(clusterId), body: {} }, WAIT);
    cluster = await clusterWhere(clusterId, (c) => c.functionalLevel === 9, 'at level 9');
    expect(cluster.mixedMode).toBe(false);

    const oldest = await registerHost('WS2012R2');
    await expect(fabric.post('/v1/clusters/{id}/nodes', { ...byId(clusterId), body: { hostId: oldest } })).rejects.toMatchObject({
      status: 409,
      code: 'NODE_OS_TOO_OLD',
    });

    // Version updates are possible now; the VM is Off.
    const { job: upgraded } = await fabric.command('post', '/v1/vms/{id}/upgrade-version', byId(vmId), WAIT);
    expect(upgraded!.kind).toBe('upgrade-vm-version');
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
    for (const vmId of vmIds) await startVm(vmId);
    await eventually(async () => ((await vmsOn(source)).filter((v) => v.state === 'Running').length === 20 ? true : undefined), 20000, 'all running');

    const drain = await fabric.command(
      'post',
      '/v1/clusters/{id}/nodes/{hostId}/pause',
      { ...node(clusterId, source), body: { drain: true } },
      { waitSeconds: 60 },
    );
    // The command answered with the finished job itself (Prefer: wait), not a 202 to follow.
    expect(drain.reply).toMatchObject({ kind: 'drain-node', status: 'Succeeded', progress: 100 });
    const drainJob = drain.job!;
    expect(drainJob.steps).toHaveLength(21);
    expect(drainJob.steps[0].powershell).toContain('Suspend-ClusterNode');
    expect(drainJob.steps.slice(1).every((s) => s.status === 'Succeeded' && /live migration/.test(s.name))).toBe(true);

    // The node's state and its VM count come from different projections: wait for both to catch up.
    const cluster = await clusterWhere(
      clusterId,
      (c) => nodeOf(c, source)!.state === 'Paused' && c.pendingJobIds.length === 0 && nodeOf(c, source)!.vmCount === 0,
      'source paused and empty',
    );
    expect(nodeOf(cluster, source)!.vmCount).toBe(0);
    const moved = await eventually(
      async () => {
        const here = await Promise.all(vmIds.map(readVm));
        return here.every((v) => v.hostId !== source && v.state === 'Running') ? here : undefined;
      },
      10000,
      'every VM running elsewhere',
    );
    expect(new Set(moved.map((v) => v.hostId)).size).toBe(2);

    // From the recorded events: each migration ran between its JobStarted and JobSucceeded.
    const events = async (type: string) => {
      const items: AuditEvent[] = [];
      for await (const event of fabric.paginate('/v1/events', { params: { query: { type, limit: 500 } } })) items.push(event);
      return items;
    };
    const migrations = (await events('VmMigrated')).filter((e) => vmIds.includes(e.data.vmId as string));
    expect(migrations).toHaveLength(20);
    const started = new Map((await events('JobStarted')).map((e) => [e.data.jobId as string, Date.parse(e.recordedAt)]));
    const ended = new Map((await events('JobSucceeded')).map((e) => [e.data.jobId as string, Date.parse(e.recordedAt)]));
    const intervals = migrations.map((m) => ({
      hosts: [m.data.fromHostId as string, m.data.hostId as string],
      from: started.get(m.data.jobId as string)!,
      to: ended.get(m.data.jobId as string)!,
    }));
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
    const resumed = await fabric.command(
      'post',
      '/v1/clusters/{id}/nodes/{hostId}/resume',
      { ...node(clusterId, source), body: { failback: true } },
      { waitSeconds: 60 },
    );
    expect(resumed.job).toMatchObject({ kind: 'resume-node', status: 'Succeeded' });
    expect(resumed.job!.steps).toHaveLength(21);
    await eventually(async () => ((await vmsOn(source)).length === 20 ? true : undefined), 10000, 'VMs back on the source');
  });

  it('keeps the VMs of a node back within the resiliency period, fails them over after it, and quarantines a node that fails 3 times', async () => {
    const nodes = [await registerHost('WS2016'), await registerHost('WS2016'), await registerHost('WS2016'), await registerHost('WS2016')];
    const clusterId = await createCluster('CLU-HA', nodes);
    await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    await fabric.put('/v1/clusters/{id}/resiliency', { ...byId(clusterId), body: { resiliencyPeriodSeconds: 2 } });
    const [flaky, other, third, fourth] = nodes;
    const vms: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { vmId } = await createVm({ hostId: flaky });
      await startVm(vmId);
      vms.push(vmId);
    }
    const fault = (hostId: string, fault: { unresponsive: true } | { crash: true }) =>
      fabric.put('/v1/simulator/faults', { body: { hostId, ...fault } });
    const clearFaults = () => fabric.delete('/v1/simulator/faults');

    // Away for less than the period: Isolated, VMs Unmonitored, then back — nothing moves.
    await fault(flaky, { unresponsive: true });
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Isolated', 'node isolated', 5000);
    await eventually(async () => ((await vmsOn(flaky)).every((v) => v.clusterStatus === 'Unmonitored') ? true : undefined), 5000, 'VMs unmonitored');
    await clearFaults();
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Up', 'node back', 5000);
    // The VMs' cluster status is another projection than the node's state: wait for it too.
    const stayed = await eventually(
      async () => {
        const here = await vmsOn(flaky);
        return here.every((v) => v.clusterStatus === 'Monitored') ? here : undefined;
      },
      5000,
      'VMs monitored again',
    );
    expect(stayed.map((v) => v.id).sort()).toEqual([...vms].sort());
    expect(stayed.every((v) => v.state === 'Running' && v.clusterStatus === 'Monitored')).toBe(true);

    // Away for longer: the node is Down and its VMs restart on the other nodes.
    await fault(flaky, { unresponsive: true });
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Down', 'node down', 10000);
    const failedOver = await eventually(
      async () => {
        const here = await Promise.all(vms.map(readVm));
        return here.every((v) => v.hostId !== flaky && v.state === 'Running') ? here : undefined;
      },
      15000,
      'VMs failed over',
    );
    expect(failedOver.every((v) => [other, third, fourth].includes(v.hostId!))).toBe(true);
    await clearFaults();
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Up', 'node rejoined', 5000);

    // Two crashes more make three ungraceful failures within the hour: quarantined, and its VMs gone elsewhere.
    const { vmId: victim } = await createVm({ hostId: flaky });
    await startVm(victim);
    for (let crash = 0; crash < 2; crash++) {
      await fault(flaky, { crash: true });
      await clusterWhere(clusterId, (c) => ['Down', 'Quarantined'].includes(nodeOf(c, flaky)!.state), 'node down', 5000);
      await clearFaults();
      if (crash === 0) await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Up', 'node up', 5000);
    }
    const quarantined = await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Quarantined', 'node quarantined', 5000);
    expect(nodeOf(quarantined, flaky)!.recentFailures).toHaveLength(3);
    expect(nodeOf(quarantined, flaky)!.quarantinedUntil).not.toBeNull();
    await eventually(async () => ((await readVm(victim)).hostId !== flaky ? true : undefined), 10000, 'victim moved');

    // Nothing is placed on a quarantined node.
    const { job } = await createVm({ clusterId });
    const rating = placementOf(job).candidates.find((c) => c.hostId === flaky);
    expect(rating).toMatchObject({ eligible: false, reasons: ['node is Quarantined'] });

    // A second node failing 3 times is not quarantined while one of the 4 already is (25% cap).
    for (let crash = 0; crash < 3; crash++) {
      await fault(fourth, { crash: true });
      await clusterWhere(clusterId, (c) => nodeOf(c, fourth)!.state === 'Down', 'fourth down', 5000);
      await fabric.delete('/v1/simulator/faults', { params: { query: { hostId: fourth } } });
      await clusterWhere(clusterId, (c) => nodeOf(c, fourth)!.state === 'Up', 'fourth up', 5000);
    }
    const history = await fabric.get('/v1/{kind}/{id}/history', {
      params: { path: { kind: 'clusters', id: clusterId }, query: { limit: 500 } },
    });
    const skipped = history.items.filter((e) => e.type === 'ClusterNodeQuarantineSkipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0].data.hostId).toBe(fourth);

    // The administrator lets the first one back.
    await fabric.command('post', '/v1/clusters/{id}/nodes/{hostId}/clear-quarantine', node(clusterId, flaky), WAIT);
    await clusterWhere(clusterId, (c) => nodeOf(c, flaky)!.state === 'Up', 'quarantine cleared', 5000);
  });

  it('refuses live migration across CPU vendors and to a paused node, and moves a VM between two nodes', async () => {
    const intel = await registerHost('WS2016');
    const amd = await registerHost('WS2016', { cpuVendor: 'AMD' });
    const intel2 = await registerHost('WS2016');
    const clusterId = await createCluster('CLU-MOVE', [intel, amd, intel2]);
    await clusterWhere(clusterId, (c) => c.status === 'Active', 'to be active');
    const { vmId } = await createVm({ hostId: intel });
    await startVm(vmId);
    const migrate = (destinationHostId: string) => fabric.post('/v1/vms/{id}/migrate', { ...byId(vmId), body: { destinationHostId } });
    await expect(migrate(amd)).rejects.toMatchObject({ status: 409, code: 'CPU_VENDOR_MISMATCH' });
    await fabric.command('post', '/v1/clusters/{id}/nodes/{hostId}/pause', { ...node(clusterId, intel2), body: { drain: true } }, WAIT);
    await expect(migrate(intel2)).rejects.toMatchObject({ status: 409, code: 'HOST_NOT_AVAILABLE' });
    await fabric.command('post', '/v1/clusters/{id}/nodes/{hostId}/resume', { ...node(clusterId, intel2), body: {} }, WAIT);
    const { job: moved } = await fabric.command('post', '/v1/vms/{id}/migrate', { ...byId(vmId), body: { destinationHostId: intel2 } }, WAIT);
    expect(moved!.kind).toBe('migrate-vm');
    expect(moved!.steps[0].powershell).toContain('Move-ClusterVirtualMachineRole');
    await eventually(async () => ((await readVm(vmId)).hostId === intel2 ? true : undefined), 10000, 'VM moved');
  });
});
