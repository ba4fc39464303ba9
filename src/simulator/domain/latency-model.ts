/**
 * How long the simulated hypervisor takes, and how much memory a running guest uses.
 *
 * Pure and deterministic: every random draw comes from a PRNG seeded by the simulator seed and
 * a stable key (the job id, the VM id), so a re-delivered job takes as long as the first try and
 * a demo replays the same way. Durations are real-world milliseconds multiplied by the global
 * time scale (0 = instant) and the host's latency factor (a fault: a slow host).
 */

/** The operations the simulated fleet performs (the driver port's operation kinds). */
export const SIM_OPERATION_KINDS = [
  'create-vm',
  'start-vm',
  'stop-vm',
  'save-vm',
  'pause-vm',
  'resume-vm',
  'delete-vm',
  'upgrade-vm-version',
  'set-vm-firmware',
  'add-network-adapter',
  'remove-network-adapter',
  'set-vm-memory',
  'set-vm-processor',
  'set-integration-service',
  'update-integration-services',
  'add-vm-disk',
  'resize-vm-disk',
  'set-checkpoint-type',
  'create-checkpoint',
  'apply-checkpoint',
  'delete-checkpoint',
  'reinstall-host',
  'migrate-vm',
  'failover-vm',
  'create-cluster',
  'add-cluster-node',
  'evict-node',
  'raise-functional-level',
  'clear-node-quarantine',
  'enable-replication',
  'suspend-replication',
  'resume-replication',
  'remove-replication',
  'resynchronize-replication',
  'set-replicated-disks',
  'planned-failover',
  'unplanned-failover',
  'commit-failover',
  'start-test-failover',
  'stop-test-failover',
  'reverse-replication',
] as const;
export type SimOperationKind = (typeof SIM_OPERATION_KINDS)[number];

/** Operations that move a VM from one host to another. */
export const MOVE_OPERATION_KINDS = ['migrate-vm', 'failover-vm'] as const satisfies readonly SimOperationKind[];
export type MoveOperationKind = (typeof MOVE_OPERATION_KINDS)[number];

/** Failover Clustering operations: they run on a node and change no VM. */
export const CLUSTER_OPERATION_KINDS = [
  'create-cluster',
  'add-cluster-node',
  'evict-node',
  'raise-functional-level',
  'clear-node-quarantine',
] as const satisfies readonly SimOperationKind[];
export type ClusterOperationKind = (typeof CLUSTER_OPERATION_KINDS)[number];

/** Hyper-V Replica operations: a replication relationship between a primary and a replica host. */
export const REPLICATION_OPERATION_KINDS = [
  'enable-replication',
  'suspend-replication',
  'resume-replication',
  'remove-replication',
  'resynchronize-replication',
  'set-replicated-disks',
  'planned-failover',
  'unplanned-failover',
  'commit-failover',
  'start-test-failover',
  'stop-test-failover',
  'reverse-replication',
] as const satisfies readonly SimOperationKind[];
export type ReplicationOperationKind = (typeof REPLICATION_OPERATION_KINDS)[number];

export function isReplicationOperationKind(value: unknown): value is ReplicationOperationKind {
  return typeof value === 'string' && (REPLICATION_OPERATION_KINDS as readonly string[]).includes(value);
}

export function isSimOperationKind(value: unknown): value is SimOperationKind {
  return typeof value === 'string' && (SIM_OPERATION_KINDS as readonly string[]).includes(value);
}

export interface OperationShape {
  kind: SimOperationKind;
  /** The VM's memory: what saving, and a checkpoint with saved state, write or read back. */
  memoryMb?: number;
  /** stop-vm only: a guest shutdown takes longer than pulling the plug. */
  stopMode?: 'shutdown' | 'turn-off';
  /** create-checkpoint and apply-checkpoint: the checkpoint's kind and whether it holds memory and device state. */
  checkpoint?: { kind: 'Production' | 'Standard'; includesState: boolean };
  /** migrate-vm: live copies the memory while the guest runs (the default); quick moves an Off or Saved VM. */
  migrationType?: 'Live' | 'Quick';
  /** migrate-vm (quick): the VM is Saved, so its saved memory goes along. */
  savedState?: boolean;
  /** failover-vm: the VM is started on the new node (it was running), not just registered there. */
  restart?: boolean;
  /** Replication: what a full copy sends (enable, resynchronize, reverse; the added disks of set-replicated-disks). */
  diskGb?: number;
}

