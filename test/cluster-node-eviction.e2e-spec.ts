import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { fabricBuilders } from './support/fabric-builders';

describe('evicting a dead node over HTTP (Remove-ClusterNode -Force)', () => {
  let t: TestApp;
  let f: ReturnType<typeof fabricBuilders>;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    f = fabricBuilders(t);
  });
  after(async () => {
    await t?.close();
  });

  it('refuses a Down node without force, evicts it with force once its VMs have failed over', async () => {
    const nodes = [await f.registerHost('WS2016'), await f.registerHost('WS2016'), await f.registerHost('WS2016')];
    const clusterId = await f.createCluster('CLU-DEAD', nodes);
    const dead = nodes[0];
    const { vmId } = await f.createVm({ hostId: dead });
    await f.run('POST', `/v1/vms/${vmId}/start`);

    await t.request('PUT', '/v1/simulator/faults', { body: { hostId: dead, crash: true } });
    await f.clusterWhere(clusterId, (c) => f.nodeOf(c, dead)?.state === 'Down', 'node down');
    const movedAway = await eventually(
      async () => {
        const vm = (await t.request('GET', `/v1/vms/${vmId}`)).body;
        return vm.hostId !== dead && vm.pendingJobId === null ? vm : undefined;
      },
      20000,
      'the VM to fail over',
    );
    expect(nodes.slice(1)).toContain(movedAway.hostId);

    const refused = await t.request('DELETE', `/v1/clusters/${clusterId}/nodes/${dead}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NODE_NOT_DRAINED');
    const badForce = await t.request('DELETE', `/v1/clusters/${clusterId}/nodes/${dead}?force=yes`);
    expect(badForce.status).toBe(400);

    const job = await f.run('DELETE', `/v1/clusters/${clusterId}/nodes/${dead}?force=true`, undefined);
    expect(job.kind).toBe('evict-node');
    expect(job.steps.map((s: { powershell: string }) => s.powershell)).toEqual([
      expect.stringMatching(/^Remove-ClusterNode -Cluster "CLU-DEAD" -Name "[^"]+" -Force$/),
    ]);
    const cluster = await f.clusterWhere(clusterId, (c) => !f.nodeOf(c, dead), 'the dead node evicted');
    expect(cluster.nodes.map((n: { hostId: string }) => n.hostId).sort()).toEqual(nodes.slice(1).sort());
  });
});
