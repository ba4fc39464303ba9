import { describe, it } from 'node:test';
import { expect } from 'expect';
import { SIM_VM_STATES, SimVmState, vmTransition, VmOperationKind } from './vm-transitions';

const VM_KINDS: VmOperationKind[] = ['create-vm', 'start-vm', 'stop-vm', 'save-vm', 'pause-vm', 'resume-vm', 'delete-vm'];

describe('simulated VM transitions', () => {
  it('creates an Off VM, and creating it again changes nothing', () => {
    expect(vmTransition('create-vm', null)).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    for (const state of SIM_VM_STATES)
      expect(vmTransition('create-vm', state)).toEqual({ outcome: 'ok', next: state, changed: false });
  });

  it('starts an Off or Saved VM; starting a Running VM succeeds without change', () => {
    expect(vmTransition('start-vm', 'Off')).toEqual({ outcome: 'ok', next: 'Running', changed: true });
    expect(vmTransition('start-vm', 'Saved')).toEqual({ outcome: 'ok', next: 'Running', changed: true });
    expect(vmTransition('start-vm', 'Running')).toEqual({ outcome: 'ok', next: 'Running', changed: false });
    expect(vmTransition('start-vm', 'Paused')).toMatchObject({ outcome: 'refused' });
  });

  it('shuts down only a running guest but turns off from any state', () => {
    expect(vmTransition('stop-vm', 'Running', 'shutdown')).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    expect(vmTransition('stop-vm', 'Paused', 'shutdown')).toMatchObject({ outcome: 'refused' });
    expect(vmTransition('stop-vm', 'Saved', 'shutdown')).toMatchObject({ outcome: 'refused' });
    for (const state of ['Running', 'Paused', 'Saved'] as const) {
      expect(vmTransition('stop-vm', state, 'turn-off')).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    }
    expect(vmTransition('stop-vm', 'Off', 'shutdown')).toEqual({ outcome: 'ok', next: 'Off', changed: false });
  });

  it('saves a running or paused VM, pauses a running one and resumes a paused one', () => {
    expect(vmTransition('save-vm', 'Running')).toMatchObject({ outcome: 'ok', next: 'Saved' });
    expect(vmTransition('save-vm', 'Paused')).toMatchObject({ outcome: 'ok', next: 'Saved' });
    expect(vmTransition('save-vm', 'Off')).toMatchObject({ outcome: 'refused' });
    expect(vmTransition('pause-vm', 'Running')).toMatchObject({ outcome: 'ok', next: 'Paused' });
    expect(vmTransition('pause-vm', 'Off')).toMatchObject({ outcome: 'refused' });
    expect(vmTransition('resume-vm', 'Paused')).toMatchObject({ outcome: 'ok', next: 'Running' });
    expect(vmTransition('resume-vm', 'Saved')).toMatchObject({ outcome: 'refused' });
  });

  it('deletes an Off or Saved VM, refuses a running one, and deleting an absent VM succeeds', () => {
    expect(vmTransition('delete-vm', 'Off')).toEqual({ outcome: 'ok', next: null, changed: true });
    expect(vmTransition('delete-vm', 'Saved')).toEqual({ outcome: 'ok', next: null, changed: true });
    expect(vmTransition('delete-vm', 'Running')).toMatchObject({
      outcome: 'refused',
      reason: expect.stringContaining('turn it off'),
    });
    expect(vmTransition('delete-vm', null)).toEqual({ outcome: 'ok', next: null, changed: false });
  });

  it('answers not-found for every operation but create and delete on an absent VM', () => {
    for (const kind of VM_KINDS.filter((k) => k !== 'create-vm' && k !== 'delete-vm')) {
      expect(vmTransition(kind, null)).toMatchObject({ outcome: 'not-found' });
    }
  });

  it('is idempotent: an operation applied to the state it leads to changes nothing', () => {
    const states: Array<SimVmState | null> = [null, ...SIM_VM_STATES];
    for (const kind of VM_KINDS) {
      for (const mode of ['shutdown', 'turn-off'] as const) {
        for (const state of states) {
          const first = vmTransition(kind, state, mode);
          if (first.outcome !== 'ok') continue;
          expect(vmTransition(kind, first.next, mode)).toEqual({ outcome: 'ok', next: first.next, changed: false });
        }
      }
    }
  });
});
