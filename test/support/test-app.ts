import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { READ_MODEL_ENTITIES } from '../../src/app.module';
import { createFabricClient, type components } from '../../src/client';
import { loadConfig } from '../../src/platform/config';
import { createHttpApp } from '../../src/platform/http/create-http-app';
import { Infrastructure, openInfrastructure } from '../../src/platform/infrastructure';
import { createLogger } from '../../src/platform/logger';
import { createTestDatabase, redisPrefix, TEST_REDIS_URL, TestDatabase } from './test-environment';

/** A role an API key can be issued for, as the OpenAPI document lists them. */
export type ApiKeyRole = components['schemas']['CreateApiKeyDto']['role'];

/** The admin key every test app starts with (ADMIN_API_KEY). */
export const TEST_ADMIN_KEY = 'fm_test-admin-key-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  infrastructure: Infrastructure;
  database: TestDatabase;
  baseUrl: string;
  /** fetch against the app, JSON in and out. */
  /** Sends the admin key unless `key` names another (or is null for none). */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; raw?: string; key?: string | null },
  ): Promise<TestResponse>;
  /** Issues an API key with the admin key and returns its secret. */
  createKey(role: ApiKeyRole, tenants?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Starts the real service (real PostgreSQL and Redis) on a fresh database and a random port. */
export async function startTestApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const db = database ?? (await createTestDatabase('app'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix('app'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DB_POOL_SIZE: '10',
    PROCESSOR_POLL_MS: '100',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    RATE_LIMIT_PER_SECOND: '0',
    UNAUTHENTICATED_PER_SECOND: '0',
    EVENT_STREAMS_PER_KEY: '0',
    ...env,
  });
  const infrastructure = await openInfrastructure(config, createLogger(config), READ_MODEL_ENTITIES);
  const app = await createHttpApp(infrastructure);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp: TestApp = {
    app,
    infrastructure,
    database: db,
    baseUrl,
    async request(method, path, options = {}) {
      const key = options.key === undefined ? TEST_ADMIN_KEY : options.key;
      const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(options.headers ?? {}) };
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async createKey(role, tenants) {
      const name = `${role}-${Math.random().toString(36).slice(2, 8)}`;
      const admin = createFabricClient({ baseUrl, apiKey: TEST_ADMIN_KEY });
      const created = await admin.post('/v1/api-keys', { body: { name, role, ...(tenants ? { tenants } : {}) } });
      return created.secret;
    },
    async close() {
      await app.close();
      await infrastructure.close();
      if (!database) await db.drop();
    },
  };
  return testApp;
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
