import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'expect';
import { Client, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../../platform/database';
import { eventStoreContract, newEvent, newStreamId, readEverything, settle, waitFor } from '../event-store.contract';
import { DuplicateEventIdError, NewEvent, RecordedEvent, WrongExpectedVersionError } from '../event-store.port';
import { UpcasterRegistry } from '../upcasting';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The PostgreSQL adapter against a real, migrated database of its own: the shared contract first,
 * then what only PostgreSQL can show (late-committing transactions, lock races, raw rows).
 */

let database: TestDatabase | undefined;
let opening: Promise<DatabaseSettings> | undefined;

function openDatabase(): Promise<DatabaseSettings> {
  opening ??= (async () => {
    database = await createTestDatabase('event_store');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 16,
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
    return settings;
  })();
  return opening;
}

interface OpenStore {
  store: PostgresEventStore;
  pool: Pool;
  settings: DatabaseSettings;
  close(): Promise<void>;
}

async function openStore(upcasters?: UpcasterRegistry): Promise<OpenStore> {
  const settings = await openDatabase();
  const pool = createPool(settings, () => undefined);
  const connectListener = async () => {
    const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const store = new PostgresEventStore({ pool, connectListener, upcasters });
  return {
    store,
    pool,
    settings,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

after(async () => {
  await database?.drop();
});

eventStoreContract('PostgreSQL', async () => {
  const opened = await openStore();
  return { store: opened.store, teardown: opened.close };
});

describe('PostgresEventStore: PostgreSQL specifics', () => {
  let opened: OpenStore;
  let store: PostgresEventStore;
  const handClients: Client[] = [];

  /** A connection of its own, outside the store's pool, for transactions driven by hand. */
  async function handClient(): Promise<Client> {
    const client = new Client({ connectionString: opened.settings.url });
    client.on('error', () => undefined);
    await client.connect();
    handClients.push(client);
    return client;
  }

  interface AppendRow {
    event_id: string;
    stream_version: string;
    global_position: string;
    transaction_id: string;
  }

  /** Calls the append function directly, e.g. inside a transaction that is kept open. */
  async function handAppend(client: Client, streamId: string, expected: number, events: NewEvent[]): Promise<AppendRow[]> {
    const { rows } = await client.query<AppendRow>(
      'SELECT * FROM fm_append_events($1, $2, $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])',
      [
        streamId,
        expected,
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
      ],
    );
    return rows;
  }

  /** Waits until `count` sessions of this database are blocked on a lock. */
  async function waitForLockWaiters(count: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await opened.pool.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].waiting >= count) return;
      if (Date.now() > deadline) throw new Error(`expected ${count} session(s) waiting on a lock`);
      await sleep(10);
    }
  }

  async function storedRows(eventIds: string[]): Promise<{ event_id: string; stream_id: string }[]> {
    const { rows } = await opened.pool.query('SELECT event_id, stream_id FROM fm_events WHERE event_id = ANY($1::uuid[])', [
      eventIds,
    ]);
    return rows;
  }

  before(async () => {
    opened = await openStore();
    store = opened.store;
    // Test-only hooks on this throw-away database: slow down or refuse rows of two test event types.
    await opened.pool.query(`
      CREATE FUNCTION fm_test_events_hook() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.type = 'TestSlowInsertHappened' THEN PERFORM pg_sleep(0.2); END IF;
        IF NEW.type = 'TestPoisonHappened' THEN RAISE EXCEPTION 'poisoned event refused by the test hook'; END IF;
        RETURN NEW;
      END
      $fn$`);
    await opened.pool.query(`
      CREATE TRIGGER fm_test_events_hook BEFORE INSERT ON fm_events FOR EACH ROW
        WHEN (NEW.type IN ('TestSlowInsertHappened', 'TestPoisonHappened'))
        EXECUTE FUNCTION fm_test_events_hook()`);
  });

  after(async () => {
    for (const client of handClients) await client.end().catch(() => undefined);
    await opened.pool.query('DROP TRIGGER IF EXISTS fm_test_events_hook ON fm_events').catch(() => undefined);
    await opened.close();
  });

  it('No skipped events: 8 concurrent writers, a late-committing transaction, followers that agree on one order', async () => {
    const run = randomUUID().slice(0, 8);
    const writers = 8;
    const perWriter = 2000;
    const batch = 4;
    const expectedIds = new Set<string>();
    let written = 0;
    let allCommitted = false;

    const follow = async (limit: number) => {
      const seen: RecordedEvent[] = [];
      let seenExpected = 0;
      let cursor: string | null = null;
      const deadline = Date.now() + 20_000;
      for (;;) {
        // Read the flag before the query: an empty page after it means everything committed was read.
        const finished = allCommitted;
        const page = await store.readAll({ after: cursor, limit });
        if (page.events.length === 0) {
          if (finished && (seenExpected === expectedIds.size || Date.now() > deadline)) return seen;
          await sleep(5);
          continue;
        }
        for (const event of page.events) if (expectedIds.has(event.eventId)) seenExpected++;
        seen.push(...page.events);
        cursor = page.cursor;
      }
    };

    const write = async (writer: number) => {
      const streamId = `nse-${run}-w${writer}`;
      let version = 0;
      while (version < perWriter) {
        const events = Array.from({ length: batch }, () => newEvent('NoSkipEventHappened', { writer }));
        for (const event of events) expectedIds.add(event.eventId);
        const result = await store.append(streamId, events, version === 0 ? 'no-stream' : version);
        expect(result.streamVersion).toBe(version + batch);
        version = result.streamVersion;
        written += batch;
      }
    };

    const lateEvent = newEvent('LateEventCommitted');
    expectedIds.add(lateEvent.eventId);
    const lateWriter = async () => {
      await waitFor(() => written >= (writers * perWriter) / 5, 60_000, 'writers never got going');
      const client = await handClient();
      await client.query('BEGIN');
      const [row] = await handAppend(client, `nse-${run}-late`, 0, [lateEvent]);
      const writtenBefore = written;
      await sleep(300);
      const headWhileOpen = await store.headPosition();
      const writtenWhileOpen = written - writtenBefore;
      await client.query('COMMIT');
      return { position: Number(row.global_position), headWhileOpen, writtenWhileOpen };
    };

    const followers = [follow(250), follow(997)];
    const [late] = await Promise.all([lateWriter(), ...Array.from({ length: writers }, (_, w) => write(w))]);
    allCommitted = true;
    const [first, second] = await Promise.all(followers);
    const final = await readEverything(store, 5000);

    // The scenario really happened: later positions were committed while the late one was open.
    expect(late.writtenWhileOpen).toBeGreaterThan(0);
    expect(late.headWhileOpen).toBeGreaterThan(late.position);
    expect(expectedIds.size).toBe(writers * perWriter + 1);

    const finalIds = final.map((e) => e.eventId);
    for (const seen of [first, second]) {
      const ids = seen.map((e) => e.eventId);
      const unique = new Set(ids);
      expect(unique.size).toBe(ids.length);
      const missing = [...expectedIds].filter((id) => !unique.has(id));
      expect(missing).toEqual([]);
      expect(ids).toContain(lateEvent.eventId);
      expect(ids).toEqual(finalIds);
    }
    expect(new Set(finalIds).size).toBe(finalIds.length);
    expect(finalIds.filter((id) => expectedIds.has(id))).toHaveLength(expectedIds.size);

    // Within each stream the shared order is the stream order: versions 1..n, no gaps.
    const versionsByStream = new Map<string, number[]>();
    for (const event of final.filter((e) => e.streamId.startsWith(`nse-${run}-`))) {
      versionsByStream.set(event.streamId, [...(versionsByStream.get(event.streamId) ?? []), event.streamVersion]);
    }
    expect(versionsByStream.size).toBe(writers + 1);
    for (const [streamId, versions] of versionsByStream) {
      const length = streamId.endsWith('-late') ? 1 : perWriter;
      expect(versions).toEqual(Array.from({ length }, (_, i) => i + 1));
    }
  });

  it('wakes no listener whose types an append does not hold', async () => {
    const other = await openStore();
    let woken = 0;
    const unsubscribe = store.onAppended(() => woken++, ['NothingAppendsThis']);
    const unsubscribeOther = other.store.onAppended(() => woken++, ['NothingAppendsThis']);
    try {
      await sleep(200);
      await store.append(newStreamId(), [newEvent()], 'no-stream');
      await other.store.append(newStreamId(), [newEvent()], 'no-stream');
      await sleep(300);
      expect(woken).toBe(0);
    } finally {
      unsubscribe();
      unsubscribeOther();
      await other.close();
    }
  });

  it('a reader stops at a transaction still open, then reads its event in order once it commits', async () => {
    const prefix = `horizon-${randomUUID()}-`;
    const client = await handClient();
    await client.query('BEGIN');
    const early = newEvent();
    const [row] = await handAppend(client, `${prefix}early`, 0, [early]);
    const later = await store.append(`${prefix}later`, [newEvent()], 'no-stream');
    expect(later.globalPosition).toBeGreaterThan(Number(row.global_position));

    const hidden = await store.readAll({ limit: 10, filter: { streamPrefix: prefix }, scanned: true });
    expect(hidden.events).toEqual([]);
    expect(hidden.cursor).toBeNull();
    // It searched no further than the open transaction: continuing from there misses nothing.
    if (hidden.scanned) expect(await store.hasReached(hidden.scanned.cursor, Number(row.global_position))).toBe(false);
    expect(await store.hasReached(hidden.cursor, later.globalPosition)).toBe(false);

    await client.query('COMMIT');
    // Another session of the cluster may hold the horizon back for a moment: poll, bounded.
    let seen: RecordedEvent[] = [];
    const deadline = Date.now() + 10_000;
    while (seen.length < 2 && Date.now() < deadline) {
      seen = await readEverything(store, 10, { streamPrefix: prefix });
      if (seen.length < 2) await sleep(10);
    }
    expect(seen.map((e) => e.eventId)).toEqual([early.eventId, later.events[0].eventId]);
    const cursor = seen[seen.length - 1].cursor;
    expect(await store.hasReached(cursor, Number(row.global_position))).toBe(true);
    expect(await store.hasReached(cursor, later.globalPosition)).toBe(true);
  });

  describe("'any' race with identical event ids", () => {
    it('two concurrent identical appends both answer, one as a duplicate, and the events are stored once', async () => {
      for (let round = 0; round < 20; round++) {
        const streamId = newStreamId();
        if (round % 2 === 1) await store.append(streamId, [newEvent()], 'no-stream');
        const events = [newEvent(), newEvent()];
        const [a, b] = await Promise.all([
          store.append(streamId, events, 'any'),
          store.append(
            streamId,
            events.map((e) => ({ ...e })),
            'any',
          ),
        ]);
        expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
        expect(b.events.map((e) => e.globalPosition)).toEqual(a.events.map((e) => e.globalPosition));
        expect(b.streamVersion).toBe(a.streamVersion);
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.streamVersion)).toEqual(round % 2 === 1 ? [1, 2, 3] : [1, 2]);
        expect(stored.filter((e) => events.some((sent) => sent.eventId === e.eventId))).toHaveLength(2);
      }
    });

    for (const existing of [false, true]) {
      it(`the loser of a forced race ${existing ? 'on an existing stream' : 'creating the stream'} answers duplicate: true`, async () => {
        const streamId = newStreamId();
        if (existing) await store.append(streamId, [newEvent()], 'no-stream');
        const events = [newEvent('TestSlowInsertHappened'), newEvent('TestSlowInsertHappened')];

        let firstDoneAt = 0;
        const first = store.append(streamId, events, 'any').then((result) => {
          firstDoneAt = Date.now();
          return result;
        });
        await sleep(50);
        const second = store.append(
          streamId,
          events.map((e) => ({ ...e })),
          'any',
        );
        // The second append is inside its transaction, blocked by the first, which has not committed.
        await waitForLockWaiters(1);
        const secondBlockedAt = Date.now();
        const [a, b] = await Promise.all([first, second]);

        expect(secondBlockedAt).toBeLessThan(firstDoneAt);
        expect(a.duplicate).toBe(false);
        expect(b.duplicate).toBe(true);
        expect(b.events.map((e) => [e.eventId, e.streamVersion, e.globalPosition])).toEqual(
          a.events.map((e) => [e.eventId, e.streamVersion, e.globalPosition]),
        );
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.streamVersion)).toEqual(existing ? [1, 2, 3] : [1, 2]);
        expect(await storedRows(events.map((e) => e.eventId))).toHaveLength(2);
      });
    }

    it('an id written to another stream by a racing transaction is not taken for a re-send', async () => {
      const streamId = newStreamId();
      const otherStream = newStreamId();
      const holder = await handClient();
      const racer = await handClient();
      const contested = newEvent();

      await holder.query('BEGIN');
      await handAppend(holder, streamId, 0, [newEvent()]); // holds the creation of streamId
      await racer.query('BEGIN');
      await handAppend(racer, otherStream, 0, [contested]); // the same event id, elsewhere, not yet committed

      const append = store.append(streamId, [{ ...contested }], 'no-stream').then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      await waitForLockWaiters(1);
      await racer.query('COMMIT');
      await holder.query('COMMIT');
      const outcome = await append;

      expect('error' in outcome ? outcome.error : outcome.result).toBeInstanceOf(DuplicateEventIdError);
      expect(await storedRows([contested.eventId])).toEqual([{ event_id: contested.eventId, stream_id: otherStream }]);
      expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1]);
    });
  });

  it('takes event ids in upper case as the same uuids PostgreSQL stores', async () => {
    const streamId = newStreamId();
    const event = { ...newEvent(), eventId: randomUUID().toUpperCase() };
    const result = await store.append(streamId, [event], 'no-stream');
    expect(result.events).toHaveLength(1);
    expect(result.events[0].eventId.toLowerCase()).toBe(event.eventId.toLowerCase());
    expect(result.events[0].type).toBe(event.type);
    expect(result.events[0].data).toEqual(event.data);
    expect(result.events[0].metadata).toEqual(event.metadata);

    const again = await store.append(streamId, [{ ...event, eventId: event.eventId.toLowerCase() }], 'any');
    expect(again.duplicate).toBe(true);
    expect(again.globalPosition).toBe(result.globalPosition);

    const twin = newEvent();
    const caseTwins = [twin, { ...twin, eventId: twin.eventId.toUpperCase() }];
    await expect(store.append(streamId, caseTwins, 'any')).rejects.toThrow(/repeats an event id/);
    expect(await storedRows([twin.eventId])).toEqual([]);
  });

  describe('what an append sends (each distinct metadata once, the events as one document)', () => {
    /** The stored columns of these events, in the order of the ids. */
    async function storedEvents(eventIds: string[]) {
      const { rows } = await opened.pool.query<{
        event_id: string;
        stream_id: string;
        stream_version: string;
        type: string;
        schema_version: number;
        data: unknown;
        metadata: unknown;
      }>(
        `SELECT event_id, stream_id, stream_version, type, schema_version, data, metadata
           FROM fm_events WHERE event_id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], event_id)`,
        [eventIds],
      );
      return rows;
    }

    it('stores each event with its own metadata, whether events share one metadata object or not, across streams', async () => {
      const shared = newEvent().metadata;
      const other = newEvent().metadata;
      const withMetadata = (metadata: NewEvent['metadata'], type = 'TestEventHappened', schemaVersion = 1): NewEvent => ({
        ...newEvent(type),
        schemaVersion,
        metadata,
      });
      const [first, second] = [newStreamId(), newStreamId()];
      // Metadata objects come back in a later stream and interleave within one.
      const firstEvents = [withMetadata(shared), withMetadata(other, 'TestOtherHappened', 3), withMetadata(shared)];
      const secondEvents = [withMetadata(other), withMetadata({ ...shared }), withMetadata(shared, 'TestThirdHappened', 2)];
      const results = await store.appendMany([
        { streamId: first, events: firstEvents, expected: 'no-stream' },
        { streamId: second, events: secondEvents, expected: 'no-stream' },
      ]);

      const sent = [...firstEvents, ...secondEvents];
      const stored = await storedEvents(sent.map((e) => e.eventId));
      expect(stored).toEqual(
        sent.map((e, index) => ({
          event_id: e.eventId,
          stream_id: index < 3 ? first : second,
          stream_version: String((index % 3) + 1),
          type: e.type,
          schema_version: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
        })),
      );
      expect(results.flatMap((r) => r.events.map((e) => [e.eventId, e.metadata]))).toEqual(
        sent.map((e) => [e.eventId, e.metadata]),
      );
    });

    it('keeps data and metadata exactly as JSON carries them: quotes, backslashes, control and non-ASCII characters, nesting', async () => {
      const awkward = `quote " backslash \\ newline \n tab \t nul-free \u0001 line separator \u2028 é 😀 {"not": "json"} [1,`;
      const event = newEvent('TestAwkwardHappened', {
        text: awkward,
        nested: { list: [1, 2.5, -3e-7, null, true, { deep: [awkward] }], empty: {}, none: [] },
        big: 12345678901234,
      });
      const metadata = { ...event.metadata, actor: `actor ${awkward}`, correlationId: `"${awkward}"` };
      const streamId = newStreamId();
      const result = await store.append(streamId, [{ ...event, metadata }], 'no-stream');

      const [stored] = await storedEvents([event.eventId]);
      expect(stored.data).toEqual(event.data);
      expect(stored.metadata).toEqual(metadata);
      const [read] = await store.readStream(streamId);
      expect(read).toMatchObject({ data: event.data, metadata, type: 'TestAwkwardHappened' });
      expect(read.recordedAt).toEqual(result.events[0].recordedAt);
      expect(read.cursor).toBe(result.events[0].cursor);
    });

    it('the former entry point fm_append_streams still appends with the same guards', async () => {
      const [first, second] = [newStreamId(), newStreamId()];
      await store.append(second, [newEvent()], 'no-stream');
      const events = [newEvent(), newEvent(), newEvent('TestJobHappened')];
      const call = (expectedSecond: number) =>
        opened.pool.query<{ stream_index: number; event_id: string; stream_version: string; duplicate: boolean }>(
          `SELECT stream_index, event_id, stream_version, duplicate
             FROM fm_append_streams($1, $2, $3, $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[])`,
          [
            [first, second],
            [0, expectedSecond],
            [2, 1],
            events.map((e) => e.eventId),
            events.map((e) => e.type),
            events.map((e) => e.schemaVersion),
            events.map((e) => JSON.stringify(e.data)),
            events.map((e) => JSON.stringify(e.metadata)),
          ],
        );
      await expect(call(5)).rejects.toMatchObject({ code: 'FMWEV', hint: second, detail: '1' });
      expect(await storedRows(events.map((e) => e.eventId))).toEqual([]);

      const { rows } = await call(1);
      expect(rows).toEqual([
        { stream_index: 1, event_id: events[0].eventId, stream_version: '1', duplicate: false },
        { stream_index: 1, event_id: events[1].eventId, stream_version: '2', duplicate: false },
        { stream_index: 2, event_id: events[2].eventId, stream_version: '2', duplicate: false },
      ]);
      const stored = await storedEvents(events.map((e) => e.eventId));
      expect(stored.map((row) => [row.type, row.data, row.metadata])).toEqual(events.map((e) => [e.type, e.data, e.metadata]));
      // The same call again is a re-send, answered from what is stored.
      expect((await call(1)).rows.map((row) => [row.stream_index, row.event_id, row.duplicate])).toEqual([
        [1, events[0].eventId, true],
        [1, events[1].eventId, true],
        [2, events[2].eventId, true],
      ]);
    });

    it('refuses an event without data or metadata, as the table always did, writing nothing of the append', async () => {
      const streamId = newStreamId();
      const whole = newEvent();
      for (const broken of [
        { ...newEvent(), metadata: undefined },
        { ...newEvent(), metadata: null },
        { ...newEvent(), data: undefined },
      ] as unknown as NewEvent[]) {
        await expect(store.append(streamId, [whole, broken], 'no-stream')).rejects.toMatchObject({ code: '23502' });
        expect(await storedRows([whole.eventId, broken.eventId])).toEqual([]);
      }
      expect((await store.append(streamId, [whole], 'no-stream')).streamVersion).toBe(1);
    });

    it('refuses a call whose event ids and events disagree in number, writing nothing', async () => {
      const streamId = newStreamId();
      const events = [newEvent(), newEvent()];
      const call = opened.pool.query('SELECT * FROM fm_append($1, $2, $3, $4::uuid[], $5::jsonb, $6::jsonb)', [
        [streamId],
        [0],
        [2],
        events.map((e) => e.eventId),
        JSON.stringify([{ t: events[0].type, v: 1, d: events[0].data, m: 0 }]),
        JSON.stringify([events[0].metadata]),
      ]);
      await expect(call).rejects.toThrow(/2 event ids for 1 events/);
      expect(await storedRows(events.map((e) => e.eventId))).toEqual([]);
    });
  });

  describe('atomicity and the last line of defence', () => {
    it('an append failing on its last row writes none of its rows and keeps the stream version', async () => {
      const streamId = newStreamId();
      await store.append(streamId, [newEvent()], 'no-stream');
      const failing = [newEvent(), newEvent(), newEvent('TestPoisonHappened')];
      await expect(store.append(streamId, failing, 1)).rejects.toThrow(/poisoned event/);

      expect(await storedRows(failing.map((e) => e.eventId))).toEqual([]);
      const { rows } = await opened.pool.query('SELECT version FROM fm_streams WHERE stream_id = $1', [streamId]);
      expect(rows).toEqual([{ version: '1' }]);
      const next = await store.append(streamId, failing.slice(0, 2), 1);
      expect(next.events.map((e) => e.streamVersion)).toEqual([2, 3]);
    });

    it('UNIQUE(stream_id, stream_version) refuses a version that is already taken, as a version conflict', async () => {
      const streamId = newStreamId();
      await store.append(streamId, [newEvent()], 'no-stream');
      // Simulate a row the stream table does not know about (as if the guarded update had been bypassed).
      const stray = newEvent();
      await opened.pool.query(
        `INSERT INTO fm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
         VALUES ($1, $2, 2, $3, 1, $4, $5)`,
        [stray.eventId, streamId, stray.type, JSON.stringify(stray.data), JSON.stringify(stray.metadata)],
      );
      const attempt = [newEvent()];
      await expect(store.append(streamId, attempt, 1)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await storedRows(attempt.map((e) => e.eventId))).toEqual([]);
      expect((await store.readStream(streamId)).map((e) => e.eventId)).not.toContain(attempt[0].eventId);
    });
  });

  it('time travel by toTime: the stream as it was at past instants, at the precision Dates carry', async () => {
    const streamId = newStreamId();
    const gap = () => sleep(15);
    const e1 = (await store.append(streamId, [newEvent()], 'no-stream')).events;
    await gap();
    const t1 = new Date();
    await gap();
    const e23 = (await store.append(streamId, [newEvent(), newEvent()], 1)).events;
    await gap();
    const t2 = new Date();
    await gap();
    const e4 = (await store.append(streamId, [newEvent()], 3)).events;
    const all = [...e1, ...e23, ...e4];
    const versionsAt = async (toTime: Date) => (await store.readStream(streamId, { toTime })).map((e) => e.streamVersion);

    expect(await versionsAt(new Date(e1[0].recordedAt.getTime() - 5))).toEqual([]);
    expect(await versionsAt(t1)).toEqual([1]);
    expect(await versionsAt(t2)).toEqual([1, 2, 3]);
    expect(await versionsAt(new Date())).toEqual([1, 2, 3, 4]);
    expect((await store.readStream(streamId, { toTime: t2, fromVersion: 2 })).map((e) => e.streamVersion)).toEqual([2, 3]);

    // PostgreSQL keeps microseconds, a Date only milliseconds: an event's own recordedAt must still include it.
    const { rows } = await opened.pool.query<{ finer: number }>(
      `SELECT count(*)::int AS finer FROM fm_events
        WHERE event_id = ANY($1::uuid[]) AND date_trunc('milliseconds', recorded_at) <> recorded_at`,
      [all.map((e) => e.eventId)],
    );
    expect(rows[0].finer).toBeGreaterThan(0);
    await settle(store);
    for (const event of all) {
      expect(await versionsAt(event.recordedAt)).toContain(event.streamVersion);
      const window = await readEverything(store, 10, { streamId, from: event.recordedAt, to: event.recordedAt });
      expect(window.map((e) => e.eventId)).toContain(event.eventId);
    }
    const readAllUntilT1 = await readEverything(store, 10, { streamId, to: t1 });
    expect(readAllUntilT1.map((e) => e.streamVersion)).toEqual([1]);
  });

  it('upcasts old shapes on read while the stored rows stay as written', async () => {
    const streamId = newStreamId();
    const type = `TestWidgetSized${randomUUID().slice(0, 8)}`;
    const old = newEvent(type, { size: 'L' });
    await store.append(streamId, [old], 'no-stream');

    const upcasting = await openStore(
      new UpcasterRegistry([
        { type, fromSchemaVersion: 1, upcast: (data) => ({ ...data, size: { code: data.size, unit: 'tshirt' } }) },
      ]),
    );
    try {
      await settle(upcasting.store);
      const [fromStream] = await upcasting.store.readStream(streamId);
      const [fromAll] = await readEverything(upcasting.store, 10, { streamId });
      for (const event of [fromStream, fromAll]) {
        expect(event.schemaVersion).toBe(2);
        expect(event.data).toEqual({ marker: old.data.marker, size: { code: 'L', unit: 'tshirt' } });
        expect(event.eventId).toBe(old.eventId);
      }
    } finally {
      await upcasting.close();
    }
    const { rows } = await opened.pool.query('SELECT schema_version, data FROM fm_events WHERE event_id = $1', [old.eventId]);
    expect(rows).toEqual([{ schema_version: 1, data: old.data }]);
    expect((await store.readStream(streamId))[0].data).toEqual(old.data);
  });

  it('wakes listeners of another store instance through LISTEN/NOTIFY', async () => {
    const other = await openStore();
    let calls = 0;
    const unsubscribe = other.store.onAppended(() => calls++);
    try {
      // Listening starts asynchronously: keep appending until the other instance hears one.
      const deadline = Date.now() + 5000;
      while (calls === 0 && Date.now() < deadline) {
        await store.append(newStreamId(), [newEvent()], 'no-stream');
        await sleep(100);
      }
      expect(calls).toBeGreaterThan(0);
    } finally {
      unsubscribe();
      await other.close();
    }
  });

  it('wakes its own listeners once per append: its NOTIFY coming back wakes no one, while another store hears the types', async () => {
    const other = await openStore();
    const type = `OwnWakeUp${randomUUID().slice(0, 8)}`;
    let own = 0;
    let heard = 0;
    const unsubscribe = store.onAppended(() => own++, [type]);
    const unsubscribeOther = other.store.onAppended(() => heard++, [type]);
    try {
      // Listening starts asynchronously: both stores listen before counting, then append until the
      // other store hears one, then once more.
      const deadline = Date.now() + 5000;
      while (!(store.hearsAllAppends() && other.store.hearsAllAppends()) && Date.now() < deadline) await sleep(10);
      expect(store.hearsAllAppends()).toBe(true);
      let appends = 0;
      while (heard === 0 && Date.now() < deadline) {
        await store.append(newStreamId(), [newEvent(type)], 'no-stream');
        appends++;
        await sleep(100);
      }
      expect(heard).toBeGreaterThan(0);
      const heardBefore = heard;
      await store.append(newStreamId(), [newEvent(type)], 'no-stream');
      appends++;
      while (heard === heardBefore && Date.now() < deadline) await sleep(10);
      expect(heard).toBe(heardBefore + 1);
      // Both stores listen on one channel: had the NOTIFY woken its own sender, it would count twice.
      expect(own).toBe(appends);
    } finally {
      unsubscribe();
      unsubscribeOther();
      await other.close();
    }
  });
});
