import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { HOST_EVENT_TYPES, HostEvent } from '../domain/host.events';
import { HostReadModel } from './host-read-model.entity';

/** Hosts as clients read them. A pure fold per host. */
export const hostProjection: DocumentProjection<HostReadModel> = {
  name: 'hosts',
  entity: HostReadModel,
  eventTypes: HOST_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('host-'.length)],
  evolve(document: HostReadModel | null, recorded: RecordedEvent): HostReadModel | null {
    const event = recorded as unknown as HostEvent & RecordedEvent;
    const stamp = { version: recorded.streamVersion, lastPosition: recorded.globalPosition };
    switch (event.type) {
      case 'HostRegistered': {
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
          maximumLiveMigrations: d.maximumLiveMigrations,
          state: 'Up',
          clusterId: null,
          registeredAt: d.registeredAt,
          ...stamp,
        };
      }
      default:
        return document;
    }
  },
};
