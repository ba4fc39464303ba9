import { Client, Pool } from 'pg';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Logger } from 'pino';
import { AppConfig } from './config';
import {
  checkPostgres,
  createClient,
  createDataSource,
  createPool,
  DatabaseSettings,
  EntityClass,
  migrate,
  redact,
  createRelaxedPool,
} from './database';
import { EmbeddedPostgresError, EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';
import { EmbeddedRedisError, EmbeddedRedisHandle, startEmbeddedRedis } from './embedded-redis';
import { EventStore } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { KurrentDbUnreachableError, openKurrentDbEventStore } from '../event-store/kurrentdb/kurrentdb-connection';
import { UpcasterRegistry } from '../event-store/upcasting';
import { REPLICATION_UPCASTERS } from '../replication/replication-upcasters';

/** Every upcaster of stored events (old shapes lifted on read). */
const EVENT_UPCASTERS = [...REPLICATION_UPCASTERS];

/** Connections the service holds, opened before Nest starts so that start-up errors are one line. */
export interface Infrastructure {
  config: AppConfig;
  logger: Logger;
  databaseUrl: string;
  pool: Pool;
  dataSource: DataSource;
  eventStore: EventStore;
  redis: Redis;
  connectClient: () => Promise<Client>;
  close(): Promise<void>;
}

export class StartupError extends Error {}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export interface OpenOptions {
  /** Command-line tools that only touch PostgreSQL skip the Redis check. */
  requireRedis?: boolean;
}

export async function openInfrastructure(
  config: AppConfig,
  logger: Logger,
  entities: EntityClass[],
  options: OpenOptions = {},
): Promise<Infrastructure> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPostgresPort,
        runtimeDir: config.embeddedPostgresRuntimeDir,
        log: (m) => logger.info(m),
      });
    } catch (error) {
      if (error instanceof EmbeddedPostgresError) throw new StartupError(error.message);
      throw new StartupError(
        `Cannot start the embedded PostgreSQL in ${config.dataDir} on port ${config.embeddedPostgresPort} ` +
          `(${firstLine(error)}): free the port, set EMBEDDED_POSTGRES_PORT, or set DATABASE_URL`,
      );
    }
    databaseUrl = embedded.url;
    logger.info({ databaseUrl: redact(databaseUrl) }, 'using the embedded PostgreSQL');
  }
  try {
    await checkPostgres(databaseUrl);
  } catch (error) {
    await embedded?.stop();
    throw new StartupError((error as Error).message);
  }
  let embeddedRedis: EmbeddedRedisHandle | null = null;
  if (config.embeddedRedis && options.requireRedis !== false) {
    try {
      embeddedRedis = await startEmbeddedRedis(config.dataDir, config.embeddedRedisPort, (m) => logger.info(m));
    } catch (error) {
      await embedded?.stop();
      if (error instanceof EmbeddedRedisError) throw new StartupError(error.message);
      throw new StartupError(`Cannot start the embedded Redis (${firstLine(error)}): set REDIS_URL`);
    }
  }
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true });
  redis.on('error', () => undefined);
  try {
    if (options.requireRedis !== false) {
      await redis.connect();
      await redis.ping();
    }
  } catch (error) {
    redis.disconnect();
    await embeddedRedis?.stop();
    await embedded?.stop();
    throw new StartupError(
      `Cannot reach Redis at ${redact(config.redisUrl)} (${(error as Error).message}): start it (redis-server) or set REDIS_URL`,
    );
  }
  // KurrentDB, when chosen, holds the events; PostgreSQL still holds read models, positions and jobs.
  let kurrentDb: EventStore | null = null;
  if (config.eventStore === 'kurrentdb') {
    try {
      kurrentDb = await openKurrentDbEventStore(config.kurrentdbUrl!, { upcasters: new UpcasterRegistry(EVENT_UPCASTERS) });
    } catch (error) {
      redis.disconnect();
      await embeddedRedis?.stop();
      await embedded?.stop();
      if (error instanceof KurrentDbUnreachableError) throw new StartupError(error.message);
      throw error;
    }
    logger.info('using the KurrentDB event store');
  }
  const settings: DatabaseSettings = {
    url: databaseUrl,
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs,
  };
  const pool = createPool(settings, (error) => logger.warn({ error: error.message }, 'idle PostgreSQL connection failed'));
  const dataSource = createDataSource(settings, entities);
  await dataSource.initialize();
  const applied = await migrate(dataSource, settings);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
  const connectClient = async () => {
    // Long-lived connections (locks, LISTEN) must not be cut by the statement timeout.
    const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  let eventStore: EventStore;
  let relaxedPool: Pool | null = null;
  if (kurrentDb) {
    eventStore = kurrentDb;
  } else {
    relaxedPool = createRelaxedPool(settings, (error) =>
      logger.warn({ error: error.message }, 'idle PostgreSQL connection failed'),
    );
    eventStore = new PostgresEventStore({
      pool,
      relaxedPool,
      connectListener: connectClient,
      upcasters: new UpcasterRegistry(EVENT_UPCASTERS),
    });
  }
  return {
    config,
    logger,
    databaseUrl,
    pool,
    dataSource,
    eventStore,
    redis,
    connectClient,
    async close() {
      await eventStore.close();
      await dataSource.destroy().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await relaxedPool?.end().catch(() => undefined);
      redis.disconnect();
      await embeddedRedis?.stop();
      await embedded?.stop();
    },
  };
}
