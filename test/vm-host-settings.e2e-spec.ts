import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { FabricClient, Job } from '../src/client';
import { byId, historyOf, simulatedVm } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { startTestApp, TestApp } from './support/test-app';

const powershellOf = (job: Job) => job.steps.map((s) => s.powershell);

describe('VM settings on the host over HTTP: checkpoint type and disk size', () => {
  let t: TestApp;
  let f: FabricBuilder;
  let fabric: FabricClient;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005' });
    f = new FabricBuilder(t);
    fabric = f.client;
  });
  after(async () => {
    await t?.close();
  });

  const disk = (vmId: string, diskId: string) => ({ params: { path: { id: vmId, diskId } } });

  it('sets the checkpoint type on the host with a job, and a checkpoint that falls back leaves it as it was', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId, vm: created } = await f.createVm({ hostId });
    const hostName = (await fabric.get('/v1/hosts/{id}', byId(hostId))).name;

    const { job } = await fabric.command('put', '/v1/vms/{id}/checkpoint-type', { ...byId(vmId), body: { checkpointType: 'Standard' } });
    expect(job!.kind).toBe('set-checkpoint-type');
    expect(powershellOf(job!)).toEqual([`Set-VM -Name "${created.name}" -CheckpointType Standard -ComputerName "${hostName}"`]);
    await f.vmWhere(vmId, (v) => v.checkpointType === 'Standard' && v.pendingJobId === null, 'to have the Standard type');
    expect((await simulatedVm(fabric, vmId))!.checkpointType).toBe('Standard');

    await fabric.command('put', '/v1/vms/{id}/checkpoint-type', { ...byId(vmId), body: { checkpointType: 'Production' } });
    await f.vmWhere(vmId, (v) => v.checkpointType === 'Production' && v.pendingJobId === null, 'to have the Production type');

    // The VM is Off: a Production request falls back to Standard, and the setting stays Production on both sides.
    const { job: checkpoint } = await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'offline' } });
    expect(powershellOf(checkpoint!).some((line) => line.startsWith('Set-VM'))).toBe(false);
    const vm = await f.vmWhere(vmId, (v) => v.checkpointCount === 1 && v.pendingJobId === null, 'to have its checkpoint');
    expect(vm.checkpointType).toBe('Production');
    const tree = await fabric.get('/v1/vms/{id}/checkpoints', byId(vmId));
    expect(tree.checkpoints[0]).toMatchObject({ name: 'offline', kind: 'Standard' });
    expect((await simulatedVm(fabric, vmId))!.checkpointType).toBe('Production');
  });

  it('refuses a checkpoint type change on a WS2012R2 host and a bad type, and changes nothing', async () => {
    const { vmId } = await f.createVm({ hostId: await f.registerHost('WS2012R2') });
    await expect(
      fabric.put('/v1/vms/{id}/checkpoint-type', { ...byId(vmId), body: { checkpointType: 'Standard' } }),
    ).rejects.toMatchObject({ status: 409, code: 'HOST_OS_TOO_OLD' });
    await expect(
      fabric.put('/v1/vms/{id}/checkpoint-type', { ...byId(vmId), body: { checkpointType: 'Sometimes' as never } }),
    ).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const vm = await fabric.get('/v1/vms/{id}', byId(vmId));
    expect(vm).toMatchObject({ checkpointType: 'Production', pendingJobId: null });
  });

  it('grows a disk with Resize-VHD and refuses to shrink it, to resize a disk it does not have, or a bad size', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId, vm } = await f.createVm({ hostId }, { disks: [{ name: 'data', sizeGb: 60 }] });
    const diskId = vm.disks[0].id;

    const { job } = await fabric.command('put', '/v1/vms/{id}/disks/{diskId}', { ...disk(vmId, diskId), body: { sizeGb: 100 } });
    expect(job!.kind).toBe('resize-vm-disk');
    expect(powershellOf(job!)[0]).toMatch(/^Resize-VHD -Path .*-SizeBytes 100GB/);
    await f.vmWhere(vmId, (v) => v.disks[0].sizeGb === 100 && v.pendingJobId === null, 'to have a 100 GB disk');
    expect((await simulatedVm(fabric, vmId))!.disks).toEqual([expect.objectContaining({ id: diskId, sizeGb: 100 })]);

    await expect(
      fabric.put('/v1/vms/{id}/disks/{diskId}', { ...disk(vmId, diskId), body: { sizeGb: 50 } }),
    ).rejects.toMatchObject({ status: 409, code: 'DISK_CANNOT_SHRINK' });
    await expect(
      fabric.put('/v1/vms/{id}/disks/{diskId}', { ...disk(vmId, '00000000-0000-4000-8000-000000000000'), body: { sizeGb: 500 } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      fabric.put('/v1/vms/{id}/disks/{diskId}', { ...disk(vmId, diskId), body: { sizeGb: 'big' as never } }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await fabric.get('/v1/vms/{id}', byId(vmId))).disks[0].sizeGb).toBe(100);
  });

  it('in a mixed-mode cluster resizes a disk only with force, and records the warning', async () => {
    const clusterId = await f.createCluster('CLU-DISK', [await f.registerHost('WS2012R2')]);
    await f.addNode(clusterId, await f.registerHost('WS2016'));
    const { vmId, vm } = await f.createVm({ clusterId }, { disks: [{ name: 'data', sizeGb: 40 }] });
    const diskId = vm.disks[0].id;

    await expect(
      fabric.put('/v1/vms/{id}/disks/{diskId}', { ...disk(vmId, diskId), body: { sizeGb: 80 } }),
    ).rejects.toMatchObject({ status: 409, code: 'CLUSTER_IN_MIXED_MODE' });
    await fabric.command('put', '/v1/vms/{id}/disks/{diskId}', { ...disk(vmId, diskId), body: { sizeGb: 80, force: true } });
    await f.vmWhere(vmId, (v) => v.disks[0].sizeGb === 80 && v.pendingJobId === null, 'to have an 80 GB disk');
    const resized = (await historyOf(fabric, 'vms', vmId)).find((e) => e.type === 'VmDiskResizeRequested');
    expect(resized!.data).toMatchObject({ fromSizeGb: 40, toSizeGb: 80, forced: true });
    expect(resized!.data.warning).toMatch(/^Disk resized with force while cluster CLU-DISK is in mixed mode/);
  });
});
