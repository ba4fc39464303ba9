import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, type AuditEvent, type Cluster } from '../src/client';
import { byId, fabricClient, hostBody, vmBody, vmWhere } from './support/fabric';
import { eventually, startTestApp, TestApp } from './support/test-app';

/*
 * A VM's clustered role belongs to its cluster: moved live to another cluster, the role is removed
 * from the source and created on the destination with that cluster's defaults. The per-VM
 * resiliency period set on the source cluster does not follow the VM; the source drops it. A VM
 * deleted takes its role, and so its resiliency period, out of its cluster the same way.
 */
describe("a VM moved to another cluster leaves its role's settings behind no more", () => {
  let t: TestApp;
  let fabric: FabricClient;
  const WAIT = { waitSeconds: 30 };

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    fabric = fabricClient(t);
  });
  after(async () => {
    await t?.close();
  });

  async function cluster(name: string): Promise<{ clusterId: string; nodeIds: string[] }> {
    const nodeIds: string[] = [];
    for (const n of [1, 2]) {
      nodeIds.push((await fabric.post('/v1/hosts', { body: hostBody({ name: `${name}-n${n}`, osVersion: 'WS2016' }) })).id);
    }
    const { job } = await fabric.command('post', '/v1/clusters', { body: { name, nodeIds } }, WAIT);
    return { clusterId: job!.target.id, nodeIds };
  }

  const clusterWhere = (clusterId: string, predicate: (c: Cluster) => boolean, what: string) =>
    eventually(
      async () => {
        const found = await fabric.get('/v1/clusters/{id}', byId(clusterId));
        return predicate(found) ? found : undefined;
      },
      20000,
      `cluster ${what}`,
    );

  it("drops the VM's resiliency period on the source cluster when it moves out, and its cluster's when deleted", async () => {
    const source = await cluster('CLU-SRC');
    const destination = await cluster('CLU-DST');
    const { job } = await fabric.command(
      'post',
      '/v1/vms',
      { body: vmBody({ hostId: source.nodeIds[0] }, { name: 'roamer', networkAdapters: [], disks: [] }) },
      WAIT,
    );
    const vmId = job!.target.id;
    const { job: other } = await fabric.command(
      'post',
      '/v1/vms',
      { body: vmBody({ hostId: source.nodeIds[0] }, { name: 'stayer', networkAdapters: [], disks: [] }) },
      WAIT,
    );
    const stayerId = other!.target.id;
    for (const id of [vmId, stayerId]) {
      await fabric.put('/v1/clusters/{id}/vms/{vmId}/resiliency', {
        params: { path: { id: source.clusterId, vmId: id } },
        body: { resiliencyPeriodSeconds: 30 },
      });
    }
    await clusterWhere(source.clusterId, (c) => Object.keys(c.vmResiliencyPeriods).length === 2, 'with both overrides');

    await fabric.command(
      'post',
      '/v1/vms/{id}/migrate',
      { ...byId(vmId), body: { destinationHostId: destination.nodeIds[1] } },
      WAIT,
    );
    await vmWhere(
      fabric,
      vmId,
      (v) => v.clusterId === destination.clusterId && v.pendingJobId === null,
      'in the destination cluster',
    );

    const after = await clusterWhere(source.clusterId, (c) => !(vmId in c.vmResiliencyPeriods), 'without the departed VM');
    expect(after.vmResiliencyPeriods).toEqual({ [stayerId]: 30 });
    const there = await fabric.get('/v1/clusters/{id}', byId(destination.clusterId));
    expect(there.vmResiliencyPeriods).toEqual({});
    const removed: AuditEvent[] = [];
    for await (const event of fabric.paginate('/v1/events', { params: { query: { type: 'ClusterVmRoleRemoved', limit: 100 } } }))
      removed.push(event);
    expect(removed.map((e) => e.data)).toEqual([
      expect.objectContaining({ vmId, toClusterId: destination.clusterId, resiliencyPeriodSeconds: 30 }),
    ]);

    // Deleted, the VM that stayed takes its role, and the role's setting, out of its cluster too.
    await fabric.command('delete', '/v1/vms/{id}', byId(stayerId), WAIT);
    const emptied = await clusterWhere(source.clusterId, (c) => !(stayerId in c.vmResiliencyPeriods), 'without the deleted VM');
    expect(emptied.vmResiliencyPeriods).toEqual({});
    const removedSince: AuditEvent[] = [];
    for await (const event of fabric.paginate('/v1/events', { params: { query: { type: 'ClusterVmRoleRemoved', limit: 100 } } }))
      removedSince.push(event);
    expect(removedSince.map((e) => e.data)).toEqual([
      expect.objectContaining({ vmId, toClusterId: destination.clusterId, resiliencyPeriodSeconds: 30 }),
      expect.objectContaining({ vmId: stayerId, toClusterId: null, resiliencyPeriodSeconds: 30, vmDeleted: true }),
    ]);
    expect(removedSince[0].data).not.toHaveProperty('vmDeleted');
  });
});
