import { describe, it } from 'node:test';
import { expect } from 'expect';
import { fold } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import { clusterDecider, ExistingCluster } from '../../clusters/domain/cluster.decider';
import { ClusterCommand, HostCandidate } from '../../clusters/domain/cluster.commands';
import { ClusterEvent } from '../../clusters/domain/cluster.events';
import { holdsMemory, VmToPlace } from '../../clusters/domain/placement';
import { OsVersion } from '../../hosts/domain/windows-server';
import { EstimatedOperation, planRollingUpgrade, PlanRequest, UpgradePlan } from './rolling-upgrade.planner';

/*
 * The plan of a rolling cluster OS upgrade (issue 7: the dry run's answer and the checks before a
 * start; DOMAIN.md, "Rolling cluster OS upgrade"): node order, which nodes are already done, the
 * blockers, the drain moves simulated node after node, and the estimate. The cluster is folded
 * from cluster events, as the cluster decider produces them.
 */

const clusterId = 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const now = '2026-11-26T12:00:00.000Z';
const requestedBy = { actor: 'alice', role: 'fabric-admin' };
const GB = 1024;

const plus = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();
const minutes = (m: number) => plus(m * 60);

// ---------------------------------------------------------------------------------------------
// A cluster, from cluster commands
// ---------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

const candidate = (n: number, overrides: Partial<HostCandidate> = {}): HostCandidate => ({
  hostId: `host-${n}`,
  name: `hv${pad(n)}`,
  osVersion: 'WS2012R2',
  cpuVendor: 'Intel',
  memoryMb: 64 * GB,
  logicalProcessors: 16,
  maximumLiveMigrations: 2,
  slat: true,
  hostState: 'Up',
  clusterId: null,
  ...overrides,
});
const hosts = (count: number, overrides: Partial<HostCandidate> = {}) =>
  Array.from({ length: count }, (_, i) => candidate(i + 1, overrides));

type Cmd<T extends ClusterCommand['type']> = Extract<ClusterCommand, { type: T }>;
const requested = (jobId: string, at = now) => ({ jobId, requestedBy, now: at });
const create = (nodes: HostCandidate[]): Cmd<'CreateCluster'> => ({
  type: 'CreateCluster',
  clusterId,
  name: 'clu01',
  nodes,
  ...requested('job-create'),
});
const add = (node: HostCandidate, jobId: string): Cmd<'AddClusterNode'> => ({
  type: 'AddClusterNode',
  node,
  ...requested(jobId),
});
const pause = (hostId: string, jobId = `job-drain-${hostId}`): Cmd<'PauseClusterNode'> => ({
  type: 'PauseClusterNode',
  hostId,
  drain: true,
  vms: [],
  loads: {},
  ...requested(jobId),
});
const evict = (hostId: string, jobId = `job-evict-${hostId}`): Cmd<'EvictClusterNode'> => ({
  type: 'EvictClusterNode',
  hostId,
  vmCount: 0,
  ...requested(jobId),
});
const complete = (jobId: string): Cmd<'CompleteClusterOperation'> => ({ type: 'CompleteClusterOperation', jobId, now });
const crashed = (hostId: string, at = now): Cmd<'ReportNodeCrashed'> => ({
  type: 'ReportNodeCrashed',
  hostId,
  vms: [],
  loads: {},
  now: at,
});
const restored = (hostId: string, at: string): Cmd<'ReportNodeHeartbeatRestored'> => ({
  type: 'ReportNodeHeartbeatRestored',
  hostId,
  now: at,
});

/** Runs commands one after another over the events they produce, like the command handler does. */
function run(commands: readonly ClusterCommand[], start: readonly ClusterEvent[] = []): ClusterEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...clusterDecider.decide(command, fold(clusterDecider, events)));
  return events;
}
const clusterOf = (events: readonly ClusterEvent[]) => fold(clusterDecider, events) as ExistingCluster;
const activeCluster = (nodes: HostCandidate[] = hosts(4)) => run([create(nodes), complete('job-create')]);

