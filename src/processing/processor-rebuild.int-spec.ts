import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Client, Pool } from 'pg';
import { DataSource, EntitySchema } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { EventStore, NewEvent, RecordedEvent } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { hostDecider, hostStreamId } from '../hosts/domain/host.decider';
import { OS_VERSIONS } from '../hosts/domain/windows-server';
import { HostReadModel } from '../hosts/projections/host-read-model.entity';
import { hostProjection } from '../hosts/projections/host.projection';
import { createClient, createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { DocumentProjection, documentProcessor } from './document-projection';
import { Processor } from './processor';
import { ProcessorHost } from './processor-host';
import { ProcessorPositions } from './processor-positions';
import { ProcessorRunner } from './processor-runner';
import { rebuildProcessor } from './processor-rebuild';
import { processorHasReached } from './processor-reach';

/**
 * A rebuild (rewind to zero and replay) reproduces exactly the read model that live processing
 * produced, whether the running service replays it or the rebuild replays it itself.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

const metadata = () => ({
  actor: 'test',
  role: 'test',
  correlationId: randomUUID(),
  causationId: null,
  requestId: null,
  idempotencyKey: null,
});

/** HostRegistered events exactly as the host decider produces them. */
function hostRegistered(index: number): { streamId: string; events: NewEvent[] } {
  const hostId = randomUUID();
  const events = hostDecider.decide(
    {
      type: 'RegisterHost',
      hostId,
      now: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      specification: {
        name: `hv${String(index).padStart(5, '0')}`,
        address: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
        osVersion: OS_VERSIONS[1 + (index % (OS_VERSIONS.length - 1))],
        slat: true,
        cpuVendor: index % 3 === 0 ? 'AMD' : 'Intel',
        logicalProcessors: 8 * (1 + (index % 16)),
        memoryMb: 65536 * (1 + (index % 8)),
        maximumLiveMigrations: index % 7 === 0 ? 4 : undefined,
      },
    },
    hostDecider.initialState,
  );
  return {
    streamId: hostStreamId(hostId),
    events: events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: 1,
      data: { ...e.data },
      metadata: metadata(),
    })),
  };
}

/**
 * A test projection that, unlike hosts, folds many events into one document, removes documents
 * and brings them back, so that batch boundaries (live: small batches; rebuild: large ones)
 * would show in the result if the fold depended on them.
 */
interface Counter {
  id: string;
  label: string;
  total: number;
  increments: number;
  generation: number;
  version: number;
  lastPosition: number;
}

const bigintAsNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

const CounterEntity = new EntitySchema<Counter>({
  name: 'TestCounter',
  tableName: 'rm_test_counters',
  columns: {
    id: { type: 'uuid', primary: true },
    label: { type: 'text' },
    total: { type: 'int' },
    increments: { type: 'int' },
    generation: { type: 'int' },
    version: { type: 'bigint', transformer: bigintAsNumber },
    lastPosition: { type: 'bigint', name: 'last_position', transformer: bigintAsNumber },
  },
});

const counterProjection: DocumentProjection<Counter> = {
  name: 'test-counters',
  entity: CounterEntity,
  eventTypes: ['CounterOpened', 'CounterIncremented', 'CounterClosed'],
  documentIds: (event) => [event.streamId.slice('counter-'.length)],
  evolve(document, event: RecordedEvent, id) {
    const stamp = { version: event.streamVersion, lastPosition: event.globalPosition };
    switch (event.type) {
      case 'CounterOpened':
        return {
          id,
          label: String(event.data.label),
          total: 0,
          increments: 0,
          generation: (document?.generation ?? 0) + 1,
          ...stamp,
        };
      case 'CounterIncremented':
        if (!document) return null;
        return { ...document, total: document.total + Number(event.data.by), increments: document.increments + 1, ...stamp };
      case 'CounterClosed':
        return null;
      default:
        return document;
    }
  },
};

/** Ten thousand small documents, each touched by one event: a batch touches as many as it has events. */
interface Item {
  id: string;
  name: string;
  size: number;
  colour: string;
  tag: string;
  version: number;
  lastPosition: number;
}

