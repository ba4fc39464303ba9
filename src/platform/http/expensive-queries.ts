import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defer, Observable, finalize } from 'rxjs';
import { AuthenticatedRequest } from '../auth/principal';
import { AppConfig } from '../config';
import { APP_CONFIG } from '../tokens';
import { ProblemError } from './problem';

const EXPENSIVE = 'fm:expensive-query';

/**
 * Marks a route whose cost grows with the store (audit queries, histories): a key may run only
 * EXPENSIVE_QUERIES_PER_KEY of them at once. Time travel (`?asOf=`, `?atPosition=`) on any route
 * counts as one too.
 */
export const ExpensiveQuery = () => SetMetadata(EXPENSIVE, true);

/**
 * Bounds what one API key can make the database do at once, so that a burst of audit scans from
 * one client cannot slow every other client's commands. The count is per process: a key's
 * requests spread over several processes get that many slots in each.
 */
@Injectable()
export class ExpensiveQueryLimiter implements NestInterceptor {
  private readonly running = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limit = this.config.expensiveQueriesPerKey;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const keyId = request.principal?.keyId;
    if (limit === 0 || keyId === undefined || !this.isExpensive(context, request)) return next.handle();
    const running = this.running.get(keyId) ?? 0;
    if (running >= limit) {
      throw new ProblemError(
        429,
        'TOO_MANY_CONCURRENT_QUERIES',
        `This API key already runs ${running} audit or time-travel queries; wait for one to finish`,
        { limit },
        { 'retry-after': '1' },
      );
    }
    this.running.set(keyId, running + 1);
    return defer(() => next.handle()).pipe(
      finalize(() => {
        const left = (this.running.get(keyId) ?? 1) - 1;
        if (left === 0) this.running.delete(keyId);
        else this.running.set(keyId, left);
      }),
    );
  }

  private isExpensive(context: ExecutionContext, request: AuthenticatedRequest): boolean {
    if (this.reflector.getAllAndOverride<boolean>(EXPENSIVE, [context.getHandler(), context.getClass()])) return true;
    const query = request.query as Record<string, unknown> | undefined;
    return request.method === 'GET' && query !== undefined && (query.asOf !== undefined || query.atPosition !== undefined);
  }
}