/** hv01 and hv02 on WS2012R2 (level 8) with hv03, a WS2016 node that joined: mixed mode. */
const mixedCluster = () =>
  run(
    [add(candidate(3, { osVersion: 'WS2016' }), 'job-add-3'), complete('job-add-3')],
    activeCluster([candidate(1), candidate(2)]),
  );

/** Replaces a node by the same host reinstalled with `os` (drain, evict, add back), as an upgrade does. */
const reinstalled = (events: readonly ClusterEvent[], n: number, os: OsVersion) =>
  run(
    [
      pause(`host-${n}`),
      complete(`job-drain-host-${n}`),
      evict(`host-${n}`),
      complete(`job-evict-host-${n}`),
      add(candidate(n, { osVersion: os }), `job-readd-${n}`),
      complete(`job-readd-${n}`),
    ],
    events,
  );

/** Every node of the mixed cluster on WS2016, the level not raised: still 8 (an upgrade cancelled before the raise). */
const allWs2016AtLevel8 = () => reinstalled(reinstalled(mixedCluster(), 1, 'WS2016'), 2, 'WS2016');

// ---------------------------------------------------------------------------------------------
// VMs, the estimator and the plan
// ---------------------------------------------------------------------------------------------

const vm = (vmId: string, hostId: string, memoryMb = 4000, overrides: Partial<VmToPlace> = {}): VmToPlace => ({
  vmId,
  name: vmId,
  hostId,
  memoryMb,
  configVersion: '5.0',
  processorCount: 2,
  power: 'Running',
  ...overrides,
});

/** Memory in use per host: what the running (and paused) VMs hold. */
const loadsOf = (vms: readonly VmToPlace[]) => {
  const loads: Record<string, number> = {};
  for (const v of vms) if (v.hostId && holdsMemory(v.power)) loads[v.hostId] = (loads[v.hostId] ?? 0) + v.memoryMb;
  return loads;
};

/** Round numbers so that the arithmetic of an estimate can be checked by hand. */
const COST = {
  liveMsPerMb: 10,
  quick: 1_000,
  evict: 60_000,
  reinstall: 1_800_000,
  add: 120_000,
  resume: 6_000,
  raise: 30_000,
};
const PER_NODE = COST.evict + COST.reinstall + COST.add + COST.resume; // 1_986_000

function fakeEstimator(operation: EstimatedOperation): number {
  switch (operation.kind) {
    case 'live-migration':
      return operation.memoryMb * COST.liveMsPerMb;
    case 'quick-migration':
      return COST.quick;
    case 'evict-node':
      return COST.evict;
    case 'reinstall-host':
      return COST.reinstall;
    case 'add-cluster-node':
      return COST.add;
    case 'resume-node':
      return COST.resume;
    case 'raise-functional-level':
      return COST.raise;
  }
}

interface PlanOptions {
  vms?: VmToPlace[];
  slat?: Record<string, boolean>;
  timeScale?: number;
  loads?: Record<string, number>;
}

function plan(events: readonly ClusterEvent[], request: Partial<PlanRequest> = {}, options: PlanOptions = {}): UpgradePlan {
  const cluster = clusterOf(events);
  const vms = options.vms ?? [];
  const slatByHost = Object.fromEntries(cluster.nodes.map((n) => [n.hostId, options.slat?.[n.hostId] ?? true]));
  return planRollingUpgrade(
    { cluster, slatByHost, vms, loads: options.loads ?? loadsOf(vms), estimateMs: fakeEstimator },
    { targetOsVersion: 'WS2016', raiseFunctionalLevel: false, ...request },
    options.timeScale ?? 1,
  );
}

const order = (p: UpgradePlan) => p.nodes.map((n) => n.name);
const targets = (p: UpgradePlan, name: string) =>
  Object.fromEntries(p.nodes.find((n) => n.name === name)!.moves.map((m) => [m.vmId, m.toHostId]));

/**
 * Replays the plan's moves node after node over the starting loads, checking that no destination
 * is ever asked to hold more memory than it has; answers the final place of every VM.
 */
