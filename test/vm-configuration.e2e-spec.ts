import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, type components } from '../src/client';
import { byId, fabricClient, hostBody, vmBody, vmWhere } from './support/fabric';
import { eventually, startTestApp, TestApp } from './support/test-app';

/** Commands that need host work hold their answer until the job has ended. */
const WAIT = { waitSeconds: 20 };

describe('VM configuration and checkpoints over HTTP, with the simulated fleet', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostId: string;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005' });
    fabric = fabricClient(t);
    hostId = (
      await fabric.post('/v1/hosts', {
        body: hostBody({ name: 'hv-cfg', address: '10.0.1.10', logicalProcessors: 32, memoryMb: 262144 }),
      })
    ).id;
  });
  after(async () => {
    await t?.close();
  });

  const cfgVm = (overrides: Partial<components['schemas']['CreateVmDto']> = {}) =>
    vmBody({ hostId }, { name: 'cfg01', memory: { startupMb: 2048 }, ...overrides });

  async function createVm(overrides: Partial<components['schemas']['CreateVmDto']> = {}): Promise<string> {
    const created = await fabric.command('post', '/v1/vms', { body: cfgVm(overrides) }, WAIT);
    const vmId = created.job!.target.id;
    await vmWhere(fabric, vmId, (vm) => vm.state === 'Off' && vm.pendingJobId === null, 'to be Off');
    return vmId;
  }

  const start = async (vmId: string) => (await fabric.command('post', '/v1/vms/{id}/start', byId(vmId), WAIT)).job!;

  /** The checkpoint tree once it holds `count` checkpoints. */
  const treeOf = (vmId: string, count: number, what: string) =>
    eventually(
      async () => {
        const tree = await fabric.get('/v1/vms/{id}/checkpoints', byId(vmId));
        return tree.count === count ? tree : undefined;
      },
      15000,
      what,
    );

  it('a Generation 2 Linux VM gets the UEFI CA template before its first start, and then boots', async () => {
    const vmId = await createVm({
      name: 'linux01',
      guestOs: { family: 'linux', version: 'Ubuntu 16.04' },
      firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
    });
    await expect(fabric.post('/v1/vms/{id}/start', byId(vmId))).rejects.toMatchObject({
      status: 409,
      code: 'SECURE_BOOT_TEMPLATE_MISMATCH',
    });

    const { job } = await fabric.command(
      'put',
      '/v1/vms/{id}/firmware',
      { ...byId(vmId), body: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' } },
      WAIT,
    );
    expect(job!.kind).toBe('set-vm-firmware');
    expect(job!.steps.map((s) => s.powershell).join('\n')).toContain('Set-VMFirmware');
    await vmWhere(fabric, vmId, (vm) => vm.firmware?.secureBootTemplate === 'MicrosoftUEFICertificateAuthority', 'to have the UEFI CA template');

    await start(vmId);
    const running = await vmWhere(fabric, vmId, (vm) => vm.state === 'Running', 'to be Running');
    expect(running.firmware).toEqual({ secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' });

    await expect(
      fabric.put('/v1/vms/{id}/firmware', { ...byId(vmId), body: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' } }),
    ).rejects.toMatchObject({ status: 409, code: 'INVALID_VM_STATE' });
  });

  it('hot-adds a network adapter to a running Generation 2 VM, and refuses it on Generation 1', async () => {
    const vmId = await createVm({ name: 'hotadd01' });
    await start(vmId);
    const { job } = await fabric.command(
      'post',
      '/v1/vms/{id}/network-adapters',
      { ...byId(vmId), body: { name: 'Backend', switchName: 'Internal' } },
      WAIT,
    );
    expect(job!.kind).toBe('add-network-adapter');
    const vm = await vmWhere(fabric, vmId, (v) => v.networkAdapters.length === 2, 'to have two adapters');
    expect(vm.state).toBe('Running');
    expect(vm.networkAdapters.map((a) => a.name)).toEqual(['Frontend', 'Backend']);

    await expect(
      fabric.post('/v1/vms/{id}/network-adapters', { ...byId(vmId), body: { name: 'backend', switchName: 'Internal' } }),
    ).rejects.toMatchObject({ status: 409, code: 'DUPLICATE_ADAPTER_NAME' });

    const removed = vm.networkAdapters.find((a) => a.name === 'Backend')!;
    await fabric.command(
      'delete',
      '/v1/vms/{id}/network-adapters/{adapterId}',
      { params: { path: { id: vmId, adapterId: removed.id } } },
      WAIT,
    );
    await vmWhere(fabric, vmId, (v) => v.networkAdapters.length === 1, 'to have one adapter again');

    const gen1 = await createVm({ name: 'gen1', generation: 1 });
    await start(gen1);
    await expect(
      fabric.post('/v1/vms/{id}/network-adapters', { ...byId(gen1), body: { name: 'Backend', switchName: 'Internal' } }),
    ).rejects.toMatchObject({ status: 409, code: 'GENERATION_2_REQUIRED' });
  });

  it('takes a production checkpoint of a running VM, and applying it after a change leaves the VM Off as it was', async () => {
    const vmId = await createVm({ name: 'prod01' });
    await start(vmId);
    const { job: taken } = await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'before-change' } }, WAIT);
    expect(taken!.kind).toBe('create-checkpoint');
    expect(taken!.steps.map((s) => s.powershell).join('\n')).toContain('Checkpoint-VM');

    const tree = await treeOf(vmId, 1, 'the checkpoint to appear');
    const checkpoint = tree.checkpoints[0];
    expect(checkpoint).toMatchObject({ name: 'before-change', kind: 'Production', includesState: false, parentId: null, isCurrent: true });
    expect(tree.currentCheckpointId).toBe(checkpoint.id);

    // The change: a hot-added adapter and more memory while it runs.
    await fabric.command('post', '/v1/vms/{id}/network-adapters', { ...byId(vmId), body: { name: 'Backend', switchName: 'Internal' } }, WAIT);
    await fabric.command('put', '/v1/vms/{id}/memory', { ...byId(vmId), body: { startupMb: 4096 } }, WAIT);
    await vmWhere(fabric, vmId, (v) => v.networkAdapters.length === 2 && v.memory.startupMb === 4096, 'to show the change');

    const { job: applied } = await fabric.command(
      'post',
      '/v1/vms/{id}/checkpoints/{checkpointId}/apply',
      { params: { path: { id: vmId, checkpointId: checkpoint.id } } },
      WAIT,
    );
    expect(applied!.kind).toBe('apply-checkpoint');
    const restored = await vmWhere(fabric, vmId, (v) => v.state === 'Off' && v.pendingJobId === null, 'to be Off after the apply');
    expect(restored.networkAdapters.map((a) => a.name)).toEqual(['Frontend']);
    expect(restored.memory.startupMb).toBe(2048);
    expect(restored.currentCheckpointId).toBe(checkpoint.id);

    // The host counts exactly the memory of the VMs that still run on it: no longer this one's.
    await eventually(
      async () => {
        const [host, vms] = await Promise.all([
          fabric.get('/v1/hosts/{id}', byId(hostId)),
          fabric.get('/v1/vms', { params: { query: { hostId, limit: 500 } } }),
        ]);
        const running = vms.items.filter((v) => v.state === 'Running' || v.state === 'Paused');
        const expected = running.reduce((sum, v) => sum + v.memory.startupMb, 0);
        return host.memoryUsedMb === expected && !running.some((v) => v.id === vmId) ? true : undefined;
      },
      15000,
      'the host to count only the VMs still running',
    );

    // A new checkpoint after the apply branches from the applied one.
    await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'branch' } }, WAIT);
    const branched = await treeOf(vmId, 2, 'the second checkpoint');
    expect(branched.checkpoints[0].children).toEqual([
      expect.objectContaining({ name: 'branch', parentId: checkpoint.id, kind: 'Standard', includesState: false, isCurrent: true }),
    ]);

    // Deleting the first merges it: the branch becomes a root.
    await fabric.command(
      'delete',
      '/v1/vms/{id}/checkpoints/{checkpointId}',
      { params: { path: { id: vmId, checkpointId: checkpoint.id } } },
      WAIT,
    );
    const merged = await treeOf(vmId, 1, 'the merge');
    expect(merged.checkpoints).toEqual([expect.objectContaining({ name: 'branch', parentId: null })]);

    // Deleting with subtree removes the checkpoint and everything below it; the flag is a boolean.
    await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'leaf' } }, WAIT);
    const branch = (await treeOf(vmId, 2, 'the leaf')).checkpoints[0];
    const subtree = (value: unknown) => ({ params: { path: { id: vmId, checkpointId: branch.id }, query: { subtree: value as boolean } } });
    await expect(fabric.delete('/v1/vms/{id}/checkpoints/{checkpointId}', subtree('yes'))).rejects.toMatchObject({
      status: 400,
      problem: { code: 'VALIDATION_FAILED', errors: [{ path: 'subtree', message: 'subtree must be true or false' }] },
    });
    await fabric.command('delete', '/v1/vms/{id}/checkpoints/{checkpointId}', subtree(true), WAIT);
    expect((await treeOf(vmId, 0, 'the subtree gone')).checkpoints).toEqual([]);
  });

  it('updates a 5.0 VM with a running-state standard checkpoint to 8.0 on WS2016; the checkpoint becomes offline', async () => {
    const vmId = await createVm({ name: 'old01', configVersion: '5.0', checkpointType: 'Standard' });
    await start(vmId);
    await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'online' } }, WAIT);
    const online = (await treeOf(vmId, 1, 'the online checkpoint')).checkpoints[0];
    expect(online).toMatchObject({ kind: 'Standard', includesState: true });

    await expect(fabric.post('/v1/vms/{id}/upgrade-version', byId(vmId))).rejects.toMatchObject({
      status: 409,
      code: 'INVALID_VM_STATE',
    });

    await fabric.command('post', '/v1/vms/{id}/save', byId(vmId), WAIT);
    const { job } = await fabric.command('post', '/v1/vms/{id}/upgrade-version', byId(vmId), WAIT);
    expect(job!.kind).toBe('upgrade-vm-version');
    expect(job!.steps.map((s) => s.powershell).join('\n')).toContain('Update-VMVersion');
    const upgraded = await vmWhere(fabric, vmId, (v) => v.configVersion === '8.0', 'to be at 8.0');
    expect(upgraded.state).toBe('Off');

    const tree = await fabric.get('/v1/vms/{id}/checkpoints', byId(vmId));
    expect(tree.checkpoints[0]).toMatchObject({ id: online.id, includesState: false });
    const history = await fabric.get('/v1/{kind}/{id}/history', {
      params: { path: { kind: 'vms', id: vmId }, query: { limit: 500 } },
    });
    const event = history.items.find((e) => e.type === 'VmVersionUpgraded');
    expect(event!.data).toMatchObject({ fromVersion: '5.0', toVersion: '8.0', savedStateDiscarded: true, checkpointsMadeOffline: [online.id] });

    // One-way, and a no-op with a warning at the maximum (the Warning header is read from the raw answer).
    const again = await fabric.raw.POST('/v1/vms/{id}/upgrade-version', byId(vmId));
    expect(again.response.status).toBe(200);
    expect(again.data).toMatchObject({ warning: expect.stringContaining('8.0') });
    expect(again.response.headers.get('warning')).toContain('299');

    const filtered = await fabric.get('/v1/vms', { params: { query: { configVersion: '8.0', generation: 2, tenant: 'contoso', limit: 500 } } });
    expect(filtered.items.map((v) => v.id)).toContain(vmId);
    const old = await fabric.get('/v1/vms', { params: { query: { configVersion: '5.0', limit: 500 } } });
    expect(old.items.map((v) => v.id)).not.toContain(vmId);
  });

  it('disables Heartbeat on every VM whose heartbeat is OkApplicationsUnknown, in one request over 100 VMs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const created = await fabric.post('/v1/vms', { body: cfgVm({ name: `bulk${i}`, tenant: 'bulk', memory: { startupMb: 512 } }) });
      ids.push(created.resource.id);
    }
    for (const vmId of ids) {
      await vmWhere(fabric, vmId, (v) => v.state === 'Off', 'to be created');
      await fabric.post('/v1/vms/{id}/start', byId(vmId));
    }
    const running = await eventually(
      async () => {
        const page = await fabric.get('/v1/vms', { params: { query: { tenant: 'bulk', state: 'Running', limit: 500 } } });
        return page.items.length === 100 ? page.items : undefined;
      },
      60000,
      'all 100 VMs to run',
    );
    const unknown = running.filter((v) => v.heartbeat === 'OkApplicationsUnknown').map((v) => v.id);
    // The simulated guests report a mix; the test is meaningless unless some are Unknown and some are not.
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length).toBeLessThan(100);

    const bulk = await fabric.post('/v1/vms/integration-services/bulk', {
      body: { filter: { heartbeat: 'OkApplicationsUnknown', tenant: 'bulk' }, service: 'Heartbeat', enabled: false },
    });
    expect(bulk.summary).toEqual({ matched: unknown.length, accepted: unknown.length, refusedCount: 0 });
    expect(bulk.jobs.map((j) => j.vmId).sort()).toEqual([...unknown].sort());
    expect(new Set(bulk.jobs.map((j) => j.jobId)).size).toBe(unknown.length);

    const after = await eventually(
      async () => {
        const page = await fabric.get('/v1/vms', { params: { query: { tenant: 'bulk', limit: 500 } }, minPosition: bulk.position });
        const disabled = page.items.filter((v) => v.heartbeat === 'Disabled');
        return disabled.length === unknown.length ? page.items : undefined;
      },
      60000,
      'every matched VM to show Heartbeat disabled',
    );
    for (const vm of after) {
      const matched = unknown.includes(vm.id);
      expect(vm.integrationServices.Heartbeat).toBe(!matched);
      expect(vm.heartbeat === 'Disabled').toBe(matched);
    }
    const none = await fabric.get('/v1/vms', { params: { query: { tenant: 'bulk', heartbeat: 'OkApplicationsUnknown' } } });
    expect(none.items).toEqual([]);
  });

  it('records integration-services updates and resizes memory within the rules', async () => {
    const vmId = await createVm({ name: 'ic01' });
    await fabric.command('post', '/v1/vms/{id}/integration-services/update', { ...byId(vmId), body: { version: '10.0.14393.0' } }, WAIT);
    await vmWhere(fabric, vmId, (v) => v.integrationServicesVersion === '10.0.14393.0', 'to show the version');

    await expect(fabric.put('/v1/vms/{id}/memory', { ...byId(vmId), body: { startupMb: 31 } })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_MEMORY_SETTINGS',
    });

    await fabric.command(
      'put',
      '/v1/vms/{id}/memory',
      { ...byId(vmId), body: { startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } } },
      WAIT,
    );
    await start(vmId);
    const vm = await vmWhere(fabric, vmId, (v) => v.state === 'Running' && v.memory.demandMb !== null, 'to report memory demand');
    expect(vm.memory.dynamic).toEqual({ minimumMb: 512, maximumMb: 8192, bufferPercent: 20 });
    expect(vm.memory.demandMb).toBeGreaterThan(0);

    await expect(
      fabric.put('/v1/vms/{id}/memory', { ...byId(vmId), body: { dynamic: { minimumMb: 512, maximumMb: 4096 } } }),
    ).rejects.toMatchObject({ status: 409, code: 'RUNTIME_MEMORY_CHANGE_REFUSED' });
    await fabric.command('put', '/v1/vms/{id}/memory', { ...byId(vmId), body: { dynamic: { minimumMb: 256, maximumMb: 16384 } } }, WAIT);
    await vmWhere(fabric, vmId, (v) => v.memory.dynamic?.maximumMb === 16384, 'to have the wider range');

    const { job: disk } = await fabric.command('post', '/v1/vms/{id}/disks', { ...byId(vmId), body: { name: 'data', sizeGb: 100 } }, WAIT);
    expect(disk!.kind).toBe('add-vm-disk');
    await vmWhere(fabric, vmId, (v) => v.disks.some((d) => d.name === 'data'), 'to have the data disk');
  });
});
