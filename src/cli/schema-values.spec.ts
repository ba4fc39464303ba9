import { describe, it } from 'node:test';
import { expect } from 'expect';
import { everyValueOf, HEARTBEATS, VM_STATES } from './schema-values';

type Light = 'Red' | 'Amber' | 'Green';

describe('CLI choices checked against the schema', () => {
  it('takes a list of exactly the enum, and the compiler refuses one that misses a value or adds one', () => {
    expect(everyValueOf<Light>()(['Red', 'Amber', 'Green'])).toEqual(['Red', 'Amber', 'Green']);
    // Each line below must fail to compile: should the check stop refusing, tsc fails on the unused directive.
    // @ts-expect-error 'Green' is missing
    everyValueOf<Light>()(['Red', 'Amber']);
    // @ts-expect-error 'Blue' is not a value of the enum
    everyValueOf<Light>()(['Red', 'Amber', 'Green', 'Blue']);
  });

  it('offers the VM filters the API takes, the heartbeat of the bulk fix among them', () => {
    expect(HEARTBEATS).toContain('OkApplicationsUnknown');
    expect(VM_STATES).toContain('Running');
    expect(new Set(VM_STATES).size).toBe(VM_STATES.length);
  });
});
