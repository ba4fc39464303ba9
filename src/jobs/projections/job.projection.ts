import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { JOB_EVENT_TYPES, JobEvent } from '../domain/job.events';
import { JobReadModel, JobStepView } from './job-read-model.entity';

const setStep = (steps: JobStepView[], index: number, change: Partial<JobStepView>) =>
  steps.map((step, i) => (i === index ? { ...step, ...change } : step));

const settle = (steps: JobStepView[], status: string, at: string) =>
  steps.map((step) =>
    step.status === 'Running' || (step.status === 'Pending' && status === 'Cancelled')
      ? { ...step, status, finishedAt: at }
      : step,
  );

/** Jobs as clients read them: a pure fold of each job's stream. */
export const jobProjection: DocumentProjection<JobReadModel> = {
  name: 'jobs',
  entity: JobReadModel,
  eventTypes: JOB_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('job-'.length)],
  evolve(doc: JobReadModel | null, recorded: RecordedEvent): JobReadModel | null {
    const event = recorded as unknown as JobEvent;
    const stamp = { version: recorded.streamVersion, lastPosition: recorded.globalPosition };
    if (event.type === 'JobCreated') {
      const d = event.data;
      return {
        id: d.jobId,
        kind: d.kind,
        tenant: d.tenant ?? null,
        status: 'Queued',
        progress: 0,
        attempt: d.attempt,
        targetType: d.target.type,
        targetId: d.target.id,
        steps: d.steps.map((s) => ({
          name: s.name,
          status: 'Pending',
          startedAt: null,
          finishedAt: null,
          powershell: s.powershell,
        })),
        error: null,
        result: null,
        placement: d.placement ?? null,
        requestedBy: d.requestedBy,
        createdAt: d.createdAt,
        startedAt: null,
        finishedAt: null,
        ...stamp,
      };
    }
    if (!doc) return doc;
    switch (event.type) {
      case 'JobRestarted':
        return {
          ...doc,
          status: 'Queued',
          progress: 0,
          attempt: event.data.attempt,
          steps: event.data.steps.map((s) => ({
            name: s.name,
            status: 'Pending',
            startedAt: null,
            finishedAt: null,
            powershell: s.powershell,
          })),
          error: null,
          result: null,
          startedAt: null,
          finishedAt: null,
          ...stamp,
        };
      case 'JobStarted':
        return { ...doc, status: 'Running', startedAt: event.data.at, ...stamp };
      case 'JobStepStarted':
        return { ...doc, steps: setStep(doc.steps, event.data.index, { status: 'Running', startedAt: event.data.at }), ...stamp };
      case 'JobProgressed':
        return { ...doc, progress: event.data.progress, ...stamp };
      case 'JobStepSucceeded':
        return {
          ...doc,
          steps: setStep(doc.steps, event.data.index, {
            status: 'Succeeded',
            startedAt: doc.steps[event.data.index]?.startedAt ?? event.data.at,
            finishedAt: event.data.at,
          }),
          progress: Math.max(doc.progress, Math.round(((event.data.index + 1) / doc.steps.length) * 100)),
          ...stamp,
        };
      case 'JobSucceeded':
        return { ...doc, status: 'Succeeded', progress: 100, result: event.data.result, finishedAt: event.data.at, ...stamp };
      case 'JobFailed':
        return {
          ...doc,
          status: 'Failed',
          error: event.data.problem,
          steps: settle(doc.steps, 'Failed', event.data.at),
          finishedAt: event.data.at,
          ...stamp,
        };
      case 'JobCancelRequested':
        return { ...doc, ...stamp };
      case 'JobCancelled':
        return {
          ...doc,
          status: 'Cancelled',
          steps: settle(doc.steps, 'Cancelled', event.data.at),
          finishedAt: event.data.at,
          ...stamp,
        };
      default:
        return doc;
    }
  },
};

/** Folds a job's events into what GET /v1/jobs/{id} shows, without waiting for the read model. */
export function foldJob(events: readonly RecordedEvent[]): JobReadModel | null {
  return events.reduce<JobReadModel | null>((doc, event) => jobProjection.evolve(doc, event, ''), null);
}
