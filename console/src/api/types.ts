// The resource shapes the console reads, as the REST API answers them.

export type Role = 'admin' | 'fabric-admin' | 'vm-operator' | 'auditor';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CurrentKey {
  id: string;
  name: string;
  role: Role;
  tenants: string[];
}

export interface Host {
  id: string;
  name: string;
  address: string;
  osVersion: string;
  slat: boolean;
  cpuVendor: string;
  logicalProcessors: number;
  state: string;
  clusterId: string | null;
  memoryMb: number;
  memoryUsedMb: number;
  maximumLiveMigrations: number;
}

export interface ClusterNode {
  hostId: string;
  name: string;
  osVersion: string;
  state: string;
  memoryMb: number;
  memoryUsedMb: number;
  logicalProcessors: number;
  vmCount: number;
  maximumLiveMigrations: number;
  runningLiveMigrations: number;
  recentFailures: string[];
  quarantinedUntil: string | null;
  isolatedSince: string | null;
}

export interface Cluster {
  id: string;
  name: string;
  status: string;
  functionalLevel: number;
  mixedMode: boolean;
  mixedModeSince: string | null;
  warnings: string[];
  nodes: ClusterNode[];
  capacity: {
    memoryMb: number;
    memoryFreeMb: number;
    memoryUsedMb: number;
    logicalProcessors: number;
    vmCount: number;
    vmsByState: Record<string, number>;
    nodesUp: number;
  };
  pendingJobIds: string[];
}

export interface Vm {
  id: string;
  name: string;
  tenant: string;
  hostId: string | null;
  clusterId: string | null;
  generation: 1 | 2;
  configVersion: string;
  state: string;
  guestOs: { family: string; version?: string };
  memory: { startupMb: number; dynamic?: { minimumMb: number; maximumMb: number; bufferPercent: number } | null };
  processorCount: number;
  networkAdapters: { id: string; name: string; switchName: string }[];
  disks: { id: string; name: string; sizeGb: number }[];
  firmware: { secureBoot: boolean; secureBootTemplate: string } | null;
  checkpointType: string;
  currentCheckpointId: string | null;
  checkpointCount: number;
  integrationServices: Record<string, boolean>;
  integrationServicesVersion: string | null;
  heartbeat: string;
  clusterStatus: string | null;
  pendingJobId: string | null;
  createdAt: string;
  version: number;
}

export interface CheckpointNode {
  id: string;
  name: string;
  parentId: string | null;
  kind: string;
  includesState: boolean;
  createdAt: string;
  isCurrent: boolean;
  children: CheckpointNode[];
}

export interface CheckpointTree {
  vmId: string;
  currentCheckpointId: string | null;
  count: number;
  checkpoints: CheckpointNode[];
}

export interface Replication {
  vmId: string;
  state: string;
  health: string;
  healthReason: string | null;
  primaryHostId: string;
  replicaHostId: string;
  frequencySeconds: number;
  lastReplicatedAt: string | null;
  lastReplicationSizeMb: number | null;
  nextDueAt: string | null;
  recoveryPoints: { id: string; createdAt?: string; kind?: string }[];
  replicatedDiskIds: string[];
  nonReplicatedDiskIds: string[];
}

export interface JobStep {
  name: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  powershell: string | null;
}

export interface Job {
  id: string;
  kind: string;
  status: 'Queued' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled';
  progress: number;
  attempt: number;
  target: { type: string; id: string };
  steps: JobStep[];
  error: { code: string; detail: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  requestedBy: string;
}

export interface Accepted {
  jobId: string;
  status: string;
  position: number;
  resource: { type: string; id: string; href: string };
}

export interface PlannedMove {
  vmId: string;
  vmName: string;
  fromHostId: string;
  toHostId: string;
  toHostName: string;
  migrationType: string;
}

export interface UpgradePlan {
  clusterId: string;
  clusterName: string;
  targetOsVersion: string;
  functionalLevel: { current: number; afterUpgrade: number; raise: boolean };
  nodes: {
    hostId: string;
    name: string;
    fromOsVersion: string;
    state: string;
    runningVms: number;
    action: 'upgrade' | 'skip';
    moves: PlannedMove[];
    unplaceable: { vmId: string; vmName: string; reason: string }[];
    estimatedDurationMs: number;
  }[];
  capacity: { ok: boolean; runningVmMemoryMb: number; capacityWithoutLargestNodeMb: number; detail: string };
  blockers: string[];
  estimatedRealWorldMs: number;
  estimatedDurationMs: number;
}

export interface UpgradeStep {
  step: string;
  jobId: string | null;
  attempt: number;
  status: 'Running' | 'Succeeded' | 'Failed';
  startedAt: string;
  finishedAt: string | null;
  detail: string | null;
}

export interface RollingUpgrade {
  id: string;
  clusterId: string;
  state: 'Running' | 'Paused' | 'Completed' | 'Failed' | 'Cancelled';
  targetOsVersion: string;
  currentNodeId: string | null;
  currentStep: string | null;
  nodes: {
    hostId: string;
    name: string;
    fromOsVersion: string;
    state: string;
    startedAt: string | null;
    finishedAt: string | null;
    vmsMoved: string[];
    steps: UpgradeStep[];
  }[];
  clusterSteps: UpgradeStep[];
  vmsMoved: number;
  raiseFunctionalLevel: boolean;
  functionalLevelRaised: boolean;
  pauseRequested: boolean;
  cancelRequested: boolean;
  failure: { step?: string; hostId?: string; code?: string; detail?: string } | null;
  estimatedDurationMs: number | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface FabricEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: { actor?: string; role?: string; correlationId?: string; causationId?: string; requestId?: string };
}

export interface FunctionalLevelVerdict {
  fromLevel: number;
  toLevel: number;
  canRaise: boolean;
  blockers: string[];
}
