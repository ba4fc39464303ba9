import { DomainEvent } from '../../platform/domain/decider';
import type { JobProblem, RequestedJob } from '../../jobs/domain/job.events';

export const REPLICATION_FREQUENCIES = [30, 300, 900] as const;
export const MAX_ADDITIONAL_RECOVERY_POINTS = 24;
/** Consecutive failed cycles after which replication is Critical rather than Warning. */
export const CRITICAL_AFTER_FAILURES = 3;
/** A missed-cycle streak ends when this many intervals pass without a missed cycle. */
export const MISSED_STREAK_WINDOW_CYCLES = 12;

export type ReplicationHealth = 'Normal' | 'Warning' | 'Critical';

export interface RecoveryPoint {
  id: string;
  /** Hyper-V's own id of the point, as the host reported it (absent in points recorded before hosts reported them). */
  hypervisorId?: string;
  /** The cycle that made it. */
  seq: number;
  at: string;
  kind: 'Standard' | 'ApplicationConsistent';
}

export interface ReplicationSettings {
  replicaHostId: string;
  /** A replica cluster is reached through its Replica Broker (recorded since the broker was named; absent: a host). */
  replicaBroker?: { clusterId: string; name: string } | null;
  frequencySeconds: number;
  /** Additional (hourly) recovery points kept besides the latest, 0–24 (the request's `recoveryPoints`). */
  additionalRecoveryPoints: number;
  applicationConsistent: boolean;
  replicatedDiskIds: string[];
  nonReplicatedDiskIds: string[];
  /** The frequency and the hour at the simulator's time scale: observations are judged in simulated time. */
  intervalMs: number;
  hourMs: number;
}

/** The operations of a replication relationship; each is a job. */
export type ReplicationOperationKind =
  | 'enable-replication'
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
type Intent<T extends string, D extends object = object> = DomainEvent<T, D & Base & { job: RequestedJob }>;
type Done<T extends string, D extends object = object> = DomainEvent<T, D & Base & { jobId: string }>;
type Failed<T extends string> = DomainEvent<T, Base & { jobId: string; problem: JobProblem }>;
type Fact<T extends string, D extends object> = DomainEvent<T, D & Base>;

/** What the monitor saw of the cycles when it recorded a change. */
export interface Observed {
  lastReplicatedAt: string | null;
  successfulCycles: number;
  failedCycles: number;
  missedCycles: number;
}

export type ReplicationEvent =
  | Intent<
      'ReplicationEnableRequested',
      ReplicationSettings & { vmName: string; tenant: string; primaryHostId: string; configVersion: string }
    >
  /** v2: the initial copy is the first recovery point (v1: none; its cycles made them). */
  | Done<'ReplicationEnabled', { initialSizeMb: number; recoveryPoint: RecoveryPoint | null }>
  | Failed<'ReplicationEnableFailed'>
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
  /** v2: the last changes sent make the new direction's first recovery point (v1: none). */
  | Done<'ReplicationPlannedFailedOver', { fromHostId: string; toHostId: string; recoveryPoint: RecoveryPoint | null }>
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
  /** v2: the initial copy of the new direction is its first recovery point (v1: none). */
  | Done<'ReplicationReversed', { sizeMb: number; recoveryPoint: RecoveryPoint | null }>
  | Failed<'ReplicationReverseFailed'>
  | Intent<'ReplicationRemoveRequested'>
  | Done<'ReplicationRemoved'>
  | Failed<'ReplicationRemoveFailed'>
  /** A disk added to the primary: on WS2016 or later it is not replicated until included; on WS2012R2 replication breaks. */
  | Fact<'ReplicationDiskExcluded', { diskId: string }>
  | Fact<'ReplicationBroken', { reason: string; diskId: string | null }>
  /**
   * Observed: cycles fail (a streak starts, or grows past the point where health turns Critical).
   * `failedCycles` in the streak so far.
   */
  | Fact<'ReplicationCyclesFailing', { failedCycles: number; reason: string; observed: Observed }>
  /** Observed: a cycle reached the replica again after `failedCycles` failed ones. */
  | Fact<'ReplicationCyclesRecovered', { failedCycles: number; observed: Observed }>
  /** Observed: cycles are missed (due while the previous one is still being sent): a streak starts. */
  | Fact<'ReplicationCyclesMissing', { lastMissedAt: string; observed: Observed }>
  /** Observed: no cycle missed for a whole observation window: the streak has ended. */
  | Fact<'ReplicationCyclesOnTime', { lastMissedAt: string; observed: Observed }>
  /** Observed: the replica holds a recovery point of a new (simulated) hour. */
  | Fact<'ReplicationRecoveryPointCreated', { recoveryPoint: RecoveryPoint; observed: Observed }>
  | LegacyReplicationEvent;

/**
 * Recorded while the fabric ran each cycle as a job (before cycles were observed). Never decided
 * any more; folded so that old relationships load with their recovery points and health.
 */
export type LegacyReplicationEvent =
  | Intent<'ReplicationCycleRequested', { seq: number; dueAt: string }>
  | Done<'ReplicationCycleCompleted', { seq: number; sizeMb: number; recoveryPoint: RecoveryPoint }>
  | Failed<'ReplicationCycleFailed'>
  | Fact<'ReplicationCycleMissed', { seq: number; dueAt: string }>;

export type ReplicationEventType = ReplicationEvent['type'];

export const REPLICATION_OPERATIONS = {
  'enable-replication': {
    requested: 'ReplicationEnableRequested',
    succeeded: 'ReplicationEnabled',
    failed: 'ReplicationEnableFailed',
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

export const OBSERVED_EVENT_TYPES = [
  'ReplicationCyclesFailing',
  'ReplicationCyclesRecovered',
  'ReplicationCyclesMissing',
  'ReplicationCyclesOnTime',
  'ReplicationRecoveryPointCreated',
] as const satisfies readonly ReplicationEventType[];

export const LEGACY_EVENT_TYPES = [
  'ReplicationCycleRequested',
  'ReplicationCycleCompleted',
  'ReplicationCycleFailed',
  'ReplicationCycleMissed',
] as const satisfies readonly LegacyReplicationEvent['type'][];

export const REPLICATION_EVENT_TYPES: readonly ReplicationEventType[] = [
  ...Object.values(REPLICATION_OPERATIONS).flatMap((o) => [o.requested, o.succeeded, o.failed]),
  'ReplicationDiskExcluded',
  'ReplicationBroken',
  ...OBSERVED_EVENT_TYPES,
  ...LEGACY_EVENT_TYPES,
];

/** Events whose shape changed: the version the decider writes (older ones are upcast on read). */
export const REPLICATION_SCHEMA_VERSIONS: Readonly<Record<string, number>> = {
  ReplicationEnabled: 2,
  ReplicationPlannedFailedOver: 2,
  ReplicationReversed: 2,
};

export const replicationStreamId = (vmId: string) => `replication-${vmId}`;

/**
 * The client access point of a cluster's Hyper-V Replica Broker role, as the fabric names it when
 * it configures the role (Add-ClusterVMReplicaBroker -Name): what Enable-VMReplication addresses.
 */
export const replicaBrokerName = (clusterName: string) => `${clusterName}-HVR`;
