import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../../platform/database';
import { newEvent, newStreamId } from '../event-store.contract';
import { NewEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Readers of the store-wide order wait only behind transactions that append events: a write
 * transaction held open elsewhere on the server (another database, or this one without appending)
 * holds nothing back, while an appending transaction still holds back everything after it.
 */
describe('PostgreSQL read horizon: only appenders hold readers back', () => {
  let database: TestDatabase;
  let foreignDatabase: TestDatabase;
  let settings: DatabaseSettings;
  let pool: Pool;
  let store: PostgresEventStore;
  const clients: Client[] = [];

  async function client(url = settings.url): Promise<Client> {
    const opened = new Client({ connectionString: url });
    opened.on('error', () => undefined);
    await opened.connect();
    clients.push(opened);
    return opened;
  }

  /** Everything readAll shows after `after`, in order (one page is enough here). */
  async function readIds(after: string | null): Promise<string[]> {
    return (await store.readAll({ after, limit: 1000 })).events.map((e) => e.eventId);
  }

  async function appendInOpenTransaction(holder: Client, event: NewEvent): Promise<void> {
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM fm_append_events($1, 0, $2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])', [
      newStreamId(),
      [event.eventId],
      [event.type],
      [1],
      [JSON.stringify(event.data)],
      [JSON.stringify(event.metadata)],
    ]);
  }

  before(async () => {
    database = await createTestDatabase('horizon');
    foreignDatabase = await createTestDatabase('horizon_foreign');
    settings = { url: database.url, poolSize: 4, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000 };
    const dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    try {
      await migrate(dataSource, settings);
    } finally {
      await dataSource.destroy();
    }
    pool = createPool(settings, () => undefined);
    store = new PostgresEventStore({ pool });
  });

  after(async () => {
    for (const opened of clients) await opened.end().catch(() => undefined);
    await store?.close();
    await pool?.end();
    await database?.drop();
    await foreignDatabase?.drop();
  });

  it('reads past a write transaction held open in another database and one in this database that appends nothing', async () => {
    const start = (await store.readAll({ after: null, limit: 1000 })).cursor;
    const foreign = await client(foreignDatabase.url);
    await foreign.query('BEGIN');
    await foreign.query('CREATE TABLE held (id int)');
    await foreign.query('INSERT INTO held VALUES (1)');
    const local = await client();
    await local.query('BEGIN');
    await local.query('SELECT pg_current_xact_id()');
    try {
      const appended = await store.append(newStreamId(), [newEvent()], 'no-stream');
      // No waiting and no retry: the very next read shows it.
      expect(await readIds(start)).toEqual([appended.events[0].eventId]);
      expect(await store.heldHorizon()).toBeNull();
    } finally {
      await foreign.query('ROLLBACK');
      await local.query('ROLLBACK');
    }
  });

  it('holds back what commits after an appender still running, then reads both in the order it agreed on', async () => {
    const start = (await store.readAll({ after: null, limit: 1000 })).cursor;
    const holder = await client();
    const early = newEvent('EarlyAppended');
    await appendInOpenTransaction(holder, early);
    const late = await store.append(newStreamId(), [newEvent('LateAppended')], 'no-stream');

    expect(await readIds(start)).toEqual([]);
    const held = await store.heldHorizon();
    expect(held).toMatchObject({ pid: expect.any(Number), transactionId: expect.stringMatching(/^\d+$/) });
    expect(held!.heldForMs).toBeGreaterThanOrEqual(0);

    await holder.query('COMMIT');
    expect(await readIds(start)).toEqual([early.eventId, late.events[0].eventId]);
    expect(await store.heldHorizon()).toBeNull();
  });

  it('says when events of the types asked for wait behind an appender, and only for those types', async () => {
    const start = (await store.readAll({ after: null, limit: 1000 })).cursor;
    const holder = await client();
    await appendInOpenTransaction(holder, newEvent('HeldOpen'));
    const late = await store.append(newStreamId(), [newEvent('LateAppended')], 'no-stream');
    try {
      const behind = await store.readAll({ after: start, limit: 1000, filter: { types: ['LateAppended'] }, hidden: true });
      expect(behind).toMatchObject({ events: [], hidden: true });
      expect(await store.readAll({ after: start, limit: 1000, hidden: true })).toMatchObject({ events: [], hidden: true });
      // The open transaction's own event is not committed, so it is nobody's hidden event.
      const others = await store.readAll({ after: start, limit: 1000, filter: { types: ['HeldOpen'] }, hidden: true });
      expect(others).toMatchObject({ events: [], hidden: false });
      // Without asking, nothing is said.
      expect((await store.readAll({ after: start, limit: 1000 })).hidden).toBeUndefined();
    } finally {
      await holder.query('COMMIT');
    }
    const after = await store.readAll({ after: start, limit: 1000, filter: { types: ['LateAppended'] }, hidden: true });
    expect(after).toMatchObject({ events: [expect.objectContaining({ eventId: late.events[0].eventId })], hidden: false });
  });

  it('refuses an append in a transaction that wrote before it, which readers could not wait for', async () => {
    const writer = await client();
    await writer.query('BEGIN');
    await writer.query('SELECT pg_current_xact_id()');
    const event = newEvent();
    await expect(
      writer.query('SELECT * FROM fm_append_events($1, 0, $2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])', [
        newStreamId(),
        [event.eventId],
        [event.type],
        [1],
        [JSON.stringify(event.data)],
        [JSON.stringify(event.metadata)],
      ]),
    ).rejects.toMatchObject({ code: 'FMAPP' });
    await writer.query('ROLLBACK');
  });

  it('lets a transaction append twice: the second append finds the lock its first one took', async () => {
    const start = (await store.readAll({ after: null, limit: 1000 })).cursor;
    const holder = await client();
    const [first, second] = [newEvent(), newEvent()];
    await appendInOpenTransaction(holder, first);
    await holder.query('SELECT * FROM fm_append_events($1, 0, $2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])', [
      newStreamId(),
      [second.eventId],
      [second.type],
      [1],
      [JSON.stringify(second.data)],
      [JSON.stringify(second.metadata)],
    ]);
    await holder.query('COMMIT');
    expect(await readIds(start)).toEqual([first.eventId, second.eventId]);
  });
});
