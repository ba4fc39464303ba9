import { Decider } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import { isOrchestrated } from './hypervisor-driver.port';
import type { JobOperation } from './job.events';
import { JobCommand } from './job.commands';
import { JobEvent, JobProblem, JobStatus, JobStepPlan, JobTarget } from './job.events';

export interface JobStep extends JobStepPlan {
  status: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled';
  startedAt: string | null;
  finishedAt: string | null;
}

export type JobState =
  | { status: 'None' }
  | {
      status: JobStatus;
      jobId: string;
      kind: string;
      target: JobTarget;
      attempt: number;
      operation: JobOperation;
      steps: JobStep[];
      progress: number;
      cancelRequested: boolean;
      problem: JobProblem | null;
    };

type Existing = Exclude<JobState, { status: 'None' }>;

const initialState: JobState = { status: 'None' };

const freshSteps = (plans: JobStepPlan[]): JobStep[] =>
  plans.map((plan) => ({ ...plan, status: 'Pending', startedAt: null, finishedAt: null }));

function settleSteps(steps: JobStep[], status: JobStep['status'], at: string): JobStep[] {
  return steps.map((step) =>
    step.status === 'Running' || (step.status === 'Pending' && status === 'Cancelled')
      ? { ...step, status, finishedAt: at }
      : step,
  );
}

