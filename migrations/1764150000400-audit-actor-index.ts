import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/events?actor=` scanned the whole log in global order (an actor that did nothing read
 * every event), and the time it took grew with the store. The index is in the readers' order, so
 * a page of one actor's events is a range scan that stops at the page's end.
 */
export class AuditActorIndex1764150000400 implements MigrationInterface {
  name = 'AuditActorIndex1764150000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX fm_events_actor_order ON fm_events ((metadata->>'actor'), transaction_id, global_position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX fm_events_actor_order');
  }
}
