import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { byId, fabricClient, historyOf, hostBody, vmBody } from './support/fabric';
import { nodeOf } from './support/fabric-builder';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

const ENV = { SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' };

describe('resiliency timers survive a restart of the service', () => {
  let database: TestDatabase;
  let t: TestApp | null = null;

  after(async () => {
    await t?.close();
    await database?.drop();
  });

  it('fails over the VMs of a node that stayed isolated while no process was running, after the restart', async () => {
    database = await createTestDatabase('timers');
    t = await startTestApp(ENV, database);
    let fabric = fabricClient(t);
    const hosts: string[] = [];
    for (let i = 0; i < 3; i++) hosts.push((await fabric.post('/v1/hosts', { body: hostBody({ name: `hvt${i}` }) })).id);
    const clusterId = (await fabric.command('post', '/v1/clusters', { body: { name: 'CLU-TIMER', nodeIds: hosts } })).job!.target.id;
    await fabric.put('/v1/clusters/{id}/resiliency', { ...byId(clusterId), body: { resiliencyPeriodSeconds: 3 } });
    const created = await fabric.command('post', '/v1/vms', {
      body: vmBody({ hostId: hosts[0] }, { name: 'survivor', guestOs: { family: 'windows' }, memory: { startupMb: 2048 }, networkAdapters: [], disks: [] }),
    });
    const vmId = created.job!.target.id;
    await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));

    await fabric.put('/v1/simulator/faults', { body: { hostId: hosts[0], unresponsive: true } });
    const isolated = await eventually(
      async () => {
        const node = nodeOf(await fabric.get('/v1/clusters/{id}', byId(clusterId)), hosts[0]);
        return node?.state === 'Isolated' ? node : undefined;
      },
      5000,
      'the node to be isolated',
    );
    expect(isolated.isolatedSince).not.toBeNull();

    // The service goes away before the period ends; the next one uses other Redis keys, so the
    // timer it had queued is gone too: only the cluster's recorded state can bring it back.
    await t.close();
    t = null;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    t = await startTestApp(ENV, database);
    fabric = fabricClient(t);

    const vm = await eventually(
      async () => {
        const current = await fabric.get('/v1/vms/{id}', byId(vmId));
        return current.hostId !== hosts[0] && current.state === 'Running' ? current : undefined;
      },
      15000,
      'the VM to fail over after the restart',
    );
    expect(hosts.slice(1)).toContain(vm.hostId);
    const failures = (await historyOf(fabric, 'clusters', clusterId)).filter((e) => e.type === 'ClusterNodeFailed');
    expect(failures).toHaveLength(1);
    expect(failures[0].data).toMatchObject({ hostId: hosts[0], reason: 'isolation-expired' });
    expect(failures[0].metadata.actor).toBe('system:timers');
  });
});
