import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { createFabricClient, type FabricClient } from '../src/client';
import { byId, hostBody } from './support/fabric';
import { eventually, startTestApp, TEST_ADMIN_KEY, TestApp, TestResponse } from './support/test-app';

const vm = (hostId: string, name: string) => ({
  name,
  tenant: 'contoso',
  hostId,
  generation: 2,
  guestOs: { family: 'windows', version: '2016' },
  memory: { startupMb: 512 },
  processorCount: 1,
});

/**
 * The bursts below are sent raw: what each request is answered while the sessions are cut (200,
 * 202 or 503, never 500; a replayed Idempotency-Key) is the point, so no client may retry them or
 * choose their keys. What the test reads back afterwards goes through the typed client.
 */

/** Ends every session the service holds on its database: pools, TypeORM, LISTEN, leadership locks. */
async function terminateBackends(admin: Client, database: string): Promise<number> {
  const { rows } = await admin.query(
    `SELECT count(*)::int AS n FROM (
       SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
     ) terminated`,
    [database],
  );
  return rows[0].n;
}

describe('PostgreSQL connections lost in the middle of a burst', () => {
  let t: TestApp;
  let admin: Client;
  let database: string;
  let hostId: string;
  /** Reads that fail at once while the database is away (no retry of a 503), for `eventually` to repeat. */
  let fabric: FabricClient;
  const answers = (read: Promise<unknown>) => read.then(
    () => true,
    () => undefined,
  );

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0', JOB_SWEEP_MS: '1000' });
    fabric = createFabricClient({ baseUrl: t.baseUrl, apiKey: TEST_ADMIN_KEY, retries: 0 });
    database = new URL(t.database.url).pathname.slice(1);
    admin = new Client({ connectionString: t.database.url });
    await admin.connect();
    const created = await fabric.post('/v1/hosts', {
      body: hostBody({ name: 'hv-cut', logicalProcessors: 64, memoryMb: 1_048_576 }),
    });
    hostId = created.id;
  });
  after(async () => {
    await admin.end();
    await t.close();
  });

  it('keeps the process alive, answers 503 (never 500), loses no accepted command and leaves no job stuck', async () => {
    const accepted: string[] = [];
    const statuses = new Map<number, number>();
    for (let round = 0; round < 4; round++) {
      const burst: Promise<TestResponse>[] = [];
      for (let i = 0; i < 12; i++) {
        const headers: Record<string, string> = i % 3 === 0 ? { prefer: 'wait=5' } : {};
        burst.push(t.request('POST', '/v1/vms', { body: vm(hostId, `cut-${round}-${i}`), headers }));
        if (i === 4) expect(await terminateBackends(admin, database)).toBeGreaterThan(0);
      }
      for (const response of await Promise.all(burst)) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (![200, 202, 503].includes(response.status)) throw new Error(`unexpected ${response.status}: ${response.text}`);
        if (response.status === 503) {
          expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
          expect(response.headers.get('retry-after')).not.toBeNull();
        } else {
          accepted.push(response.body.resource?.id ?? response.body.target.id);
        }
      }
      // Between rounds the terminated sessions are replaced: the service answers again.
      await eventually(() => answers(fabric.get('/v1/hosts')), 20_000, 'reads to work again');
    }
    expect(accepted.length).toBeGreaterThan(0);
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    // Processors lost their leadership sessions with everything else; they must be running again.
    await eventually(async () => ((await t.request('GET', '/health/ready')).status === 200 ? true : undefined), 30_000, 'readiness');
    // Every accepted create ends: the VM exists, Off, and no job of the burst is left Queued or Running.
    for (const vmId of accepted) {
      await eventually(
        async () => {
          const found = await fabric.get('/v1/vms/{id}', byId(vmId)).catch(() => undefined);
          return found?.state === 'Off' ? true : undefined;
        },
        30_000,
        `VM ${vmId} to be created`,
      );
    }
    await eventually(
      async () => {
        const jobs = await fabric.get('/v1/jobs', { params: { query: { limit: 200 } } });
        const open = jobs.items.filter((job) => job.status === 'Queued' || job.status === 'Running');
        return open.length === 0 ? true : undefined;
      },
      30_000,
      'every job to finish',
    );
    process.stdout.write(`# responses during the burst: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  });

  it('runs each Idempotency-Key at most once when its answers are lost to terminated backends, and answers its retries from what was committed', async () => {
    const tenant = `idem-${Date.now()}`;
    const keys: string[] = [];
    const resources = new Map<string, Set<string>>();
    const record = (key: string, response: TestResponse) => {
      const id = response.body.resource?.id ?? response.body.target?.id;
      if (!resources.has(key)) resources.set(key, new Set());
      resources.get(key)!.add(id);
    };
    const send = (key: string, index: number) =>
      t.request('POST', '/v1/vms', {
        body: { ...vm(hostId, `idem-${index}`), tenant },
        headers: { 'idempotency-key': key, ...(index % 2 === 0 ? { prefer: 'wait=5' } : {}) },
      });
    for (let round = 0; round < 3; round++) {
      const burst: Array<Promise<[string, TestResponse]>> = [];
      for (let i = 0; i < 12; i++) {
        const key = `idem-${tenant}-${round}-${i}`;
        keys.push(key);
        burst.push(send(key, round * 12 + i).then((response) => [key, response]));
        if (i === 3 || i === 8) await terminateBackends(admin, database);
      }
      for (const [key, response] of await Promise.all(burst)) {
        if (response.status !== 503 && response.status >= 500) throw new Error(`unexpected ${response.status}: ${response.text}`);
        if (response.status < 300) record(key, response);
      }
    }
    // Every key is retried until it answers: twice, so that a replayed answer is checked too.
    for (const [index, key] of keys.entries()) {
      for (let answered = 0, attempt = 0; answered < 2; attempt++) {
        if (attempt > 50) throw new Error(`key ${key} never answered`);
        const response = await send(key, index);
        if (response.status === 503 || response.status === 409) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        expect([200, 202]).toContain(response.status);
        record(key, response);
        answered++;
      }
    }
    // One resource per key, whatever the number of tries, and exactly as many VMs as keys.
    for (const key of keys) expect(resources.get(key)?.size).toBe(1);
    const created = await eventually(
      async () => {
        const page = await fabric.get('/v1/vms', { params: { query: { tenant, limit: 200 } } });
        return page.items.length >= keys.length ? page.items : undefined;
      },
      30_000,
      'every VM to be listed',
    );
    expect(created).toHaveLength(keys.length);
    expect(new Set(created.map((v) => v.id))).toEqual(new Set(keys.map((key) => [...resources.get(key)!][0])));
  });
});
