import { Client, Pool, PoolConfig } from 'pg';
import { DataSource, EntitySchema } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * A client that always has an 'error' listener. A backend can be terminated while its client is
 * checked out of a pool between queries; pg then emits 'error', possibly twice (the termination
 * notice, then the lost socket), and TypeORM removes its own listener after the first one. An
 * 'error' without a listener would end the process. The failure itself still reaches whoever
 * uses the client next (its query fails, and the pool discards the client).
 */
export class ResilientClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** Every connection gets timeouts: a long or idle transaction would pin the readers' horizon. */
function connectionConfig(settings: DatabaseSettings): PoolConfig {
  return {
    Client: ResilientClient,
    connectionString: settings.url,
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    application_name: 'fabric-manager',
    connectionTimeoutMillis: 5000,
  };
}

export function createPool(settings: DatabaseSettings, onError: (error: Error) => void): Pool {
  const pool = new Pool({ ...connectionConfig(settings), max: settings.poolSize });
  pool.on('error', onError);
  return pool;
}

/** A pool whose commits do not wait for the disk (for relaxed appends). */
export function createRelaxedPool(settings: DatabaseSettings, onError: (error: Error) => void): Pool {
  const pool = new Pool({
    ...connectionConfig(settings),
    max: Math.max(2, Math.floor(settings.poolSize / 2)),
    options: '-c synchronous_commit=off',
  });
  pool.on('error', onError);
  return pool;
}

export function createClient(settings: DatabaseSettings): Client {
  return new ResilientClient(connectionConfig(settings));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass = (new () => object) | EntitySchema<any>;

export function createDataSource(settings: DatabaseSettings, entities: EntityClass[]): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'fm_migrations',
    synchronize: false,
    logging: false,
    extra: { ...connectionConfig(settings), max: settings.poolSize },
  });
}

/** Runs pending migrations while holding an advisory lock, so concurrent starts do it once. */
export async function migrate(dataSource: DataSource, settings: DatabaseSettings): Promise<string[]> {
  const lockClient = createClient({ ...settings, statementTimeoutMs: 0 });
  await lockClient.connect();
  try {
    await lockClient.query(`SELECT pg_advisory_lock(hashtextextended('fabric-manager:migrations', 0))`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockClient.end().catch(() => undefined);
  }
}

/** Checks that PostgreSQL answers, turning the driver's error into one actionable sentence. */
export async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new Error(`Cannot reach PostgreSQL at ${redact(url)} (${reason}): start it or set DATABASE_URL`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}
