import { describe, it } from 'node:test';
import { expect } from 'expect';
import { CallHandler, ExecutionContext } from '@nestjs/common';
import { catchError, firstValueFrom, map, Observable, of } from 'rxjs';
import { chainInterceptors, SyncInterceptor } from './http-interceptors';

const context = {} as ExecutionContext;

function route(calls: string[]): CallHandler {
  return {
    handle: () => {
      calls.push('route');
      return of('answer');
    },
  };
}

describe('the HTTP edge interceptor chain', () => {
  it('runs the interceptors outermost first around the route, each seeing what the inner ones answer', async () => {
    const calls: string[] = [];
    const tagging = (name: string): SyncInterceptor => ({
      intercept: (_context, next) => {
        calls.push(name);
        return next.handle().pipe(map((value) => `${name}(${String(value)})`));
      },
    });
    const answer = await firstValueFrom(chainInterceptors([tagging('a'), tagging('b'), tagging('c')], context, route(calls)));
    expect(answer).toBe('a(b(c(answer)))');
    expect(calls).toEqual(['a', 'b', 'c', 'route']);
  });

  it('hands the route through untouched when every interceptor lets the request pass', async () => {
    const calls: string[] = [];
    const passing: SyncInterceptor = { intercept: (_context, next) => next.handle() };
    const last = route(calls);
    const routeAnswer = of('answer');
    const chained = chainInterceptors([passing, passing], context, { handle: () => (last.handle(), routeAnswer) });
    expect(chained).toBe(routeAnswer);
    expect(calls).toEqual(['route']);
  });

  it('gives an inner interceptor that throws at once to the outer one as the error of its handle()', async () => {
    const seen: unknown[] = [];
    const recording: SyncInterceptor = {
      intercept: (_context, next) =>
        next.handle().pipe(
          catchError((error: unknown) => {
            seen.push(error);
            return of('recorded');
          }),
        ),
    };
    const refusal = new Error('refused');
    const throwing: SyncInterceptor = {
      intercept: (): Observable<unknown> => {
        throw refusal;
      },
    };
    const calls: string[] = [];
    await expect(firstValueFrom(chainInterceptors([recording, throwing], context, route(calls)))).resolves.toBe('recorded');
    expect(seen).toEqual([refusal]);
    expect(calls).toEqual([]);
  });
});
