import { Processor } from '../../processing/processor';
import { RecordedEvent } from '../../event-store/event-store.port';
import { SystemCommands } from '../../platform/system-commands';
import { jobDecider } from '../domain/job.decider';
import { JobCommand } from '../domain/job.commands';
import { JobEvent, JobRequest, jobStreamId } from '../domain/job.events';
import { JobQueue } from '../job-queue';
import { isOrchestrated } from '../domain/hypervisor-driver.port';

/**
 * Turns every intent event that carries a job request into the job's own stream. The command id
 * derives from the intent event, so a replay creates nothing twice. Needs only PostgreSQL: jobs
 * are recorded (and visible to clients) even while Redis is away.
 */
export function jobCreator(commands: SystemCommands): Processor {
  return {
    name: 'job-creator',
    effects: 'outside',
    async handle(events) {
      for (const event of events) await createJobFor(event, commands);
    },
  };
}

/**
 * Records the job an intent event asks for. The API calls it right after the command (so the
 * Location it answers with exists at once) and the job-creator processor calls it for every
 * intent (so a crash in between loses nothing); the shared command id makes the second a no-op.
 */
export async function createJobFor(event: RecordedEvent, commands: SystemCommands): Promise<void> {
  const job = (event.data as { job?: JobRequest }).job;
  if (!job) return;
  const now = event.recordedAt.toISOString();
  const command: JobCommand =
    job.attempt === 1
      ? { type: 'CreateJob', request: job, now }
      : { type: 'RestartJob', jobId: job.jobId, attempt: job.attempt, operation: job.operation, steps: job.steps, now };
  await commands.send(jobDecider, jobStreamId(job.jobId), command, {
    commandId: `dispatch/${event.eventId}`,
    actor: 'job-dispatcher',
    event,
    // The job-creator processor re-creates it from the durable intent if a crash loses it.
    durability: 'relaxed',
  });
}

/**
 * Queues one BullMQ job per job attempt (queue id = job id, so never two copies). While Redis is
 * away the batch fails and is retried, and the reconciler re-queues whatever Redis lost.
 */
export function jobEnqueuer(queue: JobQueue): Processor {
  return {
    name: 'job-enqueuer',
    effects: 'outside',
    eventTypes: ['JobCreated', 'JobRestarted'],
    async handle(events) {
      for (const recorded of events) {
        const event = recorded as unknown as JobEvent;
        // Orchestrated jobs (a drain) are carried out by the fabric's processes, not by a worker.
        if ((event.type === 'JobCreated' || event.type === 'JobRestarted') && isOrchestrated(event.data.operation)) continue;
        if (event.type === 'JobCreated') await queue.enqueue(event.data.jobId, event.data.attempt, event.data.kind);
        else if (event.type === 'JobRestarted') await queue.enqueue(event.data.jobId, event.data.attempt, 'restart');
      }
    },
  };
}
