import { MigrationInterface, QueryRunner } from 'typeorm';

/** The simulated hosts give each VM Hyper-V's own id (Get-VM's Id), as a real host does at creation. */
export class SimulatorHypervIds1764150000310 implements MigrationInterface {
  name = 'SimulatorHypervIds1764150000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sim_vms ADD COLUMN hyperv_id uuid NOT NULL DEFAULT gen_random_uuid()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sim_vms DROP COLUMN hyperv_id');
  }
}
