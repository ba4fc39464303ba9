/** A cluster's state and how its events change it (DOMAIN.md, clusters). */
import * as lifecycle from '../../platform/domain/operation-lifecycle';
import type { JobRequest } from '../../jobs/domain/job.events';
import { release } from '../../hosts/domain/windows-server';
import {
  CLUSTER_OPERATIONS,
  ClusterEvent,
  ClusterOperationKind,
  NodeSpec,
  NodeState,
  ResiliencySettings,
} from './cluster.events';

export interface ClusterNode extends NodeSpec {
  joined: boolean;
  paused: boolean;
  evicting: boolean;
  health: 'Up' | 'Isolated' | 'Down';
  /** While isolated: which VMs fail over when (per-VM resiliency periods), not yet due. */
  isolation: { isolationId: string; since: string; due: Array<{ vmIds: string[]; at: string }>; nodeDownAt: string } | null;
  /** Ungraceful failures, newest last (only the last hour counts). */
  failures: string[];
  quarantine: { until: string | null } | null;
  /** Where a drain sent each VM (vm id → host id), for a later failback. */
  drainedTo: Record<string, string>;
}

export interface Operation {
  jobId: string;
  kind: ClusterOperationKind;
  attempt: number;
  hostId: string | null;
  /** The level a raise moves to, as decided when it was asked for. */
  toLevel?: number;
}

export type ClusterState =
  | { status: 'None' }
  | {
      status: 'Creating' | 'CreationFailed' | 'Active';
      clusterId: string;
      name: string;
      functionalLevel: number;
      nodes: ClusterNode[];
      resiliency: ResiliencySettings;
      vmResiliencyPeriods: Record<string, number>;
      pending: Operation[];
      lastFailures: Operation[];
      /** Since when a node runs a newer OS than the functional level (null: not mixed). */
      mixedModeSince: string | null;
      /** The rolling OS upgrade running on the cluster, if any (one at a time). */
      rollingUpgradeId: string | null;
      createdAt: string;
    };

export type ExistingCluster = Exclude<ClusterState, { status: 'None' }>;

export const initialState: ClusterState = { status: 'None' };

export function nodeState(node: ClusterNode): NodeState {
  if (!node.joined) return 'Joining';
  if (node.evicting) return 'Evicting';
  if (node.quarantine) return 'Quarantined';
  if (node.health === 'Down') return 'Down';
  if (node.health === 'Isolated') return 'Isolated';
  if (node.paused) return 'Paused';
  return 'Up';
}

/** The functional level is below the newest node's OS: mixed mode (DOMAIN.md). */
export function isMixedMode(cluster: Pick<ExistingCluster, 'nodes' | 'functionalLevel'>): boolean {
  return cluster.nodes.some((n) => release(n.osVersion).functionalLevel > cluster.functionalLevel);
}

export const newNode = (spec: NodeSpec, joined: boolean): ClusterNode => ({
  hostId: spec.hostId,
  name: spec.name,
  osVersion: spec.osVersion,
  cpuVendor: spec.cpuVendor,
  memoryMb: spec.memoryMb,
  logicalProcessors: spec.logicalProcessors,
  maximumLiveMigrations: spec.maximumLiveMigrations,
  joined,
  paused: false,
  evicting: false,
  health: 'Up',
  isolation: null,
  failures: [],
  quarantine: null,
  drainedTo: {},
});

const KIND_BY_EVENT = new Map<string, { kind: ClusterOperationKind; phase: 'requested' | 'succeeded' | 'failed' }>(
  Object.entries(CLUSTER_OPERATIONS).flatMap(([kind, o]) => [
    [o.requested, { kind: kind as ClusterOperationKind, phase: 'requested' as const }],
    [o.succeeded, { kind: kind as ClusterOperationKind, phase: 'succeeded' as const }],
    [o.failed, { kind: kind as ClusterOperationKind, phase: 'failed' as const }],
  ]),
);

export function operationOfClusterEvent(type: string) {
  return KIND_BY_EVENT.get(type);
}

export function withNode(
  state: ExistingCluster,
  hostId: string,
  change: (node: ClusterNode) => ClusterNode | null,
): ExistingCluster {
  const nodes = state.nodes.flatMap((n) => {
    if (n.hostId !== hostId) return [n];
    const changed = change(n);
    return changed ? [changed] : [];
  });
  const mixed = isMixedMode({ nodes, functionalLevel: state.functionalLevel });
  return { ...state, nodes, mixedModeSince: mixed ? state.mixedModeSince : null };
}

