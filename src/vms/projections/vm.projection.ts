import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { displayedState, operationOfEvent } from '../domain/vm.decider';
import { applyChange, heartbeatOf, holdsMemory, initialConfiguration } from '../domain/vm-configuration';
import {
  GuestHeartbeat,
  IntegrationService,
  PowerOperationKind,
  PowerState,
  VM_EVENT_TYPES,
  VM_OPERATIONS,
  VmChange,
  VmConfiguration,
  VmEvent,
} from '../domain/vm.events';
import { VmReadModel } from './vm-read-model.entity';

export { DEFAULT_INTEGRATION_SERVICES } from '../domain/vm.events';

/** Cluster events that name the VMs of a node losing or regaining the cluster heartbeat. */
const MONITORING_EVENTS = ['ClusterNodeIsolated', 'ClusterNodeRejoined'];

const POWER_OPERATIONS = new Set<string>(['create-vm', 'start-vm', 'stop-vm', 'save-vm', 'pause-vm', 'resume-vm', 'delete-vm']);

/** The configuration part of a read-model row, in the shape the domain folds. */
function configurationOf(doc: VmReadModel): VmConfiguration {
  return {
    name: doc.name,
    tenant: doc.tenant,
    hostId: doc.hostId,
    clusterId: doc.clusterId,
    generation: doc.generation as 1 | 2,
    configVersion: doc.configVersion,
    guestOs: doc.guestOs as VmConfiguration['guestOs'],
    memory: doc.memory,
    processorCount: doc.processorCount,
    networkAdapters: doc.networkAdapters,
    disks: doc.disks,
    firmware: doc.firmware,
    checkpointType: doc.checkpointType as VmConfiguration['checkpointType'],
    compatibilityForMigration: doc.compatibilityForMigration,
    exposeVirtualizationExtensions: doc.exposeVirtualizationExtensions,
    integrationServices: doc.integrationServices as VmConfiguration['integrationServices'],
    integrationServicesVersion: doc.integrationServicesVersion,
    checkpoints: doc.checkpoints,
    currentCheckpointId: doc.currentCheckpointId,
  };
}

function withHeartbeat(doc: VmReadModel): VmReadModel {
  return {
    ...doc,
    heartbeat: heartbeatOf(
      doc.powerState as PowerState,
      doc.integrationServices as Record<IntegrationService, boolean>,
      doc.reportedHeartbeat as GuestHeartbeat | null,
    ),
  };
}

/** VMs as clients read them: a pure fold of each VM's stream, through the same configuration rules as the aggregate. */
export const vmProjection: DocumentProjection<VmReadModel> = {
  name: 'vms',
  entity: VmReadModel,
  eventTypes: [...VM_EVENT_TYPES, ...MONITORING_EVENTS],
  documentIds: (event) =>
    event.streamId.startsWith('vm-') ? [event.streamId.slice('vm-'.length)] : ((event.data as { vmIds?: string[] }).vmIds ?? []),
  evolve(doc: VmReadModel | null, recorded: RecordedEvent): VmReadModel | null {
    if (!recorded.streamId.startsWith('vm-')) {
      // A cluster event about the VM's node: its monitoring changes, not its version or position in its own stream.
      return doc && { ...doc, unmonitored: recorded.type === 'ClusterNodeIsolated' };
    }
    const event = recorded as unknown as VmEvent;
    const stamp = { version: recorded.streamVersion, lastPosition: recorded.globalPosition };
    if (event.type === 'VmCheckpointTypeChanged') return doc && { ...doc, checkpointType: event.data.checkpointType, ...stamp };
    if (event.type === 'VmVersionUpgradeNotNeeded') return doc && { ...doc, ...stamp };
    if (event.type === 'VmRelocated') {
      return (
        doc &&
        withHeartbeat({
          ...doc,
          hostId: event.data.hostId,
          clusterId: event.data.clusterId,
          powerState: event.data.power,
          state: doc.pendingJobId ? doc.state : event.data.power,
          memoryDemandMb: null,
          unmonitored: false,
          ...stamp,
        })
      );
    }
    const operation = operationOfEvent(event.type);
    if (!operation) return doc;
    if (event.type === 'VmCreationRequested') {
      const { vmId, job, requestedAt, ...spec } = event.data;
      const config = initialConfiguration(spec);
      return withHeartbeat({
        id: vmId,
        ...config,
        state: 'Creating',
        powerState: 'Off',
        memoryDemandMb: null,
        reportedHeartbeat: null,
        unmonitored: false,
        heartbeat: 'NoContact',
        pendingJobId: job.jobId,
        lastJobId: job.jobId,
        hypervisorVmId: null,
        createdAt: doc?.createdAt ?? requestedAt,
        ...stamp,
      });
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
        const data = event.data as { memoryDemandMb?: number | null; heartbeat?: string | null };
        const after = POWER_OPERATIONS.has(operation.kind)
          ? { config: configurationOf(doc), power: VM_OPERATIONS[operation.kind as PowerOperationKind].to }
          : applyChange(configurationOf(doc), doc.powerState as PowerState, { ...event.data, kind: operation.kind } as VmChange);
        const running = holdsMemory(after.power);
        return withHeartbeat({
          ...doc,
          ...after.config,
          state: after.power,
          powerState: after.power,
          pendingJobId: null,
          memoryDemandMb: running ? (data.memoryDemandMb ?? doc.memoryDemandMb) : null,
          // A VM that moved or failed over runs on a node the cluster hears again.
          unmonitored: event.type === 'VmMigrated' || event.type === 'VmFailedOver' ? false : doc.unmonitored,
          reportedHeartbeat: running ? (data.heartbeat ?? doc.reportedHeartbeat) : null,
          // Recorded by hosts that report it (absent in VmCreated events recorded before they did).
          ...(event.type === 'VmCreated' && event.data.hypervisorVmId ? { hypervisorVmId: event.data.hypervisorVmId } : {}),
          ...stamp,
        });
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
