import type { components } from './generated/fabric-api';

type Schemas = components['schemas'];

/** Names for the resources clients handle most, straight from the generated schema. */
export type Host = Schemas['HostDto'];
export type Cluster = Schemas['ClusterDto'];
export type Vm = Schemas['VmDto'];
export type Job = Schemas['JobDto'];
export type JobStatus = Job['status'];
export type Accepted = Schemas['AcceptedDto'];
export type CheckpointTree = Schemas['CheckpointTreeDto'];
export type Replication = Schemas['ReplicationDto'];
export type RollingUpgrade = Schemas['RollingUpgradeDto'];
export type UpgradePlan = Schemas['UpgradePlanDto'];
export type UpgradeAccepted = Schemas['UpgradeAcceptedDto'];
export type AuditEvent = Schemas['AuditEventDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type BulkAccepted = Schemas['BulkAcceptedDto'];

export const TERMINAL_JOB_STATUSES: ReadonlySet<string> = new Set<JobStatus>(['Succeeded', 'Failed', 'Cancelled']);

/** A 202 answer: a job to follow. */
export function isAccepted(body: unknown): body is Accepted {
  return typeof body === 'object' && body !== null && typeof (body as Accepted).jobId === 'string' && 'resource' in body;
}

/** A finished job (what `Prefer: wait` answers with when the job ended in time). */
export function isJob(body: unknown): body is Job {
  return (
    typeof body === 'object' && body !== null && typeof (body as Job).kind === 'string' && Array.isArray((body as Job).steps)
  );
}
