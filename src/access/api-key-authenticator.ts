import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { Principal, Role } from '../platform/auth/principal';
import { ApiKeyReadModel } from './projections/api-key-read-model.entity';

const CACHE_TTL_MS = 5000;
const CACHE_LIMIT = 10_000;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(): string {
  return `fm_${randomBytes(32).toString('base64url')}`;
}

/**
 * Turns a bearer secret into a principal. Lookups are cached for a few seconds, so a revoked
 * key stops working within CACHE_TTL_MS on every process.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { principal: Principal | null; expires: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    if (cached && cached.expires > Date.now()) return cached.principal;
    const key = await this.dataSource.getRepository(ApiKeyReadModel).findOneBy({ secretHash: hash, revokedAt: IsNull() });
    const principal: Principal | null = key
      ? { keyId: key.id, actor: key.name, role: key.role as Role, tenants: key.tenants }
      : null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(hash, { principal, expires: Date.now() + CACHE_TTL_MS });
    return principal;
  }

  /** Forget a key at once in this process (after a revocation here). */
  forget(): void {
    this.cache.clear();
  }
}
