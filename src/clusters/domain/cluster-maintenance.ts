/** Maintenance: pause with drain, resume with failback, and the rolling upgrade a cluster runs. */
import type { OrchestratedOperation } from '../../jobs/domain/hypervisor-driver.port';
import { LoadFacts, Requester } from './cluster.commands';
import * as errors from './cluster.errors';
import { ClusterEvent, PlannedMove } from './cluster.events';
import { planMoves } from './placement';
import { ClusterState, ExistingCluster } from './cluster.state';
import {
  active,
  capacities,
  CommandOf,
  hostRefOf,
  intent,
  job,
  movesOff,
  nodeOf,
  pendingFor,
  requireNodeState,
} from './cluster-rules';

export function pauseClusterNode(state: ClusterState, command: CommandOf<'PauseClusterNode'>): ClusterEvent[] {
  return drain(active(state), command, 1);
}

export function resumeClusterNode(state: ClusterState, command: CommandOf<'ResumeClusterNode'>): ClusterEvent[] {
  return resume(active(state), command, 1);
}

export function drain(
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

export function resume(
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

export function beginRollingUpgrade(state: ClusterState, command: CommandOf<'BeginRollingUpgrade'>): ClusterEvent[] {
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

export function endRollingUpgrade(state: ClusterState, command: CommandOf<'EndRollingUpgrade'>): ClusterEvent[] {
  if (state.status === 'None' || state.rollingUpgradeId !== command.upgradeId) return [];
  return [
    {
      type: 'ClusterRollingUpgradeEnded',
      data: { clusterId: state.clusterId, upgradeId: command.upgradeId, outcome: command.outcome, at: command.now },
    },
  ];
}
