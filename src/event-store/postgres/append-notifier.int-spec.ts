import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'expect';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../../platform/database';
import { newEvent } from '../event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

/**
 * A NOTIFY is a transaction of its own: a process sends none while no other process listens (it
 * hears its own appends in process), and starts sending them once another one listens.
 */
describe('PostgreSQL append notifications: only when another process listens', () => {
  let db: TestDatabase;
  let settings: DatabaseSettings;
  const closers: Array<() => Promise<unknown>> = [];

  before(async () => {
    db = await createTestDatabase('append_notifier');
    settings = { url: db.url, poolSize: 4, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000 };
    const dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    try {
      await migrate(dataSource, settings);
    } finally {
      await dataSource.destroy();
    }
  });

  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await db?.drop();
  });

  /** A "process": its own pool and store, counting the NOTIFYs it sends. */
  function openProcess(): { store: PostgresEventStore; notifies: () => number } {
    const pool: Pool = createPool(settings, () => undefined);
    let notifies = 0;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('pg_notify')) notifies++;
      return query(...args);
    };
    const store = new PostgresEventStore({
      pool,
      connectListener: async () => {
        const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
        client.on('error', () => undefined);
        await client.connect();
        return client;
      },
    });
    closers.push(() => pool.end(), () => store.close());
    return { store, notifies: () => notifies };
  }

  async function listeningSessions(): Promise<number> {
    const pool = createPool(settings, () => undefined);
    try {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      return rows[0].n;
    } finally {
      await pool.end();
    }
  }

  async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  it('sends no NOTIFY while it is the only listener, then wakes another process once one listens', async () => {
    const alone = openProcess();
    let heardHere = 0;
    alone.store.onAppended(() => heardHere++);
    await eventually(async () => (await listeningSessions()) === 1, 'the first LISTEN session');

    for (let i = 0; i < 5; i++) {
      await alone.store.append(`alone-${randomUUID()}`, [newEvent()], 'no-stream');
      // Past the notification window, so that each append would have had a NOTIFY of its own.
      await sleep(20);
    }
    expect(heardHere).toBe(5);
    expect(alone.notifies()).toBe(0);

    const other = openProcess();
    let heardThere = 0;
    other.store.onAppended(() => heardThere++);
    await eventually(async () => (await listeningSessions()) === 2, 'the second LISTEN session');
    // The first process looks again at most a second after it last looked: keep appending until heard.
    await eventually(async () => {
      await alone.store.append(`heard-${randomUUID()}`, [newEvent()], 'no-stream');
      await sleep(100);
      return heardThere > 0;
    }, 'the other process to hear an append');
    expect(alone.notifies()).toBeGreaterThan(0);
  });
});
