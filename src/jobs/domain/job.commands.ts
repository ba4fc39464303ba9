import type { JobOperation } from './job.events';
import { JobProblem, JobRequest, JobStepPlan } from './job.events';

export type JobCommand =
  | { type: 'CreateJob'; request: JobRequest; now: string }
  | { type: 'RestartJob'; jobId: string; attempt: number; operation: JobOperation; steps: JobStepPlan[]; now: string }
  /**
   * Starts the job and, in the same decision, the steps given: a worker starts its first step as it
   * starts the job, so one command records both boundaries.
   */
  | { type: 'StartJob'; attempt: number; now: string; steps?: number[] }
  | { type: 'StartJobStep'; attempt: number; index: number; now: string }
  /** Several steps at once: an orchestrated job starts all its moves together. */
  | { type: 'StartJobSteps'; attempt: number; indices: number[]; now: string }
  | { type: 'CompleteJobStep'; attempt: number; index: number; now: string }
  /**
   * Several steps at once: a driver that runs the whole operation in one call finishes all its steps
   * together. With a result, the job also succeeds with it once every step has (its last report).
   */
  | { type: 'CompleteJobSteps'; attempt: number; indices: number[]; now: string; result?: Record<string, unknown> }
  | { type: 'SucceedJob'; attempt: number; result: Record<string, unknown>; now: string }
  | { type: 'FailJob'; attempt: number; problem: JobProblem; now: string }
  | { type: 'CancelJob'; now: string; by: string }
  | { type: 'ConfirmJobCancelled'; attempt: number; now: string };
