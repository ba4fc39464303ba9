import { KEY } from './rest';
import { sleep } from './util';

/** HTTP plumbing the benchmark groups that drive the service over its REST API share. */

export interface Api {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  ok(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<any>;
  /** A command answered with its finished job (Prefer: wait); throws unless the job Succeeded. */
  done(method: string, path: string, body?: unknown): Promise<any>;
}

/** `base`: the service's address, or a function of it (a process restarted on another port). */
export function api(base: string | (() => string)): Api {
  const baseUrl = typeof base === 'string' ? () => base : base;
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const ok = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await request(method, path, body, headers);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  };
  const done = async (method: string, path: string, body: unknown = {}) => {
    const job = await ok(method, path, body, { prefer: 'wait=60' });
    if (job?.status !== 'Succeeded')
      throw new Error(`${method} ${path}: job ${job?.id} ended ${job?.status} ${JSON.stringify(job?.error)}`);
    return job;
  };
  return { request, ok, done };
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

export async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function listAll(client: Api, path: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: any = await client.ok('GET', `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The upgrade's read model; undefined until the projection has seen it start (the 202 comes first). */
