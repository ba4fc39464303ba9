import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { HostReadModel } from '../src/hosts/projections/host-read-model.entity';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../src/platform/database';

/** A throw-away database on the local server, migrated like the service does it. */
export interface BenchDatabase {
  name: string;
  settings: DatabaseSettings;
  /** The pool the event store and the raw inserts use (the service's default size, 20). */
  pool: Pool;
  dataSource: DataSource;
  /** Long-lived connections (locks, LISTEN), exactly as the service opens them. */
  connectClient: () => Promise<Client>;
  newPool: () => Pool;
  /** Empties the event store, the read model and the processor positions. */
  reset(): Promise<void>;
  /** Forces dirty pages out so that a checkpoint does not land inside a timed window. */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function benchDatabaseName(): string {
  const now = new Date();
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `fm_bench_${stamp}_${process.pid}`;
}

async function admin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createBenchDatabase(adminUrl: string, name: string): Promise<BenchDatabase> {
  if (!/^fm_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const settings: DatabaseSettings = {
    url: url.toString(),
    poolSize: 20,
    statementTimeoutMs: 30_000,
    idleInTransactionTimeoutMs: 10_000,
  };
  const onPoolError = (error: Error) => process.stderr.write(`idle PostgreSQL connection failed: ${error.message}\n`);
  const pool = createPool(settings, onPoolError);
  const dataSource = createDataSource(settings, [HostReadModel]);
  await dataSource.initialize();
  await migrate(dataSource, settings);
  const extraPools: Pool[] = [];
  return {
    name,
    settings,
    pool,
    dataSource,
    connectClient: async () => {
      const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    newPool: () => {
      const extra = createPool(settings, onPoolError);
      extraPools.push(extra);
      return extra;
    },
    async reset() {
      await pool.query('TRUNCATE fm_events, fm_streams, rm_hosts, fm_processor_positions RESTART IDENTITY');
    },
    async checkpoint() {
      await pool.query('CHECKPOINT');
    },
    async close() {
      await Promise.all(extraPools.map((p) => p.end().catch(() => undefined)));
      await dataSource.destroy().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

export async function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^fm_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await admin(adminUrl, async (c) => {
    // Closed pools have sent their goodbyes but the sessions may still be ending: give them a moment
    // before forcing the rest, so that no client sees its connection cut.
    for (let i = 0; i < 30; i++) {
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
