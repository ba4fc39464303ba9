/**
 * Hyper-V Replica's own cycles, computed from time instead of run one by one. Cycle k of a
 * relationship is due at `startedAt + k × interval`. Between two changes of the conditions (a
 * fault set or cleared, an operation on the relationship) every due cycle has the same fate:
 * it reaches the replica, it fails, or it is missed because the one before it is still being
 * sent (a transfer longer than the interval: Hyper-V skips the cycles that fall due meanwhile).
 * The ledger counts the cycles up to `settledAt`; `advance` counts them up to a later moment
 * under one set of conditions, so a reading needs no write and a fault change one write.
 * Pure: time arrives as milliseconds since the epoch.
 */

export interface CycleLedger {
  /** When replication (re)started: the initial copy, a resume, a resynchronization. */
  startedAt: string;
  /** The cycles due up to here are counted. */
  settledAt: string;
  /** The last due cycle counted (0: none since startedAt). */
  lastDueCycle: number;
  successfulCycles: number;
  failedCycles: number;
  missedCycles: number;
  consecutiveFailedCycles: number;
  failureReason: string | null;
  lastMissedAt: string | null;
  /** The last cycle that reached the replica, and when it arrived. */
  lastCycle: number;
  lastReplicatedAt: string | null;
}

export type CycleConditions =
  /** Cycles go out; each takes `transferMs` to reach the replica. */
  | { kind: 'sending'; transferMs: number }
  /** Every cycle fails (the replica host is down or does not answer). */
  | { kind: 'failing'; reason: string }
  /** No cycles run (suspended, failed over). */
  | { kind: 'stopped' };

const iso = (ms: number) => new Date(ms).toISOString();

/** A ledger for replication that starts (or starts again) at `atMs`, keeping the totals of `previous`. */
export function startedLedger(atMs: number, previous: CycleLedger | null = null): CycleLedger {
  return {
    startedAt: iso(atMs),
    settledAt: iso(atMs),
    lastDueCycle: 0,
    successfulCycles: previous?.successfulCycles ?? 0,
    failedCycles: previous?.failedCycles ?? 0,
    missedCycles: previous?.missedCycles ?? 0,
    consecutiveFailedCycles: 0,
    failureReason: null,
    lastMissedAt: previous?.lastMissedAt ?? null,
    lastCycle: 0,
    // The initial copy (or the resynchronization) brought the replica up to date.
    lastReplicatedAt: iso(atMs),
  };
}

/** Counts the cycles due from the ledger's settledAt up to `untilMs` under `conditions`. */
export function advance(ledger: CycleLedger, conditions: CycleConditions, untilMs: number, intervalMs: number): CycleLedger {
  const started = Date.parse(ledger.startedAt);
  const settledAt = iso(Math.max(untilMs, Date.parse(ledger.settledAt)));
  const due = (k: number) => started + k * intervalMs;
  const lastDue = Math.max(ledger.lastDueCycle, Math.floor((untilMs - started) / intervalMs));
  const count = lastDue - ledger.lastDueCycle;
  if (count <= 0) return { ...ledger, settledAt };
  switch (conditions.kind) {
    case 'stopped':
      return { ...ledger, settledAt, lastDueCycle: lastDue };
    case 'failing':
      return {
        ...ledger,
        settledAt,
        lastDueCycle: lastDue,
        failedCycles: ledger.failedCycles + count,
        consecutiveFailedCycles: ledger.consecutiveFailedCycles + count,
        failureReason: conditions.reason,
      };
    case 'sending': {
      const first = ledger.lastDueCycle + 1;
      // Cycles first, first + every, … go out; the ones due while a transfer runs are missed.
      const every = Math.max(1, Math.ceil(conditions.transferMs / intervalMs));
      let lastSent = first + Math.floor((lastDue - first) / every) * every;
      let counted = lastDue;
      if (due(lastSent) + conditions.transferMs > untilMs) {
        // Still on its way: it and the cycles after it are counted by a later reading.
        counted = lastSent - 1;
        lastSent -= every;
      }
      const sent = lastSent >= first ? Math.floor((lastSent - first) / every) + 1 : 0;
      const missed = counted - first + 1 - sent;
      const lastMissed = missed > 0 ? ((counted - first) % every === 0 ? counted - 1 : counted) : null;
      return {
        ...ledger,
        settledAt,
        lastDueCycle: Math.max(ledger.lastDueCycle, counted),
        successfulCycles: ledger.successfulCycles + sent,
        missedCycles: ledger.missedCycles + Math.max(0, missed),
        lastMissedAt: lastMissed === null ? ledger.lastMissedAt : iso(due(lastMissed)),
        ...(sent > 0
          ? {
              consecutiveFailedCycles: 0,
              failureReason: null,
              lastCycle: lastSent,
              lastReplicatedAt: iso(due(lastSent) + conditions.transferMs),
            }
          : {}),
      };
    }
    default: {
      const unknown: never = conditions;
      return unknown;
    }
  }
}

/** Average and maximum of the sizes of the last (up to) `window` cycles that reached the replica. */
export function cycleSizes(
  lastCycle: number,
  sizeOf: (cycle: number) => number,
  window = 12,
): { lastSizeMb: number | null; averageSizeMb: number | null; maximumSizeMb: number | null } {
  if (lastCycle <= 0) return { lastSizeMb: null, averageSizeMb: null, maximumSizeMb: null };
  const sizes = Array.from({ length: Math.min(window, lastCycle) }, (_, i) => sizeOf(lastCycle - i));
  return {
    lastSizeMb: sizes[0],
    averageSizeMb: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
    maximumSizeMb: Math.max(...sizes),
  };
}

/** One end of a relationship as the fleet has it. */
export interface EndSeen {
  name: string;
  /** Down (crashed) or a crash fault. */
  down: boolean;
  unresponsive: boolean;
  latencyFactor: number;
}

/**
 * What the cycles of a relationship meet: none run unless it replicates; they fail while either
 * end is down or the replica does not answer; otherwise they take the transfer time at the pace
 * of the slower end. (A primary that does not answer the fabric still replicates.)
 */
export function cycleConditions(
  state: string,
  primary: EndSeen,
  replica: EndSeen,
  transferMs: (latencyFactor: number) => number,
): CycleConditions {
  if (state !== 'Replicating') return { kind: 'stopped' };
  if (primary.down) return { kind: 'failing', reason: `the primary host ${primary.name} is down` };
  if (replica.down) return { kind: 'failing', reason: `the replica host ${replica.name} is down` };
  if (replica.unresponsive) return { kind: 'failing', reason: `the replica host ${replica.name} does not answer` };
  return { kind: 'sending', transferMs: transferMs(Math.max(primary.latencyFactor, replica.latencyFactor)) };
}
