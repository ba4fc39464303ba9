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

/** The level of the line that closes each request (request logging writes its lines at this level). */
export const REQUEST_LOG_LEVEL = 'debug';

const LOG_METHODS = new Set<string | symbol>(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

type Step = { child: Record<string, unknown>; options?: Record<string, unknown> } | { setBindings: Record<string, unknown> };

function noop(): void {}

/**
 * A child logger that is built only when it first writes a line. Binding a child's fields costs a
 * serialisation of them (a request's `req` binding walks its headers through redaction), and most
 * requests never write a line at the configured level: their children would be built for nothing.
 * Built, it is the very logger `parent.child(…).child(…).setBindings(…)` would have been, so the
 * lines it writes are the same.
 */
function lazyChild(parent: Logger, steps: Step[]): Logger {
  let built: Logger | undefined;
  const build = (): Logger => {
    built ??= steps.reduce<Logger>((logger, step) => {
      if ('child' in step) return logger.child(step.child, step.options);
      logger.setBindings(step.setBindings);
      return logger;
    }, parent);
    return built;
  };
  // A level of its own (a child option) is only known once built.
  const ownLevel = steps.some((step) => 'child' in step && step.options?.level !== undefined);
  return new Proxy({} as Logger, {
    get(_target, property) {
      if (property === 'child') {
        // Its children are lazy too, whether or not it has been built.
        return (bindings: Record<string, unknown>, options?: Record<string, unknown>) =>
          built === undefined
            ? lazyChild(parent, [...steps, { child: bindings, options }])
            : lazyChild(built, [{ child: bindings, options }]);
      }
      if (built === undefined && !ownLevel) {
        if (property === 'setBindings') return (bindings: Record<string, unknown>) => void steps.push({ setBindings: bindings });
        if (property === 'isLevelEnabled') return (level: string) => parent.isLevelEnabled(level);
        if (property === 'level') return parent.level;
        if (LOG_METHODS.has(property) && !parent.isLevelEnabled(property as string)) return noop;
      }
      const logger = build();
      const value = Reflect.get(logger, property, logger) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(logger) : value;
    },
    set(_target, property, value) {
      return Reflect.set(build(), property, value);
    },
  });
}

/**
 * The logger request logging derives its per-request children from. When request lines are not
 * written (below REQUEST_LOG_LEVEL), the children it gives are built only if a line is written
 * through them; at that level every request writes one, so it gives ordinary children.
 */
export function requestLoggerRoot(logger: Logger): Logger {
  if (logger.isLevelEnabled(REQUEST_LOG_LEVEL)) return logger;
  return new Proxy(logger, {
    get(target, property, receiver) {
      if (property === 'child') {
        return (bindings: Record<string, unknown>, options?: Record<string, unknown>) =>
          lazyChild(target, [{ child: bindings, options }]);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
