import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventMetadata, EventStore, NewEvent, RecordedEvent, WrongExpectedVersionError } from '../event-store.port';

export type StoreKind = 'postgres' | 'kurrentdb';

/**
 * Where a copied event came from. A store gives every event its own position and recording time,
 * so the target cannot keep the source's: they travel in the event's metadata instead. A copy of a
 * copy keeps the first origin.
 */
export interface CopiedFrom {
  store: StoreKind;
  globalPosition: number;
  recordedAt: string;
}

export interface CopyOptions {
  sourceKind: StoreKind;
  /** Events read per page from either store. */
  pageSize?: number;
  /** Events of one stream that go into one append (KurrentDB refuses appends over 1 MiB by default). */
  maxAppendEvents?: number;
  maxAppendBytes?: number;
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopyProgress {
  alreadyCopied: number;
  copied: number;
}

export interface CopyReport extends CopyProgress {
  total: number;
}

export interface VerifyReport {
  events: number;
  streams: number;
  /** sha256 over every event's checked fields, in order: equal for the source and its copy. */
  digest: string;
  /** For each source cursor asked about: the cursor and position of its copy in the target. */
  translated: Map<string, { cursor: string; globalPosition: number }>;
}

/** The target holds something other than a copy of the source; nothing was changed after it was found. */
export class CopyMismatchError extends Error {}

const DEFAULTS = { pageSize: 1000, maxAppendEvents: 500, maxAppendBytes: 512 * 1024 };
const HEAD_WAIT_MS = 60_000;

/**
 * Copies every event of `source` into `target` in the source's global order, keeping ids, types,
 * data, metadata, stream versions and schema versions; each event is appended with the expected
 * version it had in the source, so streams come out identical.
 *
 * Re-running continues where the last run stopped: the events already in the target are read in
 * step with the source and must be exactly the copies of its first events (anything else stops
 * the copy). Run it again after the source got new events and only those are copied. Stop the
 * service first, or run it once more after stopping it: events appended meanwhile are not copied.
 */
export async function copyEvents(source: EventStore, target: EventStore, options: CopyOptions): Promise<CopyReport> {
  const settings = { ...DEFAULTS, ...options };
  const sourceEvents = eventsOf(source, settings.pageSize);
  const targetEvents = eventsOf(target, settings.pageSize);
  const progress: CopyProgress = { alreadyCopied: 0, copied: 0 };
  let pending: RecordedEvent[] = [];
  let pendingBytes = 0;
  let targetRanDry = false;

  const flush = async () => {
    if (pending.length === 0) return;
    await appendCopies(target, pending, settings.sourceKind);
    progress.copied += pending.length;
    pending = [];
    pendingBytes = 0;
    settings.onProgress?.({ ...progress });
  };

  for await (const event of sourceEvents) {
    if (!targetRanDry) {
      const copy = await targetEvents.next();
      if (!copy.done) {
        const difference = differenceOfCopy(event, copy.value, settings.sourceKind);
        if (difference) {
          throw new CopyMismatchError(
            `The target's event #${progress.alreadyCopied + 1} is not a copy of the source's (${difference}): copy into an empty store`,
          );
        }
        progress.alreadyCopied++;
        continue;
      }
      targetRanDry = true;
      await targetEvents.return(undefined);
      if (progress.alreadyCopied > 0) settings.onProgress?.({ ...progress });
    }
    const bytes = sizeOf(event);
    const last = pending[pending.length - 1];
    const joinsPending =
      last !== undefined &&
      last.streamId === event.streamId &&
      last.streamVersion + 1 === event.streamVersion &&
      pending.length < settings.maxAppendEvents &&
      pendingBytes + bytes <= settings.maxAppendBytes;
    if (!joinsPending) await flush();
    pending.push(event);
    pendingBytes += bytes;
  }
  await flush();
  if (!targetRanDry) {
    const extra = await targetEvents.next();
    await targetEvents.return(undefined);
    if (!extra.done) {
      throw new CopyMismatchError(
        `The target holds events the source does not have (first: ${extra.value.eventId}): copy into an empty store`,
      );
    }
  }
  return { ...progress, total: progress.alreadyCopied + progress.copied };
}

/**
 * Reads both stores in step and checks that the target holds exactly the copies of the source's
 * events, in the same order: same count, and per event the id, type, stream, version, schema
 * version, data and metadata (by sha256 of their canonical JSON). While at it, finds the target
 * cursors of the source cursors in `cursorsToTranslate` (processor positions to move).
 */
export async function verifyCopy(
  source: EventStore,
  target: EventStore,
  options: { sourceKind: StoreKind; pageSize?: number; cursorsToTranslate?: ReadonlySet<string> },
): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? DEFAULTS.pageSize;
  const targetEvents = eventsOf(target, pageSize);
  const digest = createHash('sha256');
  const streams = new Set<string>();
  const translated = new Map<string, { cursor: string; globalPosition: number }>();
  let events = 0;
  try {
    for await (const event of eventsOf(source, pageSize)) {
      const copy = await targetEvents.next();
      if (copy.done)
        throw new CopyMismatchError(`Verification failed: the target ends after ${events} events, the source goes on`);
      const difference = differenceOfCopy(event, copy.value, options.sourceKind);
      if (difference) throw new CopyMismatchError(`Verification failed at event #${events + 1}: ${difference}`);
      if (options.cursorsToTranslate?.has(event.cursor)) {
        translated.set(event.cursor, { cursor: copy.value.cursor, globalPosition: copy.value.globalPosition });
      }
      digest.update(fingerprintOf(event));
      streams.add(event.streamId);
      events++;
    }
    const extra = await targetEvents.next();
    if (!extra.done) throw new CopyMismatchError(`Verification failed: the target has more events than the source's ${events}`);
  } finally {
    await targetEvents.return(undefined);
  }
  return { events, streams: streams.size, digest: digest.digest('hex'), translated };
}

