import { Inject, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { CommandOutcome } from '../platform/command-handler';
import { preferredWaitSeconds } from '../platform/http/prefer';

const TERMINAL = new Set(['Succeeded', 'Failed', 'Cancelled']);
import { JobRequest, jobStreamId } from './domain/job.events';
import { AcceptedDto, JobDto, toJobDto } from './api/job.dto';
import { jobProjection } from './projections/job.projection';
import { JobReadModel } from './projections/job-read-model.entity';
import { JobRoutes } from './job-routes';
import { LiveJobProgress } from './live-job-progress';
import { JOB_OUTCOME_TYPES } from './workflows/job-outcome-router';

/**
 * The answer to a command that needs host work: 202 with the job, or — when the client asked to
 * wait — 200 with the finished job if it ends in time.
 */
/** Jobs whose fold is kept between looks (the most recently looked at). */
const FOLDED_JOBS_KEPT = 1000;

@Injectable()
export class JobResponder {
  private readonly folded = new Map<string, { job: JobReadModel; version: number }>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly routes: JobRoutes,
    private readonly progress: LiveJobProgress,
  ) {}

  async accepted(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: CommandOutcome,
    resource: { type: string; id: string; href: string },
  ): Promise<AcceptedDto | JobDto> {
    const intent = outcome.events.find((e) => (e.data as { job?: JobRequest }).job !== undefined);
    if (!intent) throw new Error('The command wrote no job request');
    // The command wrote the job together with its intent.
    const job = (intent.data as { job: JobRequest }).job;
    const wait = preferredWaitSeconds(request);
    if (wait > 0) {
      const finished = await this.waitForEnd(job.jobId, wait * 1000, job.attempt);
      void reply.header('preference-applied', `wait=${wait}`);
      if (finished && TERMINAL.has(finished.status)) {
        void reply.status(200);
        return toJobDto(finished);
      }
    }
    void reply.status(202).header('location', `/v1/jobs/${job.jobId}`);
    return { jobId: job.jobId, status: 'Queued', position: outcome.position, resource };
  }

  /**
   * The job as its stream records it, with the live progress of a running attempt. A stream only
   * grows, so the job as folded at its last look is kept and only the events since are read and
   * folded (a client polling a drain's job would otherwise re-read hundreds of events each time).
   */
  async current(jobId: string): Promise<JobReadModel | null> {
    const seen = this.folded.get(jobId);
    const events = await this.eventStore.readStream(jobStreamId(jobId), { fromVersion: (seen?.version ?? 0) + 1 });
    let job = seen?.job ?? null;
    for (const event of events) job = jobProjection.evolve(job, event, '');
    if (job) {
      this.folded.delete(jobId);
      this.folded.set(jobId, { job, version: events.at(-1)?.streamVersion ?? seen!.version });
      if (this.folded.size > FOLDED_JOBS_KEPT) this.folded.delete(this.folded.keys().next().value as string);
    }
    return job && (await this.progress.overlay([job]))[0];
  }

  /**
   * Follows the job's own stream (not the read model), woken by appends, until the attempt has
   * ended and its outcome has reached the target aggregate — so a client that waited can send its
   * next command at once without meeting OPERATION_PENDING. Until the job ends only job outcomes
   * wake it.
   */
  async waitForEnd(jobId: string, timeoutMs: number, attempt = 1): Promise<JobReadModel | null> {
    const deadline = Date.now() + timeoutMs;
    let woken: boolean;
    let wake: (() => void) | null = null;
    const signal = () => {
      woken = true;
      wake?.();
    };
    const unsubscribe = [this.eventStore.onAppended(signal, JOB_OUTCOME_TYPES)];
    let hearsEverything = false;
    try {
      for (;;) {
        woken = false;
        const job = await this.current(jobId);
        if (job && job.attempt >= attempt && TERMINAL.has(job.status)) {
          if (await this.routes.get(job.targetType).settled(job.targetId, jobId)) return job;
          // The outcome is on its way to the target, in an append of the target's own types. That
          // append may have been heard of before this listener was there: look once more with it.
          if (!hearsEverything) {
            unsubscribe.push(this.eventStore.onAppended(signal));
            hearsEverything = true;
            continue;
          }
        }
        const left = deadline - Date.now();
        if (left <= 0) return job;
        if (woken) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 250));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      for (const stop of unsubscribe) stop();
    }
  }
}
