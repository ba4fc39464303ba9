import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateOpenApiDocument, serialiseOpenApi } from '../src/platform/openapi';
import { startTestApp, TestApp } from './support/test-app';

const COMMITTED = path.resolve(__dirname, '../../openapi/openapi.json');

describe('OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it('is committed exactly as the code generates it (run `npm run openapi:generate` after an API change)', async () => {
    const generated = serialiseOpenApi(await generateOpenApiDocument());
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });

  it('is served at /openapi.json and the interactive docs at /docs', async () => {
    const served = await t.request('GET', '/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(await generateOpenApiDocument());
    const docs = await t.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });
});
