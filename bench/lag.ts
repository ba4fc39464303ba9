import { randomUUID } from 'node:crypto';
import { EventStore } from '../src/event-store/event-store.port';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { hostProjection } from '../src/hosts/projections/host.projection';
import { documentProcessor } from '../src/processing/document-projection';
import { ProcessorHost } from '../src/processing/processor-host';
import { BenchDatabase } from './db';
import { hostRegistered } from './fixtures';
import { log, percentile, sleep } from './util';

export interface LagOptions {
  /** Appends per second, one event each, on new host-<uuid> streams. */
  rate: number;
  warmupMs: number;
  windowMs: number;
  /**
   * false: writer and processor share one event store, so the runner is woken in process, as in
   * ROLE=all. true: they use separate stores and pools, so the runner only hears of appends through
   * LISTEN/NOTIFY, as when the API and the worker are separate processes.
   */
  separateProcesses: boolean;
  batchSize: number;
  pollMs: number;
}

export interface LagResult {
  options: LagOptions;
  measuredEvents: number;
  offeredRate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Events the processor committed before their append promise resolved (counted as 0 ms). */
  processedBeforeAppendReturned: number;
  missing: number;
  appendErrors: number;
  appendP99Ms: number;
  batches: number;
  meanBatchSize: number;
}

/**
 * A ProcessorHost runs the hosts document projection while an open-loop generator appends
 * HostRegistered events at a steady rate. Lag of an event = the moment the processor's batch
 * transaction containing it committed (onBatch) − the moment its append promise resolved.
 */
export async function measureLag(db: BenchDatabase, options: LagOptions): Promise<LagResult> {
  const writerStore = new PostgresEventStore({ pool: db.pool, connectListener: db.connectClient });
  const processorStore: EventStore = options.separateProcesses
    ? new PostgresEventStore({ pool: db.newPool(), connectListener: db.connectClient })
    : writerStore;
  const appendedAt = new Map<string, number>();
  const processedAt = new Map<string, number>();
  let batches = 0;
  let batchedEvents = 0;
  const host = new ProcessorHost([documentProcessor(hostProjection)], db.dataSource, processorStore, {
    batchSize: options.batchSize,
    pollMs: options.pollMs,
    standbyMs: 1000,
    connectLeaderClient: db.connectClient,
    log: (level, message, details) => {
      if (level !== 'info') log(`  processor host ${level}: ${message} ${details ? JSON.stringify(details) : ''}`);
    },
    onBatch: (_name, events) => {
      const now = performance.now();
      batches++;
      batchedEvents += events.length;
      for (const event of events) processedAt.set(event.eventId, now);
    },
  });
  await host.start();
  if (!host.runningHere().includes(hostProjection.name)) throw new Error('the processor host did not take the hosts projection');
  // Catch up with the history first, as a service that has been running would have.
  const catchUpDeadline = performance.now() + 60_000;
  for (;;) {
    const [status] = await host.status();
    if (status.runningHere && status.lagEvents === 0) break;
    if (performance.now() > catchUpDeadline) throw new Error(`the processor did not catch up: ${JSON.stringify(status)}`);
    await sleep(100);
  }
  await sleep(300); // let the LISTEN connection come up
  batches = 0;
  batchedEvents = 0;

  const measured: string[] = [];
  const appendLatencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let appendErrors = 0;
  let issued = 0;
  const started = performance.now();
  const measureFrom = started + options.warmupMs;
  const end = measureFrom + options.windowMs;
  let measuredIssued = 0;
  const issue = (inWindow: boolean) => {
    const hostId = randomUUID();
    const event = hostRegistered(hostId);
    if (inWindow) {
      measured.push(event.eventId);
      measuredIssued++;
    }
    const t = performance.now();
    const p = writerStore
      .append(`host-${hostId}`, [event], 'no-stream')
      .then(
        () => {
          const now = performance.now();
          appendedAt.set(event.eventId, now);
          if (inWindow) appendLatencies.push(now - t);
        },
        () => {
          appendErrors++;
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  for (;;) {
    const now = performance.now();
    if (now >= end) break;
    const due = Math.floor(((now - started) / 1000) * options.rate);
    while (issued < due) {
      issued++;
      issue(now >= measureFrom);
    }
    await sleep(1);
  }
  await Promise.all([...inFlight]);
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline && measured.some((id) => appendedAt.has(id) && !processedAt.has(id))) await sleep(20);
  await host.stop();
  await writerStore.close();
  if (processorStore !== writerStore) await processorStore.close();

  const lags: number[] = [];
  let early = 0;
  let missing = 0;
  for (const id of measured) {
    const a = appendedAt.get(id);
    const p = processedAt.get(id);
    if (a === undefined) continue; // the append failed; counted in appendErrors
    if (p === undefined) {
      missing++;
      continue;
    }
    if (p < a) early++;
    lags.push(Math.max(0, p - a));
  }
  return {
    options,
    measuredEvents: lags.length,
    offeredRate: measuredIssued / (options.windowMs / 1000),
    p50Ms: percentile(lags, 50),
    p90Ms: percentile(lags, 90),
    p99Ms: percentile(lags, 99),
    maxMs: lags.length ? Math.max(...lags) : 0,
    processedBeforeAppendReturned: early,
    missing,
    appendErrors,
    appendP99Ms: percentile(appendLatencies, 99),
    batches,
    meanBatchSize: batches ? batchedEvents / batches : 0,
  };
}
