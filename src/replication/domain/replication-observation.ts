/**
 * Observed replication: Hyper-V runs the cycles, the monitor reads their statistics, and only a
 * change a person would act on becomes an event: a failure streak starting (or turning Critical)
 * and ending, a missed-cycle streak starting and ending, and a recovery point of a new hour. A
 * healthy relationship replicating every 30 s records one event an hour.
 */
import type { ReplicationCommand, ReplicationObservation } from './replication.commands';
import {
  CRITICAL_AFTER_FAILURES,
  MISSED_STREAK_WINDOW_CYCLES,
  Observed,
  RecoveryPoint,
  ReplicationEvent,
} from './replication.events';
import { hourOf, ReplicationState } from './replication.state';

/** What an observation is compared with: small enough for the read model to hold per relationship. */
export interface ObservationBaseline {
  vmId: string;
  consecutiveFailures: number;
  missingSince: string | null;
  latestPointAt: string | null;
  pointKind: RecoveryPoint['kind'];
  intervalMs: number;
  hourMs: number;
}

/** The baseline of a relationship whose cycles run and which no operation is changing; null otherwise. */
export function baselineOf(state: ReplicationState): ObservationBaseline | null {
  if (state.status !== 'Replicating' || state.pending || state.broken) return null;
  const latest = state.recoveryPoints[state.recoveryPoints.length - 1];
  return {
    vmId: state.vmId,
    consecutiveFailures: state.consecutiveFailures,
    missingSince: state.missingSince,
    latestPointAt: latest?.at ?? null,
    pointKind: state.applicationConsistent ? 'ApplicationConsistent' : 'Standard',
    intervalMs: state.intervalMs,
    hourMs: state.hourMs,
  };
}

/** The events an observation calls for against the baseline (none: nothing changed that matters). */
export function observedEvents(
  baseline: ObservationBaseline,
  observation: ReplicationObservation,
  recoveryPointId: string,
  now: string,
): ReplicationEvent[] {
  const base = { vmId: baseline.vmId, at: now };
  const observed: Observed = {
    lastReplicatedAt: observation.lastReplicatedAt,
    successfulCycles: observation.successfulCycles,
    failedCycles: observation.failedCycles,
    missedCycles: observation.missedCycles,
  };
  const events: ReplicationEvent[] = [];

  const failing = observation.consecutiveFailedCycles;
  const turnsCritical = failing >= CRITICAL_AFTER_FAILURES && baseline.consecutiveFailures < CRITICAL_AFTER_FAILURES;
  if (failing > 0 && (baseline.consecutiveFailures === 0 || turnsCritical)) {
    const reason = observation.failureReason ?? 'the replica did not receive the cycle';
    events.push({ type: 'ReplicationCyclesFailing', data: { ...base, failedCycles: failing, reason, observed } });
  } else if (failing === 0 && baseline.consecutiveFailures > 0) {
    events.push({
      type: 'ReplicationCyclesRecovered',
      data: { ...base, failedCycles: baseline.consecutiveFailures, observed },
    });
  }

  const lastMissedAt = observation.lastMissedAt;
  const missing =
    lastMissedAt !== null && Date.parse(now) - Date.parse(lastMissedAt) < MISSED_STREAK_WINDOW_CYCLES * baseline.intervalMs;
  if (missing && baseline.missingSince === null) {
    events.push({ type: 'ReplicationCyclesMissing', data: { ...base, lastMissedAt, observed } });
  } else if (!missing && baseline.missingSince !== null) {
    events.push({
      type: 'ReplicationCyclesOnTime',
      data: { ...base, lastMissedAt: lastMissedAt ?? baseline.missingSince, observed },
    });
  }

  const replicatedAt = observation.lastReplicatedAt;
  if (
    replicatedAt !== null &&
    (baseline.latestPointAt === null || hourOf(replicatedAt, baseline.hourMs) > hourOf(baseline.latestPointAt, baseline.hourMs))
  ) {
    const recoveryPoint: RecoveryPoint = {
      id: recoveryPointId,
      ...(observation.latestRecoveryPointId ? { hypervisorId: observation.latestRecoveryPointId } : {}),
      seq: observation.lastCycle,
      at: replicatedAt,
      kind: baseline.pointKind,
    };
    events.push({ type: 'ReplicationRecoveryPointCreated', data: { ...base, recoveryPoint, observed } });
  }
  return events;
}

export function observe(
  command: Extract<ReplicationCommand, { type: 'ObserveReplication' }>,
  state: ReplicationState,
): ReplicationEvent[] {
  const baseline = baselineOf(state);
  return baseline ? observedEvents(baseline, command.observed, command.recoveryPointId, command.now) : [];
}
