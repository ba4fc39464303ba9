import { DomainEvent } from '../../platform/domain/decider';

export type ApiKeyRole = 'admin' | 'fabric-admin' | 'vm-operator' | 'auditor';

export type ApiKeyEvent =
  | DomainEvent<
      'ApiKeyIssued',
      { keyId: string; name: string; role: ApiKeyRole; tenants: string[]; secretHash: string; issuedAt: string; issuedBy: string }
    >
  | DomainEvent<'ApiKeyRevoked', { keyId: string; revokedAt: string; revokedBy: string }>;

export const API_KEY_EVENT_TYPES = ['ApiKeyIssued', 'ApiKeyRevoked'] as const satisfies readonly ApiKeyEvent['type'][];

export const apiKeyStreamId = (keyId: string) => `api-key-${keyId}`;
