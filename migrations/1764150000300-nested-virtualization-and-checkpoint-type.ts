import { MigrationInterface, QueryRunner } from 'typeorm';

/** Nested virtualization on the VM read model and the simulated hosts; the checkpoint type as a host setting. */
export class NestedVirtualizationAndCheckpointType1764150000300 implements MigrationInterface {
  name = 'NestedVirtualizationAndCheckpointType1764150000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_vms ADD COLUMN expose_virtualization_extensions boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE sim_vms ADD COLUMN expose_virtualization_extensions boolean NOT NULL DEFAULT false');
    await q.query("ALTER TABLE sim_vms ADD COLUMN checkpoint_type text NOT NULL DEFAULT 'Production'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sim_vms DROP COLUMN checkpoint_type');
    await q.query('ALTER TABLE sim_vms DROP COLUMN expose_virtualization_extensions');
    await q.query('ALTER TABLE rm_vms DROP COLUMN expose_virtualization_extensions');
  }
}
