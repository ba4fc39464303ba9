import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { Pool } from 'pg';
import { AuthenticatedRequest } from '../auth/principal';
import { PG_POOL } from '../tokens';
import { ProblemError } from './problem';
import { toProblem } from './problem.filter';
import { seedIdsOf } from './request-context';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;
const REPLAYED_HEADERS = ['location', 'etag', 'content-type', 'preference-applied'];
/**
 * A request still "in progress" after this long died with its process; a retry takes it over. Taking
 * over one that is merely slow is safe: both run with the same seed, and the store keeps one.
 */
const ABANDONED_AFTER_S = 15;
const WAIT_FOR_FIRST_MS = 30_000;
const RETENTION_HOURS = 25;

interface StoredResponse {
  request_hash: string;
  /** `retryable`: the request failed on the server's side; a retry takes it over at once, with its seed. */
  state: 'in-progress' | 'completed' | 'retryable';
  command_seed: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
}

/** JSON with sorted keys, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency-Key on every mutation: one key, at most one execution, ever. The first request with
 * a key records it, with a seed for every id the request will create (command ids, resources,
 * jobs), before anything runs. Its answer is kept (PostgreSQL, at least 24 h) and replayed to a
 * repeat with the same body — also when both arrive at the same moment; the same key with another
 * body is a 422. When the first try failed on the server's side (a lost connection after the
 * command committed, a crash), the retry runs again with the same seed: the command it sends has
 * the same id, so the store finds what the first try committed instead of doing it twice, and the
 * answer describes that. Keys are scoped to the API key that sent them.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('idempotency');
  private cleaner: NodeJS.Timeout | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  onModuleInit(): void {
    this.cleaner = setInterval(() => void this.forgetOld(), 3600_000);
    this.cleaner.unref();
  }

  onModuleDestroy(): void {
    if (this.cleaner) clearInterval(this.cleaner);
  }

  async forgetOld(): Promise<void> {
    await this.pool
      .query(`DELETE FROM fm_idempotency WHERE created_at < now() - interval '${RETENTION_HOURS} hours'`)
      .catch(() => undefined);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    if (!MUTATING.has(request.method) || header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) {
      return throwError(
        () =>
          new ProblemError(
            400,
            'VALIDATION_FAILED',
            'Idempotency-Key must be 1–200 characters of letters, digits, ".", "_", ":" or "-"',
          ),
      );
    }
    const principal = request.principal?.keyId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonical(request.body ?? null)}`)
      .digest('hex');
    return from(this.claim(principal, header, hash)).pipe(
      mergeMap((claim) => {
        if ('replay' in claim) return of(this.replay(reply, claim.replay));
        seedIdsOf(request, claim.seed);
        return next.handle().pipe(
          catchError((error) => from(this.fail(principal, header, error, request)).pipe(mergeMap(() => throwError(() => error)))),
          // After the request ran: its answer is sent even when recording it fails (see complete).
          mergeMap((body) => from(this.complete(principal, header, reply.statusCode, reply, body)).pipe(mergeMap(() => of(body)))),
        );
      }),
    );
  }

  /** The stored response to replay, or the seed of the ids to run this request with. */
  private async claim(principal: string, key: string, hash: string): Promise<{ replay: StoredResponse } | { seed: string }> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const seed = randomUUID();
      const inserted = await this.pool.query(
        `INSERT INTO fm_idempotency (principal, idempotency_key, request_hash, state, command_seed)
         VALUES ($1, $2, $3, 'in-progress', $4)
         ON CONFLICT (principal, idempotency_key) DO NOTHING`,
        [principal, key, hash, seed],
      );
      if (inserted.rowCount === 1) return { seed };
      const { rows } = await this.pool.query<StoredResponse & { abandoned: boolean }>(
        `SELECT request_hash, state, command_seed, status, headers, body,
                created_at < now() - interval '${ABANDONED_AFTER_S} seconds' AS abandoned
           FROM fm_idempotency WHERE principal = $1 AND idempotency_key = $2`,
        [principal, key],
      );
      const stored = rows[0];
      if (!stored) continue;
      if (stored.request_hash !== hash) {
        throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      if (stored.state === 'completed') return { replay: stored };
      // A try that failed on the server's side, or whose process died, is taken over with its seed.
      if (stored.state === 'retryable' || stored.abandoned) {
        const taken = await this.pool.query(
          `UPDATE fm_idempotency SET state = 'in-progress', created_at = now()
            WHERE principal = $1 AND idempotency_key = $2
              AND (state = 'retryable' OR (state = 'in-progress' AND created_at < now() - interval '${ABANDONED_AFTER_S} seconds'))`,
          [principal, key],
        );
        if (taken.rowCount === 1) return { seed: stored.command_seed };
      }
      if (Date.now() > deadline) {
        throw new ProblemError(
          409,
          'REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still running; retry later',
          {},
          { 'retry-after': '1' },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private replay(reply: FastifyReply, stored: StoredResponse): unknown {
    void reply.status(stored.status ?? 200);
    for (const [name, value] of Object.entries(stored.headers ?? {})) void reply.header(name, value);
    void reply.header('idempotent-replayed', 'true');
    return stored.body === null ? undefined : JSON.parse(stored.body);
  }

  /**
   * Records the answer for replay. When that fails (a lost connection, a refused write), the command
   * has still run: the client gets its answer, and the key keeps its seed for a retry to take over —
   * at once when it can be marked retryable, after ABANDONED_AFTER_S otherwise — which names the
   * same command ids and is answered from what this try committed.
   */
  private async complete(principal: string, key: string, status: number, reply: FastifyReply, body: unknown): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      await this.record(principal, key, status, headers, body === undefined ? null : JSON.stringify(body));
    } catch (error) {
      this.logger.warn(`The answer to Idempotency-Key ${key} was not recorded; a retry runs again with its seed: ${String(error)}`);
      await this.markRetryable(principal, key);
    }
  }

  /**
   * A refusal is an answer and is kept. A server error is not: the key is kept with its seed and
   * marked retryable, so the client's retry runs again with the same ids and finds whatever this
   * try committed (never deleted, or the retry would draw a new seed and run the command twice).
   */
  private async fail(principal: string, key: string, error: unknown, request: FastifyRequest): Promise<void> {
    const problem = toProblem(error, request);
    if (problem.document.status >= 500) {
      await this.markRetryable(principal, key);
      return;
    }
    await this.record(
      principal,
      key,
      problem.document.status,
      { 'content-type': 'application/problem+json', ...problem.headers },
      JSON.stringify(problem.document),
    ).catch((recordError) => {
      this.logger.warn(`The refusal of Idempotency-Key ${key} was not recorded; a retry runs again with its seed: ${String(recordError)}`);
      return this.markRetryable(principal, key);
    });
  }

  private async record(principal: string, key: string, status: number, headers: Record<string, string>, body: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE fm_idempotency SET state = 'completed', status = $3, headers = $4, body = $5, completed_at = now()
        WHERE principal = $1 AND idempotency_key = $2`,
      [principal, key, status, JSON.stringify(headers), body],
    );
  }

  /** Best effort: when even this fails, the record stays in progress and is taken over once abandoned. */
  private async markRetryable(principal: string, key: string): Promise<void> {
    await this.pool
      .query(`UPDATE fm_idempotency SET state = 'retryable' WHERE principal = $1 AND idempotency_key = $2 AND state = 'in-progress'`, [
        principal,
        key,
      ])
      .catch((error) => this.logger.warn(`Idempotency-Key ${key} stays in progress until abandoned: ${String(error)}`));
  }
}
