import type { RegisteredHost } from '../../hosts/domain/host-facts';
import type { HostFacts } from '../../vms/domain/vm.commands';
import type { HostCandidate } from './cluster.commands';
import { clusterNotFound } from './cluster.errors';
import { specOf } from './cluster-rules';
import { ClusterState, ExistingCluster, nodeState } from './cluster.state';

/** The cluster a command or a fact is about; a cluster never created does not exist. */
export function existingCluster(state: ClusterState, clusterId: string): ExistingCluster {
  if (state.status === 'None') throw clusterNotFound(clusterId);
  return state;
}

/** A host's facts with its state as a node of the cluster that owns it (null when standalone). */
export function withNodeState(facts: HostFacts, owner: ExistingCluster | null): HostFacts {
  const node = owner?.nodes.find((n) => n.hostId === facts.hostId);
  return { ...facts, nodeState: node ? nodeState(node) : null };
}

/** A host as a would-be node: its specification and whether it is free to join. */
export function hostCandidateOf(host: RegisteredHost, facts: HostFacts): HostCandidate {
  return { ...specOf(host), slat: host.slat, hostState: facts.state, clusterId: facts.clusterId };
}
