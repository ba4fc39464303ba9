import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Processors read only the event types they handle, in the global order: the store filters in SQL
 * and needs an index by type in that order, so that a processor's read costs what it finds, not
 * the length of the log since its position.
 */
export class EventTypeIndex1764150000102 implements MigrationInterface {
  name = 'EventTypeIndex1764150000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX fm_events_type_order ON fm_events (type, transaction_id, global_position)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX fm_events_type_order');
  }
}
