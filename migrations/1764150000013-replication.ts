import { MigrationInterface, QueryRunner } from 'typeorm';

/** Hyper-V Replica relationships (read model). */
export class Replication1764150000013 implements MigrationInterface {
  name = 'Replication1764150000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_replications (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        state text NOT NULL,
        health text NOT NULL,
        primary_host_id uuid NOT NULL,
        replica_host_id uuid NOT NULL,
        next_seq int NOT NULL,
        next_due_at text,
        process jsonb NOT NULL,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE INDEX rm_replications_due ON rm_replications (state) WHERE next_due_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_replications');
  }
}