const ItemEntity = new EntitySchema<Item>({
  name: 'TestItem',
  tableName: 'rm_test_items',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    size: { type: 'int' },
    colour: { type: 'text' },
    tag: { type: 'text' },
    version: { type: 'bigint', transformer: bigintAsNumber },
    lastPosition: { type: 'bigint', name: 'last_position', transformer: bigintAsNumber },
  },
});

const itemProjection: DocumentProjection<Item> = {
  name: 'test-items',
  entity: ItemEntity,
  eventTypes: ['ItemAdded', 'ItemRemoved'],
  documentIds: (event) => [String(event.data.id)],
  evolve(_document, event, id) {
    if (event.type === 'ItemRemoved') return null;
    const d = event.data as Record<string, string & number>;
    return {
      id,
      name: d.name,
      size: d.size,
      colour: d.colour,
      tag: d.tag,
      version: event.streamVersion,
      lastPosition: event.globalPosition,
    };
  },
};

describe('processor rebuild', () => {
  let db: TestDatabase;
  let settings: DatabaseSettings;
  let dataSource: DataSource;
  let pool: Pool;
  let eventStore: PostgresEventStore;
  let admin: Client;
  const hosts = documentProcessor(hostProjection);
  const counters = documentProcessor(counterProjection);
  const connectClient = async () => {
    const client = createClient({ ...settings, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 });
    await client.connect();
    return client;
  };

  before(async () => {
    db = await createTestDatabase('rebuild');
    settings = { url: db.url, poolSize: 10, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 10_000 };
    // Thousands of single-stream appends: no need to wait for the disk on each commit here.
    const setup = createClient(settings);
    await setup.connect();
    await setup.query(`ALTER DATABASE ${db.name} SET synchronous_commit = off`);
    await setup.end();
    dataSource = createDataSource(settings, [HostReadModel, CounterEntity, ItemEntity]);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    await dataSource.query(`
      CREATE TABLE rm_test_counters (
        id uuid PRIMARY KEY, label text NOT NULL, total int NOT NULL, increments int NOT NULL,
        generation int NOT NULL, version bigint NOT NULL, last_position bigint NOT NULL)`);
    pool = createPool(settings, () => undefined);
    eventStore = new PostgresEventStore({ pool, connectListener: connectClient });
    admin = await connectClient();
  });

  after(async () => {
    await eventStore?.close();
    await admin?.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await dataSource?.destroy().catch(() => undefined);
    await db?.drop();
  });

  function startHost(processors: Processor[]): Promise<ProcessorHost> {
    const host = new ProcessorHost(processors, dataSource, eventStore, {
      batchSize: 97,
      pollMs: 200,
      standbyMs: 500,
      connectLeaderClient: connectClient,
      log: () => undefined,
    });
    return host.start().then(() => host);
  }

  async function appendHosts(from: number, count: number): Promise<void> {
    let next = from;
    const worker = async () => {
      while (next < from + count) {
        const { streamId, events } = hostRegistered(next++);
        await eventStore.append(streamId, events, 'no-stream');
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  /** Counters: opened, incremented several times, some closed and reopened, in interleaved appends. */
  async function appendCounters(count: number): Promise<void> {
    const ids = Array.from({ length: count }, () => randomUUID());
    const event = (type: string, data: Record<string, unknown>): NewEvent => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: metadata(),
    });
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        ids.map(async (id, i) => {
          const events: NewEvent[] = [];
          if (round === 0) events.push(event('CounterOpened', { label: `counter ${i}` }));
          if (round === 3 && i % 4 === 0) events.push(event('CounterClosed', {}));
          if (round === 4 && i % 8 === 0) events.push(event('CounterOpened', { label: `counter ${i}, again` }));
          events.push(event('CounterIncremented', { by: round * 10 + (i % 10) }));
          if (round === 5 && i % 5 === 0) events.push(event('CounterNoted', { note: 'not projected' }));
          await eventStore.append(`counter-${id}`, events, 'any');
        }),
      );
    }
  }

  const snapshot = async (table: string) => dataSource.query(`SELECT * FROM ${table} ORDER BY id`);

  async function waitForHead(names: string[]): Promise<void> {
    const head = await eventStore.headPosition();
    const positions = new ProcessorPositions(dataSource);
    // Reached in the store's reading order (transaction, then position): the event read last need not
    // be the one with the highest position, when concurrent writers committed out of position order.
    // A processor reads only its types, so it has reached the head when none of them lies before it.
    const reached = async (p: { name: string; cursor: string | null }) =>
      names.includes(p.name) && (await processorHasReached(eventStore, p.cursor, head, typesOf(p.name)));
    await eventually(
      async () => (await Promise.all((await positions.readAll()).map(reached))).filter(Boolean).length === names.length,
      // Generous: how fast a loaded machine replays is not what this test is about, exactness is.
      60_000,
      `${names.join(', ')} to reach ${head}`,
    );
  }

  async function hasReachedHead(name: string): Promise<boolean> {
    const position = await new ProcessorPositions(dataSource).read(name);
    return processorHasReached(eventStore, position?.cursor ?? null, await eventStore.headPosition(), typesOf(name));
  }

  function typesOf(name: string): readonly string[] | undefined {
    return [hosts, counters].find((processor) => processor.name === name)?.eventTypes;
  }

  /** Damage the read models, so that a rebuild that replays nothing would be noticed. */
  async function tamper(): Promise<void> {
    await dataSource.query(
      `UPDATE rm_hosts SET name = 'tampered', version = 99 WHERE id = (SELECT id FROM rm_hosts ORDER BY id LIMIT 1)`,
    );
    await dataSource.query(`DELETE FROM rm_hosts WHERE id = (SELECT id FROM rm_hosts ORDER BY id DESC LIMIT 1)`);
    await dataSource.query(
      `INSERT INTO rm_hosts SELECT $1, name, address, os_version, slat, cpu_vendor, logical_processors, memory_mb,
              memory_used_mb, maximum_live_migrations, state, cluster_id, registered_at, version, last_position
         FROM rm_hosts LIMIT 1`,
      [randomUUID()],
    );
    await dataSource.query(`UPDATE rm_test_counters SET total = total + 1`);
  }

  it('refuses to rebuild a processor without reset(), touching nothing', async () => {
    const table = 'applied_no_reset';
    await dataSource.query(`CREATE TABLE ${table} (event_id uuid NOT NULL)`);
    const dispatcher: Processor = {
      name: 'test-dispatcher',
      async handle(events, tx) {
        for (const event of events) await tx.query(`INSERT INTO ${table} VALUES ($1)`, [event.eventId]);
      },
    };
    for (let i = 0; i < 5; i++) {
      const events = Array.from({ length: 4 }, (): NewEvent => ({
        eventId: randomUUID(),
        type: 'Pinged',
        schemaVersion: 1,
        data: {},
        metadata: metadata(),
      }));
      await eventStore.append(`pings-${i}`, events, 'any');
    }
    const host = await startHost([dispatcher]);
    try {
      await waitForHead(['test-dispatcher']);
    } finally {
      await host.stop();
    }
    const positions = new ProcessorPositions(dataSource);
    const before = await positions.read('test-dispatcher');
    const [{ n: rowsBefore }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(rowsBefore).toBe(20);

    await expect(rebuildProcessor(dispatcher, dataSource, eventStore, connectClient, { batchSize: 100 })).rejects.toThrow(
      'test-dispatcher has effects outside its tables and cannot be rebuilt',
    );

    expect(await positions.read('test-dispatcher')).toEqual(before);
    const [{ n: rowsAfter }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(rowsAfter).toBe(rowsBefore);
  });

  it('reproduces the live read models exactly, replayed by the running service and then by the rebuild itself', async () => {
    const host = await startHost([hosts, counters]);
    let live: { hosts: unknown[]; counters: unknown[] };
    try {
      // Live processing in small batches while the events arrive.
      await Promise.all([appendHosts(0, 2500), appendCounters(100)]);
      await appendHosts(2500, 500);
      await waitForHead(['hosts', 'test-counters']);
      live = { hosts: await snapshot('rm_hosts'), counters: await snapshot('rm_test_counters') };
      expect(live.hosts.length).toBe(3000);
      // 100 opened, 25 (i % 4 = 0) closed, 13 of those (i % 8 = 0) reopened.
      expect(live.counters.length).toBe(100 - 25 + 13);
      const [{ n: distinct }] = await dataSource.query('SELECT count(DISTINCT total)::int AS n FROM rm_test_counters');
      expect(distinct).toBeGreaterThan(1);

      // The service is running: the rebuild rewinds and the running service replays.
      await tamper();
      expect(await snapshot('rm_hosts')).not.toEqual(live.hosts);
      const byService = await rebuildProcessor(hosts, dataSource, eventStore, connectClient, {
        batchSize: 5000,
        timeoutMs: 20_000,
      });
      expect(byService.replayedBy).toBe('the running service');
      expect(await hasReachedHead('hosts')).toBe(true);
      expect(host.runningHere()).toEqual(['hosts', 'test-counters']);
      expect(await snapshot('rm_hosts')).toEqual(live.hosts);

      const countersByService = await rebuildProcessor(counters, dataSource, eventStore, connectClient, {
        batchSize: 5000,
        timeoutMs: 20_000,
      });
      expect(countersByService.replayedBy).toBe('the running service');
      expect(await snapshot('rm_test_counters')).toEqual(live.counters);
    } finally {
      await host.stop();
    }

    // Nobody runs the projections: the rebuild replays them itself, in large batches.
    await tamper();
    const here = await rebuildProcessor(hosts, dataSource, eventStore, connectClient, { batchSize: 5000 });
    expect(here.replayedBy).toBe('this process');
    // It reads only the event types it handles; its position still ends at the head.
    expect(here.eventsRead).toBe(
      Number((await admin.query('SELECT count(*) FROM fm_events WHERE type = ANY($1)', [hosts.eventTypes])).rows[0].count),
    );
    expect(await hasReachedHead('hosts')).toBe(true);
    expect(await snapshot('rm_hosts')).toEqual(live.hosts);

    const countersHere = await rebuildProcessor(counters, dataSource, eventStore, connectClient, { batchSize: 5000 });
    expect(countersHere.replayedBy).toBe('this process');
    expect(await snapshot('rm_test_counters')).toEqual(live.counters);

    // The positions count the projected events, as live processing did.
    const positions = await new ProcessorPositions(dataSource).readAll();
    const [{ n: hostEvents }] = await dataSource.query(`SELECT count(*)::int AS n FROM fm_events WHERE type = 'HostRegistered'`);
    expect(positions.find((p) => p.name === 'hosts')?.eventsProcessed).toBe(hostEvents);

    // The rebuild released its lock: a service started now runs the projections again.
    const after = await startHost([hosts, counters]);
    try {
      expect(after.runningHere()).toEqual(['hosts', 'test-counters']);
      await appendHosts(3000, 10);
      await waitForHead(['hosts']);
      expect((await snapshot('rm_hosts')).length).toBe(3010);
    } finally {
      await after.stop();
    }
  });

  it('abandons a live batch that read its events before a rebuild rewound the position', async () => {
    const table = 'applied_rewound';
    await dataSource.query(`CREATE TABLE ${table} (event_id uuid NOT NULL, global_position bigint NOT NULL)`);
    const processor: Processor = {
      name: 'test-rewound',
      async handle(events, tx) {
        await tx.query(`INSERT INTO ${table} SELECT * FROM unnest($1::uuid[], $2::bigint[])`, [
          events.map((e) => e.eventId),
          events.map((e) => e.globalPosition),
        ]);
      },
      async reset(tx) {
        await tx.query(`TRUNCATE ${table}`);
      },
    };
    // The live runner reads through a store that can hold a read back, as a slow read would.
    let gate: Promise<void> | null = null;
    let readHeld: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (readHeld = resolve));
    const slowStore: EventStore = {
      append: (...args) => eventStore.append(...args),
      appendMany: (...args) => eventStore.appendMany(...args),
      readCommand: (...args) => eventStore.readCommand(...args),
      readForDecision: (...args) => eventStore.readForDecision(...args),
      readStream: (...args) => eventStore.readStream(...args),
      readAll: async (options) => {
        const result = await eventStore.readAll(options);
        if (gate) {
          readHeld();
          await gate;
        }
        return result;
      },
      cursorOfPosition: (position) => eventStore.cursorOfPosition(position),
      hasReached: (cursor, position) => eventStore.hasReached(cursor, position),
      headPosition: () => eventStore.headPosition(),
      onAppended: (listener) => eventStore.onAppended(listener),
      close: async () => undefined,
    };
    const positions = new ProcessorPositions(dataSource);
    await positions.ensure(processor.name);
    const live = new ProcessorRunner(processor, dataSource, slowStore, positions, {
      batchSize: 5000,
      pollMs: 100,
      onError: () => undefined,
    });
    while ((await live.runBatch()) !== 0);
    await eventStore.append(
      `pings-${randomUUID()}`,
      Array.from({ length: 5 }, () => ({
        eventId: randomUUID(),
        type: 'Pinged',
        schemaVersion: 1,
        data: {},
        metadata: metadata(),
      })),
      'any',
    );

    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    const inFlight = live.runBatch();
    await held;
    // The live batch has read the 5 new events after its old position; now a rebuild rewinds
    // and replays everything (nobody holds the processor's lock, so it replays here).
    const rebuilt = await rebuildProcessor(processor, dataSource, eventStore, connectClient, { batchSize: 5000 });
    expect(rebuilt.replayedBy).toBe('this process');
    release();
    expect(await inFlight).toBe(-1);

    const [{ rows, distinct }] = await dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM ${table}`,
    );
    const [{ n: events }] = await dataSource.query('SELECT count(*)::int AS n FROM fm_events');
    expect({ rows, distinct }).toEqual({ rows: events, distinct: events });
    expect((await positions.read(processor.name))?.globalPosition).toBe(await eventStore.headPosition());
  });

  it('applies batches of the largest configured size that touch 10,000 documents each', async () => {
    // PROCESSOR_BATCH_SIZE allows 10,000; a statement carries at most 65,535 parameters.
    await dataSource.query(`
      CREATE TABLE rm_test_items (
        id uuid PRIMARY KEY, name text NOT NULL, size int NOT NULL, colour text NOT NULL,
        tag text NOT NULL, version bigint NOT NULL, last_position bigint NOT NULL)`);
    const projection = documentProcessor(itemProjection);
    const batchSizes: number[] = [];
    const items: Processor = {
      ...projection,
      handle: (events, tx) => {
        batchSizes.push(events.length);
        return projection.handle(events, tx);
      },
    };
    // A projection added to a running system: it starts after the events already stored.
    const positions = new ProcessorPositions(dataSource);
    await positions.ensure(items.name);
    const head = await eventStore.headPosition();
    const headCursor = await eventStore.cursorOfPosition(head);
    await dataSource.transaction((tx) => positions.advance(tx, items.name, headCursor!, head, 0));
    const runner = new ProcessorRunner(items, dataSource, eventStore, positions, {
      batchSize: 10_000,
      pollMs: 100,
      onError: () => undefined,
    });

    const total = 10_000;
    const ids = Array.from({ length: total }, () => randomUUID());
    const append = async (events: NewEvent[]) => {
      for (let i = 0; i < events.length; i += 2500) await eventStore.append('items-1', events.slice(i, i + 2500), 'any');
    };
    const event = (type: string, data: Record<string, unknown>): NewEvent => ({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: metadata(),
    });
    // Readers stop before the oldest running transaction (of the whole cluster): wait until the
    // whole batch is visible, so that one batch really carries all of it.
    const visible = async () => {
      const position = await positions.read(items.name);
      await eventually(
        async () => (await eventStore.readAll({ after: position!.cursor, limit: total })).events.length === total,
        10_000,
        'the appended events',
      );
    };
    await append(
      ids.map((id, i) =>
        event('ItemAdded', { id, name: `item ${i}`, size: i, colour: i % 2 ? 'red' : 'blue', tag: `t${i % 13}` }),
      ),
    );
    await visible();
    expect(await runner.runBatch()).toBe(total);
    // One batch carried more documents than one statement can (7 columns each).
    expect(batchSizes).toEqual([total]);
    const [{ n, sizes }] = await dataSource.query('SELECT count(*)::int AS n, sum(size)::bigint AS sizes FROM rm_test_items');
    expect(n).toBe(total);
    expect(Number(sizes)).toBe((total * (total - 1)) / 2);

    await append(ids.map((id) => event('ItemRemoved', { id })));
    await visible();
    expect(await runner.runBatch()).toBe(total);
    expect(batchSizes).toEqual([total, total]);
    expect((await dataSource.query('SELECT count(*)::int AS n FROM rm_test_items'))[0].n).toBe(0);
    expect((await positions.read(items.name))?.globalPosition).toBe(await eventStore.headPosition());
  });
});
