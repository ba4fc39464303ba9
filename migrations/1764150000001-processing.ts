import { MigrationInterface, QueryRunner } from 'typeorm';

/** Named processor positions; each is written in the same transaction as the processor's effects. */
export class Processing1764150000001 implements MigrationInterface {
  name = 'Processing1764150000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fm_processor_positions (
        name text PRIMARY KEY,
        cursor text,
        global_position bigint NOT NULL DEFAULT 0,
        events_processed bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fm_processor_positions`);
  }
}
