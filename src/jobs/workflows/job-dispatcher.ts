import { Processor } from '../../processing/processor';
import { RecordedEvent } from '../../event-store/event-store.port';
import { SystemCommands } from '../../platform/system-commands';
import { jobDecider } from '../domain/job.decider';
import { JobEvent } from '../domain/job.events';
import { jobCommandIdOfIntent, jobCommandOfIntent } from '../domain/job-intent';
import { JobQueue } from '../job-queue';
import { slotClaimsOf } from '../migration-slots';
import { isOrchestrated } from '../domain/hypervisor-driver.port';

/**
 * Turns every intent event that carries a job request into the job's own stream. The command id
 * derives from the intent event, so a replay creates nothing twice. Needs only PostgreSQL: jobs
 * are recorded (and visible to clients) even while Redis is away.
 *
 * Commands record the job with its intent, so this is a safety net: it polls rather than waking
 * on every append, and skips an intent whose job it reads in the same batch.
 */
export function jobCreator(commands: SystemCommands): Processor {
  return {
    name: 'job-creator',
    effects: 'outside',
    wakeUp: 'poll',
    async handle(events) {
      const recorded = new Set(
        events
          .filter((e) => e.type === 'JobCreated' || e.type === 'JobRestarted')
          .map((e) => `${(e.data as { jobId: string }).jobId}/${(e.data as { attempt: number }).attempt}`),
      );
      for (const event of events) {
        const job = (event.data as { job?: { jobId: string; attempt: number } }).job;
        if (job && recorded.has(`${job.jobId}/${job.attempt}`)) continue;
        await createJobFor(event, commands);
      }
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
        if (event.type !== 'JobCreated' && event.type !== 'JobRestarted') continue;
        // Orchestrated jobs (a drain) are carried out by the fabric's processes, not by a worker.
        if (isOrchestrated(event.data.operation)) continue;
        const slots = slotClaimsOf(event.data.operation);
        const kind = event.type === 'JobCreated' ? event.data.kind : 'restart';
        await queue.enqueue(event.data.jobId, event.data.attempt, kind, slots);
      }
    },
  };
}
