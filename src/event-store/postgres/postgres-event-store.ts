import { Client, Pool, PoolClient } from 'pg';
import {
  AppendOptions,
  AppendResult,
  DecisionRead,
  DuplicateEventIdError,
  HeldHorizon,
  Snapshot,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  WrongExpectedVersionError,
} from '../event-store.port';
import { UpcasterRegistry } from '../upcasting';
import { encodeCursor, decodeCursor, compareCursors } from './cursor';
import { AppendNotifier } from './append-notifier';

/** The advisory key pair every append holds (taken by fm_announce_appender, migration 1764150000101). */
const APPENDER_LOCK_KEYS = [1179468, 1] as const;
/** The advisory key pair every LISTEN session holds (shared, for its lifetime): who would hear a NOTIFY. */
const LISTENER_LOCK_KEYS = [1179468, 2] as const;

const NOTIFY_CHANNEL = 'fm_events';

interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const SELECT_COLUMNS = `global_position, transaction_id, event_id, stream_id, stream_version, type,
  schema_version, data, metadata, recorded_at`;

export interface PostgresEventStoreOptions {
  pool: Pool;
  /** Connections with synchronous_commit off, for relaxed appends (else they use `pool`). */
  relaxedPool?: Pool;
  /** Opens a dedicated connection for LISTEN; omitted means in-process wake-ups only. */
  connectListener?: () => Promise<Client | PoolClient>;
  upcasters?: UpcasterRegistry;
}

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly relaxedPool: Pool | undefined;
  private readonly upcasters: UpcasterRegistry;
  private readonly notifier: AppendNotifier;

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.relaxedPool = options.relaxedPool;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.notifier = new AppendNotifier({
      channel: NOTIFY_CHANNEL,
      publish: async (payload) => {
        await this.pool.query(`SELECT pg_notify($1, $2)`, [NOTIFY_CHANNEL, payload]);
      },
      connectListener: options.connectListener,
      announceListener: async (client) => {
        await client.query('SELECT pg_advisory_lock_shared($1, $2)', [...LISTENER_LOCK_KEYS]);
      },
      othersListening: async (ownListenerPid) => {
        const { rows } = await this.pool.query<{ others: boolean }>({
          name: 'fm_others_listening',
          text: `SELECT EXISTS (
                   SELECT 1 FROM pg_locks l
                    WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2 AND l.granted
                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND l.pid IS DISTINCT FROM $3::int) AS others`,
          values: [...LISTENER_LOCK_KEYS, ownListenerPid],
        });
        return rows[0].others;
      },
    });
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const pool = options.durability === 'relaxed' && this.relaxedPool ? this.relaxedPool : this.pool;
    if (events.length === 0) throw new Error('append needs at least one event');
    // PostgreSQL compares uuids case-insensitively and answers in lower case.
    const ids = events.map((e) => e.eventId.toLowerCase());
    if (new Set(ids).size !== ids.length) throw new Error(`append to ${streamId} repeats an event id`);
    const values = appendParameters([{ streamId, events, expected }]);
    let rows: AppendRow[];
    try {
      rows = await this.callAppend(pool, values);
    } catch (error) {
      if (!isEventIdRace(error)) throw await this.translateAppendError(error, streamId, expected);
      // Two identical appends raced with expected 'any': the loser now finds the winner's events.
      try {
        rows = await this.callAppend(pool, values);
      } catch (retryError) {
        throw await this.translateAppendError(retryError, streamId, expected);
      }
    }
    const duplicate = rows.length > 0 && rows.every((r) => r.duplicate);
    // A re-send only if every event is stored in this very stream: the SQL may answer with part of
    // the ids (some stored elsewhere) or, after losing a race, with ids stored in another stream.
    if (duplicate && !(await this.allStoredIn(streamId, ids, rows))) throw new DuplicateEventIdError(streamId);
    if (!duplicate) this.notifier.appended(events.map((e) => e.type));
    return this.recordedResult(streamId, events, ids, rows, duplicate);
  }

  async appendMany(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    if (appends.length === 0) throw new Error('appendMany needs at least one stream');
    if (appends.length === 1) return [await this.append(appends[0].streamId, appends[0].events, appends[0].expected, options)];
    if (new Set(appends.map((a) => a.streamId)).size !== appends.length) throw new Error('appendMany names a stream twice');
    const pool = options.durability === 'relaxed' && this.relaxedPool ? this.relaxedPool : this.pool;
    const ids = appends.map(({ streamId, events }) => {
      if (events.length === 0) throw new Error(`append to ${streamId} needs at least one event`);
      return events.map((e) => e.eventId.toLowerCase());
    });
    const allIds = ids.flat();
    if (new Set(allIds).size !== allIds.length) throw new Error('appendMany repeats an event id');
    const values = appendParameters(appends);
    const call = () => this.callAppend(pool, values);
    const expectedOf = (streamId: string) => appends.find((a) => a.streamId === streamId)?.expected ?? 'any';
    let rows: AppendRow[];
    try {
      rows = await call();
    } catch (error) {
      if (!isEventIdRace(error)) throw await this.translateManyError(error, expectedOf);
      try {
        rows = await call();
      } catch (retryError) {
        throw await this.translateManyError(retryError, expectedOf);
      }
    }
    const results = await Promise.all(
      appends.map(async (append, index) => {
        const own = rows.filter((row) => row.stream_index === index + 1);
        const duplicate = own.length > 0 && own.every((r) => r.duplicate);
        if (duplicate && !(await this.allStoredIn(append.streamId, ids[index], own))) {
          throw new DuplicateEventIdError(append.streamId);
        }
        return this.recordedResult(append.streamId, append.events, ids[index], own, duplicate);
      }),
    );
    if (results.some((r) => !r.duplicate)) this.notifier.appended(appends.flatMap((a) => a.events.map((e) => e.type)));
    return results;
  }

  async readCommand(streamId: string, commandId: string, firstEventId: string): Promise<RecordedEvent[]> {
    // The first event is found by its unique id; the command's others follow it in the stream.
    const { rows: first } = await this.pool.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM fm_events WHERE event_id = $1 AND stream_id = $2`,
      [firstEventId.toLowerCase(), streamId],
    );
    if (first.length === 0 || first[0].metadata.commandId !== commandId) return [];
    const events = [this.toRecorded(first[0])];
    for (;;) {
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${SELECT_COLUMNS} FROM fm_events WHERE stream_id = $1 AND stream_version > $2
          ORDER BY stream_version LIMIT ${COMMAND_PAGE}`,
        [streamId, events[events.length - 1].streamVersion],
      );
      for (const row of rows) {
        if (row.metadata.commandId !== commandId) return events;
        events.push(this.toRecorded(row));
      }
      if (rows.length < COMMAND_PAGE) return events;
    }
  }

  async readForDecision(
    streamId: string,
    options: { foldKey?: string; command?: { commandId: string; firstEventId: string } },
  ): Promise<DecisionRead> {
    // One statement, so one snapshot of the database: the snapshot row, a marker when the command
    // is stored already, else the events after the snapshot.
    const { rows } = await this.pool.query<EventRow & { kind: 'snapshot' | 'sent' | 'event' }>({
      name: 'fm_read_for_decision',
      text: `WITH snap AS (
               SELECT s.stream_version, s.global_position, s.state FROM fm_snapshots s
                WHERE s.stream_id = $1 AND s.fold_key = $2
             ), sent AS (
               SELECT e.stream_version FROM fm_events e
                WHERE e.event_id = $3::uuid AND e.stream_id = $1 AND e.metadata->>'commandId' = $4
             )
             SELECT 'snapshot' AS kind, global_position, NULL::xid8 AS transaction_id, NULL::uuid AS event_id,
                    $1 AS stream_id, stream_version, NULL AS type, NULL::int AS schema_version, state AS data,
                    NULL::jsonb AS metadata, NULL::timestamptz AS recorded_at
               FROM snap WHERE NOT EXISTS (SELECT 1 FROM sent)
             UNION ALL
             SELECT * FROM (
               SELECT 'sent', ${SELECT_COLUMNS} FROM fm_events
                WHERE stream_id = $1 AND stream_version >= (SELECT stream_version FROM sent)
                  AND stream_version < (SELECT stream_version FROM sent) + ${COMMAND_PAGE}
                ORDER BY stream_version) sent_events
             UNION ALL
             SELECT * FROM (
               SELECT 'event', ${SELECT_COLUMNS} FROM fm_events
                WHERE stream_id = $1 AND NOT EXISTS (SELECT 1 FROM sent)
                  AND stream_version > coalesce((SELECT stream_version FROM snap), 0)
                ORDER BY stream_version) events`,
      values: [
        streamId,
        options.foldKey ?? null,
        options.command?.firstEventId.toLowerCase() ?? null,
        options.command?.commandId ?? null,
      ],
    });
    const sent = rows.filter((row) => row.kind === 'sent').map((row) => this.toRecorded(row));
    if (sent.length > 0) {
      // The command's events follow its first one; a command of more than one page reads the rest.
      const { commandId, firstEventId } = options.command!;
      sent.sort((a, b) => a.streamVersion - b.streamVersion);
      const end = sent.findIndex((event) => event.metadata.commandId !== commandId);
      if (end >= 0) return { snapshot: null, events: [], alreadyAppended: sent.slice(0, end) };
      if (sent.length < COMMAND_PAGE) return { snapshot: null, events: [], alreadyAppended: sent };
      return { snapshot: null, events: [], alreadyAppended: await this.readCommand(streamId, commandId, firstEventId) };
    }
    const snapshotRow = rows.find((row) => row.kind === 'snapshot');
    const snapshot = snapshotRow
      ? {
          streamVersion: Number(snapshotRow.stream_version),
          globalPosition: Number(snapshotRow.global_position),
          state: snapshotRow.data,
        }
      : null;
    const events = rows
      .filter((row) => row.kind === 'event')
      .map((row) => this.toRecorded(row))
      .sort((a, b) => a.streamVersion - b.streamVersion);
    return { snapshot, events, alreadyAppended: [] };
  }

  private recordedResult(
    streamId: string,
    events: readonly NewEvent[],
    ids: string[],
    rows: AppendRow[],
    duplicate: boolean,
  ): AppendResult {
    // Written rows come in the order of the call; a re-send's in stream order, which may differ.
    let byId: Map<string, NewEvent> | undefined;
    const recorded: RecordedEvent[] = rows.map((row, index) => {
      const source =
        ids[index] === row.event_id ? events[index] : (byId ??= new Map(events.map((e, i) => [ids[i], e]))).get(row.event_id)!;
      // Named fields rather than a spread: one object shape, several times cheaper per event.
      return {
        eventId: source.eventId,
        type: source.type,
        schemaVersion: source.schemaVersion,
        data: source.data,
        metadata: source.metadata,
        streamId,
        streamVersion: Number(row.stream_version),
        globalPosition: Number(row.global_position),
        recordedAt: row.recorded_at,
        cursor: encodeCursor(row.transaction_id, row.global_position),
      };
    });
    const last = recorded[recorded.length - 1];
    return { streamVersion: last.streamVersion, globalPosition: last.globalPosition, events: recorded, duplicate };
  }

  private async translateManyError(error: unknown, expectedOf: (streamId: string) => ExpectedVersion): Promise<unknown> {
    const pgError = error as { code?: string; hint?: string; detail?: string };
    const streamId = pgError.hint ?? 'one of the streams';
    if (pgError.code === 'FMWEV')
      return new WrongExpectedVersionError(streamId, expectedOf(streamId), Number(pgError.detail ?? 0));
    if (pgError.code === 'FMDUP' || isEventIdRace(error)) return new DuplicateEventIdError(streamId);
    return error;
  }

  private async callAppend(pool: Pool, values: unknown[]): Promise<AppendRow[]> {
    const result = await pool.query<AppendRow>({
      name: 'fm_append',
      text: 'SELECT * FROM fm_append($1, $2, $3, $4, $5, $6)',
      values,
    });
    return result.rows;
  }

  private async allStoredIn(streamId: string, ids: string[], rows: AppendRow[]): Promise<boolean> {
    if (rows.length !== ids.length) return false;
    const { rows: found } = await this.pool.query<{ stored: number }>(
      'SELECT count(*)::int AS stored FROM fm_events WHERE stream_id = $1 AND event_id = ANY($2::uuid[])',
      [streamId, ids],
    );
    return found[0].stored === ids.length;
  }

  private async translateAppendError(error: unknown, streamId: string, expected: ExpectedVersion): Promise<unknown> {
    const pgError = error as { code?: string; detail?: string; constraint?: string };
    if (pgError.code === 'FMWEV') {
      return new WrongExpectedVersionError(streamId, expected, Number(pgError.detail ?? 0));
    }
    if (pgError.code === 'FMDUP') return new DuplicateEventIdError(streamId);
    // Part of the events stored already (the guard passed, UNIQUE(event_id) did not).
    if (isEventIdRace(error)) return new DuplicateEventIdError(streamId);
    if (pgError.code === '23505' && pgError.constraint === 'fm_events_stream_version_unique') {
      const version = await this.currentVersion(streamId);
      return new WrongExpectedVersionError(streamId, expected, version);
    }
    return error;
  }

  private async currentVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query('SELECT version FROM fm_streams WHERE stream_id = $1', [streamId]);
    return rows.length === 0 ? 0 : Number(rows[0].version);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const values: unknown[] = [streamId, options.fromVersion ?? 1];
    let where = 'stream_id = $1 AND stream_version >= $2';
    if (options.toPosition !== undefined) {
      values.push(options.toPosition);
      where += ` AND global_position <= $${values.length}`;
    }
    if (options.toTime !== undefined) {
      values.push(options.toTime);
      where += ` AND ${recordedAtOrBefore(`$${values.length}`)}`;
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM fm_events WHERE ${where} ORDER BY stream_version`,
      values,
    );
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const after = decodeCursor(options.after ?? null);
    const filter = options.filter ?? {};
    const wantScanned = options.filter !== undefined && options.scanned === true;
    // One round trip: the function takes the read horizon (never read past the oldest appending
    // transaction still running: it may yet commit below us), then reads with a snapshot taken after it.
    const { rows } = await this.pool.query<EventRow & { kind: 'event' | 'scanned' | 'horizon'; hidden: boolean | null }>({
      name: 'fm_read_all',
      text: 'SELECT * FROM fm_read_all($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      values: [
        after.transactionId,
        after.globalPosition,
        options.limit,
        filter.types ?? null,
        options.hidden === true,
        wantScanned,
        filter.streamId ?? null,
        filter.streamPrefix === undefined ? null : `${filter.streamPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        filter.actor ?? null,
        filter.correlationId ?? null,
        filter.from ?? null,
        filter.to ?? null,
      ],
    });
    const events = rows.filter((row) => row.kind === 'event').map((row) => this.toRecorded(row));
    const horizonRow = rows.find((row) => row.kind === 'horizon');
    const end = rows.find((row) => row.kind === 'scanned');
    const cursor = events.length > 0 ? events[events.length - 1].cursor : (options.after ?? null);
    const last = events[events.length - 1];
    const flags = options.hidden ? { hidden: horizonRow?.hidden === true } : {};
    if (!wantScanned) return { events, cursor, ...flags };
    if (events.length === options.limit)
      return { events, cursor, scanned: { cursor: last.cursor, globalPosition: last.globalPosition }, ...flags };
    if (!end) return { events, cursor, ...flags };
    const scanned = encodeCursor(end.transaction_id, end.global_position);
    if (cursor !== null && compareCursors(scanned, cursor) <= 0) return { events, cursor, ...flags };
    return { events, cursor, scanned: { cursor: scanned, globalPosition: Number(end.global_position) }, ...flags };
  }

  async readSnapshot(streamId: string, foldKey: string): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<{ stream_version: string; global_position: string; state: unknown }>({
      name: 'fm_read_snapshot',
      text: 'SELECT stream_version, global_position, state FROM fm_snapshots WHERE stream_id = $1 AND fold_key = $2',
      values: [streamId, foldKey],
    });
    if (rows.length === 0) return null;
    return {
      streamVersion: Number(rows[0].stream_version),
      globalPosition: Number(rows[0].global_position),
      state: rows[0].state,
    };
  }

  async writeSnapshot(streamId: string, foldKey: string, snapshot: Snapshot): Promise<void> {
    // A snapshot is derived data: losing it in a crash costs one longer read, never correctness.
    const pool = this.relaxedPool ?? this.pool;
    await pool.query(
      `INSERT INTO fm_snapshots AS s (stream_id, fold_key, stream_version, global_position, state)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (stream_id, fold_key) DO UPDATE SET stream_version = excluded.stream_version,
         global_position = excluded.global_position, state = excluded.state, taken_at = now()
       WHERE s.stream_version < excluded.stream_version`,
      [streamId, foldKey, snapshot.streamVersion, snapshot.globalPosition, JSON.stringify(snapshot.state)],
    );
  }

  async heldHorizon(): Promise<HeldHorizon | null> {
    const [k1, k2] = APPENDER_LOCK_KEYS;
    const { rows } = await this.pool.query<{ pid: number; transaction_id: string; held_ms: string }>(
      `SELECT s.pid, t.transactionid::text AS transaction_id,
              floor(extract(epoch FROM clock_timestamp() - s.xact_start) * 1000)::bigint AS held_ms
         FROM pg_locks a
         JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid'
         JOIN pg_stat_activity s ON s.pid = a.pid
        WHERE a.locktype = 'advisory' AND a.classid = ${k1} AND a.objid = ${k2} AND a.objsubid = 2
          AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY s.xact_start LIMIT 1`,
    );
    if (rows.length === 0) return null;
    return { pid: rows[0].pid, transactionId: rows[0].transaction_id, heldForMs: Number(rows[0].held_ms) };
  }

  async cursorOfPosition(globalPosition: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ transaction_id: string }>(
      'SELECT transaction_id FROM fm_events WHERE global_position = $1',
      [globalPosition],
    );
    return rows.length === 0 ? null : encodeCursor(rows[0].transaction_id, String(globalPosition));
  }

  async hasReached(cursor: string | null, globalPosition: number): Promise<boolean> {
    if (globalPosition <= 0) return true;
    if (cursor === null) return false;
    const target = await this.cursorOfPosition(globalPosition);
    if (target === null) return false;
    return compareCursors(target, cursor) <= 0;
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string | null }>('SELECT max(global_position) AS head FROM fm_events');
    return Number(rows[0].head ?? 0);
  }

  onAppended(listener: () => void, types?: readonly string[]): () => void {
    return this.notifier.subscribe(listener, types);
  }

  hearsAllAppends(): boolean {
    return this.notifier.listening;
  }

  async close(): Promise<void> {
    await this.notifier.close();
  }

  private toRecorded(row: EventRow): RecordedEvent {
    return this.upcasters.upcast({
      eventId: row.event_id,
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      globalPosition: Number(row.global_position),
      recordedAt: row.recorded_at,
      cursor: encodeCursor(row.transaction_id, row.global_position),
    });
  }
}

