import { NestFactory } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../../app.module';
import { Infrastructure } from '../infrastructure';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Http2ServerRequest } from 'node:http2';
import { Logger } from 'nestjs-pino';
import { requestIdFromHeaders } from '../logger';
import { Metrics } from '../metrics';
import { ProblemFilter, sendProblem, toProblem } from './problem.filter';
import { serveConsole } from './console-assets';
import { checkQuery, parseJsonBody } from './input-hygiene';
import { preferredWaitSeconds } from './prefer';
import { requestIdOf } from './request-context';
import { createValidationPipe } from './validation';
import { API_INTRODUCTION, API_TAGS } from './api-docs';
import { mountQueueBoard } from '../../jobs/api/queue-board';

const BODY_LIMIT_BYTES = 256 * 1024;

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Fabric Manager')
    .setDescription(API_INTRODUCTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <secret>`' }, 'bearer')
    .addSecurityRequirements('bearer');
  for (const [name, description] of Object.entries(API_TAGS)) config.addTag(name, description);
  return SwaggerModule.createDocument(app, config.build());
}

/**
 * On shutdown, Node closes the keep-alive connections that sit between requests, but not one that
 * has never carried a request (a client's spare socket, such as the one a fetch opens after an
 * aborted event stream): the server would wait on it until the client gives it up, which can be
 * minutes. Connections with a request in progress are left to finish it.
 */
function closeRequestlessConnectionsOnShutdown(fastify: FastifyInstance): void {
  const requestsOn = new Map<Socket, number>();
  fastify.server.on('connection', (socket: Socket) => {
    requestsOn.set(socket, 0);
    socket.once('close', () => requestsOn.delete(socket));
  });
  fastify.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    requestsOn.set(socket, (requestsOn.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const requests = requestsOn.get(socket);
      if (requests !== undefined) requestsOn.set(socket, Math.max(0, requests - 1));
    });
  });
  fastify.addHook('preClose', (done) => {
    for (const [socket, requests] of requestsOn) if (requests === 0) socket.destroy();
    done();
  });
}

/** The HTTP application: Nest on Fastify with the problem+json pipeline, docs and metrics. */
export async function createHttpApp(infrastructure: Infrastructure): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // The raw request keeps the id too, so the request logger binds the same one.
    genReqId: (raw: IncomingMessage | Http2ServerRequest) => {
      const request = raw as IncomingMessage & { id?: string };
      return (request.id = requestIdFromHeaders(request));
    },
    requestIdHeader: false,
    return503OnClosing: true,
    // A client that trickles its request holds a socket; it gets this long for the whole request.
    requestTimeout: infrastructure.config.requestTimeoutMs,
    http: {
      headersTimeout: infrastructure.config.headersTimeoutMs,
      // Node looks for timed-out requests this often (30 s by default, which would let one linger).
      connectionsCheckingInterval: Math.min(1000, infrastructure.config.headersTimeoutMs),
    },
    // Given as a router option: Fastify 5 warns on the top-level one (and drops it in 6).
    routerOptions: { maxParamLength: 200 },
    // The router's own refusals (bad percent-encoding, over-long ids) are problems too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, toProblem(error, request)),
    // So are the HTTP parser's (control characters in headers, oversized headers).
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : timedOut ? 408 : 400;
      const title = status === 431 ? 'Request Header Fields Too Large' : timedOut ? 'Request Timeout' : 'Bad Request';
      const body = JSON.stringify({
        type: `https://fabric-manager.dev/problems/${timedOut ? 'request-timeout' : 'validation-failed'}`,
        title,
        status,
        detail: timedOut
          ? `The request was not received whole within ${infrastructure.config.requestTimeoutMs / 1000} s`
          : 'The request could not be parsed as HTTP',
        code: timedOut ? 'REQUEST_TIMEOUT' : 'VALIDATION_FAILED',
      });
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${title}\r\n` +
            `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(infrastructure), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Bodies are parsed by our own JSON parser (below), which refuses deep nesting and unstorable text.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // JSON bodies: refuse deep nesting and text PostgreSQL cannot store, before validation walks them.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // The hooks below take a callback rather than returning a promise: they do nothing asynchronous,
  // and a promise per hook per request is work for nothing.
  fastify.addHook('preValidation', (request, reply, done) => {
    try {
      checkQuery(request.query);
      // Refuse a bad Prefer before any command runs.
      preferredWaitSeconds(request);
    } catch (error) {
      // Answered here: the request goes no further (done is not called).
      sendProblem(reply, toProblem(error, request));
      return;
    }
    done();
  });
  closeRequestlessConnectionsOnShutdown(fastify);
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = requestIdOf(request);
    void reply.header('x-request-id', requestId);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  await mountQueueBoard(app);
  if (!(await serveConsole(app))) infrastructure.logger.warn('The console is not built (npm run build); / serves nothing');
  await app.init();
  return app;
}
