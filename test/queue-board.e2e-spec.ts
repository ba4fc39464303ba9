import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from './support/test-app';

const basic = (secret: string) => `Basic ${Buffer.from(`anyone:${secret}`).toString('base64')}`;

describe('the queue board at /admin/queues', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t?.close();
  });

  it('is 401 problem+json without a key, asking a browser for Basic credentials', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const response = await t.request('GET', path, { key: null });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    const unknown = await t.request('GET', '/admin/queues', { key: 'fm_unknown-key-000000000000000000' });
    expect(unknown.status).toBe(401);
  });

  it('is 403 for a vm-operator, an auditor and a fabric-admin key', async () => {
    for (const role of ['vm-operator', 'auditor', 'fabric-admin'] as const) {
      const key = await t.createKey(role, role === 'vm-operator' ? ['contoso'] : undefined);
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const response = await t.request('GET', path, { key });
        expect({ role, path, status: response.status }).toEqual({ role, path, status: 403 });
        expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
  });

  it('shows the page and the job and timer queues to an admin key, as a bearer token or as a Basic password', async () => {
    const page = await t.request('GET', '/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const queues = await t.request('GET', '/admin/queues/api/queues', { key: null, headers: { authorization: basic(TEST_ADMIN_KEY) } });
    expect(queues.status).toBe(200);
    const names = (queues.body as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name).sort();
    expect(names).toEqual(['fabric-jobs', 'fabric-timers']);
  });

  it('leaves unknown paths to the API as problem+json 404', async () => {
    for (const path of ['/admin/nothing', '/no-such-page']) {
      const response = await t.request('GET', path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
