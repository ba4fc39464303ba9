import { z } from 'zod';

/**
 * Configuration comes only from environment variables and is validated once at start-up.
 * Each mistake becomes one line naming the variable, what it must be and what it was.
 */
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`);

const number = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `must be a number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a number between ${min} and ${max}`);

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

const schema = z.object({
  PORT: integer(0, 65535).default('3000'),
  HOST: z.string().min(1).default('0.0.0.0'),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_POSTGRES_PORT: integer(1, 65535).default('54329'),
  EMBEDDED_POSTGRES_RUNTIME_DIR: z.string().min(1).default('/var/lib/fabric-manager'),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  EMBEDDED_REDIS_PORT: integer(1, 65535).default('63799'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, 'may contain only letters, digits, ":", "_" and "-"')
    .default('fm'),
  EVENT_STORE: z.enum(['postgres', 'kurrentdb']).default('postgres'),
  KURRENTDB_URL: z
    .string()
    .regex(
      /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^\s]+$/,
      'must be a KurrentDB connection string such as kurrentdb://host:2113?tls=false',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROCESSOR_BATCH_SIZE: integer(1, 10000).default('500'),
  PROCESSOR_POLL_MS: integer(10, 60000).default('500'),
  COMMAND_RETRIES: integer(0, 20).default('5'),
  DB_POOL_SIZE: integer(2, 200).default('20'),
  STATEMENT_TIMEOUT_MS: integer(100, 600000).default('30000'),
  IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(100, 600000).default('10000'),
  WORKER_CONCURRENCY: integer(1, 256).default('16'),
  JOB_LOCK_MS: integer(1000, 600000).default('5000'),
  JOB_SWEEP_MS: integer(500, 3600000).default('15000'),
  HEALTH_PROBE_MS: integer(20, 60000).default('1000'),
  REPLICATION_POLL_MS: integer(20, 600000).default('5000'),
  RATE_LIMIT_PER_SECOND: integer(0, 1000000).default('500'),
  UNAUTHENTICATED_PER_SECOND: integer(0, 1000000).default('20'),
  EVENT_STREAMS_PER_KEY: integer(0, 10000).default('32'),
  EXPENSIVE_QUERIES_PER_KEY: integer(0, 10000).default('4'),
  REQUEST_TIMEOUT_MS: integer(1000, 600000).default('30000'),
  HEADERS_TIMEOUT_MS: integer(1000, 600000).default('10000'),
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  SIMULATOR_TIME_SCALE: number(0, 1000).default('1'),
  SIMULATOR_SEED: integer(0, 2 ** 31).default('42'),
});

/** Every environment variable the service reads (the docker files may set no other). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export type AppConfig = {
  port: number;
  host: string;
  role: 'api' | 'worker' | 'all';
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  /**
   * Run as root, the embedded PostgreSQL runs as the unprivileged `postgres` user; its binaries and
   * data are copied here when that user cannot reach them where they are (a checkout in a mode-700 home).
   */
  embeddedPostgresRuntimeDir: string;
  /** The Redis the service uses: REDIS_URL, or the embedded one's address when REDIS_URL is unset. */
  redisUrl: string;
  /** REDIS_URL was unset: the service starts its own Redis on `embeddedRedisPort` with data under `dataDir`. */
  embeddedRedis: boolean;
  embeddedRedisPort: number;
  redisPrefix: string;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentdbUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  processorBatchSize: number;
  processorPollMs: number;
  commandRetries: number;
  dbPoolSize: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  workerConcurrency: number;
  jobLockMs: number;
  jobSweepMs: number;
  /** How often the cluster heartbeat probes every node. */
  healthProbeMs: number;
  /** How often the replication monitor reads every primary host's replication statistics. */
  replicationPollMs: number;
  rateLimitPerSecond: number;
  /** Failed authentications a client address may make per second before it is refused unchecked (0 = unlimited). */
  unauthenticatedPerSecond: number;
  /** Open event streams (SSE) per API key across all processes (0 = unlimited). */
  eventStreamsPerKey: number;
  /** Audit queries, histories and time travel running at once per API key in one process (0 = unlimited). */
  expensiveQueriesPerKey: number;
  /** Time a client has to send a whole request (headers and body). */
  requestTimeoutMs: number;
  /** Time a client has to send the request headers. */
  headersTimeoutMs: number;
  adminApiKey: string | undefined;
  simulatorTimeScale: number;
  simulatorSeed: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        const secret = key === 'ADMIN_API_KEY';
        const got = relevant[key] === undefined || secret ? '' : ` (got "${relevant[key]}")`;
        const message = issue.code === 'invalid_enum_value' ? `must be one of ${issue.options.join(', ')}` : issue.message;
        return `Configuration error: ${key} ${message}${got}`;
      }),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.EVENT_STORE === 'kurrentdb' && !c.KURRENTDB_URL) {
    problems.push('Configuration error: KURRENTDB_URL is required when EVENT_STORE=kurrentdb');
  }
  if (c.HEADERS_TIMEOUT_MS > c.REQUEST_TIMEOUT_MS) {
    problems.push('Configuration error: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: c.PORT,
    host: c.HOST,
    role: c.ROLE,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    embeddedPostgresPort: c.EMBEDDED_POSTGRES_PORT,
    embeddedPostgresRuntimeDir: c.EMBEDDED_POSTGRES_RUNTIME_DIR,
    redisUrl: c.REDIS_URL ?? `redis://127.0.0.1:${c.EMBEDDED_REDIS_PORT}`,
    embeddedRedis: c.REDIS_URL === undefined,
    embeddedRedisPort: c.EMBEDDED_REDIS_PORT,
    redisPrefix: c.REDIS_PREFIX,
    eventStore: c.EVENT_STORE,
    kurrentdbUrl: c.KURRENTDB_URL,
    logLevel: c.LOG_LEVEL,
    processorBatchSize: c.PROCESSOR_BATCH_SIZE,
    processorPollMs: c.PROCESSOR_POLL_MS,
    commandRetries: c.COMMAND_RETRIES,
    dbPoolSize: c.DB_POOL_SIZE,
    statementTimeoutMs: c.STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: c.IDLE_IN_TRANSACTION_TIMEOUT_MS,
    workerConcurrency: c.WORKER_CONCURRENCY,
    jobLockMs: c.JOB_LOCK_MS,
    jobSweepMs: c.JOB_SWEEP_MS,
    healthProbeMs: c.HEALTH_PROBE_MS,
    replicationPollMs: c.REPLICATION_POLL_MS,
    rateLimitPerSecond: c.RATE_LIMIT_PER_SECOND,
    unauthenticatedPerSecond: c.UNAUTHENTICATED_PER_SECOND,
    eventStreamsPerKey: c.EVENT_STREAMS_PER_KEY,
    expensiveQueriesPerKey: c.EXPENSIVE_QUERIES_PER_KEY,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: c.HEADERS_TIMEOUT_MS,
    adminApiKey: c.ADMIN_API_KEY,
    simulatorTimeScale: c.SIMULATOR_TIME_SCALE,
    simulatorSeed: c.SIMULATOR_SEED,
  };
}
