import type { HostRef } from '../../jobs/domain/hypervisor-driver.port';
import type { HostFacts } from '../../vms/domain/vm.commands';
import type { HostState } from './host.decider';
import { hostNotFound } from './host.errors';

export type RegisteredHost = Extract<HostState, { status: 'Registered' }>;

/** Where a host stands in the fleet, as the read models know it: its cluster and the memory placed on it. */
export interface HostPlacement {
  clusterId: string | null;
  /** The cluster's name, as scripts address it; null when standalone. */
  clusterName: string | null;
  memoryUsedMb: number;
}

/** The host a command or a fact is about; an unregistered host does not exist. */
export function registeredHost(state: HostState, hostId: string): RegisteredHost {
  if (state.status !== 'Registered') throw hostNotFound(hostId);
  return state;
}

/** What other contexts' rules know of a host: its own facts, and the load placed on it (none when unknown). */
export function hostFactsOf(host: RegisteredHost, placement: HostPlacement | null): HostFacts {
  return {
    hostId: host.hostId,
    name: host.name,
    osVersion: host.osVersion,
    state: host.reinstalling ? 'Reinstalling' : 'Up',
    clusterId: placement?.clusterId ?? null,
    clusterName: placement?.clusterName ?? null,
    memoryMb: host.memoryMb,
    memoryUsedMb: placement?.memoryUsedMb ?? 0,
    logicalProcessors: host.logicalProcessors,
    cpuVendor: host.cpuVendor,
    maximumLiveMigrations: host.maximumLiveMigrations,
  };
}

/** A host as a job's script names it (from its state, or from facts already read). */
export function hostRefOf(host: Pick<RegisteredHost, 'hostId' | 'name' | 'osVersion' | 'memoryMb'>): HostRef {
  return { hostId: host.hostId, name: host.name, osVersion: host.osVersion, memoryMb: host.memoryMb };
}
