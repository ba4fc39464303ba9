import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failover clusters as the simulated hosts know them: which cluster a host is a node of and the
 * cluster's functional level. Informational (shown by the simulator's admin API); the simulator
 * refuses nothing because of it, so hosts clustered before this migration simply show none.
 */
export class SimulatorClusters1764150000010 implements MigrationInterface {
  name = 'SimulatorClusters1764150000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sim_clusters (
        cluster_id uuid PRIMARY KEY,
        name text NOT NULL,
        functional_level int,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER TABLE sim_hosts ADD COLUMN cluster_id uuid REFERENCES sim_clusters (cluster_id)');
    await q.query('CREATE INDEX sim_hosts_cluster ON sim_hosts (cluster_id) WHERE cluster_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sim_hosts DROP COLUMN cluster_id');
    await q.query('DROP TABLE sim_clusters');
  }
}
