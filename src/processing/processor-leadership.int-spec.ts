import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { NewEvent } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { Processor } from './processor';
import { ProcessorHost } from './processor-host';
import { ProcessorPositions } from './processor-positions';

/**
 * Two processes (two ProcessorHosts with their own pools, event stores and lock connections)
 * run the same processors against one database: each processor runs in exactly one of them,
 * and when the leader's lock connection dies or the leader stops, the other takes over and
 * continues without applying an event twice or skipping one.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

const PROCESSORS = ['lead-alpha', 'lead-beta', 'lead-gamma'];
const STANDBY_MS = 200;

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'Ticked',
  schemaVersion: 1,
  data: { n },
  metadata: {
    actor: 'test',
    role: 'test',
    correlationId: randomUUID(),
    causationId: null,
    requestId: null,
    idempotencyKey: null,
  },
});

/** One "process": its own pool, data source, event store, host and lock connections. */
interface Node {
  label: string;
  host: ProcessorHost;
  dataSource: DataSource;
  pool: Pool;
  eventStore: PostgresEventStore;
  /** Backend pids of the lock connections this node opened, newest last. */
  leaderPids: number[];
  /** While true, this node cannot reach PostgreSQL for a new lock connection. */
  partitioned: boolean;
  /** Batches handled here, per processor. */
  batches: Map<string, number>;
  /** Processors whose handle() is running here right now. */
  active: Set<string>;
  close(): Promise<void>;
}

