import {
  FabricProblem,
  type FabricClient,
  TERMINAL_JOB_STATUSES,
  type AuditEvent,
  type EventStreamOptions,
  type Job,
  type RollingUpgrade,
} from '../client';
import { UPGRADE_NODE_STEPS } from './schema-values';
import { createProgressView, ProgressItem, ProgressView } from './progress';

/** What watching needs: the client, and whether to draw bars (a terminal) or print lines. */
export interface WatchContext {
  fabric: FabricClient;
  terminal: boolean;
}

/** Re-read at least this often: a job's progress between its steps is live data, not events. */
const REFRESH_MS = 1_000;

/**
 * Follows something long-running: every relevant event from the stream (and a periodic refresh)
 * re-reads its state and redraws; ends when `render` says the state is final. Without permission
 * to read the event stream the periodic refresh alone carries on.
 */
async function follow<T>(
  context: WatchContext,
  stream: EventStreamOptions,
  relevant: (event: AuditEvent) => boolean,
  read: () => Promise<T>,
  render: (state: T, view: ProgressView) => boolean,
): Promise<T> {
  const view = createProgressView(context.terminal, (text) => process.stdout.write(text));
  const stop = new AbortController();
  let wake: (() => void) | null = null;
  let woken: boolean;
  const signal = () => {
    woken = true;
    wake?.();
  };
  const listening = (async () => {
    for await (const event of context.fabric.events({ ...stream, signal: stop.signal })) if (relevant(event)) signal();
  })().catch((error: unknown) => {
    if (!(error instanceof FabricProblem) && !stop.signal.aborted) throw error;
  });
  try {
    for (;;) {
      woken = false;
      const state = await read();
      if (render(state, view)) return state;
      if (!woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, REFRESH_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      wake = null;
    }
  } finally {
    view.stop();
    stop.abort();
    // The outcome is known: a stream still waiting on the network after its abort must not hold it back.
    await Promise.race([listening, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

function jobItems(job: Job, label = job.kind): ProgressItem[] {
  return [
    { key: job.id, label, value: job.progress, total: 100, status: job.status },
    ...job.steps.map((step, index) => ({
      key: `${job.id}/${index}`,
      label: `  ${step.name}`,
      value: step.status === 'Succeeded' ? 1 : 0,
      total: 1,
      status: step.status,
    })),
  ];
}

/** A job's steps as they run, until it ends. */
export function watchJob(context: WatchContext, jobId: string): Promise<Job> {
  return follow(
    context,
    { streamId: `job-${jobId}` },
    () => true,
    () => context.fabric.get('/v1/jobs/{id}', { params: { path: { id: jobId } } }),
    (job, view) => {
      view.show(jobItems(job));
      return TERMINAL_JOB_STATUSES.has(job.status);
    },
  );
}

/** Many jobs (a bulk action's): how many have ended, and each one's outcome; ends when all have. */
export async function watchJobs(context: WatchContext, jobs: Array<{ jobId: string; label: string }>): Promise<Job[]> {
  const ids = new Set(jobs.map((j) => `job-${j.jobId}`));
  const labels = new Map(jobs.map((j) => [j.jobId, j.label]));
  const ended = new Map<string, Job>();
  return follow(
    context,
    { from: new Date(Date.now() - 60_000).toISOString(), type: ['JobStarted', 'JobSucceeded', 'JobFailed', 'JobCancelled'] },
    (event) => ids.has(event.streamId),
    async () => {
      for (const { jobId } of jobs) {
        if (ended.has(jobId)) continue;
        const job = await context.fabric.get('/v1/jobs/{id}', { params: { path: { id: jobId } } });
        if (TERMINAL_JOB_STATUSES.has(job.status)) ended.set(jobId, job);
      }
      return [...ended.values()];
    },
    (done, view) => {
      view.show([
        { key: 'all', label: 'jobs', value: done.length, total: jobs.length, status: `${done.length} of ${jobs.length} ended` },
        ...done.map((job) => ({
          key: job.id,
          label: `  ${labels.get(job.id) ?? job.target.id}`,
          value: 1,
          total: 1,
          status: job.status === 'Succeeded' ? 'Succeeded' : `${job.status} ${job.error?.code ?? ''}`.trim(),
        })),
      ]);
      return done.length === jobs.length;
    },
  );
}

const FINAL_UPGRADE_STATES: ReadonlySet<RollingUpgrade['state']> = new Set(['Completed', 'Failed', 'Cancelled']);

/**
 * A rolling upgrade: the nodes done, each node's steps, and the VM moves of the drain in progress.
 * Ends when it is Completed, Failed or Cancelled, or paused by a failed step (which needs a decision).
 */
export async function watchUpgrade(context: WatchContext, upgradeId: string, minPosition?: number): Promise<RollingUpgrade> {
  let drainJobId: string | null = null;
  let drain: Job | null = null;
  return follow(
    context,
    { from: new Date(Date.now() - 5_000).toISOString() },
    (event) =>
      event.streamId === `rolling-upgrade-${upgradeId}` || (drainJobId !== null && event.streamId === `job-${drainJobId}`),
    async () => {
      const upgrade = await context.fabric.get('/v1/rolling-upgrades/{id}', { params: { path: { id: upgradeId } }, minPosition });
      minPosition = undefined;
      const current = upgrade.nodes.find((n) => n.hostId === upgrade.currentNodeId);
      const drainStep = current?.steps.filter((s) => s.step === 'drain').at(-1);
      drainJobId = drainStep?.jobId ?? null;
      // The drain job may not be readable yet just after the step started.
      drain = drainJobId
        ? await context.fabric.get('/v1/jobs/{id}', { params: { path: { id: drainJobId } } }).catch(notFoundAsNull)
        : null;
      return upgrade;
    },
    (upgrade, view) => {
      const done = upgrade.nodes.filter((n) => n.state === 'Completed' || n.state === 'Skipped').length;
      const items: ProgressItem[] = [
        {
          key: 'upgrade',
          label: `upgrade to ${upgrade.targetOsVersion}`,
          value: done,
          total: upgrade.nodes.length,
          status: upgrade.state + (upgrade.currentStep ? ` (${upgrade.currentStep})` : ''),
        },
      ];
      for (const node of upgrade.nodes) {
        const finished = UPGRADE_NODE_STEPS.filter((name) =>
          node.steps.some((s) => s.step === name && s.status === 'Succeeded'),
        ).length;
        const latest = node.steps.at(-1);
        const status =
          node.state === 'InProgress' && latest
            ? `${latest.step} ${latest.status}${latest.attempt > 1 ? ` (attempt ${latest.attempt})` : ''}`
            : node.state + (node.vmsMoved.length > 0 && node.state === 'Completed' ? `, ${node.vmsMoved.length} VMs moved` : '');
        items.push({ key: `node/${node.hostId}`, label: `  ${node.name}`, value: finished, total: UPGRADE_NODE_STEPS.length, status });
      }
      const drainJob = drain as Job | null;
      if (drainJob && upgrade.currentNodeId) {
        const moved = drainJob.steps.filter((s) => s.status === 'Succeeded').length;
        items.push({
          key: `drain/${drainJob.id}`,
          label: '    VM moves',
          value: moved,
          total: drainJob.steps.length,
          status: drainJob.steps.find((s) => s.status === 'Running')?.name ?? drainJob.status,
        });
      }
      for (const step of upgrade.clusterSteps) {
        items.push({
          key: `cluster/${step.step}`,
          label: `  ${step.step}`,
          value: step.status === 'Succeeded' ? 1 : 0,
          total: 1,
          status: step.status,
        });
      }
      view.show(items);
      if (upgrade.state === 'Paused' && upgrade.failure) return true;
      return FINAL_UPGRADE_STATES.has(upgrade.state);
    },
  );
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof FabricProblem && error.status === 404) return null;
  throw error;
}
