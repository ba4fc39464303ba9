import type { VmState } from './vm.decider';
import { vmNotFound } from './vm.errors';

/** A VM that was created (a deleted one keeps its last state, but no longer exists for commands). */
export type ExistingVm = Exclude<VmState, { status: 'None' }>;

/** The VM, or null when its stream holds none (never created, or deleted). */
export function vmIfExists(state: VmState): ExistingVm | null {
  return state.status === 'None' || state.status === 'Deleted' ? null : state;
}

/** The VM a command or a fact is about; a VM that does not exist is a rule broken, not a crash. */
export function existingVm(state: VmState, vmId: string): ExistingVm {
  const vm = vmIfExists(state);
  if (vm === null) throw vmNotFound(vmId);
  return vm;
}
