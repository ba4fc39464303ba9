import {
  AllStreamSubscription,
  BACKWARDS,
  END,
  ErrorType,
  KurrentDBClient,
  RecordedEvent as KurrentRecordedEvent,
  START,
} from '@kurrent/kurrentdb-client';
import {
  AppendOptions,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  WrongExpectedVersionError,
  DecisionRead,
} from '../event-store.port';
import { UpcasterRegistry } from '../upcasting';
import {
  comparePositions,
  cursorHasReached,
  decodeCursor,
  encodeCursor,
  globalPositionOf,
  LogPosition,
  positionOfGlobalPosition,
} from './kurrentdb-cursor';
import {
  fromKurrentEvent,
  isSystemEvent,
  normalisedEventIds,
  streamStateOf,
  toEventData,
  versionOfRevision,
} from './kurrentdb-envelope';
import { EXCLUDE_SYSTEM_EVENTS, isDecidedByServer, matchesFilter, serverFilterOf } from './kurrentdb-read-all-filter';

/** Reads that the server filter does not decide alone take at least this many events at a time. */
const MIN_SCAN_CHUNK = 256;
const MAX_SCAN_CHUNK = 4096;
const RESUBSCRIBE_AFTER_MS = 1000;

export interface KurrentDbEventStoreOptions {
  client: KurrentDBClient;
  upcasters?: UpcasterRegistry;
}

