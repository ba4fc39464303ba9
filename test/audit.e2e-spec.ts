import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { EventStreamService } from '../src/audit/event-stream.service';
import { eventually, startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

interface AuditEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  recordedAt: string;
  schemaVersion: number;
  data: Record<string, any>;
  metadata: { actor: string; role: string; correlationId: string; causationId: string | null };
}

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
}

const host = (name: string, osVersion = 'WS2016') => ({
  name,
  address: '10.0.1.10',
  osVersion,
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 16,
  memoryMb: 65536,
});

const vm = (hostId: string, name: string) => ({
  name,
  tenant: 'contoso',
  hostId,
  generation: 2,
  guestOs: { family: 'windows', version: '2016' },
  memory: { startupMb: 4096 },
  processorCount: 2,
});

describe('audit trail: the event history, its live stream, resource histories and time travel', () => {
  let t: TestApp;
  const run = randomUUID().slice(0, 6);
  const names = {
    auditor: `auditor-${run}`,
    fabricAdmin: `fabric-${run}`,
    operator: `contoso-op-${run}`,
    otherOperator: `fabrikam-op-${run}`,
  };
  const keys = { auditor: '', fabricAdmin: '', operator: '', otherOperator: '' };
  let hostId: string;
  let vmId: string;
  let vmCorrelation: string;

  async function issueKey(name: string, role: string, tenants?: string[]): Promise<string> {
    const r = await t.request('POST', '/v1/api-keys', { body: { name, role, ...(tenants ? { tenants } : {}) } });
    expect(r.status).toBe(201);
    return r.body.secret;
  }

  async function registerHost(name: string, osVersion = 'WS2016'): Promise<{ id: string; position: number }> {
    const r = await t.request('POST', '/v1/hosts', { body: host(name, osVersion), key: keys.fabricAdmin });
    expect(r.status).toBe(201);
    return { id: r.body.id, position: r.body.position };
  }

  /** Every page of a list, following nextCursor as `after`. */
  async function everyPage(path: string, key = keys.auditor): Promise<{ items: AuditEvent[]; pages: number }> {
    const items: AuditEvent[] = [];
    let pages = 0;
    let after: string | null = null;
    const separator = path.includes('?') ? '&' : '?';
    do {
      const r = await t.request('GET', after === null ? path : `${path}${separator}after=${after}`, { key });
      expect(r.status).toBe(200);
      items.push(...r.body.items);
      pages++;
      after = r.body.nextCursor;
    } while (after !== null);
    return { items, pages };
  }

  const history = async (path: string, key = keys.auditor): Promise<AuditEvent[]> => (await everyPage(path, key)).items;

  /** Opens an SSE stream with fetch and reads it message by message. */
  async function openStream(path: string, headers: Record<string, string> = {}, key = keys.auditor) {
    const controller = new AbortController();
    const response = await fetch(`${t.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${key}`, ...headers },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let pending: ReturnType<typeof reader.read> | null = null;
    const next = async (timeoutMs = 10_000): Promise<SseMessage> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { comments: [] };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              const field = line.slice(0, colon);
              const value = line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id' || field === 'event' || field === 'data') message[field] = value;
            }
          }
          return message;
        }
        pending ??= reader.read();
        pending.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          pending,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no SSE message within ${timeoutMs} ms`)),
              Math.max(0, deadline - Date.now()),
            );
          }),
        ]).finally(() => clearTimeout(timer));
        pending = null;
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    };
    const nextEvent = async (): Promise<SseMessage & { id: string; event: string; data: string }> => {
      for (;;) {
        const message = await next();
        if (message.data !== undefined) return message as SseMessage & { id: string; event: string; data: string };
      }
    };
    const streams = t.app.get(EventStreamService);
    const opened = streams.openStreams;
    /** Disconnects, and waits until the server has noticed and let the stream go. */
    const close = async () => {
      controller.abort();
      await eventually(async () => (streams.openStreams < opened ? true : undefined), 5000, 'the server to drop the stream');
    };
    return { response, next, nextEvent, close };
  }

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    keys.auditor = await issueKey(names.auditor, 'auditor');
    keys.fabricAdmin = await issueKey(names.fabricAdmin, 'fabric-admin');
    keys.operator = await issueKey(names.operator, 'vm-operator', ['contoso']);
    keys.otherOperator = await issueKey(names.otherOperator, 'vm-operator', ['fabrikam']);
    // The authenticator remembers an unknown key for a few seconds: use none before its read model has it.
    await eventually(async () => {
      const r = await t.request('GET', '/v1/api-keys?limit=500');
      return r.body?.items?.length >= 5 ? true : undefined;
    });

    hostId = (await registerHost(`hv-audit-${run}`)).id;
    vmCorrelation = `audit-create-${run}`;
    const created = await t.request('POST', '/v1/vms', {
      body: vm(hostId, 'audited01'),
      key: keys.operator,
      headers: { prefer: 'wait=10', 'x-request-id': vmCorrelation },
    });
    expect(created.status).toBe(200);
    expect(created.body.status).toBe('Succeeded');
    vmId = created.body.target.id;
  });

  after(async () => {
    await t?.close();
  });

  describe('GET /v1/events', () => {
    it('pages through the whole history with after=nextCursor, every event exactly once, in the store order', async () => {
      const small = await everyPage('/v1/events?limit=3');
      const large = await everyPage('/v1/events?limit=500');
      expect(small.pages).toBeGreaterThan(3);
      const smallIds = small.items.map((e) => e.eventId);
      expect(new Set(smallIds).size).toBe(smallIds.length);
      // Work may still be appending in the background: the first listing is a prefix of the later one.
      expect(large.items.map((e) => e.eventId).slice(0, smallIds.length)).toEqual(smallIds);

      const byActor = await everyPage(`/v1/events?actor=${names.fabricAdmin}&limit=1`);
      const allAtOnce = await t.request('GET', `/v1/events?actor=${names.fabricAdmin}&limit=500`, { key: keys.auditor });
      expect(byActor.items.map((e) => e.eventId)).toEqual(allAtOnce.body.items.map((e: AuditEvent) => e.eventId));
      expect(allAtOnce.body.nextCursor).toBeNull();
    });

    it('answers events in the documented shape, with nextCursor the last globalPosition of a full page', async () => {
      const r = await t.request('GET', '/v1/events?limit=2', { key: keys.auditor });
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(2);
      expect(r.body.nextCursor).toBe(String(r.body.items[1].globalPosition));
      const [event] = r.body.items as AuditEvent[];
      expect(Object.keys(event).sort()).toEqual(
        [
          'data',
          'eventId',
          'globalPosition',
          'metadata',
          'recordedAt',
          'schemaVersion',
          'streamId',
          'streamVersion',
          'type',
        ].sort(),
      );
      expect(event.metadata).toEqual(
        expect.objectContaining({ actor: expect.any(String), role: expect.any(String), correlationId: expect.any(String) }),
      );
      expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
      const cursorAlias = await t.request('GET', `/v1/events?limit=2&cursor=${r.body.nextCursor}`, { key: keys.auditor });
      const afterParam = await t.request('GET', `/v1/events?limit=2&after=${r.body.nextCursor}`, { key: keys.auditor });
      expect(cursorAlias.body).toEqual(afterParam.body);
    });

    it('filters by streamId, type, actor, correlationId, from and to', async () => {
      const stream = await everyPage(`/v1/events?streamId=vm-${vmId}`);
      expect(stream.items.map((e) => e.type)).toEqual(['VmCreationRequested', 'VmCreated']);
      expect(stream.items.every((e) => e.streamId === `vm-${vmId}`)).toBe(true);

      const registered = await everyPage('/v1/events?type=HostRegistered');
      expect(registered.items.length).toBeGreaterThan(0);
      expect(registered.items.every((e) => e.type === 'HostRegistered')).toBe(true);
      const two = await everyPage('/v1/events?type=VmCreationRequested,VmCreated');
      expect(new Set(two.items.map((e) => e.type))).toEqual(new Set(['VmCreationRequested', 'VmCreated']));

      const byOperator = await everyPage(`/v1/events?actor=${names.operator}`);
      expect(byOperator.items.length).toBeGreaterThan(0);
      expect(byOperator.items.every((e) => e.metadata.actor === names.operator)).toBe(true);
      expect(byOperator.items.map((e) => e.type)).toContain('VmCreationRequested');

      const correlated = await everyPage(`/v1/events?correlationId=${vmCorrelation}`);
      expect(correlated.items.every((e) => e.metadata.correlationId === vmCorrelation)).toBe(true);
      expect(correlated.items.map((e) => e.type)).toEqual(expect.arrayContaining(['VmCreationRequested', 'VmCreated']));
      // The request's own events and what the system did because of them share the correlation.
      const actors = correlated.items.map((e) => e.metadata.actor);
      expect(actors).toContain(names.operator);
      expect(actors.some((actor) => actor.startsWith('system:'))).toBe(true);

      const all = (await everyPage('/v1/events?limit=500')).items;
      const middle = all[Math.floor(all.length / 2)];
      const from = (await everyPage(`/v1/events?from=${encodeURIComponent(middle.recordedAt)}`)).items;
      const to = (await everyPage(`/v1/events?to=${encodeURIComponent(middle.recordedAt)}`)).items;
      expect(from.map((e) => e.eventId)).toContain(middle.eventId);
      expect(to.map((e) => e.eventId)).toContain(middle.eventId);
      expect(from.every((e) => e.recordedAt >= middle.recordedAt)).toBe(true);
      expect(to.every((e) => e.recordedAt <= middle.recordedAt)).toBe(true);
      const window = (
        await everyPage(`/v1/events?from=${encodeURIComponent(middle.recordedAt)}&to=${encodeURIComponent(middle.recordedAt)}`)
      ).items;
      expect(window.length).toBeGreaterThan(0);
      expect(window.every((e) => e.recordedAt === middle.recordedAt)).toBe(true);
    });

    it('redacts secret hashes of API keys', async () => {
      const issued = await everyPage('/v1/events?type=ApiKeyIssued');
      expect(issued.items.length).toBeGreaterThanOrEqual(5);
      for (const event of issued.items) expect(event.data.secretHash).toBe('[redacted]');
    });

    it('answers malformed queries and unknown positions with 400 problems', async () => {
      for (const query of [
        'limit=0',
        'limit=501',
        'limit=ten',
        'after=-1',
        'after=abc',
        'after=99999999',
        'cursor=99999999',
        'after=1&cursor=2',
        'from=yesterday',
        'to=2024-13-45T00:00:00Z',
        'type=not%20a%20type',
        'streamId=',
        'colour=blue',
      ]) {
        const r = await t.request('GET', `/v1/events?${query}`, { key: keys.auditor });
        expect({ query, status: r.status, code: r.body?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
        expect(r.headers.get('content-type')).toContain('application/problem+json');
      }
    });

    it('is for auditors (and admins) only', async () => {
      expect((await t.request('GET', '/v1/events', { key: keys.auditor })).status).toBe(200);
      expect((await t.request('GET', '/v1/events')).status).toBe(200);
      const operator = await t.request('GET', '/v1/events', { key: keys.operator });
      expect(operator.status).toBe(403);
      expect(operator.body.code).toBe('FORBIDDEN');
      expect((await t.request('GET', '/v1/events', { key: keys.fabricAdmin })).status).toBe(403);
      expect((await t.request('GET', '/v1/events', { key: null })).status).toBe(401);
      expect((await t.request('GET', '/v1/events/stream', { key: keys.operator })).status).toBe(403);
      expect((await t.request('GET', '/v1/events/stream', { key: keys.fabricAdmin })).status).toBe(403);
    });
  });

  describe('GET /v1/events/stream', () => {
    it('sends the backlog, then live events; after a disconnect Last-Event-ID resumes with nothing lost or repeated', async () => {
      const streams = t.app.get(EventStreamService);
      await registerHost(`hv-sse-a-${run}`);
      await registerHost(`hv-sse-b-${run}`);
      const received: AuditEvent[] = [];
      const take = (message: { id: string; event: string; data: string }) => {
        const event = JSON.parse(message.data) as AuditEvent;
        expect(message.id).toBe(String(event.globalPosition));
        expect(message.event).toBe(event.type);
        expect(event.type).toBe('HostRegistered');
        received.push(event);
      };

      const first = await openStream('/v1/events/stream?type=HostRegistered');
      expect(first.response.status).toBe(200);
      expect(first.response.headers.get('content-type')).toContain('text/event-stream');
      expect(first.response.headers.get('x-request-id')).toBeTruthy();
      take(await first.nextEvent());
      take(await first.nextEvent());
      await first.close();
      expect(streams.openStreams).toBe(0);

      // Appended while nobody listens.
      const missed = [await registerHost(`hv-sse-c-${run}`), await registerHost(`hv-sse-d-${run}`)];
      const backlog = await eventually(async () => {
        const { items } = await everyPage('/v1/events?type=HostRegistered');
        const positions = items.map((e) => e.globalPosition);
        return missed.every((h) => positions.includes(h.position)) ? items : undefined;
      });

      const second = await openStream('/v1/events/stream?type=HostRegistered&after=0', {
        'last-event-id': String(received[received.length - 1].globalPosition),
      });
      expect(second.response.status).toBe(200);
      while (received.length < backlog.length) take(await second.nextEvent());
      const live = await registerHost(`hv-sse-e-${run}`);
      take(await second.nextEvent());
      await second.close();

      expect(received[received.length - 1].globalPosition).toBe(live.position);
      const ids = received.map((e) => e.eventId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.slice(0, backlog.length)).toEqual(backlog.map((e) => e.eventId));
      expect(streams.openStreams).toBe(0);
    });

    it('resumes with ?after= as well, and keeps an idle stream alive with comments', async () => {
      const streams = t.app.get(EventStreamService);
      const all = (await everyPage('/v1/events?type=HostRegistered')).items;
      const resumed = await openStream(`/v1/events/stream?type=HostRegistered&after=${all[all.length - 2].globalPosition}`);
      expect(JSON.parse((await resumed.nextEvent()).data).eventId).toBe(all[all.length - 1].eventId);
      await resumed.close();

      streams.heartbeatMs = 50;
      try {
        const idle = await openStream('/v1/events/stream?type=NothingEverHappened');
        const comments: string[] = [];
        while (!comments.includes('heartbeat')) {
          const message = await idle.next(2000);
          expect(message.data).toBeUndefined();
          comments.push(...message.comments);
        }
        await idle.close();
      } finally {
        streams.heartbeatMs = 15_000;
      }
    });

    it('applies the filters to live events as to the backlog', async () => {
      const watched = await registerHost(`hv-sse-watched-${run}`);
      const stream = await openStream(`/v1/events/stream?streamId=host-${watched.id}`);
      const types = [JSON.parse((await stream.nextEvent()).data).type];
      // Live now: the reinstall's job and simulator events interleave with the two of this stream.
      const job = await t.request('POST', `/v1/hosts/${watched.id}/reinstall`, {
        body: { osVersion: 'WS2019' },
        key: keys.fabricAdmin,
        headers: { prefer: 'wait=10' },
      });
      expect(job.body.status).toBe('Succeeded');
      const live = [JSON.parse((await stream.nextEvent()).data), JSON.parse((await stream.nextEvent()).data)];
      await stream.close();
      types.push(...live.map((e: AuditEvent) => e.type));
      expect(types).toEqual(['HostRegistered', 'HostReinstallRequested', 'HostReinstalled']);
      expect(live.every((e: AuditEvent) => e.streamId === `host-${watched.id}`)).toBe(true);

      const byActor = await openStream(
        `/v1/events/stream?actor=${names.fabricAdmin}&type=HostReinstallRequested&after=${watched.position}`,
      );
      expect(JSON.parse((await byActor.nextEvent()).data)).toMatchObject({
        type: 'HostReinstallRequested',
        streamId: `host-${watched.id}`,
      });
      await byActor.close();
    });

    it('refuses a malformed or unknown starting point with a 400 problem before streaming', async () => {
      for (const headers of [{ 'last-event-id': 'abc' }, { 'last-event-id': '99999999' }]) {
        const r = await t.request('GET', '/v1/events/stream', { key: keys.auditor, headers });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
      }
      expect((await t.request('GET', '/v1/events/stream?after=99999999', { key: keys.auditor })).status).toBe(400);
      expect((await t.request('GET', '/v1/events/stream?limit=5', { key: keys.auditor })).status).toBe(400);
    });
  });

  describe('GET /v1/{kind}/{id}/history', () => {
    it("gives a VM's events in stream order with actor, correlation and cause", async () => {
      const started = await t.request('POST', `/v1/vms/${vmId}/start`, {
        body: {},
        key: keys.operator,
        headers: { prefer: 'wait=10' },
      });
      expect(started.body.status).toBe('Succeeded');
      const events = await history(`/v1/vms/${vmId}/history`);
      expect(events.map((e) => e.type)).toEqual(['VmCreationRequested', 'VmCreated', 'VmStartRequested', 'VmStarted']);
      expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      expect(events.every((e) => e.streamId === `vm-${vmId}`)).toBe(true);

      const [requested, created] = events;
      expect(requested.metadata).toMatchObject({
        actor: names.operator,
        role: 'vm-operator',
        correlationId: vmCorrelation,
        causationId: null,
      });
      expect(requested.data.tenant).toBe('contoso');
      expect(created.metadata.actor).toMatch(/^system:/);
      expect(created.metadata.correlationId).toBe(vmCorrelation);
      expect(created.metadata.causationId).toEqual(expect.any(String));
      const correlated = await everyPage(`/v1/events?correlationId=${vmCorrelation}`);
      expect(correlated.items.map((e) => e.eventId)).toContain(created.metadata.causationId);

      const firstPage = await t.request('GET', `/v1/vms/${vmId}/history?limit=3`, { key: keys.auditor });
      expect(firstPage.body.items).toHaveLength(3);
      expect(firstPage.body.nextCursor).toBe(String(events[2].globalPosition));
      const rest = await t.request('GET', `/v1/vms/${vmId}/history?after=${firstPage.body.nextCursor}`, { key: keys.auditor });
      expect(rest.body.items.map((e: AuditEvent) => e.eventId)).toEqual([events[3].eventId]);
      expect(rest.body.nextCursor).toBeNull();
    });

    it("gives a host's events, system outcomes included", async () => {
      const reinstalled = await registerHost(`hv-hist-${run}`);
      const job = await t.request('POST', `/v1/hosts/${reinstalled.id}/reinstall`, {
        body: { osVersion: 'WS2019' },
        key: keys.fabricAdmin,
        headers: { prefer: 'wait=10' },
      });
      expect(job.body.status).toBe('Succeeded');
      const events = await history(`/v1/hosts/${reinstalled.id}/history`, keys.fabricAdmin);
      expect(events.map((e) => e.type)).toEqual(['HostRegistered', 'HostReinstallRequested', 'HostReinstalled']);
      expect(events[0].metadata).toMatchObject({ actor: names.fabricAdmin, role: 'fabric-admin', causationId: null });
      expect(events[1].metadata.actor).toBe(names.fabricAdmin);
      expect(events[2].metadata.actor).toMatch(/^system:/);
      expect(events[2].metadata.causationId).toEqual(expect.any(String));
      expect(events[2].metadata.correlationId).toBe(events[1].metadata.correlationId);
    });

    it('lets each role see only what it may: 403 outside the kind, 404 for another tenant or no history', async () => {
      expect((await t.request('GET', `/v1/vms/${vmId}/history`, { key: keys.operator })).status).toBe(200);
      expect((await t.request('GET', `/v1/vms/${vmId}/history`, { key: keys.fabricAdmin })).status).toBe(200);
      expect((await t.request('GET', `/v1/vms/${vmId}/history`)).status).toBe(200);
      const otherTenant = await t.request('GET', `/v1/vms/${vmId}/history`, { key: keys.otherOperator });
      expect(otherTenant.status).toBe(404);
      expect(otherTenant.body.code).toBe('NOT_FOUND');

      expect((await t.request('GET', `/v1/hosts/${hostId}/history`, { key: keys.auditor })).status).toBe(200);
      expect((await t.request('GET', `/v1/hosts/${hostId}/history`, { key: keys.fabricAdmin })).status).toBe(200);
      expect((await t.request('GET', `/v1/hosts/${hostId}/history`, { key: keys.operator })).status).toBe(403);

      const nobody = randomUUID();
      expect((await t.request('GET', `/v1/vms/${nobody}/history`, { key: keys.auditor })).status).toBe(404);
      expect((await t.request('GET', `/v1/hosts/${nobody}/history`, { key: keys.auditor })).status).toBe(404);
      expect((await t.request('GET', `/v1/hosts/${vmId}/history`, { key: keys.auditor })).status).toBe(404);
      expect((await t.request('GET', `/v1/widgets/${nobody}/history`, { key: keys.auditor })).status).toBe(404);
      expect((await t.request('GET', `/v1/vms/not-a-uuid/history`, { key: keys.auditor })).status).toBe(400);
      expect((await t.request('GET', `/v1/vms/${vmId}/history?after=99999999`, { key: keys.auditor })).status).toBe(400);
      expect((await t.request('GET', `/v1/vms/${vmId}/history?limit=0`, { key: keys.auditor })).status).toBe(400);
    });
  });

  describe('time travel on GET /v1/hosts/{id} and /v1/vms/{id}', () => {
    it('shows a host as it was before its reinstall, by time and by position', async () => {
      const registered = await registerHost(`hv-tt-${run}`);
      const job = await t.request('POST', `/v1/hosts/${registered.id}/reinstall`, {
        body: { osVersion: 'WS2019' },
        key: keys.fabricAdmin,
        headers: { prefer: 'wait=10' },
      });
      expect(job.body.status).toBe('Succeeded');
      const now = await eventually(async () => {
        const r = await t.request('GET', `/v1/hosts/${registered.id}`);
        return r.body?.osVersion === 'WS2019' ? r : undefined;
      });
      expect(now.headers.get('etag')).toBe('"3"');
      const [registration, reinstall] = await history(`/v1/hosts/${registered.id}/history`);
      expect(reinstall.recordedAt > registration.recordedAt).toBe(true);

      const before = await t.request('GET', `/v1/hosts/${registered.id}?asOf=${encodeURIComponent(registration.recordedAt)}`);
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ id: registered.id, osVersion: 'WS2016', state: 'Up', version: 1 });
      expect(before.headers.get('etag')).toBeNull();
      expect(Object.keys(before.body).sort()).toEqual(Object.keys(now.body).sort());

      const during = await t.request('GET', `/v1/hosts/${registered.id}?atPosition=${reinstall.globalPosition}`);
      expect(during.body).toMatchObject({ osVersion: 'WS2016', state: 'Reinstalling', version: 2 });
      const atRegistration = await t.request('GET', `/v1/hosts/${registered.id}?atPosition=${registered.position}`, {
        key: keys.auditor,
      });
      expect(atRegistration.body).toMatchObject({ osVersion: 'WS2016', state: 'Up' });
      const asNow = await t.request('GET', `/v1/hosts/${registered.id}?asOf=${encodeURIComponent(new Date().toISOString())}`);
      expect(asNow.body).toEqual(now.body);

      const beforeItExisted = await t.request('GET', `/v1/hosts/${registered.id}?asOf=2000-01-01T00:00:00Z`);
      expect(beforeItExisted.status).toBe(404);
      expect(beforeItExisted.body.code).toBe('NOT_FOUND');
      expect((await t.request('GET', `/v1/hosts/${registered.id}?atPosition=${registered.position - 1}`)).status).toBe(404);
      const operator = await t.request('GET', `/v1/hosts/${registered.id}?atPosition=${registered.position}`, {
        key: keys.operator,
      });
      expect(operator.body).toEqual({ id: registered.id });
    });

    it('shows a stopped VM as Running at the position it started, and its host holding its memory then', async () => {
      const created = await t.request('POST', '/v1/vms', {
        body: vm(hostId, 'timetravel01'),
        key: keys.operator,
        headers: { prefer: 'wait=10' },
      });
      const id = created.body.target.id;
      for (const action of ['start', 'stop']) {
        const r = await t.request('POST', `/v1/vms/${id}/${action}`, {
          body: {},
          key: keys.operator,
          headers: { prefer: 'wait=10' },
        });
        expect(r.body.status).toBe('Succeeded');
      }
      await eventually(async () => ((await t.request('GET', `/v1/vms/${id}`)).body?.state === 'Off' ? true : undefined));
      const events = await history(`/v1/vms/${id}/history`);
      const started = events.find((e) => e.type === 'VmStarted')!;

      const running = await t.request('GET', `/v1/vms/${id}?atPosition=${started.globalPosition}`, { key: keys.operator });
      expect(running.status).toBe(200);
      // The heartbeat is what the guest reported when it started, as recorded on VmStarted.
      expect(running.body).toMatchObject({ id, state: 'Running', heartbeat: started.data.heartbeat, tenant: 'contoso' });
      expect(started.data.heartbeat).toMatch(/^OkApplications/);
      const byTime = await t.request('GET', `/v1/vms/${id}?asOf=${encodeURIComponent(started.recordedAt)}`, {
        key: keys.auditor,
      });
      expect(byTime.body.state).toBe('Running');
      const creating = await t.request('GET', `/v1/vms/${id}?atPosition=${events[0].globalPosition}`);
      expect(creating.body.state).toBe('Creating');
      expect((await t.request('GET', `/v1/vms/${id}`)).body.state).toBe('Off');

      const hostThen = await t.request('GET', `/v1/hosts/${hostId}?atPosition=${started.globalPosition}`);
      const vmsRunningThen = (
        await everyPage(`/v1/events?type=VmStarted,VmStopped,VmSaved,VmPaused,VmResumed,VmDeleted`)
      ).items.filter((e) => e.data.hostId === hostId && e.globalPosition <= started.globalPosition);
      const holding = new Map<string, number>();
      for (const e of vmsRunningThen) {
        if (['VmStarted', 'VmResumed', 'VmPaused'].includes(e.type)) holding.set(e.data.vmId, e.data.memoryMb);
        else holding.delete(e.data.vmId);
      }
      expect(holding.get(id)).toBe(4096);
      expect(hostThen.body.memoryUsedMb).toBe([...holding.values()].reduce((a, b) => a + b, 0));
      await eventually(
        async () =>
          (await t.request('GET', `/v1/hosts/${hostId}`)).body?.memoryUsedMb === hostThen.body.memoryUsedMb - 4096
            ? true
            : undefined,
        5000,
        'the host to free the stopped VM memory',
      );

      const otherTenant = await t.request('GET', `/v1/vms/${id}?atPosition=${started.globalPosition}`, {
        key: keys.otherOperator,
      });
      expect(otherTenant.status).toBe(404);
      expect((await t.request('GET', `/v1/vms/${id}?atPosition=${events[0].globalPosition - 1}`)).status).toBe(404);
    });

    it('refuses both points at once and malformed ones with 400 problems', async () => {
      for (const query of [
        'asOf=2024-01-01T00:00:00Z&atPosition=3',
        'asOf=last-tuesday',
        'atPosition=0',
        'atPosition=1.5',
        'atPosition=abc',
      ]) {
        for (const resource of [`/v1/hosts/${hostId}`, `/v1/vms/${vmId}`]) {
          const r = await t.request('GET', `${resource}?${query}`);
          expect({ query, resource, status: r.status, code: r.body?.code }).toEqual({
            query,
            resource,
            status: 400,
            code: 'VALIDATION_FAILED',
          });
        }
      }
    });
  });

  it('shuts down cleanly while clients are still streaming', async () => {
    const other = await startTestApp();
    const response = await fetch(`${other.baseUrl}/v1/events/stream`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    expect(other.app.get(EventStreamService).openStreams).toBe(1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(5000);
    // The server ended the response: the client reads to its end instead of hanging.
    for (;;) if ((await reader.read()).done) break;
  });
});
