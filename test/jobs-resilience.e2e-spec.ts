import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { ChildProcess } from 'node:child_process';
import { startTestApp, TestApp, eventually } from './support/test-app';
import { freePort, startRedis, startService, stopProcess } from './support/processes';
import { createTestDatabase, redisPrefix, TEST_REDIS_URL, TestDatabase } from './support/test-environment';

const host = {
  name: 'hv-res',
  address: 'hv-res',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'AMD',
  logicalProcessors: 64,
  memoryMb: 524288,
};
const vm = (hostId: string, name: string) => ({
  name,
  tenant: 'contoso',
  hostId,
  generation: 2,
  guestOs: { family: 'windows' },
  memory: { startupMb: 2048 },
  processorCount: 2,
});

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

  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, SIMULATOR_TIME_SCALE: '0', JOB_SWEEP_MS: '1000' });
  });
  after(async () => {
    await t?.close();
    if (redis) await stopProcess(redis);
  });

  it('accepts commands while Redis is down and runs every job exactly once when it is back', async () => {
    const hostId = (await t.request('POST', '/v1/hosts', { body: host })).body.id;
    await stopProcess(redis);
    const accepted = [];
    for (let i = 0; i < 10; i++) {
      const r = await t.request('POST', '/v1/vms', { body: vm(hostId, `offline-${i}`) });
      expect(r.status).toBe(202);
      accepted.push(r.body);
    }
    // Nothing can run without Redis.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const a of accepted) {
      const job = await eventually(async () =>
        (await t.request('GET', `/v1/jobs/${a.jobId}`)).body?.status
          ? (await t.request('GET', `/v1/jobs/${a.jobId}`)).body
          : undefined,
      );
      expect(job.status).toBe('Queued');
    }
    redis = await startRedis(port);
    for (const a of accepted) {
      await eventually(
        async () => ((await t.request('GET', `/v1/jobs/${a.jobId}`)).body.status === 'Succeeded' ? true : undefined),
        30_000,
        `job ${a.jobId}`,
      );
    }
    const succeeded = await eventsOfType(t, 'JobSucceeded', 'job-');
    expect(succeeded).toHaveLength(10);
    expect(succeeded.every((row) => row.count === 1)).toBe(true);
    const started = await eventsOfType(t, 'JobStarted', 'job-');
    expect(started.every((row) => row.count === 1)).toBe(true);
    const created = await eventsOfType(t, 'VmCreated', 'vm-');
    expect(created).toHaveLength(10);
    expect(created.every((row) => row.count === 1)).toBe(true);
    const fleet = (await t.request('GET', '/v1/simulator')).body;
    const simulatedHost = fleet.hosts.find((h: { hostId: string }) => h.hostId === hostId);
    expect(simulatedHost.vms).toHaveLength(10);
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
    const hostId = (await api.request('POST', '/v1/hosts', { body: host })).body.id;
    const created = await api.request('POST', '/v1/vms', { body: vm(hostId, 'survivor') });
    const vmId = created.body.resource.id;
    await eventually(
      async () => ((await api.request('GET', `/v1/jobs/${created.body.jobId}`)).body.status === 'Succeeded' ? true : undefined),
      30_000,
    );
    await eventually(async () => ((await api.request('GET', `/v1/vms/${vmId}`)).body?.state === 'Off' ? true : undefined));
    // start-vm takes about 5 s at this time scale: kill the worker once it has made progress.
    const start = await api.request('POST', `/v1/vms/${vmId}/start`, { body: {} });
    await eventually(
      async () => {
        const job = (await api.request('GET', `/v1/jobs/${start.body.jobId}`)).body;
        return job.status === 'Running' && job.progress >= 10 ? job : undefined;
      },
      30_000,
      'the start job to make progress',
    );
    await stopProcess(workers[0], 'SIGKILL');
    workers.push(startService((api as unknown as { workerEnv: Record<string, string> }).workerEnv));
    const finished = await eventually(
      async () => {
        const job = (await api.request('GET', `/v1/jobs/${start.body.jobId}`)).body;
        return ['Succeeded', 'Failed'].includes(job.status) ? job : undefined;
      },
      60_000,
      'the start job to finish on the second worker',
    );
    expect(finished).toMatchObject({ status: 'Succeeded', attempt: 1 });
    await eventually(async () => ((await api.request('GET', `/v1/vms/${vmId}`)).body?.state === 'Running' ? true : undefined));
    const jobEvents: Array<{ type: string; count: number }> = await api.infrastructure.dataSource.query(
      'SELECT type, count(*)::int AS count FROM fm_events WHERE stream_id = $1 GROUP BY type',
      [`job-${start.body.jobId}`],
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
