import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp } from './support/test-app';
import { fabricBuilders } from './support/fabric-builders';

const powershellOf = (job: { steps: Array<{ powershell: string }> }) => job.steps.map((s) => s.powershell);

describe('VM settings on the host over HTTP: checkpoint type and disk size', () => {
  let t: TestApp;
  let f: ReturnType<typeof fabricBuilders>;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005' });
    f = fabricBuilders(t);
  });
  after(async () => {
    await t?.close();
  });

  /** The simulated host's own view of a VM. */
  async function onHost(vmId: string) {
    const fleet = (await t.request('GET', '/v1/simulator')).body;
    return fleet.hosts.flatMap((h: { vms: any[] }) => h.vms).find((v: { vmId: string }) => v.vmId === vmId);
  }

  it('sets the checkpoint type on the host with a job, and a checkpoint that falls back leaves it as it was', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId, vm: created } = await f.createVm({ hostId });
    const hostName = (await t.request('GET', `/v1/hosts/${hostId}`)).body.name;

    const job = await f.run('PUT', `/v1/vms/${vmId}/checkpoint-type`, { checkpointType: 'Standard' });
    expect(job.kind).toBe('set-checkpoint-type');
    expect(powershellOf(job)).toEqual([`Set-VM -Name "${created.name}" -CheckpointType Standard -ComputerName "${hostName}"`]);
    await f.vmWhere(vmId, (v) => v.checkpointType === 'Standard' && v.pendingJobId === null, 'to have the Standard type');
    expect((await onHost(vmId)).checkpointType).toBe('Standard');

    await f.run('PUT', `/v1/vms/${vmId}/checkpoint-type`, { checkpointType: 'Production' });
    await f.vmWhere(vmId, (v) => v.checkpointType === 'Production' && v.pendingJobId === null, 'to have the Production type');

    // The VM is Off: a Production request falls back to Standard, and the setting stays Production on both sides.
    const checkpoint = await f.run('POST', `/v1/vms/${vmId}/checkpoints`, { name: 'offline' });
    expect(powershellOf(checkpoint).some((line) => line.startsWith('Set-VM'))).toBe(false);
    const vm = await f.vmWhere(vmId, (v) => v.checkpointCount === 1 && v.pendingJobId === null, 'to have its checkpoint');
    expect(vm.checkpointType).toBe('Production');
    const tree = (await t.request('GET', `/v1/vms/${vmId}/checkpoints`)).body;
    expect(tree.checkpoints[0]).toMatchObject({ name: 'offline', kind: 'Standard' });
    expect((await onHost(vmId)).checkpointType).toBe('Production');
  });

  it('refuses a checkpoint type change on a WS2012R2 host and a bad type, and changes nothing', async () => {
    const { vmId } = await f.createVm({ hostId: await f.registerHost('WS2012R2') });
    const old = await t.request('PUT', `/v1/vms/${vmId}/checkpoint-type`, { body: { checkpointType: 'Standard' } });
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('HOST_OS_TOO_OLD');
    const bad = await t.request('PUT', `/v1/vms/${vmId}/checkpoint-type`, { body: { checkpointType: 'Sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const vm = (await t.request('GET', `/v1/vms/${vmId}`)).body;
    expect(vm).toMatchObject({ checkpointType: 'Production', pendingJobId: null });
  });

  it('grows a disk with Resize-VHD and refuses to shrink it, to resize a disk it does not have, or a bad size', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId, vm } = await f.createVm({ hostId }, { disks: [{ name: 'data', sizeGb: 60 }] });
    const diskId = vm.disks[0].id;

    const job = await f.run('PUT', `/v1/vms/${vmId}/disks/${diskId}`, { sizeGb: 100 });
    expect(job.kind).toBe('resize-vm-disk');
    expect(powershellOf(job)[0]).toMatch(/^Resize-VHD -Path .*-SizeBytes 100GB/);
    await f.vmWhere(vmId, (v) => v.disks[0].sizeGb === 100 && v.pendingJobId === null, 'to have a 100 GB disk');
    expect((await onHost(vmId)).disks).toEqual([expect.objectContaining({ id: diskId, sizeGb: 100 })]);

    const shrink = await t.request('PUT', `/v1/vms/${vmId}/disks/${diskId}`, { body: { sizeGb: 50 } });
    expect(shrink.status).toBe(409);
    expect(shrink.body.code).toBe('DISK_CANNOT_SHRINK');
    const missing = await t.request('PUT', `/v1/vms/${vmId}/disks/00000000-0000-4000-8000-000000000000`, { body: { sizeGb: 500 } });
    expect(missing.status).toBe(404);
    const bad = await t.request('PUT', `/v1/vms/${vmId}/disks/${diskId}`, { body: { sizeGb: 'big' } });
    expect(bad.status).toBe(400);
    expect((await t.request('GET', `/v1/vms/${vmId}`)).body.disks[0].sizeGb).toBe(100);
  });

  it('in a mixed-mode cluster resizes a disk only with force, and records the warning', async () => {
    const clusterId = await f.createCluster('CLU-DISK', [await f.registerHost('WS2012R2')]);
    await f.addNode(clusterId, await f.registerHost('WS2016'));
    const { vmId, vm } = await f.createVm({ clusterId }, { disks: [{ name: 'data', sizeGb: 40 }] });
    const diskId = vm.disks[0].id;

    const refused = await t.request('PUT', `/v1/vms/${vmId}/disks/${diskId}`, { body: { sizeGb: 80 } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CLUSTER_IN_MIXED_MODE');
    await f.run('PUT', `/v1/vms/${vmId}/disks/${diskId}`, { sizeGb: 80, force: true });
    await f.vmWhere(vmId, (v) => v.disks[0].sizeGb === 80 && v.pendingJobId === null, 'to have an 80 GB disk');
    const history = (await t.request('GET', `/v1/vms/${vmId}/history`)).body.items;
    const resized = history.find((e: { type: string }) => e.type === 'VmDiskResizeRequested');
    expect(resized.data).toMatchObject({ fromSizeGb: 40, toSizeGb: 80, forced: true });
    expect(resized.data.warning).toMatch(/^Disk resized with force while cluster CLU-DISK is in mixed mode/);
  });
});
