import { MigrationInterface, QueryRunner } from 'typeorm';

/** The appenders' lock (migration 1764150000101): an advisory key pair no other lock of the service uses. */
const APPENDER_LOCK_KEYS = [1179468, 1] as const;

/**
 * Appends paid per event for the shape of their parameters: five arrays, each element quoted and
 * escaped by the client and unescaped again by array_in before its JSON was parsed, the same
 * metadata sent and parsed once per event although a command's events share it; and per call for
 * layers: a function calling one function to announce itself and another per stream, each answer
 * copied from one result set into the next.
 *
 * `fm_append` does what fm_append_events and fm_append_streams did, for one stream or several, in
 * one PL/pgSQL body: the appender's announcement, then each stream's version guard and re-send
 * recognition exactly as before (migrations 1764150000006, 1764150000100 and 1764150000101), then
 * one INSERT of every event of every stream. The events come as one JSON document
 * (`[{"t": type, "v": schema version, "d": data, "m": metadata index}, ...]`), parsed once, and the
 * metadata as a second one holding each distinct metadata document once (a command's events
 * share theirs); the event ids stay a uuid[], which the guards search. Events keep the order of
 * the call, so positions are taken in that order, stream after stream, as before.
 *
 * fm_append_events and fm_append_streams keep their signatures for callers that still use them
 * and now go through fm_append. fm_announce_appender and fm_append_stream are no longer called
 * (kept only so that this migration's down restores the former functions as they were).
 */
export class OneAppendFunction1764150000420 implements MigrationInterface {
  name = 'OneAppendFunction1764150000420';

