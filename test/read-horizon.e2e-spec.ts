import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FabricClient } from '../src/client';
import { fabricClient, hostBody, vmBody } from './support/fabric';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-environment';

const vm = (hostId: string, name: string) =>
  vmBody({ hostId }, { name, memory: { startupMb: 1024 }, processorCount: 1, disks: [{ name: 'os', sizeGb: 20 }] });

/**
 * A managed PostgreSQL server is shared: migrations, reports and other services' databases run
 * their own long transactions. None of them may stall the fabric; only its own appends can hold its
 * readers back, and /health/ready then says which and for how long.
 */
describe('the fabric is not stalled by transactions it does not own', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostId: string;
  let foreignDatabase: TestDatabase;
  const clients: Client[] = [];

  async function client(url: string): Promise<Client> {
    const opened = new Client({ connectionString: url });
    opened.on('error', () => undefined);
    await opened.connect();
    clients.push(opened);
    return opened;
  }

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.001' });
    foreignDatabase = await createTestDatabase('foreign');
    fabric = fabricClient(t);
    hostId = (await fabric.post('/v1/hosts', { body: hostBody({ name: 'hv-horizon' }) })).id;
  });
  after(async () => {
    for (const opened of clients) await opened.end().catch(() => undefined);
    await t?.close();
    await foreignDatabase?.drop();
  });

  it('completes jobs while a write transaction in another database stays open, and reports nothing held', async () => {
    const foreign = await client(foreignDatabase.url);
    await foreign.query('BEGIN');
    await foreign.query('CREATE TABLE report (id int)');
    await foreign.query('INSERT INTO report VALUES (1)');
    try {
      for (const name of ['held01', 'held02', 'held03']) {
        // Answered with the finished job (200), not only accepted: no reader waited on the foreign transaction.
        const { reply } = await fabric.command('post', '/v1/vms', { body: vm(hostId, name) }, { waitSeconds: 20 });
        expect(reply).toMatchObject({ kind: 'create-vm', status: 'Succeeded' });
      }
      const ready = await t.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.horizon).toBeUndefined();
    } finally {
      await foreign.query('ROLLBACK');
    }
  });

  it('reports an appending transaction that holds readers back: which one and for how long', async () => {
    const holder = await client(t.database.url);
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM fm_append_events($1, 0, $2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[])', [
      `test-${randomUUID()}`,
      [randomUUID()],
      ['TestEventHappened'],
      [1],
      [JSON.stringify({})],
      [
        JSON.stringify({
          actor: 'test',
          role: 'admin',
          correlationId: randomUUID(),
          causationId: null,
          requestId: null,
          idempotencyKey: null,
        }),
      ],
    ]);
    const { rows } = await holder.query<{ pid: number; xid: string }>(
      'SELECT pg_backend_pid() AS pid, pg_current_xact_id()::text AS xid',
    );
    try {
      // Reported once it has held for a second: an append normally takes milliseconds.
      await sleep(1100);
      const ready = await t.request('GET', '/health/ready');
      expect(ready.body.horizon).toEqual({
        status: 'held',
        pid: rows[0].pid,
        transactionId: String(BigInt(rows[0].xid) % 2n ** 32n),
        heldForMs: expect.any(Number),
      });
      expect(ready.body.horizon.heldForMs).toBeGreaterThanOrEqual(1000);
    } finally {
      await holder.query('ROLLBACK');
    }
    expect((await t.request('GET', '/health/ready')).body.horizon).toBeUndefined();
  });
});
