import { JobCommand } from './job.commands';
import { JobRequest, jobStreamId } from './job.events';

/** The job an intent event asks for, as the command that records it on the job's own stream. */
export function jobCommandOfIntent(intent: { data: object }, now: string): { streamId: string; command: JobCommand } | null {
  const job = (intent.data as { job?: JobRequest }).job;
  if (!job) return null;
  const command: JobCommand =
    job.attempt === 1
      ? { type: 'CreateJob', request: job, now }
      : { type: 'RestartJob', jobId: job.jobId, attempt: job.attempt, operation: job.operation, steps: job.steps, now };
  return { streamId: jobStreamId(job.jobId), command };
}

/** Command id of the job recorded for an intent: the same whoever records it, so it is recorded once. */
export function jobCommandIdOfIntent(intentEventId: string): string {
  return `dispatch/${intentEventId}`;
}
