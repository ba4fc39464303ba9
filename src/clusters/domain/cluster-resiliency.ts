/** Compute resiliency and quarantine: isolation, failures, failover, quarantine and its drain (DOMAIN.md). */
import type { OrchestratedOperation } from '../../jobs/domain/hypervisor-driver.port';
import { quarantinedNodeStep } from '../../jobs/domain/powershell';
import { LoadFacts, Requester } from './cluster.commands';
import * as errors from './cluster.errors';
import { ClusterEvent, MAX_QUARANTINED_SHARE, QUARANTINE_WINDOW_MS, ResiliencySettings } from './cluster.events';
import { ClusterNode, ClusterState, ExistingCluster } from './cluster.state';
import {
  active,
  CommandOf,
  hostRefOf,
  intent,
  job,
  movesOff,
  nodeOf,
  pendingFor,
  requireNodeState,
  simple,
} from './cluster-rules';

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

export function setClusterResiliency(state: ClusterState, command: CommandOf<'SetClusterResiliency'>): ClusterEvent[] {
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

export function setVmResiliencyPeriod(state: ClusterState, command: CommandOf<'SetVmResiliencyPeriod'>): ClusterEvent[] {
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

/**
 * A VM's clustered role left for another cluster. Failover Clustering keeps a role's properties
 * (its ResiliencyPeriod among them) with the role in the cluster that holds it; the role created on
 * the destination starts with that cluster's defaults. So the override does not follow the VM: it
 * is dropped here, and nothing is recorded when this cluster kept none. A deleted VM leaves no
 * role to keep settings for, so its override goes too (`vmDeleted` says so in the event).
 */
export function removeVmRole(state: ClusterState, command: CommandOf<'RemoveVmRole'>): ClusterEvent[] {
  if (state.status === 'None' || command.toClusterId === state.clusterId) return [];
  const seconds = state.vmResiliencyPeriods[command.vmId];
  if (seconds === undefined) return [];
  return [
    {
      type: 'ClusterVmRoleRemoved',
      data: {
        clusterId: state.clusterId,
        vmId: command.vmId,
        toClusterId: command.toClusterId,
        resiliencyPeriodSeconds: seconds,
        ...(command.vmDeleted ? { vmDeleted: true as const } : {}),
        at: command.now,
      },
    },
  ];
}

export function reportNodeHeartbeatLost(state: ClusterState, command: CommandOf<'ReportNodeHeartbeatLost'>): ClusterEvent[] {
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

export function reportNodeCrashed(state: ClusterState, command: CommandOf<'ReportNodeCrashed'>): ClusterEvent[] {
  if (state.status !== 'Active') return [];
  const node = state.nodes.find((n) => n.hostId === command.hostId);
  if (!node || !node.joined || node.health === 'Down') return [];
  return failNode(state, node, 'crashed', command, command.now);
}

export function reportNodeHeartbeatRestored(
  state: ClusterState,
  command: CommandOf<'ReportNodeHeartbeatRestored'>,
): ClusterEvent[] {
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

export function expireNodeIsolation(state: ClusterState, command: CommandOf<'ExpireNodeIsolation'>): ClusterEvent[] {
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

export function expireNodeQuarantine(state: ClusterState, command: CommandOf<'ExpireNodeQuarantine'>): ClusterEvent[] {
  if (state.status !== 'Active') return [];
  const node = state.nodes.find((n) => n.hostId === command.hostId);
  const until = node?.quarantine?.until;
  if (!node || !until || until > command.now) return [];
  return [{ type: 'ClusterNodeQuarantineExpired', data: { clusterId: state.clusterId, hostId: node.hostId, at: command.now } }];
}

export function clearNodeQuarantine(state: ClusterState, command: CommandOf<'ClearNodeQuarantine'>): ClusterEvent[] {
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
