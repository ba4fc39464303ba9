/**
 * The event store port: the source of truth. Adapters (PostgreSQL, KurrentDB) must pass the
 * shared contract suite in `event-store.contract.ts`.
 */

/** Who caused an event and why; copied onto every event of one command. */
export interface EventMetadata {
  actor: string;
  role: string;
  correlationId: string;
  causationId: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
  /** Id of the command that produced the event: lets a re-sent command be recognised. */
  commandId?: string | null;
  [extra: string]: unknown;
}

export interface NewEvent {
  /** Unique across the store: appending an event whose id is already stored is a no-op. */
  eventId: string;
  /** Explicit, past-tense type name; never a class name. */
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 1-based position inside the stream. */
  streamVersion: number;
  /** Store-wide position; unique and increasing within a stream, used for read-your-writes. */
  globalPosition: number;
  recordedAt: Date;
  /** Opaque cursor of this event in the store-wide order that every reader agrees on. */
  cursor: string;
}

/** Exact version (0 = the stream does not exist yet), or a looser expectation. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  streamVersion: number;
  /** Global position of the last event appended (or found, for a re-sent append). */
  globalPosition: number;
  events: RecordedEvent[];
  /** True when every event of the append was already stored and nothing was written. */
  duplicate: boolean;
}

export interface AppendOptions {
  /**
   * 'relaxed': the append may answer before it is on disk; a server crash can lose it, together
   * with everything after it. Only for events that are re-derived after a crash (a job created
   * from its intent, a worker's progress). Commands from clients are always durable.
   */
  durability?: 'durable' | 'relaxed';
}

export interface ReadStreamOptions {
  fromVersion?: number;
  /** Time travel: only events at or before this global position. */
  toPosition?: number;
  /** Time travel: only events recorded at or before this instant. */
  toTime?: Date;
}

export interface ReadAllFilter {
  streamId?: string;
  streamPrefix?: string;
  types?: readonly string[];
  actor?: string;
  correlationId?: string;
  from?: Date;
  to?: Date;
}

export interface ReadAllOptions {
  /** Cursor of the last event already seen; omitted means from the beginning. */
  after?: string | null;
  limit: number;
  filter?: ReadAllFilter;
  /** With a filter: also say how far the search went (`ReadAllResult.scanned`); it may cost a query. */
  scanned?: boolean;
  /** Also say whether committed events of the filter's types wait unread behind the horizon (`ReadAllResult.hidden`). */
  hidden?: boolean;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Cursor to continue from (unchanged when nothing was read). */
  cursor: string | null;
  /**
   * With a filter: how far the store was searched, at or after `cursor` (an event the filter left
   * out may sit there). Continuing from it skips only events the filter excludes. Absent when the
   * store cannot tell, or when nothing lies beyond `cursor`.
   */
  scanned?: { cursor: string; globalPosition: number };
  /**
   * With `hidden`: true when events of the filter's types (all types without one) were committed
   * before this read but lie beyond what it could read, behind a transaction that is still
   * appending; read again soon. Their commit may wake nobody, since it was not theirs that
   * finished last. Absent or false for stores with no such horizon.
   */
  hidden?: boolean;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
  }
}

export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly streamId: string) {
    super(`Some but not all events of this append to ${streamId} are already stored`);
  }
}

/** One stream's share of an atomic multi-stream append. */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
}

/** An aggregate's state as a fold left it after a stream version. */
export interface Snapshot {
  streamVersion: number;
  /** Global position of the event at `streamVersion`. */
  globalPosition: number;
  state: unknown;
}

/** What a command reads of its stream before it decides (`EventStore.readForDecision`). */
export interface DecisionRead {
  /** The latest snapshot of the fold asked for (null: none, or the store keeps none). */
  snapshot: Snapshot | null;
  /** The stream's events after the snapshot (all of them without one). */
  events: RecordedEvent[];
  /** The events the command appended already (then `snapshot` and `events` are left empty). */
  alreadyAppended: RecordedEvent[];
}

/** The oldest appending transaction still running: store-wide readers wait for it. */
export interface HeldHorizon {
  /** Its transaction id. */
  transactionId: string;
  /** The server process running it. */
  pid: number;
  /** How long it has been running. */
  heldForMs: number;
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to several streams at once: all of them or none (a version mismatch on any stream
   * fails the whole append). Answers one result per stream, in the order given. A re-send of the
   * whole append is answered from what is stored, with every result `duplicate`.
   */
  appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]>;
  /**
   * The events one command appended to a stream (empty when it appended none), found without
   * reading the stream: `firstEventId` is the id the command gave its first event there.
   */
  readCommand(streamId: string, commandId: string, firstEventId: string): Promise<RecordedEvent[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Everything a command needs of its stream, in one read where the store can: the events one
   * command appended already (found by `command.firstEventId`, never by reading the stream), else
   * the latest snapshot of the fold `foldKey` names and the events after it.
   */
  readForDecision(
    streamId: string,
    options: { foldKey?: string; command?: { commandId: string; firstEventId: string } },
  ): Promise<DecisionRead>;
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Cursor of the event at a global position (null when there is none). */
  cursorOfPosition(globalPosition: number): Promise<string | null>;
  /** Whether a reader positioned at `cursor` has seen the event at `globalPosition`. */
  hasReached(cursor: string | null, globalPosition: number): Promise<boolean>;
  /** Highest global position stored (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * The latest snapshot of a stream taken by the fold `foldKey` names (null when there is none).
   * Stores without snapshots leave these out, and aggregates are then folded in full.
   */
  readSnapshot?(streamId: string, foldKey: string): Promise<Snapshot | null>;
  /** Keeps a snapshot unless a later one of the same stream and fold is stored already. */
  writeSnapshot?(streamId: string, foldKey: string, snapshot: Snapshot): Promise<void>;
  /**
   * What holds store-wide readers back, when the store has such a thing (PostgreSQL: a running
   * transaction that appends); null when nothing does.
   */
  heldHorizon?(): Promise<HeldHorizon | null>;
  /**
   * Calls back soon after events are appended anywhere; returns an unsubscribe function. With
   * `types`, only after appends that hold one of them (stores that cannot tell call back on all).
   */
  onAppended(listener: () => void, types?: readonly string[]): () => void;
  /**
   * Whether `onAppended` hears appends made by every process right now (PostgreSQL: while its
   * LISTEN connection is up). Readers then poll only as a rare safety net.
   */
  hearsAllAppends?(): boolean;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
