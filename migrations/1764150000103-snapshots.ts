import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots of long streams, so that loading an aggregate costs its snapshot and the events after
 * it, not the stream's age. One row per stream and fold: `fold_key` identifies the code that
 * produced the state, so a changed fold finds no snapshot of its own and folds in full. Snapshots
 * are derived data: deleting any of them changes nothing but speed.
 */
export class Snapshots1764150000103 implements MigrationInterface {
  name = 'Snapshots1764150000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fm_snapshots (
        stream_id text NOT NULL,
        fold_key text NOT NULL,
        stream_version bigint NOT NULL,
        global_position bigint NOT NULL,
        state jsonb NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, fold_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fm_snapshots');
  }
}
