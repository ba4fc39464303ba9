import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface EmbeddedRedisHandle {
  url: string;
  stop(): Promise<void>;
}

/** A start-up failure of the embedded Redis, worded as the one line the operator reads. */
export class EmbeddedRedisError extends Error {}

const READY_TIMEOUT_MS = 60_000;

/**
 * Starts a Redis of the service's own with its data under `<dataDir>/redis`, from the `redis-server`
 * on the PATH. No npm package is used as a fallback source: the one that offers a Redis
 * (redis-memory-server) downloads and compiles the Redis sources at install and on first use, which
 * neither an offline machine nor a start-up may depend on; pointed at a system binary it only spawns it.
 */
export async function startEmbeddedRedis(
  dataDir: string,
  port: number,
  log: (message: string) => void,
  searchPath: string = process.env.PATH ?? '',
): Promise<EmbeddedRedisHandle> {
  const url = `redis://127.0.0.1:${port}`;
  const directory = path.resolve(dataDir, 'redis');
  mkdirSync(directory, { recursive: true });
  const dataDirectory = realpathSync(directory);

  // A service that died without stopping its Redis (kill -9) left it running on the same data:
  // this one takes it over, and stops it when it stops.
  const running = await runningRedisDirectory(port);
  if (running !== null) {
    if (running === dataDirectory) {
      log(`took over the embedded Redis already running on port ${port} with its data in ${dataDirectory}`);
      return { url, stop: () => shutDown(port) };
    }
    throw new EmbeddedRedisError(
      `Cannot start the embedded Redis on port ${port}: another Redis (data in ${running}) listens there; ` +
        'set EMBEDDED_REDIS_PORT or set REDIS_URL to use that one',
    );
  }

  const binary = findOnPath('redis-server', searchPath);
  if (binary === null) {
    throw new EmbeddedRedisError(
      'No Redis server found for the embedded Redis (no redis-server on the PATH): install one ' +
        '(apt-get install redis-server, brew install redis) or set REDIS_URL',
    );
  }
  const logFile = path.join(dataDirectory, 'redis.log');
  const settings: Record<string, string> = {
    port: String(port),
    bind: '127.0.0.1',
    dir: dataDirectory,
    // The append-only file is its one persistence; no RDB snapshots besides it.
    appendonly: 'yes',
    save: '',
    // Jobs and timers live here: refusing writes when full beats silently losing them.
    'maxmemory-policy': 'noeviction',
    daemonize: 'no',
    logfile: logFile,
  };
  const child = spawn(
    binary,
    Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]),
    // Its own process group: a Ctrl-C in the terminal must not stop it before the service has drained.
    { stdio: 'ignore', detached: true },
  );

  try {
    await waitUntilReady(child, port);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const reason = error instanceof ChildExited ? (lastLogLine(logFile) ?? error.message) : (error as Error).message;
    throw new EmbeddedRedisError(
      `Cannot start the embedded Redis (${binary}) on port ${port} with its data in ${dataDirectory} (${reason}): ` +
        'free the port, set EMBEDDED_REDIS_PORT, or set REDIS_URL',
    );
  }
  log(`started the embedded Redis (${binary}) on port ${port} with its data in ${dataDirectory}`);
  return { url, stop: () => stopChild(child) };
}

class ChildExited extends Error {}

function findOnPath(command: string, searchPath: string): string | null {
  for (const directory of searchPath.split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** The data directory of the Redis answering on the port, or null when none answers. */
async function runningRedisDirectory(port: number): Promise<string | null> {
  const client = oneShotClient(port);
  try {
    await client.connect();
  } catch {
    client.disconnect();
    return null;
  }
  try {
    const [, directory] = (await client.call('CONFIG', 'GET', 'dir')) as [string, string];
    return directory;
  } catch (error) {
    throw new EmbeddedRedisError(
      `Cannot start the embedded Redis on port ${port}: something else answers there (${(error as Error).message}); ` +
        'set EMBEDDED_REDIS_PORT or set REDIS_URL',
    );
  } finally {
    client.disconnect();
  }
}

/** Resolves once the server answers PING (after loading its append-only file); rejects if it exits first. */
async function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  let exited: Error | null = null;
  child.once('error', (error) => (exited ??= error));
  child.once('exit', (code, signal) => (exited ??= new ChildExited(`exited with ${signal ?? `code ${code}`}`)));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) throw exited;
    // LOADING while it reads the append-only file, or not listening yet: ask again.
    if (await answersPing(port)) return;
    if (Date.now() > deadline) throw new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function answersPing(port: number): Promise<boolean> {
  const client = oneShotClient(port);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function oneShotClient(port: number): Redis {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
    commandTimeout: 2000,
  });
  client.on('error', () => undefined);
  return client;
}

function lastLogLine(logFile: string): string | null {
  try {
    const lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    const line = lines.at(-1);
    // "1234:M 06 Dec 2026 06:00:00.000 # Warning: Could not create server TCP listening socket …"
    return line === undefined ? null : line.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] /, '');
  } catch {
    return null;
  }
}

/** Stops a Redis this process did not spawn; SHUTDOWN flushes the append-only file first. */
async function shutDown(port: number): Promise<void> {
  const client = oneShotClient(port);
  try {
    await client.connect();
    await client.call('SHUTDOWN');
  } catch {
    // the server closes the connection instead of answering
  } finally {
    client.disconnect();
  }
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while ((await answersPing(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** SIGTERM makes Redis flush its append-only file and exit; resolves once it has. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
