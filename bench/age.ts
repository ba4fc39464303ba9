import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store';
import { CommandContext, DecideCommand, GenericCommandHandler } from '../src/platform/command-handler';
import { loadConfig } from '../src/platform/config';
import { Decider, DomainEvent } from '../src/platform/domain/decider';
import { Metrics } from '../src/platform/metrics';
import { BenchDatabase } from './db';
import { commandMetadata } from './fixtures';
import { cost, describeCost, Probe } from './probe';
import { percentile } from './util';

type Counted = DomainEvent<'CounterIncremented', { by: number }>;
type Increment = { type: 'Increment'; by: number };
/** A long-lived aggregate of the simplest kind: what is measured is the cost of its stream's age. */
const counter: Decider<Increment, Counted, { total: number }> = {
  initialState: { total: 0 },
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: (command) => [{ type: 'CounterIncremented', data: { by: command.by } }],
};

export interface AgeOptions {
  oldStreamEvents: number;
  commands: number;
  warmup: number;
}

export interface AgeSide {
  p50Ms: number;
  p99Ms: number;
  transactionsPerCommand: number;
  costLine: string;
}

export interface AgeResult {
  fresh: AgeSide;
  old: AgeSide;
  seedMs: number;
}

/**
 * One command at a time through the generic command handler, on a fresh stream each time and on
 * one stream that already holds `oldStreamEvents` events (written server-side, as a stream that
 * lived for years would hold them). Warm-up commands first: the first command on the old stream
 * folds it in full and leaves the snapshot the later ones start from.
 */
export async function measureCostWithAge(db: BenchDatabase, options: AgeOptions): Promise<AgeResult> {
  const store = new PostgresEventStore({ pool: db.pool });
  const handler = new GenericCommandHandler(store, loadConfig({}), new Metrics());
  const oldStream = `counter-${randomUUID()}`;
  const seedStarted = performance.now();
  await db.pool.query(
    `WITH s AS (INSERT INTO fm_streams (stream_id, version) VALUES ($1, $2::bigint) RETURNING stream_id)
     INSERT INTO fm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
     SELECT gen_random_uuid(), s.stream_id, v, 'CounterIncremented', 1, '{"by": 1}'::jsonb, $3::jsonb
       FROM s CROSS JOIN generate_series(1, $2::int) v`,
    [oldStream, options.oldStreamEvents, JSON.stringify(commandMetadata())],
  );
  await db.pool.query('VACUUM ANALYZE fm_events');
  const seedMs = performance.now() - seedStarted;
  const probe = new Probe(db.pool, db.name);
  const context = (): CommandContext => ({
    commandId: randomUUID(),
    actor: 'bench',
    role: 'admin',
    correlationId: randomUUID(),
    causationId: null,
    requestId: null,
    idempotencyKey: null,
  });
  const transactions = async () =>
    Number(
      (await db.pool.query('SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()')).rows[0].xact_commit,
    );
  const side = async (streamOf: () => string): Promise<AgeSide> => {
    for (let i = 0; i < options.warmup; i++) {
      await handler.execute(new DecideCommand(counter, streamOf(), { type: 'Increment', by: 1 }, context()));
    }
    const latencies: number[] = [];
    const before = await transactions();
    const { window } = await probe.around(async () => {
      for (let i = 0; i < options.commands; i++) {
        const started = performance.now();
        await handler.execute(new DecideCommand(counter, streamOf(), { type: 'Increment', by: 1 }, context()));
        latencies.push(performance.now() - started);
      }
    });
    // Statistics reach pg_stat_database at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const committed = (await transactions()) - before;
    latencies.sort((a, b) => a - b);
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      transactionsPerCommand: committed / options.commands,
      costLine: describeCost(cost([window], options.commands)),
    };
  };
  const fresh = await side(() => `counter-${randomUUID()}`);
  const old = await side(() => oldStream);
  await store.close();
  return { fresh, old, seedMs };
}
