import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { FabricUnreachable } from './problem';
import type { AuditEvent } from './types';

/** Which events to follow: the filters of `GET /v1/events/stream`, and where to start. */
export interface EventStreamOptions {
  streamId?: string;
  /** One event type, or several (sent comma-separated). */
  type?: string | string[];
  actor?: string;
  correlationId?: string;
  from?: string;
  to?: string;
  /** Start after the event at this global position; without it (or 0) the stream starts with the first stored event. */
  after?: number;
  /** Resume after this event id (an earlier event's `globalPosition`); wins over `after`. */
  lastEventId?: string | number;
  /** Reconnect when the connection drops (default true); false ends the iterator instead. */
  reconnect?: boolean;
  signal?: AbortSignal;
}

interface StreamTarget {
  url: string;
  fetch: typeof fetch;
  headers: Record<string, string>;
}

const FIRST_RECONNECT_MS = 250;
const MAX_RECONNECT_MS = 5_000;

/**
 * Server-sent events parsed from a fetch body (an EventSource cannot send the bearer header).
 * Each event is yielded once: after a reconnect the server resumes after `Last-Event-ID`.
 */
export async function* followEvents(target: StreamTarget, options: EventStreamOptions): AsyncGenerator<AuditEvent> {
  const query = new URLSearchParams();
  for (const name of ['streamId', 'actor', 'correlationId', 'from', 'to'] as const) {
    const value = options[name];
    if (value !== undefined) query.set(name, value);
  }
  if (options.type !== undefined) query.set('type', Array.isArray(options.type) ? options.type.join(',') : options.type);
  if (options.after !== undefined) query.set('after', String(options.after));
  const url = query.size > 0 ? `${target.url}?${query}` : target.url;

  let lastEventId = options.lastEventId === undefined ? undefined : String(options.lastEventId);
  let reconnectMs = FIRST_RECONNECT_MS;
  let serverRetryMs: number | undefined;
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (!stop.signal.aborted) {
      const headers: Record<string, string> = { ...target.headers, accept: 'text/event-stream' };
      if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
      // One controller per connection: ending it never waits on the stream (a cancel can wait on the network).
      const connection = new AbortController();
      const endConnection = () => connection.abort();
      stop.signal.addEventListener('abort', endConnection, { once: true });
      try {
        let body: ReadableStream<Uint8Array> | null = null;
        try {
          const response = await target.fetch(url, { headers, signal: connection.signal });
          body = response.body;
        } catch (error) {
          if (stop.signal.aborted) return;
          // A refusal (bad filter, no permission) will not get better by asking again.
          if (!(error instanceof FabricUnreachable) || !(options.reconnect ?? true)) throw error;
        }
        if (body) {
          const pending: EventSourceMessage[] = [];
          const parser = createParser({
            onEvent: (message) => pending.push(message),
            onRetry: (ms) => (serverRetryMs = ms),
          });
          const reader = body.getReader();
          // Aborting the fetch does not always reach its body (a cloned request's signal can be let
          // go of): the abort ends the pending read here instead, and the body is cancelled unawaited.
          const ended = new Promise<{ done: true; value: undefined }>((resolve) => {
            const end = () => resolve({ done: true, value: undefined });
            if (connection.signal.aborted) end();
            else connection.signal.addEventListener('abort', end, { once: true });
          });
          const decoder = new TextDecoder();
          for (;;) {
            const chunk = await Promise.race([reader.read().catch(() => ({ done: true as const, value: undefined })), ended]);
            if (chunk.done) {
              reader.cancel().catch(() => undefined);
              break;
            }
            parser.feed(decoder.decode(chunk.value, { stream: true }));
            while (pending.length > 0) {
              const message = pending.shift()!;
              if (message.id !== undefined) lastEventId = message.id;
              reconnectMs = FIRST_RECONNECT_MS;
              yield JSON.parse(message.data) as AuditEvent;
            }
          }
        }
      } finally {
        stop.signal.removeEventListener('abort', endConnection);
        connection.abort();
      }
      if (stop.signal.aborted || !(options.reconnect ?? true)) return;
      await pause(serverRetryMs ?? reconnectMs, stop.signal);
      reconnectMs = Math.min(reconnectMs * 2, MAX_RECONNECT_MS);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
