import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { NewEvent } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { Processor } from './processor';
import { ProcessorHost } from './processor-host';

/**
 * Runners wake up through LISTEN/NOTIFY when another process appends, long before their poll
 * interval; without a listener connection, polling alone still gets them there.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Long enough that catching up "well before" it can only be the wake-up's doing. */
const LONG_POLL_MS = 10_000;
const WELL_BEFORE_THE_POLL_MS = LONG_POLL_MS / 2;

async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

const events = (count: number, type = 'Pinged'): NewEvent[] =>
  Array.from({ length: count }, (_, n) => ({
    eventId: randomUUID(),
    type,
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
  }));

describe('processor wake-up: NOTIFY from other processes, polling as the fallback', () => {
  let db: TestDatabase;
  let settings: DatabaseSettings;
  let dataSource: DataSource;
  let admin: Client;
  /** The "other process" that appends: its own pool and event store (which publishes NOTIFY). */
  let writerPool: Pool;
  let writer: PostgresEventStore;
  const cleanups: (() => Promise<unknown>)[] = [];

  const connectClient = async () => {
    const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  before(async () => {
    db = await createTestDatabase('wakeup');
    settings = { url: db.url, poolSize: 5, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 10_000 };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    admin = await connectClient();
    writerPool = createPool(settings, () => undefined);
    writer = new PostgresEventStore({ pool: writerPool, connectListener: connectClient });
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await writer?.close();
    await writerPool?.end().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await dataSource?.destroy().catch(() => undefined);
    await db?.drop();
  });

  /** A "process" running one processor that records what it applied, with its own event store. */
  async function startReader(name: string, options: { listen: boolean; pollMs: number; eventTypes?: string[] }) {
    const table = `applied_${name.replace(/-/g, '_')}`;
    await dataSource.query(`CREATE TABLE ${table} (event_id uuid NOT NULL, global_position bigint NOT NULL)`);
    const pool = createPool(settings, () => undefined);
    const eventStore = new PostgresEventStore({ pool, connectListener: options.listen ? connectClient : undefined });
    const processor: Processor = {
      name,
      eventTypes: options.eventTypes,
      async handle(batch, tx) {
        await tx.query(`INSERT INTO ${table} (event_id, global_position) SELECT * FROM unnest($1::uuid[], $2::bigint[])`, [
          batch.map((e) => e.eventId),
          batch.map((e) => e.globalPosition),
        ]);
      },
    };
    const host = new ProcessorHost([processor], dataSource, eventStore, {
      batchSize: 100,
      pollMs: options.pollMs,
      standbyMs: 1000,
      connectLeaderClient: connectClient,
      log: () => undefined,
    });
    await host.start();
    cleanups.push(async () => {
      await host.stop();
      await eventStore.close();
      await pool.end();
    });
    expect(host.runningHere()).toEqual([name]);
    const applied = async () => Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
    const duplicates = async () =>
      Number((await dataSource.query(`SELECT count(*) - count(DISTINCT event_id) AS n FROM ${table}`))[0].n);
    return { host, applied, duplicates };
  }

  /** Waits until the reader has run its first (empty) batches and sleeps on its long poll. */
  async function idleOnTheLongPoll(reader: { host: ProcessorHost }): Promise<void> {
    await eventually(async () => (await reader.host.status())[0].lagEvents === 0, 5_000, 'the reader to catch up');
    // Give its first batches time to end; after them it sleeps until a wake-up or its poll.
    await sleep(400);
  }

  async function listeners(): Promise<number> {
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    return rows[0].n;
  }

  it('wakes the runner through NOTIFY when another process appends, well before the poll interval', async () => {
    const reader = await startReader('wake-by-notify', { listen: true, pollMs: LONG_POLL_MS });
    // The reader's event store listens on its own connection (the writer's does not: nobody
    // subscribed to it).
    await eventually(async () => (await listeners()) === 1, 5_000, 'the LISTEN connection');

    let expected = 0;
    for (let round = 0; round < 3; round++) {
      await idleOnTheLongPoll(reader);
      const started = Date.now();
      await writer.append(`pings-${round}`, events(25), 'any');
      expected += 25;
      await eventually(
        async () => (await reader.applied()) === expected,
        WELL_BEFORE_THE_POLL_MS,
        `round ${round} to be applied`,
      );
      expect(Date.now() - started).toBeLessThan(LONG_POLL_MS);
    }
    expect(await reader.duplicates()).toBe(0);
  });

  it('picks up an append that stayed hidden behind an older transaction for a while', async () => {
    const listening = await listeners();
    const reader = await startReader('wake-after-horizon', { listen: true, pollMs: LONG_POLL_MS });
    await eventually(async () => (await listeners()) === listening + 1, 5_000, 'the LISTEN connection');
    await idleOnTheLongPoll(reader);
    const before = await reader.applied();
    expect(before).toBe(await writer.headPosition());

    // An older appending transaction keeps the append invisible to readers for a second after its
    // NOTIFY woke them: it may yet commit an event before it in the order.
    const blocker = await connectClient();
    cleanups.push(() => blocker.end());
    let released: number;
    await blocker.query('BEGIN');
    try {
      const [held] = events(1);
      await blocker.query('SELECT * FROM fm_append_events($1, -1, $2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])', [
        'pings-blocker',
        [held.eventId],
        [held.type],
        [1],
        [JSON.stringify(held.data)],
        [JSON.stringify(held.metadata)],
      ]);
      await writer.append('pings-hidden', events(10), 'any');
      await sleep(1000);
      expect(await reader.applied()).toBe(before);
    } finally {
      released = Date.now();
      await blocker.query('COMMIT');
    }

    await eventually(
      async () => (await reader.applied()) === before + 11,
      WELL_BEFORE_THE_POLL_MS,
      'the hidden append to be applied',
    );
    expect(Date.now() - released).toBeLessThan(LONG_POLL_MS);
  });

  it('without a listener connection, polling alone still gets the read model there', async () => {
    const listening = await listeners();
    const reader = await startReader('wake-by-polling', { listen: false, pollMs: 1000 });
    await idleOnTheLongPoll(reader);
    const before = await reader.applied();
    expect(before).toBe(await writer.headPosition());
    expect(await listeners()).toBe(listening);

    await writer.append('pings-polled', events(20), 'any');
    await eventually(async () => (await reader.applied()) === before + 20, 10_000, 'polling to apply the append');
    expect(await reader.duplicates()).toBe(0);
  });

  it('is not held back by a transaction that appends nothing', async () => {
    const reader = await startReader('not-held-by-others', { listen: true, pollMs: LONG_POLL_MS });
    await idleOnTheLongPoll(reader);
    const before = await reader.applied();
    const other = await connectClient();
    cleanups.push(() => other.end());
    await other.query('BEGIN');
    try {
      await other.query('SELECT pg_current_xact_id()');
      await writer.append('pings-beside', events(5), 'any');
      await eventually(async () => (await reader.applied()) === before + 5, WELL_BEFORE_THE_POLL_MS, 'the append to be applied');
    } finally {
      await other.query('ROLLBACK');
    }
  });

  it('wakes only the processors that handle an appended type, and an idle one writes nothing per append', async () => {
    const pings = await startReader('handles-pings', { listen: true, pollMs: LONG_POLL_MS, eventTypes: ['Pinged'] });
    const pongs = await startReader('handles-pongs', { listen: true, pollMs: LONG_POLL_MS, eventTypes: ['Ponged'] });
    await idleOnTheLongPoll(pings);
    await idleOnTheLongPoll(pongs);
    const position = async (name: string) =>
      (await admin.query('SELECT cursor, updated_at FROM fm_processor_positions WHERE name = $1', [name])).rows[0];
    const pongsBefore = await position('handles-pongs');
    const pingsApplied = await pings.applied();

    for (let round = 0; round < 5; round++) await writer.append(`pings-only-${round}`, events(3), 'any');
    await eventually(async () => (await pings.applied()) === pingsApplied + 15, WELL_BEFORE_THE_POLL_MS, 'the pings');
    await sleep(300);
    expect(await position('handles-pongs')).toEqual(pongsBefore);
    expect(await pongs.applied()).toBe(0);

    await writer.append('pongs-0', events(2, 'Ponged'), 'any');
    await eventually(async () => (await pongs.applied()) === 2, WELL_BEFORE_THE_POLL_MS, 'the pongs');
    expect(await pings.applied()).toBe(pingsApplied + 15);
    expect(await pings.duplicates()).toBe(0);
  });

  it('tells listeners in its process after each batch it applied, once the batch is committed', async () => {
    const reader = await startReader('tells-its-batches', { listen: true, pollMs: LONG_POLL_MS, eventTypes: ['Pinged'] });
    await idleOnTheLongPoll(reader);
    const before = await reader.applied();
    const seen: Array<{ name: string; applied: Promise<number> }> = [];
    const unsubscribe = reader.host.onAdvance((name) => seen.push({ name, applied: reader.applied() }));
    try {
      await writer.append('pings-told', events(4), 'any');
      await eventually(
        async () => seen.length > 0 && (await seen[seen.length - 1].applied) === before + 4,
        WELL_BEFORE_THE_POLL_MS,
        'a batch to be told',
      );
      expect(seen.every((s) => s.name === 'tells-its-batches')).toBe(true);
      // What a listener reads when told is already committed.
      expect(await seen[0].applied).toBeGreaterThan(before);
    } finally {
      unsubscribe();
    }
  });
});