function evolve(state: JobState, event: JobEvent): JobState {
  if (event.type === 'JobCreated') {
    const d = event.data;
    return {
      status: 'Queued',
      jobId: d.jobId,
      kind: d.kind,
      target: d.target,
      attempt: d.attempt,
      operation: d.operation,
      steps: freshSteps(d.steps),
      progress: 0,
      cancelRequested: false,
      problem: null,
    };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'JobRestarted':
      return {
        ...state,
        status: 'Queued',
        attempt: event.data.attempt,
        operation: event.data.operation,
        steps: freshSteps(event.data.steps),
        progress: 0,
        cancelRequested: false,
        problem: null,
      };
    case 'JobStarted':
      return { ...state, status: 'Running' };
    case 'JobStepStarted':
      return {
        ...state,
        steps: state.steps.map((s, i) => (i === event.data.index ? { ...s, status: 'Running', startedAt: event.data.at } : s)),
      };
    case 'JobProgressed':
      // Stored before progress between step boundaries became live data; still folded.
      return { ...state, progress: event.data.progress };
    case 'JobStepSucceeded':
      return {
        ...state,
        steps: state.steps.map((s, i) =>
          // A step finished together with an earlier one (CompleteJobSteps) never had a start of its own.
          i === event.data.index
            ? { ...s, status: 'Succeeded', startedAt: s.startedAt ?? event.data.at, finishedAt: event.data.at }
            : s,
        ),
        progress: Math.max(state.progress, Math.round(((event.data.index + 1) / state.steps.length) * 100)),
      };
    case 'JobSucceeded':
      return { ...state, status: 'Succeeded', progress: 100 };
    case 'JobFailed':
      return {
        ...state,
        status: 'Failed',
        problem: event.data.problem,
        steps: settleSteps(state.steps, 'Failed', event.data.at),
      };
    case 'JobCancelRequested':
      return { ...state, cancelRequested: true };
    case 'JobCancelled':
      return { ...state, status: 'Cancelled', steps: settleSteps(state.steps, 'Cancelled', event.data.at) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const notFound = () => new DomainError('NOT_FOUND', 'The job does not exist', 'not-found');

const isTerminal = (status: JobStatus) => status === 'Succeeded' || status === 'Failed' || status === 'Cancelled';

/**
 * Worker reports are idempotent: BullMQ may deliver a job twice, and a report for an earlier
 * attempt or about a job that has already ended changes nothing.
 */
function currentAttempt(state: JobState, attempt: number): state is Existing {
  return state.status !== 'None' && state.attempt === attempt && !isTerminal(state.status);
}

function outcome(state: Existing, at: string) {
  return { jobId: state.jobId, kind: state.kind, target: state.target, attempt: state.attempt, at };
}

/** A start for each of these steps that has not started yet, in the order asked, once each. */
function stepsStarted(state: Existing, indices: readonly number[], at: string): JobEvent[] {
  return indices
    .filter((index, position) => state.steps[index]?.status === 'Pending' && indices.indexOf(index) === position)
    .map((index): JobEvent => ({ type: 'JobStepStarted', data: { jobId: state.jobId, attempt: state.attempt, index, at } }));
}

function decide(command: JobCommand, state: JobState): JobEvent[] {
  switch (command.type) {
    case 'CreateJob':
      if (state.status !== 'None') return [];
      return [{ type: 'JobCreated', data: { ...command.request, createdAt: command.now } }];
    case 'RestartJob':
      if (state.status === 'None') throw notFound();
      if (command.attempt <= state.attempt) return [];
      if (!isTerminal(state.status) || state.status === 'Succeeded') {
        throw new DomainError(
          'JOB_NOT_RESTARTABLE',
          `A ${state.status} job cannot be restarted; only failed or cancelled jobs can`,
        );
      }
      return [
        {
          type: 'JobRestarted',
          data: {
            jobId: state.jobId,
            attempt: command.attempt,
            operation: command.operation,
            steps: command.steps,
            at: command.now,
          },
        },
      ];
    case 'StartJob': {
      if (!currentAttempt(state, command.attempt)) return [];
      const started: JobEvent[] =
        state.status === 'Queued'
          ? [{ type: 'JobStarted', data: { jobId: state.jobId, attempt: state.attempt, at: command.now } }]
          : [];
      return [...started, ...stepsStarted(state, command.steps ?? [], command.now)];
    }
    case 'StartJobStep': {
      if (!currentAttempt(state, command.attempt)) return [];
      const step = state.steps[command.index];
      if (!step || step.status !== 'Pending') return [];
      return [
        { type: 'JobStepStarted', data: { jobId: state.jobId, attempt: state.attempt, index: command.index, at: command.now } },
      ];
    }
    case 'StartJobSteps':
      if (!currentAttempt(state, command.attempt)) return [];
      return stepsStarted(state, command.indices, command.now);
    case 'CompleteJobStep': {
      if (!currentAttempt(state, command.attempt)) return [];
      const step = state.steps[command.index];
      if (!step || step.status === 'Succeeded') return [];
      const succeeded: JobEvent = {
        type: 'JobStepSucceeded',
        data: { jobId: state.jobId, attempt: state.attempt, index: command.index, at: command.now },
      };
      // An orchestrated job (a drain) is done when its last step is: no separate command has to notice.
      const last = state.steps.every((s, i) => i === command.index || s.status === 'Succeeded');
      if (isOrchestrated(state.operation) && last && !isTerminal(state.status)) {
        return [
          succeeded,
          { type: 'JobSucceeded', data: { ...outcome(state, command.now), result: { moved: state.steps.length - 1 } } },
        ];
      }
      return [succeeded];
    }
    case 'CompleteJobSteps': {
      if (!currentAttempt(state, command.attempt)) return [];
      const done = command.indices.filter(
        (index, at) =>
          state.steps[index] !== undefined && state.steps[index].status !== 'Succeeded' && command.indices.indexOf(index) === at,
      );
      const succeeded = done.map((index): JobEvent => ({
        type: 'JobStepSucceeded',
        data: { jobId: state.jobId, attempt: state.attempt, index, at: command.now },
      }));
      const allDone = state.steps.every((step, index) => step.status === 'Succeeded' || done.includes(index));
      if (command.result === undefined || !allDone) return succeeded;
      return [...succeeded, { type: 'JobSucceeded', data: { ...outcome(state, command.now), result: command.result } }];
    }
    case 'SucceedJob':
      if (!currentAttempt(state, command.attempt)) return [];
      return [{ type: 'JobSucceeded', data: { ...outcome(state, command.now), result: command.result } }];
    case 'FailJob':
      if (!currentAttempt(state, command.attempt)) return [];
      return [{ type: 'JobFailed', data: { ...outcome(state, command.now), problem: command.problem } }];
    case 'CancelJob':
      if (state.status === 'None') throw notFound();
      if (isTerminal(state.status)) {
        throw new DomainError('JOB_NOT_CANCELLABLE', `The job has already ended (${state.status})`);
      }
      if (state.status === 'Queued') return [{ type: 'JobCancelled', data: outcome(state, command.now) }];
      if (state.cancelRequested) return [];
      return [
        { type: 'JobCancelRequested', data: { jobId: state.jobId, attempt: state.attempt, at: command.now, by: command.by } },
      ];
    case 'ConfirmJobCancelled':
      if (!currentAttempt(state, command.attempt)) return [];
      return [{ type: 'JobCancelled', data: outcome(state, command.now) }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const jobDecider: Decider<JobCommand, JobEvent, JobState> = { initialState, evolve, decide };