describe('processor host: one runner per processor across processes', () => {
  let db: TestDatabase;
  let settings: DatabaseSettings;
  let admin: Client;
  let writerPool: Pool;
  let writer: PostgresEventStore;
  const nodes: Node[] = [];
  /** handle() calls that overlapped with the same processor's handle() in another node. */
  const overlaps: string[] = [];

  before(async () => {
    db = await createTestDatabase('leadership');
    settings = { url: db.url, poolSize: 5, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 10_000 };
    const migrator = createDataSource(settings, []);
    await migrator.initialize();
    await migrate(migrator, settings);
    await migrator.query(
      `CREATE TABLE applied_lead (processor text NOT NULL, event_id uuid NOT NULL, global_position bigint NOT NULL, node text NOT NULL)`,
    );
    await migrator.destroy();
    admin = createClient({ ...settings, statementTimeoutMs: 0 });
    await admin.connect();
    writerPool = createPool(settings, () => undefined);
    writer = new PostgresEventStore({ pool: writerPool });
  });

  after(async () => {
    for (const node of nodes) await node.close().catch(() => undefined);
    await writer?.close();
    await writerPool?.end().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await db?.drop();
  });

  async function startNode(label: string): Promise<Node> {
    const dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    const pool = createPool(settings, () => undefined);
    const eventStore = new PostgresEventStore({ pool });
    const node = {
      label,
      dataSource,
      pool,
      eventStore,
      leaderPids: [],
      partitioned: false,
      batches: new Map(),
      active: new Set(),
    } as unknown as Node;
    const processors: Processor[] = PROCESSORS.map((name) => ({
      name,
      async handle(events, tx) {
        for (const other of nodes) {
          if (other !== node && other.active.has(name)) overlaps.push(`${name}: ${other.label} and ${label}`);
        }
        node.active.add(name);
        try {
          node.batches.set(name, (node.batches.get(name) ?? 0) + 1);
          await tx.query(
            `INSERT INTO applied_lead (processor, event_id, global_position, node)
             SELECT $1, e.id, e.pos, $2 FROM unnest($3::uuid[], $4::bigint[]) AS e(id, pos)`,
            [name, label, events.map((e) => e.eventId), events.map((e) => e.globalPosition)],
          );
          // Keep batches busy for a moment, so that hand-overs happen while batches run.
          await sleep(5);
        } finally {
          node.active.delete(name);
        }
      },
    }));
    node.host = new ProcessorHost(processors, dataSource, eventStore, {
      batchSize: 20,
      pollMs: 100,
      standbyMs: STANDBY_MS,
      log: () => undefined,
      connectLeaderClient: async () => {
        if (node.partitioned) throw new Error(`${label} cannot reach PostgreSQL`);
        const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
        await client.connect();
        const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
        node.leaderPids.push(rows[0].pid);
        return client;
      },
    });
    node.close = async () => {
      await node.host.stop();
      await eventStore.close();
      await pool.end().catch(() => undefined);
      await dataSource.destroy().catch(() => undefined);
    };
    nodes.push(node);
    return node;
  }

  /** Keeps appending events (a few per append) until stopped. */
  function keepAppending(): { stop: () => Promise<number> } {
    let running = true;
    let count = 0;
    const loop = (async () => {
      while (running) {
        const events = [event(++count), event(++count), event(++count)];
        await writer.append(`ticks-${count % 5}`, events, 'any');
        await sleep(10);
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return count;
      },
    };
  }

  const runners = (node: Node) => [...node.host.runningHere()].sort();

  /** Waits until every processor has reached the head, then checks each event once per processor. */
  async function expectExactlyOnce(): Promise<void> {
    const head = await writer.headPosition();
    const positions = new ProcessorPositions(nodes[0].dataSource);
    await eventually(
      async () => (await positions.readAll()).every((p) => !PROCESSORS.includes(p.name) || p.globalPosition >= head),
      15_000,
      `every processor to reach ${head}`,
    );
    const [{ events }] = await admin.query('SELECT count(*)::int AS events FROM fm_events').then((r) => r.rows);
    const { rows } = await admin.query(
      `SELECT processor, count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct_events
         FROM applied_lead GROUP BY processor ORDER BY processor`,
    );
    expect(rows).toEqual([...PROCESSORS].sort().map((processor) => ({ processor, rows: events, distinct_events: events })));
    const { rows: missing } = await admin.query(
      `SELECT p.name, count(*)::int AS missing FROM fm_events e CROSS JOIN unnest($1::text[]) AS p(name)
        WHERE NOT EXISTS (SELECT 1 FROM applied_lead a WHERE a.processor = p.name AND a.event_id = e.event_id)
        GROUP BY p.name`,
      [PROCESSORS],
    );
    expect(missing).toEqual([]);
  }

  it('elects exactly one runner per processor, hands over when the leader dies or stops, and applies every event once', async () => {
    const a = await startNode('A');
    const b = await startNode('B');
    await Promise.all([a.host.start(), b.host.start()]);

    // Exactly one of the two runs each processor, and keeps doing so over several standby rounds.
    for (let round = 0; round < 3; round++) {
      expect([...runners(a), ...runners(b)].sort()).toEqual([...PROCESSORS].sort());
      await sleep(STANDBY_MS);
    }

    const appender = keepAppending();
    try {
      await eventually(
        () => PROCESSORS.every((p) => (a.batches.get(p) ?? 0) + (b.batches.get(p) ?? 0) > 2),
        10_000,
        'batches on every processor',
      );
      // Nobody runs a processor it does not hold.
      for (const node of [a, b]) {
        for (const [name] of node.batches) expect(runners(node)).toContain(name);
      }

      // 1. The lock connection of the node that runs the most processors dies; that node cannot
      //    reconnect for now (a network partition), so the other one must take everything over.
      const [leader, standby] = runners(a).length >= runners(b).length ? [a, b] : [b, a];
      expect(runners(leader).length).toBeGreaterThan(0);
      leader.partitioned = true;
      const pid = leader.leaderPids[leader.leaderPids.length - 1];
      const { rows } = await admin.query('SELECT pg_terminate_backend($1, 5000) AS done', [pid]);
      expect(rows[0].done).toBe(true);
      await eventually(() => runners(leader).length === 0, 3_000, `${leader.label} to stand down`);
      await eventually(() => runners(standby).length === PROCESSORS.length, 5_000, `${standby.label} to take over`);
      const takenOver = new Map(PROCESSORS.map((p) => [p, standby.batches.get(p) ?? 0]));
      await eventually(
        () => PROCESSORS.every((p) => (standby.batches.get(p) ?? 0) > takenOver.get(p)! + 2),
        5_000,
        'the new leader to continue',
      );

      // 2. The partition heals: the old leader reconnects, but only as a standby.
      leader.partitioned = false;
      await eventually(() => leader.leaderPids.length >= 2, 3_000, `${leader.label} to reconnect`);
      await sleep(STANDBY_MS * 3);
      expect(runners(leader)).toEqual([]);
      expect(runners(standby)).toEqual([...PROCESSORS].sort());

      // 3. The current leader stops cleanly; the other one takes over again.
      const before = new Map(PROCESSORS.map((p) => [p, leader.batches.get(p) ?? 0]));
      await standby.host.stop();
      expect(runners(standby)).toEqual([]);
      await eventually(() => runners(leader).length === PROCESSORS.length, 5_000, `${leader.label} to take over again`);
      await eventually(
        () => PROCESSORS.every((p) => (leader.batches.get(p) ?? 0) > before.get(p)! + 2),
        5_000,
        'the old leader to continue',
      );
    } finally {
      await appender.stop();
    }

    await expectExactlyOnce();
    // handle() runs under the position row lock, so even during a hand-over the two nodes never
    // ran a batch of the same processor at the same time.
    expect(overlaps).toEqual([]);
  });
});
