import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { AuthenticatedRequest, PERMIT, PUBLIC, Role } from '../platform/auth/principal';
import { ProblemError } from '../platform/http/problem';
import { RateLimiter } from '../platform/http/rate-limiter';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { FailedAuthentications } from './failed-authentications';

/**
 * Every route needs `Authorization: Bearer <api key>` unless marked @Public. 401 without a valid
 * key, 403 outside the route's roles (admin may do everything), 429 past the key's rate limit,
 * and 429 for an address that keeps sending unknown keys.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly rateLimiter: RateLimiter,
    private readonly failures: FailedAuthentications,
    private readonly requestLogger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(header.trim()) : null;
    const address = request.ip;
    if (!match) {
      this.failures.failed(address);
      throw new ProblemError(
        401,
        'UNAUTHENTICATED',
        'Send an API key as "Authorization: Bearer <key>"',
        {},
        { 'www-authenticate': 'Bearer' },
      );
    }
    let principal = this.authenticator.cached(match[1]);
    if (principal === undefined) {
      const wait = this.failures.retryAfter(address);
      if (wait !== null) {
        throw new ProblemError(
          429,
          'RATE_LIMITED',
          `Too many requests with unknown API keys from this address; retry in ${wait} s`,
          {},
          { 'retry-after': String(wait) },
        );
      }
      principal = await this.authenticator.authenticate(match[1]);
    }
    if (!principal) {
      this.failures.failed(address);
      throw new ProblemError(
        401,
        'UNAUTHENTICATED',
        'The API key is unknown or revoked',
        {},
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    }
    request.principal = principal;
    // Every line logged for the rest of this request says who sent it.
    this.requestLogger.assign({ actor: principal.actor, role: principal.role, keyId: principal.keyId });
    const retryAfter = await this.rateLimiter.hit(principal.keyId);
    if (retryAfter !== null) {
      throw new ProblemError(
        429,
        'RATE_LIMITED',
        `Too many requests for this API key; retry in ${retryAfter} s`,
        {},
        { 'retry-after': String(retryAfter) },
      );
    }
    const permitted = this.reflector.getAllAndOverride<Role[] | undefined>(PERMIT, targets) ?? [];
    if (principal.role !== 'admin' && !permitted.includes(principal.role)) {
      throw new ProblemError(403, 'FORBIDDEN', `The ${principal.role} role may not do this`);
    }
    return true;
  }
}
