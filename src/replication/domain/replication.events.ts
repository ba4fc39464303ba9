import { DomainEvent } from '../../platform/domain/decider';
import type { JobProblem, JobRequest } from '../../jobs/domain/job.events';

export const REPLICATION_FREQUENCIES = [30, 300, 900] as const;
export const MAX_ADDITIONAL_RECOVERY_POINTS = 24;
/** Consecutive failed cycles after which replication is Critical rather than Warning. */
export const CRITICAL_AFTER_FAILURES = 3;

export type ReplicationHealth = 'Normal' | 'Warning' | 'Critical';

export interface RecoveryPoint {
  id: string;
  /** The cycle that made it. */
  seq: number;
  at: string;
  kind: 'Standard' | 'ApplicationConsistent';
}

export interface ReplicationSettings {
  replicaHostId: string;
  frequencySeconds: number;
  /** Additional (hourly) recovery points kept besides the latest, 0–24 (the request's `recoveryPoints`). */
  additionalRecoveryPoints: number;
  applicationConsistent: boolean;
  replicatedDiskIds: string[];
  nonReplicatedDiskIds: string[];
  /** The frequency and the hour at the simulator's time scale: the schedule runs in simulated time. */
  intervalMs: number;
  hourMs: number;
}

/** The operations of a replication relationship; each is a job. */
export type ReplicationOperationKind =
  | 'enable-replication'
  | 'replicate-changes'
  | 'suspend-replication'
  | 'resume-replication'
  | 'resynchronize-replication'
  | 'set-replicated-disks'
  | 'planned-failover'
  | 'unplanned-failover'
  | 'commit-failover'
  | 'start-test-failover'
  | 'stop-test-failover'
  | 'reverse-replication'
  | 'remove-replication';

type Base = { vmId: string; at: string };
type Intent<T extends string, D extends object = object> = DomainEvent<T, D & Base & { job: JobRequest }>;
type Done<T extends string, D extends object = object> = DomainEvent<T, D & Base & { jobId: string }>;
type Failed<T extends string> = DomainEvent<T, Base & { jobId: string; problem: JobProblem }>;
type Fact<T extends string, D extends object> = DomainEvent<T, D & Base>;

export type ReplicationEvent =
  | Intent<
      'ReplicationEnableRequested',
      ReplicationSettings & { vmName: string; tenant: string; primaryHostId: string; configVersion: string }
    >
  | Done<'ReplicationEnabled', { initialSizeMb: number }>
  | Failed<'ReplicationEnableFailed'>
  | Intent<'ReplicationCycleRequested', { seq: number; dueAt: string }>
  | Done<'ReplicationCycleCompleted', { seq: number; sizeMb: number; recoveryPoint: RecoveryPoint }>
  | Failed<'ReplicationCycleFailed'>
  /** The cycle was due while the previous one still ran: it is skipped, and health says so. */
  | Fact<'ReplicationCycleMissed', { seq: number; dueAt: string }>
  | Intent<'ReplicationSuspendRequested'>
  | Done<'ReplicationSuspended'>
  | Failed<'ReplicationSuspendFailed'>
  | Intent<'ReplicationResumeRequested'>
  | Done<'ReplicationResumed'>
  | Failed<'ReplicationResumeFailed'>
  | Intent<'ReplicationResyncRequested'>
  | Done<'ReplicationResynchronized', { sizeMb: number }>
  | Failed<'ReplicationResyncFailed'>
  | Intent<'ReplicationDisksChangeRequested', { replicatedDiskIds: string[]; nonReplicatedDiskIds: string[]; added: string[] }>
  | Done<'ReplicationDisksChanged'>
  | Failed<'ReplicationDisksChangeFailed'>
  | Intent<'ReplicationPlannedFailoverRequested', { fromHostId: string; toHostId: string }>
  | Done<'ReplicationPlannedFailedOver', { fromHostId: string; toHostId: string }>
  | Failed<'ReplicationPlannedFailoverFailed'>
  | Intent<'ReplicationUnplannedFailoverRequested', { recoveryPointId: string; fromHostId: string; toHostId: string }>
  | Done<'ReplicationFailedOver', { recoveryPointId: string; fromHostId: string; toHostId: string }>
  | Failed<'ReplicationUnplannedFailoverFailed'>
  | Intent<'ReplicationCommitRequested'>
  | Done<'ReplicationFailoverCommitted'>
  | Failed<'ReplicationCommitFailed'>
  | Intent<'ReplicationTestFailoverRequested', { testVmId: string; testVmName: string; recoveryPointId: string }>
  | Done<'ReplicationTestFailoverStarted'>
  | Failed<'ReplicationTestFailoverFailed'>
  | Intent<'ReplicationTestFailoverStopRequested', { testVmId: string }>
  | Done<'ReplicationTestFailoverStopped'>
  | Failed<'ReplicationTestFailoverStopFailed'>
  | Intent<'ReplicationReverseRequested', { newPrimaryHostId: string; newReplicaHostId: string }>
  | Done<'ReplicationReversed', { sizeMb: number }>
  | Failed<'ReplicationReverseFailed'>
  | Intent<'ReplicationRemoveRequested'>
  | Done<'ReplicationRemoved'>
  | Failed<'ReplicationRemoveFailed'>
  /** A disk added to the primary: on WS2016 or later it is not replicated until included; on WS2012R2 replication breaks. */
  | Fact<'ReplicationDiskExcluded', { diskId: string }>
  | Fact<'ReplicationBroken', { reason: string; diskId: string | null }>;

