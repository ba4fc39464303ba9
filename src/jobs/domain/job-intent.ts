import { JobCommand } from './job.commands';
import { JobRequest, JobStepPlan, jobStreamId, RequestedJob } from './job.events';
import { stepsFor } from './powershell';

/**
 * The job an intent event asks for, as the command that records it on the job's own stream. The
 * command path calls it with the intent as decided (its steps' PowerShell included); the job creator
 * may meet a stored intent, whose steps are names only (see `intentAsRecorded`): their PowerShell
 * is then written again from the operation.
 */
export function jobCommandOfIntent(intent: { data: object }, now: string): { streamId: string; command: JobCommand } | null {
  const requested = (intent.data as { job?: RequestedJob }).job;
  if (!requested) return null;
  const job: JobRequest = { ...requested, steps: plannedSteps(requested) };
  const command: JobCommand =
    job.attempt === 1
      ? { type: 'CreateJob', request: job, now }
      : { type: 'RestartJob', jobId: job.jobId, attempt: job.attempt, operation: job.operation, steps: job.steps, now };
  return { streamId: jobStreamId(job.jobId), command };
}

/**
 * The intent's data as it is stored: its job request keeps the step names and leaves out their
 * PowerShell, which the job's own record holds (one copy, not one per event). Data without a job
 * request is returned as it is.
 */
export function intentAsRecorded<D extends object>(data: D): D {
  const job = (data as { job?: RequestedJob }).job;
  if (!job || job.steps.every((step) => step.powershell === undefined)) return data;
  return { ...data, job: { ...job, steps: job.steps.map(({ name }) => ({ name })) } };
}

/** Steps without their PowerShell (a stored intent) take it from the plan of the operation, by name. */
function plannedSteps(job: RequestedJob): JobStepPlan[] {
  if (job.steps.every((step) => step.powershell !== undefined)) return job.steps as JobStepPlan[];
  const planned = new Map(stepsFor(job.operation).map((step) => [step.name, step.powershell]));
  return job.steps.map((step) => ({ name: step.name, powershell: step.powershell ?? planned.get(step.name) ?? '' }));
}

/** Command id of the job recorded for an intent: the same whoever records it, so it is recorded once. */
export function jobCommandIdOfIntent(intentEventId: string): string {
  return `dispatch/${intentEventId}`;
}
