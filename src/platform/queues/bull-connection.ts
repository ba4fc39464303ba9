import { Provider, Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Queue, QueueBase, WorkerOptions } from 'bullmq';
import { Logger } from 'pino';
import { AppConfig } from '../config';
import { APP_CONFIG } from '../tokens';

/**
 * Connections BullMQ opens for queues: adding a job fails at once while Redis is away (the caller
 * retries: the dispatcher's batch, the sweeps), rather than piling up in memory.
 */
export function queueConnectionOptions(config: AppConfig) {
  return {
    connection: { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: false },
    prefix: config.redisPrefix,
  };
}

/** Connections BullMQ opens for workers: they wait for Redis to come back and carry on. */
export function workerConnectionOptions(config: AppConfig) {
  return { connection: { url: config.redisUrl, maxRetriesPerRequest: null } };
}

/**
 * A queue or worker whose connection fails emits 'error'; an EventEmitter without a listener
 * throws it, which would end the process when Redis goes away. Every queue and worker logs them.
 */
export function logConnectionErrors(emitter: QueueBase, logger: Logger, what: string): void {
  emitter.on('error', (error: Error) => logger.warn({ queue: emitter.name, error: error.message }, `${what} connection problem`));
}

/**
 * A BullMQ processor whose worker options come from the configuration (concurrency, lock
 * duration). `@Processor` options are fixed when a class is declared, so each application gets its
 * own subclass carrying them; where the role runs no workers (`api`) the plain class is provided
 * and no worker is created.
 */
export function configuredProcessor<T extends WorkerHost>(
  host: Type<T>,
  queue: string,
  options: (config: AppConfig) => Partial<WorkerOptions>,
  inject: Array<string | symbol | Type>,
): Provider {
  return {
    provide: host,
    inject: [APP_CONFIG, ...inject],
    useFactory: (config: AppConfig, ...dependencies: unknown[]) => {
      const hostClass = host as unknown as new (...args: unknown[]) => object;
      if (config.role === 'api') return new hostClass(...dependencies) as T;
      const configured = class extends hostClass {};
      Object.defineProperty(configured, 'name', { value: `${host.name}Worker` });
      Processor(queue, { ...workerConnectionOptions(config), ...options(config) })(configured);
      return new configured(...dependencies) as T;
    },
  };
}

/**
 * Lets BullMQ close a queue while Redis is away. Its connection has no offline queue (adding fails
 * fast), and then ioredis refuses the orderly QUIT that closing sends instead of ending the client:
 * the close failed and the client went on reconnecting, unheard, after the service had stopped.
 * With the offline queue allowed for that last command, a QUIT that finds no connection ends it.
 */
export async function letQueueCloseWithoutRedis(queue: Queue): Promise<void> {
  // A connection that never became ready is left to BullMQ, which disconnects those itself.
  const notReady = new Promise<null>((resolve) => setImmediate(() => resolve(null)));
  const client = await Promise.race([queue.client.catch(() => null), notReady]);
  if (client) client.options.enableOfflineQueue = true;
}
