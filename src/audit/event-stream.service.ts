import { BeforeApplicationShutdown, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { ApiKeyAuthenticator, KEY_CACHE_TTL_MS } from '../access/api-key-authenticator';
import { EVENT_STORE, EventStore, ReadAllFilter, RecordedEvent } from '../event-store/event-store.port';
import { Principal } from '../platform/auth/principal';
import { AppConfig } from '../platform/config';
import { ProblemError } from '../platform/http/problem';
import { APP_CONFIG, LOGGER, REDIS } from '../platform/tokens';
import { toAuditEvent } from './audit-event';
import { matchesFilter } from './event-selection';

/** A comment line this often keeps proxies and clients from timing an idle stream out. */
export const HEARTBEAT_MS = 15_000;
/** Appends wake a stream at once; this poll catches what a wake-up cannot (other processes' commits behind an open transaction). */
export const POLL_MS = 1_000;
/** Events per read of the backlog: a stream holds at most one page in memory while its client reads. */
const BATCH = 200;
const SHUTDOWN_GRACE_MS = 2_000;
/** A stream's slot in its key's count lapses this long after its process stops renewing it (a crash). */
const SLOT_LEASE_MS = 30_000;

/** Takes a slot when the key has fewer than its limit of live ones; lapsed slots are dropped first. */
const TAKE_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** One server-sent event: the id is the global position, which `Last-Event-ID` resumes after. */
export function formatEvent(event: RecordedEvent): string {
  return `id: ${event.globalPosition}\nevent: ${event.type.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(toAuditEvent(event))}\n\n`;
}

/** A wake-up that is not lost when it comes while the reader is busy. */
class Wakeup {
  private pending = false;
  private waiter: (() => void) | null = null;

  signal(): void {
    this.pending = true;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** Resolves at the next signal (at once if one came since the last wait), or after `ms`. */
  async wait(ms: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined = undefined;
        const done = () => {
          clearTimeout(timer);
          this.waiter = null;
          resolve();
        };
        this.waiter = done;
        timer = setTimeout(done, ms);
      });
    }
    this.pending = false;
  }
}

/** One client's stream: the backlog after its cursor, then live events, until either side stops. */
class EventStreamSession {
  private stopped = false;
  private readonly wakeup = new Wakeup();
  readonly done: Promise<void>;

  constructor(
    readonly id: string,
    readonly keyId: string,
    readonly raw: ServerResponse,
    private readonly store: EventStore,
    private cursor: string | null,
    private readonly filter: ReadAllFilter,
    private readonly heartbeatMs: number,
    private readonly logger: Logger,
  ) {
    // 'close' comes when the client goes away (and after the response ends).
    raw.on('close', this.stop);
    // A client gone before the stream began has already had its 'close'.
    if (raw.destroyed || !raw.socket || raw.socket.destroyed) this.stopped = true;
    this.done = this.run();
  }

  /** Ends the stream because its key was revoked: the client is told why before it ends. */
  revoke(): void {
    if (this.stopped) return;
    this.write(': the API key of this stream was revoked\n\n');
    this.stop();
  }

  readonly stop = (): void => {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeup.signal();
  };

  /**
   * The backlog is read with the store's filter. Once caught up, the stream reads everything and
   * filters here: the store's cursor only moves past events that match, so a selective filter would
   * otherwise rescan every event since its last match on each wake-up.
   */
  private async run(): Promise<void> {
    const unsubscribe = this.store.onAppended(() => this.wakeup.signal());
    const heartbeat = setInterval(() => this.write(': heartbeat\n\n'), this.heartbeatMs);
    let caughtUp = false;
    try {
      while (!this.stopped) {
        const page = await this.store.readAll({ after: this.cursor, limit: BATCH, filter: caughtUp ? undefined : this.filter });
        if (this.stopped) break;
        if (page.events.length > 0) {
          this.cursor = page.cursor;
          const selected = caughtUp ? page.events.filter((event) => matchesFilter(this.filter, event)) : page.events;
          if (selected.length > 0 && !this.write(selected.map(formatEvent).join(''))) await this.drained();
          if (page.events.length === BATCH) continue;
        }
        caughtUp = true;
        await this.wakeup.wait(POLL_MS);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'event stream stopped by an error');
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      this.raw.off('close', this.stop);
      if (!this.raw.writableEnded) this.raw.end();
    }
  }

  private write(chunk: string): boolean {
    if (this.stopped || this.raw.writableEnded || this.raw.destroyed) return true;
    return this.raw.write(chunk);
  }

