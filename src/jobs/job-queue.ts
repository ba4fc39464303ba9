import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../platform/config';
import { APP_CONFIG } from '../platform/tokens';

export const JOB_QUEUE = 'fabric-jobs';

export interface QueuedJob {
  jobId: string;
  attempt: number;
}

/** One queued copy per attempt: BullMQ refuses a second job with the same id. */
export function queueJobId(jobId: string, attempt: number): string {
  return attempt === 1 ? jobId : `${jobId}-attempt-${attempt}`;
}

/** The BullMQ queue of host work. Adding fails fast while Redis is away; the dispatcher retries. */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly connection: Redis;
  readonly queue: Queue<QueuedJob>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: false });
    this.connection.on('error', () => undefined);
    this.queue = new Queue<QueuedJob>(JOB_QUEUE, {
      connection: this.connection,
      prefix: config.redisPrefix,
      defaultJobOptions: {
        // Retries here are for infrastructure trouble (a worker died, PostgreSQL hiccuped);
        // a failure reported by the hypervisor is an outcome, not a retry.
        attempts: 20,
        backoff: { type: 'exponential', delay: 250 },
        removeOnComplete: { age: 24 * 3600, count: 50_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    this.queue.on('error', () => undefined);
  }

  /** Calls back each time the Redis connection becomes ready (again). */
  onReady(listener: () => void): void {
    this.connection.on('ready', listener);
  }

  async enqueue(jobId: string, attempt: number, kind: string): Promise<void> {
    await this.queue.add(kind, { jobId, attempt }, { jobId: queueJobId(jobId, attempt) });
  }

  async depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
