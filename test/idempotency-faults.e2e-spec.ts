import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Client } from 'pg';
import { startTestApp, TestApp } from './support/test-app';

const host = (name: string) => ({
  name,
  address: '10.0.9.30',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 16,
  memoryMb: 65536,
});

interface IdempotencyRow {
  state: string;
  command_seed: string;
  status: number | null;
}

describe('an Idempotency-Key whose answer cannot be recorded', () => {
  let t: TestApp;
  let pg: Client;

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0' });
    pg = new Client({ connectionString: t.database.url });
    await pg.connect();
  });
  after(async () => {
    await pg.query('DROP TRIGGER IF EXISTS refuse_completion ON fm_idempotency').catch(() => undefined);
    await pg.end();
    await t.close();
  });

  const rowOf = async (key: string): Promise<IdempotencyRow | undefined> =>
    (
      await pg.query<IdempotencyRow>('SELECT state, command_seed, status FROM fm_idempotency WHERE idempotency_key = $1', [
        key,
      ])
    ).rows[0];

  it('keeps the key and its seed when recording the answer fails after the command committed, and a retry answers with what was committed', async () => {
    // Recording an answer (the completion UPDATE) fails; every other write to the table works.
    await pg.query(`
      CREATE OR REPLACE FUNCTION refuse_idempotency_completion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'recording the answer is refused for this test';
      END $$`);
    await pg.query(`
      CREATE TRIGGER refuse_completion BEFORE UPDATE ON fm_idempotency
      FOR EACH ROW WHEN (NEW.state = 'completed') EXECUTE FUNCTION refuse_idempotency_completion()`);
    const key = `completion-refused-${Date.now()}`;
    const send = () => t.request('POST', '/v1/hosts', { body: host('hv-unrecorded'), headers: { 'idempotency-key': key } });

    const first = await send();
    expect(first.status).toBe(201);
    const hostId = first.body.id;
    // The command committed; the key still names the seed it ran with, so a retry finds that command.
    const kept = await rowOf(key);
    expect(kept).toBeDefined();
    expect(kept!.state).toBe('retryable');

    await pg.query('DROP TRIGGER refuse_completion ON fm_idempotency');
    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(hostId);
    expect((await rowOf(key))!).toEqual({ ...kept, state: 'completed', status: 201 });
    const replayed = await send();
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.id).toBe(hostId);

    // One registration in the store, whatever the number of tries.
    const { rows } = await pg.query<{ stream_id: string }>(
      `SELECT stream_id FROM fm_events WHERE type = 'HostRegistered' AND metadata->>'idempotencyKey' = $1`,
      [key],
    );
    expect(rows.map((row) => row.stream_id)).toEqual([`host-${hostId}`]);
  });
});
