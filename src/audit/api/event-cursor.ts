import { ProblemError } from '../../platform/http/problem';

/** Where an event list continues: after the event at `position` (none: from the start), named by `path`. */
export interface StartPosition {
  position: number | undefined;
  path: 'after' | 'cursor';
}

/**
 * `after` (a globalPosition) starts a listing; `cursor` (a page's `nextCursor`, already
 * shape-checked by the DTO) continues it and wins, as Last-Event-ID wins over `after` on the stream:
 * a client that follows pages repeats the first page's query, `after` included, and adds the cursor.
 */
export function startPositionOf(query: { after?: number; cursor?: string }): StartPosition {
  if (query.cursor === undefined) return { position: query.after, path: 'after' };
  const position = Number(query.cursor);
  if (!Number.isSafeInteger(position)) {
    throw new ProblemError(400, 'VALIDATION_FAILED', 'cursor must be a nextCursor this server handed out', {
      errors: [{ path: 'cursor', message: 'must be a nextCursor this server handed out' }],
    });
  }
  return { position, path: 'cursor' };
}
