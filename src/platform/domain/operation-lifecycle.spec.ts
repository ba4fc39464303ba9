import { describe, it } from 'node:test';
import { expect } from 'expect';
import {
  completed,
  ended,
  failed,
  isPendingJob,
  retryable,
  retryableOne,
  started,
  startedOne,
} from './operation-lifecycle';

const op = (jobId: string, attempt = 1) => ({ jobId, attempt, kind: 'start-vm' });

describe('operation lifecycle: one operation at a time', () => {
  it('is pending from the intent until the outcome, and a success leaves nothing to retry', () => {
    const pending = started({ pending: null, lastFailure: null }, op('j1'));
    expect(pending).toEqual({ pending: op('j1'), lastFailure: null });
    expect(isPendingJob(pending, 'j1')).toBe(true);
    expect(isPendingJob(pending, 'j2')).toBe(false);
    expect(completed()).toEqual({ pending: null, lastFailure: null });
  });

  it('remembers a failed operation for a retry of the same job, and nothing else', () => {
    const afterFailure = failed(started({ pending: null, lastFailure: null }, op('j1')));
    expect(afterFailure).toEqual({ pending: null, lastFailure: op('j1') });
    expect(retryable(afterFailure, 'j1')).toEqual(op('j1'));
    expect(retryable(afterFailure, 'j2')).toBeNull();
    // While the retry runs, it cannot be retried again.
    expect(retryable(started(afterFailure, op('j1', 2)), 'j1')).toBeNull();
  });
});

describe('operation lifecycle: one operation per part', () => {
  it('keeps several pending, ends one, and remembers it when it failed', () => {
    const two = startedOne(startedOne({ pending: [], lastFailures: [] }, op('a')), op('b'));
    expect(two).toEqual({ pending: [op('a'), op('b')], lastFailures: [] });
    const afterA = ended(two, 'a', 'failed');
    expect(afterA).toEqual({ operation: op('a'), pending: [op('b')], lastFailures: [op('a')] });
    const afterB = ended(afterA, 'b', 'succeeded');
    expect(afterB).toEqual({ operation: op('b'), pending: [], lastFailures: [op('a')] });
    expect(retryableOne(afterB, 'a')).toEqual(op('a'));
    expect(retryableOne(afterB, 'b')).toBeNull();
  });

  it('forgets the failure once its retry starts, and ignores outcomes of unknown jobs', () => {
    const failedA = ended(startedOne({ pending: [], lastFailures: [] }, op('a')), 'a', 'failed');
    const retried = startedOne(failedA, op('a', 2));
    expect(retried).toEqual({ pending: [op('a', 2)], lastFailures: [] });
    expect(retryableOne(retried, 'a')).toBeNull();
    expect(ended(retried, 'zzz', 'failed')).toEqual({ operation: undefined, pending: [op('a', 2)], lastFailures: [] });
  });
});
