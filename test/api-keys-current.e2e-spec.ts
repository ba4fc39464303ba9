import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createFabricClient } from '../src/client';
import { fabricClient } from './support/fabric';
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
    const admin = await fabricClient(t).get('/v1/api-keys/current');
    expect(admin).toEqual({ id: expect.any(String), name: 'bootstrap-admin', role: 'admin', tenants: [] });

    for (const [role, tenants] of [
      ['fabric-admin', undefined],
      ['auditor', undefined],
      ['vm-operator', ['contoso', 'fabrikam']],
    ] as const) {
      const key = await t.createKey(role, tenants ? [...tenants] : undefined);
      const me = await fabricClient(t, key).get('/v1/api-keys/current');
      expect(me).toEqual({
        id: expect.any(String),
        name: expect.stringMatching(new RegExp(`^${role}-`)),
        role,
        tenants: tenants ?? [],
      });
    }
  });

  it('is 401 without a valid key', async () => {
    const anonymous = createFabricClient({ baseUrl: t.baseUrl });
    await expect(anonymous.get('/v1/api-keys/current')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const unknown = fabricClient(t, 'fm_unknown-key-000000000000000000');
    await expect(unknown.get('/v1/api-keys/current')).rejects.toMatchObject({ status: 401 });
  });

  it('does not shadow the admin-only key list', async () => {
    const auditor = await t.createKey('auditor');
    await expect(fabricClient(t, auditor).get('/v1/api-keys')).rejects.toMatchObject({ status: 403 });
  });
});
