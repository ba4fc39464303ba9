import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Pool } from 'pg';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
}

export interface PostgresInfo {
  version: string;
  settings: Record<string, string>;
}

export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: keep what Node reports
  }
  return {
    cpuModel,
    cores: os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

const SETTINGS = [
  'fsync',
  'synchronous_commit',
  'wal_level',
  'wal_sync_method',
  'full_page_writes',
  'shared_buffers',
  'max_wal_size',
  'commit_delay',
];

export async function postgresInfo(pool: Pool): Promise<PostgresInfo> {
  const version = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
  const settings: Record<string, string> = {};
  for (const name of SETTINGS) {
    const { rows } = await pool.query(`SHOW ${name}`);
    settings[name] = String(Object.values(rows[0])[0]);
  }
  return { version, settings };
}
