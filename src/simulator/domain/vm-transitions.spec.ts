import { describe, it } from 'node:test';
import { expect } from 'expect';
import { CLUSTER_OPERATION_KINDS, MOVE_OPERATION_KINDS, REPLICATION_OPERATION_KINDS, SIM_OPERATION_KINDS } from './latency-model';
import { SIM_VM_STATES, SimVmState, vmTransition, VmOperationKind, VmTransitionRequest } from './vm-transitions';

const NOT_ONE_VM: readonly string[] = [
  'reinstall-host',
  ...MOVE_OPERATION_KINDS,
  ...CLUSTER_OPERATION_KINDS,
  ...REPLICATION_OPERATION_KINDS,
];
const VM_KINDS = SIM_OPERATION_KINDS.filter((k): k is VmOperationKind => !NOT_ONE_VM.includes(k));

/** Every request the port can make: each kind, with each stop mode and each state a checkpoint leaves. */
const REQUESTS: VmTransitionRequest[] = VM_KINDS.flatMap((kind): VmTransitionRequest[] => {
  if (kind === 'stop-vm')
    return [
      { kind, mode: 'shutdown' },
      { kind, mode: 'turn-off' },
    ];
  if (kind === 'apply-checkpoint')
    return [
      { kind, resultingState: 'Off' },
      { kind, resultingState: 'Saved' },
    ];
  return [{ kind }];
});

const unchanged = (state: SimVmState) => ({ outcome: 'ok', next: state, changed: false });

