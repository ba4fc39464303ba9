import { CommandOperation, EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { ApiKeyDto, ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto, CurrentApiKeyDto } from './api-key.dto';

const KEY_EXAMPLE: ApiKeyDto = {
  id: EXAMPLE_ID.key,
  name: 'scvmm-prod',
  role: 'vm-operator',
  tenants: ['contoso'],
  createdAt: '2026-03-01T07:00:00.000Z',
  createdBy: 'bootstrap-admin',
  revokedAt: null,
};

export const ApiKeyDocs = {
  current: QueryOperation({
    summary: 'The key making this request',
    description: 'Who the bearer key is: its name, role and (for a vm-operator) tenants. Any role may ask.',
    response: {
      type: CurrentApiKeyDto,
      example: { id: EXAMPLE_ID.key, name: 'scvmm-prod', role: 'vm-operator', tenants: ['contoso'] },
    },
  }),
  create: CommandOperation({
    summary: 'Issue an API key',
    description:
      'Admin keys only. Issues a key with a role: `admin` (keys), `fabric-admin` (hosts, clusters, upgrades), ' +
      '`vm-operator` (the VMs of its tenants, which it needs) or `auditor` (reads and the event log). The secret is in ' +
      'this answer only (the service keeps a hash); the key works as soon as the answer arrives. A retry with the same ' +
      '`Idempotency-Key` cannot show the secret again (`API_KEY_SECRET_UNRECOVERABLE`).',
    request: { type: CreateApiKeyDto, example: { name: 'scvmm-prod', role: 'vm-operator', tenants: ['contoso'] } },
    responses: [
      {
        status: 201,
        type: CreatedApiKeyDto,
        description: 'Issued; the secret is shown only here',
        example: { ...KEY_EXAMPLE, secret: 'fm_3q2VbLr8kQ0yJx7mN4tW9sZc1dH6gE5p', position: 1002 },
      },
    ],
    errors: ['TENANTS_REQUIRED', 'TENANTS_NOT_APPLICABLE', 'API_KEY_EXISTS', 'API_KEY_SECRET_UNRECOVERABLE'],
  }),
  list: QueryOperation({
    summary: 'List API keys',
    description: 'Admin keys only. Every key with its role, tenants and whether it is revoked; never the secrets.',
    response: { type: ApiKeyPageDto, example: { items: [KEY_EXAMPLE], nextCursor: null } },
  }),
  revoke: CommandOperation({
    summary: 'Revoke an API key',
    description:
      'Admin keys only. Refused at once by the process that revoked it and within 5 s by every other; its open event ' +
      'streams are closed. The last active admin key cannot be revoked.',
    responses: [{ status: 204, description: 'Revoked', example: undefined }],
    errors: ['NOT_FOUND', 'LAST_ADMIN_KEY'],
  }),
};