async function appendCopies(target: EventStore, events: RecordedEvent[], sourceKind: StoreKind): Promise<void> {
  const first = events[0];
  const last = events[events.length - 1];
  const expected = first.streamVersion - 1;
  try {
    const result = await target.append(
      first.streamId,
      events.map((event) => copyOf(event, sourceKind)),
      expected === 0 ? 'no-stream' : expected,
    );
    if (result.streamVersion !== last.streamVersion) {
      throw new CopyMismatchError(
        `${first.streamId} reached version ${result.streamVersion} in the target, ${last.streamVersion} in the source`,
      );
    }
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    throw new CopyMismatchError(
      `${first.streamId} is at version ${error.actual} in the target where the source has version ${expected}: ` +
        'another writer is using the target (stop the service) or it holds other events',
    );
  }
}

export function copyOf(event: RecordedEvent, sourceKind: StoreKind): NewEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: copiedMetadataOf(event, sourceKind),
  };
}

export function copiedMetadataOf(event: RecordedEvent, sourceKind: StoreKind): EventMetadata {
  if (event.metadata.copiedFrom !== undefined) return event.metadata;
  const copiedFrom: CopiedFrom = {
    store: sourceKind,
    globalPosition: event.globalPosition,
    recordedAt: event.recordedAt.toISOString(),
  };
  return { ...event.metadata, copiedFrom };
}

/** Null when `copy` is the copy of `original`; otherwise what differs, for the error message. */
export function differenceOfCopy(original: RecordedEvent, copy: RecordedEvent, sourceKind: StoreKind): string | null {
  const facts = (e: RecordedEvent) => [e.eventId.toLowerCase(), e.type, e.streamId, e.streamVersion, e.schemaVersion];
  const [a, b] = [facts(original), facts(copy)];
  const names = ['event id', 'type', 'stream', 'stream version', 'schema version'];
  for (let i = 0; i < names.length; i++) {
    if (a[i] !== b[i]) return `${names[i]} ${String(a[i])} in the source, ${String(b[i])} in the target`;
  }
  if (hashOf(original.data) !== hashOf(copy.data)) return `the data of event ${original.eventId} differs`;
  if (hashOf(copiedMetadataOf(original, sourceKind)) !== hashOf(copy.metadata)) {
    return `the metadata of event ${original.eventId} differs`;
  }
  return null;
}

function fingerprintOf(event: RecordedEvent): string {
  const facts = [event.eventId.toLowerCase(), event.type, event.streamId, event.streamVersion, event.schemaVersion];
  return `${JSON.stringify(facts)}:${hashOf(event.data)}\n`;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * JSON with object keys sorted at every depth: PostgreSQL's jsonb reorders keys, KurrentDB keeps
 * them as written, and the same value must hash the same from both.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sizeOf(event: RecordedEvent): number {
  return Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)) + 200;
}

/**
 * Every event of a store, in its global order, up to the head it had when reading began. A
 * PostgreSQL store holds back events behind transactions still open anywhere in its cluster, so a
 * page can come back empty before the head is reached: then it waits (bounded) rather than take
 * a prefix for the whole store.
 */
async function* eventsOf(
  store: EventStore,
  pageSize: number,
  waitMs = HEAD_WAIT_MS,
): AsyncGenerator<RecordedEvent, void, undefined> {
  const head = await store.headPosition();
  const deadline = Date.now() + waitMs;
  let after: string | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.events.length > 0) {
      yield* page.events;
      after = page.cursor;
      continue;
    }
    if (await store.hasReached(after, head)) return;
    if (Date.now() > deadline) {
      throw new CopyMismatchError(
        `Events up to position ${head} did not become readable within ${waitMs / 1000} s (a transaction left open in PostgreSQL?)`,
      );
    }
    await sleep(100);
  }
}
