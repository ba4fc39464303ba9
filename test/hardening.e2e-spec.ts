import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { connect } from 'node:net';
import { Client } from 'pg';
import { eventually, startTestApp, TestApp } from './support/test-app';

const host = (name: string) => ({
  name,
  address: '10.0.9.10',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 16,
  memoryMb: 65536,
});

interface IssuedKey {
  id: string;
  secret: string;
}

async function issueKey(t: TestApp, role: string, key?: string): Promise<IssuedKey> {
  const name = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  const response = await t.request('POST', '/v1/api-keys', { body: { name, role }, ...(key ? { key } : {}) });
  if (response.status !== 201) throw new Error(`could not issue a ${role} key: ${response.text}`);
  return { id: response.body.id, secret: response.body.secret };
}

/** An open SSE response: `ended` settles when the server ends it; `close` lets it go from this side. */
async function openStream(t: TestApp, key: string): Promise<{ status: number; ended: Promise<string>; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(`${t.baseUrl}/v1/events/stream?type=NothingEverHappened`, {
    headers: { authorization: `Bearer ${key}` },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) {
    await response.text();
    return { status: response.status, ended: Promise.resolve(''), close: () => undefined };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    let text = '';
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return text;
        text += decoder.decode(chunk.value, { stream: true });
      }
    } catch {
      return text;
    }
  })();
  return { status: response.status, ended, close: () => controller.abort() };
}

function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<'still open'>((resolve) => (timer = setTimeout(() => resolve('still open'), ms))),
  ]);
}

describe('the last admin key under concurrent revocations', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('lets exactly one of two admins revoking each other at once succeed, round after round', async () => {
    const bootstrap = (await t.request('GET', '/v1/api-keys?limit=500')).body.items.find((k: { role: string }) => k.role === 'admin');
    let survivor = await issueKey(t, 'admin');
    expect((await t.request('DELETE', `/v1/api-keys/${bootstrap.id}`, { key: survivor.secret })).status).toBe(204);
    for (let round = 0; round < 6; round++) {
      const rival = await issueKey(t, 'admin', survivor.secret);
      const [byRival, bySurvivor] = await Promise.all([
        t.request('DELETE', `/v1/api-keys/${survivor.id}`, { key: rival.secret }),
        t.request('DELETE', `/v1/api-keys/${rival.id}`, { key: survivor.secret }),
      ]);
      const statuses = [byRival.status, bySurvivor.status].sort();
      // One revocation wins; the other is refused as the last admin key, or finds its own key already revoked.
      expect(statuses[0]).toBe(204);
      expect(statuses[1]).not.toBe(204);
      const refused = byRival.status === 204 ? bySurvivor : byRival;
      expect([401, 409]).toContain(refused.status);
      if (refused.status === 409) expect(refused.body.code).toBe('LAST_ADMIN_KEY');
      survivor = byRival.status === 204 ? rival : survivor;
      const keys = (await t.request('GET', '/v1/api-keys?limit=500', { key: survivor.secret })).body.items;
      expect(keys.filter((k: { role: string; revokedAt: string | null }) => k.role === 'admin' && k.revokedAt === null)).toHaveLength(1);
    }
  });
});

describe('a revoked key', () => {
  let t: TestApp;
  let other: TestApp;
  before(async () => {
    t = await startTestApp();
    // A second process of the same fabric: it learns of revocations from the database.
    other = await startTestApp({}, t.database);
  });
  after(async () => {
    await other.close();
    await t.close();
  });

  it('is refused at once by the process that revoked it, and its open streams there are closed', async () => {
    const auditor = await issueKey(t, 'auditor');
    expect((await t.request('GET', '/v1/events?limit=1', { key: auditor.secret })).status).toBe(200);
    const stream = await openStream(t, auditor.secret);
    expect(stream.status).toBe(200);
    expect((await t.request('DELETE', `/v1/api-keys/${auditor.id}`)).status).toBe(204);
    expect((await t.request('GET', '/v1/events?limit=1', { key: auditor.secret })).status).toBe(401);
    const text = await settledWithin(stream.ended, 10_000);
    expect(text).toContain('revoked');
  });

  it('loses its open streams in every other process too', async () => {
    const auditor = await issueKey(t, 'auditor');
    await eventually(async () => ((await other.request('GET', '/v1/events?limit=1', { key: auditor.secret })).status === 200 ? true : undefined));
    const stream = await openStream(other, auditor.secret);
    expect(stream.status).toBe(200);
    expect((await t.request('DELETE', `/v1/api-keys/${auditor.id}`)).status).toBe(204);
    const text = await settledWithin(stream.ended, 20_000);
    expect(text).toContain('revoked');
    expect((await other.request('GET', '/v1/events?limit=1', { key: auditor.secret })).status).toBe(401);
  });
});

