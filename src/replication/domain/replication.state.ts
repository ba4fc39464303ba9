/**
 * A VM's Hyper-V Replica relationship as its events leave it. Hyper-V runs the cycles; the state
 * holds what was recorded of them (failure and missed-cycle streaks, recovery points) and the
 * operations the fabric asked for. Health is derived here, after every event, from those facts.
 */
import type { JobRequest } from '../../jobs/domain/job.events';
import * as lifecycle from '../../platform/domain/operation-lifecycle';
import {
  CRITICAL_AFTER_FAILURES,
  RecoveryPoint,
  REPLICATION_OPERATIONS,
  ReplicationEvent,
  ReplicationHealth,
  ReplicationOperationKind,
  ReplicationSettings,
} from './replication.events';

export type ReplicationStatus =
  'Enabling' | 'Replicating' | 'Suspended' | 'Resynchronizing' | 'FailedOver' | 'Committed' | 'Removed';

export interface Operation {
  jobId: string;
  kind: ReplicationOperationKind;
  attempt: number;
  /** An unplanned failover's chosen recovery point. */
  recoveryPointId?: string;
  /** A change of the replicated disks, applied once its job has succeeded. */
  disks?: { replicatedDiskIds: string[]; nonReplicatedDiskIds: string[] };
}

export type ReplicationState =
  | { status: 'None' }
  | ({
      status: ReplicationStatus;
      vmId: string;
      vmName: string;
      tenant: string;
      primaryHostId: string;
      configVersion: string;
      health: ReplicationHealth;
      healthReason: string | null;
      /** A change the replica cannot follow (a disk added on a WS2012R2 primary): Critical until resynchronized. */
      broken: boolean;
      /** Cycles failed in a row as last recorded (0: the last recorded cycle reached the replica). */
      consecutiveFailures: number;
      failureReason: string | null;
      /** When the recorded missed-cycle streak saw its last miss; null: no streak. */
      missingSince: string | null;
      /** As of the last recorded change: the live figures are in the statistics read model. */
      lastReplicatedAt: string | null;
      lastSizeMb: number | null;
      recoveryPoints: RecoveryPoint[];
      testFailover: { testVmId: string; testVmName: string; recoveryPointId: string; running: boolean } | null;
      failedOverTo: { recoveryPointId: string; at: string } | null;
      enabledAt: string;
    } & ReplicationSettings &
      lifecycle.SingleOperation<Operation>);

export type ExistingReplication = Exclude<ReplicationState, { status: 'None' }>;

export const initialState: ReplicationState = { status: 'None' };

const KIND_BY_EVENT = new Map<string, { kind: ReplicationOperationKind; phase: 'requested' | 'succeeded' | 'failed' }>(
  Object.entries(REPLICATION_OPERATIONS).flatMap(([kind, o]) => [
    [o.requested, { kind: kind as ReplicationOperationKind, phase: 'requested' as const }],
    [o.succeeded, { kind: kind as ReplicationOperationKind, phase: 'succeeded' as const }],
    [o.failed, { kind: kind as ReplicationOperationKind, phase: 'failed' as const }],
  ]),
);

/** The latest point, and of the older ones the last of each (simulated) hour, up to the number kept. */
export function retainRecoveryPoints(points: RecoveryPoint[], additional: number, hourMs: number): RecoveryPoint[] {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
  const latest = sorted[sorted.length - 1];
  const byHour = new Map<number, RecoveryPoint>();
  for (const p of sorted.slice(0, -1)) byHour.set(hourOf(p.at, hourMs), p);
  byHour.delete(hourOf(latest.at, hourMs));
  const hourly = [...byHour.values()].slice(-additional);
  return additional === 0 ? [latest] : [...hourly, latest];
}

export const hourOf = (at: string, hourMs: number) => Math.floor(Date.parse(at) / Math.max(1, hourMs));

/** Health from the recorded facts: broken or three failed cycles is Critical; a failure, misses or a suspension a Warning. */
export function withHealth(state: ExistingReplication): ExistingReplication {
  const judged = (health: ReplicationHealth, healthReason: string | null) => ({ ...state, health, healthReason });
  if (state.status === 'Removed' && state.lastFailure?.kind === 'enable-replication')
    return judged('Critical', 'initial replication failed');
  if (state.broken) return judged('Critical', 'replication is broken; resynchronize it');
  const why = state.failureReason ? `: ${state.failureReason}` : '';
  if (state.consecutiveFailures >= CRITICAL_AFTER_FAILURES)
    return judged('Critical', `${state.consecutiveFailures} replication cycles failed in a row${why}`);
  if (state.consecutiveFailures > 0) return judged('Warning', `the last replication cycle failed${why}`);
  if (state.missingSince)
    return judged('Warning', 'replication cycles were missed: a cycle was due while the previous one still ran');
  if (state.status === 'Suspended') return judged('Warning', 'replication is suspended');
  return judged('Normal', null);
}

