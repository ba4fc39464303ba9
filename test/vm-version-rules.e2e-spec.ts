import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { fabricBuilders, vmBody } from './support/fabric-builders';

describe('VM versions over HTTP: functional level caps, every node, Linux Secure Boot, nested virtualization', () => {
  let t: TestApp;
  let f: ReturnType<typeof fabricBuilders>;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.0005' });
    f = fabricBuilders(t);
  });
  after(async () => {
    await t?.close();
  });

  it('a level-8 cluster refuses 8.0 in mixed mode and once every node runs WS2016, and takes Linux VMs with Secure Boot off', async () => {
    const old = await f.registerHost('WS2012R2');
    const clusterId = await f.createCluster('CLU-CAP', [old]);
    const upLevel = await f.registerHost('WS2016');
    await f.addNode(clusterId, upLevel);

    const mixed = await t.request('POST', '/v1/vms', { body: vmBody({ clusterId }, { configVersion: '8.0' }) });
    expect(mixed.status).toBe(409);
    expect(mixed.body.code).toBe('CLUSTER_IN_MIXED_MODE');
    expect(mixed.body.details).toEqual({ functionalLevel: 8, highestVersion: '5.0', configVersion: '8.0' });

    // A Linux Generation 2 VM without firmware settings: Secure Boot off at 5.0, not a refusal.
    const { vm: linux } = await f.createVm({ clusterId }, { guestOs: { family: 'linux', version: 'Ubuntu 16.04' } });
    expect(linux).toMatchObject({ configVersion: '5.0', firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' } });
    const history = await t.request('GET', `/v1/vms/${linux.id}/history`);
    const creation = history.body.items.find((e: { type: string }) => e.type === 'VmCreationRequested');
    expect(creation.data.firmwareNote).toBe(
      'Secure Boot is off: configuration version 5.0 is below 6.2, the first that runs Linux Secure Boot (MicrosoftUEFICertificateAuthority)',
    );

    const uefiCa = await t.request('POST', '/v1/vms', {
      body: vmBody(
        { clusterId },
        { guestOs: { family: 'linux' }, firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' } },
      ),
    });
    expect(uefiCa.status).toBe(409);
    expect(uefiCa.body.code).toBe('FEATURE_REQUIRES_NEWER_VERSION');
    expect(uefiCa.body.details).toEqual({
      feature: 'The MicrosoftUEFICertificateAuthority Secure Boot template',
      configVersion: '5.0',
      requiredVersion: '6.2',
    });

    // Every node on WS2016 (the old node drained and evicted), the level still 8.
    await f.removeNode(clusterId, old);
    const level8 = await t.request('POST', '/v1/vms', { body: vmBody({ clusterId }, { configVersion: '8.0' }) });
    expect(level8.status).toBe(409);
    expect(level8.body.code).toBe('FUNCTIONAL_LEVEL_TOO_LOW');

    await f.run('POST', `/v1/clusters/${clusterId}/functional-level`, {});
    await f.clusterWhere(clusterId, (c) => c.functionalLevel === 9 && c.pendingJobIds.length === 0, 'at level 9');
    const { vm } = await f.createVm({ clusterId }, { configVersion: '8.0' });
    expect(vm.configVersion).toBe('8.0');
  });

  it('a WS2019 cluster refuses 5.0 once a WS2022 node has joined (every node must run the version)', async () => {
    const first = await f.registerHost('WS2019');
    const clusterId = await f.createCluster('CLU-EVERY', [first]);
    const { vm: before } = await f.createVm({ clusterId }, { configVersion: '5.0' });
    expect(before.configVersion).toBe('5.0');

    await f.addNode(clusterId, await f.registerHost('WS2022'));
    const refused = await t.request('POST', '/v1/vms', { body: vmBody({ clusterId }, { configVersion: '5.0' }) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFIG_VERSION_UNSUPPORTED');
    const { vm } = await f.createVm({ clusterId });
    expect(vm.configVersion).toBe('9.0');
  });

  it('refuses to upgrade a 5.0 VM that replicates to a WS2012R2 host, naming the replica host', async () => {
    const primary = await f.registerHost('WS2016');
    const replicaHost = await f.registerHost('WS2012R2');
    const { vmId } = await f.createVm({ hostId: primary }, { configVersion: '5.0' });
    await f.run('POST', `/v1/vms/${vmId}/replication`, { replicaHostId: replicaHost });
    await eventually(
      async () => ((await t.request('GET', `/v1/vms/${vmId}/replication`)).body?.state === 'Replicating' ? true : undefined),
      15000,
      'replication to be running',
    );
    const replicaName = (await t.request('GET', `/v1/hosts/${replicaHost}`)).body.name;

    const refused = await t.request('POST', `/v1/vms/${vmId}/upgrade-version`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFIG_VERSION_UNSUPPORTED');
    expect(refused.body.details).toEqual({ configVersion: '8.0', host: replicaName, osVersion: 'WS2012R2', replicaHost: replicaName });
    expect(refused.body.detail).toContain('remove replication first');
    expect((await t.request('GET', `/v1/vms/${vmId}`)).body).toMatchObject({ configVersion: '5.0', pendingJobId: null });

    // Without replication the same upgrade goes through.
    await f.run('DELETE', `/v1/vms/${vmId}/replication`, undefined);
    await eventually(
      async () => ((await t.request('GET', `/v1/vms/${vmId}/replication`)).body?.state !== 'Replicating' ? true : undefined),
      15000,
      'replication to be removed',
    );
    const upgraded = await f.run('POST', `/v1/vms/${vmId}/upgrade-version`, {});
    expect(upgraded.kind).toBe('upgrade-vm-version');
  });

  it('nested virtualization: on for an Off 8.0 VM on WS2016, refused for a 5.0 VM and on a WS2012R2 host', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId } = await f.createVm({ hostId });
    const job = await f.run('PUT', `/v1/vms/${vmId}/processor`, { exposeVirtualizationExtensions: true });
    expect(job.steps.map((s: { powershell: string }) => s.powershell).join('\n')).toContain('-ExposeVirtualizationExtensions $true');
    await f.vmWhere(vmId, (v) => v.exposeVirtualizationExtensions === true, 'to expose virtualization extensions');
    const fleet = (await t.request('GET', '/v1/simulator')).body;
    const simulated = fleet.hosts.flatMap((h: { vms: any[] }) => h.vms).find((v: { vmId: string }) => v.vmId === vmId);
    expect(simulated.exposeVirtualizationExtensions).toBe(true);

    const { vmId: oldVersion } = await f.createVm({ hostId }, { configVersion: '5.0' });
    const tooOld = await t.request('PUT', `/v1/vms/${oldVersion}/processor`, { body: { exposeVirtualizationExtensions: true } });
    expect(tooOld.status).toBe(409);
    expect(tooOld.body.code).toBe('FEATURE_REQUIRES_NEWER_VERSION');
    expect(tooOld.body.details).toEqual({ feature: 'Nested virtualization', configVersion: '5.0', requiredVersion: '8.0' });

    const { vmId: onOldHost } = await f.createVm({ hostId: await f.registerHost('WS2012R2') });
    const oldHost = await t.request('PUT', `/v1/vms/${onOldHost}/processor`, { body: { exposeVirtualizationExtensions: true } });
    expect(oldHost.status).toBe(409);
    expect(oldHost.body.code).toBe('FEATURE_REQUIRES_NEWER_VERSION');
  });
});
