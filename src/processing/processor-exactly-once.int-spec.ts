import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Client, Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { Processor } from './processor';
import { ProcessorPositions } from './processor-positions';
import { ProcessorRunner } from './processor-runner';

/**
 * A processor's effects and its position commit in one transaction: a transaction that dies in
 * the middle of a batch (its backend terminated, or handle() throwing after writing part of the
 * batch) leaves no trace, and the retried batch applies every event exactly once.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

const tick = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: n % 5 === 0 ? 'Ignored' : 'Ticked',
  schemaVersion: 1,
  data: { n },
  metadata: {
    actor: 'test',
    role: 'test',
    correlationId: randomUUID(),
    causationId: null,
    requestId: null,
    idempotencyKey: null,
  },
});

describe('processor runner: exactly once when a batch dies half-way', () => {
  let db: TestDatabase;
  let settings: DatabaseSettings;
  let dataSource: DataSource;
  let pool: Pool;
  let eventStore: PostgresEventStore;
  let killer: Client;
  let appended = 0;

  before(async () => {
    db = await createTestDatabase('exactly_once');
    settings = { url: db.url, poolSize: 10, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 10_000 };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    pool = createPool(settings, () => undefined);
    eventStore = new PostgresEventStore({ pool });
    killer = createClient({ ...settings, statementTimeoutMs: 0 });
    await killer.connect();
  });

  after(async () => {
    await eventStore?.close();
    await killer?.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await dataSource?.destroy().catch(() => undefined);
    await db?.drop();
  });

  /** Appends `count` events over a few streams, several per append. */
  async function appendEvents(count: number): Promise<void> {
    for (let i = 0; i < count; i += 10) {
      const events = Array.from({ length: Math.min(10, count - i) }, () => tick(++appended));
      await eventStore.append(`tick-${i % 7}`, events, 'any');
    }
  }

  async function createTable(table: string): Promise<void> {
    // No unique constraint on purpose: an event applied twice shows up as two rows.
    await dataSource.query(`CREATE TABLE ${table} (event_id uuid NOT NULL, global_position bigint NOT NULL)`);
  }

  async function insertRows(tx: EntityManager, table: string, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      await tx.query(`INSERT INTO ${table} (event_id, global_position) VALUES ($1, $2)`, [event.eventId, event.globalPosition]);
    }
  }

  /** Every relevant event of the store once, no more and no less, and the position at the head. */
  async function expectExactlyOnce(table: string, name: string, eventTypes: readonly string[]): Promise<void> {
    const expected: { event_id: string; global_position: string }[] = await dataSource.query(
      `SELECT event_id, global_position FROM fm_events WHERE type = ANY($1::text[]) ORDER BY global_position`,
      [eventTypes],
    );
    const applied: { event_id: string; global_position: string }[] = await dataSource.query(
      `SELECT event_id, global_position FROM ${table} ORDER BY global_position, event_id`,
    );
    const duplicates = await dataSource.query(`SELECT event_id FROM ${table} GROUP BY event_id HAVING count(*) > 1`);
    expect(duplicates).toEqual([]);
    expect(applied.length).toBe(expected.length);
    expect(applied).toEqual(expected);
    const position = await new ProcessorPositions(dataSource).read(name);
    expect(position?.globalPosition).toBe(await eventStore.headPosition());
    expect(position?.eventsProcessed).toBe(expected.length);
  }

  function startRunner(processor: Processor, errors: unknown[]): ProcessorRunner {
    const runner = new ProcessorRunner(processor, dataSource, eventStore, new ProcessorPositions(dataSource), {
      batchSize: 40,
      pollMs: 100,
      onError: (_name, error) => errors.push(error),
    });
    runner.start();
    return runner;
  }

  async function waitUntilCaughtUp(name: string): Promise<void> {
    const head = await eventStore.headPosition();
    const positions = new ProcessorPositions(dataSource);
    await eventually(async () => ((await positions.read(name))?.globalPosition ?? 0) >= head, 15_000, `${name} to reach ${head}`);
  }

  it('applies every event exactly once when the transaction backend is terminated mid-batch', async () => {
    const name = 'killed-mid-batch';
    const table = 'applied_killed';
    await createTable(table);
    await new ProcessorPositions(dataSource).ensure(name);
    await appendEvents(300);

    const killOnCalls = new Set([2, 5, 6, 11]);
    let calls = 0;
    const killed: { pid: number; rowsWritten: number; firstPosition: number }[] = [];
    const processor: Processor = {
      name,
      eventTypes: ['Ticked'],
      async handle(events, tx) {
        calls += 1;
        if (!killOnCalls.has(calls) || events.length < 2) {
          await insertRows(tx, table, events);
          return;
        }
        const half = Math.ceil(events.length / 2);
        await insertRows(tx, table, events.slice(0, half));
        const [{ pid }] = await tx.query('SELECT pg_backend_pid() AS pid');
        killed.push({ pid, rowsWritten: half, firstPosition: events[0].globalPosition });
        // From another connection; waits (up to 5 s) until the backend is really gone.
        const { rows } = await killer.query('SELECT pg_terminate_backend($1, 5000) AS done', [pid]);
        expect(rows[0].done).toBe(true);
        await insertRows(tx, table, events.slice(half));
      },
    };

    const errors: unknown[] = [];
    const runner = startRunner(processor, errors);
    try {
      // More events arrive while the runner works and dies.
      await appendEvents(300);
      await waitUntilCaughtUp(name);
      expect(killed.length).toBe(killOnCalls.size);
    } finally {
      await runner.stop();
    }

    // Each kill surfaced as a failed batch and the rows written before it were rolled back.
    expect(errors.length).toBeGreaterThanOrEqual(killed.length);
    const killedPids = new Set(killed.map((k) => k.pid));
    expect(killedPids.size).toBe(killed.length);
    await expectExactlyOnce(table, name, ['Ticked']);

    // The pool dropped the dead connections: the service keeps working with fresh ones.
    const { rows: alive } = await killer.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])', [
      [...killedPids],
    ]);
    expect(alive[0].n).toBe(0);
  });

  it('applies every event exactly once when handle() throws after writing half of a batch', async () => {
    const name = 'throws-mid-batch';
    const table = 'applied_throws';
    await createTable(table);
    await new ProcessorPositions(dataSource).ensure(name);
    await appendEvents(200);

    const failOnCalls = new Set([1, 3, 4, 8]);
    let calls = 0;
    let failures = 0;
    const processor: Processor = {
      name,
      eventTypes: ['Ticked'],
      async handle(events, tx) {
        calls += 1;
        if (!failOnCalls.has(calls) || events.length < 2) {
          await insertRows(tx, table, events);
          return;
        }
        await insertRows(tx, table, events.slice(0, Math.ceil(events.length / 2)));
        failures += 1;
        throw new Error(`handler failed half-way (call ${calls})`);
      },
    };

    const errors: unknown[] = [];
    const runner = startRunner(processor, errors);
    try {
      await appendEvents(200);
      await waitUntilCaughtUp(name);
    } finally {
      await runner.stop();
    }

    expect(failures).toBe(failOnCalls.size);
    expect(errors.map((e) => (e as Error).message)).toEqual(
      [...failOnCalls].map((call) => `handler failed half-way (call ${call})`),
    );
    await expectExactlyOnce(table, name, ['Ticked']);
  });
});
