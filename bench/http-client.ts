import { createFabricClient, FabricClient, FabricProblem } from '../src/client';
import { KEY } from './rest';
import { sleep } from './util';

/** The typed client the benchmark groups that drive the service over its REST API share. */

const SERVICE = 'http://fabric-service.invalid';

/**
 * `base`: the service's address, or a function of it when the API process can be replaced by one
 * on another port during a run (every request then goes to wherever the service is now).
 */
export function benchClient(base: string | (() => string)): FabricClient {
  if (typeof base === 'string') return createFabricClient({ baseUrl: base, apiKey: KEY });
  return createFabricClient({
    baseUrl: SERVICE,
    apiKey: KEY,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const body = request.body ? await request.arrayBuffer() : undefined;
      return fetch(request.url.replace(SERVICE, base()), {
        method: request.method,
        headers: request.headers,
        body,
        signal: request.signal,
      });
    },
  });
}

/** What `read` answers, or undefined while the service answers 404 (a read model that has not caught up yet). */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof FabricProblem && error.status === 404) return undefined;
    throw error;
  }
}

/** Every item of an async iterator (a paginated list). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
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

