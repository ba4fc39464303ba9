import { QueryClient, QueryKey } from '@tanstack/react-query';
import { Query } from './http';
import { FabricEvent } from './types';

export type StreamState = 'connecting' | 'live' | 'retrying' | 'closed';

/**
 * Follows GET /v1/events/stream (server-sent events) over fetch, since EventSource cannot send the
 * Authorization header; after a dropped connection it resumes with Last-Event-ID, so nothing is missed.
 */
export async function followEvents(options: {
  apiKey: string;
  query: Query;
  signal: AbortSignal;
  onEvents: (events: FabricEvent[]) => void;
  onState?: (state: StreamState, detail?: string) => void;
}): Promise<void> {
  const { apiKey, signal, onEvents, onState } = options;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  let lastEventId: string | undefined;
  let retryMs = 500;
  while (!signal.aborted) {
    onState?.(lastEventId ? 'retrying' : 'connecting');
    try {
      const response = await fetch(`/v1/events/stream?${params}`, {
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        signal,
      });
      if (!response.ok || !response.body) {
        const problem = await response.json().catch(() => undefined);
        // A refused request will be refused again: report it instead of retrying forever.
        if (response.status < 500) {
          onState?.('closed', problem?.detail ?? response.statusText);
          return;
        }
        throw new Error(problem?.detail ?? response.statusText);
      }
      onState?.('live');
      retryMs = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const batch: FabricEvent[] = [];
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let data = '';
          for (const line of frame.split('\n')) {
            if (line.startsWith('id:')) lastEventId = line.slice(3).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trimStart();
          }
          if (data) batch.push(JSON.parse(data) as FabricEvent);
        }
        if (batch.length > 0) onEvents(batch);
      }
    } catch (error) {
      if (signal.aborted) return;
      onState?.('retrying', error instanceof Error ? error.message : String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
    retryMs = Math.min(retryMs * 2, 10_000);
  }
}

type Listener = (events: FabricEvent[]) => void;
const listeners = new Set<Listener>();

/** Pages that draw events as they come (history, audit) listen here; lists are refreshed by invalidation. */
export function onFabricEvents(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The newest position seen on the stream: reads ask for it (minPosition) so they never show an older state. */
export const livePosition = { value: 0 };

/** Which cached reads an event makes stale, by the stream it was written to. */
export function queriesChangedBy(event: FabricEvent): QueryKey[] {
  const match = /^(vm|job|cluster|host|rolling-upgrade|replication)-(.+)$/.exec(event.streamId);
  if (!match) return [];
  const [, kind, id] = match;
  switch (kind) {
    case 'vm':
      return [['vm', id], ['vms'], ['clusters'], ['cluster'], ['hosts'], ['overview']];
    case 'job':
      return [['job', id], ['jobs'], ['overview']];
    case 'cluster':
      return [['cluster', id], ['clusters'], ['hosts'], ['overview']];
    case 'host':
      return [['hosts'], ['clusters'], ['cluster'], ['overview']];
    case 'rolling-upgrade':
      return [['upgrade', id], ['upgrades'], ['overview']];
    case 'replication':
      return [['vm', id, 'replication'], ['overview']];
    default:
      return [];
  }
}

/** Applies a batch of events: one invalidation per affected read, then the listeners. */
export function applyEvents(queryClient: QueryClient, events: FabricEvent[]): void {
  const keys = new Map<string, QueryKey>();
  for (const event of events) {
    livePosition.value = Math.max(livePosition.value, event.globalPosition);
    for (const key of queriesChangedBy(event)) keys.set(JSON.stringify(key), key);
  }
  for (const key of keys.values()) void queryClient.invalidateQueries({ queryKey: key });
  for (const listener of listeners) listener(events);
}
