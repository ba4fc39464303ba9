import { describe, it } from 'node:test';
import { expect } from 'expect';
import { failover, migration, VmWhereabouts } from './vm-moves';
import { SIM_VM_STATES } from './vm-transitions';

const SOURCE = '11111111-1111-1111-1111-111111111111';
const DESTINATION = '22222222-2222-2222-2222-222222222222';
const ELSEWHERE = '33333333-3333-3333-3333-333333333333';
const destination = { hostId: DESTINATION, osVersion: 'WS2016' };
const on = (hostId: string, state: VmWhereabouts['state'] = 'Running', configVersion = '8.0'): VmWhereabouts => ({
  hostId,
  state,
  configVersion,
});

describe('simulated VM moves', () => {
  describe('migration', () => {
    it('moves the VM from the source keeping its state, whatever it is', () => {
      for (const state of SIM_VM_STATES) {
        expect(migration(on(SOURCE, state), SOURCE, destination)).toEqual({ outcome: 'move', fromHostId: SOURCE, next: state });
      }
    });

    it('is done when the VM is on the destination already (host ids compared without case)', () => {
      expect(migration(on(DESTINATION, 'Saved'), SOURCE, destination)).toEqual({ outcome: 'done', state: 'Saved' });
      expect(migration(on(DESTINATION), SOURCE.toUpperCase(), { ...destination, hostId: DESTINATION.toUpperCase() })).toEqual({
        outcome: 'done',
        state: 'Running',
      });
      expect(migration(on(SOURCE), SOURCE.toUpperCase(), destination).outcome).toBe('move');
    });

    it('does not find a VM that is on neither end, or nowhere', () => {
      expect(migration(null, SOURCE, destination)).toMatchObject({
        outcome: 'not-found',
        reason: expect.stringContaining('any'),
      });
      expect(migration(on(ELSEWHERE), SOURCE, destination)).toMatchObject({
        outcome: 'not-found',
        reason: expect.stringContaining(ELSEWHERE),
      });
    });

    it('refuses a destination whose OS does not run the VM configuration version', () => {
      expect(migration(on(SOURCE, 'Running', '9.0'), SOURCE, destination)).toEqual({
        outcome: 'refused',
        reason: 'the destination runs WS2016, which does not support configuration version 9.0',
      });
      expect(migration(on(SOURCE, 'Off', '5.0'), SOURCE, { hostId: DESTINATION, osVersion: 'WS2022' }).outcome).toBe('refused');
      expect(migration(on(SOURCE, 'Off', '5.0'), SOURCE, { hostId: DESTINATION, osVersion: 'WS2012R2' }).outcome).toBe('move');
    });
  });

  describe('failover', () => {
    it('starts the VM on the destination when asked to restart it, whatever state its lost node left', () => {
      for (const state of SIM_VM_STATES) {
        expect(failover(on(SOURCE, state), destination, true)).toEqual({ outcome: 'move', fromHostId: SOURCE, next: 'Running' });
      }
    });

    it('otherwise registers it Off, or Saved when it had been saved', () => {
      expect(failover(on(SOURCE, 'Off'), destination, false)).toMatchObject({ next: 'Off' });
      expect(failover(on(SOURCE, 'Running'), destination, false)).toMatchObject({ next: 'Off' });
      expect(failover(on(SOURCE, 'Paused'), destination, false)).toMatchObject({ next: 'Off' });
      expect(failover(on(SOURCE, 'Saved'), destination, false)).toMatchObject({ next: 'Saved' });
    });

    it('takes the VM from wherever it is, and is done when it is on the destination', () => {
      expect(failover(on(ELSEWHERE, 'Off'), destination, true)).toEqual({
        outcome: 'move',
        fromHostId: ELSEWHERE,
        next: 'Running',
      });
      expect(failover(on(DESTINATION, 'Running'), destination, true)).toEqual({ outcome: 'done', state: 'Running' });
      expect(failover(on(DESTINATION, 'Off'), destination, true)).toEqual({ outcome: 'done', state: 'Off' });
    });

    it('does not find a VM no host has, and refuses a destination that cannot run its version', () => {
      expect(failover(null, destination, true).outcome).toBe('not-found');
      expect(failover(on(SOURCE, 'Off', '10.0'), destination, false)).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('10.0'),
      });
    });
  });
});
