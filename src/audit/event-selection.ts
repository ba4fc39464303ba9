import { EventStore, ReadAllFilter, RecordedEvent } from '../event-store/event-store.port';
import { ProblemError } from '../platform/http/problem';

/** The filters /v1/events and /v1/events/stream share, as the query carries them. */
export interface EventFilterParameters {
  streamId?: string;
  /** One type or several, comma-separated. */
  type?: string;
  actor?: string;
  correlationId?: string;
  from?: string;
  to?: string;
}

/** Parses an ISO-8601 query value (already shape-checked by the DTO); 400 if it names no instant. */
export function parseInstant(value: string, path: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ProblemError(400, 'VALIDATION_FAILED', `${path} must be an ISO-8601 date-time`, {
      errors: [{ path, message: 'must be an ISO-8601 date-time' }],
    });
  }
  return date;
}

export function readAllFilterOf(query: EventFilterParameters): ReadAllFilter {
  const filter: ReadAllFilter = {};
  if (query.streamId !== undefined) filter.streamId = query.streamId;
  if (query.type !== undefined) filter.types = [...new Set(query.type.split(','))];
  if (query.actor !== undefined) filter.actor = query.actor;
  if (query.correlationId !== undefined) filter.correlationId = query.correlationId;
  if (query.from !== undefined) filter.from = parseInstant(query.from, 'from');
  if (query.to !== undefined) filter.to = parseInstant(query.to, 'to');
  return filter;
}

/**
 * The store cursor to continue after the event at a global position (0 or none: from the start).
 * Paging follows the store's cursor, which orders by transaction before position, so the position
 * is resolved to that event's cursor rather than compared with other positions.
 */
export async function cursorAfterPosition(store: EventStore, position: number | undefined, path: string): Promise<string | null> {
  if (position === undefined || position === 0) return null;
  const cursor = await store.cursorOfPosition(position);
  if (cursor === null) {
    throw new ProblemError(400, 'VALIDATION_FAILED', `${path} names no stored event: ${position}`, {
      errors: [{ path, message: 'must be the globalPosition of a stored event' }],
    });
  }
  return cursor;
}

/**
 * The store's filter, applied to an event already read: the same test as the PostgreSQL adapter's
 * (recordedAt has millisecond precision there too, so `from`/`to` agree).
 */
export function matchesFilter(filter: ReadAllFilter, event: RecordedEvent): boolean {
  if (filter.streamId !== undefined && event.streamId !== filter.streamId) return false;
  if (filter.streamPrefix !== undefined && !event.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter.types !== undefined && !filter.types.includes(event.type)) return false;
  if (filter.actor !== undefined && event.metadata.actor !== filter.actor) return false;
  if (filter.correlationId !== undefined && event.metadata.correlationId !== filter.correlationId) return false;
  if (filter.from !== undefined && event.recordedAt.getTime() < filter.from.getTime()) return false;
  if (filter.to !== undefined && event.recordedAt.getTime() > filter.to.getTime()) return false;
  return true;
}
