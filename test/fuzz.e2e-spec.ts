import { after, before, describe, it } from 'node:test';
import { connect } from 'node:net';
import * as fc from 'fast-check';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every endpoint the service publishes in its OpenAPI document (read from
 * the running app, so new controllers are covered as they appear) plus /health/* and /metrics,
 * against the contract of API.md:
 *
 *   never a 5xx for anything a client sent (503 READ_MODEL_BEHIND excepted: it is the contract);
 *   every answer >= 400 is application/problem+json whose `status` is the HTTP status and whose
 *   `code` is a string; a refused request appends no event; nothing pollutes Object.prototype.
 *
 *   1   malformed, oversized and hostile bodies on every mutating endpoint
 *   2a  hostile ids and query strings that reach the application
 *   2b  ids and paths the router itself refuses (bad percent-encoding, segments over 100 characters)
 *   3a  hostile Authorization, Idempotency-Key, If-Match, Prefer, Content-Type, X-Request-Id
 *   3b  header values the HTTP parser refuses (control characters) or that exceed its 16 KB limit
 *
 * Requests go out through a raw HTTP/1.1 client, so that paths, headers and bodies are sent exactly
 * as generated (fetch would normalise "../", refuse control characters and set its own headers).
 *
 * "Appends no event" is checked by the request's own id: after a refusal, no event past the last
 * position before it may carry metadata.requestId equal to the X-Request-Id the server answered
 * with. The plain row count of fm_events is not used as the criterion because the jobs of accepted
 * requests keep appending in the background; it is printed with any failure.
 *
 * A failure prints fast-check's shrunk counterexample followed by the request as it went on the
 * wire and the answer. Environment:
 *   FUZZ_RUNS=n      runs per property (defaults below)
 *   FUZZ_SEED=n      replay a run (fast-check prints the seed of a failure)
 *   FUZZ_COLLECT=1   do not stop at the first failure: run every case and list each distinct failure
 *   FUZZ_STATS=1     print how often each endpoint answered each status
 *   TEST_LOG_LEVEL=error  show the server's own log of every 5xx
 */

const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const COLLECT = process.env.FUZZ_COLLECT === '1';
const STATS = process.env.FUZZ_STATS === '1';
/** FUZZ_STATS=1: how often each endpoint answered each status, printed after each property. */
const stats = new Map<string, number>();
const BODY_LIMIT_BYTES = 256 * 1024;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// ---------------------------------------------------------------------------------------------
// Values that print short in counterexamples

/** A string built when sent, shown by a short label in counterexamples. */
abstract class Lazy {
  abstract toString(): string;
  abstract [fc.toStringMethod](): string;
  toJSON(): string {
    return this.toString();
  }
}

/** `unit` repeated `count` times; shows as "unit"×count. */
class Repeat extends Lazy {
  constructor(
    readonly unit: string,
    readonly count: number,
  ) {
    super();
  }
  toString(): string {
    return this.unit.repeat(this.count);
  }
  [fc.toStringMethod](): string {
    return `${JSON.stringify(this.unit)}×${this.count}`;
  }
}

/** A page cursor as the server makes them (base64url of JSON); shows as the JSON it carries. */
class Cursor extends Lazy {
  constructor(readonly value: unknown) {
    super();
  }
  toString(): string {
    return Buffer.from(JSON.stringify(this.value) ?? 'null').toString('base64url');
  }
  [fc.toStringMethod](): string {
    return `cursor(${fc.stringify(this.value)})`;
  }
}

/** A request body sent verbatim (not JSON.stringify'd); shows by its label. */
class RawText {
  constructor(
    readonly label: string,
    readonly build: () => string,
  ) {}
  [fc.toStringMethod](): string {
    return `raw(${this.label})`;
  }
}

const raw = (text: string) => new RawText(JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text), () => text);

/** encodeURIComponent over UTF-8 bytes that never throws (a lone surrogate goes out as U+FFFD). */
function encodeStrict(value: string): string {
  return Array.from(Buffer.from(value, 'utf8'))
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.!~*'()]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

const text = (value: unknown): string => String(value);

// ---------------------------------------------------------------------------------------------
// The endpoint catalogue, from the app's own OpenAPI document

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Endpoint {
  /** "POST /v1/vms/{id}/start" */
  key: string;
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  body?: Schema;
  /** Answers 202 with a job: the commands that honour Prefer: wait. */
  accepted: boolean;
}

function catalogue(document: { paths: Record<string, Record<string, any>> }): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(operations)) {
      const method = verb.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const parameters: Array<{ name: string; in: string }> = operation.parameters ?? [];
      endpoints.push({
        key: `${method} ${template}`,
        method,
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: operation.requestBody?.content?.['application/json']?.schema,
        accepted: operation.responses?.['202'] !== undefined,
      });
    }
  }
  // Published outside the OpenAPI document.
  for (const template of ['/health/live', '/health/ready', '/metrics']) {
    endpoints.push({ key: `GET ${template}`, method: 'GET', template, pathParams: [], queryParams: [], accepted: false });
  }
  return endpoints.sort((a, b) => a.key.localeCompare(b.key));
}

// ---------------------------------------------------------------------------------------------
// Wire: a raw HTTP/1.1 client, so that headers and request targets go out exactly as generated

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: any;
}

interface WireRequest {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body?: string;
}

function parseJson(value: string): unknown {
  try {
    return value.length > 0 ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Header values are written as latin1 bytes: anything above U+00FF is sent as its UTF-8 bytes. */
function latin1(value: string): string {
  return /[\u0100-\uffff]/.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}

function wire(port: number, request: WireRequest, timeoutMs = 30_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    let closed = false;
    const finish = (error?: Error) => {
      if (settled) return;
      const all = Buffer.concat(chunks);
      const headEnd = all.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        settled = true;
        socket.destroy();
        reject(
          error ?? new Error(`no HTTP answer (${all.length} bytes: ${JSON.stringify(all.toString('latin1').slice(0, 200))})`),
        );
        return;
      }
      const lines = all.subarray(0, headEnd).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      // Server-sent events never end: the head is the answer.
      if (!error && headers['content-type']?.includes('text/event-stream') && status === 200) {
        settled = true;
        socket.destroy();
        resolve({ status, headers, text: '', body: undefined });
        return;
      }
      const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
      let body: Buffer = all.subarray(headEnd + 4);
      const chunked = headers['transfer-encoding']?.includes('chunked') ?? false;
      if (!error && !closed) {
        if (chunked && body.indexOf('\r\n0\r\n') < 0 && !body.subarray(0, 3).equals(Buffer.from('0\r\n'))) return;
        if (!chunked && length !== undefined && body.length < length) return;
        if (!chunked && length === undefined) return;
      }
      if (chunked) body = decodeChunked(body);
      settled = true;
      socket.destroy();
      const bodyText = body.toString('utf8');
      resolve({ status, headers, text: bodyText, body: parseJson(bodyText) });
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', (error) => finish(error));
    const payload = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    let head = `${request.method} ${request.target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`;
    for (const [name, value] of request.headers) head += `${name}: ${latin1(value)}\r\n`;
    if (payload !== undefined) head += `Content-Length: ${payload.length}\r\n`;
    head += '\r\n';
    socket.write(payload === undefined ? Buffer.from(head, 'latin1') : Buffer.concat([Buffer.from(head, 'latin1'), payload]));
  });
}

