import { DomainEvent } from '../../platform/domain/decider';
import type { JobProblem, RequestedJob } from '../../jobs/domain/job.events';
import type { GuestHeartbeat, IntegrationServiceName } from '../../jobs/domain/hypervisor-driver.port';

/** Who asked for a move: an operator, or a fabric process (a drain, a failback, a failover, an upgrade). */
export interface MoveInitiator {
  type: 'operator' | 'drain' | 'failback' | 'failover' | 'rolling-upgrade';
  /** The orchestrating job (drain, failback) or process, and the step of it this move is. */
  jobId: string | null;
  /** The attempt of that job, so the outcome of an earlier attempt's move is not taken for this one's. */
  attempt: number | null;
  stepIndex: number | null;
}

export type PowerState = 'Off' | 'Running' | 'Paused' | 'Saved';
export type CheckpointType = 'Production' | 'ProductionOnly' | 'Standard' | 'Disabled';
export type SecureBootTemplate = 'MicrosoftWindows' | 'MicrosoftUEFICertificateAuthority' | 'OpenSourceShieldedVM';
export type IntegrationService = IntegrationServiceName;
export type { GuestHeartbeat };

export const INTEGRATION_SERVICES: readonly IntegrationService[] = [
  'Heartbeat',
  'Shutdown',
  'TimeSynchronization',
  'DataExchange',
  'VSS',
  'GuestServiceInterface',
];

/** Hyper-V's defaults: every service on except Guest Service Interface. */
export const DEFAULT_INTEGRATION_SERVICES: Readonly<Record<IntegrationService, boolean>> = {
  Heartbeat: true,
  Shutdown: true,
  TimeSynchronization: true,
  DataExchange: true,
  VSS: true,
  GuestServiceInterface: false,
};

export interface MemorySettings {
  startupMb: number;
  dynamic: { minimumMb: number; maximumMb: number; bufferPercent: number } | null;
}

export interface NetworkAdapter {
  id: string;
  name: string;
  switchName: string;
}

export interface VirtualDisk {
  id: string;
  name: string;
  sizeGb: number;
}

export interface Firmware {
  secureBoot: boolean;
  secureBootTemplate: SecureBootTemplate;
}

export interface VmSpecification {
  name: string;
  tenant: string;
  hostId: string;
  clusterId: string | null;
  generation: 1 | 2;
  configVersion: string;
  guestOs: { family: 'windows' | 'linux'; version: string | null };
  memory: MemorySettings;
  processorCount: number;
  networkAdapters: NetworkAdapter[];
  disks: VirtualDisk[];
  firmware: Firmware | null;
  checkpointType: CheckpointType;
}

/** The hardware a checkpoint captures and applying it restores. */
export interface VmHardware {
  memory: MemorySettings;
  processorCount: number;
  networkAdapters: NetworkAdapter[];
  disks: VirtualDisk[];
  firmware: Firmware | null;
}

export interface Checkpoint {
  id: string;
  /** Hyper-V's own id of the checkpoint, once the host reported it. */
  hypervisorId?: string;
  name: string;
  parentId: string | null;
  /** What was actually taken: a Production request that fell back is Standard. */
  kind: 'Production' | 'Standard';
  /** Memory and device state saved with it (an online, Standard checkpoint of a running, paused or saved VM). */
  includesState: boolean;
  createdAt: string;
  hardware: VmHardware;
}

/** Everything about a VM beyond its power state that events change after creation. */
export interface VmConfiguration extends VmSpecification {
  compatibilityForMigration: boolean;
  /** Nested virtualization: the guest sees the processor's virtualization extensions. */
  exposeVirtualizationExtensions: boolean;
  integrationServices: Record<IntegrationService, boolean>;
  /** Recorded from the update channel; null until the first update is recorded. */
  integrationServicesVersion: string | null;
  checkpoints: Checkpoint[];
  currentCheckpointId: string | null;
}

/**
 * A change of configuration that needs host work: recorded in the intent event, carried by the
 * pending operation, and repeated in the success event so that every reader can apply it alone.
 */
