import { randomUUID } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { CommandContext } from '../command-handler';
import { deterministicUuid } from '../deterministic-id';
import { ProblemError } from './problem';

type SeededRequest = FastifyRequest & { commandSeed?: string; issuedIds?: number };

/**
 * Seeds the ids a request creates. With an Idempotency-Key the seed is kept with the key before
 * the request runs, so a retry names the same command ids, resources and jobs as the first try:
 * whatever the first try committed is found again instead of being done twice.
 */
export function seedIdsOf(request: FastifyRequest, seed: string): void {
  (request as SeededRequest).commandSeed = seed;
  (request as SeededRequest).issuedIds = 0;
}

/** An id for something this request creates (a command, a resource, a job): the next one of its seed. */
export function newIdFor(request: FastifyRequest): string {
  const seeded = request as SeededRequest;
  seeded.commandSeed ??= randomUUID();
  seeded.issuedIds = (seeded.issuedIds ?? 0) + 1;
  return deterministicUuid(`${seeded.commandSeed}/${seeded.issuedIds}`);
}

/** The request id: the client's X-Request-Id when it is sane, otherwise a new one (see the app's genReqId). */
export function requestIdOf(request: FastifyRequest): string {
  return request.id;
}

/** Parses If-Match: `"<stream version>"` (weak or strong); anything else is a 400. */
export function expectedVersionOf(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(String(header).trim());
  if (!match) throw new ProblemError(400, 'VALIDATION_FAILED', 'If-Match must be an ETag of the form "<version>"');
  return Number(match[1]);
}

/** What the events of a command record about who sent it. */
export function commandContextOf(request: FastifyRequest): CommandContext {
  const requestId = requestIdOf(request);
  const principal = (request as FastifyRequest & { principal?: { actor: string; role: string } }).principal;
  const idempotencyKey = request.headers['idempotency-key'];
  return {
    commandId: newIdFor(request),
    actor: principal?.actor ?? 'anonymous',
    role: principal?.role ?? 'none',
    correlationId: requestId,
    causationId: null,
    requestId,
    idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
    expectedVersion: expectedVersionOf(request),
  };
}
