import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store.
 *
 * Global order: every row carries the id of the transaction that wrote it. Readers page by
 * (transaction_id, global_position) and only see transactions older than the oldest one still
 * running (pg_snapshot_xmin), so an event whose transaction takes its position early and
 * commits late can never be skipped.
 *
 * `fm_append_events` does the whole version-checked append in one round trip: the guarded
 * version update on fm_streams serialises writers of one stream, and UNIQUE(stream_id,
 * stream_version) stays as the last line of defence.
 */
export class EventStore1764150000000 implements MigrationInterface {
  name = 'EventStore1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fm_streams (
        stream_id text PRIMARY KEY,
        version bigint NOT NULL CHECK (version >= 0)
      )`);
    await q.query(`
      CREATE TABLE fm_events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        stream_version bigint NOT NULL,
        type text NOT NULL,
        schema_version int NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT fm_events_stream_version_unique UNIQUE (stream_id, stream_version),
        CONSTRAINT fm_events_event_id_unique UNIQUE (event_id)
      )`);
    await q.query(`CREATE INDEX fm_events_global_order ON fm_events (transaction_id, global_position)`);
    await q.query(`CREATE INDEX fm_events_type ON fm_events (type, transaction_id, global_position)`);
    await q.query(`CREATE INDEX fm_events_correlation ON fm_events ((metadata->>'correlationId'))`);
    await q.query(`CREATE INDEX fm_events_actor ON fm_events ((metadata->>'actor'))`);
    await q.query(`CREATE INDEX fm_events_recorded_at ON fm_events (recorded_at)`);

    // p_expected: -1 = any, 0 = no stream yet, n > 0 = exactly version n.
    await q.query(`
      CREATE FUNCTION fm_append_events(
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
        -- A re-sent append (same event ids) is answered from what is stored.
        SELECT count(*) INTO v_found FROM fm_events e WHERE e.event_id = ANY (p_event_ids);
        IF v_found = n THEN
          RETURN QUERY SELECT e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, true
            FROM fm_events e WHERE e.event_id = ANY (p_event_ids) AND e.stream_id = p_stream_id
            ORDER BY e.stream_version;
          IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'FMDUP', MESSAGE = 'event ids already stored in another stream';
          END IF;
          RETURN;
        ELSIF v_found > 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'FMDUP', MESSAGE = 'some event ids are already stored';
        END IF;

        IF p_expected = -1 THEN
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
          -- Lost a race. If the winner wrote these very events, this is a re-send.
          SELECT count(*) INTO v_found FROM fm_events e WHERE e.event_id = ANY (p_event_ids);
          IF v_found = n THEN
            RETURN QUERY SELECT e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, true
              FROM fm_events e WHERE e.event_id = ANY (p_event_ids) ORDER BY e.stream_version;
            RETURN;
          END IF;
          SELECT s.version INTO v_actual FROM fm_streams s WHERE s.stream_id = p_stream_id;
          RAISE EXCEPTION USING ERRCODE = 'FMWEV', MESSAGE = 'wrong expected version',
            DETAIL = coalesce(v_actual, 0)::text;
        END IF;

        RETURN QUERY
          INSERT INTO fm_events AS e (event_id, stream_id, stream_version, type, schema_version, data, metadata)
          SELECT u.id, p_stream_id, v_new - n + u.ord, u.type, u.sv, u.data, u.meta
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
              WITH ORDINALITY AS u(id, type, sv, data, meta, ord)
          RETURNING e.event_id, e.stream_version, e.global_position, e.transaction_id, e.recorded_at, false;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION fm_append_events(text, bigint, uuid[], text[], int[], jsonb[], jsonb[])`);
    await q.query(`DROP TABLE fm_events`);
    await q.query(`DROP TABLE fm_streams`);
  }
}
