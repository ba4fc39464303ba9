import { LoadedAggregate, loadAggregate } from '../event-store/aggregate-stream';
import { EventStore } from '../event-store/event-store.port';
import { DomainError } from '../platform/domain/domain-error';
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

/**
 * Several hosts' facts at once: each host's stream read once, and all their placements in one
 * statement. A host that cannot be known (not registered) is its DomainError, for the caller to
 * refuse only what needs that host.
 */
export async function readHostsFacts(
  store: EventStore,
  query: HostFactsQuery,
  hostIds: readonly string[],
): Promise<Map<string, HostFacts | DomainError>> {
  const ids = [...new Set(hostIds)];
  const [states, placements] = await Promise.all([Promise.all(ids.map((id) => loadHost(store, id))), query.placements(ids)]);
  return new Map(
    ids.map((id, i): [string, HostFacts | DomainError] => {
      try {
        return [id, hostFactsOf(registeredHost(states[i], id), placements.get(id) ?? null)];
      } catch (error) {
        if (error instanceof DomainError) return [id, error];
        throw error;
      }
    }),
  );
}
