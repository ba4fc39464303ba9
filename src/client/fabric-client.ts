import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type MaybeOptionalInit,
  type MethodResponse,
} from 'openapi-fetch';
import type { paths } from './generated/fabric-api';
import { followEvents, type EventStreamOptions } from './event-stream';
import { FabricJobFailed, FabricUnreachable, problemOf } from './problem';
import { isAccepted, isJob, TERMINAL_JOB_STATUSES, type AuditEvent, type Job } from './types';

/** The generated, fully typed openapi-fetch client. */
export type RawFabricClient = Client<paths, 'application/json'>;
type Method = 'get' | 'post' | 'put' | 'delete';
export type PathFor<M extends Method> = ClientPathsWithMethod<RawFabricClient, M>;
/** A successful answer's body for one operation. */
export type DataFor<M extends Method, P extends PathFor<M>> = MethodResponse<RawFabricClient, M, P>;
/**
 * What a command answers when the caller does not ask it to wait: an operation that may hold its
 * answer until its job ends (`Prefer: wait`, answered with the job) otherwise answers only its 202.
 */
export type SentData<M extends Method, P extends PathFor<M>> = [Exclude<DataFor<M, P>, Job>] extends [never]
  ? DataFor<M, P>
  : Exclude<DataFor<M, P>, Job>;

/** What the layer adds to every call, beside openapi-fetch's own `params`, `body` and `headers`. */
export interface CallOptions {
  /** Sent as `Idempotency-Key` on a mutation; a fresh one is generated per call otherwise. */
  idempotencyKey?: string;
  /** `If-Match`: an ETag, or what `read()` returned. */
  ifMatch?: string | { etag: string | null };
  /** Read-your-writes on a GET: wait until the read models have reached this position. */
  minPosition?: number;
  signal?: AbortSignal;
}

/** The init argument of one operation: openapi-fetch's `params`/`body`/`headers` and the layer's options. */
export type Init<M extends Method, P extends PathFor<M>> = NonNullable<MaybeOptionalInit<paths[P], M>> & CallOptions;
/** The init argument is required exactly when the operation has required parameters or a body. */
type InitArgs<M extends Method, P extends PathFor<M>> =
  undefined extends MaybeOptionalInit<paths[P], M> ? [init?: Init<M, P>] : [init: Init<M, P>];

export interface FollowOptions {
  /** Seconds the command may hold the answer (`Prefer: wait`, at most 60); polling with back-off takes over after it. Default 30. */
  waitSeconds?: number;
  /** Give up after this many milliseconds of polling (default: never). */
  timeoutMs?: number;
  /** Called with the job each time it is read while it runs. */
  onProgress?: (job: Job) => void;
  /** Answer a failed or cancelled job instead of throwing `FabricJobFailed`. */
  allowFailure?: boolean;
  signal?: AbortSignal;
}

export interface CommandOutcome<T> {
  /** What the command answered: the resource (200/201), the accepted job (202), or the finished job. */
  reply: T;
  /** The job the command started, once it has ended; null when the command needed no host work. */
  job: Job | null;
}

export interface FabricClientOptions {
  /** The service, e.g. `http://localhost:3000` (empty: the page's own origin, in a browser). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** Retries of a `429` or `503` answer, each after its `Retry-After` (at most 5 s). Default 3. */
  retries?: number;
  /** Extra headers on every request (`X-Request-Id`, …). */
  headers?: Record<string, string>;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_PREFER_WAIT_SECONDS = 60;
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 2_000;
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * The Fabric Manager client: the generated types over openapi-fetch, plus what every caller needs
 * (the key, idempotency keys, If-Match, problems as errors, jobs followed to their end, pages and
 * the event stream as async iterators). Uses fetch only, so it runs in a browser as in Node.
 */
export class FabricClient {
  /** The generated client, for anything the helpers do not cover; its answers are `{data, error, response}`. */
  readonly raw: RawFabricClient;
  private readonly fetchImpl: typeof fetch;

