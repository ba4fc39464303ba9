import { Inject, Provider } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { LRUCache } from 'lru-cache';
import { Logger } from 'pino';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { readAggregateStream } from '../event-store/aggregate-stream';
import { configuredProcessor } from '../platform/queues/bull-connection';
import { fold } from '../platform/domain/decider';
import { SystemCommands } from '../platform/system-commands';
import { LOGGER } from '../platform/tokens';
import { Metrics } from '../platform/metrics';
import { JobCommand } from './domain/job.commands';
import { jobDecider, JobState } from './domain/job.decider';
import { JobEvent, jobStreamId } from './domain/job.events';
import { DriverError, HYPERVISOR_DRIVER, HypervisorDriver, isOrchestrated } from './domain/hypervisor-driver.port';
import { MigrationSlots, SLOT_LEASE_MS, slotClaimsOf } from './migration-slots';
import { JOB_QUEUE, JobQueue, QueuedJob, queueJobId } from './job-queue';
import { JobRoutes } from './job-routes';
import { LiveJobProgress } from './live-job-progress';
import { routeJobOutcome } from './workflows/job-outcome-router';
import { CommandOutcome } from '../platform/command-handler';

const PROGRESS_STEP = 10;
/** Tries of a job whose driver throws something other than a host's refusal, before the job fails. */
export const DRIVER_FAULT_TRIES = 3;
const OUTCOMES = new Set<JobCommand['type']>(['SucceedJob', 'FailJob', 'ConfirmJobCancelled']);
/** A report that ends the job: its last step's completion carries the job's result. */
const isOutcome = (command: JobCommand) =>
  OUTCOMES.has(command.type) || (command.type === 'CompleteJobSteps' && command.result !== undefined);
/**
 * A live migration that finds no free slot is woken by the release that hands it one; it asks again
 * after this long only if that wake-up was lost (queued, not failed).
 */
const SLOT_WAIT_MS = 5000;
/** Pauses between tries to wake a migration handed a slot that was not delayed yet. */
const WAKE_RETRY_MS = [10, 25, 50, 100, 200, 400];
/**
 * How long a hand-over this process woke is taken on trust by the run it woke. Well inside the
 * lease the release granted, which the run's renewals then keep up.
 */
const HAND_OVER_TRUST_MS = SLOT_LEASE_MS / 3;

/** A migration this process is waking (or woke) after a release handed it its slots. */
interface WokenWithSlots {
  /**
   * BullMQ's attemptsStarted when it was woken (the run woken is the next one), or null when the
   * wake found it not delayed. Pending while the wake-up travels: the run it starts can be taken
   * by a worker before the wake's answer is back.
   */
  runs: Promise<number | null>;
  at: number;
  /** Its stream, read while the wake-up travelled. */
  loaded: Promise<LoadedJob>;
}

/** A job's stream as the worker read it: its state, whose correlation its reports carry, and the read itself. */
interface LoadedJob {
  state: JobState;
  correlationId: string;
  /** The state with the version it was read at: the run's first report is decided on it without a second read. */
  read: { state: JobState; version: number; position: number } | null;
}

/**
 * Whether a run is the one a wake started after a release handed its job the slots: the next run
 * after the runs counted when the wake found the job delayed (a retry or a redelivery after that
 * run counts one more; a run its safety-net delay started instead leaves the wake nothing to
 * promote, so no wake is recorded), and soon after the wake.
 */
export function isRunWokenWithSlots(woken: { runs: number; at: number }, run: { attemptsStarted: number }, now: number): boolean {
  return run.attemptsStarted === woken.runs + 1 && now - woken.at < HAND_OVER_TRUST_MS;
}

/**
 * Runs queued jobs through the hypervisor driver and reports every step as commands on the job
 * stream. BullMQ delivers at least once: each report has a deterministic command id and the job
 * decider ignores reports for an earlier attempt or a job that has ended, so running a job twice
 * leaves the same outcome.
 */
