/**
 * A rolling cluster OS upgrade as a process with its own stream (DESIGN.md, long-running
 * processes). The decider keeps the process's state and its rules for steering; `nextStep` is the
 * pure step function: given the events so far, the one step to take next (or none). The process
 * manager only asks it, records the step, and sends the step's command.
 */
import { Decider } from '../../platform/domain/decider';
import { RollingUpgradeCommand } from './rolling-upgrade.commands';
import * as errors from './rolling-upgrade.errors';
import type { OsVersion } from '../../hosts/domain/windows-server';
import {
  NODE_STEPS,
  NodeStep,
  RollingUpgradeEvent,
  StepRef,
  UpgradeNodePlan,
  UpgradeState,
  UpgradeStep,
} from './rolling-upgrade.events';

export interface StepRecord {
  step: UpgradeStep;
  jobId: string;
  attempt: number;
  status: 'Running' | 'Succeeded' | 'Failed';
  startedAt: string;
  finishedAt: string | null;
  detail: string | null;
}

export interface NodeProgress extends UpgradeNodePlan {
  status: 'Pending' | 'InProgress' | 'Completed' | 'Skipped';
  completedSteps: NodeStep[];
  startedAt: string | null;
  finishedAt: string | null;
  vmsMoved: string[];
  steps: StepRecord[];
}

export type RollingUpgradeState =
  | { status: 'None' }
  | {
      status: UpgradeState;
      upgradeId: string;
      clusterId: string;
      clusterName: string;
      targetOsVersion: OsVersion;
      raiseFunctionalLevel: boolean;
      stepTimeoutSeconds: number;
      estimatedDurationMs: number;
      nodes: NodeProgress[];
      inFlight: (StepRef & { startedAt: string; timeoutAt: string }) | null;
      /** Steps of the cluster as a whole (the functional level raise). */
      clusterSteps: StepRecord[];
      pauseRequested: boolean;
      cancelRequested: boolean;
      failure: { hostId: string | null; step: UpgradeStep; attempt: number; code: string; reason: string; at: string } | null;
      /** The attempt the next run of a step will be (a retried step counts up). */
      attempts: Record<string, number>;
      levelRaised: boolean;
      startedAt: string;
      finishedAt: string | null;
      requestedBy: { actor: string; role: string };
    };

export type ExistingUpgrade = Exclude<RollingUpgradeState, { status: 'None' }>;

const initialState: RollingUpgradeState = { status: 'None' };

const attemptKey = (hostId: string | null, step: UpgradeStep) => `${hostId ?? 'cluster'}/${step}`;

const finished = (status: UpgradeState) => status === 'Completed' || status === 'Cancelled' || status === 'Failed';

function withNode(state: ExistingUpgrade, hostId: string | null, change: (node: NodeProgress) => NodeProgress): ExistingUpgrade {
  return { ...state, nodes: state.nodes.map((n) => (n.hostId === hostId ? change(n) : n)) };
}

function settleStep(records: StepRecord[], jobId: string, change: Partial<StepRecord>): StepRecord[] {
  return records.map((r) => (r.jobId === jobId ? { ...r, ...change } : r));
}

