import { LRUCache } from 'lru-cache';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { loadAggregate } from '../../event-store/aggregate-stream';
import { DomainError } from '../../platform/domain/domain-error';
import { deterministicUuid } from '../../platform/deterministic-id';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { ProcessingService } from '../../processing/processing.service';
import { hostDecider, hostStreamId } from '../../hosts/domain/host.decider';
import { loadExistingCluster, readHostCandidate } from '../../clusters/cluster-aggregate';
import { PlacementQueries } from '../../clusters/placement.queries';
import { HostFactsQuery } from '../../hosts/host-facts.query';
import { clusterDecider } from '../../clusters/domain/cluster.decider';
import { ClusterCommand } from '../../clusters/domain/cluster.commands';
import { clusterStreamId } from '../../clusters/domain/cluster.events';
import { DurableTimers } from '../../platform/timers/durable-timers';
import { DurableTimer, TimerKinds } from '../../platform/timers/durable-timer';
import {
  ExistingUpgrade,
  nextStep,
  RollingUpgradeCommand,
  rollingUpgradeDecider,
  RollingUpgradeState,
} from '../domain/rolling-upgrade.decider';
import {
  ROLLING_UPGRADE_EVENT_TYPES,
  RollingUpgradeEvent,
  rollingUpgradeStreamId,
  UpgradeStep,
} from '../domain/rolling-upgrade.events';

const ACTOR = 'rolling-upgrade';
const REQUESTER = { actor: `system:${ACTOR}`, role: 'system' };
/** Read models a step's facts come from: they must have seen everything before the step. */
const FACT_SOURCES = ['vms', 'hosts', 'clusters'];
const FACTS_WAIT_MS = 10_000;
export const STEP_TIMEOUT_TIMER = 'upgrade-step';

/** The outcome events of the commands the upgrade sends, and whether each is a success. */
const OUTCOMES: Record<string, 'succeeded' | 'failed'> = {
  ClusterNodeDrained: 'succeeded',
  ClusterNodeDrainFailed: 'failed',
  ClusterNodeEvicted: 'succeeded',
  ClusterNodeEvictionFailed: 'failed',
  HostReinstalled: 'succeeded',
  HostReinstallFailed: 'failed',
  ClusterNodeAdded: 'succeeded',
  ClusterNodeAdditionFailed: 'failed',
  ClusterNodeResumed: 'succeeded',
  ClusterNodeResumeFailed: 'failed',
  ClusterFunctionalLevelRaised: 'succeeded',
  ClusterFunctionalLevelRaiseFailed: 'failed',
};

export interface UpgradeProcessDeps {
  commands: SystemCommands;
  eventStore: EventStore;
  dataSource: DataSource;
  placement: PlacementQueries;
  hosts: HostFactsQuery;
  processing: ProcessingService;
  timers: DurableTimers;
  logger: Logger;
}

/** The job id of one attempt of one step: derived, so a replay asks for the same job. */
export function stepJobId(upgradeId: string, hostId: string | null, step: UpgradeStep, attempt: number): string {
  return deterministicUuid(`rolling-upgrade/${upgradeId}/${hostId ?? 'cluster'}/${step}/${attempt}`);
}

/**
 * The process manager of rolling upgrades. Its state is the upgrade's stream; it acts only by
 * commands with ids derived from the upgrade, the node, the step and the attempt, so a restart (or
 * a second process taking over) continues where the last one stopped and never takes a step twice:
 * a replayed step finds its command already handled. Each step's outcome arrives as the target's
 * own event (ClusterNodeDrained, HostReinstalled, …) and is matched to the upgrade by its job id.
 */
export function rollingUpgradeProcess(deps: UpgradeProcessDeps): Processor {
  return {
    name: 'rolling-upgrades',
    effects: 'outside',
    eventTypes: [...ROLLING_UPGRADE_EVENT_TYPES, ...Object.keys(OUTCOMES)],
    async handle(events) {
      for (const event of events) {
        if (event.streamId.startsWith('rolling-upgrade-')) await advance(deps, event);
        else await outcome(deps, event);
      }
    },
  };
}

