/**
 * A failover cluster: its nodes and their states, the functional level, resiliency and
 * quarantine (DOMAIN.md, clusters). Pure: what it needs to know about hosts, VMs and load arrives
 * in the command; time and ids too.
 */
import { Decider } from '../../platform/domain/decider';
import * as lifecycle from '../../platform/domain/operation-lifecycle';
import type { JobOperation, JobRequest } from '../../jobs/domain/job.events';
import type { HostRef, HypervisorOperation, OrchestratedOperation } from '../../jobs/domain/hypervisor-driver.port';
import { quarantinedNodeStep, stepsFor } from '../../jobs/domain/powershell';
import { OsVersion, osOfFunctionalLevel, osRank, release, requiresSlat } from '../../hosts/domain/windows-server';
import { ClusterCommand, HostCandidate, LoadFacts, Requester } from './cluster.commands';
import type { ClusterFacts } from '../../vms/domain/vm.commands';
import * as errors from './cluster.errors';
import {
  CLUSTER_OPERATIONS,
  ClusterEvent,
  ClusterOperationKind,
  DEFAULT_RESILIENCY,
  MAX_CLUSTER_NODES,
  MAX_QUARANTINED_SHARE,
  NodeSpec,
  NodeState,
  PlannedMove,
  QUARANTINE_WINDOW_MS,
  ResiliencySettings,
} from './cluster.events';
import { NodeCapacity, planMoves, VmToPlace } from './placement';

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