function evolve(state: RollingUpgradeState, event: RollingUpgradeEvent): RollingUpgradeState {
  if (event.type === 'RollingUpgradeStarted') {
    const d = event.data;
    return {
      status: 'Running',
      upgradeId: d.upgradeId,
      clusterId: d.clusterId,
      clusterName: d.clusterName,
      targetOsVersion: d.targetOsVersion,
      raiseFunctionalLevel: d.raiseFunctionalLevel,
      stepTimeoutSeconds: d.stepTimeoutSeconds,
      estimatedDurationMs: d.estimatedDurationMs,
      nodes: d.nodes.map((n) => ({
        ...n,
        status: 'Pending',
        completedSteps: [],
        startedAt: null,
        finishedAt: null,
        vmsMoved: [],
        steps: [],
      })),
      inFlight: null,
      clusterSteps: [],
      pauseRequested: false,
      cancelRequested: false,
      failure: null,
      attempts: {},
      levelRaised: false,
      startedAt: d.at,
      finishedAt: null,
      requestedBy: d.requestedBy,
    };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'RollingUpgradeStepStarted': {
      const d = event.data;
      const record: StepRecord = {
        step: d.step,
        jobId: d.jobId,
        attempt: d.attempt,
        status: 'Running',
        startedAt: d.at,
        finishedAt: null,
        detail: null,
      };
      const next = {
        ...state,
        inFlight: { hostId: d.hostId, step: d.step, jobId: d.jobId, attempt: d.attempt, startedAt: d.at, timeoutAt: d.timeoutAt },
      };
      if (d.hostId === null) return { ...next, clusterSteps: [...state.clusterSteps, record] };
      return withNode(next, d.hostId, (n) => ({
        ...n,
        status: 'InProgress',
        startedAt: n.startedAt ?? d.at,
        steps: [...n.steps, record],
      }));
    }
    case 'RollingUpgradeStepCompleted': {
      const d = event.data;
      const next = { ...state, inFlight: null };
      if (d.hostId === null) {
        return {
          ...next,
          levelRaised: true,
          clusterSteps: settleStep(state.clusterSteps, d.jobId, { status: 'Succeeded', finishedAt: d.at, detail: d.note }),
        };
      }
      return withNode(next, d.hostId, (n) => ({
        ...n,
        completedSteps: [...n.completedSteps, d.step as NodeStep],
        vmsMoved: [...n.vmsMoved, ...d.vmsMoved],
        steps: settleStep(n.steps, d.jobId, { status: 'Succeeded', finishedAt: d.at, detail: d.note }),
      }));
    }
    case 'RollingUpgradeStepFailed': {
      const d = event.data;
      const failure = { hostId: d.hostId, step: d.step, attempt: d.attempt, code: d.code, reason: d.reason, at: d.at };
      const next = { ...state, inFlight: null, failure };
      if (d.hostId === null) {
        return {
          ...next,
          clusterSteps: settleStep(state.clusterSteps, d.jobId, { status: 'Failed', finishedAt: d.at, detail: d.reason }),
        };
      }
      return withNode(next, d.hostId, (n) => ({
        ...n,
        steps: settleStep(n.steps, d.jobId, { status: 'Failed', finishedAt: d.at, detail: d.reason }),
      }));
    }
    case 'RollingUpgradeNodeCompleted':
      return withNode(state, event.data.hostId, (n) => ({ ...n, status: 'Completed', finishedAt: event.data.at }));
    case 'RollingUpgradeNodeSkipped':
      return withNode({ ...state, failure: null }, event.data.hostId, (n) => ({
        ...n,
        status: 'Skipped',
        finishedAt: event.data.at,
      }));
    case 'RollingUpgradePauseRequested':
      return { ...state, pauseRequested: true };
    case 'RollingUpgradePaused':
      return { ...state, status: 'Paused', pauseRequested: false };
    case 'RollingUpgradeResumed':
      return { ...state, status: 'Running', pauseRequested: false };
    case 'RollingUpgradeStepRetried':
      return {
        ...state,
        status: 'Running',
        failure: null,
        attempts: { ...state.attempts, [attemptKey(event.data.hostId, event.data.step)]: event.data.attempt },
      };
    case 'RollingUpgradeCancelRequested':
      return { ...state, cancelRequested: true };
    case 'RollingUpgradeCancelled':
      return { ...state, status: 'Cancelled', cancelRequested: false, pauseRequested: false, finishedAt: event.data.at };
    case 'RollingUpgradeCompleted':
      return { ...state, status: 'Completed', finishedAt: event.data.at };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The step to take next, or null: waiting for one, paused, finished, or nothing left. */
export function nextStep(state: RollingUpgradeState): { hostId: string | null; step: UpgradeStep; attempt: number } | null {
  if (state.status !== 'Running' || state.inFlight || state.pauseRequested || state.cancelRequested) return null;
  const node = state.nodes.find((n) => n.status === 'Pending' || n.status === 'InProgress');
  if (node) {
    const step = NODE_STEPS[node.completedSteps.length];
    return { hostId: node.hostId, step, attempt: state.attempts[attemptKey(node.hostId, step)] ?? 1 };
  }
  if (state.raiseFunctionalLevel && !state.levelRaised) {
    return {
      hostId: null,
      step: 'raise-functional-level',
      attempt: state.attempts[attemptKey(null, 'raise-functional-level')] ?? 1,
    };
  }
  return null;
}

/** Where a node stands after the steps it went through, in words (for a skipped node or a cancelled upgrade). */
export function nodeStanding(node: NodeProgress, target: string): string {
  const done = new Set(node.completedSteps);
  if (done.has('add')) return `back in the cluster on ${target}`;
  if (done.has('reinstall')) return `reinstalled with ${target}, not in the cluster`;
  if (done.has('evict')) return `evicted, still on ${node.fromOsVersion}`;
  if (done.has('drain')) return `Paused and drained, in the cluster on ${node.fromOsVersion}`;
  // A drain that ran and failed leaves the node Paused with what did not move.
  if (node.steps.some((step) => step.step === 'drain')) return `Paused, partly drained, in the cluster on ${node.fromOsVersion}`;
  return `untouched, on ${node.fromOsVersion}`;
}

function existing(state: RollingUpgradeState): ExistingUpgrade {
  if (state.status === 'None') throw errors.upgradeNotFound();
  return state;
}

function open(state: RollingUpgradeState, action: string): ExistingUpgrade {
  const upgrade = existing(state);
  if (finished(upgrade.status)) throw errors.upgradeFinished(action, upgrade.status);
  return upgrade;
}

/** What follows a step that ended: cancelled, completed, or paused, as asked for. */
function afterStep(state: ExistingUpgrade, produced: RollingUpgradeEvent[], now: string): RollingUpgradeEvent[] {
  const after = produced.reduce(evolve, state as RollingUpgradeState) as ExistingUpgrade;
  const base = { upgradeId: state.upgradeId, at: now };
  if (after.cancelRequested)
    return [...produced, { type: 'RollingUpgradeCancelled', data: { ...base, leftAt: standing(after) } }];
  if (after.failure)
    return [
      ...produced,
      { type: 'RollingUpgradePaused', data: { ...base, reason: `${after.failure.step} failed: ${after.failure.reason}` } },
    ];
  if (!hasWorkLeft(after)) {
    return [
      ...produced,
      {
        type: 'RollingUpgradeCompleted',
        data: {
          ...base,
          nodesUpgraded: after.nodes.filter((n) => n.status === 'Completed').length,
          nodesSkipped: after.nodes.filter((n) => n.status === 'Skipped').length,
          functionalLevelRaised: after.levelRaised,
        },
      },
    ];
  }
  if (after.pauseRequested)
    return [...produced, { type: 'RollingUpgradePaused', data: { ...base, reason: 'paused by the operator' } }];
  return produced;
}

/** A node still to upgrade, or the functional level still to raise. */
function hasWorkLeft(upgrade: ExistingUpgrade): boolean {
  return (
    upgrade.nodes.some((n) => n.status === 'Pending' || n.status === 'InProgress') ||
    (upgrade.raiseFunctionalLevel && !upgrade.levelRaised)
  );
}

function standing(upgrade: ExistingUpgrade): string {
  const touched = upgrade.nodes.filter((n) => n.status === 'InProgress' || n.status === 'Skipped');
  const upgraded = upgrade.nodes.filter((n) => n.status === 'Completed').length;
  const parts = [`${upgraded} of ${upgrade.nodes.length} nodes upgraded`];
  for (const n of touched) parts.push(`${n.name} ${nodeStanding(n, upgrade.targetOsVersion)}`);
  return parts.join('; ');
}

function decide(command: RollingUpgradeCommand, state: RollingUpgradeState): RollingUpgradeEvent[] {
  switch (command.type) {
    case 'StartRollingUpgrade': {
      if (state.status !== 'None') return [];
      const { type: _type, now, ...data } = command;
      return [{ type: 'RollingUpgradeStarted', data: { ...data, at: now } }];
    }
    case 'BeginStep': {
      const upgrade = existing(state);
      if (upgrade.inFlight?.jobId === command.jobId) return [];
      const expected = nextStep(upgrade);
      if (
        !expected ||
        expected.hostId !== command.hostId ||
        expected.step !== command.step ||
        expected.attempt !== command.attempt
      ) {
        throw errors.unexpectedStep(command.step, command.hostId);
      }
      const timeoutAt = new Date(Date.parse(command.now) + upgrade.stepTimeoutSeconds * 1000).toISOString();
      return [
        {
          type: 'RollingUpgradeStepStarted',
          data: {
            upgradeId: upgrade.upgradeId,
            hostId: command.hostId,
            step: command.step,
            attempt: command.attempt,
            jobId: command.jobId,
            timeoutAt,
            at: command.now,
          },
        },
      ];
    }
    case 'CompleteStep': {
      if (state.status === 'None' || state.inFlight?.jobId !== command.jobId) return [];
      const step = state.inFlight;
      const ref = { hostId: step.hostId, step: step.step, jobId: step.jobId, attempt: step.attempt };
      const produced: RollingUpgradeEvent[] = [
        {
          type: 'RollingUpgradeStepCompleted',
          data: {
            upgradeId: state.upgradeId,
            ...ref,
            vmsMoved: command.vmsMoved ?? [],
            note: command.note ?? null,
            at: command.now,
          },
        },
      ];
      if (step.step === 'resume' && step.hostId) {
        produced.push({
          type: 'RollingUpgradeNodeCompleted',
          data: { upgradeId: state.upgradeId, hostId: step.hostId, at: command.now },
        });
      }
      return afterStep(state, produced, command.now);
    }
    case 'FailStep':
    case 'TimeOutStep': {
      if (state.status === 'None' || state.inFlight?.jobId !== command.jobId) return [];
      const step = state.inFlight;
      if (command.type === 'TimeOutStep' && command.now < step.timeoutAt) return [];
      const [code, reason] =
        command.type === 'TimeOutStep'
          ? ['STEP_TIMED_OUT', `${step.step} did not finish within ${state.stepTimeoutSeconds} s`]
          : [command.code, command.reason];
      const produced: RollingUpgradeEvent[] = [
        {
          type: 'RollingUpgradeStepFailed',
          data: {
            upgradeId: state.upgradeId,
            hostId: step.hostId,
            step: step.step,
            jobId: step.jobId,
            attempt: step.attempt,
            code,
            reason,
            at: command.now,
          },
        },
      ];
      return afterStep(state, produced, command.now);
    }
    case 'PauseUpgrade': {
      const upgrade = open(state, 'pause');
      if (upgrade.status === 'Paused' || upgrade.pauseRequested) return [];
      const base = { upgradeId: upgrade.upgradeId, at: command.now };
      if (upgrade.inFlight) return [{ type: 'RollingUpgradePauseRequested', data: { ...base, by: command.by } }];
      return [{ type: 'RollingUpgradePaused', data: { ...base, reason: `paused by ${command.by}` } }];
    }
    case 'ResumeUpgrade': {
      const upgrade = open(state, 'resume');
      if (upgrade.failure) {
        throw errors.stepFailed(upgrade.failure.step, upgrade.failure.reason);
      }
      if (upgrade.status === 'Running' && !upgrade.pauseRequested) return [];
      return [{ type: 'RollingUpgradeResumed', data: { upgradeId: upgrade.upgradeId, by: command.by, at: command.now } }];
    }
    case 'CancelUpgrade': {
      const upgrade = open(state, 'cancel');
      if (upgrade.cancelRequested) return [];
      const base = { upgradeId: upgrade.upgradeId, at: command.now };
      if (upgrade.inFlight) return [{ type: 'RollingUpgradeCancelRequested', data: { ...base, by: command.by } }];
      return [{ type: 'RollingUpgradeCancelled', data: { ...base, leftAt: standing(upgrade) } }];
    }
    case 'RetryStep': {
      const upgrade = open(state, 'retry a step');
      const failure = upgrade.failure;
      if (!failure) throw errors.noFailedStep();
      return [
        {
          type: 'RollingUpgradeStepRetried',
          data: {
            upgradeId: upgrade.upgradeId,
            hostId: failure.hostId,
            step: failure.step,
            attempt: failure.attempt + 1,
            by: command.by,
            at: command.now,
          },
        },
      ];
    }
    case 'SkipNode': {
      const upgrade = open(state, 'skip a node');
      if (upgrade.inFlight) throw errors.stepInProgress(upgrade.inFlight.step);
      const node = upgrade.nodes.find((n) => n.status === 'Pending' || n.status === 'InProgress');
      if (!node) throw errors.nothingToSkip();
      const base = { upgradeId: upgrade.upgradeId, at: command.now };
      const events: RollingUpgradeEvent[] = [
        {
          type: 'RollingUpgradeNodeSkipped',
          data: { ...base, hostId: node.hostId, by: command.by, leftAt: nodeStanding(node, upgrade.targetOsVersion) },
        },
      ];
      // Skipping a failed node is the way on: the upgrade continues with the next one.
      if (upgrade.status === 'Paused' && upgrade.failure)
        events.push({ type: 'RollingUpgradeResumed', data: { ...base, by: command.by } });
      return afterStep(upgrade, events, command.now);
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const rollingUpgradeDecider: Decider<RollingUpgradeCommand, RollingUpgradeEvent, RollingUpgradeState> = {
  initialState,
  evolve,
  decide,
};

export type { RollingUpgradeCommand };
