/** What several cluster commands check and build: the node asked for, its state, jobs, placement's view of the nodes. */
import type { JobOperation, JobRequest } from '../../jobs/domain/job.events';
import type { HostRef, HypervisorOperation } from '../../jobs/domain/hypervisor-driver.port';
import { stepsFor } from '../../jobs/domain/powershell';
import { requiresSlat } from '../../hosts/domain/windows-server';
import { ClusterCommand, HostCandidate, LoadFacts, Requester } from './cluster.commands';
import type { ClusterFacts } from '../../vms/domain/vm.commands';
import * as errors from './cluster.errors';
import { NodeSpec, NodeState } from './cluster.events';
import { NodeCapacity, planMoves } from './placement';
import { ClusterNode, ClusterState, ExistingCluster, isMixedMode, nodeState } from './cluster.state';

export const hostRefOf = (node: NodeSpec): HostRef => ({
  hostId: node.hostId,
  name: node.name,
  osVersion: node.osVersion,
  memoryMb: node.memoryMb,
});

export function job(
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

export function active(state: ClusterState): ExistingCluster {
  if (state.status === 'None') throw errors.clusterNotFound();
  if (state.status !== 'Active')
    throw errors.invalidNodeState('the cluster', 'change', state.status === 'Creating' ? 'being created' : 'not created', [
      'Active',
    ]);
  return state;
}

export function nodeOf(cluster: ExistingCluster, hostId: string): ClusterNode {
  const node = cluster.nodes.find((n) => n.hostId === hostId);
  if (!node) throw errors.nodeNotFound(hostId);
  return node;
}

export function pendingFor(cluster: ExistingCluster, hostId: string | null): void {
  const busy = cluster.pending.find((p) => p.hostId === hostId || (hostId !== null && p.kind === 'raise-functional-level'));
  if (busy) throw errors.operationPending(busy.kind, busy.jobId);
}

export function requireNodeState(node: ClusterNode, action: string, allowed: readonly NodeState[]): void {
  const state = nodeState(node);
  if (!allowed.includes(state)) throw errors.invalidNodeState(node.name, action, state, allowed);
}

export function checkCandidate(host: HostCandidate): void {
  if (host.clusterId) throw errors.hostInAnotherCluster(host.name, host.clusterId);
  if (host.hostState !== 'Up') throw errors.hostNotAvailable(host.name, host.hostState);
  if (!host.slat && requiresSlat(host.osVersion)) throw errors.slatRequired(host.name);
}

/** A node's specification out of anything that carries it (a candidate, a registered host), nothing more. */
export const specOf = (host: NodeSpec): NodeSpec => ({
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

export function movesOff(cluster: ExistingCluster, node: ClusterNode, facts: LoadFacts, kind: 'evacuate' | 'failover') {
  const vms = facts.vms.filter((vm) => vm.hostId === node.hostId);
  const others = capacities(cluster, facts.loads).filter((n) => n.hostId !== node.hostId);
  return planMoves(vms, others, kind, () => node.cpuVendor);
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

export function intent(cluster: { clusterId: string }, jobRequest: JobRequest, now: string) {
  return { clusterId: cluster.clusterId, job: jobRequest, requestedAt: now };
}

export function simple(
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

/** A cluster command of the given type. */
export type CommandOf<T extends ClusterCommand['type']> = Extract<ClusterCommand, { type: T }>;
