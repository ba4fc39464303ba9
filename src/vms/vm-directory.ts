import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { loadAggregate } from '../event-store/aggregate-stream';
import { DomainError } from '../platform/domain/domain-error';
import { vmDecider, vmStreamIdOf, VmState } from './domain/vm.decider';

/** The current state of one VM, folded from its stream (never behind, unlike the read model). */
@Injectable()
export class VmDirectory {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async find(vmId: string): Promise<Exclude<VmState, { status: 'None' }> | null> {
    const { state } = await loadAggregate(this.eventStore, vmDecider, vmStreamIdOf(vmId));
    return state.status === 'None' || state.status === 'Deleted' ? null : state;
  }

  async state(vmId: string): Promise<Exclude<VmState, { status: 'None' }>> {
    const state = await this.find(vmId);
    if (state === null) {
      throw new DomainError('NOT_FOUND', `Virtual machine ${vmId} does not exist`, 'not-found');
    }
    return state;
  }
}
