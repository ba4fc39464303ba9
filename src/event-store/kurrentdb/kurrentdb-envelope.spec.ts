import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import type { RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { newEvent } from '../event-store.contract';
import {
  fromKurrentEvent,
  isSystemEvent,
  normalisedEventIds,
  revisionOfVersion,
  streamStateOf,
  toEventData,
  versionOfRevision,
} from './kurrentdb-envelope';

/** What KurrentDB hands back for an event written with `data` (JSON round trip, lower-case id). */
function storedAs(written: ReturnType<typeof toEventData>, revision: bigint, commit: bigint): KurrentRecordedEvent {
  return {
    streamId: 'vm-1',
    id: written.id,
    isJson: true,
    revision,
    type: written.type,
    created: new Date('2025-01-02T03:04:05.678Z'),
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: JSON.parse(JSON.stringify(written.metadata)),
    position: { commit, prepare: commit },
  } as KurrentRecordedEvent;
}

describe('KurrentDB envelope', () => {
  describe('versions and revisions', () => {
    it('maps expected versions (1-based, 0 = no stream) to expected revisions (0-based)', () => {
      expect(streamStateOf('any')).toBe('any');
      expect(streamStateOf('no-stream')).toBe('no_stream');
      expect(streamStateOf(0)).toBe('no_stream');
      expect(streamStateOf(1)).toBe(0n);
      expect(streamStateOf(5)).toBe(4n);
      expect(streamStateOf(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER - 1));
    });

    it('refuses expected versions that name no version', () => {
      for (const invalid of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => streamStateOf(invalid)).toThrow(/invalid expected version/);
      }
    });

    it('maps revisions back to versions', () => {
      expect(versionOfRevision(0n)).toBe(1);
      expect(versionOfRevision(41n)).toBe(42);
      expect(revisionOfVersion(42)).toBe(41n);
      expect(() => revisionOfVersion(0)).toThrow(/invalid stream version/);
    });
  });

  describe('event ids', () => {
    it('compares ids in lower case, as KurrentDB answers them', () => {
      const id = randomUUID();
      expect(normalisedEventIds('s', [{ ...newEvent(), eventId: id.toUpperCase() }])).toEqual([id]);
    });

    it('refuses an empty append, repeated ids (also in another case) and ids that are not UUIDs', () => {
      const event = newEvent();
      expect(() => normalisedEventIds('s', [])).toThrow(/at least one event/);
      expect(() => normalisedEventIds('s', [event, { ...event, eventId: event.eventId.toUpperCase() }])).toThrow(
        /append to s repeats an event id/,
      );
      expect(() => normalisedEventIds('s', [{ ...event, eventId: 'job-1-started' }])).toThrow(/job-1-started is not a UUID/);
    });
  });

  describe('mapping', () => {
    it('writes the port metadata and schema version into the KurrentDB metadata, with $correlationId and $causationId', () => {
      const causationId = randomUUID();
      const event = newEvent('VmStarted', { vmId: 'vm-1' }, { causationId, commandId: 'c-1' });
      event.schemaVersion = 3;
      const data = toEventData(event);
      expect(data).toEqual({
        id: event.eventId,
        contentType: 'application/json',
        type: 'VmStarted',
        data: event.data,
        metadata: {
          schemaVersion: 3,
          metadata: event.metadata,
          $correlationId: event.metadata.correlationId,
          $causationId: causationId,
        },
      });
      expect(toEventData(newEvent()).metadata).not.toHaveProperty('$causationId');
    });

    it('round-trips the whole envelope through what KurrentDB stores', () => {
      const event = newEvent('HostRegistered', { nested: { list: [1, null, 'x'] }, text: 'Grüße 🚀' });
      event.schemaVersion = 2;
      event.metadata = { ...event.metadata, requestId: 'r-1', clientAddress: '10.1.2.3', extra: { deep: [true] } };
      const recorded = fromKurrentEvent(storedAs(toEventData(event), 6n, 123_456n));
      expect(recorded).toEqual({
        eventId: event.eventId,
        type: 'HostRegistered',
        schemaVersion: 2,
        data: event.data,
        metadata: event.metadata,
        streamId: 'vm-1',
        streamVersion: 7,
        globalPosition: 123_456,
        recordedAt: new Date('2025-01-02T03:04:05.678Z'),
        cursor: 'kdb:123456:123456',
      });
    });

    it('reads events written by other clients (no envelope, binary data) as external ones', () => {
      const foreign = {
        ...storedAs(toEventData(newEvent()), 0n, 10n),
        isJson: false,
        data: new Uint8Array([1, 2, 3]),
        metadata: { $correlationId: 'corr-1', $causationId: 'cause-1' },
      } as KurrentRecordedEvent;
      const recorded = fromKurrentEvent(foreign);
      expect(recorded.data).toEqual({ binary: 'AQID' });
      expect(recorded.schemaVersion).toBe(1);
      expect(recorded.metadata).toEqual({
        actor: 'external',
        role: 'external',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        requestId: null,
        idempotencyKey: null,
        external: true,
      });
      const bare = fromKurrentEvent({ ...foreign, metadata: undefined } as KurrentRecordedEvent);
      expect(bare.metadata.correlationId).toBe(foreign.id);
    });

    it('needs the $all position on every event (servers before 22.6 do not send it)', () => {
      const event = { ...storedAs(toEventData(newEvent()), 0n, 10n), position: undefined } as KurrentRecordedEvent;
      expect(() => fromKurrentEvent(event)).toThrow(/KurrentDB 22\.6 or later is needed/);
    });

    it("recognises KurrentDB's own events by a $ in front of the stream or the type", () => {
      expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: 'StatsCollected' })).toBe(true);
      expect(isSystemEvent({ streamId: 'vm-1', type: '$>' })).toBe(true);
      expect(isSystemEvent({ streamId: 'vm-1', type: 'VmStarted' })).toBe(false);
    });
  });
});
