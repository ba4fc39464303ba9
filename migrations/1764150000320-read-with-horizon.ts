import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A store-wide read took two round trips: the read horizon first (its own statement, so that the
 * read's snapshot is taken after it), then the read. `fm_read_all` does both in one call: a
 * VOLATILE PL/pgSQL function takes a fresh snapshot for each statement it runs (READ COMMITTED), so
 * the read inside it still starts after the horizon is known, and nothing committed below the
 * horizon can be missed. It also answers, in the same call, whether events of the wanted types
 * wait behind the horizon (`hidden`) and how far below the horizon the search went (`scanned`).
 *
 * Rows: kind 'event' (the events, in the global order), then at most one 'scanned' row (the last
 * event below the horizon, when the search found fewer than the limit), then one 'horizon' row
 * (transaction_id = the horizon, hidden = the look's answer).
 */
export class ReadWithHorizon1764150000320 implements MigrationInterface {
  name = 'ReadWithHorizon1764150000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION fm_read_all(
        p_after_tx xid8,
        p_after_pos bigint,
        p_limit int,
        p_types text[],
        p_want_hidden boolean,
        p_want_scanned boolean,
        p_stream_id text,
        p_stream_like text,
        p_actor text,
        p_correlation_id text,
        p_from timestamptz,
        p_to timestamptz
      ) RETURNS TABLE (
        kind text, global_position bigint, transaction_id xid8, event_id uuid, stream_id text,
        stream_version bigint, type text, schema_version int, data jsonb, metadata jsonb,
        recorded_at timestamptz, hidden boolean
      )
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_horizon xid8;
        v_hidden boolean := false;
        v_found int;
        v_where text := '(e.transaction_id, e.global_position) > ($1, $2) AND e.transaction_id < $3';
      BEGIN
        -- Its own statements, each with its own snapshot: taken before the read below starts.
        v_horizon := fm_read_horizon();
        IF p_want_hidden THEN
          -- One ordered index probe per type: a plain EXISTS would be planned as a sequential scan.
          IF p_types IS NULL THEN
            v_hidden := EXISTS (SELECT 1 FROM (SELECT 1 FROM fm_events e WHERE e.transaction_id >= v_horizon
                                                ORDER BY e.transaction_id LIMIT 1) any_type);
          ELSE
            v_hidden := EXISTS (SELECT 1 FROM unnest(p_types) t(type)
                                  CROSS JOIN LATERAL (SELECT 1 FROM fm_events e WHERE e.type = t.type
                                                        AND e.transaction_id >= v_horizon
                                                      ORDER BY e.transaction_id LIMIT 1) of_type);
          END IF;
        END IF;
        IF p_types IS NOT NULL THEN v_where := v_where || ' AND e.type = ANY($5)'; END IF;
        IF p_stream_id IS NOT NULL THEN v_where := v_where || ' AND e.stream_id = $6'; END IF;
        IF p_stream_like IS NOT NULL THEN v_where := v_where || ' AND e.stream_id LIKE $7'; END IF;
        IF p_actor IS NOT NULL THEN v_where := v_where || ' AND e.metadata->>''actor'' = $8'; END IF;
        IF p_correlation_id IS NOT NULL THEN v_where := v_where || ' AND e.metadata->>''correlationId'' = $9'; END IF;
        IF p_from IS NOT NULL THEN v_where := v_where || ' AND e.recorded_at >= $10'; END IF;
        -- recorded_at keeps microseconds, a reader's Date only milliseconds: "at or before t" ends with t's millisecond.
        IF p_to IS NOT NULL THEN v_where := v_where || ' AND e.recorded_at < $11 + interval ''1 millisecond'''; END IF;
        -- EXECUTE plans with the values at hand (a cached generic plan could not know how selective they are).
        RETURN QUERY EXECUTE
          'SELECT ''event''::text, e.global_position, e.transaction_id, e.event_id, e.stream_id, e.stream_version,
                  e.type, e.schema_version, e.data, e.metadata, e.recorded_at, NULL::boolean
             FROM fm_events e WHERE ' || v_where || '
            ORDER BY e.transaction_id, e.global_position LIMIT $4'
          USING p_after_tx, p_after_pos, v_horizon, p_limit, p_types, p_stream_id, p_stream_like, p_actor,
                p_correlation_id, p_from, p_to;
        GET DIAGNOSTICS v_found = ROW_COUNT;
        IF p_want_scanned AND v_found < p_limit THEN
          -- Fewer than asked for: the search covered everything below the horizon.
          RETURN QUERY
            SELECT 'scanned'::text, e.global_position, e.transaction_id, NULL::uuid, NULL::text, NULL::bigint,
                   NULL::text, NULL::int, NULL::jsonb, NULL::jsonb, NULL::timestamptz, NULL::boolean
              FROM fm_events e WHERE e.transaction_id < v_horizon
             ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1;
        END IF;
        RETURN QUERY SELECT 'horizon'::text, NULL::bigint, v_horizon, NULL::uuid, NULL::text, NULL::bigint,
                            NULL::text, NULL::int, NULL::jsonb, NULL::jsonb, NULL::timestamptz, v_hidden;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP FUNCTION fm_read_all(xid8, bigint, int, text[], boolean, boolean, text, text, text, text, timestamptz, timestamptz)',
    );
  }
}