export type ReplicationEventType = ReplicationEvent['type'];

export const REPLICATION_OPERATIONS = {
  'enable-replication': {
    requested: 'ReplicationEnableRequested',
    succeeded: 'ReplicationEnabled',
    failed: 'ReplicationEnableFailed',
  },
  'replicate-changes': {
    requested: 'ReplicationCycleRequested',
    succeeded: 'ReplicationCycleCompleted',
    failed: 'ReplicationCycleFailed',
  },
  'suspend-replication': {
    requested: 'ReplicationSuspendRequested',
    succeeded: 'ReplicationSuspended',
    failed: 'ReplicationSuspendFailed',
  },
  'resume-replication': {
    requested: 'ReplicationResumeRequested',
    succeeded: 'ReplicationResumed',
    failed: 'ReplicationResumeFailed',
  },
  'resynchronize-replication': {
    requested: 'ReplicationResyncRequested',
    succeeded: 'ReplicationResynchronized',
    failed: 'ReplicationResyncFailed',
  },
  'set-replicated-disks': {
    requested: 'ReplicationDisksChangeRequested',
    succeeded: 'ReplicationDisksChanged',
    failed: 'ReplicationDisksChangeFailed',
  },
  'planned-failover': {
    requested: 'ReplicationPlannedFailoverRequested',
    succeeded: 'ReplicationPlannedFailedOver',
    failed: 'ReplicationPlannedFailoverFailed',
  },
  'unplanned-failover': {
    requested: 'ReplicationUnplannedFailoverRequested',
    succeeded: 'ReplicationFailedOver',
    failed: 'ReplicationUnplannedFailoverFailed',
  },
  'commit-failover': {
    requested: 'ReplicationCommitRequested',
    succeeded: 'ReplicationFailoverCommitted',
    failed: 'ReplicationCommitFailed',
  },
  'start-test-failover': {
    requested: 'ReplicationTestFailoverRequested',
    succeeded: 'ReplicationTestFailoverStarted',
    failed: 'ReplicationTestFailoverFailed',
  },
  'stop-test-failover': {
    requested: 'ReplicationTestFailoverStopRequested',
    succeeded: 'ReplicationTestFailoverStopped',
    failed: 'ReplicationTestFailoverStopFailed',
  },
  'reverse-replication': {
    requested: 'ReplicationReverseRequested',
    succeeded: 'ReplicationReversed',
    failed: 'ReplicationReverseFailed',
  },
  'remove-replication': {
    requested: 'ReplicationRemoveRequested',
    succeeded: 'ReplicationRemoved',
    failed: 'ReplicationRemoveFailed',
  },
} as const satisfies Record<
  ReplicationOperationKind,
  { requested: ReplicationEventType; succeeded: ReplicationEventType; failed: ReplicationEventType }
>;

export const REPLICATION_EVENT_TYPES: readonly ReplicationEventType[] = [
  ...Object.values(REPLICATION_OPERATIONS).flatMap((o) => [o.requested, o.succeeded, o.failed]),
  'ReplicationCycleMissed',
  'ReplicationDiskExcluded',
  'ReplicationBroken',
];

export const replicationStreamId = (vmId: string) => `replication-${vmId}`;
