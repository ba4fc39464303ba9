import { LoadedAggregate, loadAggregate } from '../event-store/aggregate-stream';
import { EventStore } from '../event-store/event-store.port';
import type { HostFacts } from '../vms/domain/vm.commands';
import { hostDecider, hostStreamId, HostState } from './domain/host.decider';
import { hostFactsOf, registeredHost } from './domain/host-facts';
import { HostFactsQuery } from './host-facts.query';

/** A host's state, folded from its stream through the port (from its latest snapshot): always current. */
export async function loadHost(store: EventStore, hostId: string): Promise<HostState> {
  return (await readHost(store, hostId)).state;
}

/** The host with the version it was read at, for a command's handler to decide on without reading it again. */
export function readHost(store: EventStore, hostId: string): Promise<LoadedAggregate<HostState>> {
  return loadAggregate(store, hostDecider, hostStreamId(hostId));
}

/**
 * A host's facts for another context's rule: the host from its stream (one read) and, at the same
 * time, its cluster and load from the read model.
 */
export async function readHostFacts(store: EventStore, query: HostFactsQuery, hostId: string): Promise<HostFacts> {
  const [state, placement] = await Promise.all([loadHost(store, hostId), query.placement(hostId)]);
  return hostFactsOf(registeredHost(state, hostId), placement);
}
