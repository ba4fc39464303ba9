import { after, before, beforeEach, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { createDataSource, DatabaseSettings, migrate } from '../platform/database';
import { MigrationSlots } from './migration-slots';

/**
 * The live-migration slots: at most `limit` migrations per host, a release hands the freed slots
 * to the longest-waiting migrations that fit, and a lease that ran out is not counted out while
 * its migration is still under way.
 */
describe('migration slots', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let slots: MigrationSlots;

  before(async () => {
    db = await createTestDatabase('migration_slots');
    const settings: DatabaseSettings = { url: db.url, poolSize: 24, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 10_000 };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    slots = new MigrationSlots(dataSource);
  });

  after(async () => {
    await dataSource?.destroy().catch(() => undefined);
    await db?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM migration_slots');
    await dataSource.query('DELETE FROM migration_slot_waiters');
    await dataSource.query('DELETE FROM rm_jobs');
  });

  const source = randomUUID();
  const hostsOf = (destination: string, destinationLimit = 2) => [
    { hostId: source, limit: 2 },
    { hostId: destination, limit: destinationLimit },
  ];

  /** The jobs read model's row for a job, as the job projection would keep it. */
  async function recordJob(jobId: string, status: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO rm_jobs (id, kind, status, progress, attempt, target_type, target_id, steps, requested_by, created_at,
                            version, last_position)
       VALUES ($1, 'migrate-vm', $2, 0, 1, 'vm', $3, '[]', '{"actor":"test","role":"test"}', now()::text, 1, 1)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status`,
      [jobId, status, randomUUID()],
    );
  }

  async function holders(hostId: string): Promise<string[]> {
    const rows: Array<{ job_id: string }> = await dataSource.query(
      'SELECT job_id FROM migration_slots WHERE host_id = $1 ORDER BY job_id',
      [hostId],
    );
    return rows.map((row) => row.job_id);
  }

  it('hands a freed slot to the longest-waiting migration, in the release itself', async () => {
    const [j1, j2, j3, j4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(await slots.acquire(j1, 'q1', hostsOf(randomUUID()))).toBe(true);
    expect(await slots.acquire(j2, 'q2', hostsOf(randomUUID()))).toBe(true);
    expect(await slots.acquire(j3, 'q3', hostsOf(randomUUID()))).toBe(false);
    expect(await slots.acquire(j4, 'q4', hostsOf(randomUUID()))).toBe(false);

    expect(await slots.release(j1)).toEqual([{ jobId: j3, queueJobId: 'q3' }]);
    expect(await slots.holds(j3)).toBe(true);
    expect(await slots.holds(j4)).toBe(false);
    // The migration handed the slot finds it its own when it runs.
    expect(await slots.acquire(j3, 'q3', hostsOf(randomUUID()))).toBe(true);
    expect((await holders(source)).sort()).toEqual([j2, j3].sort());

    expect(await slots.release(j2)).toEqual([{ jobId: j4, queueJobId: 'q4' }]);
    expect(await slots.release(j3)).toEqual([]);
    expect(await holders(source)).toEqual([j4]);
  });

  it('hands no slot to a waiter whose job ended while it waited', async () => {
    const [j1, j2, cancelled, next] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(await slots.acquire(j1, 'q1', hostsOf(randomUUID()))).toBe(true);
    expect(await slots.acquire(j2, 'q2', hostsOf(randomUUID()))).toBe(true);
    expect(await slots.acquire(cancelled, 'cancelled', hostsOf(randomUUID()))).toBe(false);
    expect(await slots.acquire(next, 'next', hostsOf(randomUUID()))).toBe(false);
    await recordJob(cancelled, 'Cancelled');

    expect(await slots.release(j1)).toEqual([{ jobId: next, queueJobId: 'next' }]);
    expect(await slots.holds(cancelled)).toBe(false);
  });

  it('passes over a waiter whose other host is still full for one that fits', async () => {
    const busyDestination = randomUUID();
    const [j1, j2, blocked, fits] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(await slots.acquire(j1, 'q1', hostsOf(busyDestination, 1))).toBe(true);
    expect(await slots.acquire(j2, 'q2', hostsOf(randomUUID()))).toBe(true);
    expect(await slots.acquire(blocked, 'blocked', hostsOf(busyDestination, 1))).toBe(false);
    expect(await slots.acquire(fits, 'fits', hostsOf(randomUUID()))).toBe(false);

    expect(await slots.release(j2)).toEqual([{ jobId: fits, queueJobId: 'fits' }]);
    expect(await slots.holds(blocked)).toBe(false);
    // The busy destination's own release makes room for the one passed over.
    await slots.release(fits);
    expect(await slots.release(j1)).toEqual([{ jobId: blocked, queueJobId: 'blocked' }]);
  });

  it('never grants more than the limit to concurrent migrations', async () => {
    const jobs = Array.from({ length: 20 }, () => randomUUID());
    const granted = await Promise.all(jobs.map((jobId, i) => slots.acquire(jobId, `q${i}`, hostsOf(randomUUID()))));
    expect(granted.filter(Boolean)).toHaveLength(2);
    // Releases racing each other hand over one slot each; the source never holds more than two.
    const running = jobs.filter((_, i) => granted[i]);
    const handedOver = (await Promise.all(running.map((jobId) => slots.release(jobId)))).flat();
    expect(handedOver).toHaveLength(2);
    expect(await holders(source)).toHaveLength(2);
  });

  it('does not count out a migration whose lease ran out while it is still under way', async () => {
    const [j1, j2, third] = [randomUUID(), randomUUID(), randomUUID()];
    await recordJob(j1, 'Running');
    await recordJob(j2, 'Running');
    expect(await slots.acquire(j1, 'q1', hostsOf(randomUUID()))).toBe(true);
    expect(await slots.acquire(j2, 'q2', hostsOf(randomUUID()))).toBe(true);
    // j1's worker could not renew its lease (PostgreSQL out of its reach): the lease ran out.
    await dataSource.query(`UPDATE migration_slots SET lease_until = now() - interval '1 minute' WHERE job_id = $1`, [j1]);

    expect(await slots.acquire(third, 'q3', hostsOf(randomUUID()))).toBe(false);
    expect((await holders(source)).sort()).toEqual([j1, j2].sort());
    expect(await slots.renew(j1)).toBe(true);

    // Once the job has ended, a lease that ran out is taken back (its worker died before releasing).
    await dataSource.query(`UPDATE migration_slots SET lease_until = now() - interval '1 minute' WHERE job_id = $1`, [j1]);
    await recordJob(j1, 'Succeeded');
    expect(await slots.acquire(third, 'q3', hostsOf(randomUUID()))).toBe(true);
    expect((await holders(source)).sort()).toEqual([j2, third].sort());
    expect(await slots.renew(randomUUID())).toBe(false);
  });
});
