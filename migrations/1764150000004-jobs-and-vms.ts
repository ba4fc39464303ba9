import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobsAndVms1764150000004 implements MigrationInterface {
  name = 'JobsAndVms1764150000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        status text NOT NULL,
        progress int NOT NULL,
        attempt int NOT NULL,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        steps jsonb NOT NULL,
        error jsonb,
        result jsonb,
        requested_by jsonb NOT NULL,
        created_at text NOT NULL,
        started_at text,
        finished_at text,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE INDEX rm_jobs_target ON rm_jobs (target_type, target_id)');
    await q.query('CREATE INDEX rm_jobs_status ON rm_jobs (status)');
    await q.query('CREATE INDEX rm_jobs_created ON rm_jobs (created_at, id)');
    await q.query(`
      CREATE TABLE rm_vms (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        tenant text NOT NULL,
        host_id uuid NOT NULL,
        cluster_id uuid,
        generation int NOT NULL,
        config_version text NOT NULL,
        state text NOT NULL,
        power_state text NOT NULL,
        guest_os jsonb NOT NULL,
        memory jsonb NOT NULL,
        memory_demand_mb int,
        processor_count int NOT NULL,
        network_adapters jsonb NOT NULL,
        disks jsonb NOT NULL,
        firmware jsonb,
        checkpoint_type text NOT NULL,
        current_checkpoint_id uuid,
        integration_services jsonb NOT NULL,
        heartbeat text NOT NULL,
        pending_job_id uuid,
        last_job_id uuid,
        created_at text NOT NULL,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE INDEX rm_vms_host ON rm_vms (host_id)');
    await q.query('CREATE INDEX rm_vms_cluster ON rm_vms (cluster_id)');
    await q.query('CREATE INDEX rm_vms_tenant ON rm_vms (tenant)');
    await q.query('CREATE INDEX rm_vms_state ON rm_vms (state)');
    // Memory in use is the sum over the VMs that run (or are paused) on the host.
    await q.query(`ALTER TABLE rm_hosts ADD COLUMN running_vms jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_hosts DROP COLUMN running_vms');
    await q.query('DROP TABLE rm_vms');
    await q.query('DROP TABLE rm_jobs');
  }
}
