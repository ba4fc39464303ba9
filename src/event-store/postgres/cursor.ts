/**
 * A PostgreSQL cursor is "<transaction id>/<global position>": the order readers agree on is
 * by transaction first, then by position, because positions are taken before commit.
 */
export interface DecodedCursor {
  transactionId: string;
  globalPosition: string;
}

export const START_CURSOR: DecodedCursor = { transactionId: '0', globalPosition: '0' };

export function encodeCursor(transactionId: string, globalPosition: string | number): string {
  return `${transactionId}/${globalPosition}`;
}

export function decodeCursor(cursor: string | null): DecodedCursor {
  if (cursor === null) return START_CURSOR;
  const match = /^(\d+)\/(\d+)$/.exec(cursor);
  if (!match) throw new Error(`Not a PostgreSQL event store cursor: ${cursor}`);
  return { transactionId: match[1], globalPosition: match[2] };
}

/** Negative when a is before b, zero when equal, positive when after. */
export function compareCursors(a: string, b: string): number {
  const x = decodeCursor(a);
  const y = decodeCursor(b);
  const byTransaction = compareDecimal(x.transactionId, y.transactionId);
  return byTransaction !== 0 ? byTransaction : compareDecimal(x.globalPosition, y.globalPosition);
}

function compareDecimal(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
