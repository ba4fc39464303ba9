import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient, FabricProblem } from '../src/client';
import { byId, historyOf, refusal, simulatedVm, vmBody } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { eventually, startTestApp, TestApp } from './support/test-app';

describe('VM versions over HTTP: functional level caps, every node, Linux Secure Boot, nested virtualization', () => {
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

  it('a level-8 cluster refuses 8.0 in mixed mode and once every node runs WS2016, and takes Linux VMs with Secure Boot off', async () => {
    const old = await f.registerHost('WS2012R2');
    const clusterId = await f.createCluster('CLU-CAP', [old]);
    const upLevel = await f.registerHost('WS2016');
    await f.addNode(clusterId, upLevel);

    const mixed = await refusal(fabric.post('/v1/vms', { body: vmBody({ clusterId }, { configVersion: '8.0' }) }));
    expect(mixed).toMatchObject({ status: 409, code: 'CLUSTER_IN_MIXED_MODE' });
    expect(mixed.problem.details).toEqual({ functionalLevel: 8, highestVersion: '5.0', configVersion: '8.0' });

    // A Linux Generation 2 VM without firmware settings: Secure Boot off at 5.0, not a refusal.
    const { vm: linux } = await f.createVm({ clusterId }, { guestOs: { family: 'linux', version: 'Ubuntu 16.04' } });
    expect(linux).toMatchObject({ configVersion: '5.0', firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' } });
    const creation = (await historyOf(fabric, 'vms', linux.id)).find((e) => e.type === 'VmCreationRequested');
    expect(creation!.data.firmwareNote).toBe(
      'Secure Boot is off: configuration version 5.0 is below 6.2, the first that runs Linux Secure Boot (MicrosoftUEFICertificateAuthority)',
    );

    const uefiCa = await refusal(
      fabric.post('/v1/vms', {
        body: vmBody(
          { clusterId },
          { guestOs: { family: 'linux' }, firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' } },
        ),
      }),
    );
    expect(uefiCa).toMatchObject({ status: 409, code: 'FEATURE_REQUIRES_NEWER_VERSION' });
    expect(uefiCa.problem.details).toEqual({
      feature: 'The MicrosoftUEFICertificateAuthority Secure Boot template',
      configVersion: '5.0',
      requiredVersion: '6.2',
    });

    // Every node on WS2016 (the old node drained and evicted), the level still 8.
    await f.removeNode(clusterId, old);
    await expect(fabric.post('/v1/vms', { body: vmBody({ clusterId }, { configVersion: '8.0' }) })).rejects.toMatchObject({
      status: 409,
      code: 'FUNCTIONAL_LEVEL_TOO_LOW',
    });

    await fabric.command('post', '/v1/clusters/{id}/functional-level', { ...byId(clusterId), body: {} });
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
    await expect(fabric.post('/v1/vms', { body: vmBody({ clusterId }, { configVersion: '5.0' }) })).rejects.toMatchObject({
      status: 409,
      code: 'CONFIG_VERSION_UNSUPPORTED',
    });
    const { vm } = await f.createVm({ clusterId });
    expect(vm.configVersion).toBe('9.0');
  });

  it('refuses to upgrade a 5.0 VM that replicates to a WS2012R2 host, naming the replica host', async () => {
    const primary = await f.registerHost('WS2016');
    const replicaHost = await f.registerHost('WS2012R2');
    const { vmId } = await f.createVm({ hostId: primary }, { configVersion: '5.0' });
    await fabric.command('post', '/v1/vms/{id}/replication', { ...byId(vmId), body: { replicaHostId: replicaHost } });
    await eventually(
      async () => ((await fabric.get('/v1/vms/{id}/replication', byId(vmId))).state === 'Replicating' ? true : undefined),
      15000,
      'replication to be running',
    );
    const replicaName = (await fabric.get('/v1/hosts/{id}', byId(replicaHost))).name;

    const refused = await refusal(fabric.post('/v1/vms/{id}/upgrade-version', byId(vmId)));
    expect(refused).toMatchObject({ status: 409, code: 'CONFIG_VERSION_UNSUPPORTED' });
    expect(refused.problem.details).toEqual({ configVersion: '8.0', host: replicaName, osVersion: 'WS2012R2', replicaHost: replicaName });
    expect(refused.detail).toContain('remove replication first');
    expect(await fabric.get('/v1/vms/{id}', byId(vmId))).toMatchObject({ configVersion: '5.0', pendingJobId: null });

    // Without replication the same upgrade goes through.
    await fabric.command('delete', '/v1/vms/{id}/replication', byId(vmId));
    await eventually(
      async () => {
        const replication = await fabric.get('/v1/vms/{id}/replication', byId(vmId)).catch((error: unknown) => {
          if (error instanceof FabricProblem && error.status === 404) return null;
          throw error;
        });
        return replication?.state !== 'Replicating' ? true : undefined;
      },
      15000,
      'replication to be removed',
    );
    const { job: upgraded } = await fabric.command('post', '/v1/vms/{id}/upgrade-version', byId(vmId));
    expect(upgraded!.kind).toBe('upgrade-vm-version');
  });

  it('nested virtualization: on for an Off 8.0 VM on WS2016, refused for a 5.0 VM and on a WS2012R2 host', async () => {
    const hostId = await f.registerHost('WS2016');
    const { vmId } = await f.createVm({ hostId });
    const { job } = await fabric.command('put', '/v1/vms/{id}/processor', { ...byId(vmId), body: { exposeVirtualizationExtensions: true } });
    expect(job!.steps.map((s) => s.powershell).join('\n')).toContain('-ExposeVirtualizationExtensions $true');
    await f.vmWhere(vmId, (v) => v.exposeVirtualizationExtensions === true, 'to expose virtualization extensions');
    expect((await simulatedVm(fabric, vmId))!.exposeVirtualizationExtensions).toBe(true);

    const { vmId: oldVersion } = await f.createVm({ hostId }, { configVersion: '5.0' });
    const tooOld = await refusal(
      fabric.put('/v1/vms/{id}/processor', { ...byId(oldVersion), body: { exposeVirtualizationExtensions: true } }),
    );
    expect(tooOld).toMatchObject({ status: 409, code: 'FEATURE_REQUIRES_NEWER_VERSION' });
    expect(tooOld.problem.details).toEqual({ feature: 'Nested virtualization', configVersion: '5.0', requiredVersion: '8.0' });

    const { vmId: onOldHost } = await f.createVm({ hostId: await f.registerHost('WS2012R2') });
    await expect(
      fabric.put('/v1/vms/{id}/processor', { ...byId(onOldHost), body: { exposeVirtualizationExtensions: true } }),
    ).rejects.toMatchObject({ status: 409, code: 'FEATURE_REQUIRES_NEWER_VERSION' });
  });
});
