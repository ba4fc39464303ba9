import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'expect';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { DomainEvent } from '../platform/domain/decider';
import { foldKeyOf, isPlainData, loadAggregate, SNAPSHOT_AFTER_EVENTS } from './aggregate-stream';
import { newEvent, newStreamId } from './event-store.contract';
import { ReadStreamOptions } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

type Added = DomainEvent<'Added', { by: number }>;
/** A running total that also remembers the versions it folded, so a test sees what was read. */
type Total = { sum: number; count: number };
const totals = {
  initialState: { sum: 0, count: 0 } as Total,
  evolve: (state: Total, event: Added): Total => ({ sum: state.sum + event.data.by, count: state.count + 1 }),
};
/** The same stream read by a changed fold: it must never start from the other fold's snapshot. */
const doubled = {
  initialState: { sum: 0, count: 0 } as Total,
  evolve: (state: Total, event: Added): Total => ({ sum: state.sum + 2 * event.data.by, count: state.count + 1 }),
};

describe('loading aggregates through snapshots', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const reads: Array<{ streamId: string; options?: ReadStreamOptions }> = [];
  const decisionReads: Array<{ streamId: string; fromSnapshot: number | null; events: number }> = [];

  before(async () => {
    database = await createTestDatabase('snapshots');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 4,
      statementTimeoutMs: 30_000,
      idleInTransactionTimeoutMs: 30_000,
    };
    const dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    try {
      await migrate(dataSource, settings);
    } finally {
      await dataSource.destroy();
    }
    pool = createPool(settings, () => undefined);
    store = new PostgresEventStore({ pool });
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, options) => {
      reads.push({ streamId, options });
      return readStream(streamId, options);
    };
    const readForDecision = store.readForDecision.bind(store);
    store.readForDecision = async (streamId, options) => {
      const read = await readForDecision(streamId, options);
      decisionReads.push({ streamId, fromSnapshot: read.snapshot?.streamVersion ?? null, events: read.events.length });
      return read;
    };
  });
  after(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  async function appendAdded(streamId: string, from: number, count: number): Promise<void> {
    const events = Array.from({ length: count }, (_, i) => newEvent('Added', { by: from + i }));
    await store.append(streamId, events, from === 1 ? 'no-stream' : from - 1);
  }

  async function snapshotOf(streamId: string, fold: typeof totals) {
    for (let tries = 0; tries < 100; tries++) {
      const snapshot = await store.readSnapshot(streamId, foldKeyOf(fold));
      if (snapshot) return snapshot;
      await sleep(20);
    }
    throw new Error('no snapshot was written');
  }

  const sumTo = (n: number) => (n * (n + 1)) / 2;

  it('leaves a snapshot after a long fold and then reads only the events after it, with the same state', async () => {
    const streamId = newStreamId();
    const length = SNAPSHOT_AFTER_EVENTS + 50;
    await appendAdded(streamId, 1, length);

    const full = await loadAggregate(store, totals, streamId);
    expect(full.state).toEqual({ sum: sumTo(length), count: length });
    const snapshot = await snapshotOf(streamId, totals);
    expect(snapshot).toMatchObject({ streamVersion: length, globalPosition: full.position, state: full.state });

    await appendAdded(streamId, length + 1, 3);
    decisionReads.length = 0;
    const later = await loadAggregate(store, totals, streamId);
    // One read: the snapshot and the three events after it.
    expect(decisionReads).toEqual([{ streamId, fromSnapshot: length, events: 3 }]);
    expect(later).toMatchObject({ state: { sum: sumTo(length + 3), count: length + 3 }, version: length + 3 });

    // Nothing after the snapshot: version and position come from the snapshot itself.
    const quiet = newStreamId();
    await appendAdded(quiet, 1, SNAPSHOT_AFTER_EVENTS);
    const loaded = await loadAggregate(store, totals, quiet);
    await snapshotOf(quiet, totals);
    expect(await loadAggregate(store, totals, quiet)).toEqual(loaded);
  });

  it("does not let a changed fold start from another fold's snapshot", async () => {
    const streamId = newStreamId();
    await appendAdded(streamId, 1, SNAPSHOT_AFTER_EVENTS + 10);
    await loadAggregate(store, totals, streamId);
    await snapshotOf(streamId, totals);
    expect(foldKeyOf(doubled)).not.toBe(foldKeyOf(totals));
    expect(foldKeyOf({ ...totals, snapshotVersion: 2 })).not.toBe(foldKeyOf(totals));

    decisionReads.length = 0;
    const changed = await loadAggregate(store, doubled, streamId);
    expect(decisionReads).toEqual([{ streamId, fromSnapshot: null, events: SNAPSHOT_AFTER_EVENTS + 10 }]);
    expect(changed.state).toEqual({ sum: 2 * sumTo(SNAPSHOT_AFTER_EVENTS + 10), count: SNAPSHOT_AFTER_EVENTS + 10 });
  });

  it('travels in time across a snapshot by a full fold, with the answer of a full fold', async () => {
    const streamId = newStreamId();
    await appendAdded(streamId, 1, SNAPSHOT_AFTER_EVENTS + 20);
    await loadAggregate(store, totals, streamId);
    await snapshotOf(streamId, totals);
    const stored = await store.readStream(streamId);
    const at = stored[9];

    reads.length = 0;
    const past = await loadAggregate(store, totals, streamId, { toPosition: at.globalPosition });
    expect(reads).toEqual([{ streamId, options: { toPosition: at.globalPosition } }]);
    expect(past).toEqual({ state: { sum: sumTo(10), count: 10 }, version: 10, position: at.globalPosition });
  });

  it('keeps no snapshot of a state that would not survive JSON', async () => {
    expect(isPlainData({ a: [1, 'x', null, { b: true }], c: undefined })).toBe(true);
    expect(isPlainData({ at: new Date() })).toBe(false);
    expect(isPlainData({ ids: new Set(['a']) })).toBe(false);
    expect(isPlainData({ n: Number.NaN })).toBe(false);

    const dated = {
      initialState: { last: null as Date | null },
      evolve: (_: { last: Date | null }, event: Added) => ({ last: new Date(event.data.by) }),
    };
    const streamId = newStreamId();
    await appendAdded(streamId, 1, SNAPSHOT_AFTER_EVENTS + 5);
    await loadAggregate(store, dated, streamId);
    await sleep(200);
    expect(await store.readSnapshot(streamId, foldKeyOf(dated))).toBeNull();
  });
});
