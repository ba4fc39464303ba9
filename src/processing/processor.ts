import { EntityManager } from 'typeorm';
import { RecordedEvent } from '../event-store/event-store.port';

/**
 * Anything that follows the global event order: a projection, a process manager, the job
 * dispatcher. Its position moves in the same transaction as its effects on PostgreSQL, so a crash
 * never applies an event twice nor skips one.
 */
export interface Processor {
  readonly name: string;
  /** Event types the processor cares about; others only move its position. Omitted: all. */
  readonly eventTypes?: readonly string[];
  /**
   * Where the effects land. 'transaction' (default): in PostgreSQL, inside the transaction that
   * also records the new position. 'outside': elsewhere (other streams, Redis); they run before
   * that transaction and must be idempotent, since a crash in between repeats them.
   */
  readonly effects?: 'transaction' | 'outside';
  /**
   * What makes it read. 'append' (default): an append of one of its types wakes it at once.
   * 'poll': only its poll interval, in larger batches; for safety nets whose work is normally done
   * on the spot by someone else, so that they cost nothing per append.
   */
  readonly wakeUp?: 'append' | 'poll';
  /** Applies a batch; `tx` is the position's transaction for 'transaction' processors. */
  handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /**
   * Clears everything the processor derived so that a rebuild can replay from zero. Only pure
   * projections have it: processors with effects outside PostgreSQL are never replayed.
   */
  reset?(tx: EntityManager): Promise<void>;
}