describe('limits on what one key can hold open', () => {
  let t: TestApp;
  let pg: Client;
  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0', EVENT_STREAMS_PER_KEY: '2', EXPENSIVE_QUERIES_PER_KEY: '1', UNAUTHENTICATED_PER_SECOND: '5' });
    pg = new Client({ connectionString: t.database.url });
    await pg.connect();
  });
  after(async () => {
    await pg.end();
    await t.close();
  });

  it('refuses a third event stream for a key with 429, and takes one again once a stream closes', async () => {
    const auditor = await issueKey(t, 'auditor');
    const first = await openStream(t, auditor.secret);
    const second = await openStream(t, auditor.secret);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await fetch(`${t.baseUrl}/v1/events/stream`, { headers: { authorization: `Bearer ${auditor.secret}` } });
    expect(third.status).toBe(429);
    expect(third.headers.get('content-type')).toContain('application/problem+json');
    expect(((await third.json()) as { code: string }).code).toBe('TOO_MANY_STREAMS');
    // Another key is counted apart.
    const otherKey = await issueKey(t, 'auditor');
    const elsewhere = await openStream(t, otherKey.secret);
    expect(elsewhere.status).toBe(200);
    elsewhere.close();
    first.close();
    const again = await eventually(async () => {
      const stream = await openStream(t, auditor.secret);
      return stream.status === 200 ? stream : undefined;
    }, 10_000, 'a stream slot to be given back');
    again.close();
    second.close();
  });

  it('runs one expensive query per key at a time and refuses the next with 429 meanwhile', async () => {
    const auditor = await issueKey(t, 'auditor');
    // Hold every read of the event log until released, so the first query is certainly still running.
    await pg.query('BEGIN');
    let first: ReturnType<typeof t.request>;
    try {
      await pg.query('LOCK TABLE fm_events IN ACCESS EXCLUSIVE MODE');
      first = t.request('GET', '/v1/events?actor=nobody', { key: auditor.secret });
      // The log is read directly or through the store's read function (fm_read_all).
      const waitingOnTheLog = async () => {
        const { rows } = await pg.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND (query LIKE '%fm_events%' OR query LIKE '%fm_read_all%') AND pid <> pg_backend_pid()`,
        );
        return rows[0].n > 0 ? true : undefined;
      };
      await eventually(waitingOnTheLog, 10_000, 'the first query to wait on the event log');
      const second = await t.request('GET', '/v1/events?actor=nobody', { key: auditor.secret });
      expect(second.status).toBe(429);
      expect(second.body.code).toBe('TOO_MANY_CONCURRENT_QUERIES');
      expect(second.headers.get('retry-after')).toBe('1');
    } finally {
      // Never leave the log locked for the tests that follow, whatever failed above.
      await pg.query('COMMIT');
    }
    expect((await first).status).toBe(200);
    expect((await t.request('GET', '/v1/events?actor=nobody', { key: auditor.secret })).status).toBe(200);
  });

  it('refuses an address that keeps sending unknown keys before looking them up, and keeps serving known keys', async () => {
    const known = await issueKey(t, 'auditor');
    expect((await t.request('GET', '/v1/hosts', { key: known.secret })).status).toBe(200);
    let limited: { status: number; body: { code: string } } | undefined;
    for (let attempt = 0; attempt < 200 && !limited; attempt++) {
      const response = await t.request('GET', '/v1/hosts', { key: `fm_unknown-${attempt}-${Math.random()}` });
      expect([401, 429]).toContain(response.status);
      if (response.status === 429) limited = response;
    }
    expect(limited?.body.code).toBe('RATE_LIMITED');
    expect((await t.request('GET', '/v1/hosts', { key: known.secret })).status).toBe(200);
  });

  it('answers 400 for a minPosition beyond the newest event and 503 while the read models have not reached one', async () => {
    const created = await t.request('POST', '/v1/hosts', { body: host('ryw-held') });
    expect(created.status).toBe(201);
    const beyond = await t.request('GET', `/v1/hosts?minPosition=${created.body.position + 1_000_000}`);
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0].path).toBe('minPosition');
    await eventually(async () => ((await t.request('GET', `/v1/hosts/${created.body.id}`)).status === 200 ? true : undefined));
    // The host projection cannot write this host's row while it is locked here.
    await pg.query('BEGIN');
    await pg.query('SELECT 1 FROM rm_hosts WHERE id = $1 FOR UPDATE', [created.body.id]);
    try {
      const reinstall = await t.request('POST', `/v1/hosts/${created.body.id}/reinstall`, { body: { osVersion: 'WS2019' } });
      expect(reinstall.status).toBe(202);
      const behind = await t.request('GET', `/v1/hosts?minPosition=${reinstall.body.position}`);
      expect(behind.status).toBe(503);
      expect(behind.body.code).toBe('READ_MODEL_BEHIND');
      expect(behind.headers.get('retry-after')).toBe('1');
      await pg.query('COMMIT');
      expect((await t.request('GET', `/v1/hosts?minPosition=${reinstall.body.position}`)).status).toBe(200);
    } finally {
      await pg.query('ROLLBACK').catch(() => undefined);
    }
  });
});

describe('request timeouts', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '1000' });
  });
  after(async () => t.close());

  it('ends a request whose body never arrives whole with 408 problem+json and closes the socket', async () => {
    const { port } = new URL(t.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write(
      'POST /v1/hosts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na',
    );
    expect(await settledWithin(closed, 15_000)).not.toBe('still open');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(received).toContain('"code":"REQUEST_TIMEOUT"');
  });
});
