/**
 * Placement: which node of a cluster takes a VM. Pure; the caller passes what it knows of the
 * nodes' load. Eligible nodes are Up (not paused, isolated, down or quarantined), support the VM's
 * configuration version, have the processors, and — for a VM that holds memory — the memory.
 * Among them the node with the most free memory wins (ties: the name, so a plan is repeatable).
 */
import { supportsConfigVersion, OsVersion } from '../../hosts/domain/windows-server';
import type { CpuVendor } from '../../hosts/domain/host.events';
import type { NodeState, PlannedMove, Unplaceable } from './cluster.events';

export interface NodeCapacity {
  hostId: string;
  name: string;
  osVersion: OsVersion;
  cpuVendor: CpuVendor;
  state: NodeState;
  memoryMb: number;
  memoryUsedMb: number;
  logicalProcessors: number;
}

export interface VmToPlace {
  vmId: string;
  name: string;
  hostId: string | null;
  memoryMb: number;
  configVersion: string;
  processorCount: number;
  power: 'Off' | 'Running' | 'Paused' | 'Saved';
}

export interface CandidateRating {
  hostId: string;
  name: string;
  eligible: boolean;
  /** Free memory (MB) the node would have left; higher is better. Null when not eligible. */
  rating: number | null;
  reasons: string[];
}

export interface PlacementDecision {
  chosen: CandidateRating | null;
  candidates: CandidateRating[];
}

export const holdsMemory = (power: VmToPlace['power']) => power === 'Running' || power === 'Paused';

/** Rates every node for one VM. `sameVendorAs`: live migration keeps to the VM's current CPU vendor. */
export function rateNodes(
  vm: VmToPlace,
  nodes: readonly NodeCapacity[],
  options: { sameVendorAs?: CpuVendor | null } = {},
): PlacementDecision {
  const needsMemory = holdsMemory(vm.power) ? vm.memoryMb : 0;
  const candidates = nodes
    .filter((node) => node.hostId !== vm.hostId)
    .map((node): CandidateRating => {
      const reasons: string[] = [];
      if (node.state !== 'Up') reasons.push(`node is ${node.state}`);
      if (!supportsConfigVersion(node.osVersion, vm.configVersion)) {
        reasons.push(`${node.osVersion} does not run configuration version ${vm.configVersion}`);
      }
      if (vm.processorCount > node.logicalProcessors)
        reasons.push(`${node.logicalProcessors} logical processors < ${vm.processorCount}`);
      const free = node.memoryMb - node.memoryUsedMb;
      if (needsMemory > free) reasons.push(`${free} MB free < ${needsMemory} MB`);
      if (options.sameVendorAs && node.cpuVendor !== options.sameVendorAs) {
        reasons.push(
          `CPU vendor ${node.cpuVendor} differs from ${options.sameVendorAs} (no move of processor state across vendors)`,
        );
      }
      const eligible = reasons.length === 0;
      return { hostId: node.hostId, name: node.name, eligible, rating: eligible ? free - needsMemory : null, reasons };
    })
    .sort((a, b) => (b.rating ?? -Infinity) - (a.rating ?? -Infinity) || a.name.localeCompare(b.name));
  return { chosen: candidates.find((c) => c.eligible) ?? null, candidates };
}

/**
 * Plans the moves of several VMs off one node, largest first, counting each placed VM against its
 * destination so the plan never overcommits a node.
 */
export function planMoves(
  vms: readonly VmToPlace[],
  nodes: readonly NodeCapacity[],
  kind: 'evacuate' | 'failover',
  vendorOf: (vm: VmToPlace) => CpuVendor | null,
): { moves: PlannedMove[]; unplaceable: Unplaceable[] } {
  const load = new Map(nodes.map((n) => [n.hostId, n.memoryUsedMb]));
  const moves: PlannedMove[] = [];
  const unplaceable: Unplaceable[] = [];
  const ordered = [...vms].sort((a, b) => b.memoryMb - a.memoryMb || a.vmId.localeCompare(b.vmId));
  for (const vm of ordered) {
    const live = kind === 'evacuate' && holdsMemory(vm.power);
    // Processor state travels with a running, paused or saved VM: it stays with its CPU vendor.
    const keepsVendor = kind === 'evacuate' && vm.power !== 'Off';
    // A failover restarts the VM elsewhere, so it needs memory wherever it was running.
    const asPlaced: VmToPlace = kind === 'failover' && vm.power === 'Paused' ? { ...vm, power: 'Running' } : vm;
    const current = nodes.map((n) => ({ ...n, memoryUsedMb: load.get(n.hostId)! }));
    const decision = rateNodes(asPlaced, current, { sameVendorAs: keepsVendor ? vendorOf(vm) : null });
    if (!decision.chosen) {
      const why = decision.candidates.map((c) => `${c.name}: ${c.reasons.join(', ')}`).join('; ');
      unplaceable.push({ vmId: vm.vmId, vmName: vm.name, reason: why || 'no other node in the cluster' });
      continue;
    }
    if (holdsMemory(asPlaced.power)) load.set(decision.chosen.hostId, load.get(decision.chosen.hostId)! + vm.memoryMb);
    moves.push({
      vmId: vm.vmId,
      vmName: vm.name,
      fromHostId: vm.hostId ?? '',
      toHostId: decision.chosen.hostId,
      toHostName: decision.chosen.name,
      migrationType: kind === 'failover' ? 'Failover' : live ? 'Live' : 'Quick',
    });
  }
  return { moves, unplaceable };
}
