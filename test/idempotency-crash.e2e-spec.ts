import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import { freePort, startService, stopProcess } from './support/processes';
import { createTestDatabase, redisPrefix, TEST_REDIS_URL, TestDatabase } from './support/test-environment';
import { eventually, TEST_ADMIN_KEY } from './support/test-app';

/**
 * kill -9 of the service while keyed create-VM commands are in flight, then every key retried on a
 * new process: one key makes at most one VM, ever, and every answer to it names the same VM and job.
 * The burst holds every kind of key at the moment of the kill: answered, committed but unanswered
 * (waiting for its job under Prefer: wait), and received but not yet committed.
 */

const BURST = 24;
/** The kill comes once this many of the burst have been answered, so the others are still in flight. */
const ANSWERED_BEFORE_KILL = 4;

const COMMON_ENV: Record<string, string> = {
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_API_KEY: TEST_ADMIN_KEY,
  LOG_LEVEL: 'warn',
  // Creating a VM takes long enough that the kill finds some waiting for their jobs.
  SIMULATOR_TIME_SCALE: '0.01',
  PROCESSOR_POLL_MS: '100',
  // The killed process's running jobs are taken over once their locks lapse.
  JOB_LOCK_MS: '2000',
  JOB_SWEEP_MS: '1000',
  DB_POOL_SIZE: '5',
  RATE_LIMIT_PER_SECOND: '0',
  UNAUTHENTICATED_PER_SECOND: '0',
};

interface Answer {
  status: number;
  body: any;
  text: string;
}

/** What an accepted answer names: the VM and its job, from a 202 or from a finished job (200). */
function namesOf(answer: Answer): { vmId: string; jobId: string } {
  return answer.status === 202
    ? { vmId: answer.body.resource.id, jobId: answer.body.jobId }
    : { vmId: answer.body.target.id, jobId: answer.body.id };
}

