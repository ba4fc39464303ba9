import { FastifyRequest } from 'fastify';
import { ProblemError } from './problem';

const MAX_WAIT_SECONDS = 60;

/** `Prefer: wait=<seconds>` (RFC 7240); absent means do not wait. */
export function preferredWaitSeconds(request: FastifyRequest): number {
  const header = request.headers.prefer;
  if (header === undefined) return 0;
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d{1,6})"?/i.exec(String(header));
  if (!match) return 0;
  const seconds = Number(match[1]);
  if (seconds > MAX_WAIT_SECONDS) {
    throw new ProblemError(400, 'VALIDATION_FAILED', `Prefer: wait may ask for at most ${MAX_WAIT_SECONDS} seconds`);
  }
  return seconds;
}
