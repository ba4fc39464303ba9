import type { JobProblem } from '../../jobs/domain/job.events';
import type { OsVersion } from '../../hosts/domain/windows-server';
import type { MoveInitiator } from './vm.events';
import {
  CheckpointType,
  Firmware,
  IntegrationService,
  MemorySettings,
  NetworkAdapter,
  SecureBootTemplate,
  VirtualDisk,
} from './vm.events';

/** What the decider needs to know about the host, read by the caller before deciding. */
export interface HostFacts {
  hostId: string;
  name: string;
  osVersion: OsVersion;
  state: string;
  clusterId: string | null;
  /** The name of the host's cluster, as scripts address it (known when clusterId is). */
  clusterName?: string | null;
  memoryMb: number;
  memoryUsedMb: number;
  logicalProcessors: number;
  cpuVendor?: 'Intel' | 'AMD';
  maximumLiveMigrations?: number;
  /** The host's state as a cluster node (Up, Paused, Isolated, Down, Quarantined); null when standalone. */
  nodeState?: string | null;
}

/**
 * The cluster a VM's host belongs to, as far as VM rules care: the functional level fixes the
 * default version of new and upgraded VMs, and mixed mode blocks upgrades and disk changes.
 */
export interface ClusterFacts {
  clusterId: string;
  name: string;
  functionalLevel: number;
  /** The functional level is below the newest node OS (DOMAIN.md: mixed mode, and in general). */
  mixedMode: boolean;
  /** The OS of every node: a VM's version must run on each node it may move to. */
  nodeOsVersions: OsVersion[];
}

/** The other side of the VM's Hyper-V Replica relationship, as far as a version upgrade cares. */
export interface ReplicaFacts {
  hostId: string;
  name: string;
  osVersion: OsVersion;
}

/** How placement chose the node of a VM created on a cluster, recorded with its job. */
export interface PlacementRecord {
  clusterId: string;
  chosenHostId: string;
  candidates: Array<{ hostId: string; name: string; eligible: boolean; rating: number | null; reasons: string[] }>;
}

export interface Requester {
  actor: string;
  role: string;
}

export interface CreateVmRequest {
  name: string;
  tenant: string;
  generation: 1 | 2;
  configVersion?: string;
  guestOs: { family: 'windows' | 'linux'; version?: string };
  memory: { startupMb: number; dynamic?: { minimumMb: number; maximumMb: number; bufferPercent?: number } };
  processorCount: number;
  networkAdapters: Array<{ id: string; name: string; switchName: string }>;
  disks: Array<{ id: string; name: string; sizeGb: number }>;
  firmware?: { secureBoot: boolean; secureBootTemplate: SecureBootTemplate };
  checkpointType?: CheckpointType;
}

interface OperationCommand {
  jobId: string;
  host: HostFacts;
  /** Null for a standalone host. */
  cluster?: ClusterFacts | null;
  requestedBy: Requester;
  now: string;
}

/** PUT /v1/vms/{id}/memory: static (`startupMb`) or dynamic (`dynamic`, with an optional new startup). */
export interface MemoryChangeRequest {
  startupMb?: number;
  dynamic?: { minimumMb: number; maximumMb: number; bufferPercent?: number } | null;
}

export type VmCommand =
  | ({ type: 'CreateVm'; vmId: string; request: CreateVmRequest; placement?: PlacementRecord | null } & OperationCommand)
  | ({ type: 'StartVm' } & OperationCommand)
  | ({ type: 'StopVm'; mode: 'shutdown' | 'turn-off' } & OperationCommand)
  | ({ type: 'SaveVm' } & OperationCommand)
  | ({ type: 'PauseVm' } & OperationCommand)
  | ({ type: 'ResumeVm' } & OperationCommand)
  | ({ type: 'DeleteVm' } & OperationCommand)
  /** `replica`: the host the VM replicates to (Hyper-V Replica), when it does; read from the replication read model. */
  | ({ type: 'UpgradeVmVersion'; replica?: ReplicaFacts | null } & OperationCommand)
  | ({ type: 'SetVmFirmware'; firmware: Firmware } & OperationCommand)
  | ({ type: 'AddNetworkAdapter'; adapter: NetworkAdapter } & OperationCommand)
  | ({ type: 'RemoveNetworkAdapter'; adapterId: string } & OperationCommand)
  | ({ type: 'SetVmMemory'; memory: MemoryChangeRequest } & OperationCommand)
  | ({
      type: 'SetVmProcessor';
      processorCount?: number;
      compatibilityForMigration?: boolean;
      exposeVirtualizationExtensions?: boolean;
    } & OperationCommand)
  | ({ type: 'SetIntegrationService'; service: IntegrationService; enabled: boolean } & OperationCommand)
  | ({ type: 'UpdateIntegrationServices'; version: string } & OperationCommand)
  | ({ type: 'AddVmDisk'; disk: VirtualDisk; force: boolean } & OperationCommand)
  | ({ type: 'ResizeVmDisk'; diskId: string; sizeGb: number; force: boolean } & OperationCommand)
  | ({ type: 'CreateCheckpoint'; checkpointId: string; name?: string } & OperationCommand)
  | ({ type: 'ApplyCheckpoint'; checkpointId: string } & OperationCommand)
  | ({ type: 'DeleteCheckpoint'; checkpointId: string; subtree: boolean } & OperationCommand)
  | ({ type: 'ChangeCheckpointType'; checkpointType: CheckpointType } & OperationCommand)
  | { type: 'RelocateVm'; toHostId: string; toClusterId: string | null; power: 'Off' | 'Running'; reason: string; now: string }
  /** `destinationCluster`: the destination's cluster when it is not the VM's (a move between clusters). */
  | ({
      type: 'MigrateVm';
      destination: HostFacts;
      destinationCluster?: ClusterFacts | null;
      initiator: MoveInitiator;
    } & OperationCommand)
  | ({ type: 'FailOverVm'; destination: HostFacts; initiator: MoveInitiator } & OperationCommand)
  | ({ type: 'RetryVmOperation'; destination?: HostFacts; destinationCluster?: ClusterFacts | null } & OperationCommand)
  | { type: 'CompleteVmOperation'; jobId: string; result: GuestResult; now: string }
  | { type: 'FailVmOperation'; jobId: string; problem: JobProblem; now: string };

/** What the host reported about the guest when the job finished. */
export interface GuestResult {
  memoryDemandMb?: number;
  heartbeat?: import('./vm.events').GuestHeartbeat;
  /** Hyper-V's own id of a VM it created. */
  hypervisorVmId?: string;
  /** Hyper-V's own id of a checkpoint it took. */
  hypervisorCheckpointId?: string;
}

export type { MemorySettings };

export type { MoveInitiator };
