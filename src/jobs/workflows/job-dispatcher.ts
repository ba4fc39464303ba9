import { Processor } from '../../processing/processor';
import { RecordedEvent } from '../../event-store/event-store.port';
import { SystemCommands } from '../../platform/system-commands';
import { jobDecider } from '../domain/job.decider';
import { JobEvent } from '../domain/job.events';
import { jobCommandIdOfIntent, jobCommandOfIntent } from '../domain/job-intent';
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
 * Records the job an intent event asks for, when the command that wrote the intent did not (an
 * intent stored before intents and jobs were appended together, or one written stream by stream by
 * a store without atomic multi-stream appends). The command id is the one the command path uses,
 * so for an intent whose job exists this is one indexed look-up and no write.
 */
export async function createJobFor(event: RecordedEvent, commands: SystemCommands): Promise<void> {
  const job = jobCommandOfIntent(event, event.recordedAt.toISOString());
  if (!job) return;
  await commands.send(jobDecider, job.streamId, job.command, {
    commandId: jobCommandIdOfIntent(event.eventId),
    actor: 'job-dispatcher',
    event,
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
