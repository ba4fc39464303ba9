import { describe, it } from 'node:test';
import { expect } from 'expect';
import {
  comparePositions,
  cursorHasReached,
  decodeCursor,
  encodeCursor,
  globalPositionOf,
  positionOfGlobalPosition,
} from './kurrentdb-cursor';

describe('KurrentDB cursors', () => {
  it('encode the commit and prepare positions and decode back to them', () => {
    const position = { commit: 18_446_744_073_709_551_615n, prepare: 12n };
    expect(encodeCursor(position)).toBe('kdb:18446744073709551615:12');
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor('kdb:4242:4242')).toEqual({ commit: 4242n, prepare: 4242n });
  });

  it('refuse what is not one of their own, naming it (a PostgreSQL cursor left in a processor position)', () => {
    for (const foreign of ['1234/56', 'kdb:12', 'kdb:-1:2', 'kdb:1:2:3', '', 'KDB:1:1', 'kdb:1:1 ']) {
      expect(() => decodeCursor(foreign)).toThrow(`Not a KurrentDB event store cursor: ${foreign}`);
    }
  });

  it('order positions by commit, then by prepare (events of one old explicit transaction share a commit)', () => {
    expect(comparePositions({ commit: 10n, prepare: 10n }, { commit: 20n, prepare: 5n })).toBeLessThan(0);
    expect(comparePositions({ commit: 20n, prepare: 7n }, { commit: 20n, prepare: 5n })).toBeGreaterThan(0);
    expect(comparePositions({ commit: 20n, prepare: 5n }, { commit: 20n, prepare: 5n })).toBe(0);
  });

  it('use the commit position as the global position, refusing one a number cannot hold exactly', () => {
    expect(globalPositionOf({ commit: 9_007_199_254_740_991n, prepare: 0n })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => globalPositionOf({ commit: 9_007_199_254_740_992n, prepare: 0n })).toThrow(/beyond 2\^53/);
    expect(positionOfGlobalPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(() => positionOfGlobalPosition(-1)).toThrow(/invalid global position/);
    expect(() => positionOfGlobalPosition(1.5)).toThrow(/invalid global position/);
  });

  it('tell whether a reader at a cursor has seen the event at a global position', () => {
    const at = (position: number) => encodeCursor({ commit: BigInt(position), prepare: BigInt(position) });
    expect(cursorHasReached(null, 0)).toBe(true);
    expect(cursorHasReached(null, 100)).toBe(false);
    expect(cursorHasReached(at(100), 0)).toBe(true);
    expect(cursorHasReached(at(100), 100)).toBe(true);
    expect(cursorHasReached(at(100), 99)).toBe(true);
    expect(cursorHasReached(at(100), 101)).toBe(false);
    expect(() => cursorHasReached('17/4', 1)).toThrow(/Not a KurrentDB event store cursor/);
  });
});