/**
 * The event store port on KurrentDB. Streams map one to one, versions to revisions (version =
 * revision + 1), the global position to the commit position in $all, cursors to $all positions.
 *
 * KurrentDB has no index by event id and only recognises a re-sent append when it is sent with the
 * same expected revision (or with "any", within its idempotency window). The port wants more: a
 * re-send is recognised whatever it expects, and a partly stored append is refused. So an append
 * first reads its stream and decides from the ids stored there. What stays out of reach is the
 * store-wide uniqueness of ids: an id stored in another stream is not seen (see the README).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly upcasters: UpcasterRegistry;
  private readonly listeners = new Set<() => void>();
  private subscription: AllStreamSubscription | null = null;
  private wakeScheduled = false;
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = options.client;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
  }

  /**
   * `durability: 'relaxed'` has no KurrentDB counterpart and is ignored: the server acknowledges
   * an append once it is on disk.
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    _options?: AppendOptions,
  ): Promise<AppendResult> {
    const ids = normalisedEventIds(streamId, events);
    const streamState = streamStateOf(expected);
    const resent = resentAppend(streamId, await this.readStored(streamId), ids);
    if (resent) return resent;
    let lastRevision: bigint;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), { streamState, requiresLeader: true });
      lastRevision = result.nextExpectedRevision;
    } catch (error) {
      if ((error as { type?: string }).type !== ErrorType.WRONG_EXPECTED_VERSION) throw error;
      // The race may have been lost to an identical append (a re-send) as well as to another one.
      const stored = await this.readStored(streamId);
      const resentMeanwhile = resentAppend(streamId, stored, ids);
      if (resentMeanwhile) return resentMeanwhile;
      throw new WrongExpectedVersionError(streamId, expected, currentVersion(stored));
    }
    this.wakeLocal();
    // The answer carries only the last revision; recordedAt and each event's position come from a read.
    const written = await this.readStored(streamId, lastRevision - BigInt(ids.length - 1), ids.length);
    if (written.map((event) => event.id.toLowerCase()).join() !== ids.join()) {
      throw new Error(`KurrentDB acknowledged the append to ${streamId} but its events are not at revision ${lastRevision}`);
    }
    const recorded = written.map(fromKurrentEvent);
    const last = recorded[recorded.length - 1];
    return { streamVersion: last.streamVersion, globalPosition: last.globalPosition, events: recorded, duplicate: false };
  }

  /**
   * Not atomic on this adapter: the streams are appended one after another, in the order given,
   * and a failure stops before the next. KurrentDB's own multi-stream append (server 25.1 and
   * later) carries only flat string properties instead of this adapter's metadata envelope, so it
   * is not used. What the command path loses is covered by its callers: the job a command's intent
   * implies is re-created from the intent by the job-creator processor when the second append is
   * missing.
   */
  async appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]> {
    if (appends.length === 0) throw new Error('appendMany needs at least one stream');
    if (new Set(appends.map((a) => a.streamId)).size !== appends.length) throw new Error('appendMany names a stream twice');
    const results: AppendResult[] = [];
    for (const { streamId, events, expected } of appends) results.push(await this.append(streamId, events, expected, options));
    return results;
  }

  /** KurrentDB has no index by event id or metadata: the stream is read and its command's events picked. */
  async readCommand(streamId: string, commandId: string, _firstEventId: string): Promise<RecordedEvent[]> {
    return (await this.readStream(streamId)).filter((event) => event.metadata.commandId === commandId);
  }

  /** One read of the stream serves both questions (this store keeps no snapshots). */
  async readForDecision(
    streamId: string,
    options: { foldKey?: string; command?: { commandId: string; firstEventId: string } },
  ): Promise<DecisionRead> {
    const events = await this.readStream(streamId);
    const first = options.command
      ? events.findIndex((event) => event.eventId.toLowerCase() === options.command!.firstEventId.toLowerCase())
      : -1;
    if (first >= 0 && events[first].metadata.commandId === options.command!.commandId) {
      const end = events.findIndex((event, index) => index > first && event.metadata.commandId !== options.command!.commandId);
      return { snapshot: null, events: [], alreadyAppended: events.slice(first, end < 0 ? undefined : end) };
    }
    return { snapshot: null, events, alreadyAppended: [] };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const fromVersion = Math.max(1, options.fromVersion ?? 1);
    const { toPosition, toTime } = options;
    const events: RecordedEvent[] = [];
    for (const raw of await this.readStored(streamId, BigInt(fromVersion - 1))) {
      const event = fromKurrentEvent(raw);
      // Positions grow along a stream: nothing after this one can be at or before toPosition.
      if (toPosition !== undefined && event.globalPosition > toPosition) break;
      if (toTime !== undefined && event.recordedAt.getTime() > toTime.getTime()) continue;
      events.push(this.upcasters.upcast(event));
    }
    return events;
  }

  async readAll({ after = null, limit, filter = {} }: ReadAllOptions): Promise<ReadAllResult> {
    const nothing: ReadAllResult = { events: [], cursor: after };
    if (limit <= 0 || (filter.types !== undefined && filter.types.length === 0)) return nothing;
    const serverFilter = serverFilterOf(filter);
    const chunk = isDecidedByServer(filter) ? limit + 1 : Math.min(Math.max(limit + 1, MIN_SCAN_CHUNK), MAX_SCAN_CHUNK);
    let seenUpTo: LogPosition | null = after === null ? null : decodeCursor(after);
    const events: RecordedEvent[] = [];
    for (;;) {
      let received = 0;
      let lastReceived: LogPosition | null = null;
      for await (const resolved of this.client.readAll({
        fromPosition: seenUpTo ?? START,
        maxCount: chunk,
        filter: serverFilter,
      })) {
        received++;
        const raw = resolved.event;
        if (!raw) continue;
        const event = fromKurrentEvent(raw);
        const position = raw.position!;
        // A read from a position includes the event at that position: the one the cursor names.
        if (seenUpTo && comparePositions(position, seenUpTo) <= 0) continue;
        lastReceived = position;
        if (isSystemEvent(raw) || !matchesFilter(filter, event)) continue;
        events.push(this.upcasters.upcast(event));
        if (events.length === limit) break;
      }
      if (events.length === limit || received < chunk || lastReceived === null) break;
      seenUpTo = lastReceived;
    }
    return events.length === 0 ? nothing : { events, cursor: events[events.length - 1].cursor };
  }

  async cursorOfPosition(globalPosition: number): Promise<string | null> {
    if (!Number.isSafeInteger(globalPosition) || globalPosition <= 0) return null;
    const at = positionOfGlobalPosition(globalPosition);
    try {
      for await (const resolved of this.client.readAll({ fromPosition: at, maxCount: 1, filter: EXCLUDE_SYSTEM_EVENTS })) {
        const raw = resolved.event;
        if (!raw?.position || raw.position.commit !== at.commit || isSystemEvent(raw)) return null;
        return encodeCursor(raw.position);
      }
    } catch (error) {
      // A position inside a log record is where no event starts: the server refuses to read there.
      if ((error as { type?: string }).type === ErrorType.UNKNOWN) return null;
      throw error;
    }
    return null;
  }

  async hasReached(cursor: string | null, globalPosition: number): Promise<boolean> {
    return cursorHasReached(cursor, globalPosition);
  }

  /** The position of the last event readAll shows (0 when there is none). */
  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      filter: EXCLUDE_SYSTEM_EVENTS,
    })) {
      const raw = resolved.event;
      if (raw?.position && !isSystemEvent(raw)) return globalPositionOf(raw.position);
    }
    return 0;
  }

  /**
   * In-process appends wake listeners at once; appends of other processes arrive through one live
   * $all subscription per store, opened with the first listener and re-opened after a failure.
   * Listeners are not told apart by event type here: every listener hears every append.
   */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    this.subscribe();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  private subscribe(): void {
    if (this.subscription || this.closed) return;
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: EXCLUDE_SYSTEM_EVENTS });
    const dropped = () => {
      if (this.subscription !== subscription) return;
      this.subscription = null;
      void subscription.unsubscribe().catch(() => undefined);
      if (!this.closed && this.listeners.size > 0) setTimeout(() => this.subscribe(), RESUBSCRIBE_AFTER_MS).unref();
    };
    subscription.on('data', () => this.wakeSoon());
    subscription.on('error', dropped);
    subscription.on('end', dropped);
    subscription.on('close', dropped);
    this.subscription = subscription;
  }

  private wakeLocal(): void {
    for (const listener of this.listeners) listener();
  }

  /** A burst of events from the subscription wakes listeners once. */
  private wakeSoon(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.wakeLocal();
    });
  }

  /** The stream's events from a revision on, [] when it does not exist. */
  private async readStored(streamId: string, fromRevision = 0n, maxCount?: number): Promise<KurrentRecordedEvent[]> {
    const events: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision, maxCount, requiresLeader: true })) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if ((error as { type?: string }).type === ErrorType.STREAM_NOT_FOUND) return [];
      throw error;
    }
    return events;
  }
}

function currentVersion(stored: readonly KurrentRecordedEvent[]): number {
  return stored.length === 0 ? 0 : versionOfRevision(stored[stored.length - 1].revision);
}

/**
 * The port's re-send rule, decided from the stream's stored events: every id stored in this
 * stream is a re-send (answered from what is stored), some of them is a DuplicateEventIdError,
 * none of them is a new append (null).
 */
export function resentAppend(
  streamId: string,
  stored: readonly KurrentRecordedEvent[],
  ids: readonly string[],
): AppendResult | null {
  const byId = new Map(stored.map((event) => [event.id.toLowerCase(), event]));
  const found = ids.filter((id) => byId.has(id)).length;
  if (found === 0) return null;
  if (found < ids.length) throw new DuplicateEventIdError(streamId);
  const events = ids.map((id) => fromKurrentEvent(byId.get(id)!));
  const last = events[events.length - 1];
  return { streamVersion: last.streamVersion, globalPosition: last.globalPosition, events, duplicate: true };
}