/** The recovery points after a new one. */
function withPoint(state: ExistingReplication, point: RecoveryPoint | null): RecoveryPoint[] {
  if (!point) return state.recoveryPoints;
  return retainRecoveryPoints([...state.recoveryPoints, point], state.additionalRecoveryPoints, state.hourMs);
}

/** Replication (re)starts cleanly: no streak recorded. */
const clean = { consecutiveFailures: 0, failureReason: null, missingSince: null } as const;

export function evolve(state: ReplicationState, event: ReplicationEvent): ReplicationState {
  if (event.type === 'ReplicationEnableRequested') {
    const { vmId, job, at, vmName, tenant, primaryHostId, configVersion, ...settings } = event.data;
    return {
      status: 'Enabling',
      vmId,
      vmName,
      tenant,
      primaryHostId,
      configVersion,
      replicaBroker: null,
      ...settings,
      health: 'Normal',
      healthReason: null,
      broken: false,
      ...clean,
      lastReplicatedAt: null,
      lastSizeMb: null,
      recoveryPoints: [],
      ...lifecycle.started<Operation>(
        { pending: null, lastFailure: null },
        { jobId: job.jobId, kind: 'enable-replication', attempt: job.attempt },
      ),
      testFailover: null,
      failedOverTo: null,
      enabledAt: at,
    };
  }
  if (state.status === 'None') return state;
  return withHealth(evolveExisting(state, event));
}

function evolveExisting(state: ExistingReplication, event: ReplicationEvent): ExistingReplication {
  switch (event.type) {
    case 'ReplicationDiskExcluded':
      return {
        ...state,
        nonReplicatedDiskIds: [...state.nonReplicatedDiskIds.filter((d) => d !== event.data.diskId), event.data.diskId],
      };
    case 'ReplicationBroken': {
      // A WS2012R2 primary replicates every disk: the new one is in the set; the replica needs a resync to have it.
      const disk = event.data.diskId;
      const replicatedDiskIds =
        disk && !state.replicatedDiskIds.includes(disk) ? [...state.replicatedDiskIds, disk] : state.replicatedDiskIds;
      return { ...state, broken: true, replicatedDiskIds };
    }
    case 'ReplicationCyclesFailing':
      return {
        ...state,
        consecutiveFailures: event.data.failedCycles,
        failureReason: event.data.reason,
        lastReplicatedAt: event.data.observed.lastReplicatedAt,
      };
    case 'ReplicationCyclesRecovered':
      return { ...state, consecutiveFailures: 0, failureReason: null, lastReplicatedAt: event.data.observed.lastReplicatedAt };
    case 'ReplicationCyclesMissing':
      return { ...state, missingSince: event.data.lastMissedAt, lastReplicatedAt: event.data.observed.lastReplicatedAt };
    case 'ReplicationCyclesOnTime':
      return { ...state, missingSince: null, lastReplicatedAt: event.data.observed.lastReplicatedAt };
    case 'ReplicationRecoveryPointCreated':
      return {
        ...state,
        recoveryPoints: withPoint(state, event.data.recoveryPoint),
        lastReplicatedAt: event.data.observed.lastReplicatedAt,
      };
    case 'ReplicationCycleRequested':
      return state;
    case 'ReplicationCycleCompleted':
      return {
        ...state,
        ...clean,
        lastReplicatedAt: event.data.at,
        lastSizeMb: event.data.sizeMb,
        recoveryPoints: withPoint(state, event.data.recoveryPoint),
      };
    case 'ReplicationCycleFailed':
      return { ...state, consecutiveFailures: state.consecutiveFailures + 1 };
    case 'ReplicationCycleMissed':
      return { ...state, missingSince: event.data.dueAt };
    default:
      return evolveOperation(state, event);
  }
}

/**
 * The operations the fabric asks for: requested, then succeeded or failed. Pending and last failure
 * follow the shared operation lifecycle; what each outcome does to the relationship is replication's own.
 */