/** A command's events after its first are read in pages this long (most commands append a few). */
const COMMAND_PAGE = 16;

/**
 * fm_append's parameters (migration 1764150000420): the streams, their expected versions and event
 * counts, the event ids, the events as one JSON document, and each distinct metadata document once
 * (the events of a command share one object), referred to by its index.
 */
function appendParameters(appends: readonly StreamAppend[]): unknown[] {
  const eventIds: string[] = [];
  const documents: string[] = [];
  const metadataIndex = new Map<unknown, number>();
  const metadata: string[] = [];
  let last: unknown = metadataIndex; // no event's metadata
  let m = 0;
  for (const { events } of appends) {
    for (const event of events) {
      if (event.metadata !== last) {
        last = event.metadata;
        const known = metadataIndex.get(last);
        m = known ?? metadata.push(JSON.stringify(last) ?? 'null') - 1;
        if (known === undefined) metadataIndex.set(last, m);
      }
      eventIds.push(event.eventId);
      documents.push(
        `{"t":${JSON.stringify(event.type) ?? 'null'},"v":${JSON.stringify(event.schemaVersion) ?? 'null'},` +
          `"d":${JSON.stringify(event.data) ?? 'null'},"m":${m}}`,
      );
    }
  }
  return [
    appends.map((a) => a.streamId),
    appends.map((a) => expectedCodeOf(a.expected)),
    appends.map((a) => a.events.length),
    eventIds,
    `[${documents.join(',')}]`,
    `[${metadata.join(',')}]`,
  ];
}

/** fm_append's encoding of an expected version: -1 = any, 0 = no stream yet, n > 0 = exactly version n. */
function expectedCodeOf(expected: ExpectedVersion): number {
  const code = expected === 'any' ? -1 : expected === 'no-stream' ? 0 : expected;
  if (!Number.isInteger(code) || code < -1) throw new Error(`invalid expected version ${expected}`);
  return code;
}

interface AppendRow {
  /** 1-based index of the row's stream in the call. */
  stream_index: number;
  event_id: string;
  stream_version: string;
  global_position: string;
  transaction_id: string;
  recorded_at: Date;
  duplicate: boolean;
}

/**
 * recorded_at keeps microseconds but a Date (and so every recordedAt a reader sees) only
 * milliseconds, truncated: an event recorded at 12:00:00.123456 reads as 12:00:00.123. "At or
 * before instant t" therefore means before the end of t's millisecond, or an event would not be
 * found by its own recordedAt. (`from` needs nothing: recorded_at >= t already agrees.)
 */
function recordedAtOrBefore(param: string): string {
  return `recorded_at < ${param}::timestamptz + interval '1 millisecond'`;
}

function isEventIdRace(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' && pgError.constraint === 'fm_events_event_id_unique';
}
