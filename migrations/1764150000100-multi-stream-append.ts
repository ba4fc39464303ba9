import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A command's intent and the job it implies are written together: `fm_append_streams` appends to
 * several streams in one statement, so in one transaction and one round trip. Each stream goes
 * through `fm_append_events` unchanged (its guard, its re-send recognition); a version mismatch
 * names its stream in the error's hint, and an append that is a re-send on some streams but new on
 * others is refused as a whole, since a real re-send was committed on all of them at once.
 */
export class MultiStreamAppend1764150000100 implements MigrationInterface {
  name = 'MultiStreamAppend1764150000100';

  async up(q: QueryRunner): Promise<void> {
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

    // p_counts[i] events of the flat arrays belong to p_stream_ids[i], in order.
    await q.query(`
      CREATE FUNCTION fm_append_streams(
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
        FOR i IN 1 .. cardinality(p_stream_ids) LOOP
          v_to := v_from + p_counts[i] - 1;
          FOR r IN SELECT * FROM fm_append_events(p_stream_ids[i], p_expected[i], p_event_ids[v_from:v_to],
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION fm_append_streams(text[], bigint[], int[], uuid[], text[], int[], jsonb[], jsonb[])');
  }
}
