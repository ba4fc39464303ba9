import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Job, Queue, Worker } from 'bullmq';
import pino from 'pino';
import { redisPrefix, TEST_REDIS_URL } from '../../test/support/test-environment';
import { JOB_QUEUE, JobQueue, QueuedJob, queueJobId } from './job-queue';
import { isRunWokenWithSlots } from './job-worker';

/*
 * The wake-up of a live migration that a release handed its slots, against a real Redis: the run
 * that wake starts is told apart from every other run of the job (the one its safety-net delay
 * starts, a retry, a redelivery), because only that run may take the hand-over on trust.
 */
describe('a migration woken with its slots', () => {
  const connection = { url: TEST_REDIS_URL, maxRetriesPerRequest: null };
  let prefix: string;
  let queue: Queue<QueuedJob>;
  let jobs: JobQueue;
  let worker: Worker<QueuedJob>;

  before(() => {
    prefix = redisPrefix('slot-wake');
    queue = new Queue<QueuedJob>(JOB_QUEUE, { connection, prefix });
    jobs = new JobQueue(queue, pino({ level: 'silent' }));
    // Runs are taken by hand, as a worker would take them, so that each can be looked at.
    worker = new Worker<QueuedJob>(JOB_QUEUE, null, { connection, prefix, autorun: false });
  });
  after(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await worker?.close();
    await queue?.close();
  });

  /** The next run the worker takes (a delayed one once it is due), with the lock token it runs under. */
  async function nextRun(): Promise<{ run: Job<QueuedJob>; token: string }> {
    const token = randomUUID();
    for (let tries = 0; tries < 100; tries++) {
      const run = (await worker.getNextJob(token, { block: true })) as Job<QueuedJob> | undefined;
      if (run) return { run, token };
    }
    throw new Error('no run came');
  }

  const slots = [
    { hostId: randomUUID(), limit: 2 },
    { hostId: randomUUID(), limit: 2 },
  ];

  it('answers the runs the migration had started, and the run it starts is the next one', async () => {
    const jobId = randomUUID();
    await jobs.enqueue(jobId, 1, 'migrate-vm', slots);
    const first = await nextRun();
    expect(first.run.attemptsStarted).toBe(1);
    // No free slot: it waits in the delayed set (its safety net an hour away here).
    await first.run.moveToDelayed(Date.now() + 3_600_000, first.token);

    const runs = await jobs.wake(queueJobId(jobId, 1));
    expect(runs).toBe(1);
    const woken = await nextRun();
    expect(woken.run.id).toBe(jobId);
    expect(woken.run.data).toEqual({ jobId, attempt: 1, slots });
    expect(isRunWokenWithSlots({ runs: runs!, at: 0 }, woken.run, 0)).toBe(true);
    // The hand-over is taken on trust only for a while after the wake.
    expect(isRunWokenWithSlots({ runs: runs!, at: 0 }, woken.run, 60_000)).toBe(false);

    // Running now, not delayed: a wake leaves it as it is.
    expect(await jobs.wake(queueJobId(jobId, 1))).toBeNull();
    await woken.run.moveToCompleted('done', woken.token, false);
  });

  it('answers null for a migration that is not queued', async () => {
    expect(await jobs.wake(queueJobId(randomUUID(), 2))).toBeNull();
  });

  it('a run its safety-net delay started leaves a wake nothing to do, and no other run passes for the woken one', async () => {
    const jobId = randomUUID();
    await jobs.enqueue(jobId, 1, 'migrate-vm', slots);
    const first = await nextRun();
    // The safety net: its delay runs out before any wake.
    await first.run.moveToDelayed(Date.now() + 20, first.token);
    const afterDelay = await nextRun();
    expect(afterDelay.run.id).toBe(jobId);
    expect(afterDelay.run.attemptsStarted).toBe(2);
    // A wake now (the release's, late) finds it running: nothing is woken, nothing recorded.
    expect(await jobs.wake(queueJobId(jobId, 1))).toBeNull();

    // Waiting again, then woken: that run is the woken one, and a later run of the job is not.
    await afterDelay.run.moveToDelayed(Date.now() + 3_600_000, afterDelay.token);
    const runs = await jobs.wake(queueJobId(jobId, 1));
    expect(runs).toBe(2);
    const promoted = await nextRun();
    expect(promoted.run.attemptsStarted).toBe(3);
    expect(isRunWokenWithSlots({ runs: runs!, at: 0 }, promoted.run, 0)).toBe(true);
    // A retry or a redelivery of the job after the woken run.
    expect(isRunWokenWithSlots({ runs: runs!, at: 0 }, { attemptsStarted: runs! + 2 }, 0)).toBe(false);
    await promoted.run.moveToCompleted('done', promoted.token, false);
  });
});
