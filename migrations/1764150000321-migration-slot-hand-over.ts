import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live-migration slots handed over instead of polled for. A migration that finds no free slot
 * is recorded as waiting (`migration_slot_waiters`); releasing a slot grants it, in the same
 * transaction, to the longest-waiting migration that now fits on all of its hosts, and answers
 * with the migrations it granted so that the caller can wake them. Each function is one round trip.
 *
 * A slot whose lease ended is taken back only once its job has ended (the jobs read model says so,
 * or knows no such job): a migration whose worker cannot renew its lease is still running on the
 * hosts, and counting it out would let a third migration start while two run. A worker that died
 * leaves its job unfinished; the job is delivered again and finds its slots still its own.
 */
export class MigrationSlotHandOver1764150000321 implements MigrationInterface {
  name = 'MigrationSlotHandOver1764150000321';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE migration_slot_waiters (
        job_id uuid PRIMARY KEY,
        queue_job_id text NOT NULL,
        host_ids uuid[] NOT NULL,
        limits int[] NOT NULL,
        since timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX migration_slot_waiters_hosts ON migration_slot_waiters USING gin (host_ids)');
    // The host's limit as the holder saw it: a release knows when the hosts it freed are full again.
    await q.query('ALTER TABLE migration_slots ADD COLUMN max_slots int');
    // Slots another job may count out: the lease ended and the job is not (or no longer) under way.
    await q.query(`
      CREATE FUNCTION migration_slots_reclaim(p_host_ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
        DELETE FROM migration_slots s
         WHERE s.host_id = ANY (p_host_ids) AND s.lease_until < now()
           AND NOT EXISTS (SELECT 1 FROM rm_jobs j WHERE j.id = s.job_id AND j.status IN ('Queued', 'Running'))
      $fn$`);
    // Whether the job fits on every one of its hosts, counting every other job's slot there.
    await q.query(`
      CREATE FUNCTION migration_slots_fit(p_job_id uuid, p_host_ids uuid[], p_limits int[]) RETURNS boolean
      LANGUAGE sql STABLE AS $fn$
        SELECT NOT EXISTS (
          SELECT 1 FROM unnest(p_host_ids, p_limits) AS h(host_id, max_slots)
           WHERE (SELECT count(*) FROM migration_slots s WHERE s.host_id = h.host_id AND s.job_id <> p_job_id) >= h.max_slots)
      $fn$`);
    await q.query(`
      CREATE FUNCTION migration_slots_grant(p_job_id uuid, p_host_ids uuid[], p_limits int[], p_lease_secs double precision)
      RETURNS void LANGUAGE sql AS $fn$
        INSERT INTO migration_slots (host_id, job_id, lease_until, max_slots)
        SELECT h.host_id, p_job_id, now() + make_interval(secs => p_lease_secs), h.max_slots
          FROM unnest(p_host_ids, p_limits) AS h(host_id, max_slots)
        ON CONFLICT (host_id, job_id) DO UPDATE SET lease_until = excluded.lease_until, max_slots = excluded.max_slots;
        DELETE FROM migration_slot_waiters WHERE job_id = p_job_id;
      $fn$`);
    await q.query(`
      CREATE FUNCTION migration_slots_acquire(
        p_job_id uuid, p_queue_job_id text, p_host_ids uuid[], p_limits int[], p_lease_secs double precision
      ) RETURNS boolean LANGUAGE plpgsql AS $fn$
      DECLARE
        v_host uuid;
      BEGIN
        -- Serialises the check-then-insert per host; sorted, so two jobs never wait on each other in a cycle.
        FOR v_host IN SELECT DISTINCT h FROM unnest(p_host_ids) h ORDER BY h LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('migration-slot:' || v_host::text, 0));
        END LOOP;
        PERFORM migration_slots_reclaim(p_host_ids);
        IF NOT migration_slots_fit(p_job_id, p_host_ids, p_limits) THEN
          INSERT INTO migration_slot_waiters (job_id, queue_job_id, host_ids, limits)
          VALUES (p_job_id, p_queue_job_id, p_host_ids, p_limits)
          ON CONFLICT (job_id) DO UPDATE SET queue_job_id = excluded.queue_job_id, host_ids = excluded.host_ids,
            limits = excluded.limits;
          RETURN false;
        END IF;
        PERFORM migration_slots_grant(p_job_id, p_host_ids, p_limits, p_lease_secs);
        RETURN true;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION migration_slots_release(p_job_id uuid, p_lease_secs double precision)
      RETURNS TABLE (job_id uuid, queue_job_id text) LANGUAGE plpgsql AS $fn$
      DECLARE
        v_hosts uuid[];
        v_limits int[];
        v_host uuid;
        v_waiter record;
        v_locked boolean;
      BEGIN
        SELECT coalesce(array_agg(s.host_id ORDER BY s.host_id), '{}'), coalesce(array_agg(s.max_slots ORDER BY s.host_id), '{}')
          INTO v_hosts, v_limits
          FROM migration_slots s WHERE s.job_id = p_job_id;
        FOREACH v_host IN ARRAY v_hosts LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('migration-slot:' || v_host::text, 0));
        END LOOP;
        DELETE FROM migration_slots s WHERE s.job_id = p_job_id;
        DELETE FROM migration_slot_waiters w WHERE w.job_id = p_job_id;
        IF cardinality(v_hosts) = 0 THEN RETURN; END IF;
        PERFORM migration_slots_reclaim(v_hosts);
        -- A waiter whose job ended meanwhile (cancelled while it waited) needs no slot any more.
        DELETE FROM migration_slot_waiters w USING rm_jobs j
         WHERE w.host_ids && v_hosts AND j.id = w.job_id AND j.status IN ('Succeeded', 'Failed', 'Cancelled');
        FOR v_waiter IN
          SELECT w.job_id, w.queue_job_id, w.host_ids, w.limits FROM migration_slot_waiters w
           WHERE w.host_ids && v_hosts ORDER BY w.since, w.job_id LIMIT 200
        LOOP
          -- The waiter's other hosts are locked without waiting (their order could close a cycle
          -- with an acquire); one busy right now is left to that host's own next release.
          v_locked := true;
          FOREACH v_host IN ARRAY v_waiter.host_ids LOOP
            IF NOT v_host = ANY (v_hosts) AND NOT pg_try_advisory_xact_lock(hashtextextended('migration-slot:' || v_host::text, 0)) THEN
              v_locked := false;
              EXIT;
            END IF;
          END LOOP;
          CONTINUE WHEN NOT v_locked OR NOT migration_slots_fit(v_waiter.job_id, v_waiter.host_ids, v_waiter.limits);
          PERFORM migration_slots_grant(v_waiter.job_id, v_waiter.host_ids, v_waiter.limits, p_lease_secs);
          job_id := v_waiter.job_id;
          queue_job_id := v_waiter.queue_job_id;
          RETURN NEXT;
          -- Nothing more fits once every host the release freed is full again.
          EXIT WHEN NOT EXISTS (
            SELECT 1 FROM unnest(v_hosts, v_limits) AS h(host_id, max_slots)
             WHERE h.max_slots IS NULL OR (SELECT count(*) FROM migration_slots s WHERE s.host_id = h.host_id) < h.max_slots);
        END LOOP;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION migration_slots_release(uuid, double precision)');
    await q.query('DROP FUNCTION migration_slots_acquire(uuid, text, uuid[], int[], double precision)');
    await q.query('DROP FUNCTION migration_slots_grant(uuid, uuid[], int[], double precision)');
    await q.query('DROP FUNCTION migration_slots_fit(uuid, uuid[], int[])');
    await q.query('DROP FUNCTION migration_slots_reclaim(uuid[])');
    await q.query('DROP TABLE migration_slot_waiters');
    await q.query('ALTER TABLE migration_slots DROP COLUMN max_slots');
  }
}
