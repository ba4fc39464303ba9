/**
 * A KurrentDB cursor is "kdb:<commit>:<prepare>", the $all position of the last event a reader has
 * seen. $all is the server's transaction log, so this order is final when an event becomes
 * readable: no event can appear later below a position a reader has passed.
 *
 * The "kdb:" prefix keeps the cursors of the two stores apart: a processor position written by the
 * PostgreSQL adapter ("<transaction id>/<position>") is refused here instead of being misread.
 */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

const CURSOR_PATTERN = /^kdb:(\d{1,20}):(\d{1,20})$/;

export function encodeCursor(position: LogPosition): string {
  return `kdb:${position.commit}:${position.prepare}`;
}

export function decodeCursor(cursor: string): LogPosition {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) {
    throw new Error(
      `Not a KurrentDB event store cursor: ${cursor} (a position from another event store? move positions with npm run event-store:copy)`,
    );
  }
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** Negative when a is before b in $all, zero when equal, positive when after. */
export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * The port's global position is the commit position, a byte offset in the log. Events written
 * through gRPC each have their own (commit equals prepare); only events of the old explicit
 * transactions (TCP clients, before 20.x) share one commit position, and the cursor still tells
 * them apart by their prepare position.
 */
export function globalPositionOf(position: LogPosition): number {
  const value = Number(position.commit);
  if (!Number.isSafeInteger(value)) throw new Error(`KurrentDB commit position ${position.commit} is beyond 2^53`);
  return value;
}

/** The $all position an event at a global position has (commit and prepare are equal for gRPC writes). */
export function positionOfGlobalPosition(globalPosition: number): LogPosition {
  if (!Number.isSafeInteger(globalPosition) || globalPosition < 0) throw new Error(`invalid global position ${globalPosition}`);
  return { commit: BigInt(globalPosition), prepare: BigInt(globalPosition) };
}

/** Whether a reader at `cursor` has seen the event at `globalPosition`. */
export function cursorHasReached(cursor: string | null, globalPosition: number): boolean {
  if (globalPosition <= 0) return true;
  if (cursor === null) return false;
  return comparePositions(positionOfGlobalPosition(globalPosition), decodeCursor(cursor)) <= 0;
}
