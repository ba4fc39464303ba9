import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../app.module';
import { Infrastructure } from '../infrastructure';
import { PinoNestLogger } from '../logger';
import { Metrics } from '../metrics';
import { ProblemFilter } from './problem.filter';
import { createValidationPipe } from './validation';

const BODY_LIMIT_BYTES = 256 * 1024;

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Fabric Manager')
    .setDescription('Event-sourced control plane for a Hyper-V style virtualization fabric')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The HTTP application: Nest on Fastify with the problem+json pipeline, docs and metrics. */
export async function createHttpApp(infrastructure: Infrastructure): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(infrastructure), adapter, {
    logger: new PinoNestLogger(infrastructure.logger),
    bufferLogs: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', async (request, reply) => {
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(incoming) ? incoming : request.id;
    void reply.header('x-request-id', requestId);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    infrastructure.logger.debug(
      { requestId: reply.getHeader('x-request-id'), method: request.method, url: request.url, status: reply.statusCode },
      'request',
    );
  });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  await app.init();
  return app;
}