function replay(p: UpgradePlan, cluster: ExistingCluster, vms: readonly VmToPlace[]) {
  const memory = Object.fromEntries(cluster.nodes.map((n) => [n.hostId, n.memoryMb]));
  const loads = loadsOf(vms);
  const where = Object.fromEntries(vms.map((v) => [v.vmId, v.hostId]));
  for (const node of p.nodes) {
    for (const move of node.moves) {
      const moved = vms.find((v) => v.vmId === move.vmId)!;
      expect(where[move.vmId]).toBe(node.hostId);
      expect(move.toHostId).not.toBe(node.hostId);
      if (holdsMemory(moved.power)) {
        loads[node.hostId] -= moved.memoryMb;
        loads[move.toHostId] = (loads[move.toHostId] ?? 0) + moved.memoryMb;
        expect(loads[move.toHostId]).toBeLessThanOrEqual(memory[move.toHostId]);
      }
      where[move.vmId] = move.toHostId;
    }
    // The node is empty when its drain is done.
    expect(Object.values(where).filter((h) => h === node.hostId)).toHaveLength(0);
  }
  return where;
}

// ---------------------------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------------------------

describe('planRollingUpgrade: node order', () => {
  const vms = [
    vm('a1', 'host-1'),
    vm('a2', 'host-1'),
    vm('a3', 'host-1'),
    vm('b1', 'host-2'),
    vm('b2', 'host-2', 4000, { power: 'Off' }),
    vm('b3', 'host-2', 4000, { power: 'Saved' }),
    vm('d1', 'host-4', 4000, { power: 'Paused' }),
  ];

  it('takes the nodes with the fewest running VMs first, ties by name (Off and Saved VMs do not count)', () => {
    const p = plan(activeCluster(), {}, { vms });
    expect(p.nodes.map((n) => [n.name, n.runningVms])).toEqual([
      ['hv03', 0],
      ['hv02', 1],
      ['hv04', 1],
      ['hv01', 3],
    ]);
    expect(p.blockers).toEqual([]);
  });

  it('orders by name when no node runs anything', () => {
    expect(order(plan(activeCluster()))).toEqual(['hv01', 'hv02', 'hv03', 'hv04']);
  });

  it('honours nodeOrder, and the nodes it does not list follow in the default order', () => {
    const p = plan(activeCluster(), { nodeOrder: ['host-4', 'host-1'] }, { vms });
    expect(order(p)).toEqual(['hv04', 'hv01', 'hv03', 'hv02']);
    expect(p.blockers).toEqual([]);
  });

  it('honours a full nodeOrder as given', () => {
    const p = plan(activeCluster(), { nodeOrder: ['host-2', 'host-4', 'host-1', 'host-3'] }, { vms });
    expect(order(p)).toEqual(['hv02', 'hv04', 'hv01', 'hv03']);
  });

  it('blocks a nodeOrder that names a host that is not a node of the cluster', () => {
    const p = plan(activeCluster(), { nodeOrder: ['host-9', 'host-1'] }, { vms });
    expect(p.blockers).toEqual([expect.stringContaining('host-9')]);
    expect(p.blockers[0]).toContain('not nodes of the cluster');
  });

  it('blocks a nodeOrder that names a node twice', () => {
    const p = plan(activeCluster(), { nodeOrder: ['host-1', 'host-2', 'host-1'] }, { vms });
    expect(p.blockers).toEqual(['nodeOrder names a node twice']);
  });
});

// ---------------------------------------------------------------------------------------------
// Nodes already done
// ---------------------------------------------------------------------------------------------