export type VmChange =
  | {
      kind: 'upgrade-vm-version';
      fromVersion: string;
      toVersion: string;
      savedStateDiscarded: boolean;
      checkpointsMadeOffline: string[];
    }
  | { kind: 'set-vm-firmware'; firmware: Firmware }
  | { kind: 'add-network-adapter'; adapter: NetworkAdapter; hot: boolean }
  | { kind: 'remove-network-adapter'; adapter: NetworkAdapter; hot: boolean }
  | { kind: 'set-vm-memory'; memory: MemorySettings; runtime: boolean }
  /** `exposeVirtualizationExtensions` is absent from changes recorded before nested virtualization was modelled (off). */
  | {
      kind: 'set-vm-processor';
      processorCount: number;
      compatibilityForMigration: boolean;
      exposeVirtualizationExtensions?: boolean;
    }
  | { kind: 'set-integration-service'; service: IntegrationService; enabled: boolean }
  | { kind: 'update-integration-services'; version: string; previousVersion: string | null }
  | { kind: 'add-vm-disk'; disk: VirtualDisk; forced: boolean; warning: string | null }
  /** A virtual disk grows (Resize-VHD); in mixed mode only with `forced`, and then with a warning. */
  | { kind: 'resize-vm-disk'; diskId: string; fromSizeGb: number; toSizeGb: number; forced: boolean; warning: string | null }
  /** The VM's checkpoint type on its host (Set-VM -CheckpointType). */
  | { kind: 'set-checkpoint-type'; checkpointType: CheckpointType; previous: CheckpointType }
  | { kind: 'create-checkpoint'; checkpoint: Checkpoint; requestedType: CheckpointType; fallbackReason: string | null }
  | { kind: 'apply-checkpoint'; checkpointId: string; resultingState: 'Off' | 'Saved'; hardware: VmHardware }
  | {
      kind: 'migrate-vm';
      fromHostId: string;
      toHostId: string;
      fromClusterId: string | null;
      toClusterId: string | null;
      migrationType: 'Live' | 'Quick';
      initiator: MoveInitiator;
    }
  | {
      kind: 'failover-vm';
      fromHostId: string;
      toHostId: string;
      toClusterId: string | null;
      /** The VM ran (or was paused) on the lost node: it is started again on the new one. */
      restart: boolean;
      initiator: MoveInitiator;
    }
  | {
      kind: 'delete-checkpoint';
      checkpointId: string;
      subtree: boolean;
      removedIds: string[];
      reparented: Array<{ id: string; parentId: string | null }>;
      currentCheckpointId: string | null;
    };

export type VmChangeKind = VmChange['kind'];
export type ChangeData<K extends VmChangeKind> = Omit<Extract<VmChange, { kind: K }>, 'kind'>;

/** Operations without a change payload: creation and the power operations. */
export type PowerOperationKind = 'create-vm' | 'start-vm' | 'stop-vm' | 'save-vm' | 'pause-vm' | 'resume-vm' | 'delete-vm';

/** The host work an operation needs; recorded with the intent so the dispatcher can queue it. */
export type VmOperationKind = PowerOperationKind | VmChangeKind;

/** What the guest reported when the operation left it running. */
export interface GuestReport {
  memoryDemandMb?: number | null;
  heartbeat?: GuestHeartbeat | null;
}

type Intent<T extends string, D extends object = object> = DomainEvent<
  T,
  D & { vmId: string; job: RequestedJob; requestedAt: string }
>;
type Done<T extends string, D extends object = object> = DomainEvent<
  T,
  D & { vmId: string; jobId: string; hostId: string; memoryMb: number; at: string } & GuestReport
>;
type Failed<T extends string> = DomainEvent<
  T,
  /** `initiator`: for a failed move, who asked for it (a drain waits for it). */
  { vmId: string; jobId: string; problem: JobProblem; state: PowerState | null; at: string; initiator?: MoveInitiator }
>;
type ChangeEvents<K extends VmChangeKind, R extends string, S extends string, F extends string> =
  Intent<R, ChangeData<K>> | Done<S, ChangeData<K>> | Failed<F>;

