import type { ExistingVm } from '../../vms/domain/existing-vm';
import type { VmFacts } from './replication.commands';
import { replicationErrors } from './replication.errors';
import type { ReplicationState } from './replication.state';

/** The VM as the replication rules see it. */
export function replicatedVmFactsOf(vm: ExistingVm): VmFacts {
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

/** The replica host of a relationship; without one, replication is not enabled. */
export function replicaHostIdOf(state: ReplicationState): string {
  if (state.status === 'None') throw replicationErrors.notEnabled();
  return state.replicaHostId;
}
