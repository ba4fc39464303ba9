import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase } from './support/test-environment';

const MAIN = path.resolve(__dirname, '../src/main.js');

/** Runs the compiled service with a given environment until it exits (or 20 s pass). */
function runService(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

describe('start-up errors', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('startup');
  });
  after(async () => {
    await database?.drop();
  });

  it('names each configuration mistake on its own line, without a stack trace', async () => {
    const result = await runService({ PORT: 'abc', ROLE: 'boss' });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'Configuration error: PORT must be a whole number between 0 and 65535 (got "abc")',
      'Configuration error: ROLE must be one of api, worker, all (got "boss")',
    ]);
  });

  it('says in one line that PostgreSQL cannot be reached', async () => {
    const result = await runService({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^Start-up error: Cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/nothing \(ECONNREFUSED\): start it or set DATABASE_URL/,
    );
  });

  it('says in one line that Redis cannot be reached', async () => {
    const result = await runService({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^Start-up error: Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*: start it \(redis-server\) or set REDIS_URL/,
    );
  });

  it('says in one line that KurrentDB cannot be reached when it holds the events', async () => {
    const result = await runService({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'Start-up error: Cannot reach KurrentDB at kurrentdb://127.0.0.1:1?tls=false (unavailable): start it or set KURRENTDB_URL',
    ]);
  });
});