export class JobWorker extends WorkerHost {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly commands: SystemCommands,
    private readonly metrics: Metrics,
    private readonly routes: JobRoutes,
    private readonly slots: MigrationSlots,
    private readonly progress: LiveJobProgress,
    private readonly queue: JobQueue,
  ) {
    super();
  }

  /**
   * Migrations a release in this process handed their slots and then woke, by queued id: the runs
   * each had started when it was woken, and when. The run that wake starts holds its slots without
   * asking PostgreSQL again (see handedOver); any other run asks. Each is recorded as the wake goes
   * out, and forgotten if it finds the migration not delayed.
   */
  private readonly wokenWithSlots = new LRUCache<string, WokenWithSlots>({ max: 4096 });

  @OnWorkerEvent('error')
  onConnectionProblem(error: Error): void {
    this.logger.warn({ error: error.message }, 'job worker connection problem');
  }

  @OnWorkerEvent('failed')
  onInterrupted(job: Job<QueuedJob> | undefined, error: Error): void {
    this.logger.warn({ jobId: job?.data.jobId, error: error.message }, 'job run interrupted; BullMQ will retry it');
  }

  private async load(jobId: string): Promise<LoadedJob> {
    const events = await readAggregateStream<JobEvent>(this.eventStore, jobStreamId(jobId));
    const state = fold(jobDecider, events);
    const last = events[events.length - 1];
    return {
      state,
      correlationId: events[0]?.metadata.correlationId ?? jobId,
      read: last ? { state, version: last.streamVersion, position: last.globalPosition } : null,
    };
  }

  async process(queued: Job<QueuedJob>, token?: string): Promise<void> {
    const { jobId, attempt } = queued.data;
    const queuedId = queueJobId(jobId, attempt);
    // The run this process woke with its slots holds them, and finds its stream read already.
    const woken = await this.handedOver(queuedId, queued);
    const handedOver = woken !== null;
    // A live migration queued with its slots waits for them before it reads its stream: most of
    // a drain's migrations wait, and each look would otherwise cost a read.
    const claimed = queued.data.slots ?? null;
    if (claimed && !handedOver && !(await this.slots.acquire(jobId, queuedId, claimed))) {
      await this.waitForSlot(queued, token);
    }
    const loaded = await (woken?.loaded ?? this.load(jobId));
    const { state } = loaded;
    // Slots are the job's, whatever its attempt: another attempt's run may hold them right now.
    if (state.status === 'None' || state.attempt !== attempt) return;
    if (state.status === 'Succeeded' || state.status === 'Failed' || state.status === 'Cancelled') {
      // Slots taken above, or left by a worker killed between the outcome and its release, go to the next.
      if (state.operation.kind === 'migrate-vm') await this.releaseSlots(jobId);
      return;
    }
    // The fabric itself carries out orchestrated jobs (a drain is many migrations); nothing to run here.
    if (isOrchestrated(state.operation)) return;
    const live = slotClaimsOf(state.operation);
    if (!live) {
      await this.run(queued, state, loaded);
      return;
    }
    // A job queued without its slots asks for them now (a cancel requested meanwhile needs none).
    if (!claimed && !handedOver && !state.cancelRequested && !(await this.slots.acquire(jobId, queuedId, live))) {
      await this.waitForSlot(queued, token);
    }
    // Renewed while the migration runs. A lease that cannot be renewed is still counted (the slot is
    // taken back only once the job has ended), but the operator should hear of it.
    const renewal = setInterval(() => void this.renewLease(jobId), SLOT_LEASE_MS / 3);
    let released: Promise<void> | null = null;
    // Once the job's outcome is recorded the migration has ended: its slots go to the next
    // migration at once, and the outcome is brought to the VM meanwhile, not after the release
    // (whose failure the run's end still meets below).
    const release = () => {
      clearInterval(renewal);
      released ??= this.releaseSlots(jobId);
      return released;
    };
    try {
      await this.run(queued, state, loaded, () => void release().catch(() => undefined));
    } finally {
      await release();
    }
  }

  /**
   * No free slot: the job waits in the queue (not in a worker slot) until the release that makes
   * room for it hands it the slot and wakes it; the delay is only a safety net.
   */
  private async waitForSlot(queued: Job<QueuedJob>, token: string | undefined): Promise<never> {
    await queued.moveToDelayed(Date.now() + SLOT_WAIT_MS, token);
    throw new DelayedError();
  }

  private async releaseSlots(jobId: string): Promise<void> {
    const granted = await this.slots.release(jobId);
    // In the background: a wake that must be tried again holds no worker slot meanwhile.
    for (const { jobId: next, queueJobId: id } of granted) void this.wakeGranted(next, id);
  }

  /**
   * Wakes a delayed migration that a release handed its slots. One that has just failed to find a
   * slot may not be delayed yet (the release came between its look and its move to delayed): it
   * is tried again a few times while it gets there.
   */
  private async wakeGranted(jobId: string, queuedId: string): Promise<void> {
    // The run woken reads the job's stream first: read it while the wake-up travels.
    const loaded = this.load(jobId);
    loaded.catch(() => undefined);
    for (const pause of [0, ...WAKE_RETRY_MS]) {
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      const waking = this.queue.wake(queuedId);
      const woken: WokenWithSlots = { runs: waking.catch(() => null), at: Date.now(), loaded };
      this.wokenWithSlots.set(queuedId, woken);
      try {
        if ((await waking) !== null) return;
        if (this.wokenWithSlots.get(queuedId) === woken) this.wokenWithSlots.delete(queuedId);
      } catch (error) {
        if (this.wokenWithSlots.get(queuedId) === woken) this.wokenWithSlots.delete(queuedId);
        // Its safety-net delay wakes it anyway.
        this.logger.warn({ jobId: queuedId, error: (error as Error).message }, 'could not wake a migration handed a slot');
        return;
      }
    }
  }

  /**
   * Whether this run is the one that a wake of this process started after a release handed the
   * job its slots: the hand-over committed before the wake, so the job holds them. Only that very
   * run qualifies (isRunWokenWithSlots); any other run asks PostgreSQL. Answers the wake (with the
   * stream it read meanwhile) when this run is that one.
   */
  private async handedOver(queuedId: string, queued: Job<QueuedJob>): Promise<WokenWithSlots | null> {
    const woken = this.wokenWithSlots.get(queuedId);
    if (woken === undefined) return null;
    this.wokenWithSlots.delete(queuedId);
    const runs = await woken.runs;
    return runs !== null && isRunWokenWithSlots({ runs, at: woken.at }, queued, Date.now()) ? woken : null;
  }

  private async renewLease(jobId: string): Promise<void> {
    try {
      if (!(await this.slots.renew(jobId))) this.logger.error({ jobId }, 'live migration runs without its migration slots');
    } catch (error) {
      this.logger.warn({ jobId, error: (error as Error).message }, 'migration slot lease renewal failed; retrying');
    }
  }

  /** `ended` is called (not waited for) once the job's outcome is recorded, before the outcome reaches its target. */
  private async run(
    queued: Job<QueuedJob>,
    state: Exclude<JobState, { status: 'None' }>,
    loaded: LoadedJob,
    ended?: () => void,
  ): Promise<void> {
    const { jobId, attempt } = queued.data;
    const { correlationId } = loaded;
    // The first report is decided on the stream as just read; the later ones on the state this
    // process's own appends left (the command handler knows it).
    let read = loaded.read;
    const operation = state.operation;
    if (isOrchestrated(operation)) return;
    const stream = jobStreamId(jobId);
    const send = async (command: JobCommand, step: string): Promise<CommandOutcome> => {
      const hints = read ? { read } : {};
      read = null;
      const outcome = await this.commands.send(
        jobDecider,
        stream,
        command,
        {
          commandId: `worker/${jobId}/${attempt}/${step}`,
          actor: 'job-worker',
          correlationId,
          // Reports before the outcome are redone if a crash loses them (the job is queued again
          // while it is not finished); the outcome itself is durable.
          durability: isOutcome(command) ? 'durable' : 'relaxed',
        },
        hints,
      );
      if (isOutcome(command)) ended?.();
      // Fast path: settle the target now rather than when the outcome router gets to it.
      for (const event of outcome.events) await routeJobOutcome(event, this.commands, this.routes, this.logger);
      return outcome;
    };
    const now = () => new Date().toISOString();
    if (state.cancelRequested) {
      await send({ type: 'ConfirmJobCancelled', attempt, now: now() }, 'cancelled');
      return;
    }
    const started = performance.now();
    // Jobs of this kind have one driver step; a step already done in an earlier delivery is skipped.
    const index = 0;
    const stepToRun = state.steps[index]?.status !== 'Succeeded';
    // The job and its step start together: one command, one append. (Its command id differs from the
    // separate start of earlier versions, so a job started by one of those still gets its step started.)
    await send({ type: 'StartJob', attempt, steps: stepToRun ? [index] : [], now: now() }, `start-with-step-${index}`);
    if (stepToRun) {
      const abort = new AbortController();
      let reported = 0;
      let reporting: Promise<unknown> = Promise.resolve();
      const onProgress = (percent: number) => {
        const rounded = Math.floor(percent / PROGRESS_STEP) * PROGRESS_STEP;
        if (rounded <= reported || rounded >= 100) return;
        reported = rounded;
        // Progress is live data, not a durable event; each tick is also when a cancel request is noticed.
        reporting = reporting
          .then(() => {
            this.metrics.jobProgressReports.inc({ kind: state.kind });
            return this.progress.report(jobId, attempt, rounded);
          })
          .then(() => this.load(jobId))
          .then(({ state: latest }) => {
            if (latest.status !== 'None' && latest.cancelRequested) abort.abort();
          })
          .catch(() => undefined);
      };
      let result: Awaited<ReturnType<HypervisorDriver['run']>>;
      try {
        result = await this.driver.run(operation, { jobId, onProgress, signal: abort.signal });
      } catch (error) {
        await reporting;
        await this.reportDriverFailure(queued, error, send);
        this.metrics.jobDuration.observe({ kind: state.kind }, (performance.now() - started) / 1000);
        return;
      }
      await reporting;
      // The driver runs the whole operation at once: its later PowerShell steps are done with it, and
      // the job succeeds with them, in one command (its own id: steps recorded done by an earlier
      // version without the job's success are completed here with it).
      const done = state.steps.map((_, later) => later).filter((later) => later >= index);
      await send(
        { type: 'CompleteJobSteps', attempt, indices: done, result: { ...result }, now: now() },
        `steps-${index}-done-succeeded`,
      );
    } else {
      await send({ type: 'SucceedJob', attempt, result: {}, now: now() }, 'succeeded');
    }
    this.metrics.jobDuration.observe({ kind: state.kind }, (performance.now() - started) / 1000);
  }

  /**
   * A refusal by the host (DriverError) is the job's outcome. Anything else the driver throws is a
   * fault of the driver itself (a bug, a lost connection to the host): tried again with BullMQ's
   * back-off a few times, since a passing problem deserves that, then the job fails with
   * DRIVER_FAULT instead of staying Running through every retry BullMQ keeps for infrastructure.
   */
  private async reportDriverFailure(
    queued: Job<QueuedJob>,
    error: unknown,
    send: (command: JobCommand, step: string) => Promise<CommandOutcome>,
  ): Promise<void> {
    const { jobId, attempt } = queued.data;
    const now = new Date().toISOString();
    if (error instanceof DriverError) {
      if (error.code === 'CANCELLED') await send({ type: 'ConfirmJobCancelled', attempt, now }, 'cancelled');
      else await send({ type: 'FailJob', attempt, problem: { code: error.code, detail: error.message }, now }, 'failed');
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const tries = queued.attemptsMade + 1;
    if (tries < DRIVER_FAULT_TRIES) {
      this.logger.warn({ jobId, tries, error: message }, 'the hypervisor driver failed; the job is tried again');
      throw error;
    }
    this.logger.error({ jobId, tries, error: message }, 'the hypervisor driver kept failing; the job fails');
    await send(
      { type: 'FailJob', attempt, problem: { code: 'DRIVER_FAULT', detail: `the hypervisor driver failed ${tries} times: ${message}` }, now },
      'failed',
    );
  }
}

/** The job worker, with the configured concurrency and lock; none where the role is `api`. */
export const jobWorkerProvider: Provider = configuredProcessor(
  JobWorker,
  JOB_QUEUE,
  (config) => ({
    concurrency: config.workerConcurrency,
    lockDuration: config.jobLockMs,
    stalledInterval: Math.max(1000, Math.floor(config.jobLockMs / 2)),
    maxStalledCount: 10,
  }),
  [EVENT_STORE, HYPERVISOR_DRIVER, LOGGER, SystemCommands, Metrics, JobRoutes, MigrationSlots, LiveJobProgress, JobQueue],
);
