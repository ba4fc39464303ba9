import { EventStore } from '../event-store/event-store.port';

/**
 * Whether a processor at `cursor` has applied everything it handles up to `position`. A processor
 * that reads only some event types moves its position past the others lazily (when it polls), so
 * it has also reached `position` when nothing of its types lies between its position and that
 * event, and the store has searched that far.
 */
export async function processorHasReached(
  store: EventStore,
  cursor: string | null,
  position: number,
  types: readonly string[] | undefined,
): Promise<boolean> {
  if (await store.hasReached(cursor, position)) return true;
  if (!types) return false;
  const next = await store.readAll({ after: cursor, limit: 1, filter: { types }, scanned: true });
  const first = next.events[0];
  if (first) return first.globalPosition !== position && store.hasReached(first.cursor, position);
  return next.scanned !== undefined && store.hasReached(next.scanned.cursor, position);
}
