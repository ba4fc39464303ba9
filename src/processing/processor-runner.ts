import { DataSource } from 'typeorm';
import { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { Processor } from './processor';
import { ProcessorPosition, ProcessorPositions } from './processor-positions';

export interface RunnerOptions {
  batchSize: number;
  pollMs: number;
  onError: (processor: string, error: unknown) => void;
  onBatch?: (processor: string, events: readonly RecordedEvent[], durationMs: number) => void;
  /** After every batch that moved the position (read-your-writes waits on it). */
  onAdvance?: (processor: string) => void;
}

/**
 * Delays for re-reading while events this runner handles are committed but wait behind an older
 * appending transaction: that transaction's commit may wake nobody here (it may append other types).
 */
const HIDDEN_RETRY_MS = [2, 5, 10, 20, 40, 80, 100];
/**
 * How often an idle runner moves its position past the events of other types and re-reads its
 * position row (which notices a rebuild's rewind even when nothing new arrives).
 */
const SCAN_EVERY_MS = 5000;
/** How much longer the poll interval is while every append wakes the runner. */
const HEARING_POLL_FACTOR = 10;
/**
 * How long a runner that applied effects outside PostgreSQL (or only skipped other types) keeps its
 * new position in memory before writing it, in case the next wake-up comes first: the next batch
 * then moves the position once for both. A crash in between applies those effects again, which
 * such effects allow (they are idempotent).
 */
const POSITION_WRITE_DELAY_MS = 100;

/**
 * Runs one processor: reads a batch of the event types it handles after its position, applies it
 * and moves the position in one transaction. Every move of the position is a compare-and-set, so a
 * rebuild that rewinds it (or a second runner during a leadership hand-over) is noticed and nothing
 * is applied twice. It sleeps until an append of one of its types wakes it, or its poll interval.
 */
export class ProcessorRunner {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private woken = false;
  private unsubscribe: (() => void) | null = null;
  private caughtUp = false;
  private position: Pick<ProcessorPosition, 'cursor' | 'globalPosition'> | null = null;
  /** Set while `position` is ahead of the stored row: where the row is, and the events applied since. */
  private unwritten: { storedCursor: string | null; events: number } | null = null;

  constructor(
    readonly processor: Processor,
    private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly positions: ProcessorPositions,
    private readonly options: RunnerOptions,
  ) {}

  get running(): boolean {
    return !this.stopped;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // Woken only by appends of the types it handles: an idle processor costs nothing per append.
    // A safety net that polls is not woken at all.
    if (this.processor.wakeUp !== 'poll') {
      this.unsubscribe = this.eventStore.onAppended(() => this.signal(), this.processor.eventTypes);
    }
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.signal();
    await this.loop;
    this.loop = null;
    // The next runner (here or in another process) starts from the stored row.
    await this.writePosition().catch((error: unknown) => this.options.onError(this.processor.name, error));
  }

  /**
   * Applies at most one batch. Returns the number of events read (0: nothing new), or -1 when the
   * position moved under us (a rebuild rewound it) and the batch was abandoned. With `scan`, a
   * processor that reads only some types also moves its position past the others, as far as the
   * store has searched.
   */
  async runBatch(limit = this.options.batchSize, scan = true): Promise<number> {
    return (await this.batch(limit, scan, false)).read;
  }

  /** Writes a position kept in memory; false when the row moved under us (then the next batch re-reads it). */
  private async writePosition(): Promise<boolean> {
    const unwritten = this.unwritten;
    const position = this.position;
    if (!unwritten || !position || position.cursor === null) return true;
    this.unwritten = null;
    const written = await this.positions.advanceIfAt(
      this.processor.name,
      unwritten.storedCursor,
      position.cursor,
      position.globalPosition,
      unwritten.events,
    );
    if (!written) this.position = null;
    return written;
  }

  /**
   * With `defer`, a position move that writes nothing else waits in memory (see
   * POSITION_WRITE_DELAY_MS); the run loop writes it when no wake-up comes in time.
   */
  private async batch(limit: number, scan: boolean, defer: boolean): Promise<{ read: number; hidden: boolean }> {
    const { name, eventTypes } = this.processor;
    // A scan (or a caller outside the run loop) starts from the stored row: write ours first.
    if ((scan || !defer) && !(await this.writePosition())) return { read: -1, hidden: false };
    // After a wake-up, the position this runner wrote last: every write compares it with the row,
    // so a rewind by a rebuild (or another runner during a hand-over) is noticed at the next write,
    // and at the latest at the next scan, which reads the row.
    const before = (scan ? null : this.position) ?? (await this.positions.read(name));
    if (!before) throw new Error(`Processor ${name} has no position row`);
    this.position = null;
    // What the stored row must still hold for the next write to go through.
    const unwritten = this.unwritten ?? { storedCursor: before.cursor, events: 0 };
    this.unwritten = null;
    // The store reads only the types the processor handles; `scanned` says how far it searched.
    const read = await this.eventStore.readAll({
      after: before.cursor,
      limit,
      filter: eventTypes ? { types: eventTypes } : undefined,
      scanned: scan && eventTypes !== undefined,
      hidden: true,
    });
    const { events } = read;
    const hidden = read.hidden ?? false;
    const last = events[events.length - 1];
    const to = read.scanned ?? (last ? { cursor: last.cursor, globalPosition: last.globalPosition } : null);
    if (to === null || to.cursor === before.cursor) {
      this.position = before;
      this.unwritten = unwritten.events > 0 || unwritten.storedCursor !== before.cursor ? unwritten : null;
      return { read: 0, hidden };
    }
    const started = performance.now();
    const outside = this.processor.effects === 'outside';
    // Effects outside PostgreSQL must not hold a transaction open: it would pin every reader's horizon.
    if (outside && events.length > 0) await this.processor.handle(events, this.dataSource.manager);
    if (events.length === 0 || outside) {
      // Nothing to write in PostgreSQL but the position: kept in memory for a moment, or moved with
      // one compare-and-set statement instead of a locking transaction.
      if (defer) {
        this.unwritten = { storedCursor: unwritten.storedCursor, events: unwritten.events + events.length };
      } else {
        const advanced = await this.positions.advanceIfAt(
          name,
          unwritten.storedCursor,
          to.cursor,
          to.globalPosition,
          unwritten.events + events.length,
        );
        if (!advanced) return { read: -1, hidden };
      }
    } else {
      const moved = await this.dataSource.transaction(async (tx) => {
        // The position commits with the effects, so losing this commit in a server crash only means
        // the batch is applied again from the older position: no need to wait for the disk here.
        await tx.query('SET LOCAL synchronous_commit = off');
        const locked = await this.positions.lock(tx, name);
        if (locked.cursor !== unwritten.storedCursor) return true;
        await this.processor.handle(events, tx);
        await this.positions.advance(tx, name, to.cursor, to.globalPosition, unwritten.events + events.length);
        return false;
      });
      if (moved) return { read: -1, hidden };
    }
    this.position = { cursor: to.cursor, globalPosition: to.globalPosition };
    if (events.length > 0) this.options.onBatch?.(name, events, performance.now() - started);
    this.options.onAdvance?.(name);
    return { read: events.length, hidden };
  }

  private signal(): void {
    this.woken = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private waitForWake(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async runLoop(): Promise<void> {
    const limit = this.options.batchSize;
    let errorDelay = 100;
    let hiddenRetry = 0;
    // Moving the position past events of other types (and re-reading the position row) costs a
    // search and a write: done at start and then at most every SCAN_EVERY_MS, when a poll interval
    // passed with no wake-up; never after a wake-up.
    let scan = true;
    let lastScan = 0;
    while (!this.stopped) {
      this.woken = false;
      let batch: { read: number; hidden: boolean };
      try {
        batch = await this.batch(limit, scan, true);
        errorDelay = 100;
      } catch (error) {
        this.options.onError(this.processor.name, error);
        await this.waitForWake(errorDelay);
        errorDelay = Math.min(errorDelay * 2, 5000);
        continue;
      }
      if (scan) lastScan = Date.now();
      scan = false;
      // A full batch (or a batch abandoned to a rewind): there is more to read at once.
      if (batch.read === -1 || batch.read === limit) {
        this.caughtUp = false;
        continue;
      }
      if (batch.hidden) {
        this.caughtUp = false;
        await this.waitForWake(
          Math.min(HIDDEN_RETRY_MS[Math.min(hiddenRetry++, HIDDEN_RETRY_MS.length - 1)], this.options.pollMs),
        );
        continue;
      }
      // Everything committed of its types is applied; the next append of one of them wakes it.
      hiddenRetry = 0;
      this.caughtUp = true;
      if (this.unwritten) {
        await this.waitForWake(POSITION_WRITE_DELAY_MS);
        if (this.woken) continue;
        try {
          await this.writePosition();
        } catch (error) {
          this.options.onError(this.processor.name, error);
        }
      }
      // A runner that hears every append polls only as a safety net (a notification lost while the
      // LISTEN connection was being replaced); one that is never woken polls at the plain interval.
      const hearing = this.processor.wakeUp !== 'poll' && this.eventStore.hearsAllAppends?.();
      await this.waitForWake(this.options.pollMs * (hearing ? HEARING_POLL_FACTOR : 1));
      scan = !this.woken && Date.now() - lastScan >= SCAN_EVERY_MS;
    }
  }
}
