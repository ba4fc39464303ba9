import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { DomainError } from '../platform/domain/domain-error';
import { readHostFacts, readHostsFacts } from './host-aggregate';
import { HostFactsQuery } from './host-facts.query';

/*
 * Several hosts' facts read at once (a drain's plan reads every host it touches once): the same
 * facts as one host's read gives, each host once however often it is named, and a host that is
 * not registered is its own NOT_FOUND, leaving the others readable.
 */
describe('hosts’ facts read together', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let query: HostFactsQuery;

  before(async () => {
    database = await createTestDatabase('host_facts');
    const settings: DatabaseSettings = { url: database.url, poolSize: 5, statementTimeoutMs: 10000, idleInTransactionTimeoutMs: 10000 };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    pool = createPool(settings, () => undefined);
    store = new PostgresEventStore({ pool });
    query = new HostFactsQuery(dataSource);
  });
  after(async () => {
    await store?.close();
    await pool?.end();
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A registered host: its stream, and its row in the hosts read model when `placed`. */
  async function host(name: string, placed: { clusterId: string | null; memoryUsedMb: number } | null): Promise<string> {
    const hostId = randomUUID();
    const registered = {
      hostId,
      name,
      address: `10.0.0.${name.length}`,
      osVersion: 'WS2016',
      slat: true,
      cpuVendor: 'Intel',
      logicalProcessors: 32,
      memoryMb: 262_144,
      maximumLiveMigrations: 2,
      registeredAt: new Date().toISOString(),
    };
    const metadata = { actor: 'test', role: 'admin', correlationId: hostId, causationId: null, requestId: null, idempotencyKey: null };
    await store.append(`host-${hostId}`, [{ eventId: randomUUID(), type: 'HostRegistered', schemaVersion: 1, data: registered, metadata }], 'no-stream');
    if (placed) {
      await dataSource.query(
        `INSERT INTO rm_hosts (id, name, address, os_version, slat, cpu_vendor, logical_processors, memory_mb, memory_used_mb,
                               maximum_live_migrations, state, cluster_id, registered_at, version, last_position)
         VALUES ($1, $2, 'x', 'WS2016', true, 'Intel', 32, 262144, $3, 2, 'Up', $4, now()::text, 1, 1)`,
        [hostId, name, placed.memoryUsedMb, placed.clusterId],
      );
    }
    return hostId;
  }

  async function cluster(name: string): Promise<string> {
    const clusterId = randomUUID();
    await dataSource.query(
      `INSERT INTO rm_clusters (id, name, status, functional_level, mixed_mode, nodes, resiliency, vm_resiliency_periods,
                                pending_job_ids, state, created_at, version, last_position)
       VALUES ($1, $2, 'Active', 9, false, '[]', '{}', '{}', '[]', '{}', now()::text, 1, 1)`,
      [clusterId, name],
    );
    return clusterId;
  }

  it('gives each host the facts its own read gives, once per host, and NOT_FOUND for one that is not registered', async () => {
    const clusterId = await cluster('CLU01');
    const [node1, node2, standalone, unknownToReadModel] = [
      await host('hv01', { clusterId, memoryUsedMb: 8192 }),
      await host('hv02', { clusterId, memoryUsedMb: 0 }),
      await host('hv03', { clusterId: null, memoryUsedMb: 2048 }),
      await host('hv04', null),
    ];
    const missing = randomUUID();

    const facts = await readHostsFacts(store, query, [node1, node2, node1, standalone, unknownToReadModel, missing, node2]);

    expect([...facts.keys()]).toEqual([node1, node2, standalone, unknownToReadModel, missing]);
    for (const id of [node1, node2, standalone, unknownToReadModel]) {
      expect(facts.get(id)).toEqual(await readHostFacts(store, query, id));
    }
    expect(facts.get(node1)).toMatchObject({ name: 'hv01', clusterId, clusterName: 'CLU01', memoryUsedMb: 8192 });
    expect(facts.get(standalone)).toMatchObject({ clusterId: null, clusterName: null, memoryUsedMb: 2048 });
    expect(facts.get(unknownToReadModel)).toMatchObject({ clusterId: null, memoryUsedMb: 0 });
    const notFound = facts.get(missing);
    expect(notFound).toBeInstanceOf(DomainError);
    expect((notFound as DomainError).code).toBe('NOT_FOUND');
  });

  it('reads the placements of several hosts in one statement, leaving out hosts the read model does not know', async () => {
    const clusterId = await cluster('CLU02');
    const [a, b] = [await host('hv11', { clusterId, memoryUsedMb: 4096 }), await host('hv12', { clusterId: null, memoryUsedMb: 0 })];
    const unknown = randomUUID();

    const placements = await query.placements([a, b, unknown, a]);

    expect(placements).toEqual(
      new Map([
        [a, { clusterId, clusterName: 'CLU02', memoryUsedMb: 4096 }],
        [b, { clusterId: null, clusterName: null, memoryUsedMb: 0 }],
      ]),
    );
    expect(await query.placements([])).toEqual(new Map());
  });
});
