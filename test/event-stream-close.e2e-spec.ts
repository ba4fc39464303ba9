import { describe, it } from 'node:test';
import { expect } from 'expect';
import { connect, Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redis } from 'ioredis';
import { EventStreamService } from '../src/audit/event-stream.service';
import { REDIS } from '../src/platform/tokens';
import { fabricClient } from './support/fabric';
import { eventually, startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

/**
 * Event streams end cleanly from either side: a client that stops gets its pending read settled,
 * the server notices the closed connection and gives back the stream's slot, and the service
 * stops without waiting on connections that carry no request. No assertion is timed: a close that
 * hangs is caught by the test's own timeout, well below the keep-alive timeout it used to wait for.
 */

const CLOSE_TIMEOUT_MS = 30_000;

/** A full garbage collection, as can happen at any moment while a stream waits. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The slots the key's open streams hold in Redis (EVENT_STREAMS_PER_KEY). */
async function heldSlots(t: TestApp): Promise<number> {
  const redis = t.app.get<Redis>(REDIS);
  const keys = await redis.keys(`${t.infrastructure.config.redisPrefix}:event-streams:*`);
  let held = 0;
  for (const key of keys) held += await redis.zcard(key);
  return held;
}

async function streamsOpen(t: TestApp, count: number): Promise<void> {
  const service = t.app.get(EventStreamService);
  await eventually(async () => (service.openStreams === count ? true : undefined), 10_000, `${count} open event streams`);
  await eventually(async () => ((await heldSlots(t)) === count ? true : undefined), 10_000, `${count} held stream slots`);
}

/** A raw SSE response whose first bytes (the opening comment) have arrived. */
async function openRawStream(t: TestApp, signal?: AbortSignal) {
  const response = await fetch(`${t.baseUrl}/v1/events/stream?type=NothingEverHappened`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain(': stream open');
  return reader;
}

/** A client's spare connection: connected, never sending a request. */
async function idleConnection(t: TestApp): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed };
}

describe('event streams that end', () => {
  it("settles the typed client's pending read when its signal aborts, and the server gives the stream and its slot back", { timeout: CLOSE_TIMEOUT_MS }, async () => {
    const t = await startTestApp({ EVENT_STREAMS_PER_KEY: '4' });
    try {
      const controller = new AbortController();
      const events = fabricClient(t).events({ type: 'NothingEverHappened', signal: controller.signal });
      const pending = events.next();
      await streamsOpen(t, 1);
      // The request objects the fetch was made with may be gone by the time the client stops.
      collectGarbage();
      controller.abort();
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(await events.next()).toEqual({ done: true, value: undefined });
      await streamsOpen(t, 0);
    } finally {
      await t.close();
    }
  });

  it('closes the service without waiting on a stream its client abandoned or on a connection that carries no request', { timeout: CLOSE_TIMEOUT_MS }, async () => {
    const t = await startTestApp({ EVENT_STREAMS_PER_KEY: '4' });
    let closed = false;
    try {
      const controller = new AbortController();
      const abandoned = await openRawStream(t, controller.signal);
      const pendingRead = abandoned.read().catch((error: Error) => error.name);
      await streamsOpen(t, 1);
      controller.abort();
      expect(await pendingRead).toBe('AbortError');
      await streamsOpen(t, 0);
      const spare = await idleConnection(t);
      await t.close();
      closed = true;
      await spare.closed;
    } finally {
      if (!closed) await t.close();
    }
  });

  it('ends the streams still open when the service stops, and their clients see the end', { timeout: CLOSE_TIMEOUT_MS }, async () => {
    const t = await startTestApp({ EVENT_STREAMS_PER_KEY: '4' });
    let closed = false;
    try {
      const open = await openRawStream(t);
      await streamsOpen(t, 1);
      const ended = (async () => {
        for (;;) {
          const chunk = await open.read().catch(() => ({ done: true }));
          if (chunk.done) return true;
        }
      })();
      await t.close();
      closed = true;
      expect(await ended).toBe(true);
    } finally {
      if (!closed) await t.close();
    }
  });
});
