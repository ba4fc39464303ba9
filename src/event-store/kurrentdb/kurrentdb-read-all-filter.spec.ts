import { describe, it } from 'node:test';
import { expect } from 'expect';
import fc from 'fast-check';
import { newEvent } from '../event-store.contract';
import { RecordedEvent } from '../event-store.port';
import {
  escapeRegex,
  EXCLUDE_SYSTEM_EVENTS,
  isDecidedByServer,
  matchesFilter,
  serverFilterOf,
} from './kurrentdb-read-all-filter';

function recorded(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    ...newEvent('VmStarted', {}, { actor: 'user:alice', correlationId: 'corr-1' }),
    streamId: 'vm-1',
    streamVersion: 1,
    globalPosition: 100,
    recordedAt: new Date('2025-01-01T00:00:00.500Z'),
    cursor: 'kdb:100:100',
    ...overrides,
  };
}

describe('KurrentDB readAll filters', () => {
  it('send the most selective condition to the server: stream id, then prefix, then types, else no system streams', () => {
    expect(serverFilterOf({ streamId: 'vm-1', types: ['VmStarted'] })).toEqual({
      filterOn: 'streamName',
      regex: '^vm\\-1$',
      checkpointInterval: 1,
    });
    expect(serverFilterOf({ streamPrefix: 'vm-', types: ['VmStarted'] })).toEqual({
      filterOn: 'streamName',
      prefixes: ['vm-'],
      checkpointInterval: 1,
    });
    expect(serverFilterOf({ types: ['VmStarted', 'Vm.Stopped'], actor: 'a' })).toEqual({
      filterOn: 'eventType',
      regex: '^(?:VmStarted|Vm\\.Stopped)$',
      checkpointInterval: 1,
    });
    expect(serverFilterOf({ actor: 'a' })).toBe(EXCLUDE_SYSTEM_EVENTS);
    expect(serverFilterOf({})).toEqual({ filterOn: 'streamName', regex: '^[^$]', checkpointInterval: 1 });
  });

  it('know when the server decides a page alone (then limit + 1 events are enough to read)', () => {
    expect(isDecidedByServer({})).toBe(true);
    expect(isDecidedByServer({ streamId: 'vm-1' })).toBe(true);
    expect(isDecidedByServer({ types: ['VmStarted'] })).toBe(true);
    expect(isDecidedByServer({ streamId: 'vm-1', types: ['VmStarted'] })).toBe(false);
    expect(isDecidedByServer({ actor: 'a' })).toBe(false);
    expect(isDecidedByServer({ streamPrefix: 'vm-', to: new Date() })).toBe(false);
  });

  it('check every condition on this side, with inclusive time bounds', () => {
    const event = recorded();
    expect(matchesFilter({}, event)).toBe(true);
    expect(matchesFilter({ streamId: 'vm-1' }, event)).toBe(true);
    expect(matchesFilter({ streamId: 'vm-10' }, event)).toBe(false);
    expect(matchesFilter({ streamPrefix: 'vm-' }, event)).toBe(true);
    expect(matchesFilter({ streamPrefix: 'host-' }, event)).toBe(false);
    expect(matchesFilter({ types: ['VmStopped', 'VmStarted'] }, event)).toBe(true);
    expect(matchesFilter({ types: [] }, event)).toBe(false);
    expect(matchesFilter({ actor: 'user:alice', correlationId: 'corr-1' }, event)).toBe(true);
    expect(matchesFilter({ actor: 'user:bob' }, event)).toBe(false);
    expect(matchesFilter({ correlationId: 'corr-2' }, event)).toBe(false);
    expect(matchesFilter({ from: event.recordedAt, to: event.recordedAt }, event)).toBe(true);
    expect(matchesFilter({ from: new Date(event.recordedAt.getTime() + 1) }, event)).toBe(false);
    expect(matchesFilter({ to: new Date(event.recordedAt.getTime() - 1) }, event)).toBe(false);
  });

  it('escape any text so that the pattern matches exactly that text', () => {
    for (const text of ['test-a_b%-1', 'a.b*c+?^$()[]{}|\\/#', 'Grüße 東京 🚀', 'tab\there', '']) {
      const pattern = new RegExp(`^${escapeRegex(text)}$`);
      expect(pattern.test(text)).toBe(true);
      expect(pattern.test(`${text}x`)).toBe(false);
    }
    expect(escapeRegex('a-b.c')).toBe('a\\-b\\.c');
    expect(escapeRegex('ü')).toBe('\\u00fc');
    expect(escapeRegex('a b')).toBe('a\\u0020b');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (text, other) => {
        const pattern = new RegExp(`^${escapeRegex(text)}$`);
        return pattern.test(text) && (other === text || !pattern.test(other));
      }),
    );
  });
});
