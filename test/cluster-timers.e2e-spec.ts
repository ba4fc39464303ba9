import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

const ENV = { SIMULATOR_TIME_SCALE: '0.002', HEALTH_PROBE_MS: '50', JOB_SWEEP_MS: '1000' };
const WAIT = { prefer: 'wait=30' };

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
    const app = () => t!;
    const run = async (method: string, path: string, body: unknown = {}) => {
      const r = await app().request(method, path, { body, headers: WAIT });
      if (r.status !== 200 || r.body?.status !== 'Succeeded') throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const hosts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await app().request('POST', '/v1/hosts', {
        body: { name: `hvt${i}`, address: `10.2.0.${i}`, osVersion: 'WS2016', slat: true, cpuVendor: 'Intel', logicalProcessors: 16, memoryMb: 65536 },
      });
      hosts.push(r.body.id);
    }
    const clusterId = (await run('POST', '/v1/clusters', { name: 'CLU-TIMER', nodeIds: hosts })).target.id;
    await app().request('PUT', `/v1/clusters/${clusterId}/resiliency`, { body: { resiliencyPeriodSeconds: 3 } });
    const vmId = (
      await run('POST', '/v1/vms', {
        name: 'survivor',
        tenant: 'contoso',
        hostId: hosts[0],
        generation: 2,
        guestOs: { family: 'windows' },
        memory: { startupMb: 2048 },
        processorCount: 2,
      })
    ).target.id;
    await run('POST', `/v1/vms/${vmId}/start`);

    await app().request('PUT', '/v1/simulator/faults', { body: { hostId: hosts[0], unresponsive: true } });
    const isolated = await eventually(
      async () => {
        const r = await app().request('GET', `/v1/clusters/${clusterId}`);
        const node = r.body.nodes.find((n: { hostId: string }) => n.hostId === hosts[0]);
        return node.state === 'Isolated' ? node : undefined;
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

    const vm = await eventually(
      async () => {
        const r = await app().request('GET', `/v1/vms/${vmId}`);
        return r.body.hostId !== hosts[0] && r.body.state === 'Running' ? r.body : undefined;
      },
      15000,
      'the VM to fail over after the restart',
    );
    expect(hosts.slice(1)).toContain(vm.hostId);
    const history = await app().request('GET', `/v1/clusters/${clusterId}/history?limit=500`);
    const failures = history.body.items.filter((e: { type: string }) => e.type === 'ClusterNodeFailed');
    expect(failures).toHaveLength(1);
    expect(failures[0].data).toMatchObject({ hostId: hosts[0], reason: 'isolation-expired' });
    expect(failures[0].metadata.actor).toBe('system:timers');
  });
});
