import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/platform/config';

/**
 * Static checks of docker/ (no Docker engine is needed, nor used): the compose file sets only
 * variables the service reads, with values its configuration accepts, and wires the roles and
 * back-ends the way the README describes; the Dockerfile builds in stages and runs as a non-root
 * user with production dependencies only and a health check.
 */
const root = path.resolve(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(root, 'docker/compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Compose's `${NAME:-default}` and `${NAME:?message}`, as `docker compose` would expand them. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (env[name]) return env[name];
    if (kind === '-') return rest ?? '';
    throw new Error(`compose needs ${name}: ${rest}`);
  });
}

const roles = ['api', 'worker'] as const;

function environmentOf(role: string, env: Record<string, string> = { ADMIN_API_KEY: 'a-key-of-at-least-16-chars' }) {
  const raw = compose.services[role].environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, interpolate(String(value), env)]));
}

describe('docker/compose.yml', () => {
  it('runs KurrentDB, PostgreSQL, Redis and the service as separate api and worker processes', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'kurrentdb', 'postgres', 'redis', 'worker']);
    for (const role of roles) {
      const service = compose.services[role];
      expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(environmentOf(role).ROLE).toBe(role);
      for (const backend of ['postgres', 'redis', 'kurrentdb']) {
        expect(service.depends_on?.[backend]).toEqual({ condition: 'service_healthy' });
        expect(compose.services[backend].healthcheck?.test.length).toBeGreaterThan(0);
      }
    }
    expect(compose.services.api.ports).toEqual(['3000:3000']);
    expect(compose.services.worker.ports).toBeUndefined();
  });

  it('configures Redis for BullMQ: no eviction, append-only persistence', () => {
    const command = compose.services.redis.command ?? [];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(command[0]).toBe('redis-server');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(option('--appendonly')).toBe('yes');
  });

  it('sets only variables the service reads, with values its configuration accepts', () => {
    for (const role of roles) {
      const environment = environmentOf(role);
      expect(Object.keys(environment).filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
      expect(loadConfig(environment)).toMatchObject({ role, eventStore: 'kurrentdb' });
      expect(
        loadConfig(environmentOf(role, { ADMIN_API_KEY: 'a-key-of-at-least-16-chars', EVENT_STORE: 'postgres' })),
      ).toMatchObject({
        eventStore: 'postgres',
      });
    }
    expect(() => environmentOf('api', {})).toThrow(/compose needs ADMIN_API_KEY/);
  });

  it('points the service at the compose services, with the credentials PostgreSQL is created with', () => {
    const environment = environmentOf('api');
    const database = new URL(environment.DATABASE_URL);
    const postgres = compose.services.postgres.environment ?? {};
    expect([database.hostname, database.username, database.password, database.pathname]).toEqual([
      'postgres',
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
    expect(new URL(environment.REDIS_URL).hostname).toBe('redis');
    expect(environment.KURRENTDB_URL).toBe('kurrentdb://kurrentdb:2113?tls=false');
    // tls=false talks plain gRPC: the server must run without TLS too.
    expect(compose.services.kurrentdb.environment?.KURRENTDB_INSECURE).toBe('true');
  });
});

describe('docker/Dockerfile', () => {
  const instructions = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));
  const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));

  it('builds in one stage and runs from another that takes only the build output and production dependencies', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^FROM node:\d+[\w.-]* AS build$/);
    const buildStage = instructions.slice(0, instructions.indexOf(stages[1]));
    expect(buildStage.some((line) => /npm prune --omit=dev/.test(line))).toBe(true);
    const copies = finalStage.filter((line) => line.startsWith('COPY '));
    expect(copies.filter((line) => !line.includes('--from=build'))).toEqual(['COPY --chown=node:node package.json ./']);
    expect(finalStage).toContain('CMD ["node", "dist/src/main.js"]');
    expect(finalStage.some((line) => /NODE_ENV=production/.test(line))).toBe(true);
  });

  it('runs as a non-root user and has a health check on /health/live', () => {
    const user = finalStage.find((line) => line.startsWith('USER '));
    expect(user).toBe('USER node');
    expect(finalStage.indexOf(user!)).toBeLessThan(finalStage.findIndex((line) => line.startsWith('CMD ')));
    const healthcheck = finalStage.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toMatch(/CMD node -e .*\/health\/live/);
  });

  it('copies only files that exist, and the build context leaves local installs and data out', () => {
    for (const line of instructions.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      const sources = line
        .split(/\s+/)
        .slice(1, -1)
        .filter((part) => !part.startsWith('--'));
      for (const source of sources) expect(existsSync(path.join(root, source))).toBe(true);
    }
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.git']));
  });
});
