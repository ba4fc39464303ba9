import { expect } from 'expect';
import { Decider, DomainEvent, fold } from '../../src/platform/domain/decider';
import { DomainError } from '../../src/platform/domain/domain-error';

/**
 * given(events).when(command).then(events) | .thenThrows(code) for decider unit tests.
 * `then` compares whole events strictly: a key present with an undefined value, or one missing,
 * is a difference. `thenMatches` is for the few checks where a part of the events is the point.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: readonly Event[] = []) {
      return {
        when(command: Command) {
          const run = (): Event[] => decider.decide(command, fold(decider, events));
          return {
            then(expected: readonly Event[]): void {
              expect(run()).toStrictEqual(expected);
            },
            thenMatches(check: (events: Event[]) => void): void {
              check(run());
            },
            thenThrows(code: string): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
            },
          };
        },
      };
    },
  };
}
