import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventStore } from '../src/event-store/event-store.port';
import { hostEvents, hostRegistered, payloadBytes } from './fixtures';
import { cost, Probe, WindowCost } from './probe';
import { LoopResult, mergeLoops, percentile, runClosedLoop } from './util';

export interface SingleAppendResult {
  writers: number;
  store: LoopResult & { rate: number; p50Ms: number; p99Ms: number };
  raw: LoopResult & { rate: number; p50Ms: number; p99Ms: number };
  ratio: number;
  payloadBytes: number;
  storeCost: WindowCost;
  rawCost: WindowCost;
  /** NOTIFY round trips the store made per append during its timed windows. */
  notifiesPerAppend: number;
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
  probe: Probe,
  notifyCounts: { notifies: number; appends: number },
): Promise<SingleAppendResult> {
  const storeWriters = Array.from({ length: writers }, () => storeWriter(store));
  const rawWriters = Array.from({ length: writers }, () => rawWriter(pool));
  await runClosedLoop(storeWriters, timing.warmupMs);
  await runClosedLoop(rawWriters, timing.warmupMs);
  const half = timing.windowMs / 2;
  const notifiesBefore = notifyCounts.notifies;
  const s1 = await probe.around(() => runClosedLoop(storeWriters, half));
  const notifiesAfterS1 = notifyCounts.notifies;
  const r1 = await probe.around(() => runClosedLoop(rawWriters, half));
  const r2 = await probe.around(() => runClosedLoop(rawWriters, half));
  const notifiesBeforeS2 = notifyCounts.notifies;
  const s2 = await probe.around(() => runClosedLoop(storeWriters, half));
  const notifies = notifiesAfterS1 - notifiesBefore + (notifyCounts.notifies - notifiesBeforeS2);
  const storeResult = summarise(mergeLoops([s1.result, s2.result]));
  const rawResult = summarise(mergeLoops([r1.result, r2.result]));
  return {
    storeCost: cost([s1.window, s2.window], storeResult.ops),
    rawCost: cost([r1.window, r2.window], rawResult.ops),
    notifiesPerAppend: storeResult.ops > 0 ? notifies / storeResult.ops : 0,
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
  cost: WindowCost;
}

/** Each writer appends `batchSize` events per call to its own stream, with the exact expected version. */
export async function measureBatchedAppends(
  store: EventStore,
  writers: number,
  batchSize: number,
  timing: PhaseTiming,
  probe: Probe,
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
  const { result, window } = await probe.around(() => runClosedLoop(workers, timing.windowMs));
  return {
    ...result,
    cost: cost([window], result.ops * batchSize),
    writers,
    batchSize,
    eventsPerSecond: ((result.ops * batchSize) / result.elapsedMs) * 1000,
    p50Ms: percentile(result.latenciesMs, 50),
    p99Ms: percentile(result.latenciesMs, 99),
  };
}
