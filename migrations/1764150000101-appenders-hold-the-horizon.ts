import { MigrationInterface, QueryRunner } from 'typeorm';

/** The appenders' lock: an advisory key pair no other lock of the service uses (they use one bigint key). */
const APPENDER_LOCK_KEYS = [1179468, 1] as const;

/**
 * The read horizon depended on every transaction of the server (pg_snapshot_xmin): a write
 * transaction held open in another database, or a long report in this one, held back every reader
 * of the event store until it ended. Now appenders announce themselves: every append takes a shared
 * advisory lock before its transaction is given an id, and `fm_read_horizon` holds readers back
 * only behind those transactions.
 *
 * Why nothing is skipped: the horizon is taken from three looks in order. (1) the next transaction
 * id to be given out (xmax1); (2) the ids of transactions holding the appenders' lock (L); (3) a
 * fresh snapshot S. Any transaction still running in S that can append is either in L (it had its
 * id before (1) and was already an appender at (2)) or got its id after (1), so its id is at least
 * xmax1. The horizon is the oldest running transaction of S that is in L or at least xmax1 (else
 * S's xmax); every transaction below it ended before S, so a read that starts after this call sees
 * all of it. A transaction that wrote before it appended would defeat (2), so an append refuses to
 * run in a transaction that already has an id without holding the lock.
 */
export class AppendersHoldTheHorizon1764150000101 implements MigrationInterface {
  name = 'AppendersHoldTheHorizon1764150000101';

