import { MigrationInterface, QueryRunner } from 'typeorm';

/** The appenders' lock (migration 1764150000101). */
const APPENDER_LOCK_KEYS = [1179468, 1] as const;

/**
 * fm_read_horizon (migration 1764150000101) knew an appender's transaction id from the lock a
 * transaction takes on its own id. PostgreSQL gives a transaction its id first and takes that lock a
 * moment later: an appender caught in between, whose id is older than the first look's, was left
 * out, and a reader could pass its events before they committed and never see them (a follower
 * of eight busy writers missed one batch of four). The id itself is published with its
 * assignment, in the server's process array, which pg_stat_activity.backend_xid shows: an appender
 * holding the appenders' lock without a lock on its own id yet is looked up there, in a statistics
 * snapshot taken at that moment (the cached one of an earlier look would be stale). An appender with
 * no id there yet gets a newer one than the first look's, as before. A role sees backend_xid of its
 * own sessions: every appender connects as the service's role (a reader of another role would need
 * pg_read_all_stats).
 */
export class HorizonSeesNewTransactionIds1764150000422 implements MigrationInterface {
  name = 'HorizonSeesNewTransactionIds1764150000422';

  async up(q: QueryRunner): Promise<void> {
    const [k1, k2] = APPENDER_LOCK_KEYS;
    await q.query(`
      CREATE OR REPLACE FUNCTION fm_read_horizon() RETURNS xid8 LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_next_before xid8;
        v_appenders xid[];
        v_without_id int[];
        v_horizon xid8;
      BEGIN
        SELECT pg_snapshot_xmax(pg_current_snapshot()) INTO v_next_before;
        SELECT coalesce(array_agg(t.transactionid) FILTER (WHERE t.transactionid IS NOT NULL), '{}'),
               coalesce(array_agg(a.pid) FILTER (WHERE t.transactionid IS NULL), '{}')
          INTO v_appenders, v_without_id
          FROM pg_locks a
          LEFT JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid'
         WHERE a.locktype = 'advisory' AND a.classid = ${k1} AND a.objid = ${k2} AND a.objsubid = 2
           AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database());
        IF cardinality(v_without_id) > 0 THEN
          PERFORM pg_stat_clear_snapshot();
          SELECT v_appenders || coalesce(array_agg(s.backend_xid), '{}') INTO v_appenders
            FROM pg_stat_activity s
           WHERE s.pid = ANY (v_without_id) AND s.backend_xid IS NOT NULL;
        END IF;
        SELECT coalesce(
                 (SELECT min(x) FROM pg_snapshot_xip(s) x
                   WHERE x >= v_next_before OR (x::text::numeric % 4294967296)::text::xid = ANY (v_appenders)),
                 pg_snapshot_xmax(s))
          INTO v_horizon
          FROM pg_current_snapshot() s;
        RETURN v_horizon;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [k1, k2] = APPENDER_LOCK_KEYS;
    await q.query(`
      CREATE OR REPLACE FUNCTION fm_read_horizon() RETURNS xid8 LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_next_before xid8;
        v_appenders xid[];
        v_horizon xid8;
      BEGIN
        SELECT pg_snapshot_xmax(pg_current_snapshot()) INTO v_next_before;
        SELECT coalesce(array_agg(t.transactionid), '{}') INTO v_appenders
          FROM pg_locks a
          JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid'
         WHERE a.locktype = 'advisory' AND a.classid = ${k1} AND a.objid = ${k2} AND a.objsubid = 2
           AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database());
        SELECT coalesce(
                 (SELECT min(x) FROM pg_snapshot_xip(s) x
                   WHERE x >= v_next_before OR (x::text::numeric % 4294967296)::text::xid = ANY (v_appenders)),
                 pg_snapshot_xmax(s))
          INTO v_horizon
          FROM pg_current_snapshot() s;
        RETURN v_horizon;
      END
      $fn$`);
  }
}
