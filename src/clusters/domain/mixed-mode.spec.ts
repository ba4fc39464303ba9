import { describe, it } from 'node:test';
import { expect } from 'expect';
import { mixedModeWarning } from './mixed-mode';

describe('the four-week mixed-mode warning', () => {
  const since = '2026-11-01T08:00:00.000Z';
  const mixed = { mixedMode: true, mixedModeSince: since };

  it('is silent for four weeks to the millisecond', () => {
    expect(mixedModeWarning(mixed, new Date('2026-11-29T08:00:00.000Z'))).toBeNull();
  });

  it('warns once the cluster has been in mixed mode for longer than four weeks', () => {
    expect(mixedModeWarning(mixed, new Date('2026-11-29T08:00:00.001Z'))).toBe(
      'The cluster has been in mixed mode since 2026-11-01T08:00:00.000Z (over 4 weeks): finish the upgrade and raise the functional level',
    );
  });

  it('never warns a cluster that is not in mixed mode, however old its last mixed-mode start', () => {
    expect(mixedModeWarning({ mixedMode: false, mixedModeSince: null }, new Date('2027-06-01T00:00:00.000Z'))).toBeNull();
    expect(mixedModeWarning({ mixedMode: false, mixedModeSince: since }, new Date('2027-06-01T00:00:00.000Z'))).toBeNull();
  });
});