  async up(q: QueryRunner): Promise<void> {
    const [k1, k2] = APPENDER_LOCK_KEYS;
    await q.query(`
      CREATE FUNCTION fm_announce_appender() RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'advisory'
            AND l.classid = ${k1} AND l.objid = ${k2} AND l.objsubid = 2
        ) THEN
          RAISE EXCEPTION USING ERRCODE = 'FMAPP',
            MESSAGE = 'an append must come before any other write of its transaction';
        END IF;
        PERFORM pg_advisory_xact_lock_shared(${k1}, ${k2});
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION fm_append_stream(
        p_stream_id text,
        p_expected bigint,
        p_event_ids uuid[],
        p_types text[],
        p_schema_versions int[],
        p_data jsonb[],
        p_metadata jsonb[]
      ) RETURNS TABLE (
        event_id uuid, stream_version bigint, global_position bigint,
        transaction_id xid8, recorded_at timestamptz, duplicate boolean
      )
      LANGUAGE plpgsql AS $fn$
      DECLARE
        n int := cardinality(p_event_ids);
        v_new bigint;
        v_found int;
        v_actual bigint;
      BEGIN
        IF p_expected = -1 THEN
          -- 'any' always passes the version guard, so a re-send must be recognised up front.
          SELECT count(*) INTO v_found FROM fm_events e WHERE e.event_id = ANY (p_event_ids);
          IF v_found = n THEN
            RETURN QUERY SELECT e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, true
              FROM fm_events e WHERE e.event_id = ANY (p_event_ids) ORDER BY e.stream_version;
            RETURN;
          ELSIF v_found > 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'FMDUP', MESSAGE = 'some event ids are already stored', HINT = p_stream_id;
          END IF;
          INSERT INTO fm_streams AS s (stream_id, version) VALUES (p_stream_id, n)
            ON CONFLICT (stream_id) DO UPDATE SET version = s.version + n
            RETURNING s.version INTO v_new;
        ELSIF p_expected = 0 THEN
          INSERT INTO fm_streams (stream_id, version) VALUES (p_stream_id, n)
            ON CONFLICT (stream_id) DO NOTHING
            RETURNING version INTO v_new;
        ELSE
          UPDATE fm_streams s SET version = s.version + n
            WHERE s.stream_id = p_stream_id AND s.version = p_expected
            RETURNING s.version INTO v_new;
        END IF;

        IF v_new IS NULL THEN
          -- Lost the version guard. If these very events are stored, this is a re-send.
          SELECT count(*) INTO v_found FROM fm_events e WHERE e.event_id = ANY (p_event_ids);
          IF v_found = n THEN
            RETURN QUERY SELECT e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, true
              FROM fm_events e WHERE e.event_id = ANY (p_event_ids) ORDER BY e.stream_version;
            RETURN;
          END IF;
          SELECT s.version INTO v_actual FROM fm_streams s WHERE s.stream_id = p_stream_id;
          RAISE EXCEPTION USING ERRCODE = 'FMWEV', MESSAGE = 'wrong expected version',
            DETAIL = coalesce(v_actual, 0)::text, HINT = p_stream_id;
        END IF;

        -- A partly re-sent append passes the guard and fails here on UNIQUE(event_id).
        RETURN QUERY
          INSERT INTO fm_events AS e (event_id, stream_id, stream_version, type, schema_version, data, metadata)
          SELECT u.id, p_stream_id, v_new - n + u.ord, u.type, u.sv, u.data, u.meta
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
              WITH ORDINALITY AS u(id, type, sv, data, meta, ord)
          RETURNING e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, false;
      END
      $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION fm_append_events(
        p_stream_id text,
        p_expected bigint,
        p_event_ids uuid[],
        p_types text[],
        p_schema_versions int[],
        p_data jsonb[],
        p_metadata jsonb[]
      ) RETURNS TABLE (
        event_id uuid, stream_version bigint, global_position bigint,
        transaction_id xid8, recorded_at timestamptz, duplicate boolean
      )
      LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM fm_announce_appender();
        RETURN QUERY SELECT * FROM fm_append_stream(p_stream_id, p_expected, p_event_ids, p_types, p_schema_versions, p_data, p_metadata);
      END
      $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION fm_append_streams(
        p_stream_ids text[],
        p_expected bigint[],
        p_counts int[],
        p_event_ids uuid[],
        p_types text[],
        p_schema_versions int[],
        p_data jsonb[],
        p_metadata jsonb[]
      ) RETURNS TABLE (
        stream_index int, event_id uuid, stream_version bigint, global_position bigint,
        transaction_id xid8, recorded_at timestamptz, duplicate boolean
      )
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_from int := 1;
        v_to int;
        v_resent int := 0;
        v_written int := 0;
        r record;
      BEGIN
        PERFORM fm_announce_appender();
        FOR i IN 1 .. cardinality(p_stream_ids) LOOP
          v_to := v_from + p_counts[i] - 1;
          FOR r IN SELECT * FROM fm_append_stream(p_stream_ids[i], p_expected[i], p_event_ids[v_from:v_to],
              p_types[v_from:v_to], p_schema_versions[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to]) LOOP
            IF r.duplicate THEN v_resent := v_resent + 1; ELSE v_written := v_written + 1; END IF;
            stream_index := i; event_id := r.event_id; stream_version := r.stream_version;
            global_position := r.global_position; transaction_id := r.transaction_id;
            recorded_at := r.recorded_at; duplicate := r.duplicate;
            RETURN NEXT;
          END LOOP;
          v_from := v_to + 1;
        END LOOP;
        IF v_resent > 0 AND v_written > 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'FMDUP', MESSAGE = 'part of this multi-stream append is already stored';
        END IF;
      END
      $fn$`);
    // Each look is its own statement, so each sees the server as it is then (see above).
    await q.query(`
      CREATE FUNCTION fm_read_horizon() RETURNS xid8 LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_next_before xid8;
        v_appenders xid[];
        v_horizon xid8;
      BEGIN
        SELECT pg_snapshot_xmax(pg_current_snapshot()) INTO v_next_before;
        SELECT coalesce(array_agg(t.transactionid), '{}') INTO v_appenders
          FROM pg_locks a
          JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid'
         WHERE a.locktype = 'advisory' AND a.classid = ${k1} AND a.objid = ${k2} AND a.objsubid = 2
           AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database());
        SELECT coalesce(
                 (SELECT min(x) FROM pg_snapshot_xip(s) x
                   WHERE x >= v_next_before OR (x::text::numeric % 4294967296)::text::xid = ANY (v_appenders)),
                 pg_snapshot_xmax(s))
          INTO v_horizon
          FROM pg_current_snapshot() s;
        RETURN v_horizon;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION fm_read_horizon()');
    await q.query('DROP FUNCTION fm_append_stream(text, bigint, uuid[], text[], int[], jsonb[], jsonb[])');
    await q.query('DROP FUNCTION fm_announce_appender()');
  }
}
