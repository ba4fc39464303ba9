import { Client } from 'pg';
import { redact } from '../../platform/database';

/**
 * Processor positions are cursors of the store they were read from. After a copy, the same event
 * has another cursor in the target; since the copy keeps the order, "everything up to this event"
 * means the same events in both stores, so each position moves to its event's cursor in the target.
 */
export interface StoredCursor {
  name: string;
  cursor: string;
}

export class ProcessorPositionsError extends Error {}

export async function readProcessorCursors(url: string): Promise<StoredCursor[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<StoredCursor>(
      'SELECT name, cursor FROM fm_processor_positions WHERE cursor IS NOT NULL ORDER BY name',
    );
    return rows;
  });
}

export async function moveProcessorPositions(
  url: string,
  positions: readonly StoredCursor[],
  translated: ReadonlyMap<string, { cursor: string; globalPosition: number }>,
): Promise<{ moved: string[]; unknown: string[] }> {
  // All or none: a processor left on a cursor of the other store would stop the service.
  const unknown = positions
    .filter((position) => !translated.has(position.cursor))
    .map((position) => `${position.name} (${position.cursor}; moved by an earlier run?)`);
  if (unknown.length > 0) return { moved: [], unknown };
  const moved: string[] = [];
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      for (const position of positions) {
        const copy = translated.get(position.cursor)!;
        // Only from the cursor read before the copy: a processor that moved meanwhile means a running service.
        const { rowCount } = await client.query(
          `UPDATE fm_processor_positions SET cursor = $3, global_position = $4, updated_at = now()
            WHERE name = $1 AND cursor = $2`,
          [position.name, position.cursor, copy.cursor, copy.globalPosition],
        );
        if (rowCount !== 1) {
          throw new ProcessorPositionsError(
            `The position of ${position.name} changed during the copy: stop the service and run it again`,
          );
        }
        moved.push(position.name);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
  return { moved, unknown };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new ProcessorPositionsError(`Cannot reach the positions database ${redact(url)} (${(error as Error).message})`);
  }
  try {
    return await work(client);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') {
      throw new ProcessorPositionsError(`${redact(url)} holds no processor positions (no fm_processor_positions table)`);
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
