import { describe, it } from 'node:test';
import { expect } from 'expect';
import { Writable } from 'node:stream';
import pino, { Logger } from 'pino';
import { REDACTED_PATHS, requestLoggerRoot } from './logger';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  let serialised = 0;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino(
    {
      level,
      base: { service: 'test' },
      timestamp: false,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; headers: Record<string, string> }) => {
          serialised++;
          return { method: req.method, headers: req.headers };
        },
      },
    },
    sink,
  );
  return { logger, lines, serialisedCount: () => serialised };
}

/** The children request logging makes for one request, and the fields the caller's key adds. */
function requestChain(root: Logger) {
  const middleware = root.child({}, {});
  const requestLogger = middleware.child({ requestId: 'r-1' });
  const responseLogger = requestLogger.child({ req: { method: 'POST', headers: { authorization: 'Bearer secret' } } });
  const assigned = requestLogger.child({ actor: 'ops', role: 'admin' });
  responseLogger.setBindings({ actor: 'ops', role: 'admin' });
  return { requestLogger, responseLogger, assigned };
}

describe('request loggers', () => {
  it('are ordinary children when request lines (debug) are written', () => {
    const { logger } = capture('debug');
    expect(requestLoggerRoot(logger)).toBe(logger);
  });

  it('build nothing for lines below the level, and write the same lines as ordinary children above it', () => {
    const lazy = capture('info');
    const eager = capture('info');
    const lazyChain = requestChain(requestLoggerRoot(lazy.logger));
    const eagerChain = requestChain(eager.logger);
    // The request's binding (serialised with its headers) is only walked by an ordinary child.
    expect(eager.serialisedCount()).toBe(1);

    lazyChain.responseLogger.debug({ responseTime: 3 }, 'request completed');
    lazyChain.assigned.debug('detail');
    expect(lazy.serialisedCount()).toBe(0);
    expect(lazy.lines).toEqual([]);
    expect(lazyChain.assigned.isLevelEnabled('debug')).toBe(false);
    expect(lazyChain.assigned.isLevelEnabled('warn')).toBe(true);

    for (const chain of [lazyChain, eagerChain]) {
      chain.assigned.warn({ hostId: 'h-1' }, 'slow host');
      chain.requestLogger.info('before the caller was known');
      chain.responseLogger.error('failed');
      chain.assigned.child({ job: 'j-1' }).info('nested');
    }
    expect(lazy.lines).toEqual(eager.lines);
    expect(lazy.lines[0]).toMatchObject({ requestId: 'r-1', actor: 'ops', role: 'admin', hostId: 'h-1', msg: 'slow host' });
    expect(lazy.lines[2]).toMatchObject({ req: { headers: { authorization: '[redacted]' } }, actor: 'ops', msg: 'failed' });
    expect(lazy.lines[3]).toMatchObject({ requestId: 'r-1', actor: 'ops', job: 'j-1', msg: 'nested' });
    expect(lazy.serialisedCount()).toBe(1);
  });
});