  async up(q: QueryRunner): Promise<void> {
    const [k1, k2] = APPENDER_LOCK_KEYS;
    // p_counts[i] events (in order, in p_event_ids and p_events) belong to p_stream_ids[i];
    // p_expected[i]: -1 = any, 0 = no stream yet, n > 0 = exactly version n.
    await q.query(`
      CREATE FUNCTION fm_append(
        p_stream_ids text[],
        p_expected bigint[],
        p_counts int[],
        p_event_ids uuid[],
        p_events jsonb,
        p_metadata jsonb
      ) RETURNS TABLE (
        stream_index int, event_id uuid, stream_version bigint, global_position bigint,
        transaction_id xid8, recorded_at timestamptz, duplicate boolean
      )
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_streams int := cardinality(p_stream_ids);
        v_from int := 1;
        v_to int;
        v_n int;
        v_new bigint;
        v_found int;
        v_actual bigint;
        v_resent boolean;
        v_any_resent boolean := false;
        v_any_written boolean := false;
        -- Per event: the index of its stream; per stream: what turns an event's ordinal into its version.
        v_stream_of int[];
        v_shift bigint[];
      BEGIN
        IF cardinality(p_event_ids) IS DISTINCT FROM jsonb_array_length(p_events) THEN
          RAISE EXCEPTION 'fm_append: % event ids for % events', cardinality(p_event_ids), jsonb_array_length(p_events);
        END IF;
        -- The announcement (see migration 1764150000101): before this transaction has an id, or
        -- after an earlier append of the same transaction took the lock. Two IFs, so that the
        -- usual case (no id yet) is a plain expression rather than a query.
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          IF NOT EXISTS (
            SELECT 1 FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'advisory'
              AND l.classid = ${k1} AND l.objid = ${k2} AND l.objsubid = 2
          ) THEN
            RAISE EXCEPTION USING ERRCODE = 'FMAPP',
              MESSAGE = 'an append must come before any other write of its transaction';
          END IF;
        END IF;
        PERFORM pg_advisory_xact_lock_shared(${k1}, ${k2});

        FOR i IN 1 .. v_streams LOOP
          v_n := p_counts[i];
          v_to := v_from + v_n - 1;
          v_new := NULL;
          v_resent := false;
          IF p_expected[i] = -1 THEN
            -- 'any' always passes the version guard, so a re-send must be recognised up front.
            SELECT count(*) INTO v_found FROM fm_events e WHERE e.event_id = ANY (p_event_ids[v_from:v_to]);
            IF v_found = v_n THEN
              v_resent := true;
            ELSIF v_found > 0 THEN
              RAISE EXCEPTION USING ERRCODE = 'FMDUP', MESSAGE = 'some event ids are already stored',
                HINT = p_stream_ids[i];
            ELSE
              INSERT INTO fm_streams AS s (stream_id, version) VALUES (p_stream_ids[i], v_n)
                ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_n
                RETURNING s.version INTO v_new;
            END IF;
          ELSIF p_expected[i] = 0 THEN
            INSERT INTO fm_streams (stream_id, version) VALUES (p_stream_ids[i], v_n)
              ON CONFLICT (stream_id) DO NOTHING
              RETURNING version INTO v_new;
          ELSE
            UPDATE fm_streams s SET version = s.version + v_n
              WHERE s.stream_id = p_stream_ids[i] AND s.version = p_expected[i]
              RETURNING s.version INTO v_new;
          END IF;

          IF v_new IS NULL AND NOT v_resent THEN
            -- Lost the version guard. If these very events are stored, this is a re-send.
            SELECT count(*) INTO v_found FROM fm_events e WHERE e.event_id = ANY (p_event_ids[v_from:v_to]);
            IF v_found <> v_n THEN
              SELECT s.version INTO v_actual FROM fm_streams s WHERE s.stream_id = p_stream_ids[i];
              RAISE EXCEPTION USING ERRCODE = 'FMWEV', MESSAGE = 'wrong expected version',
                DETAIL = coalesce(v_actual, 0)::text, HINT = p_stream_ids[i];
            END IF;
            v_resent := true;
          END IF;

          IF v_resent THEN
            v_any_resent := true;
            RETURN QUERY SELECT i, e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, true
              FROM fm_events e WHERE e.event_id = ANY (p_event_ids[v_from:v_to]) ORDER BY e.stream_version;
          ELSE
            v_any_written := true;
            v_shift[i] := v_new - v_n - (v_from - 1);
            v_stream_of := v_stream_of || array_fill(i, ARRAY[v_n]);
          END IF;
          v_from := v_to + 1;
        END LOOP;

        IF v_any_resent THEN
          -- A real re-send was committed on all of its streams at once.
          IF v_any_written THEN
            RAISE EXCEPTION USING ERRCODE = 'FMDUP', MESSAGE = 'part of this multi-stream append is already stored';
          END IF;
          RETURN;
        END IF;

        -- A partly re-sent append passes the guard and fails here on UNIQUE(event_id). A JSON null
        -- (data, metadata or a missing one) is SQL NULL here, which the table refuses, as before.
        RETURN QUERY
          INSERT INTO fm_events AS e (event_id, stream_id, stream_version, type, schema_version, data, metadata)
          SELECT p_event_ids[u.ord], p_stream_ids[v_stream_of[u.ord]], v_shift[v_stream_of[u.ord]] + u.ord,
                 u.t, u.v, u.d, nullif(p_metadata -> u.m, 'null')
            FROM ROWS FROM (jsonb_to_recordset(p_events) AS (t text, v int, d jsonb, m int))
              WITH ORDINALITY AS u(t, v, d, m, ord)
          RETURNING array_position(p_stream_ids, e.stream_id), e.event_id, e.stream_version,
                    e.global_position, e.transaction_id, e.recorded_at, false;
      END
      $fn$`);
    // The events document of fm_append from the former parallel arrays (metadata i belongs to event i).
    await q.query(`
      CREATE FUNCTION fm_append_document(p_types text[], p_schema_versions int[], p_data jsonb[]) RETURNS jsonb
      LANGUAGE sql STABLE AS $fn$
        SELECT coalesce(jsonb_agg(jsonb_build_object('t', u.t, 'v', u.v, 'd', u.d, 'm', u.o - 1) ORDER BY u.o), '[]')
          FROM unnest(p_types, p_schema_versions, p_data) WITH ORDINALITY AS u(t, v, d, o)
      $fn$`);
    // The former entry points, kept for callers that still use them, as thin doors into fm_append.
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
      LANGUAGE sql AS $fn$
        SELECT a.event_id, a.stream_version, a.global_position, a.transaction_id, a.recorded_at, a.duplicate
          FROM fm_append(ARRAY[p_stream_id], ARRAY[p_expected], ARRAY[cardinality(p_event_ids)], p_event_ids,
                         fm_append_document(p_types, p_schema_versions, p_data), to_jsonb(p_metadata)) a
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
      LANGUAGE sql AS $fn$
        SELECT * FROM fm_append(p_stream_ids, p_expected, p_counts, p_event_ids,
                                fm_append_document(p_types, p_schema_versions, p_data), to_jsonb(p_metadata))
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to the bodies of migration 1764150000101 (fm_announce_appender and fm_append_stream are still there).
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
    await q.query('DROP FUNCTION fm_append_document(text[], int[], jsonb[])');
    await q.query('DROP FUNCTION fm_append(text[], bigint[], int[], uuid[], jsonb, jsonb)');
  }
}
