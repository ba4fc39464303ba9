import { DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BullModule } from '@nestjs/bullmq';
import { IncomingMessage } from 'node:http';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { REQUEST_LOG_LEVEL, requestIdFromHeaders, requestLoggerRoot, requestScopedLogger } from './logger';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../event-store/event-store.port';
import { ProcessingService } from '../processing/processing.service';
import { ProcessorRegistry } from '../processing/processor-registry';
import { GenericCommandHandler } from './command-handler';
import { HealthController } from './health.controller';
import { Infrastructure } from './infrastructure';
import { queueConnectionOptions } from './queues/bull-connection';
import { Metrics } from './metrics';
import { SystemCommands } from './system-commands';
import { RateLimiter } from './http/rate-limiter';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ReadYourWritesInterceptor } from './http/read-your-writes.interceptor';
import { ExpensiveQueryLimiter } from './http/expensive-queries';
import { HttpInterceptors } from './http/http-interceptors';
import { APP_CONFIG, CONNECT_PG_CLIENT, LOGGER, PG_POOL, PLATFORM_OPTIONS, PlatformOptions, REDIS } from './tokens';

export type { PlatformOptions };

/** The connections opened at start-up, the command handler and the processor host, for all modules. */
@Global()
@Module({})
export class PlatformModule {
  static register(infrastructure: Infrastructure, options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        CqrsModule.forRoot(),
        // Queues and workers open (and on shutdown close) their own connections to the configured Redis.
        BullModule.forRootAsync({ useFactory: () => queueConnectionOptions(infrastructure.config) }),
        // Built when the application is, not when the module is described (the OpenAPI document is
        // generated from a description without a logger).
        LoggerModule.forRootAsync({
          useFactory: () => ({
            pinoHttp: {
              logger: requestLoggerRoot(infrastructure.logger),
              // The id Fastify gave the request (the client's X-Request-Id when sane), bound to every line.
              genReqId: (request) => (request as IncomingMessage & { id?: string }).id ?? requestIdFromHeaders(request),
              quietReqLogger: true,
              customAttributeKeys: { reqId: 'requestId' },
              customLogLevel: () => REQUEST_LOG_LEVEL,
              // Below that level no request line is written: no need to follow each response to its end.
              autoLogging: infrastructure.logger.isLevelEnabled(REQUEST_LOG_LEVEL),
            },
            // The line that closes a request carries what was learnt while handling it (the caller).
            assignResponse: true,
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: infrastructure.config },
        { provide: PLATFORM_OPTIONS, useValue: options },
        {
          provide: LOGGER,
          useFactory: (current: PinoLogger) => requestScopedLogger(infrastructure.logger, current),
          inject: [PinoLogger],
        },
        { provide: PG_POOL, useValue: infrastructure.pool },
        { provide: DataSource, useValue: infrastructure.dataSource },
        { provide: EVENT_STORE, useValue: infrastructure.eventStore },
        { provide: REDIS, useValue: infrastructure.redis },
        { provide: CONNECT_PG_CLIENT, useValue: infrastructure.connectClient },
        Metrics,
        GenericCommandHandler,
        SystemCommands,
        RateLimiter,
        ProcessorRegistry,
        ProcessingService,
        IdempotencyInterceptor,
        ReadYourWritesInterceptor,
        ExpensiveQueryLimiter,
        { provide: APP_INTERCEPTOR, useClass: HttpInterceptors },
      ],
      exports: [
        APP_CONFIG,
        LOGGER,
        PG_POOL,
        DataSource,
        EVENT_STORE,
        REDIS,
        CONNECT_PG_CLIENT,
        Metrics,
        GenericCommandHandler,
        SystemCommands,
        RateLimiter,
        ProcessorRegistry,
        ProcessingService,
        CqrsModule,
      ],
    };
  }
}