export type VmEvent =
  /** `firmwareNote`: why the firmware differs from the usual default (a Linux VM below 6.2 has Secure Boot off). */
  | Intent<'VmCreationRequested', VmSpecification & { firmwareNote?: string }>
  | Intent<'VmStartRequested'>
  | Intent<'VmStopRequested', { mode: 'shutdown' | 'turn-off' }>
  | Intent<'VmSaveRequested'>
  | Intent<'VmPauseRequested'>
  | Intent<'VmResumeRequested'>
  | Intent<'VmDeletionRequested'>
  /** `hypervisorVmId`: Hyper-V's own id of the new VM, as the host reported it (absent in events recorded before). */
  | Done<'VmCreated', { hypervisorVmId?: string }>
  | Done<'VmStarted'>
  | Done<'VmStopped'>
  | Done<'VmSaved'>
  | Done<'VmPaused'>
  | Done<'VmResumed'>
  | Done<'VmDeleted'>
  | Failed<'VmCreationFailed'>
  | Failed<'VmStartFailed'>
  | Failed<'VmStopFailed'>
  | Failed<'VmSaveFailed'>
  | Failed<'VmPauseFailed'>
  | Failed<'VmResumeFailed'>
  | Failed<'VmDeletionFailed'>
  | ChangeEvents<'upgrade-vm-version', 'VmVersionUpgradeRequested', 'VmVersionUpgraded', 'VmVersionUpgradeFailed'>
  | ChangeEvents<'set-vm-firmware', 'VmFirmwareChangeRequested', 'VmFirmwareChanged', 'VmFirmwareChangeFailed'>
  | ChangeEvents<
      'add-network-adapter',
      'VmNetworkAdapterAdditionRequested',
      'VmNetworkAdapterAdded',
      'VmNetworkAdapterAdditionFailed'
    >
  | ChangeEvents<
      'remove-network-adapter',
      'VmNetworkAdapterRemovalRequested',
      'VmNetworkAdapterRemoved',
      'VmNetworkAdapterRemovalFailed'
    >
  | ChangeEvents<'set-vm-memory', 'VmMemoryChangeRequested', 'VmMemoryChanged', 'VmMemoryChangeFailed'>
  | ChangeEvents<'set-vm-processor', 'VmProcessorChangeRequested', 'VmProcessorChanged', 'VmProcessorChangeFailed'>
  | ChangeEvents<
      'set-integration-service',
      'VmIntegrationServiceChangeRequested',
      'VmIntegrationServiceChanged',
      'VmIntegrationServiceChangeFailed'
    >
  | ChangeEvents<
      'update-integration-services',
      'VmIntegrationServicesUpdateRequested',
      'VmIntegrationServicesUpdated',
      'VmIntegrationServicesUpdateFailed'
    >
  | ChangeEvents<'add-vm-disk', 'VmDiskAdditionRequested', 'VmDiskAdded', 'VmDiskAdditionFailed'>
  | ChangeEvents<'resize-vm-disk', 'VmDiskResizeRequested', 'VmDiskResized', 'VmDiskResizeFailed'>
  | ChangeEvents<'set-checkpoint-type', 'VmCheckpointTypeChangeRequested', 'VmCheckpointTypeSet', 'VmCheckpointTypeChangeFailed'>
  | Intent<'VmCheckpointRequested', ChangeData<'create-checkpoint'>>
  /** `hypervisorCheckpointId`: Hyper-V's own id of the checkpoint, as the host reported it. */
  | Done<'VmCheckpointCreated', ChangeData<'create-checkpoint'> & { hypervisorCheckpointId?: string }>
  | Failed<'VmCheckpointFailed'>
  | ChangeEvents<'apply-checkpoint', 'VmCheckpointApplyRequested', 'VmCheckpointApplied', 'VmCheckpointApplyFailed'>
  | ChangeEvents<'delete-checkpoint', 'VmCheckpointDeletionRequested', 'VmCheckpointDeleted', 'VmCheckpointDeletionFailed'>
  | ChangeEvents<'migrate-vm', 'VmMigrationRequested', 'VmMigrated', 'VmMigrationFailed'>
  | ChangeEvents<'failover-vm', 'VmFailoverRequested', 'VmFailedOver', 'VmFailoverFailed'>
  /**
   * Changes of the fabric model alone, with no host work. `VmCheckpointTypeChanged` is only read:
   * the checkpoint type is now set on the host by a job (VmCheckpointTypeChangeRequested …).
   */
  | DomainEvent<'VmCheckpointTypeChanged', { vmId: string; checkpointType: CheckpointType; previous: CheckpointType; at: string }>
  | DomainEvent<'VmVersionUpgradeNotNeeded', { vmId: string; configVersion: string; warning: string; at: string }>
  /** The VM now runs elsewhere because of something outside its own operations (a Hyper-V Replica failover). */
  | DomainEvent<
      'VmRelocated',
      {
        vmId: string;
        fromHostId: string;
        hostId: string;
        clusterId: string | null;
        power: PowerState;
        memoryMb: number;
        reason: string;
        at: string;
      }
    >;

export type VmEventType = VmEvent['type'];

/**
 * For each operation: its intent, success and failure events, and the power state on success
 * (null: unchanged, or decided by the change itself).
 */
