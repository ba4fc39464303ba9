import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { FabricClient } from '../src/client';
import { byId, historyOf, simulatedVm } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { eventually, startTestApp, TestApp } from './support/test-app';

describe("Hyper-V's own ids over HTTP: recorded as the host reports them, used by the scripts", () => {
  let t: TestApp;
  let f: FabricBuilder;
  let fabric: FabricClient;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002' });
    f = new FabricBuilder(t);
    fabric = f.client;
  });
  after(async () => {
    await t?.close();
  });

  it('records the VM and checkpoint ids the host gave, and addresses both by them afterwards', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId } = await f.createVm({ hostId });
    const history = () => historyOf(fabric, 'vms', vmId);
    const created = (await history()).find((e) => e.type === 'VmCreated')!;
    const hypervisorVmId = created.data.hypervisorVmId as string;
    expect(hypervisorVmId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hypervisorVmId).not.toBe(vmId);
    // The simulated host knows the VM by that id.
    expect(await simulatedVm(fabric, vmId)).toMatchObject({ hypervisorId: hypervisorVmId });
    // Clients read it with the VM, and in the list.
    expect((await fabric.get('/v1/vms/{id}', byId(vmId))).hypervisorVmId).toBe(hypervisorVmId);
    const listed = await fabric.get('/v1/vms', { params: { query: { hostId } } });
    expect(listed.items.map((v) => [v.id, v.hypervisorVmId])).toEqual([[vmId, hypervisorVmId]]);
    const hostName = (await fabric.get('/v1/hosts/{id}', byId(hostId))).name;

    const { job: started } = await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));
    expect(started!.steps[0].powershell).toBe(`Get-VM -Id "${hypervisorVmId}" -ComputerName "${hostName}" | Start-VM`);

    const { job: taken } = await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'before patch' } });
    const checkpointCreated = (await history()).find((e) => e.type === 'VmCheckpointCreated')!;
    const hypervisorCheckpointId = checkpointCreated.data.hypervisorCheckpointId as string;
    const checkpointId = (checkpointCreated.data.checkpoint as { id: string }).id;
    expect(hypervisorCheckpointId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hypervisorCheckpointId).not.toBe(checkpointId);
    expect(taken!.steps[0].powershell).toContain(`Get-VM -Id "${hypervisorVmId}"`);

    await fabric.command('post', '/v1/vms/{id}/stop', { ...byId(vmId), body: { mode: 'turn-off' } });
    const { job: applied } = await fabric.command('post', '/v1/vms/{id}/checkpoints/{checkpointId}/apply', {
      params: { path: { id: vmId, checkpointId } },
    });
    expect(applied!.steps[0].powershell).toContain(
      `| Get-VMCheckpoint | Where-Object Id -eq "${hypervisorCheckpointId}" | Restore-VMCheckpoint`,
    );
    expect(applied!.steps[0].powershell).not.toContain(checkpointId);
  });

  it("records Hyper-V's id of a recovery point, and a test failover picks the point by it", async () => {
    const [primary, replica] = [await f.registerHost('WS2016'), await f.registerHost('WS2016')];
    const { vmId, vm } = await f.createVm({ hostId: primary });
    await fabric.command('post', '/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaHostId: replica } });
    const replicating = await eventually(
      async () => {
        const r = await fabric.get('/v1/vms/{id}/replication', byId(vmId));
        return r.state === 'Replicating' && r.recoveryPoints.length > 0 ? r : undefined;
      },
      20000,
      'replication with its first recovery point',
    );
    const [point] = replicating.recoveryPoints;
    expect(point.hypervisorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(point.hypervisorId).not.toBe(point.id);

    const replicaName = (await fabric.get('/v1/hosts/{id}', byId(replica))).name;
    const { job: test } = await fabric.command('post', '/v1/vms/{id}/replication/test-failover', {
      ...byId(vmId),
      body: { recoveryPointId: point.id },
    });
    expect(test!.steps[0].powershell).toBe(
      'Start-VMFailover -AsTest -VMRecoverySnapshot ' +
        `(Get-VMSnapshot -VMName "${vm.name}" -SnapshotType Replica -ComputerName "${replicaName}" | ` +
        `Where-Object Id -eq "${point.hypervisorId}") -Confirm:$false`,
    );
  });
});
