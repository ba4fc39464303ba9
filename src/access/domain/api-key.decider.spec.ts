import { describe, it } from 'node:test';
import { deciderSpec } from '../../../test/support/decider-spec';
import { apiKeyDecider } from './api-key.decider';
import { ApiKeyEvent } from './api-key.events';

const spec = deciderSpec(apiKeyDecider);
const now = '2026-11-26T12:00:00.000Z';
const issue = (overrides: Record<string, unknown> = {}) => ({
  type: 'IssueApiKey' as const,
  keyId: 'k1',
  name: 'ops',
  role: 'fabric-admin' as const,
  tenants: [] as string[],
  secretHash: 'h1',
  issuedBy: 'admin',
  now,
  ...overrides,
});
const issued = (overrides: Record<string, unknown> = {}): ApiKeyEvent => ({
  type: 'ApiKeyIssued',
  data: {
    keyId: 'k1',
    name: 'ops',
    role: 'fabric-admin',
    tenants: [],
    secretHash: 'h1',
    issuedBy: 'admin',
    issuedAt: now,
    ...overrides,
  },
});

describe('API key decider', () => {
  it('issues a key', () => {
    spec.given([]).when(issue()).then([issued()]);
  });
  it('needs at least one tenant for a vm-operator key', () => {
    spec
      .given([])
      .when(issue({ role: 'vm-operator' }))
      .thenThrows('TENANTS_REQUIRED');
  });
  it('scopes only vm-operator keys to tenants', () => {
    spec
      .given([])
      .when(issue({ tenants: ['contoso'] }))
      .thenThrows('TENANTS_NOT_APPLICABLE');
  });
  it('treats issuing the same secret under the same id again as already done', () => {
    spec.given([issued()]).when(issue()).then([]);
  });
  it('refuses another secret under an existing id', () => {
    spec
      .given([issued()])
      .when(issue({ secretHash: 'h2' }))
      .thenThrows('API_KEY_EXISTS');
  });
  it('revokes a key once', () => {
    const revoke = { type: 'RevokeApiKey' as const, revokedBy: 'admin', otherActiveAdminKeys: 0, now };
    spec
      .given([issued()])
      .when(revoke)
      .then([{ type: 'ApiKeyRevoked', data: { keyId: 'k1', revokedAt: now, revokedBy: 'admin' } }]);
    spec
      .given([issued(), { type: 'ApiKeyRevoked', data: { keyId: 'k1', revokedAt: now, revokedBy: 'admin' } }])
      .when(revoke)
      .then([]);
  });
  it('refuses to revoke the last active admin key', () => {
    const revoke = { type: 'RevokeApiKey' as const, revokedBy: 'admin', otherActiveAdminKeys: 0, now };
    spec
      .given([issued({ role: 'admin' })])
      .when(revoke)
      .thenThrows('LAST_ADMIN_KEY');
    spec
      .given([issued({ role: 'admin' })])
      .when({ ...revoke, otherActiveAdminKeys: 1 })
      .then([{ type: 'ApiKeyRevoked', data: { keyId: 'k1', revokedAt: now, revokedBy: 'admin' } }]);
  });
  it('answers NOT_FOUND for an unknown key', () => {
    spec.given([]).when({ type: 'RevokeApiKey', revokedBy: 'admin', otherActiveAdminKeys: 1, now }).thenThrows('NOT_FOUND');
  });
});
