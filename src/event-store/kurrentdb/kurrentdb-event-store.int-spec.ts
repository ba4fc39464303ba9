import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'expect';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { eventStoreContract, newEvent, newStreamId, readEverything, settle, waitFor } from '../event-store.contract';
import { UpcasterRegistry } from '../upcasting';
import { openKurrentDbEventStore } from './kurrentdb-connection';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The KurrentDB adapter against a real server, when KURRENTDB_URL names one (for instance
 * `kurrentdb://127.0.0.1:2113?tls=false` for `docker run -p 2113:2113 -e KURRENTDB_INSECURE=true
 * kurrentplatform/kurrentdb:26.1.1`).
 * A server cannot be made fresh per run like a PostgreSQL database, so every test writes streams of
 * its own; give the suite a server nothing else writes to (the head position checks assume it).
 *
 * Without KURRENTDB_URL the file says so in a test of its own, named so that it stands out in the
 * output: the contract was not exercised.
 */
const url = process.env.KURRENTDB_URL;

if (!url) {
  describe('KurrentDB event store', () => {
    it('KurrentDB contract NOT exercised: KURRENTDB_URL is not set (set it to a KurrentDB server to run it)', (t) => {
      const notice = 'KurrentDB contract NOT exercised: KURRENTDB_URL is not set';
      t.diagnostic(notice);
      process.stdout.write(`\n*** ${notice} ***\n\n`);
      expect(process.env.KURRENTDB_URL ?? '').toBe('');
    });
  });
} else {
  const serverUrl = url;
  eventStoreContract(
    'KurrentDB',
    async () => {
      const store = await openKurrentDbEventStore(serverUrl);
      return { store, teardown: () => store.close() };
    },
    { eventIdsUniqueAcrossStreams: false, multiStreamAppendAtomic: false },
  );

  describe('KurrentDbEventStore: KurrentDB specifics', () => {
    let store: KurrentDbEventStore;
    let raw: KurrentDBClient;

    before(async () => {
      store = await openKurrentDbEventStore(serverUrl);
      raw = KurrentDBClient.connectionString(serverUrl);
    });

    after(async () => {
      await store?.close();
      await raw?.dispose();
    });

    it("keeps KurrentDB's own events out of readAll, the head position and cursors", async () => {
      const mine = await store.append(newStreamId(), [newEvent()], 'no-stream');
      await raw.appendToStream(`$fm-test-${randomUUID()}`, {
        id: randomUUID(),
        contentType: 'application/json',
        type: 'SystemLookalikeHappened',
        data: {},
        metadata: undefined,
      });
      const linkStream = newStreamId();
      await raw.appendToStream(linkStream, {
        id: randomUUID(),
        contentType: 'application/json',
        type: '$test-system-type',
        data: {},
        metadata: undefined,
      });
      expect(await store.headPosition()).toBe(mine.globalPosition);
      await settle(store);
      const seen = await readEverything(store, 100, { streamId: linkStream });
      expect(seen).toEqual([]);
      const after = await store.readAll({ after: mine.events[0].cursor, limit: 1000 });
      expect(after.events.every((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'))).toBe(true);
    });

    it('reads events another client wrote without the envelope, marked as external', async () => {
      const streamId = newStreamId();
      const id = randomUUID();
      const correlationId = randomUUID();
      await raw.appendToStream(streamId, {
        id,
        contentType: 'application/json',
        type: 'ForeignThingHappened',
        data: { size: 3 },
        metadata: { $correlationId: correlationId },
      });
      const [event] = await store.readStream(streamId);
      expect(event).toMatchObject({
        eventId: id,
        type: 'ForeignThingHappened',
        schemaVersion: 1,
        data: { size: 3 },
        streamVersion: 1,
      });
      expect(event.metadata).toMatchObject({ actor: 'external', role: 'external', correlationId, external: true });
    });

    it('answers null for a position where no event starts', async () => {
      const result = await store.append(newStreamId(), [newEvent(), newEvent()], 'no-stream');
      expect(await store.cursorOfPosition(result.events[0].globalPosition + 1)).toBeNull();
      expect(await store.cursorOfPosition(0)).toBeNull();
    });

    it('writes the envelope so that KurrentDB sees the correlation and causation ids', async () => {
      const streamId = newStreamId();
      const causationId = randomUUID();
      const event = newEvent('TestEnvelopeWritten', {}, { causationId });
      await store.append(streamId, [event], 'no-stream');
      for await (const resolved of raw.readStream(streamId)) {
        expect(resolved.event?.metadata).toEqual({
          schemaVersion: 1,
          metadata: event.metadata,
          $correlationId: event.metadata.correlationId,
          $causationId: causationId,
        });
      }
    });

    it('upcasts old shapes on read while the stored events stay as written', async () => {
      const streamId = newStreamId();
      const type = `TestWidgetSized${randomUUID().slice(0, 8)}`;
      const old = newEvent(type, { size: 'L' });
      await store.append(streamId, [old], 'no-stream');
      const upcasting = await openKurrentDbEventStore(serverUrl, {
        upcasters: new UpcasterRegistry([
          { type, fromSchemaVersion: 1, upcast: (data) => ({ ...data, size: { code: data.size } }) },
        ]),
      });
      try {
        const [fromStream] = await upcasting.readStream(streamId);
        const [fromAll] = await readEverything(upcasting, 10, { streamId });
        for (const event of [fromStream, fromAll]) {
          expect(event.schemaVersion).toBe(2);
          expect(event.data).toEqual({ marker: old.data.marker, size: { code: 'L' } });
        }
      } finally {
        await upcasting.close();
      }
      expect((await store.readStream(streamId))[0].data).toEqual(old.data);
    });

    it('wakes listeners of another store instance through its $all subscription', async () => {
      const other = await openKurrentDbEventStore(serverUrl);
      let calls = 0;
      const unsubscribe = other.onAppended(() => calls++);
      try {
        // The subscription starts asynchronously: keep appending until the other instance hears one.
        const deadline = Date.now() + 5000;
        while (calls === 0 && Date.now() < deadline) {
          await store.append(newStreamId(), [newEvent()], 'no-stream');
          await sleep(100);
        }
        await waitFor(() => calls > 0, 1000, 'the other store instance was never woken');
      } finally {
        unsubscribe();
        await other.close();
      }
    });
  });
}
