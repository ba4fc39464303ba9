import { refuseUsage } from '../../platform/command-line';
import { checkPostgres, createDataSource, createPool, DatabaseSettings, migrate, redact } from '../../platform/database';
import { EventStore } from '../event-store.port';
import { KurrentDbUnreachableError, openKurrentDbEventStore, redactKurrentDbUrl } from '../kurrentdb/kurrentdb-connection';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { CopyArguments, parseCopyArguments, StoreAddress, USAGE, UsageError } from './copy-arguments';
import { copyEvents, CopyMismatchError, verifyCopy } from './event-store-copy';
import { moveProcessorPositions, ProcessorPositionsError, readProcessorCursors } from './processor-positions-move';

/**
 * `npm run event-store:copy -- --from postgres --to kurrentdb`: copies every event into the other
 * store, verifies the copy and, when asked, moves the processor positions onto the target's cursors.
 * Exit codes: 0 copied and verified, 1 failed (nothing after the failure was changed), 2 usage.
 */
interface OpenStore {
  store: EventStore;
  close(): Promise<void>;
}

/** One-line failures meant for the operator, printed without a stack trace. */
class CopyFailure extends Error {}

async function openStore(address: StoreAddress, role: 'source' | 'target'): Promise<OpenStore> {
  if (address.kind === 'kurrentdb') {
    try {
      const store = await openKurrentDbEventStore(address.url);
      return { store, close: () => store.close() };
    } catch (error) {
      if (error instanceof KurrentDbUnreachableError) throw new CopyFailure(`${role}: ${error.message}`);
      throw error;
    }
  }
  try {
    await checkPostgres(address.url);
  } catch (error) {
    throw new CopyFailure(`${role}: ${(error as Error).message}`);
  }
  const settings: DatabaseSettings = {
    url: address.url,
    poolSize: 4,
    statementTimeoutMs: 120_000,
    idleInTransactionTimeoutMs: 60_000,
  };
  if (role === 'target') {
    // A fresh target database gets the event store tables the same way the service would create them.
    const dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    try {
      await migrate(dataSource, settings);
    } finally {
      await dataSource.destroy();
    }
  }
  const pool = createPool(settings, () => undefined);
  const { rows } = await pool.query<{ table: string | null }>(`SELECT to_regclass('fm_events')::text AS table`);
  if (rows[0].table === null) {
    await pool.end();
    throw new CopyFailure(`${role}: ${redact(address.url)} holds no event store (no fm_events table)`);
  }
  const store = new PostgresEventStore({ pool });
  return {
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

function describe(address: StoreAddress): string {
  return `${address.kind} ${address.kind === 'postgres' ? redact(address.url) : redactKurrentDbUrl(address.url)}`;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function run(args: CopyArguments): Promise<number> {
  const source = await openStore(args.from, 'source');
  let target: OpenStore | undefined;
  try {
    target = await openStore(args.to, 'target');
    out(`${args.verifyOnly ? 'comparing' : 'copying'} ${describe(args.from)} -> ${describe(args.to)}`);
    if (!args.verifyOnly) {
      const started = performance.now();
      let lastReport = 0;
      const report = await copyEvents(source.store, target.store, {
        sourceKind: args.from.kind,
        pageSize: args.pageSize,
        onProgress: (progress) => {
          if (performance.now() - lastReport < 2000) return;
          lastReport = performance.now();
          out(`  ${progress.alreadyCopied} already in the target, ${progress.copied} copied so far`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      out(
        `copied ${report.copied} events in ${seconds.toFixed(1)} s (${report.alreadyCopied} were already there ` +
          `and checked; ${report.total} in all)`,
      );
    }
    const positions = args.positionsDatabase ? await readProcessorCursors(args.positionsDatabase) : [];
    const verified = await verifyCopy(source.store, target.store, {
      sourceKind: args.from.kind,
      pageSize: args.pageSize,
      cursorsToTranslate: new Set(positions.map((p) => p.cursor)),
    });
    out(
      `verified ${verified.events} events in ${verified.streams} streams: same order, ids, types, streams, versions, ` +
        `schema versions, data and metadata (sha256 ${verified.digest})`,
    );
    if (!args.positionsDatabase) {
      out('processor positions: not moved (give --positions-database to move them onto the target)');
      return 0;
    }
    const moved = await moveProcessorPositions(args.positionsDatabase, positions, verified.translated);
    if (moved.unknown.length > 0) {
      out(`processor positions NOT moved (none of them), these name no event of the source: ${moved.unknown.join(', ')}`);
      return 1;
    }
    out(`processor positions moved onto the target: ${moved.moved.join(', ') || 'none (no processor has read anything yet)'}`);
    return 0;
  } finally {
    await target?.close();
    await source.close();
  }
}

async function main(): Promise<number> {
  let args: CopyArguments | 'help';
  try {
    args = parseCopyArguments(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return refuseUsage('event-store:copy', error);
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await run(args);
  } catch (error) {
    if (error instanceof CopyFailure || error instanceof CopyMismatchError || error instanceof ProcessorPositionsError) {
      process.stderr.write(`event-store:copy failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main()
    .then((code) => process.exit(code))
    .catch((error) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
