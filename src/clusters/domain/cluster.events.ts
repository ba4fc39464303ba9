import { DomainEvent } from '../../platform/domain/decider';
import type { JobProblem, RequestedJob } from '../../jobs/domain/job.events';
import type { CpuVendor } from '../../hosts/domain/host.events';
import type { OsVersion } from '../../hosts/domain/windows-server';

export const MAX_CLUSTER_NODES = 64;
export const QUARANTINE_WINDOW_MS = 60 * 60 * 1000;
/** At most this share of a cluster's nodes may be quarantined at once (DOMAIN.md). */
export const MAX_QUARANTINED_SHARE = 0.25;
/** A cluster in mixed mode longer than this reports a warning. */
export const MIXED_MODE_WARNING_MS = 28 * 24 * 60 * 60 * 1000;

export type ResiliencyLevel = 'AlwaysIsolate' | 'IsolateOnSpecialHeartbeat';

export interface ResiliencySettings {
  resiliencyLevel: ResiliencyLevel;
  resiliencyPeriodSeconds: number;
  quarantineThreshold: number;
  /** null: quarantined until an administrator clears it ("forever"). */
  quarantineDurationSeconds: number | null;
}

export const DEFAULT_RESILIENCY: ResiliencySettings = {
  resiliencyLevel: 'AlwaysIsolate',
  resiliencyPeriodSeconds: 240,
  quarantineThreshold: 3,
  quarantineDurationSeconds: 7200,
};

/** What the cluster records about a node when it joins. */
export interface NodeSpec {
  hostId: string;
  name: string;
  osVersion: OsVersion;
  cpuVendor: CpuVendor;
  memoryMb: number;
  logicalProcessors: number;
  maximumLiveMigrations: number;
}

export type NodeState = 'Joining' | 'Up' | 'Paused' | 'Isolated' | 'Down' | 'Quarantined' | 'Evicting';

/** One VM move of a drain, failback or failover, decided by placement. */
export interface PlannedMove {
  vmId: string;
  vmName: string;
  fromHostId: string;
  toHostId: string;
  toHostName: string;
  /** Live for running or paused VMs, Quick for Off and Saved ones; Failover restarts a VM elsewhere. */
  migrationType: 'Live' | 'Quick' | 'Failover';
}

/** A VM that placement could not move anywhere, with the reason. */
export interface Unplaceable {
  vmId: string;
  vmName: string;
  reason: string;
}

type Intent<T extends string, D extends object = object> = DomainEvent<
  T,
  D & { clusterId: string; job: RequestedJob; requestedAt: string }
>;
type Outcome<T extends string, D extends object = object> = DomainEvent<T, D & { clusterId: string; jobId: string; at: string }>;
/** `hostIds`: the hosts whose membership the failure undoes (a failed creation or join). */
type Failure<T extends string> = DomainEvent<
  T,
  { clusterId: string; jobId: string; problem: JobProblem; at: string; hostIds?: string[] }
>;
type Fact<T extends string, D extends object> = DomainEvent<T, D & { clusterId: string; at: string }>;

