import { LoadedAggregate, loadAggregate } from '../event-store/aggregate-stream';
import { EventStore } from '../event-store/event-store.port';
import { replicationDecider, ReplicationState } from './domain/replication.decider';
import { replicationStreamId } from './domain/replication.events';

/** A replication relationship's state, folded from its stream through the port (from its latest snapshot). */
export async function loadReplication(store: EventStore, vmId: string): Promise<ReplicationState> {
  return (await readReplication(store, vmId)).state;
}

/** The relationship with the version it was read at, for a command's handler to decide on without reading it again. */
export function readReplication(store: EventStore, vmId: string): Promise<LoadedAggregate<ReplicationState>> {
  return loadAggregate(store, replicationDecider, replicationStreamId(vmId));
}
