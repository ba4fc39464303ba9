import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { FabricClient } from '../src/client';
import { byId, historyOf, refusal } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { startTestApp, TestApp } from './support/test-app';

describe('live migration between clusters over HTTP (WS2012R2 cluster → WS2016 cluster)', () => {
  let t: TestApp;
  let f: FabricBuilder;
  let fabric: FabricClient;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' });
    f = new FabricBuilder(t);
    fabric = f.client;
  });
  after(async () => {
    await t?.close();
  });

  const migrate = (vmId: string, destinationHostId: string) =>
    fabric.command('post', '/v1/vms/{id}/migrate', { ...byId(vmId), body: { destinationHostId } });
  const refusedMigration = (vmId: string, destinationHostId: string) =>
    refusal(fabric.post('/v1/vms/{id}/migrate', { ...byId(vmId), body: { destinationHostId } }));

  it('moves a running 5.0 VM live to a node of a WS2016 cluster, where its role now is; refuses what the destination cannot take', async () => {
    const oldNodes = [await f.registerHost('WS2012R2'), await f.registerHost('WS2012R2')];
    const newNodes = [await f.registerHost('WS2016'), await f.registerHost('WS2016')];
    const oldClusterId = await f.createCluster('CLU-2012', oldNodes);
    const newClusterId = await f.createCluster('CLU-2016', newNodes);
    const standalone = await f.registerHost('WS2016');

    const { vmId, vm } = await f.createVm({ hostId: oldNodes[0] });
    expect(vm).toMatchObject({ configVersion: '5.0', clusterId: oldClusterId });
    await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));

    // A cluster node and a standalone host are not two clusters.
    expect(await refusedMigration(vmId, standalone)).toMatchObject({ status: 409, code: 'MIGRATION_ACROSS_CLUSTERS' });

    const job = (await migrate(vmId, newNodes[1])).job!;
    expect(job.kind).toBe('migrate-vm');
    expect(job.steps.map((s) => s.powershell.split(' ')[0])).toEqual([
      'Move-VM',
      'Add-ClusterVirtualMachineRole',
      'Remove-ClusterGroup',
    ]);
    expect(job.steps.every((s) => s.status === 'Succeeded')).toBe(true);
    expect(job.steps[1].powershell).toContain('-Cluster "CLU-2016"');
    expect(job.steps[2].powershell).toContain('-Cluster "CLU-2012"');
    const moved = await f.vmWhere(vmId, (v) => v.hostId === newNodes[1] && v.pendingJobId === null, 'on the WS2016 node');
    expect(moved).toMatchObject({ clusterId: newClusterId, state: 'Running', configVersion: '5.0' });
    const migrated = (await historyOf(fabric, 'vms', vmId)).find((e) => e.type === 'VmMigrationRequested');
    expect(migrated!.data).toMatchObject({ fromClusterId: oldClusterId, toClusterId: newClusterId, migrationType: 'Live' });

    // Inside its new cluster it moves like any of its VMs.
    await migrate(vmId, newNodes[0]);

    // An 8.0 VM of the WS2016 cluster cannot go to a WS2012R2 node...
    const { vmId: modern } = await f.createVm({ hostId: newNodes[0] });
    await fabric.command('post', '/v1/vms/{id}/start', byId(modern));
    expect(await refusedMigration(modern, oldNodes[0])).toMatchObject({ status: 409, code: 'CONFIG_VERSION_UNSUPPORTED' });

    // ...nor to the WS2016 node of a WS2012R2 cluster in mixed mode, whose level allows only 5.0.
    const upgraded = await f.registerHost('WS2016');
    await f.addNode(oldClusterId, upgraded);
    const mixed = await refusedMigration(modern, upgraded);
    expect(mixed.problem).toMatchObject({
      status: 409,
      code: 'CLUSTER_IN_MIXED_MODE',
      details: { functionalLevel: 8, highestVersion: '5.0', configVersion: '8.0' },
    });
    const stayed = await fabric.get('/v1/vms/{id}', byId(modern));
    expect(stayed).toMatchObject({ hostId: newNodes[0], clusterId: newClusterId, state: 'Running', pendingJobId: null });
  });
});
