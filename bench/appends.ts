import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventStore } from '../src/event-store/event-store.port';
import { hostEvents, hostRegistered, payloadBytes } from './fixtures';
import { LoopResult, mergeLoops, percentile, runClosedLoop } from './util';

export interface SingleAppendResult {
  writers: number;
  store: LoopResult & { rate: number; p50Ms: number; p99Ms: number };
  raw: LoopResult & { rate: number; p50Ms: number; p99Ms: number };
  ratio: number;
  payloadBytes: number;
}

export interface PhaseTiming {
  warmupMs: number;
  windowMs: number;
}

const RAW_INSERT = `INSERT INTO fm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

/** One writer per stream, appending one event per call with the exact expected version. */
function storeWriter(store: EventStore): { op: () => Promise<void> } {
  const hostId = randomUUID();
  const streamId = `host-${hostId}`;
  let version = 0;
  return {
    op: async () => {
      const result = await store.append(streamId, [hostRegistered(hostId)], version);
      version = result.streamVersion;
    },
  };
}

/** The same event row, inserted with a plain prepared INSERT (no version check, no function). */
function rawWriter(pool: Pool): { op: () => Promise<void> } {
  const hostId = randomUUID();
  const streamId = `raw-${hostId}`;
  let version = 0;
  return {
    op: async () => {
      const event = hostRegistered(hostId);
      await pool.query({
        name: 'bench_raw_insert',
        text: RAW_INSERT,
        values: [
          event.eventId,
          streamId,
          version + 1,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        ],
      });
      version++;
    },
  };
}

const summarise = (r: LoopResult) => ({
  ...r,
  rate: (r.ops / r.elapsedMs) * 1000,
  p50Ms: percentile(r.latenciesMs, 50),
  p99Ms: percentile(r.latenciesMs, 99),
});

/**
 * Store appends against raw inserts at the same concurrency. After a warm-up of each, the two are
 * timed in A-B-B-A order (two half windows each) so that drift on the machine (a checkpoint,
 * autovacuum, a neighbour's load) falls on both alike.
 */
export async function measureSingleAppends(
  store: EventStore,
  pool: Pool,
  writers: number,
  timing: PhaseTiming,
): Promise<SingleAppendResult> {
  const storeWriters = Array.from({ length: writers }, () => storeWriter(store));
  const rawWriters = Array.from({ length: writers }, () => rawWriter(pool));
  await runClosedLoop(storeWriters, timing.warmupMs);
  await runClosedLoop(rawWriters, timing.warmupMs);
  const half = timing.windowMs / 2;
  const s1 = await runClosedLoop(storeWriters, half);
  const r1 = await runClosedLoop(rawWriters, half);
  const r2 = await runClosedLoop(rawWriters, half);
  const s2 = await runClosedLoop(storeWriters, half);
  const storeResult = summarise(mergeLoops([s1, s2]));
  const rawResult = summarise(mergeLoops([r1, r2]));
  return {
    writers,
    store: storeResult,
    raw: rawResult,
    ratio: storeResult.rate / rawResult.rate,
    payloadBytes: payloadBytes(hostRegistered(randomUUID())),
  };
}

export interface BatchedAppendResult extends LoopResult {
  writers: number;
  batchSize: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Each writer appends `batchSize` events per call to its own stream, with the exact expected version. */
export async function measureBatchedAppends(
  store: EventStore,
  writers: number,
  batchSize: number,
  timing: PhaseTiming,
): Promise<BatchedAppendResult> {
  const workers = Array.from({ length: writers }, () => {
    const hostId = randomUUID();
    const streamId = `host-${hostId}`;
    let version = 0;
    return {
      op: async () => {
        const result = await store.append(streamId, hostEvents(hostId, batchSize), version);
        version = result.streamVersion;
      },
    };
  });
  await runClosedLoop(workers, timing.warmupMs);
  const result = await runClosedLoop(workers, timing.windowMs);
  return {
    ...result,
    writers,
    batchSize,
    eventsPerSecond: ((result.ops * batchSize) / result.elapsedMs) * 1000,
    p50Ms: percentile(result.latenciesMs, 50),
    p99Ms: percentile(result.latenciesMs, 99),
  };
}