export type ClusterEvent =
  | Intent<
      'ClusterCreationRequested',
      { name: string; functionalLevel: number; nodes: NodeSpec[]; resiliency: ResiliencySettings }
    >
  | Outcome<'ClusterCreated'>
  | Failure<'ClusterCreationFailed'>
  | Intent<'ClusterNodeAdditionRequested', { node: NodeSpec; mixedMode: boolean }>
  | Outcome<'ClusterNodeAdded', { hostId: string }>
  | Failure<'ClusterNodeAdditionFailed'>
  /**
   * `cause` 'quarantine': the cluster drains a quarantined node by itself once it answers again; the
   * node is not paused, and the VMs that fit nowhere stay, each with its reason in `unplaceable`.
   */
  | Intent<
      'ClusterNodeDrainRequested',
      { hostId: string; moves: PlannedMove[]; unplaceable: Unplaceable[]; cause?: 'quarantine' }
    >
  | Outcome<'ClusterNodeDrained', { hostId: string; moved: number }>
  | Failure<'ClusterNodeDrainFailed'>
  | Intent<'ClusterNodeResumeRequested', { hostId: string; failback: boolean; moves: PlannedMove[] }>
  | Outcome<'ClusterNodeResumed', { hostId: string }>
  | Failure<'ClusterNodeResumeFailed'>
  /** `forced`: a Down node removed with Remove-ClusterNode -Force (absent: a Paused, drained node). */
  | Intent<'ClusterNodeEvictionRequested', { hostId: string; forced?: true }>
  | Outcome<'ClusterNodeEvicted', { hostId: string }>
  | Failure<'ClusterNodeEvictionFailed'>
  | Intent<'ClusterFunctionalLevelRaiseRequested', { fromLevel: number; toLevel: number }>
  | Outcome<'ClusterFunctionalLevelRaised', { functionalLevel: number }>
  | Failure<'ClusterFunctionalLevelRaiseFailed'>
  | Intent<'ClusterNodeQuarantineClearRequested', { hostId: string }>
  | Outcome<'ClusterNodeQuarantineCleared', { hostId: string; by: 'administrator' | 'expiry' }>
  | Failure<'ClusterNodeQuarantineClearFailed'>
  | Fact<'ClusterResiliencyChanged', { settings: ResiliencySettings; previous: ResiliencySettings }>
  | Fact<'ClusterVmResiliencyPeriodSet', { vmId: string; resiliencyPeriodSeconds: number | null }>
  /**
   * The VM's clustered role left for another cluster (a live migration between clusters removes it
   * here, Remove-ClusterGroup) or went with the deleted VM (`vmDeleted`; absent for a move): the
   * role's own settings, its resiliency period, are gone with it.
   */
  | Fact<'ClusterVmRoleRemoved', { vmId: string; toClusterId: string | null; resiliencyPeriodSeconds: number; vmDeleted?: true }>
  /** Heartbeats lost: the node keeps running its VMs, Unmonitored, until the period ends. */
  | Fact<
      'ClusterNodeIsolated',
      { hostId: string; isolationId: string; vmIds: string[]; dueAt: Array<{ vmIds: string[]; at: string }> }
    >
  /** `vmIds`: the VMs that stayed on the node through its isolation and are monitored again. */
  | Fact<'ClusterNodeRejoined', { hostId: string; isolationId: string | null; from: 'Isolated' | 'Down'; vmIds: string[] }>
  /** An ungraceful failure: the node is Down and its VMs fail over (the plan may be empty). */
  | Fact<
      'ClusterNodeFailed',
      {
        hostId: string;
        reason: 'crashed' | 'isolation-expired' | 'heartbeat-lost';
        moves: PlannedMove[];
        unplaceable: Unplaceable[];
      }
    >
  /** VMs whose own resiliency period ended while the node stays isolated. */
  | Fact<
      'ClusterVmsFailedOverFromIsolatedNode',
      { hostId: string; isolationId: string; moves: PlannedMove[]; unplaceable: Unplaceable[] }
    >
  | Fact<'ClusterNodeQuarantined', { hostId: string; until: string | null; failures: string[] }>
  | Fact<'ClusterNodeQuarantineSkipped', { hostId: string; failures: string[]; reason: string }>
  | Fact<'ClusterNodeQuarantineExpired', { hostId: string }>
  /** One rolling OS upgrade at a time: the cluster records which one runs. */
  | Fact<'ClusterRollingUpgradeBegan', { upgradeId: string; targetOsVersion: string }>
  | Fact<'ClusterRollingUpgradeEnded', { upgradeId: string; outcome: 'Completed' | 'Cancelled' }>;

export type ClusterEventType = ClusterEvent['type'];

export type ClusterOperationKind =
  | 'create-cluster'
  | 'add-cluster-node'
  | 'drain-node'
  | 'resume-node'
  | 'evict-node'
  | 'raise-functional-level'
  | 'clear-node-quarantine';

export const CLUSTER_OPERATIONS = {
  'create-cluster': { requested: 'ClusterCreationRequested', succeeded: 'ClusterCreated', failed: 'ClusterCreationFailed' },
  'add-cluster-node': {
    requested: 'ClusterNodeAdditionRequested',
    succeeded: 'ClusterNodeAdded',
    failed: 'ClusterNodeAdditionFailed',
  },
  'drain-node': { requested: 'ClusterNodeDrainRequested', succeeded: 'ClusterNodeDrained', failed: 'ClusterNodeDrainFailed' },
  'resume-node': { requested: 'ClusterNodeResumeRequested', succeeded: 'ClusterNodeResumed', failed: 'ClusterNodeResumeFailed' },
  'evict-node': {
    requested: 'ClusterNodeEvictionRequested',
    succeeded: 'ClusterNodeEvicted',
    failed: 'ClusterNodeEvictionFailed',
  },
  'raise-functional-level': {
    requested: 'ClusterFunctionalLevelRaiseRequested',
    succeeded: 'ClusterFunctionalLevelRaised',
    failed: 'ClusterFunctionalLevelRaiseFailed',
  },
  'clear-node-quarantine': {
    requested: 'ClusterNodeQuarantineClearRequested',
    succeeded: 'ClusterNodeQuarantineCleared',
    failed: 'ClusterNodeQuarantineClearFailed',
  },
} as const satisfies Record<
  ClusterOperationKind,
  { requested: ClusterEventType; succeeded: ClusterEventType; failed: ClusterEventType }
>;

export const CLUSTER_EVENT_TYPES: readonly ClusterEventType[] = [
  ...Object.values(CLUSTER_OPERATIONS).flatMap((o) => [o.requested, o.succeeded, o.failed]),
  'ClusterResiliencyChanged',
  'ClusterVmResiliencyPeriodSet',
  'ClusterVmRoleRemoved',
  'ClusterNodeIsolated',
  'ClusterNodeRejoined',
  'ClusterNodeFailed',
  'ClusterVmsFailedOverFromIsolatedNode',
  'ClusterNodeQuarantined',
  'ClusterNodeQuarantineSkipped',
  'ClusterNodeQuarantineExpired',
  'ClusterRollingUpgradeBegan',
  'ClusterRollingUpgradeEnded',
];

export const clusterStreamId = (clusterId: string) => `cluster-${clusterId}`;
