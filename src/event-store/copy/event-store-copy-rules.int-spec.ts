import { after, describe, it } from 'node:test';
import { expect } from 'expect';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../../platform/database';
import { newEvent, newStreamId, readEverything } from '../event-store.contract';
import { EventStore, RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { canonicalJson, copiedMetadataOf, copyEvents, CopyMismatchError, differenceOfCopy, verifyCopy } from './event-store-copy';

/**
 * The copy's rules between real PostgreSQL stores (each test its own databases). The copy only
 * speaks the event-store port, so the same rules hold for KurrentDB, whose adapter passes the
 * contract when KURRENTDB_URL names a server.
 */
const opened: Array<{ database: TestDatabase; close(): Promise<void> }> = [];

after(async () => {
  for (const { database, close } of opened) {
    await close();
    await database.drop();
  }
});

async function store(): Promise<EventStore> {
  const database = await createTestDatabase('copy_rules');
  const settings: DatabaseSettings = {
    url: database.url,
    poolSize: 4,
    statementTimeoutMs: 30_000,
    idleInTransactionTimeoutMs: 30_000,
  };
  const dataSource = createDataSource(settings, []);
  await dataSource.initialize();
  await migrate(dataSource, settings).finally(() => dataSource.destroy());
  const pool = createPool(settings, () => undefined);
  const eventStore = new PostgresEventStore({ pool });
  opened.push({
    database,
    close: async () => {
      await eventStore.close();
      await pool.end();
    },
  });
  return eventStore;
}

async function seed(target: EventStore, streams = 3, rounds = 4): Promise<RecordedEvent[]> {
  const ids = Array.from({ length: streams }, () => newStreamId());
  const written: RecordedEvent[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const streamId of ids) {
      const events = Array.from({ length: 1 + (round % 3) }, () => newEvent('TestSeeded', { round, text: 'Grüße 🚀' }));
      written.push(...(await target.append(streamId, events, 'any')).events);
    }
  }
  return written;
}

describe('event-store copy', () => {
  it('copies every event in order with ids, versions, data and metadata, and records where it came from', async () => {
    const [source, target] = await Promise.all([store(), store()]);
    const original = await seed(source);
    const report = await copyEvents(source, target, { sourceKind: 'postgres', maxAppendEvents: 2 });
    expect(report).toEqual({ alreadyCopied: 0, copied: original.length, total: original.length });

    const copied = await readEverything(target, 7);
    expect(copied.map((e) => [e.eventId, e.streamId, e.streamVersion, e.type])).toEqual(
      original.map((e) => [e.eventId, e.streamId, e.streamVersion, e.type]),
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
    const verified = await verifyCopy(source, target, { sourceKind: 'postgres', pageSize: 5 });
    expect(verified).toMatchObject({ events: original.length, streams: 3 });
  });

  it('continues where an earlier run stopped, and copies nothing twice', async () => {
    const [source, target] = await Promise.all([store(), store()]);
    await seed(source);
    await copyEvents(source, target, { sourceKind: 'kurrentdb' });
    const again = await copyEvents(source, target, { sourceKind: 'kurrentdb' });
    expect(again.copied).toBe(0);
    const more = await seed(source, 2, 2);
    const delta = await copyEvents(source, target, { sourceKind: 'kurrentdb', pageSize: 3 });
    expect(delta.copied).toBe(more.length);
    expect(delta.alreadyCopied).toBe(delta.total - more.length);
    await verifyCopy(source, target, { sourceKind: 'kurrentdb' });
  });

  it('refuses a target that holds other events, before writing anything', async () => {
    const [source, target] = await Promise.all([store(), store()]);
    await seed(source);
    await target.append(newStreamId(), [newEvent()], 'no-stream');
    await expect(copyEvents(source, target, { sourceKind: 'postgres' })).rejects.toThrow(CopyMismatchError);
    expect(await readEverything(target, 100)).toHaveLength(1);
  });

  it('refuses a target that holds more than the copy', async () => {
    const [source, target] = await Promise.all([store(), store()]);
    await seed(source, 1, 1);
    await copyEvents(source, target, { sourceKind: 'postgres' });
    const [first] = await readEverything(target, 1);
    await target.append(first.streamId, [newEvent()], 'any');
    await expect(copyEvents(source, target, { sourceKind: 'postgres' })).rejects.toThrow(/holds events the source does not have/);
    await expect(verifyCopy(source, target, { sourceKind: 'postgres' })).rejects.toThrow(/more events than the source/);
  });

  it('keeps the first origin of a copy of a copy', async () => {
    const [source, middle, target] = await Promise.all([store(), store(), store()]);
    await seed(source, 1, 1);
    await copyEvents(source, middle, { sourceKind: 'postgres' });
    await copyEvents(middle, target, { sourceKind: 'kurrentdb' });
    const [fromMiddle] = await readEverything(middle, 1);
    const [fromTarget] = await readEverything(target, 1);
    expect(fromTarget.metadata.copiedFrom).toEqual(fromMiddle.metadata.copiedFrom);
    expect((fromTarget.metadata.copiedFrom as { store: string }).store).toBe('postgres');
  });

  it('translates source cursors into the cursors of their copies while verifying', async () => {
    const [source, target] = await Promise.all([store(), store()]);
    const original = await seed(source);
    await copyEvents(source, target, { sourceKind: 'kurrentdb' });
    const copies = await readEverything(target, 100);
    const wanted = new Set([original[3].cursor, original[original.length - 1].cursor]);
    const { translated } = await verifyCopy(source, target, { sourceKind: 'kurrentdb', cursorsToTranslate: wanted });
    expect(translated.get(original[3].cursor)).toEqual({ cursor: copies[3].cursor, globalPosition: copies[3].globalPosition });
    expect(translated.size).toBe(2);
  });

  it('names the first difference between an event and its supposed copy', () => {
    const event = { ...newEvent(), streamId: 's', streamVersion: 1, globalPosition: 7, recordedAt: new Date(0), cursor: 'c' };
    const copy = { ...event, metadata: copiedMetadataOf(event, 'postgres') };
    expect(differenceOfCopy(event, copy, 'postgres')).toBeNull();
    expect(differenceOfCopy(event, { ...copy, eventId: copy.eventId.toUpperCase() }, 'postgres')).toBeNull();
    expect(differenceOfCopy(event, { ...copy, streamVersion: 2 }, 'postgres')).toBe(
      'stream version 1 in the source, 2 in the target',
    );
    expect(differenceOfCopy(event, { ...copy, data: { other: 1 } }, 'postgres')).toMatch(/the data of event .* differs/);
    expect(differenceOfCopy(event, { ...copy, metadata: event.metadata }, 'postgres')).toMatch(
      /the metadata of event .* differs/,
    );
  });

  it('hashes JSON by value, whatever order the keys come in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'é' }], c: true }, skipped: undefined })).toBe(
      '{"a":{"c":true,"d":[1,{"y":"é","z":null}]},"b":1}',
    );
  });
});