export function evolve(state: ClusterState, event: ClusterEvent): ClusterState {
  if (event.type === 'ClusterCreationRequested') {
    const d = event.data;
    const pending: Operation = { jobId: d.job.jobId, kind: 'create-cluster', attempt: d.job.attempt, hostId: null };
    return {
      status: 'Creating',
      clusterId: d.clusterId,
      name: d.name,
      functionalLevel: d.functionalLevel,
      nodes: d.nodes.map((n) => newNode(n, false)),
      resiliency: d.resiliency,
      vmResiliencyPeriods: state.status === 'None' ? {} : state.vmResiliencyPeriods,
      pending: [pending],
      lastFailures: [],
      mixedModeSince: null,
      rollingUpgradeId: null,
      createdAt: state.status === 'None' ? d.requestedAt : state.createdAt,
    };
  }
  if (state.status === 'None') return state;
  const entry = KIND_BY_EVENT.get(event.type);
  if (entry) {
    const data = event.data as { job?: JobRequest; jobId?: string; hostId?: string; node?: NodeSpec; toLevel?: number };
    if (entry.phase === 'requested') {
      const job = data.job!;
      const hostId = data.hostId ?? data.node?.hostId ?? null;
      const op: Operation = { jobId: job.jobId, kind: entry.kind, attempt: job.attempt, hostId, toLevel: data.toLevel };
      return requested({ ...state, ...lifecycle.startedOne(state, op) }, event);
    }
    const { operation: op, ...operations } = lifecycle.ended(state, data.jobId!, entry.phase);
    if (entry.phase === 'failed') return failed({ ...state, ...operations }, event, op);
    return succeeded({ ...state, ...operations }, event);
  }
  switch (event.type) {
    case 'ClusterResiliencyChanged':
      return { ...state, resiliency: event.data.settings };
    case 'ClusterVmRoleRemoved': {
      const { [event.data.vmId]: _dropped, ...others } = state.vmResiliencyPeriods;
      return { ...state, vmResiliencyPeriods: others };
    }
    case 'ClusterVmResiliencyPeriodSet': {
      const { [event.data.vmId]: _old, ...others } = state.vmResiliencyPeriods;
      const seconds = event.data.resiliencyPeriodSeconds;
      return { ...state, vmResiliencyPeriods: seconds === null ? others : { ...others, [event.data.vmId]: seconds } };
    }
    case 'ClusterNodeIsolated': {
      const d = event.data;
      const nodeDownAt = new Date(Date.parse(d.at) + state.resiliency.resiliencyPeriodSeconds * 1000).toISOString();
      return withNode(state, d.hostId, (n) => ({
        ...n,
        health: 'Isolated',
        isolation: { isolationId: d.isolationId, since: d.at, due: d.dueAt, nodeDownAt },
      }));
    }
    case 'ClusterNodeRejoined':
      return withNode(state, event.data.hostId, (n) => ({ ...n, health: 'Up', isolation: null }));
    case 'ClusterVmsFailedOverFromIsolatedNode': {
      // A VM that found no room at its own due time is tried again when the node is declared down.
      const moved = new Set(event.data.moves.map((m) => m.vmId));
      return withNode(state, event.data.hostId, (n) => ({
        ...n,
        isolation: n.isolation && remainingIsolation(n.isolation, moved, event.data.at),
      }));
    }
    case 'ClusterNodeFailed': {
      const moved = new Set(event.data.moves.map((m) => m.vmId).concat(event.data.unplaceable.map((u) => u.vmId)));
      return withNode(state, event.data.hostId, (n) => ({
        ...n,
        health: 'Down',
        failures: [...n.failures, event.data.at],
        isolation:
          event.data.reason === 'isolation-expired' && n.isolation ? remainingIsolation(n.isolation, moved, event.data.at) : null,
        drainedTo: {},
      }));
    }
    case 'ClusterNodeQuarantined':
      return withNode(state, event.data.hostId, (n) => ({ ...n, quarantine: { until: event.data.until } }));
    case 'ClusterNodeQuarantineExpired':
      return withNode(state, event.data.hostId, (n) => ({ ...n, quarantine: null, failures: [] }));
    case 'ClusterNodeQuarantineSkipped':
      return state;
    case 'ClusterRollingUpgradeBegan':
      return { ...state, rollingUpgradeId: event.data.upgradeId };
    case 'ClusterRollingUpgradeEnded':
      return state.rollingUpgradeId === event.data.upgradeId ? { ...state, rollingUpgradeId: null } : state;
    default:
      return state;
  }
}

