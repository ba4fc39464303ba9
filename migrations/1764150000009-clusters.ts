import { MigrationInterface, QueryRunner } from 'typeorm';

/** Clusters (read model), the live-migration scheduler's slots, and the timers' bookkeeping. */
export class Clusters1764150000009 implements MigrationInterface {
  name = 'Clusters1764150000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_clusters (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL,
        functional_level int NOT NULL,
        mixed_mode boolean NOT NULL,
        mixed_mode_since text,
        nodes jsonb NOT NULL,
        resiliency jsonb NOT NULL,
        vm_resiliency_periods jsonb NOT NULL,
        pending_job_ids jsonb NOT NULL,
        state jsonb NOT NULL,
        created_at text NOT NULL,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE INDEX rm_clusters_name ON rm_clusters (name)');
    // A host takes part in at most maximumLiveMigrations live migrations at once (source or destination).
    await q.query(`
      CREATE TABLE migration_slots (
        host_id uuid NOT NULL,
        job_id uuid NOT NULL,
        lease_until timestamptz NOT NULL,
        PRIMARY KEY (host_id, job_id)
      )`);
    await q.query('CREATE INDEX migration_slots_job ON migration_slots (job_id)');
    // How placement rated the nodes for a VM created on a cluster.
    await q.query('ALTER TABLE rm_jobs ADD COLUMN placement jsonb');
    // A VM on an isolated node keeps running there, Unmonitored, until the node is back or it fails over.
    await q.query('ALTER TABLE rm_vms ADD COLUMN unmonitored boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_vms DROP COLUMN unmonitored');
    await q.query('ALTER TABLE rm_jobs DROP COLUMN placement');
    await q.query('DROP TABLE migration_slots');
    await q.query('DROP TABLE rm_clusters');
  }
}
