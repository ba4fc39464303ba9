import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { Principal, Role } from '../platform/auth/principal';
import { ApiKeyReadModel } from './projections/api-key-read-model.entity';

/** How long a lookup is trusted: a key revoked in another process stops working within this. */
export const KEY_CACHE_TTL_MS = 5000;
const KNOWN_KEYS = 10_000;
/** Misses live in their own smaller cache, so a flood of random secrets cannot push real keys out. */
const UNKNOWN_SECRETS = 10_000;
/** A key revoked here is refused here at once, for longer than any other process may trust it. */
const LOCAL_REVOCATION_MS = 60_000;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(): string {
  return `fm_${randomBytes(32).toString('base64url')}`;
}

type RevocationListener = (keyId: string) => void;

/**
 * Turns a bearer secret into a principal. Lookups are cached for KEY_CACHE_TTL_MS, so a key
 * revoked by another process stops working within that; one revoked by this process stops at once.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly known = new LRUCache<string, Principal>({ max: KNOWN_KEYS, ttl: KEY_CACHE_TTL_MS });
  private readonly unknown = new LRUCache<string, true>({ max: UNKNOWN_SECRETS, ttl: KEY_CACHE_TTL_MS });
  private readonly revokedHere = new LRUCache<string, true>({ max: KNOWN_KEYS, ttl: LOCAL_REVOCATION_MS });
  private readonly activeById = new LRUCache<string, boolean>({ max: KNOWN_KEYS, ttl: KEY_CACHE_TTL_MS });
  private readonly listeners = new Set<RevocationListener>();

  constructor(private readonly dataSource: DataSource) {}

  /** The principal of a secret if this process knows the answer without asking the database. */
  cached(secret: string): Principal | null | undefined {
    const hash = hashSecret(secret);
    const principal = this.known.get(hash);
    if (principal) return this.revokedHere.has(principal.keyId) ? null : principal;
    return this.unknown.has(hash) ? null : undefined;
  }

  async authenticate(secret: string): Promise<Principal | null> {
    const cached = this.cached(secret);
    if (cached !== undefined) return cached;
    const hash = hashSecret(secret);
    const key = await this.dataSource.getRepository(ApiKeyReadModel).findOneBy({ secretHash: hash, revokedAt: IsNull() });
    if (!key || this.revokedHere.has(key.id)) {
      this.unknown.set(hash, true);
      return null;
    }
    const principal: Principal = { keyId: key.id, actor: key.name, role: key.role as Role, tenants: key.tenants };
    this.known.set(hash, principal);
    return principal;
  }

  /** Whether a key is still active (for connections that outlive a request). */
  async isActive(keyId: string): Promise<boolean> {
    if (this.revokedHere.has(keyId)) return false;
    const cached = this.activeById.get(keyId);
    if (cached !== undefined) return cached;
    const active = (await this.dataSource.getRepository(ApiKeyReadModel).countBy({ id: keyId, revokedAt: IsNull() })) > 0;
    this.activeById.set(keyId, active);
    if (!active) this.forgetPrincipalsOf(keyId);
    return active;
  }

  /** A key was revoked by this process: refuse it here from now on and tell whoever holds it open. */
  revoked(keyId: string): void {
    this.revokedHere.set(keyId, true);
    this.activeById.set(keyId, false);
    this.forgetPrincipalsOf(keyId);
    for (const listener of this.listeners) listener(keyId);
  }

  private forgetPrincipalsOf(keyId: string): void {
    for (const [hash, principal] of this.known.entries()) if (principal.keyId === keyId) this.known.delete(hash);
  }

  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
