import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { displayedState, operationOfEvent } from '../domain/vm.decider';
import { PowerState, VM_EVENT_TYPES, VM_OPERATIONS, VmEvent } from '../domain/vm.events';
import { VmReadModel } from './vm-read-model.entity';

export const DEFAULT_INTEGRATION_SERVICES = {
  Heartbeat: true,
  Shutdown: true,
  TimeSynchronization: true,
  DataExchange: true,
  VSS: true,
  GuestServiceInterface: false,
};

/** Heartbeat as Hyper-V reports it for a guest in each power state (no guest agent model yet). */
function heartbeatOf(power: string, services: Record<string, boolean>): string {
  if (!services.Heartbeat) return 'Disabled';
  switch (power) {
    case 'Running':
      return 'OkApplicationsHealthy';
    case 'Paused':
      return 'Paused';
    default:
      return 'NoContact';
  }
}

/** VMs as clients read them: a pure fold of each VM's stream. */
export const vmProjection: DocumentProjection<VmReadModel> = {
  name: 'vms',
  entity: VmReadModel,
  eventTypes: VM_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('vm-'.length)],
  evolve(doc: VmReadModel | null, recorded: RecordedEvent): VmReadModel | null {
    const event = recorded as unknown as VmEvent;
    const stamp = { version: recorded.streamVersion, lastPosition: recorded.globalPosition };
    const operation = operationOfEvent(event.type);
    if (!operation) return doc;
    if (event.type === 'VmCreationRequested') {
      const d = event.data;
      return {
        id: d.vmId,
        name: d.name,
        tenant: d.tenant,
        hostId: d.hostId,
        clusterId: d.clusterId,
        generation: d.generation,
        configVersion: d.configVersion,
        state: 'Creating',
        powerState: 'Off',
        guestOs: d.guestOs,
        memory: d.memory,
        memoryDemandMb: null,
        processorCount: d.processorCount,
        networkAdapters: d.networkAdapters,
        disks: d.disks,
        firmware: d.firmware,
        checkpointType: d.checkpointType,
        currentCheckpointId: doc?.currentCheckpointId ?? null,
        integrationServices: doc?.integrationServices ?? DEFAULT_INTEGRATION_SERVICES,
        heartbeat: 'NoContact',
        pendingJobId: d.job.jobId,
        lastJobId: d.job.jobId,
        createdAt: doc?.createdAt ?? d.requestedAt,
        ...stamp,
      };
    }
    if (!doc) return doc;
    switch (operation.phase) {
      case 'requested': {
        const { job } = event.data as { job: { jobId: string } };
        return {
          ...doc,
          state: displayedState(doc.powerState as PowerState, operation.kind),
          pendingJobId: job.jobId,
          lastJobId: job.jobId,
          ...stamp,
        };
      }
      case 'succeeded': {
        if (event.type === 'VmDeleted') return null;
        const power = VM_OPERATIONS[operation.kind].to;
        const memoryDemandMb =
          event.type === 'VmStarted'
            ? event.data.memoryDemandMb
            : power === 'Running' || power === 'Paused'
              ? doc.memoryDemandMb
              : null;
        return {
          ...doc,
          state: power,
          powerState: power,
          pendingJobId: null,
          memoryDemandMb,
          heartbeat: heartbeatOf(power, doc.integrationServices),
          ...stamp,
        };
      }
      case 'failed':
        return {
          ...doc,
          state: operation.kind === 'create-vm' ? 'CreationFailed' : doc.powerState,
          pendingJobId: null,
          ...stamp,
        };
    }
  },
};