interface Operation {
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

const initialState: ClusterState = { status: 'None' };

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

const newNode = (spec: NodeSpec, joined: boolean): ClusterNode => ({
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

function withNode(state: ExistingCluster, hostId: string, change: (node: ClusterNode) => ClusterNode | null): ExistingCluster {
  const nodes = state.nodes.flatMap((n) => {
    if (n.hostId !== hostId) return [n];
    const changed = change(n);
    return changed ? [changed] : [];
  });
  const mixed = isMixedMode({ nodes, functionalLevel: state.functionalLevel });
  return { ...state, nodes, mixedModeSince: mixed ? state.mixedModeSince : null };
}

function evolve(state: ClusterState, event: ClusterEvent): ClusterState {
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

// ---------------------------------------------------------------------------------------------

const hostRefOf = (node: NodeSpec): HostRef => ({
  hostId: node.hostId,
  name: node.name,
  osVersion: node.osVersion,
  memoryMb: node.memoryMb,
});

function job(
  cluster: { clusterId: string },
  jobId: string,
  attempt: number,
  operation: JobOperation,
  requestedBy: Requester,
): JobRequest {
  return {
    jobId,
    attempt,
    kind: operation.kind,
    target: { type: 'cluster', id: cluster.clusterId },
    steps: stepsFor(operation),
    operation,
    requestedBy,
    tenant: null,
  };
}

function active(state: ClusterState): ExistingCluster {
  if (state.status === 'None') throw errors.clusterNotFound('unknown');
  if (state.status !== 'Active')
    throw errors.invalidNodeState('the cluster', 'change', state.status === 'Creating' ? 'being created' : 'not created', [
      'Active',
    ]);
  return state;
}

function nodeOf(cluster: ExistingCluster, hostId: string): ClusterNode {
  const node = cluster.nodes.find((n) => n.hostId === hostId);
  if (!node) throw errors.nodeNotFound(hostId);
  return node;
}

function pendingFor(cluster: ExistingCluster, hostId: string | null): void {
  const busy = cluster.pending.find((p) => p.hostId === hostId || (hostId !== null && p.kind === 'raise-functional-level'));
  if (busy) throw errors.operationPending(busy.kind, busy.jobId);
}

function requireNodeState(node: ClusterNode, action: string, allowed: readonly NodeState[]): void {
  const state = nodeState(node);
  if (!allowed.includes(state)) throw errors.invalidNodeState(node.name, action, state, allowed);
}

function checkCandidate(host: HostCandidate): void {
  if (host.clusterId) throw errors.hostInAnotherCluster(host.name, host.clusterId);
  if (host.hostState !== 'Up') throw errors.hostNotAvailable(host.name, host.hostState);
  if (!host.slat && requiresSlat(host.osVersion)) throw errors.slatRequired(host.name);
}

const specOf = (host: HostCandidate): NodeSpec => ({
  hostId: host.hostId,
  name: host.name,
  osVersion: host.osVersion,
  cpuVendor: host.cpuVendor,
  memoryMb: host.memoryMb,
  logicalProcessors: host.logicalProcessors,
  maximumLiveMigrations: host.maximumLiveMigrations,
});

/** The nodes as placement sees them, with the load the caller read. */
export function capacities(cluster: ExistingCluster, loads: Record<string, number>): NodeCapacity[] {
  return cluster.nodes.map((n) => ({
    hostId: n.hostId,
    name: n.name,
    osVersion: n.osVersion,
    cpuVendor: n.cpuVendor,
    state: nodeState(n),
    memoryMb: n.memoryMb,
    memoryUsedMb: loads[n.hostId] ?? 0,
    logicalProcessors: n.logicalProcessors,
  }));
}

function movesOff(cluster: ExistingCluster, node: ClusterNode, facts: LoadFacts, kind: 'evacuate' | 'failover') {
  const vms = facts.vms.filter((vm) => vm.hostId === node.hostId);
  const others = capacities(cluster, facts.loads).filter((n) => n.hostId !== node.hostId);
  return planMoves(vms, others, kind, () => node.cpuVendor);
}

export interface FunctionalLevelVerdict {
  fromLevel: number;
  toLevel: number;
  canRaise: boolean;
  blockers: string[];
}

/** Whether the functional level can be raised now, and what stands in the way (the whatIf answer). */
export function functionalLevelVerdict(cluster: ExistingCluster): FunctionalLevelVerdict {
  const newest = cluster.nodes.reduce<OsVersion>(
    (max, n) => (osRank(n.osVersion) > osRank(max) ? n.osVersion : max),
    cluster.nodes[0]?.osVersion ?? 'WS2012R2',
  );
  const toLevel = Math.max(cluster.functionalLevel, release(newest).functionalLevel);
  const blockers: string[] = [];
  if (toLevel === cluster.functionalLevel)
    blockers.push(`the cluster is already at functional level ${cluster.functionalLevel}, its nodes' level`);
  for (const n of cluster.nodes) {
    if (n.osVersion !== newest) blockers.push(`node ${n.name} runs ${n.osVersion}, not ${newest}`);
    const state = nodeState(n);
    if (state !== 'Up') blockers.push(`node ${n.name} is ${state}, not Up`);
  }
  return { fromLevel: cluster.functionalLevel, toLevel, canRaise: blockers.length === 0, blockers };
}

/** The facts VM rules need about the cluster a VM's host belongs to. */
export function clusterFactsOf(cluster: ExistingCluster): ClusterFacts {
  return {
    clusterId: cluster.clusterId,
    name: cluster.name,
    functionalLevel: cluster.functionalLevel,
    mixedMode: isMixedMode(cluster),
    nodeOsVersions: [...new Set(cluster.nodes.map((n) => n.osVersion))],
  };
}

function intent(cluster: { clusterId: string }, jobRequest: JobRequest, now: string) {
  return { clusterId: cluster.clusterId, job: jobRequest, requestedAt: now };
}

function drain(
  cluster: ExistingCluster,
  command: { hostId: string; drain: boolean; jobId: string; requestedBy: Requester; now: string } & LoadFacts,
  attempt: number,
): ClusterEvent[] {
  const node = nodeOf(cluster, command.hostId);
  pendingFor(cluster, node.hostId);
  // A retried drain finds its node already Paused; a first one needs it Up.
  // A Paused node may be drained again: what is left on it moves (a retried drain, a rolling upgrade's retry).
  requireNodeState(node, 'pause', ['Up', 'Paused']);
  const { moves, unplaceable } = command.drain ? movesOff(cluster, node, command, 'evacuate') : { moves: [], unplaceable: [] };
  if (unplaceable.length > 0)
    throw errors.drainNotPossible(
      node.name,
      unplaceable.map((u) => `${u.vmName}: ${u.reason}`),
    );
  const operation: OrchestratedOperation = {
    kind: 'drain-node',
    drain: command.drain,
    host: hostRefOf(node),
    cluster: { clusterId: cluster.clusterId, name: cluster.name },
    moves,
  };
  return [
    {
      type: 'ClusterNodeDrainRequested',
      data: {
        ...intent(cluster, job(cluster, command.jobId, attempt, operation, command.requestedBy), command.now),
        hostId: node.hostId,
        moves,
        unplaceable,
      },
    },
  ];
}

function resume(
  cluster: ExistingCluster,
  command: { hostId: string; failback: boolean; jobId: string; requestedBy: Requester; now: string } & LoadFacts,
  attempt: number,
): ClusterEvent[] {
  const node = nodeOf(cluster, command.hostId);
  pendingFor(cluster, node.hostId);
  // Resume-ClusterNode on an Up node changes nothing, as in Windows (a node added back joins Up).
  requireNodeState(node, 'resume', ['Paused', 'Up']);
  let moves: PlannedMove[] = [];
  if (command.failback) {
    // Back to this node go the VMs the drain moved that still sit where it put them; whatever does not fit stays.
    const back = command.vms.filter((vm) => vm.hostId !== null && node.drainedTo[vm.vmId] === vm.hostId);
    const target = capacities(cluster, command.loads)
      .filter((c) => c.hostId === node.hostId)
      .map((c) => ({ ...c, state: 'Up' as const }));
    moves = planMoves(
      back,
      target,
      'evacuate',
      (vm) => cluster.nodes.find((n) => n.hostId === vm.hostId)?.cpuVendor ?? null,
    ).moves.map((m) => {
      const vm = back.find((v) => v.vmId === m.vmId)!;
      return { ...m, fromHostId: vm.hostId! };
    });
  }
  const operation: OrchestratedOperation = {
    kind: 'resume-node',
    host: hostRefOf(node),
    cluster: { clusterId: cluster.clusterId, name: cluster.name },
    moves,
    failback: command.failback,
  };
  return [
    {
      type: 'ClusterNodeResumeRequested',
      data: {
        ...intent(cluster, job(cluster, command.jobId, attempt, operation, command.requestedBy), command.now),
        hostId: node.hostId,
        failback: command.failback,
        moves,
      },
    },
  ];
}

function simple(
  cluster: ExistingCluster,
  kind: 'evict-node' | 'clear-node-quarantine' | 'raise-functional-level' | 'add-cluster-node',
  node: NodeSpec,
  command: { jobId: string; requestedBy: Requester; now: string },
  attempt: number,
  extra: { toLevel?: number } = {},
): JobRequest {
  const clusterRef = { clusterId: cluster.clusterId, name: cluster.name };
  const host = hostRefOf(node);
  const operation: HypervisorOperation =
    kind === 'raise-functional-level'
      ? { kind, host, cluster: clusterRef, toLevel: extra.toLevel! }
      : { kind, host, cluster: clusterRef };
  return job(cluster, command.jobId, attempt, operation, command.requestedBy);
}

/**
 * Remove-ClusterNode: a Paused node once it is empty, or a Down node with `force` (its VMs failed
 * over, or none were left), which a surviving Up node removes since the dead one cannot answer.
 */
function evict(
  cluster: ExistingCluster,
  command: { hostId: string; vmCount: number; force?: boolean; jobId: string; requestedBy: Requester; now: string },
): ClusterEvent[] {
  const node = nodeOf(cluster, command.hostId);
  pendingFor(cluster, node.hostId);
  const current = nodeState(node);
  const forced = current === 'Down';
  if (forced && !command.force) {
    throw errors.nodeNotDrained(
      node.name,
      'it is Down',
      'evict it with force (Remove-ClusterNode -Force) once its VMs have failed over',
    );
  }
  if (!forced && current !== 'Paused') throw errors.nodeNotDrained(node.name, `it is ${current}, not Paused`);
  if (command.vmCount > 0) throw errors.nodeNotDrained(node.name, `it still hosts ${command.vmCount} virtual machine(s)`);
  let operation: HypervisorOperation = {
    kind: 'evict-node',
    host: hostRefOf(node),
    cluster: { clusterId: cluster.clusterId, name: cluster.name },
  };
  if (forced) {
    const via = cluster.nodes.find((n) => n.hostId !== node.hostId && nodeState(n) === 'Up');
    if (!via)
      throw errors.nodeNotDrained(node.name, 'no other node is Up to remove it', 'bring a node of the cluster back first');
    operation = { ...operation, via: hostRefOf(via) };
  }
  return [
    {
      type: 'ClusterNodeEvictionRequested',
      data: {
        ...intent(cluster, job(cluster, command.jobId, 1, operation, command.requestedBy), command.now),
        hostId: node.hostId,
        ...(forced ? { forced: true as const } : {}),
      },
    },
  ];
}

const QUARANTINE_DRAINER: Requester = { actor: 'system:quarantine', role: 'system' };

/**
 * A quarantined node that answers again still runs the VMs that did not fail over (those whose own
 * resiliency period had not ended, those that fit nowhere): the cluster drains it as a pause with
 * drain would, running VMs by live migration within each host's live-migration limit (the moves go
 * through the scheduler like any drain's). A VM that placement cannot move stays, with the reason.
 * No drain when nothing is left on the node, or while another operation on the node is pending.
 */
function quarantineDrain(
  cluster: ExistingCluster,
  node: ClusterNode,
  command: { drainJobId: string; now: string } & Partial<LoadFacts>,
): ClusterEvent[] {
  const facts: LoadFacts = { vms: command.vms ?? [], loads: command.loads ?? {} };
  if (!facts.vms.some((vm) => vm.hostId === node.hostId)) return [];
  if (cluster.pending.some((p) => p.hostId === node.hostId)) return [];
  const { moves, unplaceable } = movesOff(cluster, node, facts, 'evacuate');
  const operation: OrchestratedOperation = {
    kind: 'drain-node',
    drain: true,
    host: hostRefOf(node),
    cluster: { clusterId: cluster.clusterId, name: cluster.name },
    moves,
  };
  const request = job(cluster, command.drainJobId, 1, operation, QUARANTINE_DRAINER);
  const [, ...moveSteps] = request.steps;
  const steps = [quarantinedNodeStep(operation.cluster, operation.host), ...moveSteps];
  return [
    {
      type: 'ClusterNodeDrainRequested',
      data: {
        ...intent(cluster, { ...request, steps }, command.now),
        hostId: node.hostId,
        moves,
        unplaceable,
        cause: 'quarantine',
      },
    },
  ];
}

/** Clusters of up to this many nodes may still quarantine one node, although 25% of them is less than one. */
const SMALL_CLUSTER_NODES = 3;

/**
 * How many nodes may be quarantined at once: 25% of the nodes, rounded down, except that a two- or
 * three-node cluster may quarantine one. Failover Clustering documents this exception with the
 * quarantine feature of Windows Server 2016 ("Virtual Machine Compute Resiliency in Windows Server
 * 2016", https://blogs.msdn.microsoft.com/clustering/2015/06/03/virtual-machine-compute-resiliency-in-windows-server-2016/;
 * restated at https://techdirectarchive.com/2021/07/15/quarantine-state-in-windows-failover-clusters-how-to-resolve-quarantined-cluster-node-on-hyper-v/:
 * "the cluster will only allow a maximum of 25% of the nodes to be quarantined. The exception to
 * this rule is if you have a 2 or 3 node cluster").
 */
export function maxQuarantinedNodes(nodeCount: number): number {
  if (nodeCount >= 2 && nodeCount <= SMALL_CLUSTER_NODES) return 1;
  return Math.floor(nodeCount * MAX_QUARANTINED_SHARE);
}

/** After an ungraceful failure: quarantine the node if it failed too often, unless too many are already. */
function quarantineCheck(cluster: ExistingCluster, node: ClusterNode, now: string): ClusterEvent[] {
  const windowStart = Date.parse(now) - QUARANTINE_WINDOW_MS;
  const failures = [...node.failures, now].filter((at) => Date.parse(at) > windowStart);
  if (node.quarantine || failures.length < cluster.resiliency.quarantineThreshold) return [];
  const quarantined = cluster.nodes.filter((n) => n.quarantine).length;
  const allowed = maxQuarantinedNodes(cluster.nodes.length);
  if (quarantined + 1 > allowed) {
    return [
      {
        type: 'ClusterNodeQuarantineSkipped',
        data: {
          clusterId: cluster.clusterId,
          hostId: node.hostId,
          failures,
          reason:
            `${quarantined} of ${cluster.nodes.length} nodes are quarantined already; at most ${allowed} may be ` +
            (cluster.nodes.length <= SMALL_CLUSTER_NODES ? '(one in a cluster of two or three nodes)' : '(25%)'),
          at: now,
        },
      },
    ];
  }
  const duration = cluster.resiliency.quarantineDurationSeconds;
  const until = duration === null ? null : new Date(Date.parse(now) + duration * 1000).toISOString();
  return [
    { type: 'ClusterNodeQuarantined', data: { clusterId: cluster.clusterId, hostId: node.hostId, until, failures, at: now } },
  ];
}

function failNode(
  cluster: ExistingCluster,
  node: ClusterNode,
  reason: 'crashed' | 'isolation-expired' | 'heartbeat-lost',
  facts: LoadFacts,
  now: string,
  vmIds?: Set<string>,
): ClusterEvent[] {
  const vms = vmIds ? { ...facts, vms: facts.vms.filter((vm) => vmIds.has(vm.vmId)) } : facts;
  const { moves, unplaceable } = movesOff(cluster, node, vms, 'failover');
  return [
    {
      type: 'ClusterNodeFailed',
      data: { clusterId: cluster.clusterId, hostId: node.hostId, reason, moves, unplaceable, at: now },
    },
    ...quarantineCheck(cluster, node, now),
  ];
}

export const RESILIENCY_LIMITS = { maxPeriodSeconds: 86400, maxThreshold: 100, maxQuarantineSeconds: 31_536_000 };

function validResiliency(settings: ResiliencySettings): ResiliencySettings {
  const { resiliencyPeriodSeconds: period, quarantineThreshold: threshold, quarantineDurationSeconds: duration } = settings;
  if (!Number.isInteger(period) || period < 0 || period > RESILIENCY_LIMITS.maxPeriodSeconds) {
    throw errors.invalidResiliency(`resiliencyPeriodSeconds must be 0–${RESILIENCY_LIMITS.maxPeriodSeconds}`);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > RESILIENCY_LIMITS.maxThreshold) {
    throw errors.invalidResiliency(`quarantineThreshold must be 1–${RESILIENCY_LIMITS.maxThreshold}`);
  }
  if (duration !== null && (!Number.isInteger(duration) || duration < 0 || duration > RESILIENCY_LIMITS.maxQuarantineSeconds)) {
    throw errors.invalidResiliency(
      `quarantineDurationSeconds must be 0–${RESILIENCY_LIMITS.maxQuarantineSeconds}, or null (forever)`,
    );
  }
  return settings;
}

function decide(command: ClusterCommand, state: ClusterState): ClusterEvent[] {
  switch (command.type) {
    case 'CreateCluster': {
      if (state.status === 'Creating' || state.status === 'Active') throw errors.clusterAlreadyExists(command.clusterId);
      const nodes = command.nodes;
      if (nodes.length === 0) throw errors.invalidNodes('A cluster needs at least one node');
      if (nodes.length > MAX_CLUSTER_NODES) throw errors.tooManyNodes(MAX_CLUSTER_NODES);
      if (new Set(nodes.map((n) => n.hostId)).size !== nodes.length) throw errors.invalidNodes('A host is listed twice');
      const versions = [...new Set(nodes.map((n) => n.osVersion))];
      if (versions.length > 1) throw errors.mixedOsAtCreation(versions);
      nodes.forEach(checkCandidate);
      const cluster = { clusterId: command.clusterId, name: command.name };
      const operation: HypervisorOperation = {
        kind: 'create-cluster',
        host: hostRefOf(nodes[0]),
        cluster,
        nodes: nodes.map(hostRefOf),
      };
      const attempt =
        state.status === 'CreationFailed' ? (state.lastFailures.find((f) => f.kind === 'create-cluster')?.attempt ?? 0) + 1 : 1;
      return [
        {
          type: 'ClusterCreationRequested',
          data: {
            ...intent(cluster, job(cluster, command.jobId, attempt, operation, command.requestedBy), command.now),
            name: command.name,
            functionalLevel: release(versions[0] as OsVersion).functionalLevel,
            nodes: nodes.map(specOf),
            resiliency: state.status === 'CreationFailed' ? state.resiliency : DEFAULT_RESILIENCY,
          },
        },
      ];
    }
    case 'AddClusterNode': {
      const cluster = active(state);
      const host = command.node;
      if (cluster.nodes.some((n) => n.hostId === host.hostId)) throw errors.hostInAnotherCluster(host.name, cluster.clusterId);
      pendingFor(cluster, host.hostId);
      if (cluster.nodes.length >= MAX_CLUSTER_NODES) throw errors.tooManyNodes(MAX_CLUSTER_NODES);
      checkCandidate(host);
      const levelOs = osOfFunctionalLevel(cluster.functionalLevel)!;
      if (osRank(host.osVersion) < osRank(levelOs))
        throw errors.nodeOsTooOld(host.name, host.osVersion, cluster.functionalLevel, levelOs);
      if (osRank(host.osVersion) > osRank(levelOs) + 1)
        throw errors.nodeOsTooNew(host.name, host.osVersion, cluster.functionalLevel, levelOs);
      const spec = specOf(host);
      const mixedMode = isMixedMode({ nodes: [...cluster.nodes, newNode(spec, true)], functionalLevel: cluster.functionalLevel });
      return [
        {
          type: 'ClusterNodeAdditionRequested',
          data: { ...intent(cluster, simple(cluster, 'add-cluster-node', spec, command, 1), command.now), node: spec, mixedMode },
        },
      ];
    }
    case 'PauseClusterNode':
      return drain(active(state), command, 1);
    case 'ResumeClusterNode':
      return resume(active(state), command, 1);
    case 'EvictClusterNode':
      return evict(active(state), command);
    case 'RaiseFunctionalLevel': {
      const cluster = active(state);
      pendingFor(cluster, null);
      const busy = cluster.pending[0];
      if (busy) throw errors.operationPending(busy.kind, busy.jobId);
      const verdict = functionalLevelVerdict(cluster);
      if (!verdict.canRaise) throw errors.functionalLevelBlocked(verdict.blockers);
      return [
        {
          type: 'ClusterFunctionalLevelRaiseRequested',
          data: {
            ...intent(
              cluster,
              simple(cluster, 'raise-functional-level', cluster.nodes[0], command, 1, { toLevel: verdict.toLevel }),
              command.now,
            ),
            fromLevel: verdict.fromLevel,
            toLevel: verdict.toLevel,
          },
        },
      ];
    }
    case 'ClearNodeQuarantine': {
      const cluster = active(state);
      const node = nodeOf(cluster, command.hostId);
      pendingFor(cluster, node.hostId);
      requireNodeState(node, 'clear the quarantine of', ['Quarantined']);
      return [
        {
          type: 'ClusterNodeQuarantineClearRequested',
          data: {
            ...intent(cluster, simple(cluster, 'clear-node-quarantine', node, command, 1), command.now),
            hostId: node.hostId,
          },
        },
      ];
    }
    case 'SetClusterResiliency': {
      const cluster = active(state);
      const settings = validResiliency({ ...cluster.resiliency, ...command.settings });
      if (JSON.stringify(settings) === JSON.stringify(cluster.resiliency)) return [];
      return [
        {
          type: 'ClusterResiliencyChanged',
          data: { clusterId: cluster.clusterId, settings, previous: cluster.resiliency, at: command.now },
        },
      ];
    }
    case 'SetVmResiliencyPeriod': {
      const cluster = active(state);
      const seconds = command.resiliencyPeriodSeconds;
      if (seconds !== null && (!Number.isInteger(seconds) || seconds < 0 || seconds > RESILIENCY_LIMITS.maxPeriodSeconds)) {
        throw errors.invalidResiliency(
          `resiliencyPeriodSeconds must be 0–${RESILIENCY_LIMITS.maxPeriodSeconds}, or null for the cluster's`,
        );
      }
      if ((cluster.vmResiliencyPeriods[command.vmId] ?? null) === seconds) return [];
      return [
        {
          type: 'ClusterVmResiliencyPeriodSet',
          data: { clusterId: cluster.clusterId, vmId: command.vmId, resiliencyPeriodSeconds: seconds, at: command.now },
        },
      ];
    }
    case 'ReportNodeHeartbeatLost': {
      if (state.status !== 'Active') return [];
      const node = state.nodes.find((n) => n.hostId === command.hostId);
      if (!node || !node.joined || node.health !== 'Up') return [];
      if (state.resiliency.resiliencyLevel === 'IsolateOnSpecialHeartbeat')
        return failNode(state, node, 'heartbeat-lost', command, command.now);
      const vms = command.vms.filter((vm) => vm.hostId === node.hostId);
      const groups = new Map<number, string[]>();
      groups.set(state.resiliency.resiliencyPeriodSeconds, []);
      for (const vm of vms) {
        const period = state.vmResiliencyPeriods[vm.vmId] ?? state.resiliency.resiliencyPeriodSeconds;
        groups.set(period, [...(groups.get(period) ?? []), vm.vmId]);
      }
      const dueAt = [...groups.entries()]
        .sort(([a], [b]) => a - b)
        .map(([seconds, vmIds]) => ({ vmIds, at: new Date(Date.parse(command.now) + seconds * 1000).toISOString() }));
      return [
        {
          type: 'ClusterNodeIsolated',
          data: {
            clusterId: state.clusterId,
            hostId: node.hostId,
            isolationId: command.isolationId,
            vmIds: vms.map((v) => v.vmId),
            dueAt,
            at: command.now,
          },
        },
      ];
    }
    case 'ReportNodeCrashed': {
      if (state.status !== 'Active') return [];
      const node = state.nodes.find((n) => n.hostId === command.hostId);
      if (!node || !node.joined || node.health === 'Down') return [];
      return failNode(state, node, 'crashed', command, command.now);
    }
    case 'ReportNodeHeartbeatRestored': {
      if (state.status !== 'Active') return [];
      const node = state.nodes.find((n) => n.hostId === command.hostId);
      if (!node || node.health === 'Up') return [];
      const drain =
        node.quarantine && command.drainJobId ? quarantineDrain(state, node, { ...command, drainJobId: command.drainJobId }) : [];
      return [
        {
          type: 'ClusterNodeRejoined',
          data: {
            clusterId: state.clusterId,
            hostId: node.hostId,
            isolationId: node.isolation?.isolationId ?? null,
            vmIds: node.isolation?.due.flatMap((d) => d.vmIds) ?? [],
            from: node.health,
            at: command.now,
          },
        },
        ...drain,
      ];
    }
    case 'ExpireNodeIsolation': {
      if (state.status !== 'Active') return [];
      const node = state.nodes.find((n) => n.hostId === command.hostId);
      const isolation = node?.isolation;
      if (!node || !isolation || isolation.isolationId !== command.isolationId) return [];
      const dueVms = new Set(isolation.due.filter((g) => g.at <= command.now).flatMap((g) => g.vmIds));
      if (node.health === 'Isolated' && isolation.nodeDownAt <= command.now) {
        return failNode(state, node, 'isolation-expired', command, command.now, dueVms);
      }
      if (dueVms.size === 0) return [];
      const { moves, unplaceable } = movesOff(
        state,
        node,
        { ...command, vms: command.vms.filter((vm) => dueVms.has(vm.vmId)) },
        'failover',
      );
      return [
        {
          type: 'ClusterVmsFailedOverFromIsolatedNode',
          data: {
            clusterId: state.clusterId,
            hostId: node.hostId,
            isolationId: isolation.isolationId,
            moves,
            unplaceable,
            at: command.now,
          },
        },
      ];
    }
    case 'ExpireNodeQuarantine': {
      if (state.status !== 'Active') return [];
      const node = state.nodes.find((n) => n.hostId === command.hostId);
      const until = node?.quarantine?.until;
      if (!node || !until || until > command.now) return [];
      return [
        { type: 'ClusterNodeQuarantineExpired', data: { clusterId: state.clusterId, hostId: node.hostId, at: command.now } },
      ];
    }
    case 'BeginRollingUpgrade': {
      const cluster = active(state);
      if (cluster.rollingUpgradeId === command.upgradeId) return [];
      if (cluster.rollingUpgradeId) throw errors.rollingUpgradeRunning(cluster.rollingUpgradeId);
      return [
        {
          type: 'ClusterRollingUpgradeBegan',
          data: {
            clusterId: cluster.clusterId,
            upgradeId: command.upgradeId,
            targetOsVersion: command.targetOsVersion,
            at: command.now,
          },
        },
      ];
    }
    case 'EndRollingUpgrade': {
      if (state.status === 'None' || state.rollingUpgradeId !== command.upgradeId) return [];
      return [
        {
          type: 'ClusterRollingUpgradeEnded',
          data: { clusterId: state.clusterId, upgradeId: command.upgradeId, outcome: command.outcome, at: command.now },
        },
      ];
    }
    case 'RetryClusterOperation': {
      if (state.status === 'None') throw errors.clusterNotFound('unknown');
      const failedOp = lifecycle.retryableOne(state, command.jobId);
      if (!failedOp) throw errors.nothingToRetry(command.jobId);
      const facts: LoadFacts = { vms: command.vms ?? [], loads: command.loads ?? {} };
      const attempt = failedOp.attempt + 1;
      switch (failedOp.kind) {
        case 'drain-node':
          return drain(active(state), { ...command, ...facts, hostId: failedOp.hostId!, drain: true }, attempt);
        case 'resume-node':
          return resume(active(state), { ...command, ...facts, hostId: failedOp.hostId!, failback: true }, attempt);
        default:
          // Creation, joins, evictions, raises and clears are asked for again by the client.
          throw errors.nothingToRetry(command.jobId);
      }
    }
    case 'CompleteClusterOperation': {
      if (state.status === 'None') return [];
      const op = state.pending.find((p) => p.jobId === command.jobId);
      if (!op) return [];
      const base = { clusterId: state.clusterId, jobId: op.jobId, at: command.now };
      switch (op.kind) {
        case 'create-cluster':
          return [{ type: 'ClusterCreated', data: base }];
        case 'add-cluster-node':
          return [{ type: 'ClusterNodeAdded', data: { ...base, hostId: op.hostId! } }];
        case 'drain-node': {
          const node = state.nodes.find((n) => n.hostId === op.hostId);
          return [
            {
              type: 'ClusterNodeDrained',
              data: { ...base, hostId: op.hostId!, moved: Object.keys(node?.drainedTo ?? {}).length },
            },
          ];
        }
        case 'resume-node':
          return [{ type: 'ClusterNodeResumed', data: { ...base, hostId: op.hostId! } }];
        case 'evict-node':
          return [{ type: 'ClusterNodeEvicted', data: { ...base, hostId: op.hostId! } }];
        case 'raise-functional-level':
          return [
            { type: 'ClusterFunctionalLevelRaised', data: { ...base, functionalLevel: op.toLevel ?? state.functionalLevel } },
          ];
        case 'clear-node-quarantine':
          return [{ type: 'ClusterNodeQuarantineCleared', data: { ...base, hostId: op.hostId!, by: 'administrator' } }];
      }
      return [];
    }
    case 'FailClusterOperation': {
      if (state.status === 'None') return [];
      const op = state.pending.find((p) => p.jobId === command.jobId);
      if (!op) return [];
      const type = CLUSTER_OPERATIONS[op.kind].failed;
      const hostIds =
        op.kind === 'create-cluster'
          ? state.nodes.map((n) => n.hostId)
          : op.kind === 'add-cluster-node'
            ? [op.hostId!]
            : undefined;
      return [
        {
          type,
          data: {
            clusterId: state.clusterId,
            jobId: op.jobId,
            problem: command.problem,
            at: command.now,
            ...(hostIds ? { hostIds } : {}),
          },
        } as ClusterEvent,
      ];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const clusterDecider: Decider<ClusterCommand, ClusterEvent, ClusterState> = { initialState, evolve, decide };

export type { VmToPlace };
