import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { FabricClient } from '../src/client';
import { byId, historyOf, simulatedVm } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { startTestApp, TestApp } from './support/test-app';

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
});
