import type { AppendStreamState, JSONEventData, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { EventMetadata, ExpectedVersion, NewEvent, RecordedEvent } from '../event-store.port';
import { encodeCursor, globalPositionOf } from './kurrentdb-cursor';

/**
 * How the port's envelope maps onto a KurrentDB event: id, type and data map one to one; the
 * schema version and the port's metadata travel together in the KurrentDB metadata, next to the
 * `$correlationId`/`$causationId` keys KurrentDB's own projections read. Keeping the port's
 * metadata as one nested object round-trips it exactly (extra keys, nulls) without any of its keys
 * colliding with the envelope's.
 */
export interface StoredMetadata {
  schemaVersion: number;
  metadata: EventMetadata;
  $correlationId?: string;
  $causationId?: string;
}

const NO_STREAM: AppendStreamState = 'no_stream';
const ANY: AppendStreamState = 'any';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our versions are 1-based with 0 for "no stream"; KurrentDB revisions are 0-based. */
export function streamStateOf(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream' || expected === 0) return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) throw new Error(`invalid expected version ${String(expected)}`);
  return BigInt(expected - 1);
}

export function versionOfRevision(revision: bigint): number {
  return Number(revision) + 1;
}

export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) throw new Error(`invalid stream version ${version}`);
  return BigInt(version - 1);
}

/**
 * KurrentDB keeps event ids as UUIDs and answers in lower case, so ids are compared in lower case;
 * anything else would be refused by the server with a less helpful message.
 */
export function normalisedEventIds(streamId: string, events: readonly NewEvent[]): string[] {
  if (events.length === 0) throw new Error('append needs at least one event');
  const ids = events.map((event) => {
    if (!UUID_PATTERN.test(event.eventId)) throw new Error(`event id ${event.eventId} is not a UUID`);
    return event.eventId.toLowerCase();
  });
  if (new Set(ids).size !== ids.length) throw new Error(`append to ${streamId} repeats an event id`);
  return ids;
}

export function toEventData(event: NewEvent): JSONEventData {
  const stored: StoredMetadata = { schemaVersion: event.schemaVersion, metadata: event.metadata };
  if (typeof event.metadata.correlationId === 'string') stored.$correlationId = event.metadata.correlationId;
  if (typeof event.metadata.causationId === 'string') stored.$causationId = event.metadata.causationId;
  return {
    id: event.eventId.toLowerCase(),
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: stored as unknown as Record<string, unknown>,
  };
}

/** System events ($stats, $metadata, links of system projections) are KurrentDB's, not ours. */
export function isSystemEvent(raw: { streamId: string; type: string }): boolean {
  return raw.streamId.startsWith('$') || raw.type.startsWith('$');
}

export function fromKurrentEvent(raw: KurrentRecordedEvent): RecordedEvent {
  if (!raw.position) {
    throw new Error(`KurrentDB sent event ${raw.id} without its $all position: KurrentDB 22.6 or later is needed`);
  }
  const { schemaVersion, metadata } = envelopeOf(raw);
  return {
    eventId: raw.id,
    type: raw.type,
    schemaVersion,
    data: dataOf(raw),
    metadata,
    streamId: raw.streamId,
    streamVersion: versionOfRevision(raw.revision),
    globalPosition: globalPositionOf(raw.position),
    recordedAt: raw.created,
    cursor: encodeCursor(raw.position),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function dataOf(raw: KurrentRecordedEvent): Record<string, unknown> {
  if (isObject(raw.data)) return raw.data;
  // Written by another client: keep it readable rather than stopping every reader on it.
  if (raw.data instanceof Uint8Array) return { binary: Buffer.from(raw.data).toString('base64') };
  return { value: raw.data };
}

/**
 * Events this adapter wrote carry the stored envelope. Events another client wrote into the same
 * database get a metadata record that says so, so that projections and the audit trail can read
 * past them instead of failing on a missing field.
 */
function envelopeOf(raw: KurrentRecordedEvent): { schemaVersion: number; metadata: EventMetadata } {
  const stored = raw.metadata;
  if (isObject(stored) && Number.isSafeInteger(stored.schemaVersion) && isObject(stored.metadata)) {
    return { schemaVersion: stored.schemaVersion as number, metadata: stored.metadata as EventMetadata };
  }
  const foreign = isObject(stored) ? stored : {};
  return {
    schemaVersion: 1,
    metadata: {
      actor: 'external',
      role: 'external',
      correlationId: typeof foreign.$correlationId === 'string' ? foreign.$correlationId : raw.id,
      causationId: typeof foreign.$causationId === 'string' ? foreign.$causationId : null,
      requestId: null,
      idempotencyKey: null,
      external: true,
    },
  };
}
