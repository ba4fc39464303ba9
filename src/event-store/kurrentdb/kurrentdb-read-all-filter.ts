import type { Filter } from '@kurrent/kurrentdb-client';
import { ReadAllFilter, RecordedEvent } from '../event-store.port';

/**
 * KurrentDB filters $all on the server by one thing only, stream name or event type. The most
 * selective condition of the port's filter goes to the server; every condition is then checked
 * again here (`matchesFilter`), which is also what keeps the others (actor, correlation id, time)
 * exact. Without a stream or type condition the server still drops KurrentDB's system streams.
 */
export function serverFilterOf(filter: ReadAllFilter): Filter {
  if (filter.streamId !== undefined) return streamRegex(`^${escapeRegex(filter.streamId)}$`);
  // A prefix filter is literal on the server: no escaping to get wrong.
  if (filter.streamPrefix !== undefined) {
    return { filterOn: 'streamName', prefixes: [filter.streamPrefix], checkpointInterval: 1 };
  }
  if (filter.types !== undefined && filter.types.length > 0) {
    return { filterOn: 'eventType', regex: `^(?:${filter.types.map(escapeRegex).join('|')})$`, checkpointInterval: 1 };
  }
  return EXCLUDE_SYSTEM_EVENTS;
}

/**
 * KurrentDB's own streams ($stats, $$<stream> metadata, projection results) start with "$". Their
 * names, not their event types, are what to filter on: a projection result stream holds events of
 * type "Result". The few "$" typed events left in other streams (links) are dropped by the reader.
 */
export const EXCLUDE_SYSTEM_EVENTS: Filter = { filterOn: 'streamName', regex: '^[^$]', checkpointInterval: 1 };

function streamRegex(regex: string): Filter {
  return { filterOn: 'streamName', regex, checkpointInterval: 1 };
}

/**
 * Whether the server filter alone decides the page: then a read of `limit + 1` events is enough.
 * Otherwise events the server sends may still be dropped here, and reads take larger chunks.
 */
export function isDecidedByServer(filter: ReadAllFilter): boolean {
  const checkedHereOnly =
    filter.actor !== undefined || filter.correlationId !== undefined || filter.from !== undefined || filter.to !== undefined;
  const serverConditions = [filter.streamId, filter.streamPrefix, filter.types].filter((c) => c !== undefined).length;
  return !checkedHereOnly && serverConditions <= 1;
}

export function matchesFilter(filter: ReadAllFilter, event: RecordedEvent): boolean {
  if (filter.streamId !== undefined && event.streamId !== filter.streamId) return false;
  if (filter.streamPrefix !== undefined && !event.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter.types !== undefined && !filter.types.includes(event.type)) return false;
  if (filter.actor !== undefined && event.metadata.actor !== filter.actor) return false;
  if (filter.correlationId !== undefined && event.metadata.correlationId !== filter.correlationId) return false;
  // recordedAt and the bounds are both whole milliseconds, so both bounds are simply inclusive.
  if (filter.from !== undefined && event.recordedAt.getTime() < filter.from.getTime()) return false;
  if (filter.to !== undefined && event.recordedAt.getTime() > filter.to.getTime()) return false;
  return true;
}

/**
 * Escapes text for the server's .NET regular expressions: ASCII punctuation gets a backslash, and
 * everything outside [A-Za-z0-9_] that is not ASCII becomes \uXXXX (per UTF-16 unit, as .NET
 * matches), because .NET refuses a backslash before a letter it does not know as an escape.
 */
export function escapeRegex(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (/[A-Za-z0-9_]/.test(char)) escaped += char;
    else if (code < 0x80 && code > 0x20 && code !== 0x7f) escaped += `\\${char}`;
    else escaped += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return escaped;
}
