import { DataSource, EntityManager } from 'typeorm';

export interface ProcessorPosition {
  name: string;
  cursor: string | null;
  globalPosition: number;
  eventsProcessed: number;
  updatedAt: Date;
}

interface PositionRow {
  name: string;
  cursor: string | null;
  global_position: string;
  events_processed: string;
  updated_at: Date;
}

const toPosition = (row: PositionRow): ProcessorPosition => ({
  name: row.name,
  cursor: row.cursor,
  globalPosition: Number(row.global_position),
  eventsProcessed: Number(row.events_processed),
  updatedAt: row.updated_at,
});

/** The fm_processor_positions table. */
export class ProcessorPositions {
  constructor(private readonly dataSource: DataSource) {}

  async ensure(name: string): Promise<void> {
    await this.dataSource.query('INSERT INTO fm_processor_positions (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  }

  async read(name: string): Promise<ProcessorPosition | null> {
    const rows: PositionRow[] = await this.dataSource.query('SELECT * FROM fm_processor_positions WHERE name = $1', [name]);
    return rows.length === 0 ? null : toPosition(rows[0]);
  }

  async readAll(): Promise<ProcessorPosition[]> {
    const rows: PositionRow[] = await this.dataSource.query('SELECT * FROM fm_processor_positions ORDER BY name');
    return rows.map(toPosition);
  }

  /** Locks the row for the rest of the transaction; serialises batches, resets and rebuilds. */
  async lock(tx: EntityManager, name: string): Promise<ProcessorPosition> {
    const rows: PositionRow[] = await tx.query('SELECT * FROM fm_processor_positions WHERE name = $1 FOR UPDATE', [name]);
    if (rows.length === 0) throw new Error(`Unknown processor ${name}`);
    return toPosition(rows[0]);
  }

  async advance(tx: EntityManager, name: string, cursor: string, globalPosition: number, count: number): Promise<void> {
    await tx.query(
      `UPDATE fm_processor_positions
          SET cursor = $2, global_position = $3, events_processed = events_processed + $4, updated_at = now()
        WHERE name = $1`,
      [name, cursor, globalPosition, count],
    );
  }

  /** Moves the position only if it is still where the caller read it (a rebuild may have rewound it). */
  async advanceIfAt(
    name: string,
    expected: string | null,
    cursor: string,
    globalPosition: number,
    count: number,
  ): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE fm_processor_positions
          SET cursor = $3, global_position = $4, events_processed = events_processed + $5, updated_at = now()
        WHERE name = $1 AND cursor IS NOT DISTINCT FROM $2`,
      [name, expected, cursor, globalPosition, count],
    );
    return result[1] === 1;
  }

  async rewind(tx: EntityManager, name: string): Promise<void> {
    await tx.query(
      `UPDATE fm_processor_positions SET cursor = NULL, global_position = 0, events_processed = 0, updated_at = now()
        WHERE name = $1`,
      [name],
    );
  }
}
