import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { eventually, startTestApp, TestApp, TestResponse } from './support/test-app';

const host = {
  name: 'hv-cut',
  address: '10.0.7.21',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 64,
  memoryMb: 1_048_576,
};

const vm = (hostId: string, name: string) => ({
  name,
  tenant: 'contoso',
  hostId,
  generation: 2,
  guestOs: { family: 'windows', version: '2016' },
  memory: { startupMb: 512 },
  processorCount: 1,
});

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

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0', JOB_SWEEP_MS: '1000' });
    database = new URL(t.database.url).pathname.slice(1);
    admin = new Client({ connectionString: t.database.url });
    await admin.connect();
    const created = await t.request('POST', '/v1/hosts', { body: host });
    hostId = created.body.id;
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
      await eventually(async () => ((await t.request('GET', '/v1/hosts')).status === 200 ? true : undefined), 20_000, 'reads to work again');
    }
    expect(accepted.length).toBeGreaterThan(0);
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    // Processors lost their leadership sessions with everything else; they must be running again.
    await eventually(async () => ((await t.request('GET', '/health/ready')).status === 200 ? true : undefined), 30_000, 'readiness');
    // Every accepted create ends: the VM exists, Off, and no job of the burst is left Queued or Running.
    for (const vmId of accepted) {
      await eventually(
        async () => {
          const found = await t.request('GET', `/v1/vms/${vmId}`);
          return found.status === 200 && found.body.state === 'Off' ? true : undefined;
        },
        30_000,
        `VM ${vmId} to be created`,
      );
    }
    await eventually(
      async () => {
        const jobs = await t.request('GET', '/v1/jobs?limit=200');
        const open = jobs.body.items.filter((job: { status: string }) => job.status === 'Queued' || job.status === 'Running');
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
        const page = await t.request('GET', `/v1/vms?tenant=${tenant}&limit=200`);
        return page.body.items.length >= keys.length ? page.body.items : undefined;
      },
      30_000,
      'every VM to be listed',
    );
    expect(created).toHaveLength(keys.length);
    expect(new Set(created.map((v: { id: string }) => v.id))).toEqual(new Set(keys.map((key) => [...resources.get(key)!][0])));
  });
});