  constructor(readonly options: FabricClientOptions) {
    const baseFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
    this.fetchImpl = (input, init) => this.send(baseFetch, new Request(input, init));
    this.raw = createClient<paths, 'application/json'>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: (request: Request) => this.fetchImpl(request),
      headers: options.headers,
    });
  }

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, '');
  }

  async get<P extends PathFor<'get'>>(path: P, ...[init]: InitArgs<'get', P>): Promise<DataFor<'get', P>> {
    return (await this.call('get', path, init)).data as DataFor<'get', P>;
  }

  /** A GET that also answers the resource's ETag, to send back as `ifMatch`. */
  async read<P extends PathFor<'get'>>(
    path: P,
    ...[init]: InitArgs<'get', P>
  ): Promise<{ data: DataFor<'get', P>; etag: string | null }> {
    const { data, response } = await this.call('get', path, init);
    return { data: data as DataFor<'get', P>, etag: response.headers.get('etag') };
  }

  async post<P extends PathFor<'post'>>(path: P, ...[init]: InitArgs<'post', P>): Promise<SentData<'post', P>> {
    return (await this.call('post', path, init)).data as SentData<'post', P>;
  }

  async put<P extends PathFor<'put'>>(path: P, ...[init]: InitArgs<'put', P>): Promise<SentData<'put', P>> {
    return (await this.call('put', path, init)).data as SentData<'put', P>;
  }

  async delete<P extends PathFor<'delete'>>(path: P, ...[init]: InitArgs<'delete', P>): Promise<SentData<'delete', P>> {
    return (await this.call('delete', path, init)).data as SentData<'delete', P>;
  }

  /**
   * Sends a command and, when it answers with a job, follows the job to its end: the command asks
   * to hold the answer (`Prefer: wait`), and if the job is still running then, the job is polled
   * with back-off. Throws `FabricJobFailed` when the job fails, unless `allowFailure`.
   */
  async command<M extends 'post' | 'put' | 'delete', P extends PathFor<M>>(
    method: M,
    path: P,
    init: Init<M, P> | undefined,
    follow: FollowOptions = {},
  ): Promise<CommandOutcome<DataFor<M, P>>> {
    const waitSeconds = Math.min(Math.max(0, Math.floor(follow.waitSeconds ?? 30)), MAX_PREFER_WAIT_SECONDS);
    const headers = { ...headersOf(init), ...(waitSeconds > 0 ? { prefer: `wait=${waitSeconds}` } : {}) };
    const { data } = await this.call(method, path, { ...((init ?? {}) as object), headers });
    const reply = data as DataFor<M, P>;
    let job: Job | null = null;
    if (isJob(reply)) job = reply;
    else if (isAccepted(reply))
      job = await this.followJob(reply.jobId, { ...follow, allowFailure: true, minPosition: reply.position });
    if (job && job.status !== 'Succeeded' && !follow.allowFailure) throw new FabricJobFailed(job);
    return { reply, job };
  }

  /** Polls a job with back-off until it has ended, and answers it (whatever its outcome, unless asked to throw). */
  async followJob(jobId: string, follow: FollowOptions & { minPosition?: number } = {}): Promise<Job> {
    const deadline = follow.timeoutMs === undefined ? Infinity : Date.now() + follow.timeoutMs;
    let delay = FIRST_POLL_MS;
    let minPosition = follow.minPosition;
    for (;;) {
      const job = await this.get('/v1/jobs/{id}', { params: { path: { id: jobId } }, minPosition, signal: follow.signal });
      minPosition = undefined;
      if (TERMINAL_JOB_STATUSES.has(job.status)) {
        if (job.status !== 'Succeeded' && !follow.allowFailure) throw new FabricJobFailed(job);
        return job;
      }
      follow.onProgress?.(job);
      if (Date.now() + delay > deadline) throw new Error(`job ${jobId} still ${job.status} after ${follow.timeoutMs} ms`);
      await sleep(delay, follow.signal);
      delay = Math.min(Math.round(delay * 1.5), MAX_POLL_MS);
    }
  }

  /** Every item of a list, page after page (`?cursor=` from each page's `nextCursor`). */
  async *paginate<P extends PathFor<'get'>>(path: P, ...[init]: InitArgs<'get', P>): AsyncGenerator<ItemOf<DataFor<'get', P>>> {
    const base = (init ?? {}) as Init<'get', P> & { params?: { query?: Record<string, unknown> } };
    let cursor: string | null | undefined = undefined;
    do {
      const query = { ...(base.params?.query ?? {}), ...(cursor ? { cursor } : {}) };
      const page = (await this.call('get', path, { ...(base as object), params: { ...(base.params ?? {}), query } })).data as {
        items: ItemOf<DataFor<'get', P>>[];
        nextCursor: string | null;
      };
      for (const item of page.items) yield item;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /**
   * The live event stream (server-sent events read from a fetch, so the key goes in a header),
   * the backlog after `after`/`lastEventId` first. A dropped connection is resumed after the last
   * event seen (`Last-Event-ID`); the iterator ends only when the caller stops or `signal` aborts.
   */
  events(options: EventStreamOptions = {}): AsyncGenerator<AuditEvent> {
    return followEvents(
      {
        url: `${this.baseUrl}/v1/events/stream`,
        fetch: this.fetchImpl,
        headers: { ...(this.options.headers ?? {}), ...this.authorization() },
      },
      options,
    );
  }

  private async call(method: Method, path: string, init: object | undefined) {
    const { idempotencyKey, ifMatch, minPosition, signal, headers, params, ...rest } = (init ?? {}) as CallOptions & {
      headers?: Record<string, string>;
      params?: { query?: Record<string, unknown> };
    } & Record<string, unknown>;
    const extra: Record<string, string> = { ...(headers ?? {}) };
    if (method !== 'get') extra['idempotency-key'] = idempotencyKey ?? newIdempotencyKey();
    const etag = typeof ifMatch === 'string' ? ifMatch : ifMatch?.etag;
    if (etag) extra['if-match'] = etag;
    const query = minPosition === undefined ? params?.query : { ...(params?.query ?? {}), minPosition };
    const request = { ...rest, params: { ...(params ?? {}), ...(query ? { query } : {}) }, headers: extra, signal };
    const verb = method.toUpperCase() as 'GET';
    const answer = (await (this.raw[verb] as (p: string, i: unknown) => Promise<{ data?: unknown; response: Response }>)(
      path,
      request,
    )) as { data?: unknown; response: Response };
    return { data: answer.data, response: answer.response };
  }

  private authorization(): Record<string, string> {
    return this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
  }

  /**
   * Every request goes through here: the key, `Idempotency-Key` on mutations (kept across the
   * retries, so a retry is never a second command), retries of 429/503 after `Retry-After`,
   * unreachable services and refusals as typed errors.
   */
  private async send(baseFetch: typeof fetch, request: Request): Promise<Response> {
    for (const [name, value] of Object.entries(this.authorization())) request.headers.set(name, value);
    if (MUTATIONS.has(request.method) && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', newIdempotencyKey());
    }
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await baseFetch(request.clone());
      } catch (error) {
        if (request.signal.aborted) throw error;
        throw new FabricUnreachable(this.baseUrl || request.url, error);
      }
      if (response.ok) return response;
      const retryAfter = retryAfterMs(response);
      if ((response.status === 429 || response.status === 503) && retryAfter !== null && attempt < retries) {
        await response.body?.cancel();
        await sleep(retryAfter, request.signal);
        continue;
      }
      throw await problemOf(response);
    }
  }
}

export function createFabricClient(options: FabricClientOptions): FabricClient {
  return new FabricClient(options);
}

type ItemOf<T> = T extends { items: Array<infer I> } ? I : never;

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

function headersOf(init: { headers?: unknown } | undefined): Record<string, string> {
  const headers = init?.headers;
  if (!headers) return {};
  return Object.fromEntries(new Headers(headers as ConstructorParameters<typeof Headers>[0]).entries());
}

function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(0, seconds * 1000), MAX_RETRY_AFTER_MS);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.min(Math.max(0, at - Date.now()), MAX_RETRY_AFTER_MS);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
