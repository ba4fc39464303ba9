import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key is bound, before its request runs, to the seed of every id the request creates,
 * so that a retry after a server-side failure finds what the first try committed. Keys recorded
 * before this had no seed; their retries run as before.
 */
export class IdempotencySeeds1764150000401 implements MigrationInterface {
  name = 'IdempotencySeeds1764150000401';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE fm_idempotency ADD COLUMN command_seed uuid');
    await q.query(`UPDATE fm_idempotency SET command_seed = gen_random_uuid() WHERE command_seed IS NULL`);
    await q.query('ALTER TABLE fm_idempotency ALTER COLUMN command_seed SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE fm_idempotency DROP COLUMN command_seed');
  }
}
