import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a simulated host knows about a VM's configuration beyond memory, processors and version:
 * dynamic memory, firmware, adapters, disks, the checkpoint tree (each with the hardware it
 * captured), integration services. Lists are jsonb because they are only ever read and written
 * whole, with the VM row locked. Existing rows get New-VM's defaults.
 */
export class SimulatorVmConfiguration1764150000007 implements MigrationInterface {
  name = 'SimulatorVmConfiguration1764150000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sim_vms
        ADD COLUMN dynamic_memory jsonb CHECK (dynamic_memory IS NULL OR jsonb_typeof(dynamic_memory) = 'object'),
        ADD COLUMN compatibility_for_migration boolean NOT NULL DEFAULT false,
        ADD COLUMN secure_boot boolean,
        ADD COLUMN secure_boot_template text,
        ADD COLUMN adapters jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(adapters) = 'array'),
        ADD COLUMN disks jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(disks) = 'array'),
        ADD COLUMN checkpoints jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(checkpoints) = 'array'),
        ADD COLUMN current_checkpoint_id text,
        ADD COLUMN integration_services_version text,
        ADD COLUMN disabled_integration_services jsonb NOT NULL DEFAULT '["GuestServiceInterface"]'
          CHECK (jsonb_typeof(disabled_integration_services) = 'array')`);
    await q.query(`UPDATE sim_vms SET secure_boot = true, secure_boot_template = 'MicrosoftWindows' WHERE generation = 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sim_vms
        DROP COLUMN disabled_integration_services,
        DROP COLUMN integration_services_version,
        DROP COLUMN current_checkpoint_id,
        DROP COLUMN checkpoints,
        DROP COLUMN disks,
        DROP COLUMN adapters,
        DROP COLUMN secure_boot_template,
        DROP COLUMN secure_boot,
        DROP COLUMN compatibility_for_migration,
        DROP COLUMN dynamic_memory`);
  }
}
