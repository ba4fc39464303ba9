/**
 * The boundary to the hypervisors. The simulated fleet is the default implementation (and the
 * test double for the whole system); a PowerShell-over-WinRM driver plugs in here later.
 *
 * Every operation must be idempotent: BullMQ delivers at least once, so the same operation for
 * the same job can run twice and must then leave the same outcome (starting a running VM is a
 * success, deleting a deleted VM is a success).
 */
import type { OsVersion } from '../../hosts/domain/windows-server';

export interface HostRef {
  hostId: string;
  name: string;
  osVersion: OsVersion;
  memoryMb: number;
}

export interface VmRef {
  vmId: string;
  /** Hyper-V's own id of the VM (Get-VM -Id), once the host reported it; the fabric's vmId means nothing there. */
  hypervisorId?: string;
  name: string;
  generation: 1 | 2;
  configVersion: string;
  memoryMb: number;
  processorCount: number;
}

/** A checkpoint as the host sees it: `includesState` = memory and device state were saved with it (online). */
export interface CheckpointRef {
  checkpointId: string;
  /** Hyper-V's own id of the checkpoint (Get-VMSnapshot's Id), once the host reported it. */
  hypervisorId?: string;
  name: string;
  kind: 'Production' | 'Standard';
  includesState: boolean;
}

export interface AdapterRef {
  id: string;
  name: string;
  switchName: string;
}

export type IntegrationServiceName =
  'Heartbeat' | 'Shutdown' | 'TimeSynchronization' | 'DataExchange' | 'VSS' | 'GuestServiceInterface';

export interface MemoryRef {
  startupMb: number;
  dynamic: { minimumMb: number; maximumMb: number; bufferPercent: number } | null;
}

/** Everything a creation sets beyond New-VM's own parameters, so the host ends with the VM the request described. */
export interface NewVmConfiguration {
  memory: MemoryRef;
  /** Generation 2 only. */
  firmware: { secureBoot: boolean; secureBootTemplate: string } | null;
  adapters: AdapterRef[];
  disks: Array<{ id: string; name: string; sizeGb: number }>;
  checkpointType: 'Production' | 'ProductionOnly' | 'Standard' | 'Disabled';
}

/** A disk of a replicating VM: the fabric's id, and its name (the host's file of it is named after VM and disk). */
export interface ReplicatedDiskRef {
  id: string;
  name: string;
}

/**
 * A recovery point a failover starts from: the fabric's id, and Hyper-V's own id of it (the Id of
 * Get-VMSnapshot -SnapshotType Replica) once the host reported it; `recoveryPointAt` is when the
 * fabric recorded it, for the points recorded before the hosts reported their ids.
 */
export interface RecoveryPointRef {
  recoveryPointId: string;
  hypervisorRecoveryPointId?: string;
  recoveryPointAt?: string;
}

export interface ClusterRef {
  clusterId: string;
  name: string;
}

/** One VM move as the hosts see it. */
export interface MoveRef {
  vmId: string;
  vmName: string;
  fromHostId: string;
  toHostId: string;
  toHostName: string;
  migrationType: 'Live' | 'Quick' | 'Failover';
}

