import { getQueueToken } from '@nestjs/bullmq';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator } from '../../access/api-key-authenticator';
import { Principal } from '../../platform/auth/principal';
import { ProblemError } from '../../platform/http/problem';
import { sendProblem, toProblem } from '../../platform/http/problem.filter';
import { TIMER_QUEUE } from '../../platform/timers/durable-timers';
import { JOB_QUEUE } from '../job-queue';

export const QUEUE_BOARD_PATH = '/admin/queues';

const REALM = 'Basic realm="Fabric Manager queues", charset="UTF-8"';

/**
 * The API key of a request to the board: `Authorization: Bearer <key>` from API clients, or HTTP
 * Basic with the key as the password from a browser, which asks for it once (on the 401) and then
 * sends it with every request the board's page makes — no key in a URL or in page storage.
 */
export function boardKeyOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const bearer = /^Bearer\s+(\S{1,512})$/i.exec(header.trim());
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]{1,1024})$/i.exec(header.trim());
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return password.length > 0 && password.length <= 512 ? password : null;
}

async function admitAdmin(request: FastifyRequest, authenticator: ApiKeyAuthenticator): Promise<Principal> {
  const key = boardKeyOf(request);
  const principal = key === null ? null : (authenticator.cached(key) ?? (await authenticator.authenticate(key)));
  if (!principal) {
    throw new ProblemError(401, 'UNAUTHENTICATED', 'The queue board needs an admin API key', {}, { 'www-authenticate': REALM });
  }
  if (principal.role !== 'admin') throw new ProblemError(403, 'FORBIDDEN', `The ${principal.role} role may not see the queues`);
  return principal;
}

/**
 * Bull Board at /admin/queues: the job and timer queues as BullMQ holds them (waiting, delayed,
 * failed, retries), for admin keys only. It is a Fastify plugin beside the Nest routes, so it
 * checks the key itself; every other path keeps the API's problem+json answers.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const queues = [JOB_QUEUE, TIMER_QUEUE].map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })));
  const serverAdapter = new FastifyAdapter();
  createBullBoard({ queues, serverAdapter, options: { uiConfig: { boardTitle: 'Fabric Manager queues' } } });
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  const authenticator = app.get(ApiKeyAuthenticator, { strict: false });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      try {
        await admitAdmin(request, authenticator);
      } catch (error) {
        sendProblem(reply, toProblem(error, request));
        return reply;
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
