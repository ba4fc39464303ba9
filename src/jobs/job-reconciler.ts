import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config';
import { APP_CONFIG, LOGGER } from '../platform/tokens';
import { Metrics } from '../platform/metrics';
import { JobQueue } from './job-queue';
import { ORCHESTRATED_KINDS } from './domain/hypervisor-driver.port';
import { JobReadModel } from './projections/job-read-model.entity';

/**
 * Redis may lose queued jobs (a restart without persistence, an eviction). The job streams say
 * which jobs are still owed, so every unfinished job is queued again — at start-up, whenever
 * Redis comes back, and periodically. Adding an id BullMQ already holds is a no-op, and a job
 * that has ended is skipped by the worker, so this never runs a job twice.
 */
@Injectable()
export class JobReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.queue.onReady(() => void this.sweep());
    this.timer = setInterval(() => void this.sweep(), this.config.jobSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<void> {
    this.running ??= this.requeueUnfinished().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async requeueUnfinished(): Promise<void> {
    try {
      const unfinished = await this.dataSource
        .getRepository(JobReadModel)
        .createQueryBuilder('j')
        .select(['j.id', 'j.attempt', 'j.kind'])
        .where("j.status IN ('Queued', 'Running')")
        .andWhere('j.kind <> ALL(:orchestrated)', { orchestrated: ORCHESTRATED_KINDS })
        .getMany();
      for (const job of unfinished) await this.queue.enqueue(job.id, job.attempt, job.kind);
      const depth = await this.queue.depth();
      for (const [state, count] of Object.entries(depth)) this.metrics.queueDepth.set({ state }, count);
    } catch (error) {
      this.logger.debug({ error: (error as Error).message }, 'job sweep skipped; Redis or PostgreSQL unavailable');
    }
  }
}
