/**
 * What a simulated Hyper-V host does to a VM's power state for each operation, as a pure function
 * of the current state. Every operation is idempotent: applied to the state it leads to, it
 * changes nothing and succeeds (BullMQ delivers at least once). Operations Hyper-V itself would
 * refuse in the current state (Remove-VM on a running VM, Set-VMFirmware on a running VM) are
 * refused the same way. What an operation does to the VM's configuration is in vm-configuration.ts.
 */
import type { ClusterOperationKind, MoveOperationKind, ReplicationOperationKind, SimOperationKind } from './latency-model';

export const SIM_VM_STATES = ['Off', 'Running', 'Saved', 'Paused'] as const;
export type SimVmState = (typeof SIM_VM_STATES)[number];

/** Operations on one VM on one host (moves between hosts are in vm-moves.ts, replication in replication.ts). */
export type VmOperationKind = Exclude<
  SimOperationKind,
  'reinstall-host' | MoveOperationKind | ClusterOperationKind | ReplicationOperationKind
>;

/**
 * The parts of an operation the power state depends on. A driver-port operation fits as it is,
 * so the fleet passes the operation itself.
 */
export type VmTransitionRequest =
  | { kind: 'stop-vm'; mode: 'shutdown' | 'turn-off' }
  /** Off for a checkpoint without saved state, Saved for one that holds a running VM's memory. */
  | { kind: 'apply-checkpoint'; resultingState: 'Off' | 'Saved' }
  | { kind: Exclude<VmOperationKind, 'stop-vm' | 'apply-checkpoint'> };

export type VmTransition =
  /** `next` null: the VM no longer exists. `changed` false: the power state stays as it was. */
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
export function vmTransition(request: VmTransitionRequest, current: SimVmState | null): VmTransition {
  const { kind } = request;
  if (current === null) {
    if (kind === 'create-vm' || kind === 'delete-vm') return ok(null, kind === 'create-vm' ? 'Off' : null);
    return notFound;
  }
  switch (request.kind) {
    case 'create-vm':
      return ok(current, current);
    case 'delete-vm':
      if (current === 'Running' || current === 'Paused') return refused(kind, current, 'turn it off first');
      return ok(current, null);
    case 'start-vm':
      if (current === 'Paused') return refused(kind, current, 'resume it instead');
      return ok(current, 'Running');
    case 'stop-vm':
      if (current === 'Off') return ok(current, 'Off');
      if (request.mode === 'shutdown' && current !== 'Running') {
        return refused(kind, current, 'a guest shutdown needs a running guest; turn it off instead');
      }
      return ok(current, 'Off');
    case 'save-vm':
      if (current === 'Off') return refused(kind, current, 'only a running or paused VM can be saved');
      return ok(current, 'Saved');
    case 'pause-vm':
      if (current === 'Off' || current === 'Saved') return refused(kind, current, 'only a running VM can be paused');
      return ok(current, 'Paused');
    case 'resume-vm':
      if (current === 'Off' || current === 'Saved') return refused(kind, current, 'only a paused VM can be resumed');
      return ok(current, 'Running');
    case 'upgrade-vm-version':
      // Update-VMVersion discards a saved state, so a Saved VM ends Off.
      if (current === 'Running' || current === 'Paused') return refused(kind, current, 'turn it off or save it first');
      return ok(current, 'Off');
    case 'set-vm-firmware':
    case 'set-vm-processor':
      if (current !== 'Off') return refused(kind, current, 'turn it off first');
      return ok(current, current);
    case 'add-network-adapter':
    case 'remove-network-adapter':
    case 'set-vm-memory':
    case 'add-vm-disk':
    case 'resize-vm-disk':
      // Hot changes need a running guest to take them; a saved or paused one cannot.
      if (current === 'Saved' || current === 'Paused') return refused(kind, current, 'start it or turn it off first');
      return ok(current, current);
    case 'set-integration-service':
    case 'set-checkpoint-type':
    case 'update-integration-services':
    case 'create-checkpoint':
    case 'delete-checkpoint':
      return ok(current, current);
    case 'apply-checkpoint':
      // Applying to a running VM turns it off first; the checkpoint decides what it leaves.
      return ok(current, request.resultingState);
    default: {
      const unknown: never = request;
      throw new Error(`Unknown VM operation ${String(unknown)}`);
    }
  }
}

/** A VM holds host memory while it runs or is paused; Off and Saved VMs hold none. */
export function holdsMemory(state: SimVmState): boolean {
  return state === 'Running' || state === 'Paused';
}
