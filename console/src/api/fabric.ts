import { createFabricClient, FabricClient } from 'fabric-client';

export type StreamState = 'connecting' | 'live' | 'retrying' | 'closed' | 'polling';

/** The newest position seen on the event stream: reads ask for it (minPosition) so they never show an older state. */
export const livePosition = { value: 0 };

/** How far the service's clock is ahead of this browser's, from the Date header of its answers. */
let serverClockOffsetMs = 0;

/** The service's time now, so a filter by time means the same to both sides. */
export function serverNow(): number {
  return Date.now() + serverClockOffsetMs;
}

/** `{ minPosition }` for a GET once the stream has shown an event, else nothing. */
export function fresh(): { minPosition?: number } {
  return livePosition.value > 0 ? { minPosition: livePosition.value } : {};
}

/**
 * The typed client for this page's own origin. Its fetch is observed for two things the client does
 * not report: an answer of 401 (the key was revoked: back to sign-in) and the event stream opening.
 */
export function connect(
  apiKey: string,
  hooks: { onUnauthenticated?: () => void; onStream?: (state: StreamState) => void } = {},
): FabricClient {
  return createFabricClient({
    baseUrl: '',
    apiKey,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const stream = new URL(request.url).pathname === '/v1/events/stream';
      try {
        const response = await fetch(request);
        const date = Date.parse(response.headers.get('date') ?? '');
        // The Date header has whole seconds: the server's clock is somewhere in the second it names.
        if (Number.isFinite(date)) serverClockOffsetMs = date + 500 - Date.now();
        if (response.status === 401) hooks.onUnauthenticated?.();
        if (stream) hooks.onStream?.(response.ok ? 'live' : 'closed');
        return response;
      } catch (error) {
        if (stream && !request.signal.aborted) hooks.onStream?.('retrying');
        throw error;
      }
    },
  });
}