// ---------------------------------------------------------------------------------------------
// Checks

/** What is wrong with an answer, by API.md; empty when nothing is. */
function contractBreaches(answer: Answer): string[] {
  const breaches: string[] = [];
  const code = answer.body?.code;
  const readModelBehind = answer.status === 503 && code === 'READ_MODEL_BEHIND';
  if (answer.status === 0) breaches.push('no HTTP status line in the answer');
  if (answer.status >= 500 && !readModelBehind) breaches.push(`answered ${answer.status} (code ${JSON.stringify(code)})`);
  if (answer.status >= 400) {
    const contentType = answer.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/problem+json'))
      breaches.push(`${answer.status} with content-type ${JSON.stringify(contentType)}, not application/problem+json`);
    const body = answer.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) breaches.push('error body is not a JSON object');
    else {
      if (body.status !== answer.status)
        breaches.push(`body.status ${JSON.stringify(body.status)} is not the HTTP status ${answer.status}`);
      if (typeof body.code !== 'string') breaches.push(`body.code ${JSON.stringify(body.code)} is not a string`);
    }
  }
  return breaches;
}

const clip = (value: string, max = 400) => (value.length > max ? `${value.slice(0, max)}… (${value.length} chars)` : value);

function describeExchange(request: WireRequest, answer: Answer | undefined, breaches: string[], extra: string[] = []): string {
  const lines = [
    `${request.method} ${clip(request.target, 300)}`,
    ...request.headers.map(([name, value]) => `  ${name}: ${clip(JSON.stringify(value), 200)}`),
  ];
  if (request.body !== undefined) lines.push(`  body: ${clip(JSON.stringify(request.body), 400)}`);
  if (answer) {
    lines.push(`→ ${answer.status} content-type ${JSON.stringify(answer.headers['content-type'] ?? null)}`);
    lines.push(`  ${clip(answer.text, 600)}`);
  }
  return ['Contract breached:', ...breaches.map((b) => `  - ${b}`), ...extra, ...lines].join('\n');
}

interface Failure {
  signature: string;
  message: string;
  /** A 5xx or an appended event: told apart further by `classify` when collecting. */
  serverSide: boolean;
}