export type HypervisorOperation =
  /** `configuration` is absent from jobs recorded before creation set up the whole VM (a bare VM then). */
  /** `cluster`: the cluster whose node creates it; the VM becomes one of its roles (absent on jobs recorded before). */
  | { kind: 'create-vm'; host: HostRef; vm: VmRef; configuration?: NewVmConfiguration; cluster?: ClusterRef | null }
  | { kind: 'start-vm'; host: HostRef; vm: VmRef }
  | { kind: 'stop-vm'; host: HostRef; vm: VmRef; mode: 'shutdown' | 'turn-off' }
  | { kind: 'save-vm'; host: HostRef; vm: VmRef }
  | { kind: 'pause-vm'; host: HostRef; vm: VmRef }
  | { kind: 'resume-vm'; host: HostRef; vm: VmRef }
  /** `cluster`: the cluster whose role the VM is; its role goes with it (absent on jobs recorded before). */
  | { kind: 'delete-vm'; host: HostRef; vm: VmRef; cluster?: ClusterRef | null }
  | { kind: 'upgrade-vm-version'; host: HostRef; vm: VmRef; targetVersion: string }
  | { kind: 'set-vm-firmware'; host: HostRef; vm: VmRef; secureBoot: boolean; secureBootTemplate: string }
  | { kind: 'add-network-adapter'; host: HostRef; vm: VmRef; adapter: AdapterRef }
  | { kind: 'remove-network-adapter'; host: HostRef; vm: VmRef; adapter: AdapterRef }
  /** `vm.memoryMb` is the memory before the change. */
  | { kind: 'set-vm-memory'; host: HostRef; vm: VmRef; memory: MemoryRef }
  | {
      kind: 'set-vm-processor';
      host: HostRef;
      vm: VmRef;
      processorCount: number;
      compatibilityForMigration: boolean;
      /** Absent from jobs recorded before nested virtualization was modelled (off). */
      exposeVirtualizationExtensions?: boolean;
    }
  | { kind: 'set-integration-service'; host: HostRef; vm: VmRef; service: IntegrationServiceName; enabled: boolean }
  | { kind: 'update-integration-services'; host: HostRef; vm: VmRef; version: string }
  | { kind: 'add-vm-disk'; host: HostRef; vm: VmRef; disk: { id: string; name: string; sizeGb: number } }
  | { kind: 'resize-vm-disk'; host: HostRef; vm: VmRef; disk: { id: string; name: string; sizeGb: number } }
  | {
      kind: 'set-checkpoint-type';
      host: HostRef;
      vm: VmRef;
      checkpointType: 'Production' | 'ProductionOnly' | 'Standard' | 'Disabled';
    }
  | { kind: 'create-checkpoint'; host: HostRef; vm: VmRef; checkpoint: CheckpointRef }
  /** The VM ends Off (no saved state in the checkpoint) or Saved (a standard checkpoint of a running VM). */
  | { kind: 'apply-checkpoint'; host: HostRef; vm: VmRef; checkpoint: CheckpointRef; resultingState: 'Off' | 'Saved' }
  /** Merges the checkpoint's differencing disks into its parent (or removes the whole subtree). */
  | { kind: 'delete-checkpoint'; host: HostRef; vm: VmRef; checkpoint: CheckpointRef; subtree: boolean }
  /** Moves a VM to another host: live (running or paused, memory copied) or quick (Off or Saved). */
  | {
      kind: 'migrate-vm';
      host: HostRef;
      vm: VmRef;
      destination: HostRef;
      migrationType: 'Live' | 'Quick';
      /** The cluster both hosts belong to (null: shared-nothing between standalone hosts). */
      cluster: ClusterRef | null;
      /** Simultaneous live migrations each end allows (the scheduler holds a slot on both). */
      limits: { source: number; destination: number };
    }
  /** Restarts a VM of a failed or isolated node on another node (its state on the old node is lost). */
  | { kind: 'failover-vm'; host: HostRef; vm: VmRef; destination: HostRef; restart: boolean; cluster: ClusterRef | null }
  /** `installFailoverClustering`: the host rejoins a cluster afterwards (absent: Hyper-V only). */
  | { kind: 'reinstall-host'; host: HostRef; targetOsVersion: OsVersion; installFailoverClustering?: boolean }
  | { kind: 'create-cluster'; host: HostRef; cluster: ClusterRef; nodes: HostRef[] }
  | { kind: 'add-cluster-node'; host: HostRef; cluster: ClusterRef }
  /** `via`: the node that runs Remove-ClusterNode -Force for a Down node (the node itself cannot answer). */
  | { kind: 'evict-node'; host: HostRef; cluster: ClusterRef; via?: HostRef }
  | { kind: 'raise-functional-level'; host: HostRef; cluster: ClusterRef; toLevel: number }
  | { kind: 'clear-node-quarantine'; host: HostRef; cluster: ClusterRef }
  /** Hyper-V Replica. `host` is where the operation runs: the primary, except where noted. */
  | {
      kind: 'enable-replication';
      host: HostRef;
      vm: VmRef;
      replica: HostRef;
      frequencySeconds: number;
      diskGb: number;
      /** Additional hourly recovery points the replica keeps, and whether they are application-consistent. */
      recoveryPoints?: number;
      applicationConsistent?: boolean;
      /**
       * The disks to replicate (Enable-VMReplication -ReplicatedDisks); absent: every disk. The host
       * knows a disk by its file (named after the VM and the disk when it was added), not by the fabric's id.
       */
      disks?: ReplicatedDiskRef[];
      /** A replica cluster is reached through its Hyper-V Replica Broker's client access point, not a node. */
      replicaBroker?: { clusterId: string; name: string };
    }
  | { kind: 'suspend-replication' | 'resume-replication' | 'remove-replication'; host: HostRef; vm: VmRef; replica: HostRef }
  | { kind: 'resynchronize-replication'; host: HostRef; vm: VmRef; replica: HostRef; diskGb: number }
  | { kind: 'set-replicated-disks'; host: HostRef; vm: VmRef; replica: HostRef; disks: ReplicatedDiskRef[]; addedDiskGb: number }
  /** The primary VM is Off: its last changes go over, the replica starts, and the direction reverses. */
  | { kind: 'planned-failover'; host: HostRef; vm: VmRef; replica: HostRef }
  /** Runs on the replica host (`host`): starts the replica from a recovery point; the primary may be gone. */
  | ({ kind: 'unplanned-failover'; host: HostRef; vm: VmRef; primary: HostRef } & RecoveryPointRef)
  /** Runs on the replica host (`host`). */
  | { kind: 'commit-failover'; host: HostRef; vm: VmRef; recoveryPointId: string }
  /** Runs on the replica host (`host`): a separate test VM from a recovery point, on no network by default. */
  | ({ kind: 'start-test-failover'; host: HostRef; vm: VmRef; testVm: { vmId: string; name: string } } & RecoveryPointRef)
  | { kind: 'stop-test-failover'; host: HostRef; vm: VmRef; testVmId: string }
  /** Runs on the new primary (`host`): replication starts again the other way, to `replica`. */
  | { kind: 'reverse-replication'; host: HostRef; vm: VmRef; replica: HostRef; diskGb: number };

