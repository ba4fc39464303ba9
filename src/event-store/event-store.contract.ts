import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'expect';
import {
  DuplicateEventIdError,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllFilter,
  RecordedEvent,
  WrongExpectedVersionError,
} from './event-store.port';

/**
 * The contract every EventStore adapter must pass. It uses nothing but the port, and every test
 * writes to streams of its own (`test-<uuid>`), so it can run against a store that already holds
 * other events (including those of earlier tests) and against any adapter (PostgreSQL today,
 * KurrentDB later) unchanged.
 *
 * readAll may trail appends for a moment (the PostgreSQL adapter holds back events behind
 * transactions still open anywhere in the cluster), so before looking at readAll a test calls
 * `settle`, which waits, bounded, until readAll shows everything appended so far.
 *
 * Tests inside the block run one after another. Two checks assume that nothing outside the
 * contract writes to the store while it runs (the head position after an append of the test's own,
 * and an unchanged head after re-sent appends); give the contract a store of its own.
 */
export interface EventStoreContractFixture {
  store: EventStore;
  teardown(): Promise<void>;
}

/** What an adapter cannot promise, stated openly: the contract then checks the weaker promise. */
export interface EventStoreLimits {
  /**
   * False when an event id is only recognised inside its own stream (KurrentDB has no index by
   * event id): an id stored in another stream is then written again.
   */
  eventIdsUniqueAcrossStreams: boolean;
  /**
   * False when a multi-stream append is written stream by stream (KurrentDB here): a failure on a
   * later stream then leaves the earlier ones written.
   */
  multiStreamAppendAtomic: boolean;
}

