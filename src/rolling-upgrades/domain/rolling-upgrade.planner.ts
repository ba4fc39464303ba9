/**
 * The plan of a rolling cluster OS upgrade (the dry run's answer and the checks before a start):
 * node order, the VM moves each drain will make, the capacity check, the blockers and an estimated
 * duration. Pure: the caller passes the cluster, the hosts' SLAT, the VMs, the load and a duration
 * estimator (the simulator's latency model).
 */
import { OsVersion, OS_VERSIONS, osOfFunctionalLevel, osRank, release, requiresSlat } from '../../hosts/domain/windows-server';
import { capacities, ExistingCluster, nodeState } from '../../clusters/domain/cluster.decider';
import { PlannedMove, Unplaceable } from '../../clusters/domain/cluster.events';
import { holdsMemory, planMoves, VmToPlace } from '../../clusters/domain/placement';

export type EstimatedOperation =
  | { kind: 'live-migration' | 'quick-migration'; memoryMb: number }
  | { kind: 'evict-node' | 'reinstall-host' | 'add-cluster-node' | 'resume-node' | 'raise-functional-level' };

export interface PlanRequest {
  targetOsVersion: OsVersion;
  nodeOrder?: string[];
  raiseFunctionalLevel: boolean;
}

export interface PlanInput {
  cluster: ExistingCluster;
  slatByHost: Record<string, boolean>;
  vms: VmToPlace[];
  loads: Record<string, number>;
  estimateMs: (operation: EstimatedOperation) => number;
}

export interface PlannedNode {
  hostId: string;
  name: string;
  fromOsVersion: OsVersion;
  state: string;
  runningVms: number;
  /** upgrade: the five steps; skip: it already runs the target OS. */
  action: 'upgrade' | 'skip';
  moves: PlannedMove[];
  unplaceable: Unplaceable[];
  estimatedDurationMs: number;
}

export interface UpgradePlan {
  clusterId: string;
  clusterName: string;
  targetOsVersion: OsVersion;
  functionalLevel: { current: number; afterUpgrade: number; raise: boolean };
  nodes: PlannedNode[];
  capacity: { ok: boolean; runningVmMemoryMb: number; capacityWithoutLargestNodeMb: number; detail: string };
  blockers: string[];
  /** Real-world time by the latency model, and what it comes to at the simulator's time scale. */
  estimatedRealWorldMs: number;
  estimatedDurationMs: number;
}

/** Live migrations run two at a time off the draining node (the default per-host limit). */
const PARALLEL_MIGRATIONS = 2;