describe('planRollingUpgrade: nodes at the target', () => {
  it('skips a node that already runs the target OS: no moves, no time', () => {
    const vms = [vm('a', 'host-1'), vm('c', 'host-3', 4000, { configVersion: '8.0' })];
    const p = plan(mixedCluster(), {}, { vms });
    expect(p.nodes.map((n) => [n.name, n.fromOsVersion, n.action])).toEqual([
      ['hv02', 'WS2012R2', 'upgrade'],
      ['hv01', 'WS2012R2', 'upgrade'],
      ['hv03', 'WS2016', 'skip'],
    ]);
    const hv03 = p.nodes.find((n) => n.name === 'hv03')!;
    expect(hv03).toMatchObject({ moves: [], unplaceable: [], estimatedDurationMs: 0 });
    expect(p.blockers).toEqual([]);
    expect(p.functionalLevel).toEqual({ current: 8, afterUpgrade: 9, raise: false });
  });

  it('blocks an upgrade with nothing to do: every node runs the target and no raise is asked for', () => {
    const p = plan(activeCluster(hosts(3, { osVersion: 'WS2016' })));
    expect(p.nodes.every((n) => n.action === 'skip')).toBe(true);
    expect(p.blockers).toEqual(['every node already runs WS2016; there is nothing to upgrade']);
    // Asking for a raise does not help when the level is already the target's.
    expect(plan(activeCluster(hosts(3, { osVersion: 'WS2016' })), { raiseFunctionalLevel: true }).blockers).toEqual([
      'every node already runs WS2016; there is nothing to upgrade',
    ]);
  });

  it('lets a new upgrade finish a cancelled one: every node on the target, only the raise left', () => {
    const events = allWs2016AtLevel8();
    expect(clusterOf(events).functionalLevel).toBe(8);
    const p = plan(events, { raiseFunctionalLevel: true });
    expect(p.blockers).toEqual([]);
    expect(p.nodes.every((n) => n.action === 'skip')).toBe(true);
    expect(p.functionalLevel).toEqual({ current: 8, afterUpgrade: 9, raise: true });
    expect(p.estimatedRealWorldMs).toBe(COST.raise);
    // Without the raise there is nothing to do.
    expect(plan(events).blockers).toEqual(['every node already runs WS2016; there is nothing to upgrade']);
  });
});

// ---------------------------------------------------------------------------------------------
// Blockers
// ---------------------------------------------------------------------------------------------

