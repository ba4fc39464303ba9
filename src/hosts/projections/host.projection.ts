import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { HOST_EVENT_TYPES, HostEvent } from '../domain/host.events';
import { HostReadModel } from './host-read-model.entity';

/**
 * VM events that change what runs on a host: started/resumed VMs hold memory until stopped, saved,
 * deleted, turned Off or Saved by applying a checkpoint, or by a version update; a running VM's
 * memory can be resized.
 */
const VM_MEMORY_EVENTS = [
  'VmStarted',
  'VmResumed',
  'VmPaused',
  'VmStopped',
  'VmSaved',
  'VmDeleted',
  'VmCheckpointApplied',
  'VmVersionUpgraded',
  'VmMemoryChanged',
  'VmMigrated',
  'VmFailedOver',
  'VmRelocated',
] as const;
/** Cluster events that change which cluster a host belongs to (claimed when asked, released on failure or eviction). */
const MEMBERSHIP_EVENTS = [
  'ClusterCreationRequested',
  'ClusterCreationFailed',
  'ClusterNodeAdditionRequested',
  'ClusterNodeAdditionFailed',
  'ClusterNodeEvicted',
] as const;

type MembershipData = {
  clusterId: string;
  nodes?: Array<{ hostId: string }>;
  node?: { hostId: string };
  hostIds?: string[];
  hostId?: string;
};

function membersOf(data: MembershipData): string[] {
  return (
    data.nodes?.map((n) => n.hostId) ?? (data.node ? [data.node.hostId] : (data.hostIds ?? (data.hostId ? [data.hostId] : [])))
  );
}

/** Events that move a VM from one host (`fromHostId`) to another (`hostId`). */
const MOVES = new Set(['VmMigrated', 'VmFailedOver', 'VmRelocated']);
const HOLDS_MEMORY = new Set(['VmStarted', 'VmResumed', 'VmPaused']);
/** Events that change the memory of a VM only if it holds some already. */
const RESIZES_MEMORY = new Set(['VmMemoryChanged']);

type VmMemoryEvent = {
  type: string;
  data: {
    vmId: string;
    hostId: string;
    memoryMb: number;
    fromHostId?: string;
    migrationType?: string;
    restart?: boolean;
    power?: string;
  };
};

function withRunningVms(doc: HostReadModel, runningVms: Record<string, number>): HostReadModel {
  const memoryUsedMb = Object.values(runningVms).reduce((sum, mb) => sum + mb, 0);
  return { ...doc, runningVms, memoryUsedMb };
}

/** Hosts as clients read them. A pure fold per host, over host events and the VM events that place load on it. */
export const hostProjection: DocumentProjection<HostReadModel> = {
  name: 'hosts',
  entity: HostReadModel,
  eventTypes: [...HOST_EVENT_TYPES, ...VM_MEMORY_EVENTS, ...MEMBERSHIP_EVENTS],
  documentIds: (event) => {
    if (event.streamId.startsWith('host-')) return [event.streamId.slice('host-'.length)];
    if (event.streamId.startsWith('cluster-')) return membersOf(event.data as MembershipData);
    const data = event.data as { hostId: string; fromHostId?: string };
    return MOVES.has(event.type) && data.fromHostId ? [data.fromHostId, data.hostId] : [data.hostId];
  },
  evolve(document: HostReadModel | null, recorded: RecordedEvent, hostId?: string): HostReadModel | null {
    if (recorded.streamId.startsWith('cluster-')) {
      if (!document) return document;
      const data = recorded.data as MembershipData;
      const joins = recorded.type === 'ClusterCreationRequested' || recorded.type === 'ClusterNodeAdditionRequested';
      if (joins) return { ...document, clusterId: data.clusterId };
      // A release only undoes this cluster's claim (the host may have joined another since).
      return document.clusterId === data.clusterId ? { ...document, clusterId: null } : document;
    }
    if (!recorded.streamId.startsWith('host-')) {
      if (!document) return document;
      const { data, type } = recorded as unknown as VmMemoryEvent;
      const { [data.vmId]: previous, ...others } = document.runningVms;
      if (MOVES.has(type)) {
        // The source lets the VM go; the destination holds its memory if it runs (or is paused) there.
        const arrives = (hostId ?? document.id) === data.hostId;
        const running =
          type === 'VmMigrated'
            ? data.migrationType === 'Live'
            : type === 'VmRelocated'
              ? data.power === 'Running'
              : data.restart === true;
        return withRunningVms(document, arrives && running ? { ...others, [data.vmId]: data.memoryMb } : others);
      }
      const holds = HOLDS_MEMORY.has(type) || (RESIZES_MEMORY.has(type) && previous !== undefined);
      return withRunningVms(document, holds ? { ...others, [data.vmId]: data.memoryMb } : others);
    }
    const event = recorded as unknown as HostEvent;
    const stamp = { version: recorded.streamVersion, lastPosition: recorded.globalPosition };
    if (event.type === 'HostRegistered') {
      const d = event.data;
      return {
        id: d.hostId,
        name: d.name,
        address: d.address,
        osVersion: d.osVersion,
        slat: d.slat,
        cpuVendor: d.cpuVendor,
        logicalProcessors: d.logicalProcessors,
        memoryMb: d.memoryMb,
        memoryUsedMb: 0,
        runningVms: {},
        maximumLiveMigrations: d.maximumLiveMigrations,
        state: 'Up',
        clusterId: null,
        registeredAt: d.registeredAt,
        ...stamp,
      };
    }
    if (!document) return document;
    switch (event.type) {
      case 'HostReinstallRequested':
        return { ...document, state: 'Reinstalling', ...stamp };
      case 'HostReinstalled':
        return { ...document, state: 'Up', osVersion: event.data.osVersion, ...stamp };
      case 'HostReinstallFailed':
        return { ...document, state: 'Up', ...stamp };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
