import { Client } from 'pg';

/** Session advisory lock that makes one process the runner of a processor. */
const key = `hashtextextended('fabric-manager:processor:' || $1, 0)`;

export async function tryLockProcessor(client: Client, name: string): Promise<boolean> {
  const { rows } = await client.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(${key}) AS acquired`, [name]);
  return rows[0].acquired;
}

export async function unlockProcessor(client: Client, name: string): Promise<void> {
  await client.query(`SELECT pg_advisory_unlock(${key})`, [name]);
}
