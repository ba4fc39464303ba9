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
  /** Applies a batch inside the transaction that also records the new position. */
  handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /**
   * Clears everything the processor derived so that a rebuild can replay from zero. Only pure
   * projections have it: processors with effects outside PostgreSQL are never replayed.
   */
  reset?(tx: EntityManager): Promise<void>;
}
