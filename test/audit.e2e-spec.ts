import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { EventStreamService } from '../src/audit/event-stream.service';
import { type AuditEvent, createFabricClient, type EventStreamOptions, FabricClient, type Job, type operations } from '../src/client';
import { byId, fabricClient, hostBody, refusal, vmBody } from './support/fabric';
import { eventually, startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

type EventQuery = NonNullable<operations['EventsController_list']['parameters']['query']>;

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
}

const vm = (hostId: string, name: string) => vmBody({ hostId }, { name, networkAdapters: [], disks: [] });

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
  /** The typed client as each role: the admin, the keys issued in `before`, and no key at all. */
  let as: Record<keyof typeof keys | 'admin' | 'anonymous', FabricClient>;
  let hostId: string;
  let vmId: string;
  let vmCorrelation: string;

  async function registerHost(name: string): Promise<{ id: string; position: number }> {
    const registered = await as.fabricAdmin.post('/v1/hosts', { body: hostBody({ name }) });
    return { id: registered.id, position: registered.position };
  }

  /** Every page of the event list, following nextCursor as `after`. */
  async function everyPage(query: EventQuery = {}, client = as.auditor): Promise<{ items: AuditEvent[]; pages: number }> {
    const items: AuditEvent[] = [];
    let pages = 0;
    let after: string | null = null;
    do {
      const next: EventQuery = after === null ? query : { ...query, after: Number(after) };
      const page: { items: AuditEvent[]; nextCursor: string | null } = await client.get('/v1/events', { params: { query: next } });
      items.push(...page.items);
      pages++;
      after = page.nextCursor;
    } while (after !== null);
    return { items, pages };
  }

  /** The first event a stream sends, or the refusal it is answered with; the stream is closed either way. */
  async function firstStreamed(client: FabricClient, options: EventStreamOptions = {}): Promise<AuditEvent | undefined> {
    const stream = client.events({ ...options, reconnect: false });
    try {
      return (await stream.next()).value as AuditEvent | undefined;
    } finally {
      await stream.return(undefined);
    }
  }

  /** A resource's whole history, every page of it. */
  async function history(kind: string, id: string, client = as.auditor): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for await (const event of client.paginate('/v1/{kind}/{id}/history', { params: { path: { kind, id } } })) events.push(event);
    return events;
  }

  /**
   * Opens an SSE stream with fetch and reads it message by message: these tests are about the wire
   * format (ids, event names, heartbeat comments, headers), which the client's event iterator hides.
   */
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
    const admin = fabricClient(t);
    const issue = async (name: string, role: 'auditor' | 'fabric-admin' | 'vm-operator', tenants?: string[]) =>
      (await admin.post('/v1/api-keys', { body: { name, role, ...(tenants ? { tenants } : {}) } })).secret;
    keys.auditor = await issue(names.auditor, 'auditor');
    keys.fabricAdmin = await issue(names.fabricAdmin, 'fabric-admin');
    keys.operator = await issue(names.operator, 'vm-operator', ['contoso']);
    keys.otherOperator = await issue(names.otherOperator, 'vm-operator', ['fabrikam']);
    as = {
      admin,
      anonymous: createFabricClient({ baseUrl: t.baseUrl }),
      auditor: fabricClient(t, keys.auditor),
      fabricAdmin: fabricClient(t, keys.fabricAdmin),
      operator: fabricClient(t, keys.operator),
      otherOperator: fabricClient(t, keys.otherOperator),
    };
    // The authenticator remembers an unknown key for a few seconds: use none before its read model has it.
    await eventually(async () => {
      const { items } = await admin.get('/v1/api-keys', { params: { query: { limit: 500 } } });
      return items.length >= 5 ? true : undefined;
    });

    hostId = (await registerHost(`hv-audit-${run}`)).id;
    vmCorrelation = `audit-create-${run}`;
    const { reply } = await as.operator.command(
      'post',
      '/v1/vms',
      { body: vm(hostId, 'audited01'), headers: { 'x-request-id': vmCorrelation } },
      { waitSeconds: 10 },
    );
    // Answered with the finished job (200), not a 202 to follow.
    expect(reply).toMatchObject({ kind: 'create-vm', status: 'Succeeded' });
    vmId = (reply as Job).target.id;
  });

  after(async () => {
    await t?.close();
  });

  /** A command as `client` that must answer with its finished, successful job (Prefer: wait=10). */
  async function finished(outcome: Promise<{ reply: unknown }>): Promise<Job> {
    const { reply } = await outcome;
    expect(reply).toMatchObject({ status: 'Succeeded' });
    return reply as Job;
  }
  const reinstall = (id: string) =>
    finished(as.fabricAdmin.command('post', '/v1/hosts/{id}/reinstall', { ...byId(id), body: { osVersion: 'WS2019' } }, { waitSeconds: 10 }));

  describe('GET /v1/events', () => {
    it('pages through the whole history with after=nextCursor, every event exactly once, in the store order', async () => {
      const small = await everyPage({ limit: 3 });
      const large = await everyPage({ limit: 500 });
      expect(small.pages).toBeGreaterThan(3);
      const smallIds = small.items.map((e) => e.eventId);
      expect(new Set(smallIds).size).toBe(smallIds.length);
      // Work may still be appending in the background: the first listing is a prefix of the later one.
      expect(large.items.map((e) => e.eventId).slice(0, smallIds.length)).toEqual(smallIds);

      const byActor = await everyPage({ actor: names.fabricAdmin, limit: 1 });
      const allAtOnce = await as.auditor.get('/v1/events', { params: { query: { actor: names.fabricAdmin, limit: 500 } } });
      expect(byActor.items.map((e) => e.eventId)).toEqual(allAtOnce.items.map((e) => e.eventId));
      expect(allAtOnce.nextCursor).toBeNull();
    });

    it('answers events in the documented shape, with nextCursor the last globalPosition of a full page', async () => {
      const page = await as.auditor.get('/v1/events', { params: { query: { limit: 2 } } });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBe(String(page.items[1].globalPosition));
      const [event] = page.items;
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
      const next = Number(page.nextCursor);
      const cursorAlias = await as.auditor.get('/v1/events', { params: { query: { limit: 2, cursor: next } } });
      const afterParam = await as.auditor.get('/v1/events', { params: { query: { limit: 2, after: next } } });
      expect(cursorAlias).toEqual(afterParam);
    });

    it('filters by streamId, type, actor, correlationId, from and to', async () => {
      const stream = await everyPage({ streamId: `vm-${vmId}` });
      expect(stream.items.map((e) => e.type)).toEqual(['VmCreationRequested', 'VmCreated']);
      expect(stream.items.every((e) => e.streamId === `vm-${vmId}`)).toBe(true);

      const registered = await everyPage({ type: 'HostRegistered' });
      expect(registered.items.length).toBeGreaterThan(0);
      expect(registered.items.every((e) => e.type === 'HostRegistered')).toBe(true);
      const two = await everyPage({ type: 'VmCreationRequested,VmCreated' });
      expect(new Set(two.items.map((e) => e.type))).toEqual(new Set(['VmCreationRequested', 'VmCreated']));

      const byOperator = await everyPage({ actor: names.operator });
      expect(byOperator.items.length).toBeGreaterThan(0);
      expect(byOperator.items.every((e) => e.metadata.actor === names.operator)).toBe(true);
      expect(byOperator.items.map((e) => e.type)).toContain('VmCreationRequested');

      const correlated = await everyPage({ correlationId: vmCorrelation });
      expect(correlated.items.every((e) => e.metadata.correlationId === vmCorrelation)).toBe(true);
      expect(correlated.items.map((e) => e.type)).toEqual(expect.arrayContaining(['VmCreationRequested', 'VmCreated']));
      // The request's own events and what the system did because of them share the correlation.
      const actors = correlated.items.map((e) => e.metadata.actor);
      expect(actors).toContain(names.operator);
      expect(actors.some((actor) => actor.startsWith('system:'))).toBe(true);

      const all = (await everyPage({ limit: 500 })).items;
      const middle = all[Math.floor(all.length / 2)];
      const from = (await everyPage({ from: middle.recordedAt })).items;
      const to = (await everyPage({ to: middle.recordedAt })).items;
      expect(from.map((e) => e.eventId)).toContain(middle.eventId);
      expect(to.map((e) => e.eventId)).toContain(middle.eventId);
      expect(from.every((e) => e.recordedAt >= middle.recordedAt)).toBe(true);
      expect(to.every((e) => e.recordedAt <= middle.recordedAt)).toBe(true);
      const window = (await everyPage({ from: middle.recordedAt, to: middle.recordedAt })).items;
      expect(window.length).toBeGreaterThan(0);
      expect(window.every((e) => e.recordedAt === middle.recordedAt)).toBe(true);
    });

    it('redacts secret hashes of API keys', async () => {
      const issued = await everyPage({ type: 'ApiKeyIssued' });
      expect(issued.items.length).toBeGreaterThanOrEqual(5);
      for (const event of issued.items) expect(event.data.secretHash).toBe('[redacted]');
    });

    it('answers malformed queries and unknown positions with 400 problems', async () => {
      // Raw query strings: most of these cannot be written through the typed client, which is the point.
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
      await as.auditor.get('/v1/events');
      await as.admin.get('/v1/events');
      await expect(as.operator.get('/v1/events')).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
      await expect(as.fabricAdmin.get('/v1/events')).rejects.toMatchObject({ status: 403 });
      await expect(as.anonymous.get('/v1/events')).rejects.toMatchObject({ status: 401 });
      await expect(firstStreamed(as.operator)).rejects.toMatchObject({ status: 403 });
      await expect(firstStreamed(as.fabricAdmin)).rejects.toMatchObject({ status: 403 });
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
        const { items } = await everyPage({ type: 'HostRegistered' });
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
      const all = (await everyPage({ type: 'HostRegistered' })).items;
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
      await reinstall(watched.id);
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
      for (const lastEventId of ['abc', '99999999']) {
        await expect(firstStreamed(as.auditor, { lastEventId })).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      }
      await expect(firstStreamed(as.auditor, { after: 99999999 })).rejects.toMatchObject({ status: 400 });
      // Raw: the stream takes no limit, so the typed client cannot send one.
      expect((await t.request('GET', '/v1/events/stream?limit=5', { key: keys.auditor })).status).toBe(400);
    });
  });

  describe('GET /v1/{kind}/{id}/history', () => {
    const historyPage = (kind: string, id: string, query: { limit?: number; after?: number }, client = as.auditor) =>
      client.get('/v1/{kind}/{id}/history', { params: { path: { kind, id }, query } });

    it("gives a VM's events in stream order with actor, correlation and cause", async () => {
      await finished(as.operator.command('post', '/v1/vms/{id}/start', byId(vmId), { waitSeconds: 10 }));
      const events = await history('vms', vmId);
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
      const correlated = await everyPage({ correlationId: vmCorrelation });
      expect(correlated.items.map((e) => e.eventId)).toContain(created.metadata.causationId);

      const firstPage = await historyPage('vms', vmId, { limit: 3 });
      expect(firstPage.items).toHaveLength(3);
      expect(firstPage.nextCursor).toBe(String(events[2].globalPosition));
      const rest = await historyPage('vms', vmId, { after: Number(firstPage.nextCursor) });
      expect(rest.items.map((e) => e.eventId)).toEqual([events[3].eventId]);
      expect(rest.nextCursor).toBeNull();
    });

    it("gives a host's events, system outcomes included", async () => {
      const reinstalled = await registerHost(`hv-hist-${run}`);
      await reinstall(reinstalled.id);
      const events = await history('hosts', reinstalled.id, as.fabricAdmin);
      expect(events.map((e) => e.type)).toEqual(['HostRegistered', 'HostReinstallRequested', 'HostReinstalled']);
      expect(events[0].metadata).toMatchObject({ actor: names.fabricAdmin, role: 'fabric-admin', causationId: null });
      expect(events[1].metadata.actor).toBe(names.fabricAdmin);
      expect(events[2].metadata.actor).toMatch(/^system:/);
      expect(events[2].metadata.causationId).toEqual(expect.any(String));
      expect(events[2].metadata.correlationId).toBe(events[1].metadata.correlationId);
    });

    it('lets each role see only what it may: 403 outside the kind, 404 for another tenant or no history', async () => {
      await historyPage('vms', vmId, {}, as.operator);
      await historyPage('vms', vmId, {}, as.fabricAdmin);
      await historyPage('vms', vmId, {}, as.admin);
      await expect(historyPage('vms', vmId, {}, as.otherOperator)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });

      await historyPage('hosts', hostId, {}, as.auditor);
      await historyPage('hosts', hostId, {}, as.fabricAdmin);
      await expect(historyPage('hosts', hostId, {}, as.operator)).rejects.toMatchObject({ status: 403 });

      const nobody = randomUUID();
      await expect(historyPage('vms', nobody, {})).rejects.toMatchObject({ status: 404 });
      await expect(historyPage('hosts', nobody, {})).rejects.toMatchObject({ status: 404 });
      await expect(historyPage('hosts', vmId, {})).rejects.toMatchObject({ status: 404 });
      await expect(historyPage('widgets', nobody, {})).rejects.toMatchObject({ status: 404 });
      await expect(historyPage('vms', 'not-a-uuid', {})).rejects.toMatchObject({ status: 400 });
      await expect(historyPage('vms', vmId, { after: 99999999 })).rejects.toMatchObject({ status: 400 });
      await expect(historyPage('vms', vmId, { limit: 0 })).rejects.toMatchObject({ status: 400 });
    });
  });

  describe('time travel on GET /v1/hosts/{id} and /v1/vms/{id}', () => {
    type PointInTime = { asOf?: string; atPosition?: number };
    const hostAt = (id: string, query: PointInTime, client = as.admin) =>
      client.read('/v1/hosts/{id}', { params: { path: { id }, query } });
    const vmAt = (id: string, query: PointInTime, client = as.admin) =>
      client.get('/v1/vms/{id}', { params: { path: { id }, query } });

    it('shows a host as it was before its reinstall, by time and by position', async () => {
      const registered = await registerHost(`hv-tt-${run}`);
      await reinstall(registered.id);
      const now = await eventually(async () => {
        const read = await as.admin.read('/v1/hosts/{id}', byId(registered.id));
        return read.data.osVersion === 'WS2019' ? read : undefined;
      });
      expect(now.etag).toBe('"3"');
      const [registration, reinstallation] = await history('hosts', registered.id);
      expect(reinstallation.recordedAt > registration.recordedAt).toBe(true);

      const before = await hostAt(registered.id, { asOf: registration.recordedAt });
      expect(before.data).toMatchObject({ id: registered.id, osVersion: 'WS2016', state: 'Up', version: 1 });
      expect(before.etag).toBeNull();
      expect(Object.keys(before.data).sort()).toEqual(Object.keys(now.data).sort());

      const during = await hostAt(registered.id, { atPosition: reinstallation.globalPosition });
      expect(during.data).toMatchObject({ osVersion: 'WS2016', state: 'Reinstalling', version: 2 });
      const atRegistration = await hostAt(registered.id, { atPosition: registered.position }, as.auditor);
      expect(atRegistration.data).toMatchObject({ osVersion: 'WS2016', state: 'Up' });
      const asNow = await hostAt(registered.id, { asOf: new Date().toISOString() });
      expect(asNow.data).toEqual(now.data);

      await expect(hostAt(registered.id, { asOf: '2000-01-01T00:00:00Z' })).rejects.toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
      });
      await expect(hostAt(registered.id, { atPosition: registered.position - 1 })).rejects.toMatchObject({ status: 404 });
      // A vm-operator sees that a host exists, and nothing else about it.
      const operator = await hostAt(registered.id, { atPosition: registered.position }, as.operator);
      expect(operator.data).toEqual({ id: registered.id });
    });

    it('shows a stopped VM as Running at the position it started, and its host holding its memory then', async () => {
      const created = await finished(as.operator.command('post', '/v1/vms', { body: vm(hostId, 'timetravel01') }, { waitSeconds: 10 }));
      const id = created.target.id;
      await finished(as.operator.command('post', '/v1/vms/{id}/start', byId(id), { waitSeconds: 10 }));
      await finished(as.operator.command('post', '/v1/vms/{id}/stop', { ...byId(id), body: {} }, { waitSeconds: 10 }));
      await eventually(async () => ((await as.admin.get('/v1/vms/{id}', byId(id))).state === 'Off' ? true : undefined));
      const events = await history('vms', id);
      const started = events.find((e) => e.type === 'VmStarted')!;

      const running = await vmAt(id, { atPosition: started.globalPosition }, as.operator);
      // The heartbeat is what the guest reported when it started, as recorded on VmStarted.
      expect(running).toMatchObject({ id, state: 'Running', heartbeat: started.data.heartbeat, tenant: 'contoso' });
      expect(started.data.heartbeat).toMatch(/^OkApplications/);
      const byTime = await vmAt(id, { asOf: started.recordedAt }, as.auditor);
      expect(byTime.state).toBe('Running');
      const creating = await vmAt(id, { atPosition: events[0].globalPosition });
      expect(creating.state).toBe('Creating');
      expect((await as.admin.get('/v1/vms/{id}', byId(id))).state).toBe('Off');

      const hostThen = (await hostAt(hostId, { atPosition: started.globalPosition })).data;
      const vmsRunningThen = (await everyPage({ type: 'VmStarted,VmStopped,VmSaved,VmPaused,VmResumed,VmDeleted' })).items.filter(
        (e) => e.data.hostId === hostId && e.globalPosition <= started.globalPosition,
      );
      const holding = new Map<string, number>();
      for (const e of vmsRunningThen) {
        const { vmId: runningVm, memoryMb } = e.data as { vmId: string; memoryMb: number };
        if (['VmStarted', 'VmResumed', 'VmPaused'].includes(e.type)) holding.set(runningVm, memoryMb);
        else holding.delete(runningVm);
      }
      expect(holding.get(id)).toBe(4096);
      expect(hostThen.memoryUsedMb).toBe([...holding.values()].reduce((a, b) => a + b, 0));
      await eventually(
        async () =>
          (await as.admin.get('/v1/hosts/{id}', byId(hostId))).memoryUsedMb === hostThen.memoryUsedMb - 4096 ? true : undefined,
        5000,
        'the host to free the stopped VM memory',
      );

      await expect(vmAt(id, { atPosition: started.globalPosition }, as.otherOperator)).rejects.toMatchObject({ status: 404 });
      await expect(vmAt(id, { atPosition: events[0].globalPosition - 1 })).rejects.toMatchObject({ status: 404 });
    });

    it('refuses both points at once and malformed ones with 400 problems', async () => {
      const points: Array<PointInTime & { query: string }> = [
        { query: 'both', asOf: '2024-01-01T00:00:00Z', atPosition: 3 },
        { query: 'asOf=last-tuesday', asOf: 'last-tuesday' },
        { query: 'atPosition=0', atPosition: 0 },
        { query: 'atPosition=1.5', atPosition: 1.5 },
        { query: 'atPosition=abc', atPosition: 'abc' as never },
      ];
      for (const { query, ...point } of points) {
        for (const [resource, read] of [
          ['host', () => hostAt(hostId, point)],
          ['vm', () => vmAt(vmId, point)],
        ] as const) {
          const refused = await refusal(read());
          expect({ query, resource, status: refused.status, code: refused.code }).toEqual({
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
