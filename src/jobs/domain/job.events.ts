import { DomainEvent } from '../../platform/domain/decider';
import type { HypervisorOperation, OrchestratedOperation } from './hypervisor-driver.port';

/** What a job does: host work a driver runs, or a process the fabric orchestrates. */
export type JobOperation = HypervisorOperation | OrchestratedOperation;

export type JobStatus = 'Queued' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled';

export interface JobTarget {
  type: 'vm' | 'host' | 'cluster' | 'replication';
  id: string;
}

export interface JobStepPlan {
  name: string;
  /** What a Hyper-V administrator would run for the same step (audit, manual runbooks). */
  powershell: string;
}

export interface JobProblem {
  code: string;
  detail: string;
}

/** What an intent event asks for: the dispatcher turns it into a job stream and a queued job. */
export interface JobRequest {
  jobId: string;
  attempt: number;
  kind: string;
  target: JobTarget;
  steps: JobStepPlan[];
  operation: JobOperation;
  requestedBy: { actor: string; role: string };
  /** The tenant of the VM the job acts on: vm-operators see only their tenants' jobs. */
  tenant?: string | null;
  /** For a VM created on a cluster: how placement rated each node and which it chose. */
  placement?: JobPlacement | null;
}

/**
 * A job request as its intent event records it: the job's id, kind, target, operation and step
 * names. The steps' PowerShell is recorded once, with the job (JobCreated, JobRestarted); an auditor
 * finds it there by the job id. Intents stored before carry a copy of it, which changes nothing.
 */
export type RequestedJob = Omit<JobRequest, 'steps'> & { steps: Array<{ name: string; powershell?: string }> };

export interface JobPlacement {
  clusterId: string;
  chosenHostId: string;
  candidates: Array<{ hostId: string; name: string; eligible: boolean; rating: number | null; reasons: string[] }>;
}

type Outcome = { jobId: string; kind: string; target: JobTarget; attempt: number; at: string };

export type JobEvent =
  | DomainEvent<'JobCreated', JobRequest & { createdAt: string }>
  | DomainEvent<'JobRestarted', { jobId: string; attempt: number; operation: JobOperation; steps: JobStepPlan[]; at: string }>
  | DomainEvent<'JobStarted', { jobId: string; attempt: number; at: string }>
  | DomainEvent<'JobStepStarted', { jobId: string; attempt: number; index: number; at: string }>
  /** No longer recorded (progress between step boundaries is live data); stored ones still load. */
  | DomainEvent<'JobProgressed', { jobId: string; attempt: number; progress: number }>
  | DomainEvent<'JobStepSucceeded', { jobId: string; attempt: number; index: number; at: string }>
  | DomainEvent<'JobSucceeded', Outcome & { result: Record<string, unknown> }>
  | DomainEvent<'JobFailed', Outcome & { problem: JobProblem }>
  | DomainEvent<'JobCancelRequested', { jobId: string; attempt: number; at: string; by: string }>
  | DomainEvent<'JobCancelled', Outcome>;

export const JOB_EVENT_TYPES = [
  'JobCreated',
  'JobRestarted',
  'JobStarted',
  'JobStepStarted',
  'JobProgressed',
  'JobStepSucceeded',
  'JobSucceeded',
  'JobFailed',
  'JobCancelRequested',
  'JobCancelled',
] as const satisfies readonly JobEvent['type'][];

export const jobStreamId = (jobId: string) => `job-${jobId}`;
