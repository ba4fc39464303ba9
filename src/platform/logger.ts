import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import pino, { Logger, LoggerOptions } from 'pino';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from './config';

/** Secrets never reach a log line, whichever logger wrote it. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  'authorization',
  'secret',
];

/**
 * JSON lines by default; readable lines when a person watches a terminal (and pino-pretty is
 * installed: a production install without dev tools still logs JSON).
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, output: NodeJS.WriteStream = process.stdout): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    base: { service: 'fabric-manager', pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (output.isTTY && !process.env.CI && prettyPrinterInstalled()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(options);
}

function prettyPrinterInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the client's X-Request-Id when it is sane, otherwise a new one. */
export function requestIdFromHeaders(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * The logger the services inject: while a request is being handled, every line carries that
 * request's id (and, once authenticated, who sent it); outside requests it is the root logger.
 */
export function requestScopedLogger(root: Logger, current: PinoLogger): Logger {
  return new Proxy(root, {
    get(target, property) {
      const logger = current.logger ?? target;
      const value = Reflect.get(logger, property, logger) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(logger) : value;
    },
  });
}