describe('simulated VM transitions', () => {
  it('creates an Off VM, and creating it again changes nothing', () => {
    expect(vmTransition({ kind: 'create-vm' }, null)).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    for (const state of SIM_VM_STATES) expect(vmTransition({ kind: 'create-vm' }, state)).toEqual(unchanged(state));
  });

  it('starts an Off or Saved VM; starting a Running VM succeeds without change', () => {
    expect(vmTransition({ kind: 'start-vm' }, 'Off')).toEqual({ outcome: 'ok', next: 'Running', changed: true });
    expect(vmTransition({ kind: 'start-vm' }, 'Saved')).toEqual({ outcome: 'ok', next: 'Running', changed: true });
    expect(vmTransition({ kind: 'start-vm' }, 'Running')).toEqual(unchanged('Running'));
    expect(vmTransition({ kind: 'start-vm' }, 'Paused')).toMatchObject({ outcome: 'refused' });
  });

  it('shuts down only a running guest but turns off from any state', () => {
    expect(vmTransition({ kind: 'stop-vm', mode: 'shutdown' }, 'Running')).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    expect(vmTransition({ kind: 'stop-vm', mode: 'shutdown' }, 'Paused')).toMatchObject({ outcome: 'refused' });
    expect(vmTransition({ kind: 'stop-vm', mode: 'shutdown' }, 'Saved')).toMatchObject({ outcome: 'refused' });
    for (const state of ['Running', 'Paused', 'Saved'] as const) {
      expect(vmTransition({ kind: 'stop-vm', mode: 'turn-off' }, state)).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    }
    expect(vmTransition({ kind: 'stop-vm', mode: 'shutdown' }, 'Off')).toEqual(unchanged('Off'));
  });

  it('saves a running or paused VM, pauses a running one and resumes a paused one', () => {
    expect(vmTransition({ kind: 'save-vm' }, 'Running')).toMatchObject({ outcome: 'ok', next: 'Saved' });
    expect(vmTransition({ kind: 'save-vm' }, 'Paused')).toMatchObject({ outcome: 'ok', next: 'Saved' });
    expect(vmTransition({ kind: 'save-vm' }, 'Off')).toMatchObject({ outcome: 'refused' });
    expect(vmTransition({ kind: 'pause-vm' }, 'Running')).toMatchObject({ outcome: 'ok', next: 'Paused' });
    expect(vmTransition({ kind: 'pause-vm' }, 'Off')).toMatchObject({ outcome: 'refused' });
    expect(vmTransition({ kind: 'resume-vm' }, 'Paused')).toMatchObject({ outcome: 'ok', next: 'Running' });
    expect(vmTransition({ kind: 'resume-vm' }, 'Saved')).toMatchObject({ outcome: 'refused' });
  });

  it('deletes an Off or Saved VM, refuses a running one, and deleting an absent VM succeeds', () => {
    expect(vmTransition({ kind: 'delete-vm' }, 'Off')).toEqual({ outcome: 'ok', next: null, changed: true });
    expect(vmTransition({ kind: 'delete-vm' }, 'Saved')).toEqual({ outcome: 'ok', next: null, changed: true });
    expect(vmTransition({ kind: 'delete-vm' }, 'Running')).toMatchObject({
      outcome: 'refused',
      reason: expect.stringContaining('turn it off'),
    });
    expect(vmTransition({ kind: 'delete-vm' }, null)).toEqual({ outcome: 'ok', next: null, changed: false });
  });

  it('upgrades the version of an Off VM, and of a Saved one by discarding its saved state', () => {
    expect(vmTransition({ kind: 'upgrade-vm-version' }, 'Off')).toEqual(unchanged('Off'));
    expect(vmTransition({ kind: 'upgrade-vm-version' }, 'Saved')).toEqual({ outcome: 'ok', next: 'Off', changed: true });
    for (const state of ['Running', 'Paused'] as const) {
      expect(vmTransition({ kind: 'upgrade-vm-version' }, state)).toEqual({
        outcome: 'refused',
        reason: `upgrade-vm-version is not possible while the VM is ${state}; turn it off or save it first`,
      });
    }
  });

  it('changes firmware and processors only while the VM is Off', () => {
    for (const kind of ['set-vm-firmware', 'set-vm-processor'] as const) {
      expect(vmTransition({ kind }, 'Off')).toEqual(unchanged('Off'));
      for (const state of ['Running', 'Paused', 'Saved'] as const) {
        expect(vmTransition({ kind }, state)).toMatchObject({
          outcome: 'refused',
          reason: expect.stringContaining('turn it off'),
        });
      }
    }
  });

  it('changes adapters, memory and disks while Off or Running, never Saved or Paused', () => {
    for (const kind of ['add-network-adapter', 'remove-network-adapter', 'set-vm-memory', 'add-vm-disk'] as const) {
      expect(vmTransition({ kind }, 'Off')).toEqual(unchanged('Off'));
      expect(vmTransition({ kind }, 'Running')).toEqual(unchanged('Running'));
      expect(vmTransition({ kind }, 'Saved')).toMatchObject({ outcome: 'refused' });
      expect(vmTransition({ kind }, 'Paused')).toMatchObject({ outcome: 'refused' });
    }
  });

  it('changes integration services and takes or deletes checkpoints in any state, leaving it as it is', () => {
    for (const kind of [
      'set-integration-service',
      'update-integration-services',
      'create-checkpoint',
      'delete-checkpoint',
    ] as const) {
      for (const state of SIM_VM_STATES) expect(vmTransition({ kind }, state)).toEqual(unchanged(state));
    }
  });

  it('leaves the VM in the state the applied checkpoint holds, from any state', () => {
    for (const state of SIM_VM_STATES) {
      for (const resultingState of ['Off', 'Saved'] as const) {
        expect(vmTransition({ kind: 'apply-checkpoint', resultingState }, state)).toEqual({
          outcome: 'ok',
          next: resultingState,
          changed: state !== resultingState,
        });
      }
    }
  });

  it('answers not-found for every operation but create and delete on an absent VM', () => {
    for (const request of REQUESTS.filter((r) => r.kind !== 'create-vm' && r.kind !== 'delete-vm')) {
      expect(vmTransition(request, null)).toMatchObject({ outcome: 'not-found' });
    }
  });

  it('is idempotent: an operation applied to the state it leads to changes nothing', () => {
    const states: Array<SimVmState | null> = [null, ...SIM_VM_STATES];
    for (const request of REQUESTS) {
      for (const state of states) {
        const first = vmTransition(request, state);
        if (first.outcome !== 'ok') continue;
        expect(vmTransition(request, first.next)).toEqual({ outcome: 'ok', next: first.next, changed: false });
      }
    }
  });

  it('takes the driver port operation itself as the request', () => {
    const operation = {
      kind: 'apply-checkpoint' as const,
      host: { hostId: 'h', name: 'hv01', osVersion: 'WS2016' as const, memoryMb: 1024 },
      vm: { vmId: 'v', name: 'web', generation: 2 as const, configVersion: '8.0', memoryMb: 512, processorCount: 1 },
      checkpoint: { checkpointId: 'c', name: 'c', kind: 'Standard' as const, includesState: true },
      resultingState: 'Saved' as const,
    };
    expect(vmTransition(operation, 'Running')).toEqual({ outcome: 'ok', next: 'Saved', changed: true });
  });
});
