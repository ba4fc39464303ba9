import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import {
  createFabricClient,
  FabricClient,
  FabricJobFailed,
  FabricProblem,
  FabricUnreachable,
  type AuditEvent,
} from '../src/client';
import { fabricClient, hostBody, vmBody } from './support/fabric';
import { freePort } from './support/processes';
import { eventually, startTestApp, TestApp } from './support/test-app';

describe('The typed client against the running service', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostId: string;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    fabric = fabricClient(t);
    hostId = (await fabric.post('/v1/hosts', { body: hostBody({ name: 'hv-client' }) })).id;
  });
  after(async () => {
    // An event stream the client let go of can leave its connection open as a keep-alive
    // connection the HTTP server never counts as idle; closing would then wait out its timeout.
    t?.app.getHttpServer().closeAllConnections();
    await t?.close();
  });

  it('sends the bearer key, and a refusal becomes a FabricProblem carrying the code and detail', async () => {
    const anonymous = createFabricClient({ baseUrl: t.baseUrl });
    const refused = await anonymous.get('/v1/hosts').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FabricProblem);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    const invalid = await fabric
      .post('/v1/hosts', { body: hostBody({ osVersion: 'WS2016', slat: false }) })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(FabricProblem);
    expect(invalid).toMatchObject({ status: 409, code: 'SLAT_REQUIRED' });
    expect((invalid as FabricProblem).detail.length).toBeGreaterThan(0);
    expect((invalid as FabricProblem).problem.instance).toBe('/v1/hosts');
  });

  it('generates an Idempotency-Key per call, and a given key makes a repeat answer the first response', async () => {
    const body = hostBody();
    const first = await fabric.post('/v1/hosts', { body, idempotencyKey: 'client-spec-host-1' });
    const repeat = await fabric.post('/v1/hosts', { body, idempotencyKey: 'client-spec-host-1' });
    expect(repeat).toEqual(first);
    const reused = await fabric
      .post('/v1/hosts', { body: { ...body, name: 'hv-other' }, idempotencyKey: 'client-spec-host-1' })
      .catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 422 });

    const keys: string[] = [];
    const recording = createFabricClient({
      baseUrl: t.baseUrl,
      apiKey: fabric.options.apiKey,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        keys.push(request.headers.get('idempotency-key') ?? '');
        return fetch(request);
      },
    });
    const a = await recording.post('/v1/hosts', { body: hostBody() });
    const b = await recording.post('/v1/hosts', { body: hostBody() });
    expect(a.id).not.toBe(b.id);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('sends If-Match from a read ETag, and a stale one is refused with VERSION_CONFLICT', async () => {
    const created = await fabric.command('post', '/v1/vms', { body: vmBody({ hostId }, { name: 'etag01' }) });
    const vmId = created.job!.target.id;
    const current = await eventually(async () => {
      const read = await fabric.read('/v1/vms/{id}', { params: { path: { id: vmId } } });
      return read.data.state === 'Off' ? read : undefined;
    });
    expect(current.etag).toMatch(/^"\d+"$/);

    await fabric.command('put', '/v1/vms/{id}/checkpoint-type', {
      params: { path: { id: vmId } },
      body: { checkpointType: 'Standard' },
      ifMatch: current,
    });
    const stale = await fabric
      .put('/v1/vms/{id}/checkpoint-type', {
        params: { path: { id: vmId } },
        body: { checkpointType: 'Production' },
        ifMatch: current,
      })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(FabricProblem);
    expect(stale).toMatchObject({ status: 412, code: 'VERSION_CONFLICT' });
  });

  it('follows a 202 to its job with Prefer: wait, and by polling with back-off when not waiting', async () => {
    const waited = await fabric.command('post', '/v1/vms', { body: vmBody({ hostId }, { name: 'wait01' }) }, { waitSeconds: 30 });
    expect(waited.job).toMatchObject({ kind: 'create-vm', status: 'Succeeded' });

    const progress: string[] = [];
    const polled = await fabric.command(
      'post',
      '/v1/vms',
      { body: vmBody({ hostId }, { name: 'poll01' }) },
      { waitSeconds: 0, onProgress: (job) => progress.push(job.status) },
    );
    expect(polled.reply).toMatchObject({ status: 'Queued', resource: { type: 'vm' } });
    expect(polled.job).toMatchObject({ kind: 'create-vm', status: 'Succeeded', target: { id: polled.job!.target.id } });
    const vm = await fabric.get('/v1/vms/{id}', { params: { path: { id: polled.job!.target.id } } });
    expect(vm).toMatchObject({ name: 'poll01', tenant: 'contoso' });
  });

  it('throws FabricJobFailed with the job error code when the followed job fails', async () => {
    await fabric.put('/v1/simulator/faults', { body: { hostId, failOperations: ['start-vm'] } });
    try {
      const created = await fabric.command('post', '/v1/vms', { body: vmBody({ hostId }, { name: 'fail01' }) });
      const failed = await fabric
        .command('post', '/v1/vms/{id}/start', { params: { path: { id: created.job!.target.id } } })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(FabricJobFailed);
      expect((failed as FabricJobFailed).job).toMatchObject({ kind: 'start-vm', status: 'Failed' });
      expect((failed as FabricJobFailed).code).toBe((failed as FabricJobFailed).job.error!.code);
    } finally {
      await fabric.delete('/v1/simulator/faults', { params: { query: { hostId } } });
    }
  });

  it('pages through a list as one async iterator', async () => {
    let position = 0;
    for (let i = 0; i < 5; i++)
      position = (await fabric.post('/v1/hosts', { body: hostBody({ name: `hv-page-${i}` }) })).position;
    const all = await fabric.get('/v1/hosts', { params: { query: { limit: 500 } }, minPosition: position });
    const names: string[] = [];
    for await (const host of fabric.paginate('/v1/hosts', { params: { query: { limit: 2 } } })) names.push(host.name);
    expect(names).toEqual(all.items.map((h) => h.name));
    expect(names.length).toBeGreaterThan(4);
  });

  it('follows the event stream as an async iterator and resumes after Last-Event-ID when the connection drops', async () => {
    let position = 0;
    for (let i = 0; i < 6; i++) position = (await fabric.post('/v1/hosts', { body: hostBody({ name: `hv-sse-${i}` }) })).position;
    const all = (await fabric.get('/v1/events', { params: { query: { limit: 500 } }, minPosition: position })).items;
    expect(all.length).toBeGreaterThan(6);

    const requests: Array<string | null> = [];
    let connections = 0;
    // The first connection breaks after its first bytes, like a proxy dropping it.
    const dropping = createFabricClient({
      baseUrl: t.baseUrl,
      apiKey: fabric.options.apiKey,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        requests.push(request.headers.get('last-event-id'));
        const response = await fetch(request);
        if (connections++ > 0 || !response.body) return response;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        // Up to the end of the first event (the stream opens with a comment).
        const firstEvent = /^[\s\S]*?\nid: [^\n]*\n[\s\S]*?\n\n/;
        let text = '';
        while (!firstEvent.test(text)) text += (await reader.read()).value ?? '';
        await reader.cancel();
        const cut = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(firstEvent.exec(text)![0]));
            controller.close();
          },
        });
        return new Response(cut, { status: response.status, headers: response.headers });
      },
    });
    const seen: AuditEvent[] = [];
    for await (const event of dropping.events()) {
      seen.push(event);
      if (seen.length === 6) break;
    }
    expect(seen.map((e) => e.globalPosition)).toEqual(all.slice(0, 6).map((e) => e.globalPosition));
    expect(requests[0]).toBeNull();
    expect(requests[1]).toBe(String(all[0].globalPosition));

    const resumed: AuditEvent[] = [];
    for await (const event of fabric.events({ lastEventId: all[2].globalPosition })) {
      resumed.push(event);
      if (resumed.length === 2) break;
    }
    expect(resumed.map((e) => e.eventId)).toEqual([all[3].eventId, all[4].eventId]);
  });

  it('yields live events as they are written, filtered by type', async () => {
    const controller = new AbortController();
    const live = fabric.events({ type: 'HostRegistered', from: new Date().toISOString(), signal: controller.signal });
    const next = live.next();
    const registered = await fabric.post('/v1/hosts', { body: hostBody({ name: 'hv-live' }) });
    const event = await next;
    controller.abort();
    expect(event.value).toMatchObject({ type: 'HostRegistered', streamId: `host-${registered.id}` });
    expect(await live.next()).toEqual({ done: true, value: undefined });
  });

  it('reports an unreachable service as FabricUnreachable', async () => {
    const port = await freePort();
    const nowhere = createFabricClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'x' });
    const error = await nowhere.get('/v1/hosts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FabricUnreachable);
    expect((error as FabricUnreachable).message).toBe(`cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
  });
});
