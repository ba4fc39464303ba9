/**
 * Preloaded into the service by the benches (`node -r .../query-census.js`) when they want to know
 * where PostgreSQL transactions come from: it counts, per calling code location, every transaction
 * the process commits (a BEGIN…COMMIT, or a statement outside one) and every statement. When the
 * file BENCH_QUERY_CENSUS names with `.request` appended appears, it writes the running totals to
 * that file and removes the request (the service treats every signal as a shutdown); a bench takes
 * the totals before and after its window and reports the difference.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Client, Pool } from 'pg';

interface Tally {
  transactions: number;
  statements: number;
}

const OUTPUT = process.env.BENCH_QUERY_CENSUS;
const tallies = new Map<string, Tally>();
const inTransaction = new WeakSet<Client>();
/** The compiled service's source root (this file is in <root>/bench). */
const SOURCE_ROOT = resolve(__dirname, '..', 'src') + sep;

/**
 * The first two frames of the service's own code (not its database plumbing) above the query.
 * Reads the call sites V8 gives (not the formatted stack text), which keeps the census's own cost
 * out of the service CPU the bench reports.
 */
function caller(): string {
  const holder: { stack?: NodeJS.CallSite[] } = {};
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_error, sites) => sites;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(holder, caller);
  const sites = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  const own: string[] = [];
  for (const site of sites.slice(1)) {
    const path = site.getFileName();
    if (!path?.startsWith(SOURCE_ROOT) || !path.endsWith('.js')) continue;
    const file = path.slice(SOURCE_ROOT.length, -'.js'.length);
    if (file.startsWith('platform/database')) continue;
    const typeName = site.getTypeName();
    const functionName = site.getFunctionName() ?? site.getMethodName();
    const fn = functionName ? (typeName && !functionName.includes('.') ? `${typeName}.${functionName}` : functionName) : `${site.getLineNumber()}`;
    const label = `${file}:${fn}`;
    if (own[own.length - 1] !== label) own.push(label);
    if (own.length === 2) break;
  }
  return own.length === 0 ? '(no service frame)' : own.join(' ← ');
}

function tally(key: string): Tally {
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = { transactions: 0, statements: 0 }));
  return t;
}

/** Marks a statement a pool sends, already counted where the service called the pool. */
const COUNTED = Symbol('counted by the pool');

function count(key: string, text: string, client: Client | null): void {
  const t = tally(key);
  t.statements++;
  if (text.startsWith('BEGIN') || text.startsWith('START TRANSACTION')) {
    if (client) inTransaction.add(client);
    t.transactions++;
  } else if (text.startsWith('COMMIT') || text.startsWith('ROLLBACK')) {
    if (client) inTransaction.delete(client);
  } else if (!(client && inTransaction.has(client)) && !text.startsWith('LISTEN') && !text.startsWith('SET ')) {
    t.transactions++;
  }
}

const textOf = (first: unknown): string =>
  (typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '')).trimStart().toUpperCase();

if (OUTPUT) {
  // A pool runs each statement on a connection it hands out later, where the caller's stack is
  // lost: such statements are counted here, where the service calls the pool.
  const poolQuery = Pool.prototype.query as (...args: unknown[]) => unknown;
  (Pool.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Pool, ...args: unknown[]) {
    count(caller(), textOf(args[0]), null);
    const first = args[0] as string | { submit?: unknown };
    if (typeof first !== 'string' && typeof first?.submit === 'function') return poolQuery.apply(this, args);
    const config = typeof first === 'string' ? { text: first } : { ...first };
    return poolQuery.apply(this, [Object.assign(config, { [COUNTED]: true }), ...args.slice(1)]);
  };
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: Client,
    ...args: unknown[]
  ) {
    if (!(args[0] as Record<symbol, unknown> | undefined)?.[COUNTED]) count(caller(), textOf(args[0]), this);
    return original.apply(this, args);
  };
  const request = `${OUTPUT}.request`;
  setInterval(() => {
    if (!existsSync(request)) return;
    writeFileSync(OUTPUT, JSON.stringify(Object.fromEntries(tallies)));
    rmSync(request, { force: true });
  }, 20).unref();
}
