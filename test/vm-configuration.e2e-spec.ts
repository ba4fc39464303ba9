import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';

const hostBody = (name: string, memoryMb = 262144) => ({
  name,
  address: '10.0.1.10',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 32,
  memoryMb,
});

const vmBody = (hostId: string, overrides: Record<string, unknown> = {}) => ({
  name: 'cfg01',
  tenant: 'contoso',
  hostId,
  generation: 2,
  guestOs: { family: 'windows', version: '2016' },
  memory: { startupMb: 2048 },
  processorCount: 2,
  networkAdapters: [{ name: 'Frontend', switchName: 'External' }],
  disks: [{ name: 'os', sizeGb: 60 }],
  ...overrides,
});

const WAIT = { prefer: 'wait=20' };

describe('VM configuration and checkpoints over HTTP, with the simulated fleet', () => {
  let t: TestApp;
  let hostId: string;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005' });
    hostId = (await t.request('POST', '/v1/hosts', { body: hostBody('hv-cfg') })).body.id;
  });
  after(async () => {
    await t?.close();
  });

  /** Sends a command that needs host work and waits for its job; fails the test unless it succeeded. */
  async function run(method: string, path: string, body: unknown = {}) {
    const r = await t.request(method, path, { body, headers: WAIT });
    if (r.status !== 200 || r.body?.status !== 'Succeeded') {
      throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    return r.body;
  }

  /** The VM once the read model shows it as `predicate` wants. */
  const vmWhere = (vmId: string, predicate: (vm: any) => boolean, what: string) =>
    eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}`);
        return r.status === 200 && predicate(r.body) ? r.body : undefined;
      },
      15000,
      `VM ${vmId} ${what}`,
    );

  async function createVm(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await run('POST', '/v1/vms', vmBody(hostId, overrides));
    const vmId = created.target.id as string;
    await vmWhere(vmId, (vm) => vm.state === 'Off' && vm.pendingJobId === null, 'to be Off');
    return vmId;
  }

  it('a Generation 2 Linux VM gets the UEFI CA template before its first start, and then boots', async () => {
    const vmId = await createVm({
      name: 'linux01',
      guestOs: { family: 'linux', version: 'Ubuntu 16.04' },
      firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
    });
    const refused = await t.request('POST', `/v1/vms/${vmId}/start`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SECURE_BOOT_TEMPLATE_MISMATCH');

    const job = await run('PUT', `/v1/vms/${vmId}/firmware`, { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' });
    expect(job.kind).toBe('set-vm-firmware');
    expect(job.steps.map((s: { powershell: string }) => s.powershell).join('\n')).toContain('Set-VMFirmware');
    await vmWhere(vmId, (vm) => vm.firmware.secureBootTemplate === 'MicrosoftUEFICertificateAuthority', 'to have the UEFI CA template');

    await run('POST', `/v1/vms/${vmId}/start`);
    const running = await vmWhere(vmId, (vm) => vm.state === 'Running', 'to be Running');
    expect(running.firmware).toEqual({ secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' });

    const whileRunning = await t.request('PUT', `/v1/vms/${vmId}/firmware`, { body: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' } });
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body.code).toBe('INVALID_VM_STATE');
  });

  it('hot-adds a network adapter to a running Generation 2 VM, and refuses it on Generation 1', async () => {
    const vmId = await createVm({ name: 'hotadd01' });
    await run('POST', `/v1/vms/${vmId}/start`);
    const job = await run('POST', `/v1/vms/${vmId}/network-adapters`, { name: 'Backend', switchName: 'Internal' });
    expect(job.kind).toBe('add-network-adapter');
    const vm = await vmWhere(vmId, (v) => v.networkAdapters.length === 2, 'to have two adapters');
    expect(vm.state).toBe('Running');
    expect(vm.networkAdapters.map((a: { name: string }) => a.name)).toEqual(['Frontend', 'Backend']);

    const duplicate = await t.request('POST', `/v1/vms/${vmId}/network-adapters`, { body: { name: 'backend', switchName: 'Internal' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('DUPLICATE_ADAPTER_NAME');

    const removed = vm.networkAdapters.find((a: { name: string }) => a.name === 'Backend');
    await run('DELETE', `/v1/vms/${vmId}/network-adapters/${removed.id}`, undefined);
    await vmWhere(vmId, (v) => v.networkAdapters.length === 1, 'to have one adapter again');

    const gen1 = await createVm({ name: 'gen1', generation: 1 });
    await run('POST', `/v1/vms/${gen1}/start`);
    const refused = await t.request('POST', `/v1/vms/${gen1}/network-adapters`, { body: { name: 'Backend', switchName: 'Internal' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('GENERATION_2_REQUIRED');
  });

  it('takes a production checkpoint of a running VM, and applying it after a change leaves the VM Off as it was', async () => {
    const vmId = await createVm({ name: 'prod01' });
    await run('POST', `/v1/vms/${vmId}/start`);
    const taken = await run('POST', `/v1/vms/${vmId}/checkpoints`, { name: 'before-change' });
    expect(taken.kind).toBe('create-checkpoint');
    expect(taken.steps.map((s: { powershell: string }) => s.powershell).join('\n')).toContain('Checkpoint-VM');

    const tree = await eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}/checkpoints`);
        return r.body?.count === 1 ? r.body : undefined;
      },
      15000,
      'the checkpoint to appear',
    );
    const checkpoint = tree.checkpoints[0];
    expect(checkpoint).toMatchObject({ name: 'before-change', kind: 'Production', includesState: false, parentId: null, isCurrent: true });
    expect(tree.currentCheckpointId).toBe(checkpoint.id);

    // The change: a hot-added adapter and more memory while it runs.
    await run('POST', `/v1/vms/${vmId}/network-adapters`, { name: 'Backend', switchName: 'Internal' });
    await run('PUT', `/v1/vms/${vmId}/memory`, { startupMb: 4096 });
    await vmWhere(vmId, (v) => v.networkAdapters.length === 2 && v.memory.startupMb === 4096, 'to show the change');

    const applied = await run('POST', `/v1/vms/${vmId}/checkpoints/${checkpoint.id}/apply`);
    expect(applied.kind).toBe('apply-checkpoint');
    const restored = await vmWhere(vmId, (v) => v.state === 'Off' && v.pendingJobId === null, 'to be Off after the apply');
    expect(restored.networkAdapters.map((a: { name: string }) => a.name)).toEqual(['Frontend']);
    expect(restored.memory.startupMb).toBe(2048);
    expect(restored.currentCheckpointId).toBe(checkpoint.id);

    // The host counts exactly the memory of the VMs that still run on it: no longer this one's.
    await eventually(
      async () => {
        const [host, vms] = await Promise.all([
          t.request('GET', `/v1/hosts/${hostId}`),
          t.request('GET', `/v1/vms?hostId=${hostId}&limit=500`),
        ]);
        const running = vms.body.items.filter((v: { state: string }) => v.state === 'Running' || v.state === 'Paused');
        const expected = running.reduce((sum: number, v: { memory: { startupMb: number } }) => sum + v.memory.startupMb, 0);
        return host.body.memoryUsedMb === expected && !running.some((v: { id: string }) => v.id === vmId) ? true : undefined;
      },
      15000,
      'the host to count only the VMs still running',
    );

    // A new checkpoint after the apply branches from the applied one.
    await run('POST', `/v1/vms/${vmId}/checkpoints`, { name: 'branch' });
    const branched = await eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}/checkpoints`);
        return r.body?.count === 2 ? r.body : undefined;
      },
      15000,
      'the second checkpoint',
    );
    expect(branched.checkpoints[0].children).toEqual([
      expect.objectContaining({ name: 'branch', parentId: checkpoint.id, kind: 'Standard', includesState: false, isCurrent: true }),
    ]);

    // Deleting the first merges it: the branch becomes a root.
    await run('DELETE', `/v1/vms/${vmId}/checkpoints/${checkpoint.id}`, undefined);
    const merged = await eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}/checkpoints`);
        return r.body?.count === 1 ? r.body : undefined;
      },
      15000,
      'the merge',
    );
    expect(merged.checkpoints).toEqual([expect.objectContaining({ name: 'branch', parentId: null })]);
  });

  it('updates a 5.0 VM with a running-state standard checkpoint to 8.0 on WS2016; the checkpoint becomes offline', async () => {
    const vmId = await createVm({ name: 'old01', configVersion: '5.0', checkpointType: 'Standard' });
    await run('POST', `/v1/vms/${vmId}/start`);
    await run('POST', `/v1/vms/${vmId}/checkpoints`, { name: 'online' });
    const online = await eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms/${vmId}/checkpoints`);
        return r.body?.count === 1 ? r.body.checkpoints[0] : undefined;
      },
      15000,
      'the online checkpoint',
    );
    expect(online).toMatchObject({ kind: 'Standard', includesState: true });

    const running = await t.request('POST', `/v1/vms/${vmId}/upgrade-version`, { body: {} });
    expect(running.status).toBe(409);
    expect(running.body.code).toBe('INVALID_VM_STATE');

    await run('POST', `/v1/vms/${vmId}/save`);
    const job = await run('POST', `/v1/vms/${vmId}/upgrade-version`);
    expect(job.kind).toBe('upgrade-vm-version');
    expect(job.steps.map((s: { powershell: string }) => s.powershell).join('\n')).toContain('Update-VMVersion');
    const upgraded = await vmWhere(vmId, (v) => v.configVersion === '8.0', 'to be at 8.0');
    expect(upgraded.state).toBe('Off');

    const tree = (await t.request('GET', `/v1/vms/${vmId}/checkpoints`)).body;
    expect(tree.checkpoints[0]).toMatchObject({ id: online.id, includesState: false });
    const history = await t.request('GET', `/v1/vms/${vmId}/history?limit=500`);
    const event = history.body.items.find((e: { type: string }) => e.type === 'VmVersionUpgraded');
    expect(event.data).toMatchObject({ fromVersion: '5.0', toVersion: '8.0', savedStateDiscarded: true, checkpointsMadeOffline: [online.id] });

    // One-way, and a no-op with a warning at the maximum.
    const again = await t.request('POST', `/v1/vms/${vmId}/upgrade-version`, { body: {} });
    expect(again.status).toBe(200);
    expect(again.body.warning).toContain('8.0');
    expect(again.headers.get('warning')).toContain('299');

    const filtered = await t.request('GET', `/v1/vms?configVersion=8.0&generation=2&tenant=contoso&limit=500`);
    expect(filtered.body.items.map((v: { id: string }) => v.id)).toContain(vmId);
    const old = await t.request('GET', `/v1/vms?configVersion=5.0&limit=500`);
    expect(old.body.items.map((v: { id: string }) => v.id)).not.toContain(vmId);
  });

  it('disables Heartbeat on every VM whose heartbeat is OkApplicationsUnknown, in one request over 100 VMs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const created = await t.request('POST', '/v1/vms', { body: vmBody(hostId, { name: `bulk${i}`, tenant: 'bulk', memory: { startupMb: 512 } }) });
      expect(created.status).toBe(202);
      ids.push(created.body.resource.id);
    }
    for (const vmId of ids) {
      await vmWhere(vmId, (v) => v.state === 'Off', 'to be created');
      expect((await t.request('POST', `/v1/vms/${vmId}/start`, { body: {} })).status).toBe(202);
    }
    const running = await eventually(
      async () => {
        const r = await t.request('GET', '/v1/vms?tenant=bulk&state=Running&limit=500');
        return r.body?.items.length === 100 ? r.body.items : undefined;
      },
      60000,
      'all 100 VMs to run',
    );
    const unknown = running.filter((v: { heartbeat: string }) => v.heartbeat === 'OkApplicationsUnknown').map((v: { id: string }) => v.id);
    // The simulated guests report a mix; the test is meaningless unless some are Unknown and some are not.
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length).toBeLessThan(100);

    const bulk = await t.request('POST', '/v1/vms/integration-services/bulk', {
      body: { filter: { heartbeat: 'OkApplicationsUnknown', tenant: 'bulk' }, service: 'Heartbeat', enabled: false },
    });
    expect(bulk.status).toBe(202);
    expect(bulk.body.summary).toEqual({ matched: unknown.length, accepted: unknown.length, refusedCount: 0 });
    expect(bulk.body.jobs.map((j: { vmId: string }) => j.vmId).sort()).toEqual([...unknown].sort());
    expect(new Set(bulk.body.jobs.map((j: { jobId: string }) => j.jobId)).size).toBe(unknown.length);

    const after = await eventually(
      async () => {
        const r = await t.request('GET', `/v1/vms?tenant=bulk&limit=500&minPosition=${bulk.body.position}`);
        const disabled = r.body?.items.filter((v: { heartbeat: string }) => v.heartbeat === 'Disabled') ?? [];
        return disabled.length === unknown.length ? r.body.items : undefined;
      },
      60000,
      'every matched VM to show Heartbeat disabled',
    );
    for (const vm of after) {
      const matched = unknown.includes(vm.id);
      expect(vm.integrationServices.Heartbeat).toBe(!matched);
      expect(vm.heartbeat === 'Disabled').toBe(matched);
    }
    const none = await t.request('GET', '/v1/vms?tenant=bulk&heartbeat=OkApplicationsUnknown');
    expect(none.body.items).toEqual([]);
  });

  it('records integration-services updates and resizes memory within the rules', async () => {
    const vmId = await createVm({ name: 'ic01' });
    await run('POST', `/v1/vms/${vmId}/integration-services/update`, { version: '10.0.14393.0' });
    await vmWhere(vmId, (v) => v.integrationServicesVersion === '10.0.14393.0', 'to show the version');

    const tooSmall = await t.request('PUT', `/v1/vms/${vmId}/memory`, { body: { startupMb: 31 } });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.code).toBe('INVALID_MEMORY_SETTINGS');

    await run('PUT', `/v1/vms/${vmId}/memory`, { startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } });
    await run('POST', `/v1/vms/${vmId}/start`);
    const vm = await vmWhere(vmId, (v) => v.state === 'Running' && v.memory.demandMb !== null, 'to report memory demand');
    expect(vm.memory.dynamic).toEqual({ minimumMb: 512, maximumMb: 8192, bufferPercent: 20 });
    expect(vm.memory.demandMb).toBeGreaterThan(0);

    const narrow = await t.request('PUT', `/v1/vms/${vmId}/memory`, { body: { dynamic: { minimumMb: 512, maximumMb: 4096 } } });
    expect(narrow.status).toBe(409);
    expect(narrow.body.code).toBe('RUNTIME_MEMORY_CHANGE_REFUSED');
    await run('PUT', `/v1/vms/${vmId}/memory`, { dynamic: { minimumMb: 256, maximumMb: 16384 } });
    await vmWhere(vmId, (v) => v.memory.dynamic?.maximumMb === 16384, 'to have the wider range');

    const disk = await run('POST', `/v1/vms/${vmId}/disks`, { name: 'data', sizeGb: 100 });
    expect(disk.kind).toBe('add-vm-disk');
    await vmWhere(vmId, (v) => v.disks.some((d: { name: string }) => d.name === 'data'), 'to have the data disk');
  });
});
