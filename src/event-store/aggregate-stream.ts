import { Decider, DomainEvent } from '../platform/domain/decider';
import { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port';

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

/** Reads one stream once and folds it with the aggregate's decider. */
export async function loadAggregate<Event extends DomainEvent, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<LoadedAggregate<State>> {
  const events = await readAggregateStream<Event>(store, streamId, options);
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  const last = events[events.length - 1];
  return { state, version: last?.streamVersion ?? 0, position: last?.globalPosition ?? 0 };
}
