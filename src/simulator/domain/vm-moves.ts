/**
 * What a simulated host does when a VM moves to another host: a migration (live or quick) from a
 * host that answers, or a failover from a node that is lost. Pure and idempotent like the other
 * VM rules: a move whose VM is already on the destination is done and changes nothing. The
 * destination must support the VM's configuration version, as Hyper-V checks before it moves
 * anything; everything else (same cluster, capacity, CPU vendor) the fabric has checked.
 */
import { isOsVersion, supportsConfigVersion } from '../../hosts/domain/windows-server';
import type { SimVmState } from './vm-transitions';

/** The VM as the fleet has it, wherever it is. */
export interface VmWhereabouts {
  hostId: string;
  state: SimVmState;
  configVersion: string;
}

export interface MoveEnd {
  hostId: string;
  osVersion: string;
}

export type MoveDecision =
  /** The VM is on the destination already (an earlier delivery moved it): nothing to do. */
  | { outcome: 'done'; state: SimVmState }
  /** Move the VM's row to the destination, in state `next`. */
  | { outcome: 'move'; fromHostId: string; next: SimVmState }
  | { outcome: 'not-found'; reason: string }
  | { outcome: 'refused'; reason: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A migration keeps the VM's state: a running guest goes on running, a saved one stays saved. */
export function migration(current: VmWhereabouts | null, sourceHostId: string, destination: MoveEnd): MoveDecision {
  if (current === null) return { outcome: 'not-found', reason: 'the VM does not exist on any simulated host' };
  if (same(current.hostId, destination.hostId)) return { outcome: 'done', state: current.state };
  if (!same(current.hostId, sourceHostId)) {
    return { outcome: 'not-found', reason: `the VM is on simulated host ${current.hostId}, not on the source` };
  }
  const unsupported = versionUnsupported(current, destination);
  if (unsupported) return { outcome: 'refused', reason: unsupported };
  return { outcome: 'move', fromHostId: current.hostId, next: current.state };
}

/**
 * A failover registers the VM on the destination from wherever it was (its old node is lost, so
 * nothing of its running state survives): Running when restarted; otherwise Off, or Saved if it
 * had been saved (the state file lives with its other files).
 */
export function failover(current: VmWhereabouts | null, destination: MoveEnd, restart: boolean): MoveDecision {
  if (current === null) return { outcome: 'not-found', reason: 'the VM does not exist on any simulated host' };
  if (same(current.hostId, destination.hostId)) return { outcome: 'done', state: current.state };
  const unsupported = versionUnsupported(current, destination);
  if (unsupported) return { outcome: 'refused', reason: unsupported };
  const next: SimVmState = restart ? 'Running' : current.state === 'Saved' ? 'Saved' : 'Off';
  return { outcome: 'move', fromHostId: current.hostId, next };
}

function versionUnsupported(current: VmWhereabouts, destination: MoveEnd): string | null {
  const os = destination.osVersion;
  if (!isOsVersion(os) || supportsConfigVersion(os, current.configVersion)) return null;
  return `the destination runs ${os}, which does not support configuration version ${current.configVersion}`;
}
