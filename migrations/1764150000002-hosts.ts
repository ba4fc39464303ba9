import { MigrationInterface, QueryRunner } from 'typeorm';

export class Hosts1764150000002 implements MigrationInterface {
  name = 'Hosts1764150000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_hosts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        address text NOT NULL,
        os_version text NOT NULL,
        slat boolean NOT NULL,
        cpu_vendor text NOT NULL,
        logical_processors int NOT NULL,
        memory_mb int NOT NULL,
        memory_used_mb int NOT NULL,
        maximum_live_migrations int NOT NULL,
        state text NOT NULL,
        cluster_id uuid,
        registered_at text NOT NULL,
        version bigint NOT NULL,
        last_position bigint NOT NULL
      )`);
    await q.query('CREATE INDEX rm_hosts_cluster ON rm_hosts (cluster_id)');
    await q.query('CREATE INDEX rm_hosts_name ON rm_hosts (name)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rm_hosts');
  }
}
