import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createFabricClient, FabricClient } from '../src/client';
import { byId, hostBody, vmBody } from './support/fabric';
import { committedOpenApi, departuresFrom, responseSchema } from './support/openapi-conformance';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

interface Answer {
  method: string;
  route: string;
  status: number;
  body: unknown;
}

/**
 * The typed client is only as true as the OpenAPI document it is generated from. This drives a small
 * fabric through the client and checks every JSON answer against the document: a field the service
 * sends but does not document, or documents but does not send, or sends in another type, is found.
 */
describe('every answer matches the OpenAPI document', () => {
  const document = committedOpenApi();
  const routes = Object.keys(document.paths)
    .map((route) => ({ route, pattern: new RegExp(`^${route.replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    // The most literal route first: /v1/vms/integration-services/bulk before /v1/vms/{id}/….
    .sort((a, b) => (a.route.match(/\{/g)?.length ?? 0) - (b.route.match(/\{/g)?.length ?? 0));
  const answers: Answer[] = [];
  let t: TestApp;
  let fabric: FabricClient;

  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (response.headers.get('content-type')?.startsWith('application/json')) {
      const path = new URL(request.url).pathname;
      const route = routes.find((r) => r.pattern.test(path))?.route ?? path;
      answers.push({ method: request.method, route, status: response.status, body: await response.clone().json() });
    }
    return response;
  };

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0' });
    fabric = createFabricClient({ baseUrl: t.baseUrl, apiKey: TEST_ADMIN_KEY, fetch: recordingFetch });
  });
  after(async () => {
    await t?.close();
  });

  it('for hosts, clusters, VMs, checkpoints, replication, jobs, events, upgrades, keys and the simulator', async () => {
    const nodes = [];
    for (const name of ['conf-n1', 'conf-n2']) nodes.push((await fabric.post('/v1/hosts', { body: hostBody({ name }) })).id);
    const standalone = [];
    for (const name of ['conf-primary', 'conf-replica']) {
      standalone.push((await fabric.post('/v1/hosts', { body: hostBody({ name }) })).id);
    }
    const { job: clusterJob } = await fabric.command('post', '/v1/clusters', { body: { name: 'CONF', nodeIds: nodes } });
    const clusterId = clusterJob!.target.id;
    const { job: vmJob } = await fabric.command('post', '/v1/vms', {
      body: vmBody({ clusterId }, { memory: { startupMb: 2048, dynamic: { minimumMb: 1024, maximumMb: 4096 } } }),
    });
    const vmId = vmJob!.target.id;
    await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));
    await fabric.command('post', '/v1/vms/{id}/checkpoints', { ...byId(vmId), body: { name: 'before-patch' } });
    const { job: replicatedJob } = await fabric.command('post', '/v1/vms', {
      body: vmBody({ hostId: standalone[0] }, { name: 'db01' }),
    });
    const replicatedId = replicatedJob!.target.id;
    await fabric.command('post', '/v1/vms/{id}/replication', {
      ...byId(replicatedId),
      body: { replicaHostId: standalone[1], frequencySeconds: 300, recoveryPoints: 0 },
    });
    // A command sent without waiting answers its 202.
    await fabric.post('/v1/vms/{id}/stop', { ...byId(vmId), body: { mode: 'shutdown' } });
    await fabric.post('/v1/vms/{id}/replication/suspend', byId(replicatedId));
    const spare = await fabric.post('/v1/hosts', { body: hostBody({ name: 'conf-spare' }) });
    await fabric.post('/v1/hosts/{id}/reinstall', { ...byId(spare.id), body: { osVersion: 'WS2019' } });
    await fabric.post('/v1/vms/integration-services/bulk', {
      body: { filter: { hostId: standalone[0] }, service: 'Heartbeat', enabled: false },
    });
    await fabric.post('/v1/clusters/{id}/functional-level', { ...byId(clusterId), body: { whatIf: true } });
    await fabric.post('/v1/clusters/{id}/rolling-upgrades', {
      ...byId(clusterId),
      body: { targetOsVersion: 'WS2019', dryRun: true },
    });
    await fabric.post('/v1/api-keys', { body: { name: 'conf-auditor', role: 'auditor' } });
    await fabric.put('/v1/clusters/{id}/resiliency', { ...byId(clusterId), body: { resiliencyPeriodSeconds: 120 } });
    const upgrade = await fabric.post('/v1/clusters/{id}/rolling-upgrades', {
      ...byId(clusterId),
      body: { targetOsVersion: 'WS2019' },
    });
    if (!('resource' in upgrade)) throw new Error('a rolling upgrade that is not a dry run answers its 202');
    await fabric.get('/v1/rolling-upgrades/{id}', { ...byId(upgrade.id), minPosition: upgrade.position });

    await fabric.get('/v1/hosts');
    await fabric.get('/v1/hosts/{id}', byId(nodes[0]));
    await fabric.get('/v1/clusters');
    await fabric.get('/v1/clusters/{id}', byId(clusterId));
    await fabric.get('/v1/vms');
    await fabric.get('/v1/vms/{id}', byId(vmId));
    await fabric.get('/v1/vms/{id}/checkpoints', byId(vmId));
    await fabric.get('/v1/vms/{id}/replication', byId(replicatedId));
    await fabric.get('/v1/jobs');
    await fabric.get('/v1/jobs/{id}', byId(vmJob!.id));
    await fabric.get('/v1/events', { params: { query: { limit: 500 } } });
    await fabric.get('/v1/{kind}/{id}/history', { params: { path: { kind: 'vms', id: vmId } } });
    await fabric.get('/v1/rolling-upgrades');
    await fabric.get('/v1/api-keys');
    await fabric.get('/v1/api-keys/current');
    await fabric.get('/v1/simulator');

    const checked = answers.filter((a) => a.status < 300);
    const operations = new Set(checked.map((a) => `${a.method} ${a.route} ${a.status}`));
    // The scenario reached what it is meant to check (a client change must not make it vacuous).
    expect([...operations]).toEqual(
      expect.arrayContaining([
        'POST /v1/hosts 201',
        'POST /v1/vms/{id}/stop 202',
        'POST /v1/clusters/{id}/functional-level 200',
        'POST /v1/clusters/{id}/rolling-upgrades 200',
        'POST /v1/clusters/{id}/rolling-upgrades 202',
        'GET /v1/rolling-upgrades/{id} 200',
        'PUT /v1/clusters/{id}/resiliency 200',
        'GET /v1/vms/{id} 200',
        'GET /v1/vms/{id}/replication 200',
        'POST /v1/vms/{id}/replication/suspend 202',
        'POST /v1/hosts/{id}/reinstall 202',
        'POST /v1/vms/integration-services/bulk 202',
        'GET /v1/jobs/{id} 200',
        'GET /v1/events 200',
        'GET /v1/simulator 200',
      ]),
    );
    const departures = checked.flatMap((a) =>
      departuresFrom(document, responseSchema(document, a.method, a.route, a.status), a.body).map(
        (line) => `${a.method} ${a.route} ${a.status} ${line}`,
      ),
    );
    expect([...new Set(departures)]).toEqual([]);
  });
});
