import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { ExpensiveQueryLimiter } from './expensive-queries';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';

/** An interceptor that answers with an Observable at once (all of the edge's do). */
export interface SyncInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown>;
}

export function chainInterceptors(interceptors: SyncInterceptor[], context: ExecutionContext, last: CallHandler): Observable<unknown> {
  const at = (index: number): Observable<unknown> => {
    if (index === interceptors.length) return last.handle();
    const handler: CallHandler = {
      handle: () => {
        try {
          return at(index + 1);
        } catch (error) {
          return throwError(() => error);
        }
      },
    };
    return interceptors[index].intercept(context, handler);
  };
  return at(0);
}

/**
 * The HTTP edge's interceptors, outermost first, as one: Nest wraps every interceptor of a route in
 * its own deferred Observable and async-context binding on every request, though most requests
 * need none of them (a command without an Idempotency-Key, a read without `?minPosition`). Here an
 * interceptor that lets a request through costs a call.
 *
 * Each one sees the next as Nest would give it: a `handle()` whose failures, even those thrown at
 * once, arrive as the Observable's error (so the idempotency interceptor records a refusal from an
 * inner one as it would its own).
 */
@Injectable()
export class HttpInterceptors implements NestInterceptor {
  private readonly interceptors: SyncInterceptor[];

  constructor(idempotency: IdempotencyInterceptor, readYourWrites: ReadYourWritesInterceptor, expensiveQueries: ExpensiveQueryLimiter) {
    this.interceptors = [idempotency, readYourWrites, expensiveQueries];
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return chainInterceptors(this.interceptors, context, next);
  }
}
