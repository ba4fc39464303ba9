import type { JobProblem } from '../../jobs/domain/job.events';
import type { NodeSpec, ResiliencySettings } from './cluster.events';
import type { NodeCapacity, VmToPlace } from './placement';

export interface Requester {
  actor: string;
  role: string;
}

/** A host that is to join, with what the rules need to know about it now. */
export interface HostCandidate extends NodeSpec {
  slat: boolean;
  /** The host's own state (Up, Reinstalling). */
  hostState: string;
  /** The cluster it already belongs to, if any. */
  clusterId: string | null;
}

interface Requested {
  jobId: string;
  requestedBy: Requester;
  now: string;
}

/** What the caller read about the cluster's nodes and VMs before deciding (the aggregate knows no VM). */
export interface LoadFacts {
  /** Memory in use per node (host id → MB). */
  loads: Record<string, number>;
  /** The VMs concerned: those on the node being drained or lost, or those to fail back. */
  vms: VmToPlace[];
}

export type ClusterCommand =
  | ({ type: 'CreateCluster'; clusterId: string; name: string; nodes: HostCandidate[] } & Requested)
  | ({ type: 'AddClusterNode'; node: HostCandidate } & Requested)
  | ({ type: 'PauseClusterNode'; hostId: string; drain: boolean } & LoadFacts & Requested)
  | ({ type: 'ResumeClusterNode'; hostId: string; failback: boolean } & LoadFacts & Requested)
  /** `force`: evict a Down node (Remove-ClusterNode -Force); `vmCount`: VMs still on the node (read model). */
  | ({ type: 'EvictClusterNode'; hostId: string; vmCount: number; force?: boolean } & Requested)
  | ({ type: 'RaiseFunctionalLevel' } & Requested)
  | ({ type: 'ClearNodeQuarantine'; hostId: string } & Requested)
  | { type: 'SetClusterResiliency'; settings: Partial<ResiliencySettings>; now: string }
  | { type: 'SetVmResiliencyPeriod'; vmId: string; resiliencyPeriodSeconds: number | null; now: string }
  /**
   * The VM moved out of this cluster (its VmMigrated names both ends) or was deleted (`vmDeleted`,
   * with no destination): its role is no longer this cluster's.
   */
  | { type: 'RemoveVmRole'; vmId: string; toClusterId: string | null; vmDeleted?: true; now: string }
  /** From the health monitor: the node stopped answering heartbeats (still running, as far as anyone knows). */
  | ({ type: 'ReportNodeHeartbeatLost'; hostId: string; isolationId: string; now: string } & LoadFacts)
  /** From the health monitor: the node is down (crashed); its VMs are gone with it. */
  | ({ type: 'ReportNodeCrashed'; hostId: string; now: string } & LoadFacts)
  /**
   * From the health monitor: the node answers again. A quarantined node that still hosts VMs is
   * drained (DOMAIN.md, quarantine): `drainJobId` names that drain's job, the facts its placement.
   */
  | ({ type: 'ReportNodeHeartbeatRestored'; hostId: string; drainJobId?: string; now: string } & Partial<LoadFacts>)
  /** A durable timer: a resiliency period of this isolation has ended. */
  | ({ type: 'ExpireNodeIsolation'; hostId: string; isolationId: string; now: string } & LoadFacts)
  /** A durable timer: the node's quarantine has run its time. */
  | { type: 'ExpireNodeQuarantine'; hostId: string; now: string }
  | { type: 'BeginRollingUpgrade'; upgradeId: string; targetOsVersion: string; now: string }
  | { type: 'EndRollingUpgrade'; upgradeId: string; outcome: 'Completed' | 'Cancelled'; now: string }
  | ({ type: 'RetryClusterOperation' } & Partial<LoadFacts> & Requested)
  | { type: 'CompleteClusterOperation'; jobId: string; now: string }
  | { type: 'FailClusterOperation'; jobId: string; problem: JobProblem; now: string };

export type { NodeCapacity, VmToPlace };
