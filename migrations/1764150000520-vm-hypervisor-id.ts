import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hyper-V's own id of each VM on the VM read model. VMs created before the column existed take it
 * from their VmCreated event (recorded by hosts that reported it), so no projection rebuild is needed.
 */
export class VmHypervisorId1764150000520 implements MigrationInterface {
  name = 'VmHypervisorId1764150000520';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_vms ADD COLUMN hypervisor_vm_id text');
    await q.query(`
      UPDATE rm_vms v SET hypervisor_vm_id = e.data->>'hypervisorVmId'
        FROM fm_events e
       WHERE e.stream_id = 'vm-' || v.id AND e.type = 'VmCreated' AND e.data ? 'hypervisorVmId'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_vms DROP COLUMN hypervisor_vm_id');
  }
}
