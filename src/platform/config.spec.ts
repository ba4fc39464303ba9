import { describe, it } from 'node:test';
import { expect } from 'expect';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has defaults that need no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      role: 'all',
      databaseUrl: undefined,
      redisUrl: 'redis://127.0.0.1:63799',
      embeddedRedis: true,
      embeddedRedisPort: 63799,
      eventStore: 'postgres',
      dataDir: './.data',
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      ROLE: 'worker',
      DATABASE_URL: 'postgres://u:p@db:5432/fabric',
      REDIS_URL: 'redis://cache:6380',
      SIMULATOR_TIME_SCALE: '0.01',
    });
    expect(config).toMatchObject({
      port: 8080,
      role: 'worker',
      databaseUrl: 'postgres://u:p@db:5432/fabric',
      redisUrl: 'redis://cache:6380',
      embeddedRedis: false,
      simulatorTimeScale: 0.01,
    });
  });

  it('reports every mistake at once, one line each, naming the variable and the value', () => {
    const problems = problemsOf({ PORT: 'abc', ROLE: 'boss', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' });
    expect(problems).toHaveLength(4);
    expect(problems).toContain('Configuration error: PORT must be a whole number between 0 and 65535 (got "abc")');
    expect(problems).toContain('Configuration error: ROLE must be one of api, worker, all (got "boss")');
    expect(problems.find((p) => p.includes('DATABASE_URL'))).toContain('postgres://');
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('refuses an out-of-range port', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual([
      'Configuration error: PORT must be a whole number between 0 and 65535 (got "70000")',
    ]);
  });

  it('needs KURRENTDB_URL when the KurrentDB event store is chosen', () => {
    expect(problemsOf({ EVENT_STORE: 'kurrentdb' })).toEqual([
      'Configuration error: KURRENTDB_URL is required when EVENT_STORE=kurrentdb',
    ]);
  });

  it('takes a KurrentDB connection string, with one or several nodes, and refuses anything else', () => {
    for (const url of [
      'kurrentdb://127.0.0.1:2113?tls=false',
      'kurrentdb+discover://admin:changeit@a:2113,b:2113',
      'esdb://db:2113',
    ]) {
      expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url })).toMatchObject({
        eventStore: 'kurrentdb',
        kurrentdbUrl: url,
      });
    }
    expect(problemsOf({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'http://db:2113' })).toEqual([
      'Configuration error: KURRENTDB_URL must be a KurrentDB connection string such as kurrentdb://host:2113?tls=false (got "http://db:2113")',
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });
});
