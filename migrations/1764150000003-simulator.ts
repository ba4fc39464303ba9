import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The simulated fleet's own state: what the "hardware" looks like. Kept in PostgreSQL so that
 * API and worker processes see one fleet and it survives a control-plane restart. It is not
 * derived from events and is never rebuilt.
 */
export class Simulator1764150000003 implements MigrationInterface {
  name = 'Simulator1764150000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sim_hosts (
        host_id uuid PRIMARY KEY,
        name text NOT NULL,
        os_version text NOT NULL,
        memory_mb int NOT NULL,
        state text NOT NULL CHECK (state IN ('Up', 'Down')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sim_vms (
        vm_id uuid PRIMARY KEY,
        host_id uuid NOT NULL REFERENCES sim_hosts (host_id),
        name text NOT NULL,
        state text NOT NULL CHECK (state IN ('Off', 'Running', 'Saved', 'Paused')),
        memory_mb int NOT NULL,
        config_version text NOT NULL,
        generation smallint NOT NULL,
        processor_count int NOT NULL,
        memory_demand_mb int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX sim_vms_host ON sim_vms (host_id)');
    // No foreign key to sim_hosts: faults may be set before the fleet has seen the host.
    await q.query(`
      CREATE TABLE sim_faults (
        host_id uuid PRIMARY KEY,
        fail_operations text[] NOT NULL DEFAULT '{}',
        unresponsive boolean NOT NULL DEFAULT false,
        crashed boolean NOT NULL DEFAULT false,
        latency_factor numeric NOT NULL DEFAULT 1 CHECK (latency_factor >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sim_faults');
    await q.query('DROP TABLE sim_vms');
    await q.query('DROP TABLE sim_hosts');
  }
}
