import { MigrationInterface, QueryRunner } from 'typeorm';

/** VM configuration beyond creation: checkpoints, processor compatibility, integration services version, guest heartbeat. */
export class VmConfiguration1764150000008 implements MigrationInterface {
  name = 'VmConfiguration1764150000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rm_vms
        ADD COLUMN checkpoints jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN compatibility_for_migration boolean NOT NULL DEFAULT false,
        ADD COLUMN integration_services_version text,
        ADD COLUMN reported_heartbeat text`);
    // Operators look VMs up by heartbeat (and act on all of them): keep that a quick lookup.
    await q.query('CREATE INDEX rm_vms_heartbeat ON rm_vms (heartbeat)');
    await q.query('CREATE INDEX rm_vms_config_version ON rm_vms (config_version)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX rm_vms_config_version');
    await q.query('DROP INDEX rm_vms_heartbeat');
    await q.query(`
      ALTER TABLE rm_vms
        DROP COLUMN reported_heartbeat,
        DROP COLUMN integration_services_version,
        DROP COLUMN compatibility_for_migration,
        DROP COLUMN checkpoints`);
  }
}
