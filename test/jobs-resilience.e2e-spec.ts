import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { ChildProcess } from 'node:child_process';
import { FabricClient } from '../src/client';
import { byId, fabricClient, hostBody, vmBody } from './support/fabric';
import { startTestApp, TestApp, eventually } from './support/test-app';
import { freePort, startRedis, startService, stopProcess } from './support/processes';
import { createTestDatabase, redisPrefix, TEST_REDIS_URL, TestDatabase } from './support/test-environment';

const host = () => hostBody({ name: 'hv-res', address: 'hv-res', cpuVendor: 'AMD', logicalProcessors: 64, memoryMb: 524288 });
const vm = (hostId: string, name: string) =>
  vmBody({ hostId }, { name, guestOs: { family: 'windows' }, memory: { startupMb: 2048 }, networkAdapters: [], disks: [] });

/** The job once `predicate` holds for it (a 404 while its read model catches up counts as not yet). */
const jobWhere = (fabric: FabricClient, jobId: string, predicate: (status: string, progress: number) => boolean, timeoutMs?: number, what?: string) =>
  eventually(
    async () => {
      const job = await fabric.get('/v1/jobs/{id}', byId(jobId)).catch(() => undefined);
      return job && predicate(job.status, job.progress) ? job : undefined;
    },
    timeoutMs,
    what,
  );

async function eventsOfType(t: TestApp, type: string, streamPrefix: string) {
  const rows: Array<{ stream_id: string; count: number }> = await t.infrastructure.dataSource.query(
    'SELECT stream_id, count(*)::int AS count FROM fm_events WHERE type = $1 AND stream_id LIKE $2 GROUP BY stream_id',
    [type, `${streamPrefix}%`],
  );
  return rows;
}

describe('jobs survive Redis going away', () => {
  let redis: ChildProcess;
  let port: number;
  let t: TestApp;
  let fabric: FabricClient;

  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, SIMULATOR_TIME_SCALE: '0', JOB_SWEEP_MS: '1000' });
    fabric = fabricClient(t);
  });
  after(async () => {
    await t?.close();
    if (redis) await stopProcess(redis);
  });

  it('accepts commands while Redis is down and runs every job exactly once when it is back', async () => {
    const hostId = (await fabric.post('/v1/hosts', { body: host() })).id;
    await stopProcess(redis);
    const accepted = [];
    for (let i = 0; i < 10; i++) accepted.push(await fabric.post('/v1/vms', { body: vm(hostId, `offline-${i}`) }));
    // Nothing can run without Redis.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const a of accepted) {
      const job = await jobWhere(fabric, a.jobId, () => true);
      expect(job.status).toBe('Queued');
    }
    redis = await startRedis(port);
    for (const a of accepted) await jobWhere(fabric, a.jobId, (status) => status === 'Succeeded', 30_000, `job ${a.jobId}`);
    const succeeded = await eventsOfType(t, 'JobSucceeded', 'job-');
    expect(succeeded).toHaveLength(10);
    expect(succeeded.every((row) => row.count === 1)).toBe(true);
    const started = await eventsOfType(t, 'JobStarted', 'job-');
    expect(started.every((row) => row.count === 1)).toBe(true);
    const created = await eventsOfType(t, 'VmCreated', 'vm-');
    expect(created).toHaveLength(10);
    expect(created.every((row) => row.count === 1)).toBe(true);
    const fleet = await fabric.get('/v1/simulator');
    const simulatedHost = fleet.hosts.find((h) => h.hostId === hostId);
    expect(simulatedHost!.vms).toHaveLength(10);
  });
});

describe('a worker killed in the middle of a job', () => {
  let database: TestDatabase;
  let api: TestApp;
  const workers: ChildProcess[] = [];

  before(async () => {
    database = await createTestDatabase('workerkill');
    const prefix = redisPrefix('workerkill');
    api = await startTestApp({ ROLE: 'api', REDIS_PREFIX: prefix }, database);
    const workerEnv = {
      ROLE: 'worker',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SIMULATOR_TIME_SCALE: '0.5',
      JOB_LOCK_MS: '2000',
    };
    workers.push(startService(workerEnv));
    (api as unknown as { workerEnv: Record<string, string> }).workerEnv = workerEnv;
  });
  after(async () => {
    for (const worker of workers) await stopProcess(worker);
    await api?.close();
    await database?.drop();
  });

  it('is retried by another worker and completes exactly once', async () => {
    const fabric = fabricClient(api);
    const vmState = (vmId: string, state: string) =>
      eventually(async () => ((await fabric.get('/v1/vms/{id}', byId(vmId)).catch(() => undefined))?.state === state ? true : undefined));
    const hostId = (await fabric.post('/v1/hosts', { body: host() })).id;
    const created = await fabric.post('/v1/vms', { body: vm(hostId, 'survivor') });
    const vmId = created.resource.id;
    await jobWhere(fabric, created.jobId, (status) => status === 'Succeeded', 30_000);
    await vmState(vmId, 'Off');
    // start-vm takes about 5 s at this time scale: kill the worker once it has made progress.
    const start = await fabric.post('/v1/vms/{id}/start', byId(vmId));
    await jobWhere(fabric, start.jobId, (status, progress) => status === 'Running' && progress >= 10, 30_000, 'the start job to make progress');
    await stopProcess(workers[0], 'SIGKILL');
    workers.push(startService((api as unknown as { workerEnv: Record<string, string> }).workerEnv));
    const finished = await jobWhere(
      fabric,
      start.jobId,
      (status) => ['Succeeded', 'Failed'].includes(status),
      60_000,
      'the start job to finish on the second worker',
    );
    expect(finished).toMatchObject({ status: 'Succeeded', attempt: 1 });
    await vmState(vmId, 'Running');
    const jobEvents: Array<{ type: string; count: number }> = await api.infrastructure.dataSource.query(
      'SELECT type, count(*)::int AS count FROM fm_events WHERE stream_id = $1 GROUP BY type',
      [`job-${start.jobId}`],
    );
    const count = (type: string) => jobEvents.find((e) => e.type === type)?.count ?? 0;
    expect(count('JobStarted')).toBe(1);
    expect(count('JobStepStarted')).toBe(1);
    expect(count('JobSucceeded')).toBe(1);
    const vmEvents: Array<{ count: number }> = await api.infrastructure.dataSource.query(
      "SELECT count(*)::int AS count FROM fm_events WHERE stream_id = $1 AND type = 'VmStarted'",
      [`vm-${vmId}`],
    );
    expect(vmEvents[0].count).toBe(1);
  });
});
