import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectQueue, OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { Logger } from 'pino';
import { AppConfig } from '../config';
import { configuredProcessor, letQueueCloseWithoutRedis, logConnectionErrors } from '../queues/bull-connection';
import { APP_CONFIG, LOGGER } from '../tokens';
import { DurableTimer, DurableTimerKinds, TimerKinds, timerId } from './durable-timer';

export const TIMER_QUEUE = 'fabric-timers';

export const TIMER_QUEUE_OPTIONS = {
  name: TIMER_QUEUE,
  defaultJobOptions: { attempts: 20, backoff: { type: 'exponential', delay: 250 }, removeOnComplete: { age: 24 * 3600 } },
};

/**
 * Durable timers: BullMQ delayed jobs that act when they fire. The job id is the timer's
 * identity, so scheduling one twice is a no-op; and since every owed timer can be read off some
 * state in PostgreSQL, the sweep schedules them again after Redis lost them or the service
 * restarted — a timer is late at worst, never lost. Nothing here writes to PostgreSQL: a timer
 * that fires after its state moved on sends a command that records nothing.
 */
@Injectable()
export class DurableTimers implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly kinds = new Map<string, TimerKinds>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectQueue(TIMER_QUEUE) private readonly queue: Queue<DurableTimer>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    logConnectionErrors(this.queue, this.logger, 'timer queue');
    for (const wrapper of this.discovery.getProviders({ metadataKey: DurableTimerKinds.KEY })) {
      const owner = wrapper.instance as TimerKinds;
      for (const kind of owner.kinds) {
        if (this.kinds.has(kind)) throw new Error(`Two owners of the timer kind ${kind}`);
        this.kinds.set(kind, owner);
      }
    }
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.queue.client
      .then((client) => {
        client.on('ready', () => void this.sweep());
        void this.sweep();
      })
      .catch(() => undefined);
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.jobSweepMs);
    this.sweepTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await letQueueCloseWithoutRedis(this.queue);
  }

  async schedule(timer: DurableTimer): Promise<void> {
    if (!this.kinds.has(timer.kind)) throw new Error(`No owner for timers of kind ${timer.kind}`);
    const delay = Math.max(0, Date.parse(timer.at) - Date.now());
    await this.queue.add(timer.kind, timer, { jobId: timerId(timer), delay });
  }

  /** Schedules every timer some state owes (idempotent). */
  async sweep(): Promise<void> {
    try {
      for (const owner of new Set(this.kinds.values())) for (const timer of await owner.owed()) await this.schedule(timer);
    } catch (error) {
      this.logger.debug({ error: (error as Error).message }, 'timer sweep skipped; Redis or PostgreSQL unavailable');
    }
  }

  async fire(timer: DurableTimer): Promise<void> {
    const owner = this.kinds.get(timer.kind);
    if (!owner) throw new Error(`No owner for timers of kind ${timer.kind}`);
    await owner.fire(timer);
  }
}

/** Fires due timers. */
export class TimerWorker extends WorkerHost {
  constructor(
    private readonly timers: DurableTimers,
    private readonly logger: Logger,
  ) {
    super();
  }

  async process(job: Job<DurableTimer>): Promise<void> {
    await this.timers.fire(job.data);
  }

  @OnWorkerEvent('error')
  onConnectionProblem(error: Error): void {
    this.logger.warn({ error: error.message }, 'timer worker connection problem');
  }
}

export const timerWorkerProvider: Provider = configuredProcessor(TimerWorker, TIMER_QUEUE, () => ({ concurrency: 4 }), [
  DurableTimers,
  LOGGER,
]);