export function eventStoreContract(
  name: string,
  setup: () => Promise<EventStoreContractFixture>,
  limits: EventStoreLimits = { eventIdsUniqueAcrossStreams: true, multiStreamAppendAtomic: true },
): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreContractFixture | undefined;
    let store: EventStore;

    before(async () => {
      fixture = await setup();
      store = fixture.store;
    });

    after(async () => {
      await fixture?.teardown();
    });

    describe('append', () => {
      it('creates a new stream with no-stream: versions 1..n, increasing global positions', async () => {
        const streamId = newStreamId();
        const events = [newEvent('ThingCreated'), newEvent('ThingRenamed'), newEvent('ThingRenamed')];
        const result = await store.append(streamId, events, 'no-stream');

        expect(result.duplicate).toBe(false);
        expect(result.streamVersion).toBe(3);
        expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(result.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expectStrictlyIncreasing(result.events.map((e) => e.globalPosition));
        expect(result.globalPosition).toBe(result.events[2].globalPosition);
        expect(result.events.every((e) => e.streamId === streamId)).toBe(true);

        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(stored.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('creates a new stream with expected version 0, the same as no-stream', async () => {
        const streamId = newStreamId();
        const result = await store.append(streamId, [newEvent(), newEvent()], 0);
        expect(result.streamVersion).toBe(2);
        expect(result.duplicate).toBe(false);
        expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2]);
      });

      it('appends when the expected version is exactly the current one', async () => {
        const streamId = newStreamId();
        const first = await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
        const second = await store.append(streamId, [newEvent()], 2);
        const third = await store.append(streamId, [newEvent(), newEvent()], 3);

        expect(second.streamVersion).toBe(3);
        expect(third.streamVersion).toBe(5);
        expect(third.events.map((e) => e.streamVersion)).toEqual([4, 5]);
        expect(second.globalPosition).toBeGreaterThan(first.globalPosition);
        expect(third.globalPosition).toBeGreaterThan(second.globalPosition);
        expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
      });

      it('refuses a stale or future expected version with WrongExpectedVersionError carrying the actual version', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent(), newEvent(), newEvent()], 'no-stream');

        for (const expected of [1, 2, 4, 10]) {
          const error = await captureError(store.append(streamId, [newEvent()], expected));
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          const conflict = error as WrongExpectedVersionError;
          expect(conflict.code).toBe('VERSION_CONFLICT');
          expect(conflict.streamId).toBe(streamId);
          expect(conflict.expected).toBe(expected);
          expect(conflict.actual).toBe(3);
        }
        expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('refuses an exact expected version on a stream that does not exist (actual 0)', async () => {
        const streamId = newStreamId();
        const error = await captureError(store.append(streamId, [newEvent()], 1));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBe(0);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('refuses no-stream (and 0) on a stream that already exists', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
        for (const expected of ['no-stream', 0] as const) {
          const error = await captureError(store.append(streamId, [newEvent()], expected));
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect((error as WrongExpectedVersionError).expected).toBe(expected);
          expect((error as WrongExpectedVersionError).actual).toBe(2);
        }
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it("appends with 'any' to a new stream and to an existing one, whatever its version", async () => {
        const streamId = newStreamId();
        const first = await store.append(streamId, [newEvent()], 'any');
        const second = await store.append(streamId, [newEvent(), newEvent()], 'any');
        const third = await store.append(streamId, [newEvent()], 'any');
        expect([first.streamVersion, second.streamVersion, third.streamVersion]).toEqual([1, 3, 4]);
        expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      });

      it('refuses an empty append', async () => {
        const streamId = newStreamId();
        await expect(store.append(streamId, [], 'any')).rejects.toThrow();
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('is atomic: a failing multi-event append writes none of its events and leaves the version alone', async () => {
        const streamId = newStreamId();
        const base = [newEvent(), newEvent()];
        await store.append(streamId, base, 'no-stream');
        const stored = base[0];

        const stale = [newEvent(), newEvent(), newEvent()];
        await expect(store.append(streamId, stale, 1)).rejects.toBeInstanceOf(WrongExpectedVersionError);

        // The last of three events is already stored: the two new ones must not be written either.
        const partlyStored = [newEvent(), newEvent(), { ...stored }];
        await expect(store.append(streamId, partlyStored, 2)).rejects.toBeInstanceOf(DuplicateEventIdError);

        // The same id twice inside one append.
        const repeated = newEvent();
        const selfDuplicate = [newEvent(), repeated, { ...repeated }];
        await expect(store.append(streamId, selfDuplicate, 2)).rejects.toThrow();

        const failedIds = [...stale, ...partlyStored.slice(0, 2), ...selfDuplicate.slice(0, 2)].map((e) => e.eventId);
        const inStream = await store.readStream(streamId);
        expect(inStream.map((e) => e.eventId)).toEqual(base.map((e) => e.eventId));
        await settle(store);
        const everywhere = await readEverything(store, 100, { streamId });
        expect(everywhere.map((e) => e.eventId)).toEqual(base.map((e) => e.eventId));
        expect(everywhere.filter((e) => failedIds.includes(e.eventId))).toEqual([]);

        // No version was used up: the next append still expects 2 and gets 3..5, without gaps.
        const next = await store.append(streamId, stale, 2);
        expect(next.events.map((e) => e.streamVersion)).toEqual([3, 4, 5]);
      });
    });

    describe('event envelope', () => {
      it('round-trips every envelope field through append, readStream and readAll', async () => {
        const streamId = newStreamId();
        const correlationId = randomUUID();
        const first = newEvent('HostRegistered', {
          hostId: randomUUID(),
          name: 'hv-01',
          memoryMb: 262144,
          ratio: 1.5,
          slat: true,
          retired: false,
          tags: ['rack-3', 'gpu'],
          nested: { deeper: { value: null, list: [1, { two: 2 }] } },
          text: 'Grüße, 東京, "quotes" \\ backslash, emoji 🚀',
        });
        first.schemaVersion = 2;
        first.metadata = {
          actor: 'user:alice',
          role: 'fabric-admin',
          correlationId,
          causationId: randomUUID(),
          requestId: `req-${randomUUID()}`,
          idempotencyKey: `idem-${randomUUID()}`,
          commandId: randomUUID(),
          clientAddress: '10.1.2.3',
        };
        const second = newEvent('HostRenamed', { name: 'hv-01b' }, { correlationId, causationId: first.eventId });

        const wallBefore = Date.now();
        const result = await store.append(streamId, [first, second], 'no-stream');
        const wallAfter = Date.now();

        const fromStream = await store.readStream(streamId);
        await settle(store);
        const fromAll = await readEverything(store, 10, { streamId });
        for (const recorded of [result.events, fromStream, fromAll]) {
          expect(recorded).toHaveLength(2);
          [first, second].forEach((sent, index) => {
            const event = recorded[index];
            expect(event.eventId).toBe(sent.eventId);
            expect(event.type).toBe(sent.type);
            expect(event.schemaVersion).toBe(sent.schemaVersion);
            expect(event.data).toEqual(sent.data);
            expect(event.metadata).toEqual(sent.metadata);
            expect(event.streamId).toBe(streamId);
            expect(event.streamVersion).toBe(index + 1);
            expect(Number.isSafeInteger(event.globalPosition)).toBe(true);
            expect(event.globalPosition).toBeGreaterThan(0);
            expect(event.recordedAt).toBeInstanceOf(Date);
            expect(event.recordedAt.getTime()).toBeGreaterThanOrEqual(wallBefore - 2000);
            expect(event.recordedAt.getTime()).toBeLessThanOrEqual(wallAfter + 2000);
            expect(typeof event.cursor).toBe('string');
          });
        }
        // The three views agree on the stored facts.
        const facts = (e: RecordedEvent) => ({
          eventId: e.eventId,
          streamVersion: e.streamVersion,
          globalPosition: e.globalPosition,
          recordedAt: e.recordedAt.getTime(),
          cursor: e.cursor,
        });
        expect(fromStream.map(facts)).toEqual(result.events.map(facts));
        expect(fromAll.map(facts)).toEqual(result.events.map(facts));
        expect(fromStream[0].recordedAt.getTime()).toBeLessThanOrEqual(fromStream[1].recordedAt.getTime());
      });
    });

    describe('multi-stream append', () => {
      it('appends to every stream and answers one result per stream, in order', async () => {
        const [first, second] = [newStreamId(), newStreamId()];
        await store.append(second, [newEvent()], 'no-stream');
        const firstEvents = [newEvent('IntentRecorded'), newEvent('IntentRecorded')];
        const secondEvents = [newEvent('JobRecorded')];
        const results = await store.appendMany([
          { streamId: first, events: firstEvents, expected: 'no-stream' },
          { streamId: second, events: secondEvents, expected: 1 },
        ]);

        expect(results.map((r) => [r.streamVersion, r.duplicate, r.events.map((e) => e.eventId)])).toEqual([
          [2, false, firstEvents.map((e) => e.eventId)],
          [2, false, secondEvents.map((e) => e.eventId)],
        ]);
        expect(results[0].events.map((e) => e.streamId)).toEqual([first, first]);
        expect(results[1].events[0].streamId).toBe(second);
        expectStrictlyIncreasing([...results[0].events, ...results[1].events].map((e) => e.globalPosition));
        expect((await store.readStream(first)).map((e) => e.eventId)).toEqual(firstEvents.map((e) => e.eventId));
        expect((await store.readStream(second)).map((e) => e.streamVersion)).toEqual([1, 2]);
      });

      it('fails as a whole with WrongExpectedVersionError naming the stream whose version is wrong', async () => {
        const [fresh, existing] = [newStreamId(), newStreamId()];
        await store.append(existing, [newEvent(), newEvent()], 'no-stream');
        const error = await captureError(
          store.appendMany([
            { streamId: fresh, events: [newEvent()], expected: 'no-stream' },
            { streamId: existing, events: [newEvent()], expected: 1 },
          ]),
        );

        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: existing, expected: 1, actual: 2 });
        expect(await store.readStream(existing)).toHaveLength(2);
        if (limits.multiStreamAppendAtomic) expect(await store.readStream(fresh)).toEqual([]);
      });

      it('answers a whole re-send from what is stored and refuses a partial one, writing nothing', async () => {
        const [first, second] = [newStreamId(), newStreamId()];
        const appends = [
          { streamId: first, events: [newEvent()], expected: 'no-stream' as const },
          { streamId: second, events: [newEvent(), newEvent()], expected: 'no-stream' as const },
        ];
        const original = await store.appendMany(appends);
        const head = await store.headPosition();

        const again = await store.appendMany(appends.map((a) => ({ ...a, events: a.events.map((e) => ({ ...e })) })));
        expect(again.map((r) => r.duplicate)).toEqual([true, true]);
        expect(again.map((r) => r.events.map(positionFacts))).toEqual(original.map((r) => r.events.map(positionFacts)));

        if (limits.multiStreamAppendAtomic) {
          const third = newStreamId();
          const error = await captureError(
            store.appendMany([appends[0], { streamId: third, events: [newEvent()], expected: 'no-stream' }]),
          );
          expect(error).toBeInstanceOf(DuplicateEventIdError);
          expect(await store.readStream(third)).toEqual([]);
          expect(await store.headPosition()).toBe(head);
        }
      });

      it('wakes readers once the append is stored', async () => {
        let woken = 0;
        const unsubscribe = store.onAppended(() => woken++);
        try {
          await store.appendMany([
            { streamId: newStreamId(), events: [newEvent()], expected: 'no-stream' },
            { streamId: newStreamId(), events: [newEvent()], expected: 'no-stream' },
          ]);
          await waitFor(() => woken > 0, 5_000, 'no wake-up after a multi-stream append');
        } finally {
          unsubscribe();
        }
      });
    });

    describe('filtered reads and how far they searched', () => {
      it('continuing from `scanned` skips only events the filter leaves out', async () => {
        const [wanted, other] = [`Wanted${randomUUID().slice(0, 8)}`, `Other${randomUUID().slice(0, 8)}`];
        const streamId = newStreamId();
        const first = await store.append(streamId, [newEvent(wanted), newEvent(other), newEvent(other)], 'no-stream');
        await settle(store);

        const page = await store.readAll({ limit: 10, filter: { types: [wanted] }, scanned: true });
        expect(page.events.map((e) => e.eventId)).toEqual([first.events[0].eventId]);
        expect(page.cursor).toBe(first.events[0].cursor);
        if (page.scanned) {
          // It searched past the events it left out, and says so with a position readers agree on.
          expect(await store.hasReached(page.scanned.cursor, first.events[2].globalPosition)).toBe(true);
          expect(await store.cursorOfPosition(page.scanned.globalPosition)).toBe(page.scanned.cursor);
        }
        const later = await store.append(streamId, [newEvent(other), newEvent(wanted)], 3);
        await settle(store);
        const next = await store.readAll({
          after: page.scanned?.cursor ?? page.cursor,
          limit: 10,
          filter: { types: [wanted] },
          scanned: true,
        });
        expect(next.events.map((e) => e.eventId)).toEqual([later.events[1].eventId]);
      });

      it('wakes a listener for its types only after an append that holds one of them', async () => {
        const [wanted, other] = [`Wanted${randomUUID().slice(0, 8)}`, `Other${randomUUID().slice(0, 8)}`];
        let woken = 0;
        const unsubscribe = store.onAppended(() => woken++, [wanted]);
        try {
          await store.append(newStreamId(), [newEvent(other), newEvent(wanted)], 'no-stream');
          await waitFor(() => woken > 0, 5_000, 'no wake-up after an append of a wanted type');
        } finally {
          unsubscribe();
        }
      });
    });

    describe('events of one command', () => {
      it('finds the events a command appended to a stream, and nothing for another command', async () => {
        const streamId = newStreamId();
        const before = newEvent('ThingCreated', {}, { commandId: 'command-before' });
        const own = [0, 1, 2].map(() => newEvent('ThingRenamed', {}, { commandId: 'command-own' }));
        const after = newEvent('ThingRenamed', {}, { commandId: 'command-after' });
        await store.append(streamId, [before], 'no-stream');
        await store.append(streamId, own, 1);
        await store.append(streamId, [after], 4);

        const found = await store.readCommand(streamId, 'command-own', own[0].eventId);
        expect(found.map((e) => [e.eventId, e.streamVersion])).toEqual(own.map((e, i) => [e.eventId, i + 2]));
        expect(await store.readCommand(streamId, 'command-unknown', randomUUID())).toEqual([]);
        expect(await store.readCommand(newStreamId(), 'command-own', own[0].eventId)).toEqual([]);
      });
    });

    describe("a command's one read of its stream", () => {
      it('answers the events after the latest snapshot of the fold, or the events the command appended already', async () => {
        expect(store.readForDecision).toBeDefined();
        const readForDecision = store.readForDecision!.bind(store);
        const streamId = newStreamId();
        const first = await store.append(streamId, [newEvent('ThingCreated', {}, { commandId: 'command-1' })], 'no-stream');
        const own = [0, 1].map(() => newEvent('ThingRenamed', {}, { commandId: 'command-2' }));
        const second = await store.append(streamId, own, 1);
        const fresh = { commandId: 'command-3', firstEventId: randomUUID() };

        const whole = await readForDecision(streamId, { foldKey: 'fold-a', command: fresh });
        expect(whole.snapshot).toBeNull();
        expect(whole.alreadyAppended).toEqual([]);
        expect(whole.events.map((e) => e.eventId)).toEqual([...first.events, ...second.events].map((e) => e.eventId));

        const resent = await readForDecision(streamId, {
          foldKey: 'fold-a',
          command: { commandId: 'command-2', firstEventId: own[0].eventId },
        });
        expect(resent.alreadyAppended.map((e) => [e.eventId, e.streamVersion])).toEqual([
          [own[0].eventId, 2],
          [own[1].eventId, 3],
        ]);
        // An event id of another command is not this command's.
        const mismatched = await readForDecision(streamId, { command: { commandId: 'command-3', firstEventId: own[0].eventId } });
        expect(mismatched.alreadyAppended).toEqual([]);
        expect(mismatched.events).toHaveLength(3);

        if (!store.writeSnapshot) return;
        await store.writeSnapshot(streamId, 'fold-a', {
          streamVersion: 2,
          globalPosition: second.events[0].globalPosition,
          state: { n: 2 },
        });
        const fromSnapshot = await readForDecision(streamId, { foldKey: 'fold-a', command: fresh });
        expect(fromSnapshot.snapshot).toEqual({
          streamVersion: 2,
          globalPosition: second.events[0].globalPosition,
          state: { n: 2 },
        });
        expect(fromSnapshot.events.map((e) => e.eventId)).toEqual([own[1].eventId]);
        // Another fold's snapshot is not read.
        expect((await readForDecision(streamId, { foldKey: 'fold-b' })).events).toHaveLength(3);
      });
    });

    describe('idempotency by event id', () => {
      it('answers a re-sent append from what is stored: duplicate, same versions and positions, nothing written', async () => {
        const streamId = newStreamId();
        const events = [newEvent(), newEvent()];
        const original = await store.append(streamId, events, 'no-stream');
        const later = await store.append(streamId, [newEvent()], 2);
        const head = await store.headPosition();

        // Expected versions that would all fail for a new append: stale, no-stream, exact-but-old, 'any', future.
        const expectations: ExpectedVersion[] = [0, 'no-stream', 2, 'any', 99];
        for (const expected of expectations) {
          const again = await store.append(
            streamId,
            events.map((e) => ({ ...e })),
            expected,
          );
          expect(again.duplicate).toBe(true);
          expect(again.streamVersion).toBe(original.streamVersion);
          expect(again.globalPosition).toBe(original.globalPosition);
          expect(again.events.map(positionFacts)).toEqual(original.events.map(positionFacts));
        }
        // A re-send of the latest append too.
        const laterAgain = await store.append(streamId, later.events.map(toNewEvent), 0);
        expect(laterAgain.duplicate).toBe(true);
        expect(laterAgain.events.map(positionFacts)).toEqual(later.events.map(positionFacts));

        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(await store.headPosition()).toBe(head);
        await settle(store);
        expect(await readEverything(store, 100, { streamId })).toHaveLength(3);
      });

      it('refuses a partly stored append with DuplicateEventIdError and writes none of it', async () => {
        const streamId = newStreamId();
        const [a, b] = [newEvent(), newEvent()];
        await store.append(streamId, [a, b], 'no-stream');
        const fresh = newEvent();

        for (const batch of [
          [a, fresh],
          [fresh, b],
          [a, fresh, b],
        ]) {
          const error = await captureError(store.append(streamId, batch, 'any'));
          expect(error).toBeInstanceOf(DuplicateEventIdError);
          expect((error as DuplicateEventIdError).code).toBe('DUPLICATE_EVENT_ID');
          expect((error as DuplicateEventIdError).streamId).toBe(streamId);
        }
        expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
        await settle(store);
        const everywhere = await readEverything(store, 100, { correlationId: fresh.metadata.correlationId });
        expect(everywhere).toEqual([]);
      });

      if (limits.eventIdsUniqueAcrossStreams) {
        it('refuses event ids that are stored in another stream (ids are unique across the store)', async () => {
          const home = newStreamId();
          const other = newStreamId();
          const third = newStreamId();
          const [a, b] = [newEvent(), newEvent()];
          await store.append(home, [a], 'no-stream');
          await store.append(other, [b], 'no-stream');

          await expect(store.append(third, [{ ...a }], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
          // Every id is stored, but not all of them in this stream: not a re-send of an append to `home`.
          await expect(store.append(home, [{ ...a }, { ...b }], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
          expect(await store.readStream(third)).toEqual([]);
          expect((await store.readStream(home)).map((e) => e.eventId)).toEqual([a.eventId]);
          expect((await store.readStream(other)).map((e) => e.eventId)).toEqual([b.eventId]);
        });
      } else {
        it('LIMIT: recognises event ids only inside their own stream; an id stored elsewhere is written again', async () => {
          const home = newStreamId();
          const other = newStreamId();
          const third = newStreamId();
          const [a, b] = [newEvent(), newEvent()];
          await store.append(home, [a], 'no-stream');
          await store.append(other, [b], 'no-stream');

          // Inside `home`, `a` is stored and `b` is not: still a partly stored append.
          await expect(store.append(home, [{ ...a }, { ...b }], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
          expect((await store.readStream(home)).map((e) => e.eventId)).toEqual([a.eventId]);
          // The stated limit: `a` lives in `home`, and `third` takes it again.
          const copy = await store.append(third, [{ ...a }], 'any');
          expect(copy.duplicate).toBe(false);
          expect((await store.readStream(third)).map((e) => e.eventId)).toEqual([a.eventId]);
        });
      }
    });

    describe('readStream', () => {
      it('returns nothing for a stream that does not exist', async () => {
        expect(await store.readStream(newStreamId())).toEqual([]);
      });

      it('reads from a given version', async () => {
        const streamId = newStreamId();
        const result = await store.append(streamId, [newEvent(), newEvent(), newEvent(), newEvent()], 'no-stream');
        const ids = result.events.map((e) => e.eventId);
        expect((await store.readStream(streamId, { fromVersion: 1 })).map((e) => e.eventId)).toEqual(ids);
        expect((await store.readStream(streamId, { fromVersion: 3 })).map((e) => e.eventId)).toEqual(ids.slice(2));
        expect((await store.readStream(streamId, { fromVersion: 4 })).map((e) => e.streamVersion)).toEqual([4]);
        expect(await store.readStream(streamId, { fromVersion: 5 })).toEqual([]);
      });

      it('travels in time with toPosition: only events at or before a global position', async () => {
        const streamId = newStreamId();
        const elsewhere = newStreamId();
        const one = await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
        const between = await store.append(elsewhere, [newEvent()], 'no-stream');
        const two = await store.append(streamId, [newEvent()], 2);
        const three = await store.append(streamId, [newEvent()], 3);
        const versionsAt = async (toPosition: number, fromVersion?: number) =>
          (await store.readStream(streamId, { toPosition, fromVersion })).map((e) => e.streamVersion);

        expect(await versionsAt(one.events[0].globalPosition)).toEqual([1]);
        expect(await versionsAt(one.globalPosition)).toEqual([1, 2]);
        expect(await versionsAt(between.globalPosition)).toEqual([1, 2]);
        expect(await versionsAt(two.globalPosition)).toEqual([1, 2, 3]);
        expect(await versionsAt(three.globalPosition)).toEqual([1, 2, 3, 4]);
        expect(await versionsAt(two.globalPosition, 2)).toEqual([2, 3]);
        expect(await versionsAt(one.events[0].globalPosition - 1)).toEqual([]);
      });

      it('travels in time with toTime: exactly the events recorded at or before an instant', async () => {
        const streamId = newStreamId();
        const recorded: RecordedEvent[] = [];
        for (let i = 0; i < 4; i++) {
          recorded.push(...(await store.append(streamId, [newEvent(), newEvent()], 'any')).events);
          await sleep(3);
        }
        const asOf = (instant: Date) => recorded.filter((e) => e.recordedAt.getTime() <= instant.getTime());
        const idsAt = async (toTime: Date) => (await store.readStream(streamId, { toTime })).map((e) => e.eventId);

        for (const event of recorded) {
          // The instant an event reports as its own recording time includes that event.
          const ids = await idsAt(event.recordedAt);
          expect(ids).toContain(event.eventId);
          expect(ids).toEqual(asOf(event.recordedAt).map((e) => e.eventId));
        }
        expect(await idsAt(new Date(recorded[0].recordedAt.getTime() - 1))).toEqual([]);
        expect(await idsAt(new Date(Date.now() + 60_000))).toEqual(recorded.map((e) => e.eventId));
        // Combined with the other options.
        const cut = recorded[5];
        expect((await store.readStream(streamId, { fromVersion: 2, toTime: cut.recordedAt })).map((e) => e.eventId)).toEqual(
          asOf(cut.recordedAt)
            .filter((e) => e.streamVersion >= 2)
            .map((e) => e.eventId),
        );
        expect(
          (await store.readStream(streamId, { toTime: cut.recordedAt, toPosition: recorded[2].globalPosition })).map(
            (e) => e.streamVersion,
          ),
        ).toEqual([1, 2, 3]);
      });
    });

    describe('readAll', () => {
      it('pages with cursors: every event exactly once, in one order that every page size agrees on', async () => {
        const prefix = `test-${randomUUID()}-`;
        const streams = [`${prefix}a`, `${prefix}b`, `${prefix}c`];
        const appended: RecordedEvent[] = [];
        for (let round = 0; round < 4; round++) {
          for (const streamId of streams) {
            const count = 1 + ((round + streams.indexOf(streamId)) % 3);
            const events = Array.from({ length: count }, () => newEvent());
            appended.push(...(await store.append(streamId, events, 'any')).events);
          }
        }
        const expectedIds = appended.map((e) => e.eventId);
        await settle(store);

        for (const limit of [1, 2, 5, 7, 1000]) {
          const seen = await readEverything(store, limit, { streamPrefix: prefix });
          // Appends that did not overlap in time are read in the order they were made.
          expect(seen.map((e) => e.eventId)).toEqual(expectedIds);
          expect(seen.map((e) => e.cursor)).toEqual(appended.map((e) => e.cursor));
        }

        // Unfiltered, from the very beginning: no event twice, ours in append order, same order whatever the page size.
        const small = await readEverything(store, 13);
        const large = await readEverything(store, 5000);
        expect(small.map((e) => e.eventId)).toEqual(large.map((e) => e.eventId));
        // Where ids are unique only per stream, an earlier test stored one id in two streams on purpose.
        const identity = (e: RecordedEvent) => (limits.eventIdsUniqueAcrossStreams ? e.eventId : `${e.streamId}/${e.eventId}`);
        expect(new Set(large.map(identity)).size).toBe(large.length);
        expect(new Set(large.map((e) => e.cursor)).size).toBe(large.length);
        expect(large.map((e) => e.eventId).filter((id) => expectedIds.includes(id))).toEqual(expectedIds);
      });

      it('continues exactly after a cursor and keeps the cursor when there is nothing new', async () => {
        const prefix = `test-${randomUUID()}-`;
        const first = await store.append(`${prefix}x`, [newEvent(), newEvent(), newEvent()], 'no-stream');
        await settle(store);
        const page = await store.readAll({ limit: 2, filter: { streamPrefix: prefix } });
        expect(page.events.map((e) => e.eventId)).toEqual(first.events.slice(0, 2).map((e) => e.eventId));
        expect(page.cursor).toBe(page.events[1].cursor);

        const rest = await store.readAll({ after: page.cursor, limit: 10, filter: { streamPrefix: prefix } });
        expect(rest.events.map((e) => e.eventId)).toEqual([first.events[2].eventId]);
        const empty = await store.readAll({ after: rest.cursor, limit: 10, filter: { streamPrefix: prefix } });
        expect(empty.events).toEqual([]);
        expect(empty.cursor).toBe(rest.cursor);

        const nothingYet = await store.readAll({ limit: 10, filter: { streamPrefix: `test-${randomUUID()}` } });
        expect(nothingYet.events).toEqual([]);
        expect(nothingYet.cursor).toBeNull();

        // New events after the cursor show up, and only they.
        const more = await store.append(`${prefix}y`, [newEvent()], 'no-stream');
        await settle(store);
        const next = await store.readAll({ after: empty.cursor, limit: 10, filter: { streamPrefix: prefix } });
        expect(next.events.map((e) => e.eventId)).toEqual([more.events[0].eventId]);
      });

      it('filters by stream id, stream prefix, types, actor and correlation id', async () => {
        const prefix = `test-${randomUUID()}-`;
        const correlationA = randomUUID();
        const correlationB = randomUUID();
        const actor = `user:${randomUUID()}`;
        const typeA = `ThingHappened${randomUUID().slice(0, 8)}`;
        const typeB = `OtherThingHappened${randomUUID().slice(0, 8)}`;
        const s1 = `${prefix}1`;
        const s10 = `${prefix}10`;
        const s2 = `${prefix}2`;
        const outside = `test-${randomUUID()}`;
        const all: RecordedEvent[] = [];
        const add = async (streamId: string, type: string, meta: Partial<EventMetadata>) =>
          all.push(...(await store.append(streamId, [newEvent(type, {}, meta)], 'any')).events);
        await add(s1, typeA, { correlationId: correlationA, actor });
        await add(s10, typeB, { correlationId: correlationA });
        await add(s2, typeA, { correlationId: correlationB });
        await add(s1, typeB, { correlationId: correlationB, actor });
        await add(outside, typeA, { correlationId: correlationA, actor });
        await add(s10, typeA, { correlationId: correlationB, actor });
        await settle(store);

        const ids = async (filter: ReadAllFilter) => (await readEverything(store, 2, filter)).map((e) => e.eventId);
        const expected = (predicate: (e: RecordedEvent) => boolean) => all.filter(predicate).map((e) => e.eventId);

        expect(await ids({ streamId: s1 })).toEqual(expected((e) => e.streamId === s1));
        expect(await ids({ streamId: s10 })).toEqual(expected((e) => e.streamId === s10));
        expect(await ids({ streamPrefix: prefix })).toEqual(expected((e) => e.streamId.startsWith(prefix)));
        expect(await ids({ streamPrefix: `${prefix}1` })).toEqual(expected((e) => e.streamId === s1 || e.streamId === s10));
        expect(await ids({ types: [typeA] })).toEqual(expected((e) => e.type === typeA));
        expect(await ids({ types: [typeA, typeB] })).toEqual(all.map((e) => e.eventId));
        expect(await ids({ types: [] })).toEqual([]);
        expect(await ids({ actor })).toEqual(expected((e) => e.metadata.actor === actor));
        expect(await ids({ correlationId: correlationA })).toEqual(expected((e) => e.metadata.correlationId === correlationA));
        expect(await ids({ streamPrefix: prefix, types: [typeA], actor })).toEqual(
          expected((e) => e.streamId.startsWith(prefix) && e.type === typeA && e.metadata.actor === actor),
        );
        expect(await ids({ streamId: s2, correlationId: correlationA })).toEqual([]);
      });

      it('treats a stream prefix literally (no wildcards)', async () => {
        const base = randomUUID();
        const literal = `test-${base}-a_b%-`;
        const lookalike = `test-${base}-aXbY-`;
        const inside = await store.append(`${literal}1`, [newEvent()], 'no-stream');
        await store.append(`${lookalike}1`, [newEvent()], 'no-stream');
        await settle(store);
        const seen = await readEverything(store, 10, { streamPrefix: literal });
        expect(seen.map((e) => e.eventId)).toEqual([inside.events[0].eventId]);
      });

      it('filters by recording time with from/to, both inclusive', async () => {
        const prefix = `test-${randomUUID()}-`;
        const recorded: RecordedEvent[] = [];
        for (let i = 0; i < 5; i++) {
          recorded.push(...(await store.append(`${prefix}${i % 2}`, [newEvent()], 'any')).events);
          await sleep(3);
        }
        await settle(store);
        const window = async (from?: Date, to?: Date) =>
          (await readEverything(store, 2, { streamPrefix: prefix, from, to })).map((e) => e.eventId);
        const inWindow = (from?: Date, to?: Date) =>
          recorded.filter((e) => (!from || e.recordedAt >= from) && (!to || e.recordedAt <= to)).map((e) => e.eventId);

        const from = recorded[1].recordedAt;
        const to = recorded[3].recordedAt;
        const between = await window(from, to);
        expect(between).toEqual(inWindow(from, to));
        expect(between).toEqual(expect.arrayContaining([recorded[1].eventId, recorded[2].eventId, recorded[3].eventId]));
        expect(await window(from)).toEqual(inWindow(from));
        expect(await window(undefined, to)).toEqual(inWindow(undefined, to));
        expect(await window(new Date(Date.now() + 60_000))).toEqual([]);
      });
    });

    describe('positions and cursors', () => {
      it('cursorOfPosition gives the cursor readers see for that event, and null for no event', async () => {
        const streamId = newStreamId();
        const result = await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
        await settle(store);
        const read = await readEverything(store, 10, { streamId });
        for (const [index, event] of read.entries()) {
          expect(await store.cursorOfPosition(event.globalPosition)).toBe(event.cursor);
          expect(event.cursor).toBe(result.events[index].cursor);
        }
        expect(await store.cursorOfPosition(result.globalPosition + 1_000_000)).toBeNull();

        // Reading after the cursor of the first event starts with the second one.
        const cursor = await store.cursorOfPosition(result.events[0].globalPosition);
        const next = await store.readAll({ after: cursor, limit: 1, filter: { streamId } });
        expect(next.events.map((e) => e.eventId)).toEqual([result.events[1].eventId]);
      });

      it('hasReached tells whether a reader at a cursor has seen the event at a position', async () => {
        const streamId = newStreamId();
        const one = await store.append(streamId, [newEvent()], 'no-stream');
        const two = await store.append(streamId, [newEvent()], 1);
        const p1 = one.globalPosition;
        const p2 = two.globalPosition;
        const c1 = (await store.cursorOfPosition(p1))!;
        const c2 = (await store.cursorOfPosition(p2))!;

        expect(await store.hasReached(null, p1)).toBe(false);
        expect(await store.hasReached(null, 0)).toBe(true);
        expect(await store.hasReached(c1, 0)).toBe(true);
        expect(await store.hasReached(c1, p1)).toBe(true);
        expect(await store.hasReached(c1, p2)).toBe(false);
        expect(await store.hasReached(c2, p1)).toBe(true);
        expect(await store.hasReached(c2, p2)).toBe(true);

        // A follower's own cursors answer the same way.
        await settle(store);
        const page = await store.readAll({ limit: 1, filter: { streamId } });
        expect(await store.hasReached(page.cursor, p1)).toBe(true);
        expect(await store.hasReached(page.cursor, p2)).toBe(false);
        const rest = await store.readAll({ after: page.cursor, limit: 10, filter: { streamId } });
        expect(await store.hasReached(rest.cursor, p2)).toBe(true);
      });

      it('headPosition is the highest position stored', async () => {
        const before = await store.headPosition();
        const result = await store.append(newStreamId(), [newEvent(), newEvent()], 'no-stream');
        const head = await store.headPosition();
        expect(head).toBeGreaterThan(before);
        // Nothing else writes during this test.
        expect(head).toBe(result.globalPosition);
      });
    });

    describe('onAppended', () => {
      it('calls listeners after an append, and no longer after unsubscribing', async () => {
        let calls = 0;
        const unsubscribe = store.onAppended(() => calls++);
        try {
          await store.append(newStreamId(), [newEvent()], 'no-stream');
          await waitFor(() => calls > 0, 5000, 'onAppended listener was not called');
        } finally {
          unsubscribe();
        }
        await sleep(50);
        const settled = calls;
        await store.append(newStreamId(), [newEvent()], 'no-stream');
        await sleep(200);
        expect(calls).toBe(settled);
      });
    });

    describe('concurrency', () => {
      it('50 concurrent appends with the same expected version: exactly one wins, 49 conflicts, versions contiguous', async () => {
        const streamId = newStreamId();
        await store.append(streamId, [newEvent(), newEvent()], 'no-stream');
        const attempts = Array.from({ length: 50 }, () => [newEvent(), newEvent()]);
        const outcomes = await Promise.allSettled(attempts.map((events) => store.append(streamId, events, 2)));

        const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ result: o.value, index: i }] : []));
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(49);
        for (const error of losers) {
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect((error as WrongExpectedVersionError).expected).toBe(2);
          expect((error as WrongExpectedVersionError).actual).toBe(4);
        }
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
        expect(stored.slice(2).map((e) => e.eventId)).toEqual(attempts[winners[0].index].map((e) => e.eventId));
      });

      it('50 concurrent appends with no-stream to a new stream: exactly one wins', async () => {
        const streamId = newStreamId();
        const attempts = Array.from({ length: 50 }, () => [newEvent()]);
        const outcomes = await Promise.allSettled(attempts.map((events) => store.append(streamId, events, 'no-stream')));
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(49);
        for (const error of losers) {
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect((error as WrongExpectedVersionError).actual).toBe(1);
        }
        expect((await store.readStream(streamId)).map((e) => e.streamVersion)).toEqual([1]);
      });

      it("concurrent 'any' appends all succeed, keep each append's events together and versions contiguous", async () => {
        const streamId = newStreamId();
        const attempts = Array.from({ length: 20 }, () => [newEvent(), newEvent(), newEvent()]);
        const results = await Promise.all(attempts.map((events) => store.append(streamId, events, 'any')));
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.streamVersion)).toEqual(range(1, 60));
        expectStrictlyIncreasing(stored.map((e) => e.globalPosition));
        expect(results.map((r) => r.streamVersion).sort((a, b) => a - b)).toEqual(range(1, 20).map((i) => i * 3));
        for (const [i, result] of results.entries()) {
          const start = result.streamVersion - 3;
          expect(stored.slice(start, start + 3).map((e) => e.eventId)).toEqual(attempts[i].map((e) => e.eventId));
        }
      });

      it('writers retrying on conflicts end with every event stored once and versions 1..n', async () => {
        const streamId = newStreamId();
        const writers = 8;
        const perWriter = 5;
        const written: string[] = [];
        await Promise.all(
          Array.from({ length: writers }, async () => {
            for (let i = 0; i < perWriter; i++) {
              const event = newEvent();
              for (;;) {
                const current = (await store.readStream(streamId)).length;
                try {
                  await store.append(streamId, [event], current === 0 ? 'no-stream' : current);
                  written.push(event.eventId);
                  break;
                } catch (error) {
                  if (!(error instanceof WrongExpectedVersionError)) throw error;
                }
              }
            }
          }),
        );
        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.streamVersion)).toEqual(range(1, writers * perWriter));
        expect(stored.map((e) => e.eventId).sort()).toEqual([...written].sort());
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers (exported for adapter-specific suites).

export function newStreamId(): string {
  return `test-${randomUUID()}`;
}

export function newEvent(
  type = 'TestEventHappened',
  data: Record<string, unknown> = {},
  metadata: Partial<EventMetadata> = {},
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: { marker: randomUUID(), ...data },
    metadata: {
      actor: 'user:contract',
      role: 'operator',
      correlationId: randomUUID(),
      causationId: null,
      requestId: null,
      idempotencyKey: null,
      ...metadata,
    },
  };
}

/** Pages through readAll until an empty page; guards against a cursor that does not move. */
export async function readEverything(store: EventStore, limit: number, filter?: ReadAllFilter): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 1_000_000) throw new Error('readAll never ran dry');
    const page = await store.readAll({ after, limit, filter });
    expect(page.events.length).toBeLessThanOrEqual(limit);
    if (page.events.length === 0) {
      expect(page.cursor).toBe(after);
      return events;
    }
    expect(page.cursor).toBe(page.events[page.events.length - 1].cursor);
    events.push(...page.events);
    after = page.cursor;
  }
}

/**
 * Waits until readAll shows everything appended before the call: appends a marker event and
 * waits for readAll to reach it (appends that completed earlier come before it in the order).
 */
export async function settle(store: EventStore, timeoutMs = 15_000): Promise<void> {
  const streamId = `test-${randomUUID()}-settle`;
  await store.append(streamId, [newEvent('ContractSettled')], 'no-stream');
  const deadline = Date.now() + timeoutMs;
  while ((await store.readAll({ limit: 1, filter: { streamId } })).events.length === 0) {
    if (Date.now() > deadline) {
      throw new Error(`readAll did not show an event appended ${timeoutMs} ms ago (a long transaction holding it back?)`);
    }
    await sleep(5);
  }
}

export async function waitFor(condition: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await sleep(10);
  }
}

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function positionFacts(e: RecordedEvent) {
  return { eventId: e.eventId, streamVersion: e.streamVersion, globalPosition: e.globalPosition, cursor: e.cursor };
}

function toNewEvent(e: RecordedEvent): NewEvent {
  return { eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata };
}

function expectStrictlyIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
