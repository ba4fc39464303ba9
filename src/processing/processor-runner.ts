import { DataSource } from 'typeorm';
import { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { Processor } from './processor';
import { ProcessorPositions } from './processor-positions';

export interface RunnerOptions {
  batchSize: number;
  pollMs: number;
  onError: (processor: string, error: unknown) => void;
  onBatch?: (processor: string, events: readonly RecordedEvent[], durationMs: number) => void;
}

/** Delays for re-reading after a wake-up found nothing: another transaction may hold the horizon. */
const HORIZON_RETRY_MS = [2, 5, 10, 20, 40, 80];
/**
 * How often to re-read while the store holds committed events that this runner cannot read yet.
 * They wait behind an older transaction (of any database in the cluster), whose commit wakes
 * nobody: without this the runner would sleep a whole poll interval after the NOTIFY that
 * announced them.
 */
const HIDDEN_RETRY_MS = 100;

/**
 * Runs one processor: reads a batch after its position, applies it and moves the position in one
 * transaction. The position is re-read for every batch, so a rebuild that rewinds it (or a second
 * runner during a leadership hand-over) is noticed and nothing is applied twice.
 */
export class ProcessorRunner {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private woken = false;
  private unsubscribe: (() => void) | null = null;
  private caughtUp = false;

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
    this.unsubscribe = this.eventStore.onAppended(() => this.signal());
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.signal();
    await this.loop;
    this.loop = null;
  }

  /**
   * Applies at most one batch. Returns the number of events read (0: nothing new), or -1 when the
   * position moved under us (a rebuild rewound it) and the batch was abandoned.
   */
  async runBatch(limit = this.options.batchSize): Promise<number> {
    const { name } = this.processor;
    const before = await this.positions.read(name);
    if (!before) throw new Error(`Processor ${name} has no position row`);
    const { events, cursor } = await this.eventStore.readAll({ after: before.cursor, limit });
    if (events.length === 0 || cursor === null) return 0;
    const relevant = this.relevant(events);
    const started = performance.now();
    const outside = this.processor.effects === 'outside';
    // Effects outside PostgreSQL must not hold a transaction open: it would pin every reader's horizon.
    if (outside && relevant.length > 0) await this.processor.handle(relevant, this.dataSource.manager);
    if (relevant.length === 0 || outside) {
      // Nothing to write in PostgreSQL: move the position with one compare-and-set statement
      // instead of a locking transaction (most batches are other processors' events).
      const advanced = await this.positions.advanceIfAt(
        name,
        before.cursor,
        cursor,
        events[events.length - 1].globalPosition,
        relevant.length,
      );
      if (!advanced) return -1;
      this.options.onBatch?.(name, relevant, performance.now() - started);
      return events.length;
    }
    const moved = await this.dataSource.transaction(async (tx) => {
      // The position commits with the effects, so losing this commit in a server crash only means
      // the batch is applied again from the older position: no need to wait for the disk here.
      await tx.query('SET LOCAL synchronous_commit = off');
      const locked = await this.positions.lock(tx, name);
      if (locked.cursor !== before.cursor) return true;
      if (!outside && relevant.length > 0) await this.processor.handle(relevant, tx);
      await this.positions.advance(tx, name, cursor, events[events.length - 1].globalPosition, relevant.length);
      return false;
    });
    if (moved) return -1;
    this.options.onBatch?.(name, relevant, performance.now() - started);
    return events.length;
  }

  private relevant(events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    const types = this.processor.eventTypes;
    if (!types) return events;
    return events.filter((event) => types.includes(event.type));
  }

  /** Whether the store holds committed events beyond this runner's position that it cannot read yet. */
  private async eventsHidden(): Promise<boolean> {
    try {
      const [position, head] = await Promise.all([this.positions.read(this.processor.name), this.eventStore.headPosition()]);
      if (!position) return false;
      return !(await this.eventStore.hasReached(position.cursor, head));
    } catch {
      // Only an optimisation: polling still gets there.
      return false;
    }
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
    let errorDelay = 100;
    let horizonRetry = 0;
    while (!this.stopped) {
      this.woken = false;
      let read: number;
      try {
        read = await this.runBatch();
        errorDelay = 100;
      } catch (error) {
        this.options.onError(this.processor.name, error);
        await this.waitForWake(errorDelay);
        errorDelay = Math.min(errorDelay * 2, 5000);
        continue;
      }
      if (read !== 0) {
        this.caughtUp = false;
        horizonRetry = 0;
        continue;
      }
      this.caughtUp = true;
      if (horizonRetry < HORIZON_RETRY_MS.length) {
        // Events can be committed but hidden behind a transaction that started earlier.
        await this.waitForWake(HORIZON_RETRY_MS[horizonRetry++]);
        continue;
      }
      if (await this.eventsHidden()) {
        this.caughtUp = false;
        await this.waitForWake(Math.min(HIDDEN_RETRY_MS, this.options.pollMs));
        continue;
      }
      await this.waitForWake(this.options.pollMs);
      if (this.woken) horizonRetry = 0;
    }
  }
}
