import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { fold } from '../platform/domain/decider';
import { ProblemError } from '../platform/http/problem';
import { vmDecider, vmStreamIdOf, VmState } from './domain/vm.decider';
import { VmEvent } from './domain/vm.events';

/** The current state of one VM, folded from its stream (never behind, unlike the read model). */
@Injectable()
export class VmDirectory {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async find(vmId: string): Promise<Exclude<VmState, { status: 'None' }> | null> {
    const state = fold(vmDecider, (await this.eventStore.readStream(vmStreamIdOf(vmId))) as unknown as VmEvent[]);
    return state.status === 'None' || state.status === 'Deleted' ? null : state;
  }

  async state(vmId: string): Promise<Exclude<VmState, { status: 'None' }>> {
    const state = await this.find(vmId);
    if (state === null) {
      throw new ProblemError(404, 'NOT_FOUND', `Virtual machine ${vmId} does not exist`);
    }
    return state;
  }
}