describe('planRollingUpgrade: blockers', () => {
  it('has none for a healthy WS2012R2 cluster going to WS2016', () => {
    const vms = [vm('a', 'host-1'), vm('b', 'host-2'), vm('c', 'host-3')];
    const p = plan(activeCluster(), {}, { vms });
    expect(p.blockers).toEqual([]);
    expect(p.capacity.ok).toBe(true);
  });

  it('blocks while a node is Paused', () => {
    const p = plan(run([pause('host-2'), complete('job-drain-host-2')], activeCluster()));
    expect(p.blockers).toEqual(['node hv02 is Paused; every node must be Up']);
    expect(p.nodes.find((n) => n.name === 'hv02')!.state).toBe('Paused');
  });

  it('blocks while a node is Down', () => {
    const p = plan(run([crashed('host-3')], activeCluster()));
    expect(p.blockers).toEqual(['node hv03 is Down; every node must be Up']);
  });

  it('blocks while a node is Quarantined', () => {
    const quarantined = run(
      [
        crashed('host-1', minutes(0)),
        restored('host-1', minutes(1)),
        crashed('host-1', minutes(10)),
        restored('host-1', minutes(11)),
        crashed('host-1', minutes(20)),
      ],
      activeCluster(),
    );
    expect(quarantined.at(-1)!.type).toBe('ClusterNodeQuarantined');
    const p = plan(quarantined);
    expect(p.blockers).toEqual(['node hv01 is Quarantined; every node must be Up']);
  });

  it('blocks a node without SLAT when the target is WS2016', () => {
    const p = plan(activeCluster(), {}, { slat: { 'host-2': false } });
    expect(p.blockers).toEqual(['node hv02 has no SLAT, which WS2016 needs']);
  });

  it('blocks a hop of two versions (WS2012R2 → WS2019), naming the version to go to first', () => {
    const p = plan(activeCluster(hosts(2)), { targetOsVersion: 'WS2019' });
    expect(p.blockers).toEqual([
      'node hv01 runs WS2012R2: WS2019 is 2 versions up; upgrade one version per hop (WS2016 first)',
      'node hv02 runs WS2012R2: WS2019 is 2 versions up; upgrade one version per hop (WS2016 first)',
      "WS2019 is more than one version above the functional level's OS (WS2012R2): its nodes could not join; raise the level first",
    ]);
  });

  it('blocks a target two versions above the functional level even when every node is one below it', () => {
    // Every node runs WS2016 but the level is still 8 (WS2012R2): a WS2019 node cannot join
    // (DOMAIN.md, mixed mode: one version up, never two), so the add step of every node would fail.
    const events = allWs2016AtLevel8();
    let refused: string | undefined;
    try {
      clusterDecider.decide(add(candidate(9, { osVersion: 'WS2019' }), 'job-x'), clusterOf(events));
    } catch (error) {
      refused = (error as DomainError).code;
    }
    expect(refused).toBe('NODE_OS_TOO_NEW');
    const p = plan(events, { targetOsVersion: 'WS2019' });
    expect(p.blockers).toContainEqual(expect.stringMatching(/functional level/i));
  });

  it('blocks a node that already runs a newer OS than the target', () => {
    const events = run(
      [add(candidate(3, { osVersion: 'WS2019' }), 'job-add-3'), complete('job-add-3')],
      activeCluster(hosts(2, { osVersion: 'WS2016' })),
    );
    const p = plan(events, { targetOsVersion: 'WS2016' });
    expect(p.blockers).toContain('node hv03 already runs WS2019, newer than WS2016');
  });

  it('blocks while a rolling upgrade already runs on the cluster', () => {
    const events = run([{ type: 'BeginRollingUpgrade', upgradeId: 'up-1', targetOsVersion: 'WS2016', now }], activeCluster());
    const p = plan(events);
    expect(p.blockers).toEqual(['rolling upgrade up-1 is already running on this cluster']);
  });

  it('blocks when the cluster cannot lose its largest node, and says by how much', () => {
    // 3 × 64 GB; without the largest node 128 GB remain; the running VMs need 132 GB.
    const vms = [vm('a', 'host-1', 44 * GB), vm('b', 'host-2', 44 * GB), vm('c', 'host-3', 44 * GB)];
    const p = plan(activeCluster(hosts(3)), {}, { vms });
    expect(p.capacity).toEqual({
      ok: false,
      runningVmMemoryMb: 132 * GB,
      capacityWithoutLargestNodeMb: 128 * GB,
      detail: `the running VMs need ${132 * GB} MB but the cluster without its largest node has ${128 * GB} MB`,
    });
    expect(p.blockers).toContain(`the cluster cannot lose a node: ${p.capacity.detail}`);
  });

  it('counts the largest node, not any node, when checking capacity', () => {
    // 32 + 32 + 128 GB: without the largest, 64 GB. 60 GB of running VMs fit; 70 GB do not.
    const nodes = [
      candidate(1, { memoryMb: 32 * GB }),
      candidate(2, { memoryMb: 32 * GB }),
      candidate(3, { memoryMb: 128 * GB }),
    ];
    const fits = plan(activeCluster(nodes), {}, { vms: [vm('a', 'host-3', 30 * GB), vm('b', 'host-3', 30 * GB)] });
    expect(fits.capacity).toMatchObject({ ok: true, runningVmMemoryMb: 60 * GB, capacityWithoutLargestNodeMb: 64 * GB });
    const tooMuch = plan(activeCluster(nodes), {}, { vms: [vm('a', 'host-3', 35 * GB), vm('b', 'host-3', 35 * GB)] });
    expect(tooMuch.capacity.ok).toBe(false);
    expect(tooMuch.blockers).toContainEqual(expect.stringContaining('the cluster cannot lose a node'));
  });

  it('ignores Off and Saved VMs in the capacity check (they hold no memory)', () => {
    const vms = [
      vm('a', 'host-1', 60 * GB, { power: 'Off' }),
      vm('b', 'host-2', 60 * GB, { power: 'Saved' }),
      vm('c', 'host-3', 60 * GB, { power: 'Off' }),
    ];
    const p = plan(activeCluster(hosts(3)), {}, { vms });
    expect(p.capacity).toMatchObject({ ok: true, runningVmMemoryMb: 0 });
  });

  it('blocks a VM that fits on no other node, and lists it with its node', () => {
    const nodes = [candidate(1, { logicalProcessors: 32 }), candidate(2), candidate(3)];
    const vms = [vm('big', 'host-1', 8 * GB, { processorCount: 24 })];
    const p = plan(activeCluster(nodes), {}, { vms });
    const hv01 = p.nodes.find((n) => n.name === 'hv01')!;
    expect(hv01.moves).toEqual([]);
    expect(hv01.unplaceable).toEqual([
      { vmId: 'big', vmName: 'big', reason: expect.stringContaining('16 logical processors < 24') },
    ]);
    expect(p.blockers).toEqual([expect.stringMatching(/^big cannot leave node hv01: /)]);
  });

  it('blocks a running VM whose node is the only one of its CPU vendor (no live migration across vendors)', () => {
    const nodes = [candidate(1, { cpuVendor: 'AMD' }), candidate(2), candidate(3)];
    const p = plan(activeCluster(nodes), {}, { vms: [vm('amd-vm', 'host-1')] });
    expect(p.blockers).toEqual([expect.stringMatching(/^amd-vm cannot leave node hv01: .*CPU vendor/)]);
  });

  it('blocks a cluster that is not Active', () => {
    const creating = run([create(hosts(2))]);
    const p = plan(creating);
    expect(p.blockers).toContain('the cluster is Creating, not Active');
  });

  it('lists every blocker, each once', () => {
    const events = run([pause('host-2'), complete('job-drain-host-2'), crashed('host-3')], activeCluster());
    const p = plan(events, { targetOsVersion: 'WS2019', nodeOrder: ['host-1', 'host-1'] }, { slat: { 'host-4': false } });
    expect(p.blockers).toEqual(
      expect.arrayContaining([
        'node hv02 is Paused; every node must be Up',
        'node hv03 is Down; every node must be Up',
        'node hv04 has no SLAT, which WS2019 needs',
        'nodeOrder names a node twice',
      ]),
    );
    expect(new Set(p.blockers).size).toBe(p.blockers.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Drain moves
// ---------------------------------------------------------------------------------------------

describe('planRollingUpgrade: drain moves', () => {
  it('moves each node’s VMs off it by live migration, Off and Saved ones by quick migration', () => {
    const vms = [
      vm('run', 'host-1', 4000),
      vm('paused', 'host-1', 4000, { power: 'Paused' }),
      vm('off', 'host-1', 4000, { power: 'Off' }),
      vm('saved', 'host-1', 4000, { power: 'Saved' }),
    ];
    const p = plan(activeCluster(hosts(3)), { nodeOrder: ['host-1'] }, { vms });
    const hv01 = p.nodes[0];
    expect(hv01.name).toBe('hv01');
    expect(Object.fromEntries(hv01.moves.map((m) => [m.vmId, m.migrationType]))).toEqual({
      run: 'Live',
      paused: 'Live',
      off: 'Quick',
      saved: 'Quick',
    });
    expect(hv01.moves.every((m) => m.fromHostId === 'host-1' && m.toHostId !== 'host-1')).toBe(true);
  });

  it('simulates the drains in order: a later node’s VMs may go to a node already upgraded', () => {
    const vms = [vm('v1', 'host-1', 4000), vm('v2', 'host-2', 4000), vm('v3', 'host-3', 4000)];
    const p = plan(activeCluster(hosts(3)), { nodeOrder: ['host-1', 'host-2', 'host-3'] }, { vms });
    // hv01's VM goes where there is most room (hv02 and hv03 tie: by name).
    expect(targets(p, 'hv01')).toEqual({ v1: 'host-2' });
    // hv02 then holds v1 and v2; hv01 is back, upgraded and empty: both go there.
    expect(targets(p, 'hv02')).toEqual({ v1: 'host-1', v2: 'host-1' });
    // hv03's VM goes to the emptiest node, hv02 (upgraded and empty by then).
    expect(targets(p, 'hv03')).toEqual({ v3: 'host-2' });
    const where = replay(p, clusterOf(activeCluster(hosts(3))), vms);
    expect(where).toEqual({ v1: 'host-1', v2: 'host-1', v3: 'host-2' });
    expect(p.blockers).toEqual([]);
  });

  it('counts what earlier drains put on a node: memory is never overcommitted', () => {
    // 3 × 32 GB. hv01 and hv02 each run a 20 GB VM; hv03 is empty.
    const nodes = hosts(3, { memoryMb: 32 * GB });
    const vms = [vm('v1', 'host-1', 20 * GB), vm('v2', 'host-2', 20 * GB)];
    const p = plan(activeCluster(nodes), {}, { vms });
    expect(order(p)).toEqual(['hv03', 'hv01', 'hv02']);
    expect(targets(p, 'hv01')).toEqual({ v1: 'host-3' });
    // hv03 took v1 (12 GB left): v2 must go to the upgraded, empty hv01.
    expect(targets(p, 'hv02')).toEqual({ v2: 'host-1' });
    replay(p, clusterOf(activeCluster(nodes)), vms);
    expect(p.blockers).toEqual([]);
  });

  it('never overcommits a node over a whole plan of many VMs', () => {
    const nodes = hosts(4, { memoryMb: 48 * GB });
    const sizes = [2, 4, 6, 8, 3, 5, 7, 1];
    const vms = Array.from({ length: 16 }, (_, i) =>
      vm(`vm-${pad(i)}`, `host-${(i % 4) + 1}`, sizes[i % sizes.length] * GB, {
        power: i % 5 === 0 ? 'Off' : i % 7 === 0 ? 'Saved' : 'Running',
      }),
    );
    const p = plan(activeCluster(nodes), {}, { vms });
    expect(p.blockers).toEqual([]);
    expect(p.nodes.every((n) => n.unplaceable.length === 0)).toBe(true);
    replay(p, clusterOf(activeCluster(nodes)), vms);
  });

  it('leaves the VMs of a skipped node where they are', () => {
    const vms = [vm('a', 'host-1'), vm('c', 'host-3', 4000, { configVersion: '8.0' })];
    const p = plan(mixedCluster(), {}, { vms });
    const moved = p.nodes.flatMap((n) => n.moves.map((m) => m.vmId));
    expect(moved).not.toContain('c');
  });

  it('does not plan a VM onto an upgraded node whose new OS cannot run its configuration version', () => {
    // WS2019 → WS2022: WS2022 runs 8.0 and later only (DOMAIN.md). A 5.0 VM on hv01 (drained last)
    // can go nowhere once hv02 and hv03 run WS2022; the plan must say so rather than place it there.
    const nodes = hosts(3, { osVersion: 'WS2019' });
    const vms = [vm('old', 'host-1', 4000, { configVersion: '5.0' })];
    const p = plan(activeCluster(nodes), { targetOsVersion: 'WS2022', nodeOrder: ['host-2', 'host-3', 'host-1'] }, { vms });
    const hv01 = p.nodes.find((n) => n.name === 'hv01')!;
    expect(hv01.moves).toEqual([]);
    expect(hv01.unplaceable.map((u) => u.vmId)).toEqual(['old']);
    expect(p.blockers).toContainEqual(expect.stringMatching(/^old cannot leave node hv01/));
  });
});

// ---------------------------------------------------------------------------------------------
// Estimate
// ---------------------------------------------------------------------------------------------

describe('planRollingUpgrade: estimate', () => {
  // hv01: a (4000 MB), b (2000 MB) running, c (8000 MB) Off; hv02 empty; hv03: d (6000 MB) running.
  const vms = [
    vm('a', 'host-1', 4000),
    vm('b', 'host-1', 2000),
    vm('c', 'host-1', 8000, { power: 'Off' }),
    vm('d', 'host-3', 6000),
  ];
  const request = { nodeOrder: ['host-1', 'host-2', 'host-3'] };

  it('adds the migrations, two at a time, and evict, reinstall, add and resume per node', () => {
    const p = plan(activeCluster(hosts(3)), request, { vms });
    // hv01: a, b and c all go to hv02 (most room: hv03 holds d).
    expect(targets(p, 'hv01')).toEqual({ a: 'host-2', b: 'host-2', c: 'host-2' });
    // hv02: the same three go on to hv01, upgraded and empty.
    expect(targets(p, 'hv02')).toEqual({ a: 'host-1', b: 'host-1', c: 'host-1' });
    // hv03: d goes to hv02, empty again.
    expect(targets(p, 'hv03')).toEqual({ d: 'host-2' });
    // a live 40 000 + b live 20 000 + c quick 1 000 = 61 000, two at a time: 30 500.
    expect(p.nodes.map((n) => n.estimatedDurationMs)).toEqual([30_500 + PER_NODE, 30_500 + PER_NODE, 30_000 + PER_NODE]);
    expect(p.estimatedRealWorldMs).toBe(91_000 + 3 * PER_NODE);
    expect(p.estimatedRealWorldMs).toBe(p.nodes.reduce((sum, n) => sum + n.estimatedDurationMs, 0));
  });

  it('adds the raise only when it is asked for', () => {
    const without = plan(activeCluster(hosts(3)), request, { vms });
    const withRaise = plan(activeCluster(hosts(3)), { ...request, raiseFunctionalLevel: true }, { vms });
    expect(withRaise.estimatedRealWorldMs - without.estimatedRealWorldMs).toBe(COST.raise);
    expect(withRaise.functionalLevel).toEqual({ current: 8, afterUpgrade: 9, raise: true });
  });

  it('scales the real-world estimate by the simulator time scale', () => {
    const p = plan(activeCluster(hosts(3)), { ...request, raiseFunctionalLevel: true }, { vms, timeScale: 0.001 });
    expect(p.estimatedRealWorldMs).toBe(91_000 + 3 * PER_NODE + COST.raise); // 6 079 000
    expect(p.estimatedDurationMs).toBe(6_079);
    expect(plan(activeCluster(hosts(3)), request, { vms, timeScale: 1 }).estimatedDurationMs).toBe(91_000 + 3 * PER_NODE);
    expect(plan(activeCluster(hosts(3)), request, { vms, timeScale: 0 }).estimatedDurationMs).toBe(0);
  });

  it('gives an empty node only its four fixed steps, and a skipped node nothing', () => {
    const p = plan(mixedCluster());
    expect(p.nodes.map((n) => [n.name, n.action, n.estimatedDurationMs])).toEqual([
      ['hv01', 'upgrade', PER_NODE],
      ['hv02', 'upgrade', PER_NODE],
      ['hv03', 'skip', 0],
    ]);
    expect(p.estimatedRealWorldMs).toBe(2 * PER_NODE);
  });

  it('asks the estimator about each move with the VM’s memory', () => {
    const asked: EstimatedOperation[] = [];
    const cluster = clusterOf(activeCluster(hosts(3)));
    planRollingUpgrade(
      {
        cluster,
        slatByHost: {},
        vms,
        loads: loadsOf(vms),
        estimateMs: (operation) => {
          asked.push(operation);
          return fakeEstimator(operation);
        },
      },
      { targetOsVersion: 'WS2016', raiseFunctionalLevel: true, ...request },
      1,
    );
    const migrations = asked.filter((o) => o.kind === 'live-migration' || o.kind === 'quick-migration');
    expect(migrations).toHaveLength(7);
    expect(migrations).toContainEqual({ kind: 'live-migration', memoryMb: 6000 });
    expect(migrations).toContainEqual({ kind: 'quick-migration', memoryMb: 8000 });
    expect(asked.filter((o) => o.kind === 'reinstall-host')).toHaveLength(3);
    expect(asked.filter((o) => o.kind === 'raise-functional-level')).toHaveLength(1);
  });
});
