import { Processor } from '../../processing/processor';
import { SystemCommands } from '../../platform/system-commands';
import { jobDecider } from '../domain/job.decider';
import { JobCommand } from '../domain/job.commands';
import { JobRequest, jobStreamId } from '../domain/job.events';
import { JobQueue } from '../job-queue';

/**
 * Turns every intent event that carries a job request into the job's own stream and one queued
 * BullMQ job. Both steps are idempotent (deterministic command id; queue id = job id), so a crash
 * between them, or a replay, queues nothing twice. While Redis is away the batch fails and is
 * retried: commands keep being accepted and their jobs are queued once Redis is back.
 */
export function jobDispatcher(commands: SystemCommands, queue: JobQueue): Processor {
  return {
    name: 'job-dispatcher',
    effects: 'outside',
    async handle(events) {
      for (const event of events) {
        const job = (event.data as { job?: JobRequest }).job;
        if (!job) continue;
        const now = event.recordedAt.toISOString();
        const command: JobCommand =
          job.attempt === 1
            ? { type: 'CreateJob', request: job, now }
            : { type: 'RestartJob', jobId: job.jobId, attempt: job.attempt, operation: job.operation, steps: job.steps, now };
        await commands.send(jobDecider, jobStreamId(job.jobId), command, {
          commandId: `dispatch/${event.eventId}`,
          actor: 'job-dispatcher',
          event,
        });
        await queue.enqueue(job.jobId, job.attempt, job.kind);
      }
    },
  };
}