export interface LatencyContext {
  /** Global factor (SIMULATOR_TIME_SCALE): 1 = real time, 0.001 = tests, 0 = instant. */
  timeScale: number;
  /** The host's factor from the fault settings (1 = normal, 5 = a slow host). */
  latencyFactor: number;
  seed: number;
  /** The key that makes the jitter repeatable: normally the job id. */
  jobId: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const MB_PER_GB = 1024;

/** Saving writes the guest's memory to disk (~2 GB/s). */
export const SAVE_MS_PER_GB = 500;
/** Live migration copies memory over the migration network (~0.7 GB/s incl. dirty-page rounds). */
export const LIVE_MIGRATION_BASE_MS = 2 * SECOND;
export const LIVE_MIGRATION_MS_PER_GB = 1.5 * SECOND;
/** A quick migration hands the VM's files over to the destination (plus its saved memory, if any). */
export const QUICK_MIGRATION_BASE_MS = 2 * SECOND;
/** A full copy to the replica (initial replication, resynchronization) runs at ~1 GB/s, and takes at least 5 s. */
export const REPLICA_COPY_MS_PER_GB = 1 * SECOND;
export const MIN_REPLICA_COPY_MS = 5 * SECOND;
/** A replication cycle: a fixed set-up plus the changes at ~100 MB/s. */
export const REPLICATION_CYCLE_BASE_MS = 2 * SECOND;
export const REPLICATION_CYCLE_MS_PER_MB = 10;
/** The size of the changes one replication cycle sends: fixed per seed, VM and cycle. */
export const MIN_CYCLE_SIZE_MB = 10;
export const MAX_CYCLE_SIZE_MB = 500;
/** How long the control plane waits for a host that does not answer, before scaling. */
export const UNRESPONSIVE_TIMEOUT_MS = 30 * SECOND;
/** Even at time scale 0 an unresponsive host takes a moment to be declared so. */
export const MIN_UNRESPONSIVE_TIMEOUT_MS = 5;
/** ±10 % around the base duration. */
export const JITTER = 0.1;

/** Real-world duration of one operation, before scaling and jitter. */
export function baseDurationMs(operation: OperationShape): number {
  switch (operation.kind) {
    case 'create-vm':
      return 5 * SECOND;
    case 'start-vm':
      return 10 * SECOND;
    case 'stop-vm':
      return operation.stopMode === 'turn-off' ? 1 * SECOND : 8 * SECOND;
    case 'save-vm':
      return 3 * SECOND + gigabytes(operation.memoryMb) * SAVE_MS_PER_GB;
    case 'pause-vm':
    case 'resume-vm':
      return 1 * SECOND;
    case 'delete-vm':
      return 2 * SECOND;
    case 'upgrade-vm-version':
      return 5 * SECOND;
    case 'set-vm-firmware':
    case 'set-vm-processor':
    case 'set-integration-service':
      return 1 * SECOND;
    case 'add-network-adapter':
    case 'remove-network-adapter':
    case 'set-vm-memory':
      return 2 * SECOND;
    case 'update-integration-services':
      // The guest downloads and installs the components, then restarts its services.
      return 20 * SECOND;
    case 'set-checkpoint-type':
      return 1 * SECOND;
    case 'resize-vm-disk':
      // Resize-VHD on a dynamically expanding VHDX rewrites metadata only.
      return 2 * SECOND;
    case 'add-vm-disk':
      // A dynamically expanding VHDX: creation writes metadata only, whatever its size.
      return 3 * SECOND;
    case 'create-checkpoint':
      // Production: VSS (or a file-system freeze) inside the guest. Standard: differencing disks, plus
      // the memory written out when the checkpoint keeps the running state.
      if (operation.checkpoint?.kind === 'Production') return 8 * SECOND;
      return 2 * SECOND + (operation.checkpoint?.includesState ? gigabytes(operation.memoryMb) * SAVE_MS_PER_GB : 0);
    case 'apply-checkpoint':
      // Reading the saved memory back is about as fast as writing it.
      return 4 * SECOND + (operation.checkpoint?.includesState ? gigabytes(operation.memoryMb) * SAVE_MS_PER_GB : 0);
    case 'delete-checkpoint':
      // Merging the differencing disks into the parent.
      return 6 * SECOND;
    case 'reinstall-host':
      return 10 * MINUTE;
    case 'migrate-vm':
      if (operation.migrationType === 'Quick') {
        return QUICK_MIGRATION_BASE_MS + (operation.savedState ? gigabytes(operation.memoryMb) * SAVE_MS_PER_GB : 0);
      }
      return liveMigrationBaseMs(operation.memoryMb ?? 0);
    case 'failover-vm':
      // Registering the VM on the new node is quick; booting its guest is what takes time.
      return operation.restart ? 10 * SECOND : 1 * SECOND;
    case 'create-cluster':
      // Validation, the cluster name object in Active Directory, the quorum.
      return 30 * SECOND;
    case 'add-cluster-node':
      return 20 * SECOND;
    case 'evict-node':
      return 10 * SECOND;
    case 'raise-functional-level':
      return 5 * SECOND;
    case 'clear-node-quarantine':
      return 2 * SECOND;
    case 'enable-replication':
    case 'resynchronize-replication':
    case 'reverse-replication':
    case 'set-replicated-disks':
      // Initial replication (or a resynchronization's comparison) goes over every replicated disk.
      return replicaCopyMs(operation.diskGb ?? 0);
    case 'suspend-replication':
    case 'resume-replication':
      return 1 * SECOND;
    case 'remove-replication':
    case 'commit-failover':
      // Removing the replica's recovery points, or merging them away.
      return 2 * SECOND;
    case 'planned-failover':
      // The last changes go over, the replica is registered and boots.
      return 15 * SECOND;
    case 'unplanned-failover':
    case 'start-test-failover':
      // The replica (or a test copy of it) is built from a recovery point and boots.
      return 10 * SECOND;
    case 'stop-test-failover':
      return 3 * SECOND;
    default: {
      const unknown: never = operation.kind;
      throw new Error(`No latency for operation ${String(unknown)}`);
    }
  }
}

/**
 * How long the simulated fleet takes for one operation: base × scale × host factor × jitter. A
 * live migration takes exactly what liveMigrationDurationMs says for the VM's memory.
 */
export function operationDurationMs(operation: OperationShape, context: LatencyContext): number {
  if (operation.kind === 'migrate-vm' && operation.migrationType !== 'Quick') {
    return liveMigrationDurationMs(operation.memoryMb ?? 0, context);
  }
  return scaled(baseDurationMs(operation), context, operation.kind);
}

/** Real-world live-migration time: a fixed set-up plus a copy time linear in the VM's memory. */
export function liveMigrationBaseMs(memoryMb: number): number {
  return LIVE_MIGRATION_BASE_MS + gigabytes(memoryMb) * LIVE_MIGRATION_MS_PER_GB;
}

export function liveMigrationDurationMs(memoryMb: number, context: LatencyContext): number {
  return scaled(liveMigrationBaseMs(memoryMb), context, 'live-migration');
}

/** Real-world time of a full copy of `diskGb` to the replica. */
export function replicaCopyMs(diskGb: number): number {
  return Math.max(MIN_REPLICA_COPY_MS, Math.max(0, diskGb) * REPLICA_COPY_MS_PER_GB);
}

/** The size of the changes replication cycle `seq` of a VM sends, 10–500 MB: the same every time it is asked. */
export function cycleSizeMb(key: { seed: number; vmId: string; seq: number }): number {
  const random = seededRandom(key.seed, `replication:${key.vmId}:${key.seq}`);
  return Math.round(MIN_CYCLE_SIZE_MB + (MAX_CYCLE_SIZE_MB - MIN_CYCLE_SIZE_MB) * random());
}

/** Even at time scale 0 cycles come at a pace a reading can follow. */
export const MIN_CYCLE_INTERVAL_MS = 50;

/** The replication frequency at the simulator's time scale. */
export function cycleIntervalMs(frequencySeconds: number, timeScale: number): number {
  return Math.max(MIN_CYCLE_INTERVAL_MS, Math.round(frequencySeconds * SECOND * timeScale));
}

/**
 * How long one cycle takes to reach the replica: set-up plus a typical cycle's changes, at the time
 * scale and the slower end's latency factor (a slow link makes cycles longer than the interval: missed).
 */
export function cycleTransferMs(timeScale: number, latencyFactor: number): number {
  const typicalMb = (MIN_CYCLE_SIZE_MB + MAX_CYCLE_SIZE_MB) / 2;
  return Math.round((REPLICATION_CYCLE_BASE_MS + typicalMb * REPLICATION_CYCLE_MS_PER_MB) * timeScale * latencyFactor);
}

export function unresponsiveTimeoutMs(timeScale: number): number {
  return Math.max(MIN_UNRESPONSIVE_TIMEOUT_MS, Math.round(UNRESPONSIVE_TIMEOUT_MS * timeScale));
}

/**
 * Memory a running guest uses: between 40 % and 90 % of its memory, fixed per VM and seed
 * (`sample` draws a different but equally repeatable value, e.g. one per reporting interval).
 */
export const MIN_DEMAND_RATIO = 0.4;
export const MAX_DEMAND_RATIO = 0.9;

export function memoryDemandMb(memoryMb: number, key: { seed: number; vmId: string; sample?: number }): number {
  const random = seededRandom(key.seed, `demand:${key.vmId}:${key.sample ?? 0}`);
  const ratio = MIN_DEMAND_RATIO + (MAX_DEMAND_RATIO - MIN_DEMAND_RATIO) * random();
  return Math.round(memoryMb * ratio);
}

/** A PRNG seeded from the simulator seed and a key; the same pair always yields the same sequence. */
export function seededRandom(seed: number, key: string): () => number {
  return mulberry32((hashString(key) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}

/** mulberry32: a small, fast 32-bit PRNG with good enough statistics for jitter. Yields [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function scaled(baseMs: number, context: LatencyContext, what: string): number {
  if (!(context.timeScale >= 0) || !(context.latencyFactor >= 0)) {
    throw new RangeError(`Time scale and latency factor must be ≥ 0 (got ${context.timeScale}, ${context.latencyFactor})`);
  }
  const random = seededRandom(context.seed, `latency:${what}:${context.jobId}`);
  const jitter = 1 - JITTER + 2 * JITTER * random();
  return Math.round(baseMs * context.timeScale * context.latencyFactor * jitter);
}

function gigabytes(memoryMb: number | undefined): number {
  return Math.max(0, memoryMb ?? 0) / MB_PER_GB;
}