export function planRollingUpgrade(input: PlanInput, request: PlanRequest, timeScale: number): UpgradePlan {
  const { cluster } = input;
  const target = request.targetOsVersion;
  const blockers: string[] = [];
  if (cluster.status !== 'Active') blockers.push(`the cluster is ${cluster.status}, not Active`);
  if (cluster.rollingUpgradeId) blockers.push(`rolling upgrade ${cluster.rollingUpgradeId} is already running on this cluster`);

  for (const node of cluster.nodes) {
    const state = nodeState(node);
    if (state !== 'Up') blockers.push(`node ${node.name} is ${state}; every node must be Up`);
    if (requiresSlat(target) && input.slatByHost[node.hostId] === false)
      blockers.push(`node ${node.name} has no SLAT, which ${target} needs`);
    const hop = osRank(target) - osRank(node.osVersion);
    if (hop > 1) {
      blockers.push(
        `node ${node.name} runs ${node.osVersion}: ${target} is ${hop} versions up; upgrade one version per hop (${OS_VERSIONS[osRank(node.osVersion) + 1]} first)`,
      );
    }
    if (hop < 0) blockers.push(`node ${node.name} already runs ${node.osVersion}, newer than ${target}`);
  }

  // Order: as asked, or the nodes with the fewest running VMs first (they drain fastest).
  const running = (hostId: string) => input.vms.filter((vm) => vm.hostId === hostId && holdsMemory(vm.power)).length;
  const byDefault = [...cluster.nodes].sort((a, b) => running(a.hostId) - running(b.hostId) || a.name.localeCompare(b.name));
  let ordered = byDefault;
  if (request.nodeOrder) {
    const unknown = request.nodeOrder.filter((id) => !cluster.nodes.some((n) => n.hostId === id));
    if (unknown.length > 0) blockers.push(`nodeOrder names hosts that are not nodes of the cluster: ${unknown.join(', ')}`);
    if (new Set(request.nodeOrder).size !== request.nodeOrder.length) blockers.push('nodeOrder names a node twice');
    const listed = [...new Set(request.nodeOrder)]
      .map((id) => cluster.nodes.find((n) => n.hostId === id))
      .filter((n) => n !== undefined);
    ordered = [...listed, ...byDefault.filter((n) => !request.nodeOrder!.includes(n.hostId))];
  }

  // Capacity: the running VMs must fit with any one node gone.
  const runningVmMemoryMb = input.vms.filter((vm) => holdsMemory(vm.power)).reduce((sum, vm) => sum + vm.memoryMb, 0);
  const total = cluster.nodes.reduce((sum, n) => sum + n.memoryMb, 0);
  const largest = Math.max(0, ...cluster.nodes.map((n) => n.memoryMb));
  const capacityOk = runningVmMemoryMb <= total - largest;
  const capacity = {
    ok: capacityOk,
    runningVmMemoryMb,
    capacityWithoutLargestNodeMb: total - largest,
    detail: capacityOk
      ? `the running VMs (${runningVmMemoryMb} MB) fit on the cluster without its largest node (${total - largest} MB)`
      : `the running VMs need ${runningVmMemoryMb} MB but the cluster without its largest node has ${total - largest} MB`,
  };
  if (!capacityOk) blockers.push(`the cluster cannot lose a node: ${capacity.detail}`);

  // The drains in order, each seeing where the earlier ones put the VMs (the upgraded node returns empty).
  const vms = input.vms.map((vm) => ({ ...vm }));
  const loads = { ...input.loads };
  const nodes: PlannedNode[] = [];
  const upgraded = new Set<string>();
  for (const node of ordered) {
    const action = node.osVersion === target ? 'skip' : 'upgrade';
    let moves: PlannedMove[] = [];
    let unplaceable: Unplaceable[] = [];
    if (action === 'upgrade') {
      const own = vms.filter((vm) => vm.hostId === node.hostId);
      // Nodes upgraded earlier in the plan run the target OS by the time this one drains.
      const others = capacities(cluster, loads)
        .filter((c) => c.hostId !== node.hostId)
        .map((c) => ({ ...c, state: 'Up' as const, osVersion: upgraded.has(c.hostId) ? target : c.osVersion }));
      ({ moves, unplaceable } = planMoves(own, others, 'evacuate', () => node.cpuVendor));
      for (const u of unplaceable) blockers.push(`${u.vmName} cannot leave node ${node.name}: ${u.reason}`);
      for (const move of moves) {
        const vm = vms.find((v) => v.vmId === move.vmId)!;
        if (holdsMemory(vm.power)) {
          loads[node.hostId] = (loads[node.hostId] ?? 0) - vm.memoryMb;
          loads[move.toHostId] = (loads[move.toHostId] ?? 0) + vm.memoryMb;
        }
        vm.hostId = move.toHostId;
      }
    }
    const migrationsMs = moves.reduce((sum, move) => {
      const vm = input.vms.find((v) => v.vmId === move.vmId)!;
      return (
        sum +
        input.estimateMs({ kind: move.migrationType === 'Live' ? 'live-migration' : 'quick-migration', memoryMb: vm.memoryMb })
      );
    }, 0);
    const estimatedDurationMs =
      action === 'skip'
        ? 0
        : Math.round(migrationsMs / PARALLEL_MIGRATIONS) +
          (['evict-node', 'reinstall-host', 'add-cluster-node', 'resume-node'] as const).reduce(
            (sum, kind) => sum + input.estimateMs({ kind }),
            0,
          );
    if (action === 'upgrade') upgraded.add(node.hostId);
    nodes.push({
      hostId: node.hostId,
      name: node.name,
      fromOsVersion: node.osVersion,
      state: nodeState(node),
      runningVms: running(node.hostId),
      action,
      moves,
      unplaceable,
      estimatedDurationMs,
    });
  }

  const levelOs = osOfFunctionalLevel(cluster.functionalLevel);
  const afterUpgrade = release(target).functionalLevel;
  if (nodes.every((n) => n.action === 'skip') && !(request.raiseFunctionalLevel && afterUpgrade > cluster.functionalLevel)) {
    blockers.push(`every node already runs ${target}; there is nothing to upgrade`);
  }
  if (levelOs && osRank(target) < osRank(levelOs))
    blockers.push(`${target} is older than the functional level's OS (${levelOs})`);
  if (levelOs && osRank(target) > osRank(levelOs) + 1) {
    blockers.push(
      `${target} is more than one version above the functional level's OS (${levelOs}): its nodes could not join; raise the level first`,
    );
  }
  const raiseMs = request.raiseFunctionalLevel ? input.estimateMs({ kind: 'raise-functional-level' }) : 0;
  const estimatedRealWorldMs = nodes.reduce((sum, n) => sum + n.estimatedDurationMs, 0) + raiseMs;
  return {
    clusterId: cluster.clusterId,
    clusterName: cluster.name,
    targetOsVersion: target,
    functionalLevel: { current: cluster.functionalLevel, afterUpgrade, raise: request.raiseFunctionalLevel },
    nodes,
    capacity,
    blockers: [...new Set(blockers)],
    estimatedRealWorldMs,
    estimatedDurationMs: Math.round(estimatedRealWorldMs * timeScale),
  };
}
