/** Membership: creating a cluster, nodes joining and leaving (DOMAIN.md, clusters). */
import type { HypervisorOperation } from '../../jobs/domain/hypervisor-driver.port';
import { OsVersion, osOfFunctionalLevel, osRank, release } from '../../hosts/domain/windows-server';
import { Requester } from './cluster.commands';
import * as errors from './cluster.errors';
import { ClusterEvent, DEFAULT_RESILIENCY, MAX_CLUSTER_NODES } from './cluster.events';
import { ClusterState, ExistingCluster, isMixedMode, newNode, nodeState } from './cluster.state';
import { active, checkCandidate, CommandOf, hostRefOf, intent, job, nodeOf, pendingFor, simple, specOf } from './cluster-rules';

export function createCluster(state: ClusterState, command: CommandOf<'CreateCluster'>): ClusterEvent[] {
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

export function addClusterNode(state: ClusterState, command: CommandOf<'AddClusterNode'>): ClusterEvent[] {
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

export function evictClusterNode(state: ClusterState, command: CommandOf<'EvictClusterNode'>): ClusterEvent[] {
  return evict(active(state), command);
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