/**
 * Work a job records but no driver runs: a process in the fabric carries it out step by step
 * (each VM move of a drain is its own migration job) and reports the steps to the job.
 */
export type OrchestratedOperation =
  /** `drain` false: a plain pause, the VMs stay (absent in jobs recorded before it existed: a drain). */
  | { kind: 'drain-node'; host: HostRef; cluster: ClusterRef; moves: MoveRef[]; drain?: boolean }
  | { kind: 'resume-node'; host: HostRef; cluster: ClusterRef; moves: MoveRef[]; failback: boolean };

export const ORCHESTRATED_KINDS: readonly string[] = ['drain-node', 'resume-node'];

export function isOrchestrated(operation: { kind: string }): operation is OrchestratedOperation {
  return ORCHESTRATED_KINDS.includes(operation.kind);
}

export type OperationKind = HypervisorOperation['kind'];

export interface OperationContext {
  jobId: string;
  /** Reports progress of the running step, 0–100. */
  onProgress(percent: number): void;
  /** Aborted when the job is cancelled; operations that can stop early do. */
  signal: AbortSignal;
}

export type GuestHeartbeat =
  | 'OkApplicationsHealthy'
  | 'OkApplicationsUnknown'
  | 'OkApplicationsCritical'
  | 'NoContact'
  | 'LostCommunication'
  | 'Paused'
  | 'Disabled'
  | 'Error'
  | 'Unknown';

export interface OperationResult {
  /** Memory the guest is using, reported by operations that leave a VM running. */
  memoryDemandMb?: number;
  /** The guest's heartbeat as the host sees it, reported by operations that leave a VM running. */
  heartbeat?: GuestHeartbeat;
  /** Replication: the size of the changes (or the initial copy) sent. */
  sizeMb?: number;
  details?: Record<string, unknown>;
}

/** A failure reported by the hypervisor side; `code` ends up in the job's problem. */
export class DriverError extends Error {
  constructor(
    readonly code: 'OPERATION_FAILED' | 'HOST_UNRESPONSIVE' | 'HOST_DOWN' | 'VM_NOT_FOUND' | 'CANCELLED',
    message: string,
  ) {
    super(message);
    this.name = 'DriverError';
  }
}

/** What the cluster's heartbeat sees of a host: it answers, it stopped answering (isolated?), or it is down. */
export type HostHeartbeat = 'ok' | 'unresponsive' | 'down';

/**
 * One replication relationship as its primary host reports it (Measure-VMReplication with
 * Get-VMReplication): Hyper-V runs the cycles by itself; these are its counters since replication
 * last (re)started. A missed cycle was due while the previous one was still being sent.
 */
export interface ReplicationStatistics {
  vmId: string;
  replicaHostId: string;
  state: 'Replicating' | 'Suspended' | 'FailedOver' | 'Committed';
  successfulCycles: number;
  failedCycles: number;
  missedCycles: number;
  /** Cycles failed since the last one that reached the replica, and why the last one failed. */
  consecutiveFailedCycles: number;
  failureReason: string | null;
  /** When a cycle was last missed (null: never since replication started). */
  lastMissedAt: string | null;
  /** The number of the last cycle that reached the replica (0: only the initial copy so far). */
  lastCycle: number;
  lastReplicatedAt: string | null;
  /**
   * Hyper-V's id of the newest recovery point the replica keeps (Get-VMSnapshot -SnapshotType
   * Replica on the replica host); null before the first. Absent from drivers that do not report it.
   */
  latestRecoveryPointId?: string | null;
  lastSizeMb: number | null;
  averageSizeMb: number | null;
  maximumSizeMb: number | null;
}

/** What one host answers for all the VMs it replicates, or that it did not answer. */
export type HostReplicationReport =
  { answer: 'ok'; relationships: ReplicationStatistics[] } | { answer: 'unresponsive' | 'down' };

export interface HypervisorDriver {
  run(operation: HypervisorOperation, context: OperationContext): Promise<OperationResult>;
  /** One heartbeat round over the given hosts; quick (no operation latency), never throws for one bad host. */
  heartbeats(hostIds: readonly string[]): Promise<Map<string, HostHeartbeat>>;
  /**
   * The replication statistics of every VM that the given hosts run as primaries: one call per
   * host (for all its VMs), quick, never throws for one bad host.
   */
  measureReplication(hostIds: readonly string[]): Promise<Map<string, HostReplicationReport>>;
}

export const HYPERVISOR_DRIVER = Symbol('HypervisorDriver');