export const VM_OPERATIONS = {
  'create-vm': { requested: 'VmCreationRequested', succeeded: 'VmCreated', failed: 'VmCreationFailed', to: 'Off' },
  'start-vm': { requested: 'VmStartRequested', succeeded: 'VmStarted', failed: 'VmStartFailed', to: 'Running' },
  'stop-vm': { requested: 'VmStopRequested', succeeded: 'VmStopped', failed: 'VmStopFailed', to: 'Off' },
  'save-vm': { requested: 'VmSaveRequested', succeeded: 'VmSaved', failed: 'VmSaveFailed', to: 'Saved' },
  'pause-vm': { requested: 'VmPauseRequested', succeeded: 'VmPaused', failed: 'VmPauseFailed', to: 'Paused' },
  'resume-vm': { requested: 'VmResumeRequested', succeeded: 'VmResumed', failed: 'VmResumeFailed', to: 'Running' },
  'delete-vm': { requested: 'VmDeletionRequested', succeeded: 'VmDeleted', failed: 'VmDeletionFailed', to: 'Off' },
  'upgrade-vm-version': {
    requested: 'VmVersionUpgradeRequested',
    succeeded: 'VmVersionUpgraded',
    failed: 'VmVersionUpgradeFailed',
    to: 'Off',
  },
  'set-vm-firmware': {
    requested: 'VmFirmwareChangeRequested',
    succeeded: 'VmFirmwareChanged',
    failed: 'VmFirmwareChangeFailed',
    to: null,
  },
  'add-network-adapter': {
    requested: 'VmNetworkAdapterAdditionRequested',
    succeeded: 'VmNetworkAdapterAdded',
    failed: 'VmNetworkAdapterAdditionFailed',
    to: null,
  },
  'remove-network-adapter': {
    requested: 'VmNetworkAdapterRemovalRequested',
    succeeded: 'VmNetworkAdapterRemoved',
    failed: 'VmNetworkAdapterRemovalFailed',
    to: null,
  },
  'set-vm-memory': {
    requested: 'VmMemoryChangeRequested',
    succeeded: 'VmMemoryChanged',
    failed: 'VmMemoryChangeFailed',
    to: null,
  },
  'set-vm-processor': {
    requested: 'VmProcessorChangeRequested',
    succeeded: 'VmProcessorChanged',
    failed: 'VmProcessorChangeFailed',
    to: null,
  },
  'set-integration-service': {
    requested: 'VmIntegrationServiceChangeRequested',
    succeeded: 'VmIntegrationServiceChanged',
    failed: 'VmIntegrationServiceChangeFailed',
    to: null,
  },
  'update-integration-services': {
    requested: 'VmIntegrationServicesUpdateRequested',
    succeeded: 'VmIntegrationServicesUpdated',
    failed: 'VmIntegrationServicesUpdateFailed',
    to: null,
  },
  'add-vm-disk': { requested: 'VmDiskAdditionRequested', succeeded: 'VmDiskAdded', failed: 'VmDiskAdditionFailed', to: null },
  'resize-vm-disk': { requested: 'VmDiskResizeRequested', succeeded: 'VmDiskResized', failed: 'VmDiskResizeFailed', to: null },
  'set-checkpoint-type': {
    requested: 'VmCheckpointTypeChangeRequested',
    succeeded: 'VmCheckpointTypeSet',
    failed: 'VmCheckpointTypeChangeFailed',
    to: null,
  },
  'create-checkpoint': {
    requested: 'VmCheckpointRequested',
    succeeded: 'VmCheckpointCreated',
    failed: 'VmCheckpointFailed',
    to: null,
  },
  'apply-checkpoint': {
    requested: 'VmCheckpointApplyRequested',
    succeeded: 'VmCheckpointApplied',
    failed: 'VmCheckpointApplyFailed',
    to: null,
  },
  'delete-checkpoint': {
    requested: 'VmCheckpointDeletionRequested',
    succeeded: 'VmCheckpointDeleted',
    failed: 'VmCheckpointDeletionFailed',
    to: null,
  },
  'migrate-vm': { requested: 'VmMigrationRequested', succeeded: 'VmMigrated', failed: 'VmMigrationFailed', to: null },
  'failover-vm': { requested: 'VmFailoverRequested', succeeded: 'VmFailedOver', failed: 'VmFailoverFailed', to: null },
} as const satisfies Record<
  VmOperationKind,
  { requested: VmEventType; succeeded: VmEventType; failed: VmEventType; to: PowerState | null }
>;

export const VM_MODEL_EVENT_TYPES = [
  'VmCheckpointTypeChanged',
  'VmVersionUpgradeNotNeeded',
  'VmRelocated',
] as const satisfies readonly VmEventType[];

export const VM_EVENT_TYPES: readonly VmEventType[] = [
  ...Object.values(VM_OPERATIONS).flatMap((o) => [o.requested, o.succeeded, o.failed]),
  ...VM_MODEL_EVENT_TYPES,
];

export const vmStreamId = (vmId: string) => `vm-${vmId}`;
