import { describe, it } from 'node:test';
import { expect } from 'expect';
import { advance, cycleConditions, cycleSizes, EndSeen, startedLedger } from './replication-cycles';

/* Hyper-V's cycles counted from time: each due cycle reaches the replica, fails, or is missed, never twice. */
const T0 = Date.parse('2026-11-26T12:00:00.000Z');
const INTERVAL = 1000;
const at = (ms: number) => new Date(T0 + ms).toISOString();
const start = startedLedger(T0);

describe('replication cycles from time', () => {
  it('starts with the initial copy as the last replication and nothing counted', () => {
    expect(start).toEqual({
      startedAt: at(0),
      settledAt: at(0),
      lastDueCycle: 0,
      successfulCycles: 0,
      failedCycles: 0,
      missedCycles: 0,
      consecutiveFailedCycles: 0,
      failureReason: null,
      lastMissedAt: null,
      lastCycle: 0,
      lastReplicatedAt: at(0),
    });
  });

  it('counts the cycles that reached the replica; the one still on its way is counted by a later reading', () => {
    const ledger = advance(start, { kind: 'sending', transferMs: 200 }, T0 + 5100, INTERVAL);
    // Cycles 1–5 are due; cycle 5 arrives at 5200: not yet.
    expect(ledger).toMatchObject({
      lastDueCycle: 4,
      successfulCycles: 4,
      lastCycle: 4,
      lastReplicatedAt: at(4200),
      missedCycles: 0,
    });
    const later = advance(ledger, { kind: 'sending', transferMs: 200 }, T0 + 5300, INTERVAL);
    expect(later).toMatchObject({ lastDueCycle: 5, successfulCycles: 5, lastCycle: 5, lastReplicatedAt: at(5200) });
  });

  it('gives the same count read once or in many steps', () => {
    const sending = { kind: 'sending', transferMs: 300 } as const;
    const once = advance(start, sending, T0 + 20_000, INTERVAL);
    let stepwise = start;
    for (let ms = 700; ms <= 20_000; ms += 700) stepwise = advance(stepwise, sending, T0 + ms, INTERVAL);
    stepwise = advance(stepwise, sending, T0 + 20_000, INTERVAL);
    expect(stepwise).toEqual(once);
  });

  it('fails every due cycle under failing conditions, naming why, and a success ends the streak', () => {
    const failing = advance(start, { kind: 'failing', reason: 'the replica host hv02 does not answer' }, T0 + 3500, INTERVAL);
    expect(failing).toMatchObject({
      failedCycles: 3,
      consecutiveFailedCycles: 3,
      successfulCycles: 0,
      failureReason: 'the replica host hv02 does not answer',
      lastReplicatedAt: at(0),
    });
    const back = advance(failing, { kind: 'sending', transferMs: 100 }, T0 + 4500, INTERVAL);
    expect(back).toMatchObject({
      failedCycles: 3,
      consecutiveFailedCycles: 0,
      failureReason: null,
      successfulCycles: 1,
      lastCycle: 4,
    });
  });

  it('misses the cycles due while a longer transfer runs (one sent in three at 2.5 intervals)', () => {
    const slow = advance(start, { kind: 'sending', transferMs: 2500 }, T0 + 9600, INTERVAL);
    // Sent: 1, 4, 7 (arrived at 3500, 6500, 9500); missed: 2, 3, 5, 6, 8, 9.
    expect(slow).toMatchObject({ successfulCycles: 3, missedCycles: 6, lastCycle: 7, lastMissedAt: at(9000), lastDueCycle: 9 });
  });

  it('counts nothing while stopped, and moves on from there', () => {
    const stopped = advance(start, { kind: 'stopped' }, T0 + 5000, INTERVAL);
    expect(stopped).toMatchObject({ lastDueCycle: 5, successfulCycles: 0, failedCycles: 0 });
    expect(advance(stopped, { kind: 'sending', transferMs: 0 }, T0 + 6000, INTERVAL)).toMatchObject({
      successfulCycles: 1,
      lastCycle: 6,
    });
  });

  it('keeps the totals when replication starts again, and starts a new schedule', () => {
    const failing = advance(start, { kind: 'failing', reason: 'down' }, T0 + 2000, INTERVAL);
    expect(startedLedger(T0 + 2500, failing)).toMatchObject({
      startedAt: at(2500),
      lastDueCycle: 0,
      failedCycles: 2,
      consecutiveFailedCycles: 0,
      failureReason: null,
      lastReplicatedAt: at(2500),
    });
  });

  it('sizes the last cycles: the last, their average and maximum', () => {
    expect(cycleSizes(0, () => 1)).toEqual({ lastSizeMb: null, averageSizeMb: null, maximumSizeMb: null });
    expect(cycleSizes(3, (seq) => seq * 10)).toEqual({ lastSizeMb: 30, averageSizeMb: 20, maximumSizeMb: 30 });
    expect(cycleSizes(100, (seq) => seq, 12)).toEqual({ lastSizeMb: 100, averageSizeMb: 95, maximumSizeMb: 100 });
  });

  it('judges the conditions from both ends: down or silent replica fails, a slow end slows, no cycles unless replicating', () => {
    const end = (overrides: Partial<EndSeen> = {}): EndSeen => ({
      name: 'hv',
      down: false,
      unresponsive: false,
      latencyFactor: 1,
      ...overrides,
    });
    const transfer = (factor: number) => 100 * factor;
    expect(cycleConditions('Suspended', end(), end(), transfer)).toEqual({ kind: 'stopped' });
    expect(cycleConditions('Replicating', end({ name: 'hv01', down: true }), end(), transfer)).toEqual({
      kind: 'failing',
      reason: 'the primary host hv01 is down',
    });
    expect(cycleConditions('Replicating', end(), end({ name: 'hv02', down: true }), transfer)).toEqual({
      kind: 'failing',
      reason: 'the replica host hv02 is down',
    });
    expect(cycleConditions('Replicating', end(), end({ name: 'hv02', unresponsive: true }), transfer)).toEqual({
      kind: 'failing',
      reason: 'the replica host hv02 does not answer',
    });
    expect(
      cycleConditions('Replicating', end({ unresponsive: true, latencyFactor: 3 }), end({ latencyFactor: 2 }), transfer),
    ).toEqual({
      kind: 'sending',
      transferMs: 300,
    });
  });
});
