import { EventMetadata, RecordedEvent } from '../event-store/event-store.port';

/** An event as the audit trail shows it: the stored envelope without the store's internal cursor. */
export interface AuditEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  recordedAt: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * Data fields that are secrets in all but name. The audit trail shows that they were set, never
 * their value: an unsalted SHA-256 of a short, hand-chosen ADMIN_API_KEY could be brute-forced.
 */
const REDACTED_FIELDS = new Set(['secretHash']);
export const REDACTED = '[redacted]';

function redact(data: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(data).some((key) => REDACTED_FIELDS.has(key))) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, REDACTED_FIELDS.has(key) ? REDACTED : value]));
}

export function toAuditEvent(event: RecordedEvent): AuditEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    recordedAt: event.recordedAt.toISOString(),
    schemaVersion: event.schemaVersion,
    data: redact(event.data),
    metadata: event.metadata,
  };
}
