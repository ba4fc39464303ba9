import { loadAggregate } from '../event-store/aggregate-stream';
import { EventStore } from '../event-store/event-store.port';
import { replicationDecider, ReplicationState } from './domain/replication.decider';
import { replicationStreamId } from './domain/replication.events';

/** A replication relationship's state, folded from its stream through the port (from its latest snapshot). */
export async function loadReplication(store: EventStore, vmId: string): Promise<ReplicationState> {
  return (await loadAggregate(store, replicationDecider, replicationStreamId(vmId))).state;
}
