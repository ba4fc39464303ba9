import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { createDataSource, DatabaseSettings, migrate } from '../../platform/database';
import { VmHypervisorId1764150000520 } from '../../../migrations/1764150000520-vm-hypervisor-id';

/*
 * The read model's hypervisor_vm_id column arrived after VMs existed: the migration fills it from
 * each VM's VmCreated event (where the host reported the id), so no projection rebuild is needed.
 */
describe('migration 1764150000520: Hyper-V VM ids on the VM read model', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  before(async () => {
    database = await createTestDatabase('vmhvid');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 2,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
  });
  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  it('fills the column of existing VMs from their VmCreated, and leaves it null where the host reported none', async () => {
    // The database as it was before the migration: the column is not there yet.
    await dataSource.query('ALTER TABLE rm_vms DROP COLUMN hypervisor_vm_id');
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    for (const id of ids) {
      await dataSource.query(
        `INSERT INTO rm_vms (id, name, tenant, host_id, generation, config_version, state, power_state, guest_os, memory, processor_count,
           network_adapters, disks, checkpoint_type, integration_services, heartbeat, created_at, version, last_position)
         VALUES ($1, 'v', 't', $1, 2, '8.0', 'Off', 'Off', '{}', '{}', 1, '[]', '[]', 'Production', '{}', 'NoContact', 'x', 1, 1)`,
        [id],
      );
    }
    await dataSource.query(
      `INSERT INTO fm_streams (stream_id, version) VALUES ('vm-' || $1::text, 1), ('vm-' || $2::text, 1)`,
      ids,
    );
    await dataSource.query(
      `INSERT INTO fm_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
       VALUES (gen_random_uuid(), 'vm-' || $1::text, 1, 'VmCreated', 1, '{"hypervisorVmId":"abc-hv"}', '{}'),
              (gen_random_uuid(), 'vm-' || $2::text, 1, 'VmCreated', 1, '{}', '{}')`,
      ids,
    );
    const runner = dataSource.createQueryRunner();
    await new VmHypervisorId1764150000520().up(runner);
    await runner.release();
    const rows = await dataSource.query('SELECT id, hypervisor_vm_id FROM rm_vms ORDER BY id');
    expect(rows).toEqual([
      { id: ids[0], hypervisor_vm_id: 'abc-hv' },
      { id: ids[1], hypervisor_vm_id: null },
    ]);
  });
});
