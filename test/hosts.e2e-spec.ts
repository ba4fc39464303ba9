import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { FabricClient } from '../src/client';
import { byId, fabricClient } from './support/fabric';
import { startTestApp, TestApp } from './support/test-app';

describe('hosts over HTTP', () => {
  let t: TestApp;
  let fabric: FabricClient;
  before(async () => {
    t = await startTestApp();
    fabric = fabricClient(t);
  });
  after(async () => {
    await t?.close();
  });

  const validHost = {
    name: 'hv01',
    address: '10.0.0.11',
    osVersion: 'WS2016' as const,
    slat: true,
    cpuVendor: 'Intel' as const,
    logicalProcessors: 32,
    memoryMb: 262144,
  };

  it('registers a host and serves it from the read model', async () => {
    const { data: created, response } = await fabric.raw.POST('/v1/hosts', { body: validHost });
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ ...validHost, maximumLiveMigrations: 2, state: 'Up', clusterId: null, memoryUsedMb: 0 });
    expect(created!.position).toBeGreaterThan(0);
    expect(response.headers.get('etag')).toBe('"1"');
    const read = await fabric.read('/v1/hosts/{id}', { ...byId(created!.id), minPosition: created!.position });
    expect(read.data).toMatchObject({ id: created!.id, name: 'hv01', osVersion: 'WS2016' });
    expect(read.etag).toBe('"1"');
  });

  // The refusals below are read off the wire: the problem's media type, malformed JSON, unknown fields.
  it('refuses a WS2016 host without SLAT with a 409 problem', async () => {
    const r = await t.request('POST', '/v1/hosts', { body: { ...validHost, slat: false } });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 409, code: 'SLAT_REQUIRED' });
  });

  it('answers invalid fields with a 400 listing each field', async () => {
    const r = await t.request('POST', '/v1/hosts', { body: { ...validHost, memoryMb: -1, osVersion: 'WS2003', extra: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    const paths = r.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['extra', 'memoryMb', 'osVersion']));
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const r = await t.request('POST', '/v1/hosts', { raw: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers an unknown route and an unknown host with 404 problems', async () => {
    const route = await t.request('GET', '/v1/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.code).toBe('NOT_FOUND');
    await expect(fabric.get('/v1/hosts/{id}', byId('00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    await expect(fabric.get('/v1/hosts/{id}', byId('not-a-uuid'))).rejects.toMatchObject({ status: 400 });
  });
});