/** The isolation after some VMs failed over; null once nothing is left to wait for. */
function remainingIsolation(
  isolation: NonNullable<ClusterNode['isolation']>,
  moved: Set<string>,
  at: string,
): ClusterNode['isolation'] {
  const due = isolation.due
    .map((group) => ({ ...group, vmIds: group.vmIds.filter((id) => !moved.has(id)) }))
    .filter((group) => group.vmIds.length > 0)
    // What is left of a group already due (no room then) waits for the node to be declared down.
    .map((group) => (group.at <= at && isolation.nodeDownAt > at ? { ...group, at: isolation.nodeDownAt } : group))
    .filter((group) => group.at > at);
  return due.length === 0 && isolation.nodeDownAt <= at ? null : { ...isolation, due };
}

function requested(state: ExistingCluster, event: ClusterEvent): ExistingCluster {
  switch (event.type) {
    case 'ClusterNodeAdditionRequested': {
      const next = {
        ...state,
        nodes: [...state.nodes.filter((n) => n.hostId !== event.data.node.hostId), newNode(event.data.node, false)],
      };
      return { ...next, mixedModeSince: state.mixedModeSince ?? (isMixedMode(next) ? event.data.requestedAt : null) };
    }
    case 'ClusterNodeDrainRequested': {
      // A quarantined node is not paused by its drain, and nothing comes back to it by failback.
      if (event.data.cause === 'quarantine') return state;
      // A retried drain adds to what the earlier attempts moved (a failback brings all of them home).
      const moved = Object.fromEntries(event.data.moves.map((m) => [m.vmId, m.toHostId]));
      return withNode(state, event.data.hostId, (n) => ({ ...n, paused: true, drainedTo: { ...n.drainedTo, ...moved } }));
    }
    case 'ClusterNodeResumeRequested':
      // The drain's record stays until the resume has succeeded, so a failed failback can be retried.
      return withNode(state, event.data.hostId, (n) => ({ ...n, paused: false }));
    case 'ClusterNodeEvictionRequested':
      return withNode(state, event.data.hostId, (n) => ({ ...n, evicting: true }));
    default:
      return state;
  }
}

function succeeded(state: ExistingCluster, event: ClusterEvent): ExistingCluster {
  switch (event.type) {
    case 'ClusterCreated':
      return { ...state, status: 'Active', nodes: state.nodes.map((n) => ({ ...n, joined: true })) };
    case 'ClusterNodeAdded':
      return withNode(state, event.data.hostId, (n) => ({ ...n, joined: true }));
    case 'ClusterNodeResumed':
      return withNode(state, event.data.hostId, (n) => ({ ...n, drainedTo: {} }));
    case 'ClusterNodeEvicted':
      return withNode(state, event.data.hostId, () => null);
    case 'ClusterFunctionalLevelRaised':
      return { ...state, functionalLevel: event.data.functionalLevel, mixedModeSince: null };
    case 'ClusterNodeQuarantineCleared':
      // Start-ClusterNode -ClearQuarantine succeeded: the node is running and back in the cluster.
      return withNode(state, event.data.hostId, (n) => ({ ...n, quarantine: null, failures: [], health: 'Up', isolation: null }));
    default:
      return state;
  }
}

function failed(state: ExistingCluster, event: ClusterEvent, op: Operation | undefined): ExistingCluster {
  if (!op) return state;
  switch (op.kind) {
    case 'create-cluster':
      return { ...state, status: 'CreationFailed' };
    case 'add-cluster-node':
      return withNode(state, op.hostId!, () => null);
    case 'evict-node':
      return withNode(state, op.hostId!, (n) => ({ ...n, evicting: false }));
    default:
      // A failed drain leaves the node Paused with what did not move; a failed resume leaves it Up.
      return state;
  }
}