const children: ChildProcess[] = [];
// Even if the runner dies without running `after`, leave no service behind.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('Idempotency-Key retries after kill -9 with keyed commands in flight', () => {
  let database: TestDatabase;
  let pg: Pool;
  let prefix: string;
  let port: number;
  let output: string[] = [];

  async function startProcess(): Promise<ChildProcess> {
    port = await freePort();
    output = [];
    const child = startService(
      { ...COMMON_ENV, PORT: String(port), DATABASE_URL: database.url, REDIS_PREFIX: prefix },
      { onOutput: (stream, chunk) => output.push(`[${stream}] ${chunk.toString('utf8')}`) },
    );
    children.push(child);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`the service exited while starting:\n${output.join('')}`);
        const live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null);
        return live?.status === 200 ? true : undefined;
      },
      60_000,
      'the service to answer /health/live',
    );
    return child;
  }

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text.length > 0 ? JSON.parse(text) : undefined, text };
  }

  before(async () => {
    database = await createTestDatabase('idemkill');
    prefix = redisPrefix('idemkill');
    pg = new Pool({ connectionString: database.url, max: 2 });
    pg.on('error', () => undefined);
  });
  after(async () => {
    for (const child of children) await stopProcess(child, 'SIGKILL').catch(() => undefined);
    await pg?.end().catch(() => undefined);
    await database?.drop().catch(() => undefined);
  });

  it('makes one VM per key, answers every retry with the first VM and job, and leaves no job unfinished', { timeout: 240_000 }, async () => {
    const first = await startProcess();
    const registered = await request('POST', '/v1/hosts', {
      name: 'hv-kill',
      address: '10.0.9.40',
      osVersion: 'WS2016',
      slat: true,
      cpuVendor: 'Intel',
      logicalProcessors: 64,
      memoryMb: 1_048_576,
    });
    expect(registered.status).toBe(201);
    const hostId: string = registered.body.id;
    const tenant = `kill-${Date.now()}`;
    const keys = Array.from({ length: BURST }, (_, index) => `${tenant}-${index}`);
    const send = (index: number) =>
      request(
        'POST',
        '/v1/vms',
        {
          name: `kill-${index}`,
          tenant,
          hostId,
          generation: 2,
          guestOs: { family: 'windows', version: '2016' },
          memory: { startupMb: 512 },
          processorCount: 1,
        },
        { 'idempotency-key': keys[index], ...(index % 2 === 0 ? { prefer: 'wait=30' } : {}) },
      );

    // The burst; the kill comes while most of it is in flight.
    const answers = new Map<string, Answer[]>(keys.map((key) => [key, []]));
    let answered = 0;
    let killed!: () => void;
    const killTime = new Promise<void>((resolve) => (killed = resolve));
    const burst = keys.map((key, index) =>
      send(index).then(
        (answer) => {
          answers.get(key)!.push(answer);
          if (++answered === ANSWERED_BEFORE_KILL) killed();
        },
        () => undefined, // cut off by the kill
      ),
    );
    await killTime;
    await stopProcess(first, 'SIGKILL');
    await Promise.all(burst);
    const answeredBeforeKill = [...answers.values()].filter((list) => list.length > 0).length;
    const { rows: inFlight } = await pg.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM fm_idempotency WHERE idempotency_key LIKE $1 GROUP BY state`,
      [`${tenant}-%`],
    );
    const { rows: committed } = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM fm_events WHERE type = 'VmCreationRequested' AND metadata->>'idempotencyKey' LIKE $1`,
      [`${tenant}-%`],
    );

    await startProcess();
    // Every key is retried until it answers; every other key a second time, so replays are checked too.
    await Promise.all(
      keys.map(async (key, index) => {
        const wanted = answers.get(key)!.length + (index % 4 < 2 ? 2 : 1);
        while (answers.get(key)!.length < wanted) {
          const answer = await send(index);
          // 409 REQUEST_IN_PROGRESS: the killed try's record has not been abandoned yet.
          if (answer.status === 503 || (answer.status === 409 && answer.body?.code === 'REQUEST_IN_PROGRESS')) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            continue;
          }
          answers.get(key)!.push(answer);
        }
      }),
    );

    for (const [key, list] of answers) {
      for (const answer of list) {
        if (![200, 202].includes(answer.status)) throw new Error(`key ${key} answered ${answer.status}: ${answer.text}`);
        if (answer.status === 200) expect(answer.body.status).toBe('Succeeded');
      }
      // One VM and one job, named by every answer the key ever got.
      expect(new Set(list.map((answer) => JSON.stringify(namesOf(answer)))).size).toBe(1);
    }

    // The store holds exactly one create request per key, for the VM the answers named.
    const { rows } = await pg.query<{ key: string; vm_ids: string[] }>(
      `SELECT metadata->>'idempotencyKey' AS key, array_agg(data->>'vmId') AS vm_ids
         FROM fm_events WHERE type = 'VmCreationRequested' AND metadata->>'idempotencyKey' LIKE $1
        GROUP BY 1`,
      [`${tenant}-%`],
    );
    expect(new Map(rows.map((row) => [row.key, row.vm_ids]))).toEqual(
      new Map(keys.map((key) => [key, [namesOf(answers.get(key)![0]).vmId]])),
    );

    // Every job ends, and every VM with it.
    const jobIds = keys.map((key) => namesOf(answers.get(key)![0]).jobId);
    await eventually(
      async () => {
        const jobs = await Promise.all(jobIds.map((jobId) => request('GET', `/v1/jobs/${jobId}`)));
        return jobs.every((job) => job.status === 200 && job.body.status === 'Succeeded') ? true : undefined;
      },
      60_000,
      'every create job to succeed',
    );
    await eventually(
      async () => {
        const vms = await request('GET', `/v1/vms?tenant=${tenant}&limit=200`);
        const off = vms.body.items.filter((vm: { state: string }) => vm.state === 'Off');
        return off.length === BURST ? true : undefined;
      },
      30_000,
      'every VM to be listed, Off',
    );
    process.stdout.write(
      `# answered before the kill: ${answeredBeforeKill}/${BURST}; committed: ${committed[0].n}; idempotency records at the kill: ${JSON.stringify(inFlight)}\n`,
    );
  });
});
