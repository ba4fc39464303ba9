import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /v1/api-keys/current', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it('tells every role who it is: name, role and, for a vm-operator, its tenants', async () => {
    const admin = await t.request('GET', '/v1/api-keys/current');
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual({ id: expect.any(String), name: 'bootstrap-admin', role: 'admin', tenants: [] });

    for (const [role, tenants] of [
      ['fabric-admin', undefined],
      ['auditor', undefined],
      ['vm-operator', ['contoso', 'fabrikam']],
    ] as const) {
      const key = await t.createKey(role, tenants ? [...tenants] : undefined);
      const me = await t.request('GET', '/v1/api-keys/current', { key });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: expect.any(String),
        name: expect.stringMatching(new RegExp(`^${role}-`)),
        role,
        tenants: tenants ?? [],
      });
    }
  });

  it('is 401 without a valid key', async () => {
    const none = await t.request('GET', '/v1/api-keys/current', { key: null });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const revoked = await t.request('GET', '/v1/api-keys/current', { key: 'fm_unknown-key-000000000000000000' });
    expect(revoked.status).toBe(401);
  });

  it('does not shadow the admin-only key list', async () => {
    const auditor = await t.createKey('auditor');
    expect((await t.request('GET', '/v1/api-keys', { key: auditor })).status).toBe(403);
  });
});
