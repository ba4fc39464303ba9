import { Decider } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import { ApiKeyEvent, ApiKeyRole } from './api-key.events';

export type ApiKeyCommand =
  | {
      type: 'IssueApiKey';
      keyId: string;
      name: string;
      role: ApiKeyRole;
      tenants: string[];
      secretHash: string;
      issuedBy: string;
      now: string;
    }
  /** `otherActiveAdminKeys` is read by the caller: the last admin key may not be revoked. */
  | { type: 'RevokeApiKey'; revokedBy: string; otherActiveAdminKeys: number; now: string };

export type ApiKeyState =
  { status: 'None' } | { status: 'Active' | 'Revoked'; keyId: string; role: ApiKeyRole; secretHash: string };

const initialState: ApiKeyState = { status: 'None' };

function evolve(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyIssued':
      return { status: 'Active', keyId: event.data.keyId, role: event.data.role, secretHash: event.data.secretHash };
    case 'ApiKeyRevoked':
      return state.status === 'None' ? state : { ...state, status: 'Revoked' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function decide(command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] {
  switch (command.type) {
    case 'IssueApiKey': {
      // Issuing the same secret under the same id again (a restart with ADMIN_API_KEY) changes nothing.
      if (state.status !== 'None') {
        if (state.secretHash === command.secretHash) return [];
        throw new DomainError('API_KEY_EXISTS', `API key ${command.keyId} already exists`);
      }
      if (command.role === 'vm-operator' && command.tenants.length === 0) {
        throw new DomainError('TENANTS_REQUIRED', 'A vm-operator key needs at least one tenant', 'invalid');
      }
      if (command.role !== 'vm-operator' && command.tenants.length > 0) {
        throw new DomainError(
          'TENANTS_NOT_APPLICABLE',
          `Only vm-operator keys are scoped to tenants, not ${command.role} keys`,
          'invalid',
        );
      }
      const { keyId, name, role, tenants, secretHash, issuedBy, now } = command;
      return [{ type: 'ApiKeyIssued', data: { keyId, name, role, tenants, secretHash, issuedBy, issuedAt: now } }];
    }
    case 'RevokeApiKey':
      if (state.status === 'None') throw new DomainError('NOT_FOUND', 'The API key does not exist', 'not-found');
      if (state.status === 'Revoked') return [];
      if (state.role === 'admin' && command.otherActiveAdminKeys === 0) {
        throw new DomainError('LAST_ADMIN_KEY', 'The last active admin key cannot be revoked; issue another admin key first');
      }
      return [{ type: 'ApiKeyRevoked', data: { keyId: state.keyId, revokedAt: command.now, revokedBy: command.revokedBy } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = { initialState, evolve, decide };
