import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeysAndIdempotency1764150000005 implements MigrationInterface {
  name = 'ApiKeysAndIdempotency1764150000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        tenants jsonb NOT NULL,
        secret_hash text NOT NULL,
        created_at text NOT NULL,
        created_by text NOT NULL,
        revoked_at text,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE UNIQUE INDEX rm_api_keys_secret ON rm_api_keys (secret_hash)');
    // Responses kept for Idempotency-Key replays (at least 24 h); one row per key and caller.
    await q.query(`
      CREATE TABLE fm_idempotency (
        principal text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL,
        status int,
        headers jsonb,
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (principal, idempotency_key)
      )`);
    await q.query('CREATE INDEX fm_idempotency_created ON fm_idempotency (created_at)');
    await q.query('ALTER TABLE rm_jobs ADD COLUMN tenant text');
    await q.query('CREATE INDEX rm_jobs_tenant ON rm_jobs (tenant)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_jobs DROP COLUMN tenant');
    await q.query('DROP TABLE fm_idempotency');
    await q.query('DROP TABLE rm_api_keys');
  }
}
