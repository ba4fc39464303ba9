import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'expect';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { Processor } from './processor';
import { ProcessorPositions } from './processor-positions';
import { ProcessorRunner } from './processor-runner';

/**
 * A runner whose batches write nothing in PostgreSQL but the position keeps that position in
 * memory for a moment and writes it once for several batches; it is written all the same (after
 * the quiet moment, or when the runner stops), and a safety net that polls gets there without
 * being woken.
 */

const LONG_POLL_MS = 60_000;

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const pinged = (type = 'Pinged'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actor: 'test', role: 'test', correlationId: randomUUID(), causationId: null, requestId: null, idempotencyKey: null },
});

describe('processor runner: position writes and polling safety nets', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;
  let eventStore: PostgresEventStore;
  let positions: ProcessorPositions;

  before(async () => {
    db = await createTestDatabase('position_writes');
    const settings: DatabaseSettings = { url: db.url, poolSize: 6, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 10_000 };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    pool = createPool(settings, () => undefined);
    eventStore = new PostgresEventStore({ pool });
    positions = new ProcessorPositions(dataSource);
  });

  after(async () => {
    await eventStore?.close();
    await pool?.end().catch(() => undefined);
    await dataSource?.destroy().catch(() => undefined);
    await db?.drop();
  });

  /** An 'outside' processor that remembers what it saw, and a runner for it that counts its position writes. */
  async function startRunner(name: string, type: string, options: { pollMs: number; wakeUp?: 'append' | 'poll' }) {
    await positions.ensure(name);
    const seen: RecordedEvent[] = [];
    const processor: Processor = {
      name,
      eventTypes: [type],
      effects: 'outside',
      wakeUp: options.wakeUp,
      async handle(events) {
        seen.push(...events);
      },
    };
    const runner = new ProcessorRunner(processor, dataSource, eventStore, positions, {
      batchSize: 100,
      pollMs: options.pollMs,
      onError: () => undefined,
    });
    runner.start();
    return { runner, seen };
  }

  it('writes a position kept in memory once the batches stop coming, and when the runner stops', async () => {
    const { runner, seen } = await startRunner('kept-in-memory', 'Pinged', { pollMs: LONG_POLL_MS });
    try {
      let last = 0;
      for (let i = 0; i < 5; i++) last = (await eventStore.append(`pings-${randomUUID()}`, [pinged()], 'no-stream')).globalPosition;
      await eventually(async () => seen.length === 5, 'the five events to be handled');
      // Written after the quiet moment, long before the poll interval.
      await eventually(async () => (await positions.read('kept-in-memory'))?.globalPosition === last, 'the position to be written');
      expect((await positions.read('kept-in-memory'))?.eventsProcessed).toBe(5);

      await eventStore.append(`pings-${randomUUID()}`, [pinged(), pinged()], 'no-stream');
      await eventually(async () => seen.length === 7, 'two more events to be handled');
    } finally {
      await runner.stop();
    }
    // Stopping writes what was kept in memory: the next runner starts after it, not before.
    const stored = await positions.read('kept-in-memory');
    expect(stored?.eventsProcessed).toBe(7);
    expect(stored?.globalPosition).toBe(seen[seen.length - 1].globalPosition);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(7);
  });

  it('a processor that polls reads new events at its poll interval, with no wake-up', async () => {
    const { runner, seen } = await startRunner('polls', 'Polled', { pollMs: 200, wakeUp: 'poll' });
    try {
      await eventStore.append(`pings-${randomUUID()}`, [pinged('Polled'), pinged('Polled'), pinged('Polled')], 'no-stream');
      await eventually(async () => seen.length === 3, 'the events to be read by polling');
    } finally {
      await runner.stop();
    }
    expect((await positions.read('polls'))?.eventsProcessed).toBe(3);
  });
});
