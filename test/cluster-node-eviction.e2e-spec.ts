import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { byId } from './support/fabric';
import { FabricBuilder, nodeOf } from './support/fabric-builder';
import { eventually, startTestApp, TestApp } from './support/test-app';

describe('evicting a dead node over HTTP (Remove-ClusterNode -Force)', () => {
  let t: TestApp;
  let f: FabricBuilder;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    f = new FabricBuilder(t);
  });
  after(async () => {
    await t?.close();
  });

  it('refuses a Down node without force, evicts it with force once its VMs have failed over', async () => {
    const fabric = f.client;
    const nodes = [await f.registerHost('WS2016'), await f.registerHost('WS2016'), await f.registerHost('WS2016')];
    const clusterId = await f.createCluster('CLU-DEAD', nodes);
    const dead = nodes[0];
    const { vmId } = await f.createVm({ hostId: dead });
    await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));

    await fabric.put('/v1/simulator/faults', { body: { hostId: dead, crash: true } });
    await f.clusterWhere(clusterId, (c) => nodeOf(c, dead)?.state === 'Down', 'node down');
    const movedAway = await eventually(
      async () => {
        const vm = await fabric.get('/v1/vms/{id}', byId(vmId));
        return vm.hostId !== dead && vm.pendingJobId === null ? vm : undefined;
      },
      20000,
      'the VM to fail over',
    );
    expect(nodes.slice(1)).toContain(movedAway.hostId);

    const deadNode = { params: { path: { id: clusterId, hostId: dead } } };
    await expect(fabric.delete('/v1/clusters/{id}/nodes/{hostId}', deadNode)).rejects.toMatchObject({
      status: 409,
      code: 'NODE_NOT_DRAINED',
    });
    await expect(
      fabric.delete('/v1/clusters/{id}/nodes/{hostId}', { params: { ...deadNode.params, query: { force: 'yes' as never } } }),
    ).rejects.toMatchObject({ status: 400 });

    const { job } = await fabric.command('delete', '/v1/clusters/{id}/nodes/{hostId}', {
      params: { ...deadNode.params, query: { force: 'true' } },
    });
    expect(job!.kind).toBe('evict-node');
    expect(job!.steps.map((s) => s.powershell)).toEqual([
      expect.stringMatching(/^Remove-ClusterNode -Cluster "CLU-DEAD" -Name "[^"]+" -Force$/),
    ]);
    const cluster = await f.clusterWhere(clusterId, (c) => !nodeOf(c, dead), 'the dead node evicted');
    expect(cluster.nodes.map((n) => n.hostId).sort()).toEqual(nodes.slice(1).sort());
  });
});