function evolveOperation(state: ExistingReplication, event: ReplicationEvent): ExistingReplication {
  const entry = KIND_BY_EVENT.get(event.type);
  if (!entry) return state;
  if (entry.phase === 'requested') {
    const job = (event.data as { job: JobRequest }).job;
    const recoveryPointId = (event.data as { recoveryPointId?: string }).recoveryPointId;
    const operation: Operation = { jobId: job.jobId, kind: entry.kind, attempt: job.attempt, recoveryPointId };
    const disks =
      event.type === 'ReplicationDisksChangeRequested'
        ? { replicatedDiskIds: event.data.replicatedDiskIds, nonReplicatedDiskIds: event.data.nonReplicatedDiskIds }
        : undefined;
    const next: ExistingReplication = { ...state, ...lifecycle.started(state, disks ? { ...operation, disks } : operation) };
    switch (event.type) {
      case 'ReplicationTestFailoverRequested':
        return {
          ...next,
          testFailover: {
            testVmId: event.data.testVmId,
            testVmName: event.data.testVmName,
            recoveryPointId: event.data.recoveryPointId,
            running: false,
          },
        };
      case 'ReplicationResyncRequested':
        return { ...next, status: 'Resynchronizing' };
      default:
        return next;
    }
  }
  if (entry.phase === 'failed') {
    const failed: ExistingReplication = { ...state, ...lifecycle.failed(state) };
    switch (entry.kind) {
      case 'enable-replication':
        return { ...failed, status: 'Removed' };
      case 'start-test-failover':
        return { ...failed, testFailover: null };
      case 'resynchronize-replication':
        return { ...failed, status: 'Replicating' };
      default:
        return failed;
    }
  }
  const settled: ExistingReplication = { ...state, ...lifecycle.completed<Operation>() };
  switch (event.type) {
    case 'ReplicationEnabled':
      return {
        ...settled,
        status: 'Replicating',
        lastReplicatedAt: event.data.at,
        lastSizeMb: event.data.initialSizeMb,
        recoveryPoints: withPoint(settled, event.data.recoveryPoint),
      };
    case 'ReplicationSuspended':
      return { ...settled, status: 'Suspended' };
    case 'ReplicationResumed':
      return { ...settled, status: 'Replicating', ...clean };
    case 'ReplicationResynchronized':
      return { ...settled, status: 'Replicating', broken: false, ...clean, lastReplicatedAt: event.data.at };
    case 'ReplicationDisksChanged':
      return state.pending?.disks ? { ...settled, ...state.pending.disks } : settled;
    case 'ReplicationPlannedFailedOver':
      // The replica runs the VM now, and replication goes the other way (DOMAIN.md: direction reversed).
      return {
        ...settled,
        primaryHostId: event.data.toHostId,
        replicaHostId: event.data.fromHostId,
        status: 'Replicating',
        ...clean,
        lastReplicatedAt: event.data.at,
        // The old points were kept on the host that runs the VM now; the new direction starts its own.
        recoveryPoints: event.data.recoveryPoint ? [event.data.recoveryPoint] : [],
      };
    case 'ReplicationFailedOver':
      return {
        ...settled,
        status: 'FailedOver',
        primaryHostId: event.data.toHostId,
        replicaHostId: event.data.fromHostId,
        ...clean,
        failedOverTo: { recoveryPointId: event.data.recoveryPointId, at: event.data.at },
      };
    case 'ReplicationFailoverCommitted':
      // The other recovery points are gone; replication stays stopped until it is reversed.
      return {
        ...settled,
        status: 'Committed',
        recoveryPoints: state.recoveryPoints.filter((p) => p.id === state.failedOverTo?.recoveryPointId),
      };
    case 'ReplicationTestFailoverStarted':
      return { ...settled, testFailover: state.testFailover && { ...state.testFailover, running: true } };
    case 'ReplicationTestFailoverStopped':
      return { ...settled, testFailover: null };
    case 'ReplicationReversed':
      return {
        ...settled,
        status: 'Replicating',
        failedOverTo: null,
        broken: false,
        ...clean,
        recoveryPoints: event.data.recoveryPoint ? [event.data.recoveryPoint] : [],
        lastReplicatedAt: event.data.at,
        lastSizeMb: event.data.sizeMb,
      };
    case 'ReplicationRemoved':
      return { ...settled, status: 'Removed', testFailover: null };
    default:
      return settled;
  }
}
