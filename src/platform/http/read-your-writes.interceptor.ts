import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import { ProcessingService } from '../../processing/processing.service';
import { ProblemError } from './problem';

const MAX_WAIT_MS = 5000;

/**
 * Read-your-writes: a GET with `?minPosition=N` (the `position` a write answered with) waits until
 * every read model has applied event N — up to 5 s, then 503 with Retry-After. A position beyond
 * the store's head is 400: no write answered with it.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly processing: ProcessingService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = request.query as Record<string, unknown> | undefined;
    if (request.method !== 'GET' || !query || query.minPosition === undefined) return next.handle();
    const raw = query.minPosition;
    // The parameter belongs to this interceptor, not to the route's query DTO.
    delete query.minPosition;
    if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
      throw new ProblemError(400, 'VALIDATION_FAILED', 'minPosition must be a non-negative whole number', {
        errors: [{ path: 'minPosition', message: 'must be a non-negative whole number' }],
      });
    }
    const position = Number(raw);
    return from(this.waitFor(position)).pipe(
      mergeMap((reached) => {
        if (!reached) {
          throw new ProblemError(
            503,
            'READ_MODEL_BEHIND',
            `The read models have not reached position ${raw} within ${MAX_WAIT_MS / 1000} s; retry shortly`,
            {},
            { 'retry-after': '1' },
          );
        }
        return next.handle();
      }),
    );
  }

  /** A position beyond the newest stored event was never answered by a write: nothing to wait for. */
  private async waitFor(position: number): Promise<boolean> {
    const head = await this.eventStore.headPosition();
    if (position > head) {
      throw new ProblemError(400, 'VALIDATION_FAILED', `minPosition ${position} is beyond the newest event (${head})`, {
        errors: [{ path: 'minPosition', message: 'must be a position that a write answered with' }],
      });
    }
    return this.processing.waitFor(this.processing.projectionNames(), position, MAX_WAIT_MS);
  }
}
