/**
 * What a simulated Hyper-V host does to a VM for each operation, as a pure function of the VM's
 * current state. Every operation is idempotent: applied to the state it leads to, it changes
 * nothing and succeeds (BullMQ delivers at least once). Operations Hyper-V itself would refuse in
 * the current state (Remove-VM on a running VM) are refused the same way.
 */
import type { SimOperationKind } from './latency-model';

export const SIM_VM_STATES = ['Off', 'Running', 'Saved', 'Paused'] as const;
export type SimVmState = (typeof SIM_VM_STATES)[number];

export type VmOperationKind = Exclude<SimOperationKind, 'reinstall-host'>;

export type VmTransition =
  /** `next` null: the VM no longer exists. `changed` false: the operation was already done. */
  | { outcome: 'ok'; next: SimVmState | null; changed: boolean }
  | { outcome: 'not-found'; reason: string }
  | { outcome: 'refused'; reason: string };

const ok = (current: SimVmState | null, next: SimVmState | null): VmTransition => ({
  outcome: 'ok',
  next,
  changed: current !== next,
});

const refused = (kind: VmOperationKind, current: SimVmState, hint: string): VmTransition => ({
  outcome: 'refused',
  reason: `${kind} is not possible while the VM is ${current}; ${hint}`,
});

const notFound: VmTransition = { outcome: 'not-found', reason: 'the VM does not exist on this host' };

/** `current` is null when the host has no such VM. */
export function vmTransition(
  kind: VmOperationKind,
  current: SimVmState | null,
  stopMode: 'shutdown' | 'turn-off' = 'shutdown',
): VmTransition {
  switch (kind) {
    case 'create-vm':
      return current === null ? ok(null, 'Off') : ok(current, current);
    case 'delete-vm':
      if (current === null) return ok(null, null);
      if (current === 'Running' || current === 'Paused') return refused(kind, current, 'turn it off first');
      return ok(current, null);
    case 'start-vm':
      if (current === null) return notFound;
      if (current === 'Paused') return refused(kind, current, 'resume it instead');
      return ok(current, 'Running');
    case 'stop-vm':
      if (current === null) return notFound;
      if (current === 'Off') return ok(current, 'Off');
      if (stopMode === 'shutdown' && current !== 'Running') {
        return refused(kind, current, 'a guest shutdown needs a running guest; turn it off instead');
      }
      return ok(current, 'Off');
    case 'save-vm':
      if (current === null) return notFound;
      if (current === 'Off') return refused(kind, current, 'only a running or paused VM can be saved');
      return ok(current, 'Saved');
    case 'pause-vm':
      if (current === null) return notFound;
      if (current === 'Off' || current === 'Saved') return refused(kind, current, 'only a running VM can be paused');
      return ok(current, 'Paused');
    case 'resume-vm':
      if (current === null) return notFound;
      if (current === 'Off' || current === 'Saved') return refused(kind, current, 'only a paused VM can be resumed');
      return ok(current, 'Running');
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown VM operation ${String(unknown)}`);
    }
  }
}

/** A VM holds host memory while it runs or is paused; Off and Saved VMs hold none. */
export function holdsMemory(state: SimVmState): boolean {
  return state === 'Running' || state === 'Paused';
}
