import { BenchDatabase } from './db';
import { commandMetadata, hostRegistered } from './fixtures';

export interface SeedResult {
  events: number;
  streams: number;
  elapsedMs: number;
}

/**
 * Gives a fresh store the history a running system has: `streams` vm-<uuid> streams of
 * `perStream` VmConfigured events (a type the hosts projection skips), written server-side in one
 * statement, then VACUUM ANALYZE so that the planner knows the table's size. Without a history,
 * a measurement would also time how the store behaves while its tables are tiny.
 */
export async function seedHistory(db: BenchDatabase, streams: number, perStream: number): Promise<SeedResult> {
  const started = performance.now();
  const sample = hostRegistered('00000000-0000-4000-8000-000000000000');
  await db.pool.query({
    text: `WITH s AS (
             INSERT INTO fm_streams (stream_id, version)
             SELECT 'vm-' || gen_random_uuid(), $2::bigint FROM generate_series(1, $1::int)
             RETURNING stream_id)
           INSERT INTO fm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
           SELECT gen_random_uuid(), s.stream_id, v, 'VmConfigured', 1, $3::jsonb,
                  jsonb_set($4::jsonb, '{correlationId}', to_jsonb(gen_random_uuid()::text))
             FROM s CROSS JOIN generate_series(1, $2::int) v`,
    values: [streams, perStream, JSON.stringify(sample.data), JSON.stringify(commandMetadata())],
  });
  await db.pool.query('VACUUM ANALYZE fm_events');
  await db.pool.query('VACUUM ANALYZE fm_streams');
  return { events: streams * perStream, streams, elapsedMs: performance.now() - started };
}
