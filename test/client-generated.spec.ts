import { describe, it } from 'node:test';
import { expect } from 'expect';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from '../src/platform/client-schema';

const OPENAPI = path.resolve(__dirname, '../../openapi/openapi.json');

describe('The generated client', () => {
  it('is committed exactly as openapi/openapi.json generates it (run `npm run openapi:generate` after an API change)', async () => {
    const generated = await generateClientSchema(readFileSync(OPENAPI, 'utf8'));
    expect(readFileSync(CLIENT_SCHEMA_PATH, 'utf8')).toBe(generated);
  });
});
