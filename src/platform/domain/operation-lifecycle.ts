/**
 * The life of the host operations an aggregate asks for: an operation is pending from its intent
 * until its job's outcome; a failed one is remembered as the last failure, which a retry may take
 * up again (with the next attempt). Pure; shared by the deciders whose commands run jobs.
 *
 * An aggregate with one operation at a time keeps `{ pending, lastFailure }` (a VM); one with an
 * operation per part keeps lists (a cluster: one per node, and the functional level).
 */
export interface Operation {
  jobId: string;
  attempt: number;
}

export interface SingleOperation<O extends Operation> {
  pending: O | null;
  lastFailure: O | null;
}

/** The intent was recorded: the operation is pending; an earlier failure stays retryable until an outcome. */
export function started<O extends Operation>(lifecycle: SingleOperation<O>, operation: O): SingleOperation<O> {
  return { pending: operation, lastFailure: lifecycle.lastFailure };
}

/** The job succeeded: nothing is pending and nothing is left to retry. */
export function completed<O extends Operation>(): SingleOperation<O> {
  return { pending: null, lastFailure: null };
}

/** The job failed: the pending operation becomes the one a retry takes up. */
export function failed<O extends Operation>(lifecycle: SingleOperation<O>): SingleOperation<O> {
  return { pending: null, lastFailure: lifecycle.pending };
}

/** Whether an outcome for this job concerns the pending operation (outcomes of other jobs are ignored). */
export function isPendingJob<O extends Operation>(lifecycle: SingleOperation<O>, jobId: string): boolean {
  return lifecycle.pending?.jobId === jobId;
}

/** The failed operation a retry of this job takes up, or null when there is none to retry (or one is pending). */
export function retryable<O extends Operation>(lifecycle: SingleOperation<O>, jobId: string): O | null {
  if (lifecycle.pending || lifecycle.lastFailure?.jobId !== jobId) return null;
  return lifecycle.lastFailure;
}

export interface ManyOperations<O extends Operation> {
  pending: O[];
  lastFailures: O[];
}

/** The intent was recorded: pending beside the others; a retried job is no longer a failure. */
export function startedOne<O extends Operation>(lifecycle: ManyOperations<O>, operation: O): ManyOperations<O> {
  return {
    pending: [...lifecycle.pending, operation],
    lastFailures: lifecycle.lastFailures.filter((f) => f.jobId !== operation.jobId),
  };
}

/** The job's outcome: it is no longer pending; a failure is remembered for a retry. */
export function ended<O extends Operation>(
  lifecycle: ManyOperations<O>,
  jobId: string,
  outcome: 'succeeded' | 'failed',
): ManyOperations<O> & { operation: O | undefined } {
  const operation = lifecycle.pending.find((p) => p.jobId === jobId);
  return {
    operation,
    pending: lifecycle.pending.filter((p) => p.jobId !== jobId),
    lastFailures: outcome === 'failed' && operation ? [...lifecycle.lastFailures, operation] : lifecycle.lastFailures,
  };
}

/** The failed operation a retry of this job takes up, or null. */
export function retryableOne<O extends Operation>(lifecycle: ManyOperations<O>, jobId: string): O | null {
  if (lifecycle.pending.some((p) => p.jobId === jobId)) return null;
  return lifecycle.lastFailures.find((f) => f.jobId === jobId) ?? null;
}