async function load(deps: UpgradeProcessDeps, upgradeId: string): Promise<RollingUpgradeState> {
  return (await loadAggregate(deps.eventStore, rollingUpgradeDecider, rollingUpgradeStreamId(upgradeId))).state;
}

function toUpgrade(
  deps: UpgradeProcessDeps,
  upgradeId: string,
  command: RollingUpgradeCommand,
  commandId: string,
  cause?: RecordedEvent,
) {
  return deps.commands.send(rollingUpgradeDecider, rollingUpgradeStreamId(upgradeId), command, {
    commandId,
    actor: ACTOR,
    event: cause,
  });
}

/** After any event of an upgrade: begin the next step, send the step that began, or release the cluster. */
async function advance(deps: UpgradeProcessDeps, event: RecordedEvent): Promise<void> {
  const upgradeId = (event.data as { upgradeId: string }).upgradeId;
  const state = await load(deps, upgradeId);
  if (state.status === 'None') return;
  if (event.type === 'RollingUpgradeNodeSkipped' || event.type === 'RollingUpgradeCancelled')
    await releasePausedNodes(deps, state, event);
  if (state.status === 'Completed' || state.status === 'Cancelled') {
    const command: ClusterCommand = {
      type: 'EndRollingUpgrade',
      upgradeId,
      outcome: state.status,
      now: new Date().toISOString(),
    };
    await deps.commands.send(clusterDecider, clusterStreamId(state.clusterId), command, {
      commandId: `${ACTOR}/${upgradeId}/end`,
      actor: ACTOR,
      event,
    });
    return;
  }
  if (state.inFlight) {
    // The step was sent right after it began; its StepStarted, met again after a crash in between,
    // sends it once more (harmless: the command id is the step's). A step this process has sent
    // already is not looked at again. Other events wait for its outcome.
    if (
      event.type === 'RollingUpgradeStepStarted' &&
      (event.data as { jobId: string }).jobId === state.inFlight.jobId &&
      !sentBy(deps).has(state.inFlight.jobId)
    ) {
      await sendStep(deps, state, event);
    }
    return;
  }
  const next = nextStep(state);
  if (!next) return;
  const jobId = stepJobId(upgradeId, next.hostId, next.step, next.attempt);
  await deps.dataSource.query(
    'INSERT INTO process_jobs (job_id, process_stream) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING',
    [jobId, rollingUpgradeStreamId(upgradeId)],
  );
  const outcome = await toUpgrade(
    deps,
    upgradeId,
    { type: 'BeginStep', hostId: next.hostId, step: next.step, attempt: next.attempt, jobId, now: new Date().toISOString() },
    `${ACTOR}/${upgradeId}/${next.hostId ?? 'cluster'}/${next.step}/${next.attempt}/begin`,
    event,
  );
  const begun = (outcome.events as unknown as RollingUpgradeEvent[]).reduce(rollingUpgradeDecider.evolve, state);
  if (begun.status !== 'None' && begun.inFlight?.jobId === jobId)
    await sendStep(deps, begun, outcome.events[outcome.events.length - 1] ?? event);
}

/**
 * Steps whose command this application has recorded (by job id; bounded, the oldest forgotten):
 * the step's own StepStarted, met next, would otherwise wait for the read models, read the facts
 * and send the command again only to find it handled. Kept per application (its deps).
 */
const stepsSent = new WeakMap<UpgradeProcessDeps, LRUCache<string, true>>();

function sentBy(deps: UpgradeProcessDeps): LRUCache<string, true> {
  let sent = stepsSent.get(deps);
  if (!sent) stepsSent.set(deps, (sent = new LRUCache<string, true>({ max: 1000 })));
  return sent;
}

