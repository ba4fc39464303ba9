import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { jobStreamId } from '../src/jobs/domain/job.events';
import { byId } from './support/fabric';
import { FabricBuilder } from './support/fabric-builder';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, redisPrefix, TestDatabase } from './support/test-environment';

/**
 * Deployed as the docker files deploy it, the API process creates a job and a worker process runs
 * it: the worker knows nothing of the job's stream but what it reads. Its run reads the stream
 * once; its first report is decided on that read, and the later ones on what its own appends left.
 */
describe('A job run in a worker process reads its job stream once', () => {
  let database: TestDatabase;
  let api: TestApp;
  let worker: TestApp;
  const reads = new Map<string, number>();

  before(async () => {
    database = await createTestDatabase('jobreads');
    const prefix = redisPrefix('jobreads');
    api = await startTestApp({ ROLE: 'api', REDIS_PREFIX: prefix, SIMULATOR_TIME_SCALE: '0' }, database);
    worker = await startTestApp({ ROLE: 'worker', REDIS_PREFIX: prefix, SIMULATOR_TIME_SCALE: '0' }, database);
    const store = worker.app.get<EventStore>(EVENT_STORE);
    const counted = (streamId: string) => reads.set(streamId, (reads.get(streamId) ?? 0) + 1);
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, options) => (counted(streamId), readStream(streamId, options));
    const readForDecision = store.readForDecision.bind(store);
    store.readForDecision = (streamId, options) => (counted(streamId), readForDecision(streamId, options));
  });
  after(async () => {
    await worker?.close();
    await api?.close();
    await database?.drop();
  });

  it('creating and starting a VM: each job stream read once by the worker', async () => {
    const fabric = new FabricBuilder(api);
    const hostId = await fabric.registerHost();
    const { vmId, job: created } = await fabric.createVm({ hostId });
    const started = await fabric.client.command('post', '/v1/vms/{id}/start', byId(vmId));
    expect(started.job?.status).toBe('Succeeded');
    expect(created.status).toBe('Succeeded');
    expect(reads.get(jobStreamId(created.id))).toBe(1);
    expect(reads.get(jobStreamId(started.job!.id))).toBe(1);
  });
});
