import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config';
import { APP_CONFIG, LOGGER } from '../../platform/tokens';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { ClusterDirectory } from '../cluster-directory';
import { ClusterCommand } from '../domain/cluster.commands';
import { clusterDecider, ClusterState } from '../domain/cluster.decider';
import { ClusterEvent, clusterStreamId } from '../domain/cluster.events';

export const TIMER_QUEUE = 'fabric-timers';

/** What fires: the end of one resiliency period of an isolation, or the end of a quarantine. */
export type ClusterTimerPayload =
  | { kind: 'isolation'; clusterId: string; hostId: string; isolationId: string; at: string }
  | { kind: 'quarantine'; clusterId: string; hostId: string; at: string };

/** A timer of another process (a rolling upgrade's step timeout): its kind, a unique key, and when. */
export interface ExtensionTimerPayload {
  kind: string;
  key: string;
  at: string;
  [field: string]: unknown;
}

export type TimerPayload = ClusterTimerPayload | ExtensionTimerPayload;

/** Another process's timers: what to do when one fires, and which ones its state still owes (for the sweep). */
export interface TimerExtension {
  kind: string;
  fire(payload: ExtensionTimerPayload): Promise<void>;
  owed(): Promise<ExtensionTimerPayload[]>;
}

const isClusterTimer = (timer: TimerPayload): timer is ClusterTimerPayload =>
  timer.kind === 'isolation' || timer.kind === 'quarantine';

/** The timer's identity, also its BullMQ job id (which may not contain ':'). */
export function timerId(timer: TimerPayload): string {
  const at = Date.parse(timer.at);
  return timer.kind === 'isolation'
    ? `isolation-${timer.isolationId}-${at}`
    : `quarantine-${timer.clusterId}-${timer.hostId}-${at}`;
}

/** The timers a cluster's state still owes: every due time of an isolation, and each quarantine's end. */
export function timersOf(state: ClusterState): ClusterTimerPayload[] {
  if (state.status !== 'Active') return [];
  return state.nodes.flatMap((node): ClusterTimerPayload[] => {
    const timers: ClusterTimerPayload[] = [];
    if (node.isolation) {
      const times = new Set([...node.isolation.due.map((d) => d.at), node.isolation.nodeDownAt]);
      for (const at of times) {
        timers.push({
          kind: 'isolation',
          clusterId: state.clusterId,
          hostId: node.hostId,
          isolationId: node.isolation.isolationId,
          at,
        });
      }
    }
    if (node.quarantine?.until)
      timers.push({ kind: 'quarantine', clusterId: state.clusterId, hostId: node.hostId, at: node.quarantine.until });
    return timers;
  });
}

/**
 * Durable timers for compute resiliency and quarantine (DESIGN.md: timers are BullMQ delayed jobs
 * that send a command when they fire). The job id is the timer's identity, so scheduling one twice
 * is a no-op; and since every owed timer can be read off the clusters' state, the sweep schedules
 * them again after Redis lost them or the service restarted — a timer is late at worst, never lost.
 */
@Injectable()
export class ClusterTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue<TimerPayload>;
  private worker: Worker<TimerPayload> | null = null;
  private workerConnection: Redis | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly extensions = new Map<string, TimerExtension>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly directory: ClusterDirectory,
    private readonly commands: SystemCommands,
  ) {
    this.connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: false });
    this.connection.on('error', () => undefined);
    this.queue = new Queue<TimerPayload>(TIMER_QUEUE, {
      connection: this.connection,
      prefix: config.redisPrefix,
      defaultJobOptions: { attempts: 20, backoff: { type: 'exponential', delay: 250 }, removeOnComplete: { age: 24 * 3600 } },
    });
    this.queue.on('error', () => undefined);
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.workerConnection = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', () => undefined);
    this.worker = new Worker<TimerPayload>(TIMER_QUEUE, (job) => this.fire(job), {
      connection: this.workerConnection,
      prefix: this.config.redisPrefix,
      concurrency: 4,
    });
    this.worker.on('error', () => undefined);
    this.connection.on('ready', () => void this.sweep());
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.jobSweepMs);
    this.sweepTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.worker?.close().catch(() => undefined);
    this.workerConnection?.disconnect();
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }

  /** Lets another context's process use these durable timers. */
  extend(extension: TimerExtension): void {
    this.extensions.set(extension.kind, extension);
  }

  async schedule(timer: TimerPayload): Promise<void> {
    const delay = Math.max(0, Date.parse(timer.at) - Date.now());
    await this.queue.add(timer.kind, timer, { jobId: timerId(timer), delay });
  }

  /** Schedules every timer the clusters' state owes (idempotent). */
  async sweep(): Promise<void> {
    try {
      const rows: Array<{ state: ClusterState }> = await this.dataSource.query(
        `SELECT state FROM rm_clusters WHERE status = 'Active'
           AND nodes @? '$[*] ? (@.state == "Isolated" || @.state == "Down" || @.state == "Quarantined")'`,
      );
      for (const row of rows) for (const timer of timersOf(row.state)) await this.schedule(timer);
      for (const extension of this.extensions.values()) for (const timer of await extension.owed()) await this.schedule(timer);
    } catch (error) {
      this.logger.debug({ error: (error as Error).message }, 'timer sweep skipped; Redis or PostgreSQL unavailable');
    }
  }

  private async fire(job: Job<TimerPayload>): Promise<void> {
    const timer = job.data;
    if (!isClusterTimer(timer)) {
      const extension = this.extensions.get(timer.kind);
      if (!extension) throw new Error(`No handler for timers of kind ${timer.kind}`);
      await extension.fire(timer);
      return;
    }
    const now = new Date(Math.max(Date.now(), Date.parse(timer.at))).toISOString();
    let command: ClusterCommand;
    if (timer.kind === 'quarantine') {
      command = { type: 'ExpireNodeQuarantine', hostId: timer.hostId, now };
    } else {
      const cluster = await this.directory.state(timer.clusterId);
      const [vms, loads] = await Promise.all([this.directory.vmsOn([timer.hostId]), this.directory.loads(cluster)]);
      command = { type: 'ExpireNodeIsolation', hostId: timer.hostId, isolationId: timer.isolationId, vms, loads, now };
    }
    await this.commands.send(clusterDecider, clusterStreamId(timer.clusterId), command, {
      commandId: `timer/${timerId(timer)}`,
      actor: 'timers',
    });
  }
}

/** Schedules the timers an isolation or a quarantine starts, as soon as it is recorded. */
export function timerScheduler(timers: ClusterTimers): Processor {
  return {
    name: 'cluster-timers',
    effects: 'outside',
    eventTypes: ['ClusterNodeIsolated', 'ClusterNodeQuarantined'],
    async handle(events) {
      for (const recorded of events) {
        const event = recorded as unknown as ClusterEvent;
        if (event.type === 'ClusterNodeIsolated') {
          const { clusterId, hostId, isolationId, dueAt } = event.data;
          for (const due of dueAt) await timers.schedule({ kind: 'isolation', clusterId, hostId, isolationId, at: due.at });
        } else if (event.type === 'ClusterNodeQuarantined' && event.data.until) {
          await timers.schedule({
            kind: 'quarantine',
            clusterId: event.data.clusterId,
            hostId: event.data.hostId,
            at: event.data.until,
          });
        }
      }
    },
  };
}
