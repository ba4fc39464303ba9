import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rolling upgrades (read model) and the jobs long-running processes wait for. */
export class RollingUpgrades1764150000011 implements MigrationInterface {
  name = 'RollingUpgrades1764150000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_rolling_upgrades (
        id uuid PRIMARY KEY,
        cluster_id uuid NOT NULL,
        state text NOT NULL,
        target_os_version text NOT NULL,
        current_node_id uuid,
        current_step text,
        in_flight jsonb,
        nodes jsonb NOT NULL,
        failure jsonb,
        raise_functional_level boolean NOT NULL,
        functional_level_raised boolean NOT NULL,
        pause_requested boolean NOT NULL,
        cancel_requested boolean NOT NULL,
        estimated_duration_ms bigint NOT NULL,
        started_at text NOT NULL,
        finished_at text,
        process jsonb NOT NULL,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE INDEX rm_rolling_upgrades_cluster ON rm_rolling_upgrades (cluster_id)');
    // Which process waits for a job: the outcome of a step is routed back to its upgrade by job id.
    await q.query(`
      CREATE TABLE process_jobs (
        job_id uuid PRIMARY KEY,
        process_stream text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE process_jobs');
    await q.query('DROP TABLE rm_rolling_upgrades');
  }
}
