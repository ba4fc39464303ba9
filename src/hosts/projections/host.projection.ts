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
] as const;
const HOLDS_MEMORY = new Set(['VmStarted', 'VmResumed', 'VmPaused']);
/** Events that change the memory of a VM only if it holds some already. */
const RESIZES_MEMORY = new Set(['VmMemoryChanged']);

type VmMemoryEvent = { type: string; data: { vmId: string; hostId: string; memoryMb: number } };

function withRunningVms(doc: HostReadModel, runningVms: Record<string, number>): HostReadModel {
  const memoryUsedMb = Object.values(runningVms).reduce((sum, mb) => sum + mb, 0);
  return { ...doc, runningVms, memoryUsedMb };
}

/** Hosts as clients read them. A pure fold per host, over host events and the VM events that place load on it. */
export const hostProjection: DocumentProjection<HostReadModel> = {
  name: 'hosts',
  entity: HostReadModel,
  eventTypes: [...HOST_EVENT_TYPES, ...VM_MEMORY_EVENTS],
  documentIds: (event) =>
    event.streamId.startsWith('host-') ? [event.streamId.slice('host-'.length)] : [(event.data as { hostId: string }).hostId],
  evolve(document: HostReadModel | null, recorded: RecordedEvent): HostReadModel | null {
    if (!recorded.streamId.startsWith('host-')) {
      if (!document) return document;
      const { data, type } = recorded as unknown as VmMemoryEvent;
      const { [data.vmId]: previous, ...others } = document.runningVms;
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
