import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { healthy, observe, op, plus, replicating, run, stateOf, vmId } from '../../../test/support/replication-builders';
import { replicationDecider } from './replication.decider';
import type { Observed } from './replication.events';

/*
 * Observed cycles: only what a person acts on becomes an event (a failure streak starting, turning
 * Critical and ending; a missed-cycle streak starting and ending; a recovery point of a new hour).
 */
const spec = deciderSpec(replicationDecider);
const observedOf = (o: ReturnType<typeof healthy>): Observed => ({
  lastReplicatedAt: o.lastReplicatedAt,
  successfulCycles: o.successfulCycles,
  failedCycles: o.failedCycles,
  missedCycles: o.missedCycles,
});

describe('ObserveReplication', () => {
  it('records nothing while every cycle arrives on time within the hour', () => {
    spec
      .given(replicating())
      .when(observe(healthy(1200), plus(1210)))
      .then([]);
  });

  it('records a failure streak starting (Warning), turning Critical at three, and ending (Normal)', () => {
    const failingOnce = healthy(1200, {
      failedCycles: 1,
      consecutiveFailedCycles: 1,
      failureReason: 'the replica host hv02 does not answer',
    });
    const first = run([observe(failingOnce, plus(1510))], replicating());
    expect(first.slice(-1)).toEqual([
      {
        type: 'ReplicationCyclesFailing',
        data: {
          vmId,
          at: plus(1510),
          failedCycles: 1,
          reason: 'the replica host hv02 does not answer',
          observed: observedOf(failingOnce),
        },
      },
    ]);
    expect([stateOf(first).health, stateOf(first).healthReason]).toEqual([
      'Warning',
      'the last replication cycle failed: the replica host hv02 does not answer',
    ]);
    spec
      .given(first)
      .when(observe({ ...failingOnce, failedCycles: 2, consecutiveFailedCycles: 2 }, plus(1810)))
      .then([]);
    const third = { ...failingOnce, failedCycles: 3, consecutiveFailedCycles: 3 };
    const critical = run([observe(third, plus(2110))], first);
    expect(critical.slice(-1)).toEqual([
      {
        type: 'ReplicationCyclesFailing',
        data: {
          vmId,
          at: plus(2110),
          failedCycles: 3,
          reason: 'the replica host hv02 does not answer',
          observed: observedOf(third),
        },
      },
    ]);
    expect(stateOf(critical).health).toBe('Critical');
    const back = healthy(2400, { failedCycles: 3 });
    const recovered = run([observe(back, plus(2410))], critical);
    expect(recovered.slice(-1)).toEqual([
      { type: 'ReplicationCyclesRecovered', data: { vmId, at: plus(2410), failedCycles: 3, observed: observedOf(back) } },
    ]);
    expect([stateOf(recovered).health, stateOf(recovered).lastReplicatedAt]).toEqual(['Normal', plus(2400)]);
  });

  it('records a missed-cycle streak starting (Warning) and ending after twelve intervals without a miss', () => {
    const missing = healthy(1200, { missedCycles: 1, lastMissedAt: plus(1200) });
    const started = run([observe(missing, plus(1210))], replicating());
    expect(started.slice(-1)).toEqual([
      {
        type: 'ReplicationCyclesMissing',
        data: { vmId, at: plus(1210), lastMissedAt: plus(1200), observed: observedOf(missing) },
      },
    ]);
    expect(stateOf(started).health).toBe('Warning');
    spec
      .given(started)
      .when(observe({ ...missing, lastReplicatedAt: plus(1500) }, plus(1510)))
      .then([]);
    const later = { ...missing, lastReplicatedAt: plus(1200 + 12 * 300) };
    const ended = run([observe(later, plus(1200 + 12 * 300))], started);
    // An hour has passed too: the streak's end comes with the hour's recovery point.
    expect(ended.slice(-2, -1)).toEqual([
      {
        type: 'ReplicationCyclesOnTime',
        data: { vmId, at: plus(4800), lastMissedAt: plus(1200), observed: observedOf(later) },
      },
    ]);
    expect(stateOf(ended).health).toBe('Normal');
  });

  it('records a recovery point when the last replication falls in a new hour, and keeps the ones asked for', () => {
    const nextHour = healthy(3600);
    spec
      .given(replicating())
      .when(observe(nextHour, plus(3610), 'rp-hour-1'))
      .then([
        {
          type: 'ReplicationRecoveryPointCreated',
          data: {
            vmId,
            at: plus(3610),
            recoveryPoint: { id: 'rp-hour-1', seq: 12, at: plus(3600), kind: 'Standard' },
            observed: observedOf(nextHour),
          },
        },
      ]);
    // The host names its newest point: the fabric records Hyper-V's id of it with the point.
    const named = { ...nextHour, latestRecoveryPointId: 'hv-rp-12' };
    spec
      .given(replicating())
      .when(observe(named, plus(3610), 'rp-hour-1'))
      .then([
        {
          type: 'ReplicationRecoveryPointCreated',
          data: {
            vmId,
            at: plus(3610),
            recoveryPoint: { id: 'rp-hour-1', hypervisorId: 'hv-rp-12', seq: 12, at: plus(3600), kind: 'Standard' },
            observed: observedOf(named),
          },
        },
      ]);
    // One additional point kept: of three hours, the last two points remain.
    const hours = run(
      [1, 2, 3].map((h) => observe(healthy(3600 * h), plus(3600 * h + 10), `rp-hour-${h}`)),
      replicating({ recoveryPoints: 1 }),
    );
    expect(stateOf(hours).recoveryPoints.map((p) => p.id)).toEqual(['rp-hour-2', 'rp-hour-3']);
  });

  it('judges nothing while suspended or while an operation is pending', () => {
    const suspended = run([op('SuspendReplication', 'job-suspend')], replicating());
    const failing = healthy(1200, { consecutiveFailedCycles: 5, failedCycles: 5 });
    spec
      .given(suspended)
      .when(observe(failing, plus(1300)))
      .then([]);
  });

  it('records one event an hour while healthy at 30 s: at most 0.1 events per cycle', () => {
    let events = replicating({ frequencySeconds: 30, intervalMs: 30_000 });
    const start = events.length;
    for (let second = 90; second <= 4 * 3600; second += 30) {
      events = run([observe(healthy(second, { lastCycle: second / 30 }), plus(second + 1), `rp-${second}`)], events);
    }
    const cycles = (4 * 3600 - 60) / 30;
    expect(events.length - start).toBe(4);
    expect((events.length - start) / cycles).toBeLessThanOrEqual(0.1);
  });
});
