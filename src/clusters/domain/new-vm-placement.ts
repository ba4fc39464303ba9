import { DomainError } from '../../platform/domain/domain-error';
import { osOfFunctionalLevel, release } from '../../hosts/domain/windows-server';
import type { ClusterFacts, PlacementRecord } from '../../vms/domain/vm.commands';
import { capacities, clusterFactsOf } from './cluster-rules';
import type { ExistingCluster } from './cluster.state';
import { rateNodes } from './placement';

/** What placement needs to know of a VM not created yet. */
export interface NewVm {
  name: string;
  memoryMb: number;
  /** Absent: the default version of the cluster's functional level. */
  configVersion: string | undefined;
  processorCount: number;
}

/**
 * The node of an active cluster that takes a new VM: Up (not paused, isolated or quarantined),
 * running the VM's version, with the processors and the most free memory. Every candidate's rating
 * goes into the record, which the VM's job keeps.
 */
export function placeNewVm(
  cluster: ExistingCluster,
  vm: NewVm,
  loads: Record<string, number>,
): { chosenHostId: string; cluster: ClusterFacts; placement: PlacementRecord } {
  if (cluster.status !== 'Active') throw new DomainError('INVALID_CLUSTER_STATE', `Cluster ${cluster.name} is not active yet`);
  const levelOs = osOfFunctionalLevel(cluster.functionalLevel) ?? cluster.nodes[0].osVersion;
  const configVersion = vm.configVersion ?? release(levelOs).defaultConfigVersion;
  const decision = rateNodes(
    {
      vmId: '',
      name: vm.name,
      hostId: null,
      memoryMb: vm.memoryMb,
      configVersion,
      processorCount: vm.processorCount,
      power: 'Running',
    },
    capacities(cluster, loads),
  );
  if (!decision.chosen) {
    throw new DomainError('NO_SUITABLE_NODE', `No node of cluster ${cluster.name} can take the virtual machine`, 'conflict', {
      candidates: decision.candidates,
    });
  }
  return {
    chosenHostId: decision.chosen.hostId,
    cluster: clusterFactsOf(cluster),
    placement: { clusterId: cluster.clusterId, chosenHostId: decision.chosen.hostId, candidates: decision.candidates },
  };
}
