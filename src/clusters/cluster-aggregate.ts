import { LoadedAggregate, loadAggregate } from '../event-store/aggregate-stream';
import { EventStore } from '../event-store/event-store.port';
import { hostFactsOf, registeredHost } from '../hosts/domain/host-facts';
import { loadHost, readHostFacts, readHostsFacts } from '../hosts/host-aggregate';
import { DomainError } from '../platform/domain/domain-error';
import { HostFactsQuery } from '../hosts/host-facts.query';
import type { ClusterFacts, HostFacts, PlacementRecord } from '../vms/domain/vm.commands';
import type { HostCandidate } from './domain/cluster.commands';
import { clusterDecider, ClusterState, ExistingCluster } from './domain/cluster.decider';
import { clusterStreamId } from './domain/cluster.events';
import { existingCluster, hostCandidateOf, withNodeState } from './domain/cluster-facts';
import { NewVm, placeNewVm } from './domain/new-vm-placement';
import { PlacementQueries } from './placement.queries';

/** A cluster's state, folded from its stream through the port (from its latest snapshot): always current. */
export async function loadCluster(store: EventStore, clusterId: string): Promise<ClusterState> {
  return (await loadAggregate(store, clusterDecider, clusterStreamId(clusterId))).state;
}

/** The cluster, or DomainError NOT_FOUND. */
export async function loadExistingCluster(store: EventStore, clusterId: string): Promise<ExistingCluster> {
  return existingCluster(await loadCluster(store, clusterId), clusterId);
}

/**
 * The cluster as a command's sender reads it: the cluster (or NOT_FOUND) and the read itself, on
 * which the command's handler decides instead of reading the stream a second time.
 */
export async function readExistingCluster(
  store: EventStore,
  clusterId: string,
): Promise<{ cluster: ExistingCluster; read: LoadedAggregate<ClusterState> }> {
  const read = await loadAggregate(store, clusterDecider, clusterStreamId(clusterId));
  return { cluster: existingCluster(read.state, clusterId), read };
}

/**
 * A host's facts for a VM rule, with its node state: from the cluster given (already read by the
 * caller), or else from the cluster the read model places the host in.
 */
export async function readNodeHostFacts(
  store: EventStore,
  hosts: HostFactsQuery,
  hostId: string,
  cluster?: ExistingCluster | null,
): Promise<HostFacts> {
  const facts = await readHostFacts(store, hosts, hostId);
  let owner = cluster ?? null;
  if (!owner && facts.clusterId) {
    const state = await loadCluster(store, facts.clusterId);
    owner = state.status === 'None' ? null : state;
  }
  return withNodeState(facts, owner);
}

/**
 * The facts of the nodes a set of planned moves touches, read once for all of them (each host's
 * stream once, their load in one statement), with their node state from the cluster the caller
 * read. A host that cannot be read is its DomainError, refusing only the moves that need it.
 */
export async function readNodesHostFacts(
  store: EventStore,
  hosts: HostFactsQuery,
  hostIds: readonly string[],
  cluster: ExistingCluster,
): Promise<Map<string, HostFacts | DomainError>> {
  const facts = await readHostsFacts(store, hosts, hostIds);
  return new Map([...facts].map(([id, f]) => [id, f instanceof DomainError ? f : withNodeState(f, cluster)]));
}

/** A host's facts as read for a plan; the error that reading it met is thrown for the move that needs it. */
export function factsOf(facts: ReadonlyMap<string, HostFacts | DomainError>, hostId: string): HostFacts {
  const found = facts.get(hostId);
  if (found === undefined) throw new Error(`The facts of host ${hostId} were not read with the plan`);
  if (found instanceof DomainError) throw found;
  return found;
}

/** A host as a would-be node: one read of its stream, and its cluster from the read model at the same time. */
export async function readHostCandidate(store: EventStore, hosts: HostFactsQuery, hostId: string): Promise<HostCandidate> {
  const [state, placement] = await Promise.all([loadHost(store, hostId), hosts.placement(hostId)]);
  const host = registeredHost(state, hostId);
  return hostCandidateOf(host, hostFactsOf(host, placement));
}

/**
 * Where a new VM goes in a cluster: the cluster read once, the load on its nodes from the read
 * model, the choice made by the domain, and then the chosen host's own facts (its load is the one
 * placement already read).
 */
export async function placeNewVmInCluster(
  store: EventStore,
  placementQueries: PlacementQueries,
  clusterId: string,
  vm: NewVm,
): Promise<{ host: HostFacts; cluster: ClusterFacts; placement: PlacementRecord }> {
  const cluster = await loadExistingCluster(store, clusterId);
  const loads = await placementQueries.nodeLoads(cluster.nodes.map((n) => n.hostId));
  const placed = placeNewVm(cluster, vm, loads);
  const host = registeredHost(await loadHost(store, placed.chosenHostId), placed.chosenHostId);
  const facts = hostFactsOf(host, { clusterId: cluster.clusterId, clusterName: cluster.name, memoryUsedMb: loads[placed.chosenHostId] ?? 0 });
  return { host: withNodeState(facts, cluster), cluster: placed.cluster, placement: placed.placement };
}
