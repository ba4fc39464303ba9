/** A problem+json answer, carrying the rule's stable code. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

import { livePosition } from './live';

export type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface Http {
  get<T>(path: string, query?: Query): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, query?: Query): Promise<T>;
}

/** JSON over fetch with the session's key; problems become ProblemError. */
export function createHttp(key: string, onUnauthenticated: () => void): Http {
  async function call<T>(method: string, path: string, body: unknown, query: Query | undefined): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
    if (method !== 'GET') headers['idempotency-key'] = crypto.randomUUID();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${path}${queryString(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      if (response.status === 401) onUnauthenticated();
      throw new ProblemError(response.status, parsed?.code ?? 'UNKNOWN', parsed?.detail ?? response.statusText, parsed?.errors);
    }
    return parsed as T;
  }
  return {
    // Never show a state older than an event already seen on the stream.
    get: (path, query) =>
      call('GET', path, undefined, livePosition.value > 0 ? { ...query, minPosition: livePosition.value } : query),
    send: (method, path, body, query) => call(method, path, body, query),
  };
}
