import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../platform/config';
import { APP_CONFIG, REDIS } from '../platform/tokens';
import { JobReadModel } from './projections/job-read-model.entity';

/** A finished or abandoned job's last figure is not worth keeping longer than this. */
const PROGRESS_TTL_SECONDS = 24 * 3600;

/**
 * How far a running job is between two of its step boundaries. This is live data, not history:
 * the job stream records the boundaries and the outcome, and the worker's percentages go to
 * Redis, where every API process reads them. Losing them (Redis restarted) loses nothing that a
 * job's record needs; the job shows the progress of its last finished step until the next tick.
 */
@Injectable()
export class LiveJobProgress {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(jobId: string): string {
    return `${this.config.redisPrefix}:job-progress:${jobId}`;
  }

  async report(jobId: string, attempt: number, progress: number): Promise<void> {
    await this.redis.set(this.key(jobId), `${attempt}:${progress}`, 'EX', PROGRESS_TTL_SECONDS);
  }

  /** The jobs with the live progress of their current attempt laid over the recorded one. */
  async overlay<T extends Pick<JobReadModel, 'id' | 'status' | 'attempt' | 'progress'>>(jobs: T[]): Promise<T[]> {
    const running = jobs.filter((job) => job.status === 'Running');
    if (running.length === 0) return jobs;
    let values: Array<string | null>;
    try {
      values = await this.redis.mget(running.map((job) => this.key(job.id)));
    } catch {
      // Redis away: the recorded progress (the last step boundary) is still a true answer.
      return jobs;
    }
    const live = new Map<string, number>();
    running.forEach((job, index) => {
      const [attempt, progress] = (values[index] ?? '').split(':').map(Number);
      if (attempt === job.attempt && Number.isFinite(progress)) live.set(job.id, progress);
    });
    return jobs.map((job) => (live.has(job.id) ? { ...job, progress: Math.max(job.progress, live.get(job.id)!) } : job));
  }
}