/** Sends the command of the step in flight, with facts read once the read models have seen everything before it. */
async function sendStep(deps: UpgradeProcessDeps, upgrade: ExistingUpgrade, cause: RecordedEvent): Promise<void> {
  const step = upgrade.inFlight!;
  await deps.timers.schedule({
    kind: STEP_TIMEOUT_TIMER,
    key: step.jobId,
    upgradeId: upgrade.upgradeId,
    jobId: step.jobId,
    at: step.timeoutAt,
  });
  await deps.processing.waitFor(FACT_SOURCES, cause.globalPosition, FACTS_WAIT_MS);
  const commandId = `${ACTOR}/${upgrade.upgradeId}/${step.hostId ?? 'cluster'}/${step.step}/${step.attempt}/send`;
  const now = new Date().toISOString();
  const base = { jobId: step.jobId, requestedBy: REQUESTER, now };
  try {
    const cluster = await loadExistingCluster(deps.eventStore, upgrade.clusterId);
    switch (step.step) {
      case 'drain': {
        const [vms, loads] = await Promise.all([
          deps.placement.vmsOn([step.hostId!]),
          deps.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
        ]);
        await toCluster(
          deps,
          upgrade,
          { type: 'PauseClusterNode', hostId: step.hostId!, drain: true, vms, loads, ...base },
          commandId,
          cause,
        );
        break;
      }
      case 'evict': {
        const vmCount = await deps.placement.vmCountOn(step.hostId!);
        await toCluster(deps, upgrade, { type: 'EvictClusterNode', hostId: step.hostId!, vmCount, ...base }, commandId, cause);
        break;
      }
      case 'reinstall': {
        const vmCount = await deps.placement.vmCountOn(step.hostId!);
        // Membership from the cluster itself (current), not from the host read model.
        const clusterId = cluster.nodes.some((n) => n.hostId === step.hostId) ? cluster.clusterId : null;
        await deps.commands.send(
          hostDecider,
          hostStreamId(step.hostId!),
          { type: 'ReinstallHost', targetOsVersion: upgrade.targetOsVersion, vmCount, clusterId, rejoinsCluster: true, ...base },
          { commandId, actor: ACTOR, event: cause },
        );
        break;
      }
      case 'add': {
        const candidate = await readHostCandidate(deps.eventStore, deps.hosts, step.hostId!);
        // The host read model may not have seen the eviction yet; the cluster's own state says it is free.
        const node = { ...candidate, clusterId: cluster.nodes.some((n) => n.hostId === step.hostId) ? cluster.clusterId : null };
        await toCluster(deps, upgrade, { type: 'AddClusterNode', node, ...base }, commandId, cause);
        break;
      }
      case 'resume':
        await toCluster(
          deps,
          upgrade,
          { type: 'ResumeClusterNode', hostId: step.hostId!, failback: false, vms: [], loads: {}, ...base },
          commandId,
          cause,
        );
        break;
      case 'raise-functional-level':
        await toCluster(deps, upgrade, { type: 'RaiseFunctionalLevel', ...base }, commandId, cause);
        break;
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    deps.logger.warn(
      { upgradeId: upgrade.upgradeId, step: step.step, hostId: step.hostId, code: error.code },
      'rolling upgrade step refused',
    );
    await toUpgrade(
      deps,
      upgrade.upgradeId,
      { type: 'FailStep', jobId: step.jobId, code: error.code, reason: error.message, now },
      `${commandId}/refused`,
      cause,
    );
  }
  sentBy(deps).set(step.jobId, true);
}

/**
 * A node left behind drained (skipped, or the upgrade cancelled after its drain) is resumed, so
 * the cluster is whole again and a new upgrade can start (it needs every node Up).
 */
async function releasePausedNodes(deps: UpgradeProcessDeps, upgrade: RollingUpgradeState, cause: RecordedEvent): Promise<void> {
  if (upgrade.status === 'None') return;
  const cluster = await loadExistingCluster(deps.eventStore, upgrade.clusterId);
  for (const node of upgrade.nodes) {
    const drained = node.steps.some((s) => s.step === 'drain') && !node.completedSteps.includes('evict');
    const member = cluster.nodes.find((n) => n.hostId === node.hostId);
    if (node.status === 'Completed' || !drained || !member || !member.paused) continue;
    const command: ClusterCommand = {
      type: 'ResumeClusterNode',
      hostId: node.hostId,
      failback: false,
      vms: [],
      loads: {},
      jobId: deterministicUuid(`rolling-upgrade/${upgrade.upgradeId}/${node.hostId}/release`),
      requestedBy: REQUESTER,
      now: new Date().toISOString(),
    };
    try {
      await toCluster(deps, upgrade, command, `${ACTOR}/${upgrade.upgradeId}/${node.hostId}/release`, cause);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      deps.logger.warn(
        { upgradeId: upgrade.upgradeId, hostId: node.hostId, code: error.code },
        'a drained node could not be resumed',
      );
    }
  }
}

function toCluster(
  deps: UpgradeProcessDeps,
  upgrade: ExistingUpgrade,
  command: ClusterCommand,
  commandId: string,
  cause: RecordedEvent,
) {
  return deps.commands.send(clusterDecider, clusterStreamId(upgrade.clusterId), command, {
    commandId,
    actor: ACTOR,
    event: cause,
  });
}

/** A target's outcome event: if it ends a step of an upgrade, record the step's end there. */
async function outcome(deps: UpgradeProcessDeps, event: RecordedEvent): Promise<void> {
  const data = event.data as { jobId?: string; problem?: { code: string; detail: string }; hostId?: string; clusterId?: string };
  if (!data.jobId) return;
  const rows: Array<{ process_stream: string }> = await deps.dataSource.query(
    'SELECT process_stream FROM process_jobs WHERE job_id = $1',
    [data.jobId],
  );
  if (rows.length === 0) return;
  const upgradeId = rows[0].process_stream.slice('rolling-upgrade-'.length);
  const now = new Date().toISOString();
  if (OUTCOMES[event.type] === 'failed') {
    const problem = data.problem ?? { code: 'STEP_FAILED', detail: event.type };
    await toUpgrade(
      deps,
      upgradeId,
      { type: 'FailStep', jobId: data.jobId, code: problem.code, reason: problem.detail, now },
      `${ACTOR}/outcome/${event.eventId}`,
      event,
    );
    return;
  }
  let vmsMoved: string[] = [];
  if (event.type === 'ClusterNodeDrained' && data.clusterId && data.hostId) {
    const cluster = await loadExistingCluster(deps.eventStore, data.clusterId);
    vmsMoved = Object.keys(cluster.nodes.find((n) => n.hostId === data.hostId)?.drainedTo ?? {});
  }
  await toUpgrade(
    deps,
    upgradeId,
    { type: 'CompleteStep', jobId: data.jobId, vmsMoved, now },
    `${ACTOR}/outcome/${event.eventId}`,
    event,
  );
}

/** The step-timeout timers: fire as TimeOutStep, and are owed for every step in flight. */
export function stepTimeouts(deps: UpgradeProcessDeps): TimerKinds {
  return {
    kinds: [STEP_TIMEOUT_TIMER],
    async fire(timer: DurableTimer): Promise<void> {
      const { upgradeId, jobId } = timer as DurableTimer & { upgradeId: string; jobId: string };
      const now = new Date(Math.max(Date.now(), Date.parse(timer.at))).toISOString();
      await toUpgrade(deps, upgradeId, { type: 'TimeOutStep', jobId, now }, `${ACTOR}/timeout/${jobId}`);
    },
    async owed(): Promise<DurableTimer[]> {
      const rows: Array<{ id: string; in_flight: { jobId: string; timeoutAt: string } }> = await deps.dataSource.query(
        'SELECT id, in_flight FROM rm_rolling_upgrades WHERE in_flight IS NOT NULL',
      );
      return rows.map((r) => ({
        kind: STEP_TIMEOUT_TIMER,
        key: r.in_flight.jobId,
        upgradeId: r.id,
        jobId: r.in_flight.jobId,
        at: r.in_flight.timeoutAt,
      }));
    },
  };
}
