import { loadAggregate } from '../event-store/aggregate-stream';
import { EventStore } from '../event-store/event-store.port';
import { vmDecider, VmState } from './domain/vm.decider';
import { vmStreamId } from './domain/vm.events';

/** A VM's state, folded from its stream through the port (from its latest snapshot): always current. */
export async function loadVm(store: EventStore, vmId: string): Promise<VmState> {
  return (await loadAggregate(store, vmDecider, vmStreamId(vmId))).state;
}
