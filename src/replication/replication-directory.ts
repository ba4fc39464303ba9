import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { fold } from '../platform/domain/decider';
import { ProblemError } from '../platform/http/problem';
import { HostDirectory } from '../hosts/host-directory';
import type { HostRef } from '../jobs/domain/hypervisor-driver.port';
import { VmDirectory } from '../vms/vm-directory';
import { replicationDecider, ReplicationState, VmFacts } from './domain/replication.decider';
import { ReplicationEvent, replicationStreamId } from './domain/replication.events';

/** What replication commands need to know: the relationship (its stream), the VM (its aggregate) and the hosts. */
@Injectable()
export class ReplicationDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly vms: VmDirectory,
    private readonly hosts: HostDirectory,
  ) {}

  async state(vmId: string): Promise<ReplicationState> {
    return fold(
      replicationDecider,
      (await this.eventStore.readStream(replicationStreamId(vmId))) as unknown as ReplicationEvent[],
    );
  }

  async vmFacts(vmId: string): Promise<VmFacts & { tenant: string }> {
    const vm = await this.vms.state(vmId);
    return {
      vmId: vm.vmId,
      name: vm.name,
      tenant: vm.tenant,
      hostId: vm.hostId,
      configVersion: vm.configVersion,
      generation: vm.generation,
      memoryMb: vm.memory.startupMb,
      processorCount: vm.processorCount,
      power: vm.power,
      disks: vm.disks.map((d) => ({ id: d.id, name: d.name, sizeGb: d.sizeGb })),
    };
  }

  async hostRef(hostId: string): Promise<HostRef> {
    const host = await this.hosts.state(hostId);
    return { hostId: host.hostId, name: host.name, osVersion: host.osVersion, memoryMb: host.memoryMb };
  }

  /** The VM, its primary host (where it runs) and its replica host as the relationship names them. */
  async facts(vmId: string, replicaHostId?: string) {
    const [vm, state] = await Promise.all([this.vmFacts(vmId), this.state(vmId)]);
    const replicaId = replicaHostId ?? (state.status !== 'None' ? state.replicaHostId : undefined);
    if (!replicaId) throw new ProblemError(404, 'NOT_FOUND', 'Replication is not enabled for this virtual machine');
    const [primary, replica] = await Promise.all([this.hostRef(vm.hostId), this.hostRef(replicaId)]);
    return { vm, state, primary, replica };
  }
}
