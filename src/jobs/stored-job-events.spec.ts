import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'expect';
import type { RecordedEvent } from '../event-store/event-store.port';
import { fold } from '../platform/domain/decider';
import { jobDecider } from './domain/job.decider';
import type { JobEvent } from './domain/job.events';
import { foldJob } from './projections/job.projection';

/* Job streams stored while every progress tick was a durable JobProgressed event still load. */
const fixture = (name: string): Array<{ type: string; schemaVersion: number; data: Record<string, unknown> }> =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'src', 'jobs', 'fixtures', name), 'utf8'));

const recorded = (stored: { type: string; schemaVersion: number; data: Record<string, unknown> }, n: number) =>
  ({
    eventId: `e-${n}`,
    type: stored.type,
    schemaVersion: stored.schemaVersion,
    data: stored.data,
    metadata: {},
    streamId: `job-${String(stored.data.jobId)}`,
    streamVersion: n,
    globalPosition: n,
    recordedAt: new Date(0),
  }) as unknown as RecordedEvent;

const stored = fixture('job-progressed.v1.json');
const jobId = String(stored[0].data.jobId);
const later: JobEvent[] = [
  { type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 0, at: '2026-11-26T12:00:05.000Z' } },
  { type: 'JobStepStarted', data: { jobId, attempt: 1, index: 1, at: '2026-11-26T12:00:05.000Z' } },
  { type: 'JobStepSucceeded', data: { jobId, attempt: 1, index: 1, at: '2026-11-26T12:00:06.000Z' } },
  {
    type: 'JobSucceeded',
    data: {
      jobId,
      kind: 'start-vm',
      target: stored[0].data.target as never,
      attempt: 1,
      at: '2026-11-26T12:00:06.000Z',
      result: {},
    },
  },
];

describe('Job events stored with progress ticks', () => {
  it('fold into the job state with the last recorded progress', () => {
    const state = fold(jobDecider, stored as unknown as JobEvent[]);
    expect(state).toMatchObject({ status: 'Running', attempt: 1, progress: 90, cancelRequested: false });
  });

  it('fold into the job as clients read it, and a step boundary after them never moves progress back', () => {
    const events = stored.map(recorded);
    expect(foldJob(events)).toMatchObject({ id: jobId, status: 'Running', progress: 90, attempt: 1 });
    const withBoundary = [...events, recorded(later[0] as never, events.length + 1)];
    expect(foldJob(withBoundary)).toMatchObject({ status: 'Running', progress: 90 });
    const finished = [...events, ...later.map((event, i) => recorded(event as never, events.length + 1 + i))];
    expect(foldJob(finished)).toMatchObject({ status: 'Succeeded', progress: 100 });
  });

  it('still decide as before: the worker that resumes the job completes its step once', () => {
    const state = fold(jobDecider, stored as unknown as JobEvent[]);
    expect(jobDecider.decide({ type: 'CompleteJobStep', attempt: 1, index: 0, now: '2026-11-26T12:00:05.000Z' }, state)).toEqual([
      later[0],
    ]);
  });
});
