import { LRUCache } from 'lru-cache';
import { Logger } from 'pino';
import { Processor } from '../../processing/processor';
import { RecordedEvent } from '../../event-store/event-store.port';
import { SystemCommands } from '../../platform/system-commands';
import { DomainError } from '../../platform/domain/domain-error';
import { JobEvent } from '../domain/job.events';
import { JobRoutes } from '../job-routes';

/**
 * Brings the end of every job to the aggregate that asked for it (VmStarted, HostReinstallFailed,
 * …). The command id derives from the job's outcome event, so a replay changes nothing.
 */
export function jobOutcomeRouter(commands: SystemCommands, routes: JobRoutes, logger: Logger): Processor {
  return {
    name: 'job-outcomes',
    effects: 'outside',
    eventTypes: JOB_OUTCOME_TYPES,
    async handle(events) {
      const routedHere = routedBy(routes);
      for (const recorded of events) {
        // The worker in this process brings it (or brought it) to its target: nothing to look up
        // again once that has worked. The append wakes this processor at once, so the worker's
        // command is often still under way here: wait for it rather than send it a second time.
        const routing = routedHere.get(recorded.eventId);
        routedHere.delete(recorded.eventId);
        if (routing !== undefined && (await routing)) continue;
        await applyJobOutcome(recorded, commands, routes, logger);
      }
    },
  };
}

export const JOB_OUTCOME_TYPES = ['JobSucceeded', 'JobFailed', 'JobCancelled'];

/**
 * Outcome events this application is bringing or brought to their targets before the processor
 * met them, each with whether that worked (bounded: the oldest are forgotten), kept per
 * application (its routes), not per Node process.
 */
const routedOutcomes = new WeakMap<JobRoutes, LRUCache<string, Promise<boolean>>>();

function routedBy(routes: JobRoutes): LRUCache<string, Promise<boolean>> {
  let routed = routedOutcomes.get(routes);
  if (!routed) routedOutcomes.set(routes, (routed = new LRUCache<string, Promise<boolean>>({ max: 10_000 })));
  return routed;
}

/**
 * Applies one job outcome to its target. The worker calls it right after the outcome (so the
 * target settles at once) and this processor calls it again for every outcome the process has not
 * applied (so a crash in between loses nothing); the shared command id makes a second call a
 * no-op. It is known to be under way from the call on, before its first round trip.
 */
export async function routeJobOutcome(
  recorded: RecordedEvent,
  commands: SystemCommands,
  routes: JobRoutes,
  logger: Logger,
): Promise<void> {
  if (!JOB_OUTCOME_TYPES.includes(recorded.type)) return;
  const applying = applyJobOutcome(recorded, commands, routes, logger);
  routedBy(routes).set(
    recorded.eventId,
    applying.then(
      () => true,
      () => false,
    ),
  );
  await applying;
}

/** Whether the event was a job's outcome (and so went to its target). */
async function applyJobOutcome(
  recorded: RecordedEvent,
  commands: SystemCommands,
  routes: JobRoutes,
  logger: Logger,
): Promise<boolean> {
  const event = recorded as unknown as JobEvent;
  if (event.type !== 'JobSucceeded' && event.type !== 'JobFailed' && event.type !== 'JobCancelled') return false;
  const { target, jobId, at } = event.data;
  const route = routes.get(target.type);
  const routed =
    event.type === 'JobSucceeded'
      ? route.succeeded(target.id, { jobId, result: event.data.result, at })
      : route.failed(target.id, {
          jobId,
          at,
          problem: event.type === 'JobFailed' ? event.data.problem : { code: 'JOB_CANCELLED', detail: 'The job was cancelled' },
        });
  try {
    await commands.send(routed.decider, routed.streamId, routed.command, {
      commandId: `outcome/${recorded.eventId}`,
      actor: 'job-outcomes',
      event: recorded,
    });
  } catch (error) {
    // A rule refusal will refuse forever: record it and move on rather than block every job.
    if (!(error instanceof DomainError)) throw error;
    logger.warn({ jobId, target, code: error.code }, `job outcome not applied: ${error.message}`);
  }
  return true;
}
