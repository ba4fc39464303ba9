import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { Logger } from 'pino';
import { LOGGER } from '../platform/tokens';
import type { SlotClaim } from './migration-slots';
import { letQueueCloseWithoutRedis, logConnectionErrors } from '../platform/queues/bull-connection';

export const JOB_QUEUE = 'fabric-jobs';

export interface QueuedJob {
  jobId: string;
  attempt: number;
  /**
   * A live migration's slots, copied from its operation: the worker waits for them before it reads
   * the job's stream (absent in jobs queued without them; the worker then reads the stream first).
   */
  slots?: SlotClaim[];
}

export const JOB_QUEUE_OPTIONS = {
  name: JOB_QUEUE,
  defaultJobOptions: {
    // Retries here are for infrastructure trouble (a worker died, PostgreSQL hiccuped);
    // a failure reported by the hypervisor is an outcome, not a retry.
    attempts: 20,
    backoff: { type: 'exponential', delay: 250 },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
};

/** One queued copy per attempt: BullMQ refuses a second job with the same id. */
export function queueJobId(jobId: string, attempt: number): string {
  return attempt === 1 ? jobId : `${jobId}-attempt-${attempt}`;
}

/** The BullMQ queue of host work. Adding fails fast while Redis is away; the dispatcher retries. */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  constructor(
    @InjectQueue(JOB_QUEUE) readonly queue: Queue<QueuedJob>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    logConnectionErrors(this.queue, this.logger, 'job queue');
  }

  beforeApplicationShutdown(): Promise<void> {
    return letQueueCloseWithoutRedis(this.queue);
  }

  /** Calls back once the queue's Redis connection is ready, and each time it becomes ready again. */
  onReady(listener: () => void): void {
    this.queue.client
      .then((client) => {
        client.on('ready', listener);
        listener();
      })
      .catch(() => undefined);
  }

  async enqueue(jobId: string, attempt: number, kind: string, slots?: SlotClaim[] | null): Promise<void> {
    await this.queue.add(kind, { jobId, attempt, ...(slots ? { slots } : {}) }, { jobId: queueJobId(jobId, attempt) });
  }

  /**
   * Moves a delayed job to the waiting list at once: answers how many runs it had started (BullMQ's
   * attemptsStarted; its next run is the one after), or null when it is not delayed (running,
   * waiting, or gone), which leaves it as it is.
   */
  async wake(queueJobId: string): Promise<number | null> {
    const client = await this.queue.client;
    // One round trip: the count is read just before the promotion, on the same connection. A run
    // that starts in between leaves the job not delayed (refused) or the count behind the run the
    // promotion starts, never ahead of it.
    const [runs, promoted] = await Promise.all([
      client.hget(this.queue.toKey(queueJobId), 'ats'),
      new Job<QueuedJob>(this.queue, 'wake', { jobId: '', attempt: 0 }, {}, queueJobId).promote().then(
        () => true,
        (error: Error) => {
          if (/not in the delayed state/i.test(error.message)) return false;
          throw error;
        },
      ),
    ]);
    return promoted ? Number(runs ?? 0) : null;
  }

  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
  }
}
