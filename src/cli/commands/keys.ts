import { Command, Option } from 'commander';
import type { ApiKey } from '../../client';
import { API_KEY_ROLES } from '../schema-values';
import { act, repeatable } from './common';

export function keysCommand(): Command {
  const keys = new Command('keys').alias('api-keys').description('API keys: issue, list, revoke');

  keys
    .command('create')
    .description('issue a key (its secret is shown once)')
    .argument('<name>', 'a name for the key')
    .addOption(
      new Option('--role <role>', 'its role').choices(API_KEY_ROLES).makeOptionMandatory(),
    )
    .option('--tenant <tenant>', 'a tenant of a vm-operator (repeatable)', repeatable)
    .action(
      act(async (context, name: string, o: { role: ApiKey['role']; tenant?: string[] }) => {
        const key = await context.fabric.post('/v1/api-keys', {
          body: { name, role: o.role, ...(o.tenant ? { tenants: o.tenant } : {}) },
        });
        if (context.out.format !== 'table') return context.out.data(key);
        context.out.line(`key ${key.name} (${key.role}) ${key.id}`);
        context.out.line(`secret: ${key.secret}`);
        context.out.line('the secret is shown only now');
      }),
    );

  keys
    .command('list')
    .description('list keys')
    .action(
      act(async (context) => {
        const items: ApiKey[] = [];
        for await (const key of context.fabric.paginate('/v1/api-keys', { params: { query: { limit: 500 } } })) items.push(key);
        context.out.list(items, [
          { header: 'ID', value: (k) => k.id },
          { header: 'NAME', value: (k) => k.name },
          { header: 'ROLE', value: (k) => k.role },
          { header: 'TENANTS', value: (k) => k.tenants.join(',') },
          { header: 'CREATED', value: (k) => k.createdAt },
          { header: 'REVOKED', value: (k) => k.revokedAt },
        ]);
      }),
    );

  keys
    .command('revoke')
    .description('revoke a key')
    .argument('<id>', 'key id')
    .action(
      act(async (context, id: string) => {
        await context.fabric.delete('/v1/api-keys/{id}', { params: { path: { id } } });
        context.out.message(`revoked key ${id}`);
      }),
    );

  return keys;
}
