import type { components } from 'fabric-client';

// The resources as the typed client answers them. Where the OpenAPI document leaves a nested object
// untyped (`type: object`, generated as Record<string, never>), the console states the shape it reads.
type Schemas = components['schemas'];

export type Role = Schemas['CurrentApiKeyDto']['role'];
export type CurrentKey = Schemas['CurrentApiKeyDto'];
export type Host = Schemas['HostDto'];
export type ClusterNode = Schemas['ClusterNodeDto'];
export type Job = Schemas['JobDto'];
export type JobStep = Schemas['JobStepDto'];
export type CheckpointNode = Schemas['CheckpointNodeDto'];
export type CheckpointTree = Schemas['CheckpointTreeDto'];
export type RollingUpgradeStep = Schemas['UpgradeStepDto'];
export type FabricEvent = Schemas['AuditEventDto'];
export type FunctionalLevelVerdict = Schemas['FunctionalLevelVerdictDto'];

export type Cluster = Omit<Schemas['ClusterDto'], 'capacity'> & {
  /** Null in time travel. */
  capacity: (Omit<Schemas['ClusterCapacityDto'], 'vmsByState'> & { vmsByState: Record<string, number> }) | null;
};

export type Vm = Omit<Schemas['VmDto'], 'memory' | 'networkAdapters' | 'disks' | 'integrationServices'> & {
  memory: { startupMb: number; dynamic?: { minimumMb: number; maximumMb: number; bufferPercent: number } | null };
  networkAdapters: { id: string; name: string; switchName: string }[];
  disks: { id: string; name: string; sizeGb: number }[];
  integrationServices: Record<string, boolean>;
};

export type Replication = Omit<Schemas['ReplicationDto'], 'recoveryPoints'> & { recoveryPoints: { id: string }[] };

export interface PlannedMove {
  vmId: string;
  vmName: string;
  fromHostId: string;
  toHostId: string;
  toHostName: string;
  migrationType: string;
}

export type UpgradePlan = Omit<Schemas['UpgradePlanDto'], 'functionalLevel' | 'nodes' | 'capacity'> & {
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
};

export type RollingUpgrade = Omit<Schemas['RollingUpgradeDto'], 'failure'> & {
  failure: { step?: string; hostId?: string; code?: string; detail?: string } | null;
};

/**
 * The generated type of an answer whose untyped parts the console states above. The two differ only
 * where the document says `object`, so this is the one place a read is re-typed.
 */
export function refined<T>(answer: unknown): T {
  return answer as T;
}