  /** Backpressure: wait until the client has taken what was written, or the stream stops. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearInterval(check);
        this.raw.off('drain', done);
        this.raw.off('close', done);
        resolve();
      };
      const check = setInterval(() => this.stopped && done(), 100);
      this.raw.on('drain', done);
      this.raw.on('close', done);
    });
  }
}

/**
 * Serves `GET /v1/events/stream`: at most EVENT_STREAMS_PER_KEY open streams per API key across
 * every process (slots in Redis, leased and renewed), closed when their key is revoked (at once
 * in the process that revoked it, within a few seconds elsewhere), and ended on shutdown.
 */
@Injectable()
export class EventStreamService implements BeforeApplicationShutdown, OnModuleDestroy {
  private readonly sessions = new Set<EventStreamSession>();
  /** Interval of the heartbeat comment for streams opened from now on (tests shorten it). */
  heartbeatMs = HEARTBEAT_MS;
  private readonly stopListening: () => void;
  private readonly upkeep: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {
    this.stopListening = authenticator.onRevoked((keyId) => this.revokeStreamsOf(keyId));
    this.upkeep = setInterval(() => void this.keepUp(), KEY_CACHE_TTL_MS);
    this.upkeep.unref();
  }

  get openStreams(): number {
    return this.sessions.size;
  }

  /**
   * Takes the reply over from Fastify and streams the selected events after `after` to it; 429
   * (before anything is streamed) when the key already has its limit of open streams.
   */
  async serve(reply: FastifyReply, after: string | null, filter: ReadAllFilter, principal: Principal): Promise<void> {
    const id = randomUUID();
    if (!(await this.takeSlot(principal.keyId, id))) {
      throw new ProblemError(
        429,
        'TOO_MANY_STREAMS',
        `This API key already has ${this.config.eventStreamsPerKey} open event streams; close one first`,
        { limit: this.config.eventStreamsPerKey },
        { 'retry-after': '5' },
      );
    }
    reply.hijack();
    const raw = reply.raw;
    // Headers set so far (x-request-id) would only reach the client through reply.send.
    const earlier = Object.entries(reply.getHeaders()).filter(
      (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
    );
    raw.writeHead(200, {
      ...Object.fromEntries(earlier),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      // The connection ends with the stream: kept alive, a stream its client abandoned would hold
      // its socket (and the server's shutdown) until the keep-alive timeout.
      connection: 'close',
    });
    raw.write(': stream open\n\n');
    const session = new EventStreamSession(id, principal.keyId, raw, this.store, after, filter, this.heartbeatMs, this.logger);
    this.sessions.add(session);
    void session.done.finally(() => {
      this.sessions.delete(session);
      void this.releaseSlot(session.keyId, session.id);
    });
  }

  private revokeStreamsOf(keyId: string): void {
    for (const session of this.sessions) if (session.keyId === keyId) session.revoke();
  }

  /** Ends the streams of keys revoked elsewhere, and renews the slots of the streams still open. */
  private async keepUp(): Promise<void> {
    const keyIds = new Set([...this.sessions].map((session) => session.keyId));
    for (const keyId of keyIds) {
      try {
        if (!(await this.authenticator.isActive(keyId))) this.revokeStreamsOf(keyId);
      } catch (error) {
        this.logger.warn({ err: error, keyId }, 'could not re-check the key of open event streams');
      }
    }
    if (this.config.eventStreamsPerKey === 0 || this.redis.status !== 'ready' || this.sessions.size === 0) return;
    const expires = Date.now() + SLOT_LEASE_MS;
    const renewal = this.redis.pipeline();
    for (const session of this.sessions) {
      renewal.zadd(this.slotsKey(session.keyId), 'XX', expires, session.id).pexpire(this.slotsKey(session.keyId), SLOT_LEASE_MS);
    }
    await renewal.exec().catch((error: unknown) => this.logger.warn({ err: error }, 'could not renew event stream slots'));
  }

  private slotsKey(keyId: string): string {
    return `${this.config.redisPrefix}:event-streams:${keyId}`;
  }

  /** When Redis is not answering, streams are not counted: availability of the API comes first. */
  private async takeSlot(keyId: string, id: string): Promise<boolean> {
    const limit = this.config.eventStreamsPerKey;
    if (limit === 0 || this.redis.status !== 'ready') return true;
    const now = Date.now();
    try {
      const taken = await this.redis.eval(TAKE_SLOT, 1, this.slotsKey(keyId), now, limit, now + SLOT_LEASE_MS, id, SLOT_LEASE_MS);
      return Number(taken) === 1;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not count the open event streams of a key');
      return true;
    }
  }

  private async releaseSlot(keyId: string, id: string): Promise<void> {
    if (this.config.eventStreamsPerKey === 0 || this.redis.status !== 'ready') return;
    await this.redis.zrem(this.slotsKey(keyId), id).catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.stopListening();
    clearInterval(this.upkeep);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const open = [...this.sessions];
    for (const session of open) session.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(open.map((session) => session.done)),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
    ]);
    clearTimeout(timer);
    // A client that stopped reading would hold the HTTP server open.
    for (const session of open) if (!session.raw.writableFinished) session.raw.destroy();
  }
}