/** Runs a property; with FUZZ_COLLECT=1 lists every distinct failure instead of the first, shrunk. */
async function runProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<Failure | null>,
  numRuns: number,
  classify: (value: T) => string = () => '',
): Promise<void> {
  const found = new Map<string, { message: string; value: T; count: number }>();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      const failure = await check(value);
      if (!failure) return;
      if (!COLLECT) throw new Error(failure.message);
      const signature = failure.serverSide ? `${failure.signature} [${classify(value)}]` : failure.signature;
      const seen = found.get(signature);
      if (seen) seen.count++;
      else found.set(signature, { message: failure.message, value, count: 1 });
    }),
    { numRuns: RUNS ?? numRuns, ...(SEED === undefined ? {} : { seed: SEED }) },
  );
  if (STATS) {
    const lines = [...stats.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([line, n]) => `  ${String(n).padStart(4)}  ${line}`);
    process.stdout.write(`answers:\n${lines.join('\n')}\n`);
    stats.clear();
  }
  if (found.size > 0) {
    const report = [...found.entries()].map(
      ([signature, { message, value, count }], i) =>
        `#${i + 1} [${count}×] ${signature}\n  case: ${fc.stringify(value)}\n${message.replace(/^/gm, '    ')}`,
    );
    throw new Error(`${found.size} distinct failure(s):\n\n${report.join('\n\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generators: valid-shaped values from the schemas, and hostile values

const CONTROL = fc.constantFrom(...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f');
const CONTROL_NO_CRLF = fc.constantFrom(
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\r' && c !== '\n'),
  '\u007f',
);

const hostileScalar = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  2 ** 31,
  -(2 ** 31) - 1,
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e308',
  '1e309',
  '0x10',
  '',
  ' ',
  'null',
  'true',
  '__proto__',
  'constructor',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  '😀',
  'ｗｅｂ０１',
  "' OR 1=1 --",
  "'; DROP TABLE fm_events; --",
  '../../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'WS2016 ',
  'ws2016',
  'Intel\u0000',
  '00000000-0000-0000-0000-000000000000',
  '------------------------------------',
);

const hostileString: fc.Arbitrary<string | Lazy> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: CONTROL, minLength: 1, maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.stringMatching(/^[0-9a-f-]{36}$/),
  fc
    .tuple(fc.constantFrom('a', '\u0000', 'é', '😀', '"', '\\'), fc.integer({ min: 65, max: 70_000 }))
    .map(([unit, n]) => new Repeat(unit, n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileScalar, weight: 4 },
    { arbitrary: hostileString, weight: 3 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.array(tie('value'), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }), weight: 1 },
  ),
})).value;

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__defineGetter__',
    '',
    ' ',
    '$where',
    '$gt',
    'a.b',
    'a[b]',
    '\u0000',
    'id',
    'position',
    'version',
    'type',
    'jobId',
    'secret',
    'secretHash',
    'principal',
    'metadata',
    'requestedBy',
  ),
  fc.string({ unit: 'binary', maxLength: 16 }),
);

/** Own property, also for "__proto__" (an assignment would set the prototype instead). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Pools {
  hosts: string[];
  vms: string[];
  jobs: string[];
  apiKeys: string[];
}

function idArbitrary(pools: Pools, which: keyof Pools | 'any'): fc.Arbitrary<string> {
  const known = which === 'any' ? [...pools.hosts, ...pools.vms, ...pools.jobs] : pools[which];
  return fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 });
}

function poolFor(template: string, param: string): keyof Pools | 'any' {
  if (param !== 'id') return param.toLowerCase().includes('host') ? 'hosts' : param.toLowerCase().includes('vm') ? 'vms' : 'any';
  if (template.startsWith('/v1/hosts')) return 'hosts';
  if (template.startsWith('/v1/vms')) return 'vms';
  if (template.startsWith('/v1/jobs')) return 'jobs';
  if (template.startsWith('/v1/api-keys')) return 'apiKeys';
  return 'any';
}

/** A well-formed value for a path parameter: a resource kind for {kind}, otherwise an id (known or not). */
function paramArbitrary(pools: Pools, template: string, param: string): fc.Arbitrary<string> {
  if (param === 'kind') return fc.constantFrom('hosts', 'vms', 'jobs', 'clusters', 'rolling-upgrades');
  return idArbitrary(pools, poolFor(template, param));
}

const STRING_HINTS: Record<string, fc.Arbitrary<string>> = {
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
  address: fc.constantFrom('10.0.0.7', 'hv07.example.test'),
  tenant: fc.constantFrom('tenant-a', 'tenant-b'),
  tenants: fc.constantFrom('tenant-a', 'tenant-b'),
  version: fc.constantFrom('2016', '2019'),
  configVersion: fc.constantFrom('8.0', '9.0', '5.0'),
  switchName: fc.constant('External'),
};

function validFromSchema(document: any, pools: Pools, schema: Schema | undefined, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant({});
  if (schema.$ref) {
    const target = document.components.schemas[schema.$ref.split('/').pop()!];
    return validFromSchema(document, pools, target, name, depth + 1);
  }
  const alternatives = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) return validFromSchema(document, pools, alternatives[0], name, depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid' || /Id$/.test(name)) return idArbitrary(pools, /host/i.test(name) ? 'hosts' : 'any');
      if (schema.format === 'date-time') return fc.constantFrom('2020-01-01T00:00:00.000Z', new Date().toISOString());
      return STRING_HINTS[name] ?? fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
    case 'integer': {
      const min = schema.minimum ?? 1;
      return fc.integer({ min, max: Math.min(schema.maximum ?? min + 64, min + 1000) });
    }
    case 'number': {
      const min = schema.minimum ?? 0;
      return fc.double({ min, max: Math.min(schema.maximum ?? min + 10, min + 10), noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validFromSchema(document, pools, schema.items, name, depth + 1), { maxLength: 2 });
    default: {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) model[key] = validFromSchema(document, pools, child, key, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
  }
}

/** How many fields a body schema has at its top level (endpoints with richer bodies get more cases). */
function fieldCount(document: any, schema: Schema | undefined): number {
  let resolved = schema;
  while (resolved?.$ref) resolved = document.components.schemas[resolved.$ref.split('/').pop()!];
  return Object.keys(resolved?.properties ?? {}).length;
}

type Mutation =
  | { op: 'string-leaf'; pick: number; value: string }
  | { op: 'drop'; at: number[] }
  | { op: 'extra'; at: number[]; key: string; value: unknown }
  | { op: 'replace'; at: number[]; value: unknown }
  | { op: 'number-literal'; at: number[]; literal: string };

/** Strings that are fine for JSON.parse but not for everything behind it (PostgreSQL text and jsonb). */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udfff\ud800'), weight: 3 },
  { arbitrary: fc.constantFrom('\u202e', '😀', '\ufffe', '\uffff', ' ', '', 'a'.repeat(300)), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), weight: 1 },
);

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('string-leaf' as const), pick: fc.nat(40), value: nastyString }), weight: 4 },
  {
    // Mostly a top-level field: required nested objects are where validation is easiest to miss.
    arbitrary: fc.record({
      op: fc.constant('drop' as const),
      at: fc.oneof(
        { arbitrary: fc.nat(20).map((i) => [i]), weight: 3 },
        { arbitrary: fc.array(fc.nat(8), { minLength: 2, maxLength: 3 }), weight: 1 },
      ),
    }),
    weight: 2,
  },
  fc.record({
    op: fc.constant('extra' as const),
    at: fc.array(fc.nat(8), { maxLength: 2 }),
    key: hostileKey,
    value: hostileValue,
  }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.array(fc.nat(8), { minLength: 1, maxLength: 3 }),
    value: hostileValue,
  }),
  fc.record({
    op: fc.constant('number-literal' as const),
    at: fc.array(fc.nat(8), { minLength: 1, maxLength: 3 }),
    literal: fc.constantFrom(
      '1e308',
      '1e400',
      '-1e400',
      '-0',
      '0.0000001',
      '123456789012345678901234567890',
      '1E+2',
      '-1e-400',
      '1.0',
      '2e0',
    ),
  }),
);

const PLACEHOLDER = '\u0001fuzz-literal\u0001';

/** Every [container, key] whose value is a string, depth first. */
function stringLeaves(
  value: unknown,
  found: Array<[Record<string, unknown>, string]> = [],
): Array<[Record<string, unknown>, string]> {
  if (value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'string') found.push([value as Record<string, unknown>, key]);
    else stringLeaves(child, found);
  }
  return found;
}

/** Applies a mutation to a clone of a valid body; returns what to send. */
function mutate(valid: unknown, mutation: Mutation): BodySpec {
  const root = structuredClone(valid);
  const kind = `mutation:${mutation.op}`;
  if (root === null || typeof root !== 'object') return { kind, json: root };
  if (mutation.op === 'string-leaf') {
    const leaves = stringLeaves(root);
    if (leaves.length > 0) {
      const [container, key] = leaves[mutation.pick % leaves.length];
      container[key] = mutation.value;
    }
    return { kind, json: root };
  }
  // Walk down: every index but the last picks a child container, the last picks the key acted on.
  let container = root as Record<string, unknown>;
  const steps = mutation.op === 'extra' ? mutation.at : mutation.at.slice(0, -1);
  for (const step of steps) {
    const keys = Object.keys(container).filter((k) => container[k] !== null && typeof container[k] === 'object');
    if (keys.length === 0) break;
    container = container[keys[step % keys.length]] as Record<string, unknown>;
  }
  const keys = Object.keys(container);
  const last = mutation.at[mutation.at.length - 1] ?? 0;
  const key = keys.length > 0 ? keys[last % keys.length] : 'x';
  switch (mutation.op) {
    case 'drop':
      delete container[key];
      return { kind, json: root };
    case 'extra':
      // An array has no named members in JSON (and "length" cannot be redefined): it gets one more item.
      if (Array.isArray(container)) container.push(mutation.value);
      else setOwn(container, mutation.key, mutation.value);
      return { kind, json: root };
    case 'replace':
      setOwn(container, key, mutation.value);
      return { kind, json: root };
    case 'number-literal': {
      setOwn(container, key, PLACEHOLDER);
      const json = JSON.stringify(root).replace(JSON.stringify(PLACEHOLDER), mutation.literal);
      return { kind, raw: new RawText(`${key}: ${mutation.literal} in ${clip(json, 160)}`, () => json) };
    }
  }
}

const RAW_TEXTS = [
  '',
  ' ',
  '{',
  '}',
  '[',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  'nul',
  'tru',
  '01',
  '1e309',
  '-0',
  '"\\ud800"',
  '"\\u0000"',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"a":1,"a":2}',
  '\ufeff{}',
  '/* c */{}',
  '{"name":"x"// c\n}',
  '\u0000',
  '{"a":"\\x41"}',
  '{"a":"\u0001"}',
  '{"a":"\\uZZZZ"}',
  '[]',
  '[[]]',
  'null',
  '0',
  '"str"',
  'true',
  '{"a":1e400}',
  '\u00ff\u00fe{}',
];

const DEEP_FIELDS = ['memory', 'name', 'guestOs', 'tenants', 'failOperations', 'mode', 'osVersion', 'hostId', 'x'];

const deepRaw: fc.Arbitrary<RawText> = fc
  .record({
    kind: fc.constantFrom('array', 'object'),
    depth: fc.constantFrom(64, 1000, 5000, 20_000, 60_000),
    field: fc.option(fc.constantFrom(...DEEP_FIELDS), { nil: undefined }),
  })
  .map(
    ({ kind, depth, field }) =>
      new RawText(`${kind}s nested ${depth} deep${field ? ` in "${field}"` : ''}`, () => {
        const deep = kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
        return field ? `{${JSON.stringify(field)}:${deep}}` : deep;
      }),
  );

const rawBody: fc.Arbitrary<[string, RawText]> = fc.oneof(
  { arbitrary: fc.constantFrom(...RAW_TEXTS).map((s) => ['raw: malformed JSON', raw(s)] as [string, RawText]), weight: 4 },
  { arbitrary: deepRaw.map((r) => ['raw: deep nesting', r] as [string, RawText]), weight: 2 },
  {
    arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((s) => ['raw: garbage', raw(s)] as [string, RawText]),
    weight: 1,
  },
  { arbitrary: fc.json().map((json) => ['raw: truncated JSON', raw(json.slice(0, -1))] as [string, RawText]), weight: 1 },
  {
    arbitrary: fc
      .integer({ min: BODY_LIMIT_BYTES - 64, max: BODY_LIMIT_BYTES * 2 })
      .map(
        (n) =>
          ['raw: near the body limit', new RawText(`{"name":"a"×${n}}`, () => `{"name":"${'a'.repeat(n)}"}`)] as [
            string,
            RawText,
          ],
      ),
    weight: 1,
  },
);

/** What to send, and what kind of hostility it is (for grouping failures). */
type BodySpec = { kind: string; json: unknown } | { kind: string; raw: RawText };

function bodyText(body: BodySpec): string {
  return 'raw' in body ? body.raw.build() : (JSON.stringify(body.json) ?? 'null');
}

// ---------------------------------------------------------------------------------------------

const hostBody = (name: string) => ({
  name,
  address: name,
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 32,
  memoryMb: 131072,
});
const vmBody = (hostId: string, tenant: string, name: string) => ({
  name,
  tenant,
  hostId,
  generation: 2,
  guestOs: { family: 'windows' },
  memory: { startupMb: 1024 },
  processorCount: 1,
});

describe('fuzzing every endpoint: no 5xx, problem+json errors, no events from refused requests', () => {
  let t: TestApp;
  let port: number;
  let document: any;
  let endpoints: Endpoint[];
  let byKey: Map<string, Endpoint>;
  const pools: Pools = { hosts: [], vms: [], jobs: [], apiKeys: [] };
  const keys: Record<string, string> = { admin: TEST_ADMIN_KEY };
  let sequence = 0;
  /** One well-formed body per endpoint, so that what is refused is the id, query or header alone. */
  const validBodies = new Map<string, unknown>();

  before(async () => {
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0' });
    port = Number(new URL(t.baseUrl).port);
    keys['fabric-admin'] = await t.createKey('fabric-admin');
    keys['vm-operator'] = await t.createKey('vm-operator', ['tenant-a']);
    keys.auditor = await t.createKey('auditor');
    for (const name of ['sacrificial-1', 'sacrificial-2']) {
      const key = await t.request('POST', '/v1/api-keys', { body: { name, role: 'auditor' } });
      pools.apiKeys.push(key.body.id);
    }
    for (const name of ['fuzz-host-1', 'fuzz-host-2']) {
      pools.hosts.push((await t.request('POST', '/v1/hosts', { body: hostBody(name) })).body.id);
    }
    const openapi = await t.request('GET', '/openapi.json', { key: null });
    if (openapi.status !== 200) throw new Error(`GET /openapi.json answered ${openapi.status}`);
    document = openapi.body;
    endpoints = catalogue(document);
    byKey = new Map(endpoints.map((e) => [e.key, e]));
    validBodies.set('POST /v1/hosts', hostBody('fuzz-valid-host'));
    validBodies.set('POST /v1/hosts/{id}/reinstall', { osVersion: 'WS2019' });
    validBodies.set('POST /v1/vms', {
      ...vmBody(pools.hosts[0], 'tenant-a', 'fuzz-valid-vm'),
      configVersion: '8.0',
      guestOs: { family: 'windows', version: '2016' },
      memory: { startupMb: 1024, dynamic: { minimumMb: 512, maximumMb: 2048, bufferPercent: 20 } },
      networkAdapters: [{ name: 'nic0', switchName: 'External' }],
      disks: [{ name: 'os', sizeGb: 40 }],
      firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
      checkpointType: 'Production',
    });
    validBodies.set('POST /v1/vms/{id}/stop', { mode: 'turn-off' });
    validBodies.set('POST /v1/api-keys', { name: 'fuzz-valid-key', role: 'auditor' });
    validBodies.set('PUT /v1/simulator/faults', { hostId: pools.hosts[1], latencyFactor: 1 });
  });
  after(async () => {
    await t?.close();
  });

  const lastPosition = async (): Promise<number> => {
    const rows: Array<{ position: string | null }> = await t.infrastructure.dataSource.query(
      'SELECT max(global_position) AS position FROM fm_events',
    );
    return Number(rows[0].position ?? 0);
  };
  const countEvents = async (): Promise<number> => {
    const rows: Array<{ count: number }> = await t.infrastructure.dataSource.query(
      'SELECT count(*)::int AS count FROM fm_events',
    );
    return rows[0].count;
  };

  /**
   * The events a request appended: those after `position` whose metadata.requestId is the request
   * id the server answered with (X-Request-Id), plus, for the report, what they set off under the
   * same correlation id. Accepted requests keep appending in the background (jobs run), but under
   * their own ids, so the count of fm_events may grow without this request being the cause.
   */
  const eventsOf = async (answer: Answer, position: number): Promise<string[]> => {
    const requestId = answer.headers['x-request-id'];
    if (requestId === undefined) return [];
    const rows: Array<{ global_position: string; type: string; stream_id: string; own: boolean }> =
      await t.infrastructure.dataSource.query(
        `SELECT global_position, type, stream_id, metadata->>'requestId' = $2 AS own FROM fm_events
          WHERE global_position > $1 AND (metadata->>'requestId' = $2 OR metadata->>'correlationId' = $2)
          ORDER BY global_position`,
        [position, requestId],
      );
    return rows.some((r) => r.own) ? rows.map((r) => `#${r.global_position} ${r.type} on ${r.stream_id}`) : [];
  };

  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const cleanPrototype = prototypeKeys();

  /** Sends one request and checks it against the contract; a failure to report, or null. */
  const exchange = async (request: WireRequest, endpoint: string): Promise<Failure | null> => {
    const position = await lastPosition();
    const total = await countEvents();
    let answer: Answer;
    try {
      answer = await wire(port, request);
    } catch (error) {
      const breach = `no answer: ${(error as Error).message}`;
      return { signature: `${endpoint}: no answer`, message: describeExchange(request, undefined, [breach]), serverSide: true };
    }
    if (STATS) {
      const line = `${endpoint} → ${answer.status} ${answer.body?.code ?? ''}`;
      stats.set(line, (stats.get(line) ?? 0) + 1);
    }
    const breaches = contractBreaches(answer);
    const extra: string[] = [];
    if (answer.status >= 400) {
      const appended = await eventsOf(answer, position);
      if (appended.length > 0) {
        breaches.push(`refused with ${answer.status} but appended ${appended.length} event(s)`);
        extra.push(`  events appended (fm_events ${total} → ${await countEvents()} rows):`, ...appended.map((e) => `    ${e}`));
      }
    }
    if (prototypeKeys() !== cleanPrototype || ({} as Record<string, unknown>).polluted !== undefined) {
      breaches.push(`Object.prototype was polluted: ${prototypeKeys()}`);
    }
    if (breaches.length === 0) return null;
    // Server errors and appended events are told apart by endpoint; malformed answers by what they say.
    const serverSide = answer.status >= 500 || breaches.some((b) => b.includes('appended'));
    const signature = serverSide
      ? `${endpoint}: ${breaches.find((b) => b.includes('appended')) ?? breaches[0]}`.replace(/\d+ event\(s\)/, 'events')
      : `${breaches[0]}: ${clip(String(answer.body?.code ?? answer.body?.message ?? answer.text), 80)}`;
    return { signature, message: describeExchange(request, answer, breaches, extra), serverSide };
  };

  const fillPath = (template: string, ids: Record<string, unknown>, encode: (s: string) => string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => encode(text(ids[name] ?? '')));

  /**
   * Before each property: no simulator faults, and fresh VMs (one Off, one Running, one of
   * another tenant), since the previous property may have deleted or moved the ones it had.
   * Earlier ids stay in the pool, now mostly ids of deleted VMs.
   */
  const refreshFleet = async () => {
    await t.request('DELETE', '/v1/simulator/faults');
    const fresh: string[] = [];
    for (const [tenant, start] of [
      ['tenant-a', false],
      ['tenant-a', true],
      ['tenant-b', false],
    ] as const) {
      // A host the previous property reinstalled or filled up may refuse; another may not.
      let created = await t.request('POST', '/v1/vms', {
        body: vmBody(pools.hosts[0], tenant, `fuzz-vm-${++sequence}`),
        headers: { prefer: 'wait=10' },
      });
      for (const hostId of pools.hosts.slice(1)) {
        if (created.status === 200) break;
        created = await t.request('POST', '/v1/vms', {
          body: vmBody(hostId, tenant, `fuzz-vm-${++sequence}`),
          headers: { prefer: 'wait=10' },
        });
      }
      if (created.status !== 200) throw new Error(`could not create a VM: ${created.text}`);
      fresh.push(created.body.target.id);
      pools.jobs.push(created.body.id);
      if (start) await t.request('POST', `/v1/vms/${created.body.target.id}/start`, { body: {}, headers: { prefer: 'wait=10' } });
    }
    pools.vms = [...fresh, ...pools.vms.slice(0, 2)];
    pools.jobs = pools.jobs.slice(-6);
  };

  // -------------------------------------------------------------------------------------------
  it('1. malformed, oversized and hostile bodies on every mutating endpoint', async () => {
    await refreshFleet();
    const mutating = endpoints.filter((e) => MUTATING.has(e.method));
    const cases = fc.oneof(
      ...mutating.map((endpoint) => {
        const ids = fc.record(
          Object.fromEntries(endpoint.pathParams.map((p) => [p, paramArbitrary(pools, endpoint.template, p)])),
        );
        const valid = validFromSchema(document, pools, endpoint.body);
        const base = validBodies.has(endpoint.key) ? fc.oneof(fc.constant(validBodies.get(endpoint.key)), valid) : valid;
        const body: fc.Arbitrary<BodySpec> = fc.oneof(
          { arbitrary: fc.tuple(base, mutationArbitrary).map(([v, m]) => mutate(v, m)), weight: 8 },
          { arbitrary: hostileValue.map((json) => ({ kind: 'whole body', json })), weight: 1 },
          {
            arbitrary: fc.array(valid, { minLength: 1, maxLength: 2 }).map((json) => ({ kind: 'array of bodies', json })),
            weight: 1,
          },
          { arbitrary: rawBody.map(([kind, r]) => ({ kind, raw: r })), weight: 3 },
        );
        return {
          arbitrary: fc.record({ endpoint: fc.constant(endpoint.key), ids, body }),
          weight: 2 + Math.min(fieldCount(document, endpoint.body), 12),
        };
      }),
    );
    await runProperty(
      cases,
      async ({ endpoint: key, ids, body }) => {
        const endpoint = byKey.get(key)!;
        const request: WireRequest = {
          method: endpoint.method,
          target: fillPath(endpoint.template, ids, encodeStrict),
          headers: [
            ['authorization', `Bearer ${TEST_ADMIN_KEY}`],
            ['content-type', 'application/json'],
            ['x-request-id', `fuzz-body-${++sequence}`],
          ],
          body: bodyText(body),
        };
        return exchange(request, key);
      },
      700,
      ({ body }) => body.kind,
    );
  });

  // -------------------------------------------------------------------------------------------
  /** Keeps what is legal in a request-target as it is ("%zz", "../"), percent-encodes the rest. */
  const loose = (value: string, reserved: RegExp) =>
    Array.from(value)
      .map((c) => (reserved.test(c) || !/^[A-Za-z0-9\-._~!$'()*+,;=:@%/]$/.test(c) ? encodeStrict(c) : c))
      .join('');
  /** Request lines stay under Node's 16 KB header limit here: 3b is where that limit is tried. */
  const MAX_TARGET = 12_000;

  const sendQuery = async (
    key: string,
    path: string,
    query: Array<[string, string | Lazy]>,
    encodeQuery: (s: string) => string,
  ): Promise<Failure | null> => {
    const endpoint = byKey.get(key)!;
    const pairs = query.map(([name, value]) => `${encodeQuery(name)}=${encodeQuery(text(value))}`);
    while (pairs.length > 0 && path.length + pairs.join('&').length + 1 > MAX_TARGET) pairs.pop();
    const body = MUTATING.has(endpoint.method) ? JSON.stringify(validBodies.get(endpoint.key) ?? {}) : undefined;
    const request: WireRequest = {
      method: endpoint.method,
      target: pairs.length > 0 ? `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}` : path,
      headers: [
        ['authorization', `Bearer ${TEST_ADMIN_KEY}`],
        ...(body === undefined ? [] : [['content-type', 'application/json'] as [string, string]]),
        ['x-request-id', `fuzz-query-${++sequence}`],
      ],
      body,
    };
    return exchange(request, key);
  };

  it('2a. hostile ids and query strings on every path', async () => {
    await refreshFleet();
    const known = () => fc.constantFrom(...pools.hosts, ...pools.vms, ...pools.jobs);
    const hostileId: fc.Arbitrary<string | Lazy> = fc.oneof(
      { arbitrary: known(), weight: 3 },
      { arbitrary: known().map((id) => id.toUpperCase()), weight: 1 },
      { arbitrary: fc.uuid(), weight: 2 },
      {
        arbitrary: fc
          .tuple(known(), fc.constantFrom(' ', '\u0000', '0', '/', '..', '.json', ';x=1', '/..', '\n'))
          .map(([id, suffix]) => id + suffix),
        weight: 1,
      },
      {
        arbitrary: fc.constantFrom(
          '',
          ' ',
          '0',
          '-1',
          'null',
          'undefined',
          '..',
          '../..',
          '../../etc/passwd',
          '\u0000',
          '%',
          '%zz',
          "1' OR '1'='1",
          "'; DROP TABLE fm_events;--",
          '${jndi:ldap://x/a}',
          '{{7*7}}',
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
          '------------------------------------',
          'gggggggg-gggg-gggg-gggg-gggggggggggg',
          '{00000000-0000-0000-0000-000000000000}',
          'urn:uuid:00000000-0000-0000-0000-000000000000',
        ),
        weight: 3,
      },
      { arbitrary: fc.stringMatching(/^[0-9a-f-]{36}$/), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom('a', '9', '-', '.'), fc.integer({ min: 37, max: 100 }))
          .map(([u, n]) => new Repeat(u, n)),
        weight: 1,
      },
    );
    const forgedCursor = fc
      .oneof(
        fc.record({ id: fc.oneof(nastyString, fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/)) }),
        fc.record({
          createdAt: fc.oneof(
            nastyString,
            fc.constantFrom('2020-01-01T00:00:00Z', 'yesterday', '', '0000-00-00', '+275760-09-13T00:00:00.000Z'),
          ),
          id: fc.oneof(fc.uuid(), nastyString),
        }),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map((value) => new Cursor(value));
    const queryString: fc.Arbitrary<string | Lazy> = fc.oneof(
      { arbitrary: nastyString, weight: 4 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
      {
        arbitrary: fc.constantFrom(
          "' OR 1=1 --",
          "'; DROP TABLE fm_events; --",
          '%00',
          '%',
          '------------------------------------',
          '00000000-0000-0000-0000-00000000000g',
          'Running',
          'WS2016',
          '8.0',
          '1',
          '2',
          'true',
          '[]',
          '{}',
        ),
        weight: 3,
      },
      { arbitrary: fc.stringMatching(/^[0-9a-f-]{36}$/), weight: 2 },
      { arbitrary: fc.uuid(), weight: 1 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom('a', '\u0000', 'é', '"'), fc.integer({ min: 65, max: 1200 }))
          .map(([u, n]) => new Repeat(u, n)),
        weight: 1,
      },
    );
    const values: Record<string, fc.Arbitrary<string | Lazy>> = {
      limit: fc.constantFrom(
        '-1',
        '0',
        '1',
        '500',
        '501',
        '1000000000',
        '1e3',
        'x',
        '',
        ' 1',
        '1.5',
        '0x10',
        'NaN',
        'Infinity',
        '-0',
        '99999999999999999999',
        '٣',
      ),
      cursor: fc.oneof(
        { arbitrary: forgedCursor, weight: 3 },
        {
          arbitrary: fc.constantFrom('', 'x', '!!!', '%%%', 'eyJpZCI6MX0', 'null', 'W10', 'e30', '-1', '9007199254740993'),
          weight: 1,
        },
      ),
      minPosition: fc.constantFrom('-1', 'abc', '1e3', '', '0', '1', '01', '9999999999999999', '1.0', ' 1', '+1', '0x1', '１'),
      after: fc.constantFrom('-1', 'x', '1e400', '9007199254740993', '9007199254740991', '0', '3'),
      asOf: fc.constantFrom(
        'yesterday',
        '2020-13-45T00:00:00Z',
        '0000-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '+275760-09-13T00:00:00.000Z',
        '2020-01-01',
        '',
        '1970-01-01T00:00:00Z',
      ),
      atPosition: fc.constantFrom('0', '-1', '1e308', '9007199254740993', '9007199254740991', 'x', '1'),
      from: fc.constantFrom('yesterday', '2020-13-45T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2020-01-01'),
      to: fc.constantFrom('yesterday', '2020-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2020-01-01'),
    };
    // Free text that PostgreSQL will not store or compare: NUL, and strings a uuid column refuses.
    const focused: fc.Arbitrary<string | Lazy> = fc.oneof(
      { arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\u0000\u0000'), weight: 3 },
      { arbitrary: fc.stringMatching(/^[0-9a-f-]{36}$/), weight: 1 },
      { arbitrary: nastyString, weight: 2 },
      { arbitrary: queryString, weight: 1 },
    );
    const shared = ['limit', 'cursor', 'minPosition'];
    const unknownNames = [
      'foo',
      '__proto__',
      'constructor',
      'prototype',
      'hasOwnProperty',
      'toString',
      'limit[]',
      'a[b]',
      '',
      'asOf',
      'atPosition',
      'after',
      'subtree',
    ];
    const valueFor = (name: string, hostile: fc.Arbitrary<string | Lazy>) =>
      Object.hasOwn(values, name) ? fc.oneof({ arbitrary: values[name], weight: 3 }, { arbitrary: hostile, weight: 1 }) : hostile;
    const cases = fc.oneof(
      ...endpoints.map((endpoint) => {
        const own = endpoint.queryParams.filter((name) => !shared.includes(name));
        // The parameter under attack, with a value aimed at it; then, sometimes, a few more at random.
        const target = fc.oneof(
          ...(own.length > 0
            ? [{ arbitrary: fc.constantFrom(...own).chain((n) => fc.tuple(fc.constant(n), valueFor(n, focused))), weight: 3 }]
            : []),
          { arbitrary: fc.constantFrom(...shared).chain((n) => fc.tuple(fc.constant(n), valueFor(n, focused))), weight: 2 },
        );
        const name = fc.oneof(
          ...(own.length > 0 ? [{ arbitrary: fc.constantFrom(...own), weight: 3 }] : []),
          { arbitrary: fc.constantFrom(...shared), weight: 2 },
          { arbitrary: fc.constantFrom(...unknownNames), weight: 1 },
        );
        const pair = name.chain((n) => fc.tuple(fc.constant(n), valueFor(n, queryString)));
        const extra = fc.oneof(
          { arbitrary: fc.constant([] as Array<[string, string | Lazy]>), weight: 3 },
          { arbitrary: fc.array(pair, { minLength: 1, maxLength: 3 }), weight: 2 },
        );
        return {
          arbitrary: fc.record({
            endpoint: fc.constant(endpoint.key),
            ids: fc.record(
              Object.fromEntries(
                endpoint.pathParams.map((p) => [p, fc.oneof(hostileId, paramArbitrary(pools, endpoint.template, p))]),
              ),
            ) as fc.Arbitrary<Record<string, string | Lazy>>,
            target: fc.option(target, { nil: undefined, freq: 6 }),
            extra,
            encoding: fc.constantFrom('strict', 'loose'),
          }),
          weight:
            1 + Math.min(endpoint.pathParams.length + 2 * own.length + (endpoint.queryParams.includes('cursor') ? 3 : 0), 9),
        };
      }),
    );
    await runProperty(
      cases,
      async ({ endpoint: key, ids, target, extra, encoding }) =>
        sendQuery(key, fillPath(byKey.get(key)!.template, ids, encodeStrict), target ? [target, ...extra] : extra, (s) =>
          encoding === 'strict' ? encodeStrict(s) : loose(s, /[?#&=+]/),
        ),
      800,
      ({ target, extra }) =>
        `query ${[...new Set([...(target ? [target] : []), ...extra].map(([n]) => n))].sort().join(',') || '-'}`,
    );
  });

  it('2b. ids the router refuses: bad percent-encoding, over-long segments, odd paths', async () => {
    await refreshFleet();
    const routerId: fc.Arbitrary<string | Lazy> = fc.oneof(
      fc.constantFrom(
        '%',
        '%%',
        '%zz',
        '%u0041',
        '%C0%AE',
        '%FF',
        '%ED%A0%80',
        '%E0%80%80',
        '%2e%2e',
        '..%2f..%2fetc%2fpasswd',
        '%2F',
        '%00',
        '%0A',
      ),
      fc
        .tuple(fc.constantFrom('a', '9', '-', '%41', '.', '%FF'), fc.integer({ min: 101, max: 3000 }))
        .map(([u, n]) => new Repeat(u, n)),
    );
    const withParams = endpoints.filter((e) => e.pathParams.length > 0);
    const cases = fc.oneof(
      ...withParams.map((endpoint) =>
        fc.record({
          endpoint: fc.constant(endpoint.key),
          ids: fc.record(
            Object.fromEntries(
              endpoint.pathParams.map((p) => [p, fc.oneof(routerId, paramArbitrary(pools, endpoint.template, p))]),
            ),
          ) as fc.Arbitrary<Record<string, string | Lazy>>,
          decoration: fc.constantFrom('', '/', '//', '/.', '/..', ';x=1', '?', '%2F', '/%2e%2e'),
        }),
      ),
      ...endpoints
        .filter((e) => e.pathParams.length === 0)
        .map((endpoint) =>
          fc.record({
            endpoint: fc.constant(endpoint.key),
            ids: fc.constant({}) as fc.Arbitrary<Record<string, string | Lazy>>,
            decoration: fc.constantFrom('/', '//', '/.', '/..', ';x=1', '?', '%', '%zz', '/%ED%A0%80'),
          }),
        ),
    );
    await runProperty(
      cases,
      async ({ endpoint: key, ids, decoration }) => {
        const template = byKey.get(key)!.template;
        const path = template.includes('{') ? fillPath(template, ids, (s) => loose(s, /[?#]/)) : template;
        return sendQuery(key, `${path}${decoration}`, [], encodeStrict);
      },
      120,
    );
  });

  // -------------------------------------------------------------------------------------------
  type HeaderValue = string | Lazy | { valid: string } | null;

  /** Header values an HTTP parser accepts: tab, visible ASCII, and bytes 0x80-0xFF. */
  const legalGarbage = fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 30,
  });
  const controlString = fc.string({ unit: CONTROL_NO_CRLF.filter((c) => c !== '\t'), minLength: 1, maxLength: 6 });

  const sendWithHeaders = async (c: {
    endpoint: string;
    ids: Record<string, string>;
    body: unknown;
    headers: Array<[string, HeaderValue]>;
  }) => {
    const endpoint = byKey.get(c.endpoint)!;
    const headers: Array<[string, string]> = [];
    for (const [name, value] of c.headers) {
      if (value === null) continue;
      if (name === 'content-type' && c.body === undefined) continue;
      if (value instanceof Lazy || typeof value === 'string') headers.push([name, text(value)]);
      else if (name === 'authorization') headers.push([name, `Bearer ${keys[value.valid]}`]);
      else headers.push([name, `fuzz-header-${++sequence}`]);
    }
    const request: WireRequest = {
      method: endpoint.method,
      target: fillPath(endpoint.template, c.ids, encodeStrict),
      headers,
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    };
    return exchange(request, c.endpoint);
  };

  /** Every /v1 endpoint with known (or unknown) ids and a well-formed body; commands weigh more than reads. */
  const wellFormed = () =>
    endpoints
      .filter((e) => e.template.startsWith('/v1/'))
      .map((endpoint): [number, fc.Arbitrary<{ endpoint: string; ids: Record<string, string>; body: unknown }>] => [
        endpoint.accepted ? 6 : MUTATING.has(endpoint.method) ? 2 : 1,
        fc.record({
          endpoint: fc.constant(endpoint.key),
          ids: fc.record(
            Object.fromEntries(endpoint.pathParams.map((p) => [p, paramArbitrary(pools, endpoint.template, p)])),
          ) as fc.Arbitrary<Record<string, string>>,
          body: MUTATING.has(endpoint.method)
            ? fc.oneof(
                { arbitrary: fc.constant(validBodies.get(endpoint.key) ?? {}), weight: 2 },
                { arbitrary: validFromSchema(document, pools, endpoint.body), weight: 1 },
              )
            : fc.constant(undefined),
        }),
      ]);

  const validHeaders = (): Array<[string, HeaderValue]> => [
    ['authorization', { valid: 'admin' }],
    ['content-type', 'application/json'],
    ['x-request-id', { valid: 'fresh' }],
  ];

  it('3a. hostile headers: Authorization, Idempotency-Key, If-Match, Prefer, Content-Type, X-Request-Id', async () => {
    await refreshFleet();
    const authorization: fc.Arbitrary<HeaderValue> = fc.oneof(
      { arbitrary: fc.constantFrom('fabric-admin', 'vm-operator', 'auditor').map((role) => ({ valid: role })), weight: 2 },
      { arbitrary: fc.constant(null), weight: 1 },
      {
        arbitrary: fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Bearer  ',
          `bearer ${TEST_ADMIN_KEY}`,
          `BEARER   ${TEST_ADMIN_KEY}  `,
          `Bearer ${TEST_ADMIN_KEY} extra`,
          `Bearer ${TEST_ADMIN_KEY.toUpperCase()}`,
          `Bearer\t${TEST_ADMIN_KEY}`,
          'Bearer fm_',
          'Basic dXNlcjpwYXNz',
          'Digest username="admin", realm="x"',
          'Token abc',
          'Negotiate YII=',
          `${TEST_ADMIN_KEY}`,
          'Bearer é',
          'Bearer 😀',
        ),
        weight: 3,
      },
      { arbitrary: legalGarbage, weight: 1 },
      { arbitrary: fc.integer({ min: 400, max: 5000 }).map((n) => new Repeat('a', n)), weight: 1 },
      {
        arbitrary: fc
          .integer({ min: 500, max: 5000 })
          .map((n) => new Repeat('b', n))
          .map((r) => `Bearer ${r}`),
        weight: 1,
      },
    );
    const idempotencyKey: fc.Arbitrary<HeaderValue> = fc.oneof(
      { arbitrary: fc.constant({ valid: 'fresh' }), weight: 2 },
      {
        arbitrary: fc.constantFrom('fuzz-fixed-key', '', ' ', 'key with spaces', 'ключ', 'k😀', 'a/b', 'x'.repeat(200)),
        weight: 2,
      },
      { arbitrary: fc.integer({ min: 201, max: 4000 }).map((n) => new Repeat('k', n)), weight: 1 },
      { arbitrary: legalGarbage, weight: 1 },
    );
    const ifMatch: fc.Arbitrary<HeaderValue> = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          '"1"',
          'W/"2"',
          '*',
          '"abc"',
          '"99999999999999999999"',
          '"-1"',
          '1',
          '""',
          '"1", "2"',
          'W/',
          '"1',
          '"1.5"',
        ),
        weight: 3,
      },
      { arbitrary: legalGarbage, weight: 1 },
    );
    const prefer: fc.Arbitrary<HeaderValue> = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'wait=999',
          'wait=61',
          'wait=3600',
          'wait=9999999',
          'wait=99999999999999999999',
          'respond-async, wait=100',
        ),
        weight: 4,
      },
      {
        arbitrary: fc.constantFrom(
          'wait=-1',
          'wait=0',
          'wait=1',
          'wait=abc',
          'wait=',
          'return=minimal',
          'respond-async, wait=1',
          'wait="1"',
          'wait=1.5',
          'handling=strict',
        ),
        weight: 3,
      },
      { arbitrary: legalGarbage, weight: 1 },
    );
    const contentType: fc.Arbitrary<HeaderValue> = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          null,
          'text/plain',
          'text/plain; charset=utf-8',
          'multipart/form-data; boundary=----fuzz',
          'application/x-www-form-urlencoded',
          'application/json; charset=utf-16',
          'application/json; charset=iso-8859-1',
          'application/json; charset=nonsense',
          'APPLICATION/JSON',
          'application/problem+json',
          'application/merge-patch+json',
          'application/json, text/plain',
          'application/jsonx',
          'application/xml',
          'application/octet-stream',
          '*/*',
          '',
          ';',
        ),
        weight: 4,
      },
      { arbitrary: legalGarbage, weight: 1 },
    );
    const requestId: fc.Arbitrary<HeaderValue> = fc.oneof(
      { arbitrary: fc.constant(null), weight: 1 },
      {
        arbitrary: fc.constantFrom('', ' ', 'a b', 'ид', '😀', 'x'.repeat(128), 'x'.repeat(129), '../../x', '<script>'),
        weight: 2,
      },
      { arbitrary: fc.integer({ min: 129, max: 5000 }).map((n) => new Repeat('r', n)), weight: 1 },
      { arbitrary: legalGarbage, weight: 1 },
    );
    // One or two hostile headers on an otherwise well-formed request, so each can be told apart.
    const hostileHeader = fc.oneof(
      ...(
        [
          ['authorization', authorization],
          ['idempotency-key', idempotencyKey],
          ['if-match', ifMatch],
          ['prefer', prefer],
          ['content-type', contentType],
          ['x-request-id', requestId],
        ] as const
      ).map(([name, arbitrary]) => ({
        arbitrary: fc.tuple(fc.constant(name as string), arbitrary),
        // Prefer is read only once a command has been decided: it needs the most accepted commands.
        weight: name === 'prefer' ? 2 : 1,
      })),
    );
    const hostile = fc.uniqueArray(hostileHeader, { minLength: 1, maxLength: 2, selector: ([name]) => name });
    const cases = fc.oneof(...wellFormed().map(([weight, c]) => ({ arbitrary: fc.record({ request: c, hostile }), weight })));
    await runProperty(
      cases,
      async ({ request, hostile }) =>
        sendWithHeaders({
          ...request,
          headers: [...validHeaders().filter(([name]) => !hostile.some(([h]) => h === name)), ...hostile],
        }),
      400,
      ({ hostile }) =>
        `headers ${hostile
          .map(([name]) => name)
          .sort()
          .join(',')}`,
    );
  });

  it('3b. control characters and oversized values in headers', async () => {
    await refreshFleet();
    const names = ['authorization', 'idempotency-key', 'if-match', 'prefer', 'content-type', 'x-request-id'];
    const hostile: fc.Arbitrary<HeaderValue> = fc.oneof(
      controlString,
      fc
        .tuple(fc.constantFrom(`Bearer ${TEST_ADMIN_KEY}`, 'wait=1', '"1"', 'application/json', 'fuzz'), controlString)
        .map(([a, b]) => a + b),
      fc.integer({ min: 17_000, max: 40_000 }).map((n) => new Repeat('z', n)),
    );
    const cases = fc.oneof(
      ...wellFormed().map(([, c]) => fc.record({ request: c, name: fc.constantFrom(...names), value: hostile })),
    );
    await runProperty(
      cases,
      async ({ request, name, value }) =>
        sendWithHeaders({ ...request, headers: [...validHeaders().filter(([n]) => n !== name), [name, value]] }),
      100,
    );
  });
});
