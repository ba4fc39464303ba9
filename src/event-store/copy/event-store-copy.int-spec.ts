import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../../platform/database';
import { newEvent, newStreamId, readEverything } from '../event-store.contract';
import { EventStore, RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { copyEvents, verifyCopy } from './event-store-copy';

/**
 * `npm run event-store:copy` between two real PostgreSQL databases (what runs on any machine).
 * Copies to and from a KurrentDB server are the same code with the KurrentDB adapter, whose
 * contract runs only with KURRENTDB_URL.
 */
const CLI = path.resolve(__dirname, 'event-store-copy.cli.js');
const databases: TestDatabase[] = [];

after(async () => {
  for (const database of databases) await database.drop();
});

interface OpenDatabase {
  url: string;
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

async function freshDatabase(label: string, migrated = true): Promise<OpenDatabase> {
  const database = await createTestDatabase(label);
  databases.push(database);
  const settings: DatabaseSettings = {
    url: database.url,
    poolSize: 4,
    statementTimeoutMs: 30_000,
    idleInTransactionTimeoutMs: 30_000,
  };
  if (migrated) {
    const dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings).finally(() => dataSource.destroy());
  }
  const pool = createPool(settings, () => undefined);
  const store = new PostgresEventStore({ pool });
  return {
    url: database.url,
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

/** Interleaved streams, single and multi-event appends, enough events for several pages. */
async function seed(store: EventStore, rounds: number): Promise<RecordedEvent[]> {
  const streams = Array.from({ length: 5 }, () => newStreamId());
  const written: RecordedEvent[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [index, streamId] of streams.entries()) {
      const events = Array.from({ length: 1 + ((round + index) % 4) }, () =>
        newEvent('TestSeeded', { round, nested: { zeta: [1, 2.5, null], alpha: 'Grüße, 東京 🚀' } }, { requestId: `r-${round}` }),
      );
      written.push(...(await store.append(streamId, events, 'any')).events);
    }
  }
  return written;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('event-store:copy, PostgreSQL to PostgreSQL', () => {
  it('copies every event in order, verifies the copy, and on a re-run copies only what is new', async () => {
    const source = await freshDatabase('copy_source');
    const target = await freshDatabase('copy_target');
    try {
      const original = await seed(source.store, 60);
      const first = await copyEvents(source.store, target.store, { sourceKind: 'postgres', pageSize: 97, maxAppendEvents: 3 });
      expect(first).toEqual({ alreadyCopied: 0, copied: original.length, total: original.length });

      const copied = await readEverything(target.store, 500);
      expect(copied.map((e) => [e.eventId, e.streamId, e.streamVersion, e.type, e.schemaVersion])).toEqual(
        original.map((e) => [e.eventId, e.streamId, e.streamVersion, e.type, e.schemaVersion]),
      );
      copied.forEach((copy, i) => {
        expect(copy.data).toEqual(original[i].data);
        expect(copy.metadata).toEqual({
          ...original[i].metadata,
          copiedFrom: {
            store: 'postgres',
            globalPosition: original[i].globalPosition,
            recordedAt: original[i].recordedAt.toISOString(),
          },
        });
      });
      const verified = await verifyCopy(source.store, target.store, { sourceKind: 'postgres', pageSize: 128 });
      expect(verified).toMatchObject({ events: original.length, streams: 5 });

      expect(await copyEvents(source.store, target.store, { sourceKind: 'postgres' })).toMatchObject({ copied: 0 });
      const more = await seed(source.store, 3);
      const delta = await copyEvents(source.store, target.store, { sourceKind: 'postgres', pageSize: 50 });
      expect(delta).toEqual({ alreadyCopied: original.length, copied: more.length, total: original.length + more.length });
      const again = await verifyCopy(source.store, target.store, { sourceKind: 'postgres' });
      expect(again.events).toBe(original.length + more.length);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('the command copies into an empty database, verifies, moves processor positions, and re-runs as a no-op', async () => {
    const source = await freshDatabase('cli_source');
    const target = await freshDatabase('cli_target', false);
    try {
      const original = await seed(source.store, 20);
      const processed = original[41];
      await source.pool.query(
        `INSERT INTO fm_processor_positions (name, cursor, global_position) VALUES ('hosts', $1, $2), ('idle', NULL, 0)`,
        [processed.cursor, processed.globalPosition],
      );
      const args = ['--from', 'postgres', '--from-url', source.url, '--to', 'postgres', '--to-url', target.url];

      const run = await runCli([...args, '--positions-database', source.url, '--page-size', '64']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^copying postgres postgres:\/\/.*_cli_source_.* -> postgres postgres:\/\/.*_cli_target_/);
      expect(run.stdout).toContain(`copied ${original.length} events in `);
      expect(run.stdout).toMatch(
        new RegExp(`verified ${original.length} events in 5 streams: same order, .* \\(sha256 [0-9a-f]{64}\\)`),
      );
      expect(lines[lines.length - 1]).toBe('processor positions moved onto the target: hosts');

      const copies = await readEverything(target.store, 1000);
      const copyOfProcessed = copies.find((e) => e.eventId === processed.eventId)!;
      const { rows } = await source.pool.query('SELECT name, cursor, global_position FROM fm_processor_positions ORDER BY name');
      expect(rows).toEqual([
        { name: 'hosts', cursor: copyOfProcessed.cursor, global_position: String(copyOfProcessed.globalPosition) },
        { name: 'idle', cursor: null, global_position: '0' },
      ]);

      const rerun = await runCli(args);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toContain(`copied 0 events in `);
      expect(rerun.stdout).toContain(`(${original.length} were already there and checked; ${original.length} in all)`);
      expect(rerun.stdout).toContain('processor positions: not moved');

      // Moved positions name no source event any more: a second move changes nothing and says so.
      const moveAgain = await runCli([...args, '--verify-only', '--positions-database', source.url]);
      expect(moveAgain.code).toBe(1);
      expect(moveAgain.stdout).toContain(
        'processor positions NOT moved (none of them), these name no event of the source: hosts',
      );
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('the command refuses a target with other events, and explains its usage', async () => {
    const source = await freshDatabase('refuse_source');
    const target = await freshDatabase('refuse_target');
    try {
      await seed(source.store, 2);
      await target.store.append(newStreamId(), [newEvent()], 'no-stream');
      const refused = await runCli(['--from', 'postgres', '--from-url', source.url, '--to', 'postgres', '--to-url', target.url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^event-store:copy failed: The target's event #1 is not a copy of the source's \(event id .*\): copy into an empty store\n$/,
      );
      expect(await readEverything(target.store, 100)).toHaveLength(1);

      const usage = await runCli(['--from', 'postgres']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toBe('event-store:copy: --to is required (--help shows the usage)\n');

      const unreachable = await runCli([
        '--from',
        'postgres',
        '--from-url',
        source.url,
        '--to',
        'kurrentdb',
        '--to-url',
        'kurrentdb://127.0.0.1:1?tls=false',
      ]);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toBe(
        'event-store:copy failed: target: Cannot reach KurrentDB at kurrentdb://127.0.0.1:1?tls=false (unavailable): start it or set KURRENTDB_URL\n',
      );
    } finally {
      await source.close();
      await target.close();
    }
  });
});
