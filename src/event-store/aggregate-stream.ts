import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Decider, DomainEvent } from '../platform/domain/decider';
import { EventStore, ReadStreamOptions, RecordedEvent, Snapshot } from './event-store.port';

/** A stored event seen as one of its aggregate's event types (already upcast to the current shape). */
export type StoredEvent<Event extends DomainEvent> = Event & Omit<RecordedEvent, 'type' | 'data'>;

/** An aggregate's state as of the end of its stream (or of a time-travel bound). */
export interface LoadedAggregate<State> {
  state: State;
  /** Stream version of the last event folded; 0 when the stream does not exist. */
  version: number;
  /** Global position of the last event folded; 0 when the stream does not exist. */
  position: number;
}

type Fold<Event extends DomainEvent, State> = Pick<
  Decider<unknown, Event, State>,
  'initialState' | 'evolve' | 'schemaVersions'
> & {
  readonly snapshotVersion?: number;
};

/**
 * A load that folds at least this many events past the last snapshot leaves a new one behind, so a
 * stream costs at most this many events to load however old it is.
 */
export const SNAPSHOT_AFTER_EVENTS = 20;

/**
 * The events of one aggregate's stream, typed by its event union. The one place where stored
 * envelopes become domain events: a stream holds only its aggregate's events, upcast on read.
 */
export async function readAggregateStream<Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<Array<StoredEvent<Event>>> {
  return (await store.readStream(streamId, options)) as Array<StoredEvent<Event>>;
}

/**
 * Reads one stream once and folds it with the aggregate's decider: from its latest snapshot when
 * the store keeps them, else from the start. Time travel (`toPosition`, `toTime`) always folds in
 * full, so it answers the same across a snapshot.
 */
export async function loadAggregate<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Fold<Event, State>,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<LoadedAggregate<State>> {
  const timeTravel = options !== undefined && Object.values(options).some((value) => value !== undefined);
  if (timeTravel) {
    return fold(decider, decider.initialState, null, await store.readStream(streamId, options));
  }
  const foldKey = foldKeyOf(decider);
  const { snapshot, events } = await store.readForDecision(streamId, { foldKey });
  const loaded = fold(decider, snapshot ? (snapshot.state as State) : decider.initialState, snapshot, events);
  keepSnapshot(store, streamId, foldKey, loaded, events.length);
  return loaded;
}

/** What a command finds of its stream: the aggregate, or the events it appended already if it was sent before. */
export type LoadedForCommand<State> = (LoadedAggregate<State> & { alreadyAppended: null }) | { alreadyAppended: RecordedEvent[] };

/**
 * The one read of a command's stream: whether the command was handled already (by the id of its
 * first event, without reading the stream) and otherwise the aggregate, from its latest snapshot.
 */
export async function loadForCommand<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Fold<Event, State>,
  streamId: string,
  command: { commandId: string; firstEventId: string },
): Promise<LoadedForCommand<State>> {
  const foldKey = foldKeyOf(decider);
  const read = await store.readForDecision(streamId, { foldKey, command });
  if (read.alreadyAppended.length > 0) return { alreadyAppended: read.alreadyAppended };
  const loaded = fold(decider, read.snapshot ? (read.snapshot.state as State) : decider.initialState, read.snapshot, read.events);
  keepSnapshot(store, streamId, foldKey, loaded, read.events.length);
  return { ...loaded, alreadyAppended: null };
}

function fold<Event extends DomainEvent, State>(
  decider: Fold<Event, State>,
  initial: State,
  snapshot: Snapshot | null,
  events: readonly RecordedEvent[],
): LoadedAggregate<State> {
  let state = initial;
  for (const event of events as ReadonlyArray<StoredEvent<Event>>) state = decider.evolve(state, event);
  const last = events[events.length - 1];
  return {
    state,
    version: last?.streamVersion ?? snapshot?.streamVersion ?? 0,
    position: last?.globalPosition ?? snapshot?.globalPosition ?? 0,
  };
}

/** A load that folded many events past the last snapshot leaves a new one behind. */
function keepSnapshot<State>(
  store: EventStore,
  streamId: string,
  foldKey: string,
  loaded: LoadedAggregate<State>,
  folded: number,
): void {
  if (folded < SNAPSHOT_AFTER_EVENTS || !store.writeSnapshot || !isPlainData(loaded.state)) return;
  // Off the caller's path: a lost snapshot only makes a later load longer.
  store
    .writeSnapshot(streamId, foldKey, { streamVersion: loaded.version, globalPosition: loaded.position, state: loaded.state })
    .catch(() => undefined);
}

const foldKeys = new WeakMap<object, string>();

/**
 * Names the code that produced a snapshot: the evolve function's source, the initial state, the
 * event schema versions, the decider's own `snapshotVersion`, and the code of every domain module
 * of the service (deciders are pure and import only domain code, so this covers every helper an
 * evolve calls). A changed fold gets a new key, so it never reads a snapshot another fold wrote;
 * the old snapshots are simply no longer read.
 */
export function foldKeyOf(decider: Fold<DomainEvent, unknown>): string {
  const known = foldKeys.get(decider);
  if (known) return known;
  const key = createHash('sha1')
    .update(decider.evolve.toString())
    .update(JSON.stringify(decider.initialState) ?? 'undefined')
    .update(JSON.stringify(decider.schemaVersions ?? {}))
    .update(String(decider.snapshotVersion ?? 0))
    .update(domainCodeHash())
    .digest('hex');
  foldKeys.set(decider, key);
  return key;
}

let domainCode: string | null = null;

/** A hash of the code of every `domain/` folder under the service's source root, taken once. */
function domainCodeHash(): string {
  if (domainCode !== null) return domainCode;
  const hash = createHash('sha1');
  const visit = (directory: string, inDomain: boolean) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path, inDomain || entry.name === 'domain');
      else if (inDomain && /\.(js|ts)$/.test(entry.name) && !/\.(spec|d)\.(js|ts)$/.test(entry.name)) {
        hash.update(entry.name).update(readFileSync(path));
      }
    }
  };
  visit(resolve(__dirname, '..'), false);
  domainCode = hash.digest('hex');
  return domainCode;
}

/** Whether a state survives JSON unchanged (no Dates, Maps, class instances or non-finite numbers). */
export function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainData(item));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => item === undefined || isPlainData(item));
}
