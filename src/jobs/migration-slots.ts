import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobOperation } from './domain/job.events';

/** How long a slot stays held without renewal, before it can be taken back from a job that has ended. */
export const SLOT_LEASE_MS = 10_000;

/** A slot a live migration needs: one on each of its hosts, at most `limit` there at once. */
export interface SlotClaim {
  hostId: string;
  limit: number;
}

/** The slots an operation needs: a live migration's source and destination; none for anything else. */
export function slotClaimsOf(operation: JobOperation): SlotClaim[] | null {
  if (operation.kind !== 'migrate-vm' || operation.migrationType !== 'Live') return null;
  return [
    { hostId: operation.host.hostId, limit: operation.limits.source },
    { hostId: operation.destination.hostId, limit: operation.limits.destination },
  ];
}

/** A migration the release of a slot handed that slot to: its queued copy is to be woken. */
export interface GrantedMigration {
  jobId: string;
  queueJobId: string;
}

/**
 * The live-migration scheduler's bookkeeping: a host may take part in at most its
 * `maximumLiveMigrations` simultaneous live migrations, as source or destination. Slots live in
 * PostgreSQL so the limit holds across every worker process; each is leased to one job and
 * renewed while the migration runs. A migration that finds no free slot is recorded as waiting,
 * and a release hands the freed slots to the longest-waiting migrations that fit (migration
 * MigrationSlotHandOver), so a freed slot never sits idle until someone asks again.
 */
@Injectable()
export class MigrationSlots {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes a slot on every host for the job, or none: true when the job holds them all (also when
   * it already held them: after a redelivery, or when a release handed them over). False records
   * the job as waiting under `queueJobId`, to be named by the release that makes room for it.
   */
  async acquire(jobId: string, queueJobId: string, hosts: readonly SlotClaim[]): Promise<boolean> {
    const rows: Array<{ granted: boolean }> = await this.dataSource.query(
      'SELECT migration_slots_acquire($1, $2, $3::uuid[], $4::int[], $5) AS granted',
      [jobId, queueJobId, hosts.map((h) => h.hostId), hosts.map((h) => h.limit), SLOT_LEASE_MS / 1000],
    );
    return rows[0].granted;
  }

  /** Extends the job's leases; false when it holds no slot any more. */
  async renew(jobId: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      'UPDATE migration_slots SET lease_until = now() + make_interval(secs => $2) WHERE job_id = $1',
      [jobId, SLOT_LEASE_MS / 1000],
    );
    return result[1] > 0;
  }

  /** Whether the job holds its slots (a release may have handed them to it while it was waiting). */
  async holds(jobId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM migration_slots WHERE job_id = $1 LIMIT 1', [jobId]);
    return rows.length > 0;
  }

  /**
   * Frees the job's slots (and forgets it as a waiter), handing them over in the same transaction:
   * answers the migrations that now hold a slot they waited for.
   */
  async release(jobId: string): Promise<GrantedMigration[]> {
    const rows: Array<{ job_id: string; queue_job_id: string }> = await this.dataSource.query(
      'SELECT job_id, queue_job_id FROM migration_slots_release($1, $2)',
      [jobId, SLOT_LEASE_MS / 1000],
    );
    return rows.map((row) => ({ jobId: row.job_id, queueJobId: row.queue_job_id }));
  }

  /** Live migrations in progress per host (for the host read API). */
  async inUse(): Promise<Map<string, number>> {
    const rows: Array<{ host_id: string; count: number }> = await this.dataSource.query(
      `SELECT s.host_id, count(*)::int AS count FROM migration_slots s
        WHERE s.lease_until >= now() OR EXISTS (SELECT 1 FROM rm_jobs j WHERE j.id = s.job_id AND j.status IN ('Queued', 'Running'))
        GROUP BY s.host_id`,
    );
    return new Map(rows.map((r) => [r.host_id, r.count]));
  }
}
