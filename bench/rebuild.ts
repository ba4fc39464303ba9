import { randomUUID } from 'node:crypto';
import { EventStore } from '../src/event-store/event-store.port';
import { hostProjection } from '../src/hosts/projections/host.projection';
import { documentProcessor } from '../src/processing/document-projection';
import { rebuildProcessor } from '../src/processing/processor-rebuild';
import { BenchDatabase } from './db';
import { commandMetadata, hostEvents, hostRegistered } from './fixtures';
import { log } from './util';

export interface LoadResult {
  events: number;
  streams: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

/**
 * Loads `streams` host streams of `eventsPerStream` HostRegistered events each, one batched
 * append per stream, with a few concurrent writers.
 */
export async function loadHostEvents(
  store: EventStore,
  streams: number,
  eventsPerStream: number,
  writers: number,
): Promise<LoadResult> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < streams) {
        next++;
        const hostId = randomUUID();
        await store.append(`host-${hostId}`, hostEvents(hostId, eventsPerStream), 'no-stream');
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const events = streams * eventsPerStream;
  return { events, streams, elapsedMs, eventsPerSecond: (events / elapsedMs) * 1000 };
}

/**
 * One HostRegistered event per host stream, written server-side in one statement (appending them
 * one by one would take longer than the rebuild). Each event's hostId is its stream's id, as the
 * hosts slice writes it.
 */
export async function seedOneEventPerHost(db: BenchDatabase, hosts: number): Promise<LoadResult> {
  const started = performance.now();
  const sample = hostRegistered('00000000-0000-4000-8000-000000000000');
  await db.pool.query({
    text: `WITH s AS (
             INSERT INTO fm_streams (stream_id, version)
             SELECT 'host-' || gen_random_uuid(), 1 FROM generate_series(1, $1::int)
             RETURNING stream_id)
           INSERT INTO fm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
           SELECT gen_random_uuid(), s.stream_id, 1, 'HostRegistered', 1,
                  jsonb_set($2::jsonb, '{hostId}', to_jsonb(substr(s.stream_id, 6))),
                  jsonb_set($3::jsonb, '{correlationId}', to_jsonb(gen_random_uuid()::text))
             FROM s`,
    values: [hosts, JSON.stringify(sample.data), JSON.stringify(commandMetadata())],
  });
  const elapsedMs = performance.now() - started;
  return { events: hosts, streams: hosts, elapsedMs, eventsPerSecond: (hosts / elapsedMs) * 1000 };
}

export interface RebuildResult {
  eventsRead: number;
  elapsedMs: number;
  eventsPerSecond: number;
  batchSize: number;
  documents: number;
  expectedDocuments: number;
}

/** Rewinds the hosts projection and replays it here, as `npm run projections:rebuild -- hosts` does. */
export async function measureRebuild(
  db: BenchDatabase,
  store: EventStore,
  batchSize: number,
  expectedDocuments: number,
): Promise<RebuildResult> {
  const result = await rebuildProcessor(documentProcessor(hostProjection), db.dataSource, store, db.connectClient, {
    batchSize,
    onProgress: (p) =>
      log(`  rebuild: ${p.eventsRead.toLocaleString('en-US')} events, position ${p.globalPosition}/${p.headPosition}`),
  });
  if (result.replayedBy !== 'this process') throw new Error('the rebuild was not replayed by the bench process');
  const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_hosts');
  return {
    eventsRead: result.eventsRead,
    elapsedMs: result.elapsedMs,
    eventsPerSecond: (result.eventsRead / result.elapsedMs) * 1000,
    batchSize,
    documents: Number(rows[0].n),
    expectedDocuments,
  };
}
