import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hyper-V Replica as the simulated hosts know it: one replication relationship per VM, from its
 * primary host to its replica host, with the last cycle the replica received, the replicated
 * disks and the test VM of a running test failover. Deleting the VM deletes its replication;
 * deleting the test VM ends the test failover. Host ids have no foreign key, as in sim_faults.
 */
export class SimulatorReplication1764150000012 implements MigrationInterface {
  name = 'SimulatorReplication1764150000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sim_replicas (
        vm_id uuid PRIMARY KEY REFERENCES sim_vms (vm_id) ON DELETE CASCADE,
        primary_host_id uuid NOT NULL,
        replica_host_id uuid NOT NULL CHECK (replica_host_id <> primary_host_id),
        state text NOT NULL CHECK (state IN ('Replicating', 'Suspended', 'FailedOver', 'Committed')),
        frequency_seconds int NOT NULL CHECK (frequency_seconds > 0),
        last_seq int NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        replicated_disk_ids jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(replicated_disk_ids) = 'array'),
        test_vm_id uuid UNIQUE REFERENCES sim_vms (vm_id) ON DELETE SET NULL,
        failover_recovery_point_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sim_replicas');
  }
}
