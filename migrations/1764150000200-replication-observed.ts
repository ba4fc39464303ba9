import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replication cycles are observed, not scheduled. The read model loses its cycle schedule
 * (next_seq, next_due_at) and gains what the monitor compares observations with (`baseline`);
 * rm_replication_statistics holds the live figures each poll reports (not events: they change
 * every cycle). The simulated hosts keep a cycle ledger per relationship instead of a last cycle:
 * the counters as of `settled_at`, from which any later moment is computed from time and faults.
 */
export class ReplicationObserved1764150000200 implements MigrationInterface {
  name = 'ReplicationObserved1764150000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_replications_due');
    await q.query('ALTER TABLE rm_replications DROP COLUMN next_seq, DROP COLUMN next_due_at');
    await q.query(`ALTER TABLE rm_replications ADD COLUMN baseline jsonb`);
    await q.query('CREATE INDEX rm_replications_observed ON rm_replications (primary_host_id) WHERE baseline IS NOT NULL');
    // Relationships replicating now are observed from the start (the projection keeps the baseline from the next event on).
    await q.query(`
      UPDATE rm_replications SET baseline = jsonb_build_object(
          'vmId', id,
          'consecutiveFailures', coalesce((process->>'consecutiveFailures')::int, 0),
          'missingSince', NULL,
          'latestPointAt', process->'recoveryPoints'->-1->>'at',
          'pointKind', CASE WHEN (process->>'applicationConsistent')::boolean THEN 'ApplicationConsistent' ELSE 'Standard' END,
          'intervalMs', (process->>'intervalMs')::int,
          'hourMs', (process->>'hourMs')::int)
       WHERE state = 'Replicating' AND jsonb_typeof(process->'pending') = 'null' AND NOT coalesce((process->>'broken')::boolean, false)`);
    await q.query(`
      CREATE TABLE rm_replication_statistics (
        vm_id uuid PRIMARY KEY,
        primary_host_id uuid NOT NULL,
        observed_at timestamptz NOT NULL,
        state text NOT NULL,
        last_replicated_at timestamptz,
        last_size_mb int,
        average_size_mb int,
        maximum_size_mb int,
        successful_cycles bigint NOT NULL,
        failed_cycles bigint NOT NULL,
        missed_cycles bigint NOT NULL,
        consecutive_failed_cycles int NOT NULL,
        failure_reason text
      )`);
    await q.query('ALTER TABLE sim_replicas DROP COLUMN last_seq');
    await q.query(`ALTER TABLE sim_replicas ADD COLUMN ledger jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sim_replicas DROP COLUMN ledger');
    await q.query('ALTER TABLE sim_replicas ADD COLUMN last_seq int NOT NULL DEFAULT 0');
    await q.query('DROP TABLE rm_replication_statistics');
    await q.query('DROP INDEX rm_replications_observed');
    await q.query('ALTER TABLE rm_replications DROP COLUMN baseline');
    await q.query('ALTER TABLE rm_replications ADD COLUMN next_seq int NOT NULL DEFAULT 1, ADD COLUMN next_due_at text');
  }
}
