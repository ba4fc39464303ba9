import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long a slot stays held without renewal; a worker that dies frees its slots after this. */
export const SLOT_LEASE_MS = 10_000;

/**
 * The live-migration scheduler's bookkeeping: a host may take part in at most its
 * `maximumLiveMigrations` simultaneous live migrations, as source or destination. Slots live in
 * PostgreSQL so the limit holds across every worker process; each is leased to one job and
 * renewed while the migration runs, so a crashed worker frees its slots once the lease ends.
 */
@Injectable()
export class MigrationSlots {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes a slot on both hosts for the job, or none: true when the job holds both (also when it
   * already held them, e.g. after a redelivery).
   */
  async acquire(jobId: string, hosts: Array<{ hostId: string; limit: number }>): Promise<boolean> {
    const ordered = [...hosts].sort((a, b) => a.hostId.localeCompare(b.hostId));
    return this.dataSource.transaction(async (manager) => {
      // Serialises the check-then-insert per host; sorted, so two jobs never wait on each other in a cycle.
      for (const host of ordered) await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('migration-slot:' || $1, 0))`, [host.hostId]);
      await manager.query('DELETE FROM migration_slots WHERE host_id = ANY($1) AND lease_until < now()', [ordered.map((h) => h.hostId)]);
      for (const host of ordered) {
        const rows: Array<{ others: number }> = await manager.query(
          'SELECT count(*)::int AS others FROM migration_slots WHERE host_id = $1 AND job_id <> $2',
          [host.hostId, jobId],
        );
        if (rows[0].others >= host.limit) return false;
      }
      for (const host of ordered) {
        await manager.query(
          `INSERT INTO migration_slots (host_id, job_id, lease_until) VALUES ($1, $2, now() + make_interval(secs => $3))
           ON CONFLICT (host_id, job_id) DO UPDATE SET lease_until = excluded.lease_until`,
          [host.hostId, jobId, SLOT_LEASE_MS / 1000],
        );
      }
      return true;
    });
  }

  async renew(jobId: string): Promise<void> {
    await this.dataSource.query('UPDATE migration_slots SET lease_until = now() + make_interval(secs => $2) WHERE job_id = $1', [
      jobId,
      SLOT_LEASE_MS / 1000,
    ]);
  }

  async release(jobId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM migration_slots WHERE job_id = $1', [jobId]);
  }

  /** Live migrations in progress per host (for the host read API). */
  async inUse(): Promise<Map<string, number>> {
    const rows: Array<{ host_id: string; count: number }> = await this.dataSource.query(
      'SELECT host_id, count(*)::int AS count FROM migration_slots WHERE lease_until >= now() GROUP BY host_id',
    );
    return new Map(rows.map((r) => [r.host_id, r.count]));
  }
}
