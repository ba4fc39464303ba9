import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ServerResponse } from 'node:http';
import { Logger } from 'pino';
import { EVENT_STORE, EventStore, ReadAllFilter, RecordedEvent } from '../event-store/event-store.port';
import { LOGGER } from '../platform/tokens';
import { toAuditEvent } from './audit-event';
import { matchesFilter } from './event-selection';

/** A comment line this often keeps proxies and clients from timing an idle stream out. */
export const HEARTBEAT_MS = 15_000;
/** Appends wake a stream at once; this poll catches what a wake-up cannot (other processes' commits behind an open transaction). */
export const POLL_MS = 1_000;
const BATCH = 500;
const SHUTDOWN_GRACE_MS = 2_000;

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

/** Serves `GET /v1/events/stream` and ends every open stream when the application shuts down. */
@Injectable()
export class EventStreamService implements BeforeApplicationShutdown {
  private readonly sessions = new Set<EventStreamSession>();
  /** Interval of the heartbeat comment for streams opened from now on (tests shorten it). */
  heartbeatMs = HEARTBEAT_MS;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get openStreams(): number {
    return this.sessions.size;
  }

  /** Takes the reply over from Fastify and streams the selected events after `after` to it. */
  serve(reply: FastifyReply, after: string | null, filter: ReadAllFilter): void {
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
    });
    raw.write(': stream open\n\n');
    const session = new EventStreamSession(raw, this.store, after, filter, this.heartbeatMs, this.logger);
    this.sessions.add(session);
    void session.done.finally(() => this.sessions.delete(session));
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
