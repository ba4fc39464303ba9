/**
 * A decider per aggregate: three pure functions. No framework, database, clock or random ids:
 * time and ids arrive inside the command.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  /** The events that the command causes, or a thrown DomainError when a rule forbids it. */
  decide(command: Command, state: State): Event[];
  /** Current schema version of each event type (1 when absent). */
  readonly schemaVersions?: Readonly<Record<string, number>>;
  /**
   * Part of the key of this fold's snapshots: bump it when a function that `evolve` calls changes
   * (a change to `evolve` itself, the initial state or the schema versions is noticed without it).
   */
  readonly snapshotVersion?: number;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}
