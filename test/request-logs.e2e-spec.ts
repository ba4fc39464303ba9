import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Writable } from 'node:stream';
import pino from 'pino';
import { READ_MODEL_ENTITIES } from '../src/app.module';
import { loadConfig } from '../src/platform/config';
import { createHttpApp } from '../src/platform/http/create-http-app';
import { Infrastructure, openInfrastructure } from '../src/platform/infrastructure';
import { REDACTED_PATHS } from '../src/platform/logger';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { createTestDatabase, redisPrefix, TEST_REDIS_URL, TestDatabase } from './support/test-environment';
import { TEST_ADMIN_KEY } from './support/test-app';

/** Every line the service logs, parsed. */
const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    done();
  },
});

describe('request-scoped logs', () => {
  let database: TestDatabase;
  let infrastructure: Infrastructure;
  let app: NestFastifyApplication;
  let baseUrl: string;

  before(async () => {
    database = await createTestDatabase('logs');
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix('logs'),
      LOG_LEVEL: 'debug',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      SIMULATOR_TIME_SCALE: '0',
    });
    const logger = pino({ level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    infrastructure = await openInfrastructure(config, logger, READ_MODEL_ENTITIES);
    app = await createHttpApp(infrastructure);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await infrastructure.close();
    await database.drop();
  });

  it('puts the request id and the caller on every line written while handling a request, and never the key', async () => {
    const requestId = `logs-${Date.now()}`;
    const response = await fetch(`${baseUrl}/v1/hosts/00000000-0000-4000-8000-000000000000?asOf=not-a-date`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'x-request-id': requestId },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const mine = lines.filter((line) => line.requestId === requestId);
    expect(mine.length).toBeGreaterThan(0);
    const completed = mine.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ requestId, actor: expect.any(String), role: 'admin' });
    expect(JSON.stringify(lines)).not.toContain(TEST_ADMIN_KEY);
  });

  it('gives a request without an id one of its own, the same in its logs as in its answer', async () => {
    const response = await fetch(`${baseUrl}/v1/hosts`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((line) => line.requestId === requestId && line.msg === 'request completed')).toBe(true);
  });
});
