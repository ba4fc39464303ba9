import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp } from './support/test-app';
import { fabricBuilders } from './support/fabric-builders';

describe("Hyper-V's own ids over HTTP: recorded as the host reports them, used by the scripts", () => {
  let t: TestApp;
  let f: ReturnType<typeof fabricBuilders>;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.002' });
    f = fabricBuilders(t);
  });
  after(async () => {
    await t?.close();
  });

  it('records the VM and checkpoint ids the host gave, and addresses both by them afterwards', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId } = await f.createVm({ hostId });
    const history = async () => (await t.request('GET', `/v1/vms/${vmId}/history?limit=100`)).body.items as any[];
    const created = (await history()).find((e) => e.type === 'VmCreated');
    const hypervisorVmId: string = created.data.hypervisorVmId;
    expect(hypervisorVmId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hypervisorVmId).not.toBe(vmId);
    // The simulated host knows the VM by that id.
    const fleet = (await t.request('GET', '/v1/simulator')).body;
    const onHost = fleet.hosts.flatMap((h: { vms: any[] }) => h.vms).find((v: { vmId: string }) => v.vmId === vmId);
    expect(onHost.hypervisorId).toBe(hypervisorVmId);

    const started = await f.run('POST', `/v1/vms/${vmId}/start`);
    expect(started.steps[0].powershell).toBe(
      `Get-VM -Id "${hypervisorVmId}" -ComputerName "${onHostName(fleet, hostId)}" | Start-VM`,
    );

    const taken = await f.run('POST', `/v1/vms/${vmId}/checkpoints`, { name: 'before patch' });
    const checkpointCreated = (await history()).find((e) => e.type === 'VmCheckpointCreated');
    const hypervisorCheckpointId: string = checkpointCreated.data.hypervisorCheckpointId;
    expect(hypervisorCheckpointId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hypervisorCheckpointId).not.toBe(checkpointCreated.data.checkpoint.id);
    expect(taken.steps[0].powershell).toContain(`Get-VM -Id "${hypervisorVmId}"`);

    await f.run('POST', `/v1/vms/${vmId}/stop`, { mode: 'turn-off' });
    const applied = await f.run('POST', `/v1/vms/${vmId}/checkpoints/${checkpointCreated.data.checkpoint.id}/apply`);
    expect(applied.steps[0].powershell).toContain(
      `| Get-VMCheckpoint | Where-Object Id -eq "${hypervisorCheckpointId}" | Restore-VMCheckpoint`,
    );
    expect(applied.steps[0].powershell).not.toContain(checkpointCreated.data.checkpoint.id);
  });
});

function onHostName(fleet: { hosts: Array<{ hostId: string; name: string }> }, hostId: string): string {
  return fleet.hosts.find((h) => h.hostId === hostId)!.name;
}
