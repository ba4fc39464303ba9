import { describe, it } from 'node:test';
import { expect } from 'expect';
import { NodeCapacity, planMoves, rateNodes, VmToPlace } from './placement';

/*
 * Placement (DOMAIN.md, clusters; issue 6): which node takes a VM. Eligible nodes are Up, run the
 * VM's configuration version, have the processors and — for a VM that holds memory — the memory;
 * live moves keep to the CPU vendor. The node with the most free memory left wins, ties by name.
 */

const node = (n: number, overrides: Partial<NodeCapacity> = {}): NodeCapacity => ({
  hostId: `host-${n}`,
  name: `hv0${n}`,
  osVersion: 'WS2016',
  cpuVendor: 'Intel',
  state: 'Up',
  memoryMb: 16384,
  memoryUsedMb: 0,
  logicalProcessors: 16,
  ...overrides,
});

const vm = (vmId: string, overrides: Partial<VmToPlace> = {}): VmToPlace => ({
  vmId,
  name: vmId,
  hostId: 'host-1',
  memoryMb: 4096,
  configVersion: '8.0',
  processorCount: 2,
  power: 'Running',
  ...overrides,
});

const intel = () => 'Intel' as const;

describe('rateNodes', () => {
  it('rates each other node by the free memory it would have left and chooses the highest', () => {
    const decision = rateNodes(vm('web01'), [
      node(1),
      node(2, { memoryUsedMb: 8192 }),
      node(3, { memoryUsedMb: 2048 }),
      node(4, { memoryUsedMb: 4096 }),
    ]);
    expect(decision.chosen).toEqual({ hostId: 'host-3', name: 'hv03', eligible: true, rating: 10240, reasons: [] });
    expect(decision.candidates.map((c) => [c.hostId, c.rating])).toEqual([
      ['host-3', 10240],
      ['host-4', 8192],
      ['host-2', 4096],
    ]);
  });

  it("leaves out the VM's own host", () => {
    const decision = rateNodes(vm('web01', { hostId: 'host-2' }), [node(1), node(2), node(3)]);
    expect(decision.candidates.map((c) => c.hostId)).toEqual(['host-1', 'host-3']);
  });

  it('rates every node for a VM that is on no host yet', () => {
    const decision = rateNodes(vm('web01', { hostId: null }), [node(1), node(2)]);
    expect(decision.candidates.map((c) => c.hostId)).toEqual(['host-1', 'host-2']);
  });

  it('breaks ties by node name, so a plan is repeatable', () => {
    const decision = rateNodes(vm('web01', { hostId: null }), [node(4), node(2), node(3)]);
    expect(decision.chosen?.hostId).toBe('host-2');
    expect(decision.candidates.map((c) => c.name)).toEqual(['hv02', 'hv03', 'hv04']);
  });

  for (const state of ['Paused', 'Isolated', 'Down', 'Quarantined', 'Joining', 'Evicting'] as const) {
    it(`never chooses a ${state} node, and says why`, () => {
      const decision = rateNodes(vm('web01'), [node(2, { state }), node(3, { memoryUsedMb: 12000 })]);
      expect(decision.chosen?.hostId).toBe('host-3');
      const rejected = decision.candidates.find((c) => c.hostId === 'host-2')!;
      expect(rejected.eligible).toBe(false);
      expect(rejected.rating).toBeNull();
      expect(rejected.reasons).toEqual([`node is ${state}`]);
    });
  }

  it("refuses a node whose OS does not run the VM's configuration version", () => {
    const decision = rateNodes(vm('web01', { configVersion: '8.0' }), [node(2, { osVersion: 'WS2012R2' })]);
    expect(decision.chosen).toBeNull();
    expect(decision.candidates[0].reasons).toEqual(['WS2012R2 does not run configuration version 8.0']);
  });

  it('accepts a 5.0 VM on a WS2012R2 node', () => {
    const decision = rateNodes(vm('web01', { configVersion: '5.0' }), [node(2, { osVersion: 'WS2012R2' })]);
    expect(decision.chosen?.hostId).toBe('host-2');
  });

  it('refuses a node with fewer logical processors than the VM has virtual ones', () => {
    const decision = rateNodes(vm('web01', { processorCount: 8 }), [node(2, { logicalProcessors: 4 })]);
    expect(decision.chosen).toBeNull();
    expect(decision.candidates[0].reasons).toEqual(['4 logical processors < 8']);
  });

  it('refuses a node without the memory of a running VM', () => {
    const decision = rateNodes(vm('web01', { memoryMb: 8192 }), [node(2, { memoryUsedMb: 10240 })]);
    expect(decision.chosen).toBeNull();
    expect(decision.candidates[0].reasons).toEqual(['6144 MB free < 8192 MB']);
  });

  it('accepts a node whose free memory is exactly what the VM needs (rating 0)', () => {
    const decision = rateNodes(vm('web01', { memoryMb: 8192 }), [node(2, { memoryUsedMb: 8192 })]);
    expect(decision.chosen).toMatchObject({ hostId: 'host-2', rating: 0 });
  });

  it('counts the memory of a paused VM, which keeps its memory', () => {
    const decision = rateNodes(vm('web01', { memoryMb: 8192, power: 'Paused' }), [node(2, { memoryUsedMb: 10240 })]);
    expect(decision.chosen).toBeNull();
  });

  for (const power of ['Off', 'Saved'] as const) {
    it(`needs no free memory for ${power === 'Off' ? 'an' : 'a'} ${power} VM (rating = free memory)`, () => {
      const decision = rateNodes(vm('web01', { memoryMb: 8192, power }), [node(2, { memoryUsedMb: 16384 })]);
      expect(decision.chosen).toMatchObject({ hostId: 'host-2', eligible: true, rating: 0 });
    });
  }

  it('keeps to the CPU vendor when asked (live migration), and says why', () => {
    const nodes = [node(2, { cpuVendor: 'AMD' }), node(3, { cpuVendor: 'Intel', memoryUsedMb: 8192 })];
    const decision = rateNodes(vm('web01'), nodes, { sameVendorAs: 'Intel' });
    expect(decision.chosen?.hostId).toBe('host-3');
    expect(decision.candidates.find((c) => c.hostId === 'host-2')!.reasons).toEqual([
      'CPU vendor AMD differs from Intel (no move of processor state across vendors)',
    ]);
  });

  it('ignores the CPU vendor when not asked', () => {
    const nodes = [node(2, { cpuVendor: 'AMD' }), node(3, { cpuVendor: 'Intel', memoryUsedMb: 8192 })];
    expect(rateNodes(vm('web01'), nodes).chosen?.hostId).toBe('host-2');
  });

  it('lists every reason a node is refused', () => {
    const decision = rateNodes(vm('web01', { memoryMb: 32768, processorCount: 32 }), [node(2, { state: 'Paused' })], {
      sameVendorAs: 'AMD',
    });
    expect(decision.candidates[0].reasons).toHaveLength(4);
  });

  it('chooses nothing when no node is eligible', () => {
    const decision = rateNodes(vm('web01'), [node(2, { state: 'Down' }), node(3, { state: 'Quarantined' })]);
    expect(decision.chosen).toBeNull();
    expect(decision.candidates).toHaveLength(2);
  });
});

describe('planMoves', () => {
  it('moves the biggest VM first and counts each placed VM against its node, never overcommitting one', () => {
    const nodes = [node(2, { memoryUsedMb: 6144 }), node(3, { memoryUsedMb: 4096 })]; // free 10240 and 12288
    const vms = [vm('vm-4g', { memoryMb: 4096 }), vm('vm-8g', { memoryMb: 8192 }), vm('vm-6g', { memoryMb: 6144 })];
    const { moves, unplaceable } = planMoves(vms, nodes, 'evacuate', intel);
    expect(unplaceable).toEqual([]);
    expect(moves).toEqual([
      { vmId: 'vm-8g', vmName: 'vm-8g', fromHostId: 'host-1', toHostId: 'host-3', toHostName: 'hv03', migrationType: 'Live' },
      { vmId: 'vm-6g', vmName: 'vm-6g', fromHostId: 'host-1', toHostId: 'host-2', toHostName: 'hv02', migrationType: 'Live' },
      // hv02 and hv03 both have 4096 MB left: the name decides.
      { vmId: 'vm-4g', vmName: 'vm-4g', fromHostId: 'host-1', toHostId: 'host-2', toHostName: 'hv02', migrationType: 'Live' },
    ]);
  });

  it('reports a VM that no longer fits once the others are placed, with each node’s reason', () => {
    const nodes = [node(2, { memoryUsedMb: 8192 })]; // 8192 free
    const vms = [vm('vm-a', { memoryMb: 6144 }), vm('vm-b', { memoryMb: 4096 })];
    const { moves, unplaceable } = planMoves(vms, nodes, 'evacuate', intel);
    expect(moves.map((m) => m.vmId)).toEqual(['vm-a']);
    expect(unplaceable).toEqual([{ vmId: 'vm-b', vmName: 'vm-b', reason: 'hv02: 2048 MB free < 4096 MB' }]);
  });

  it('says so when there is no other node at all', () => {
    const { moves, unplaceable } = planMoves([vm('vm-a')], [node(1)], 'evacuate', intel);
    expect(moves).toEqual([]);
    expect(unplaceable).toEqual([{ vmId: 'vm-a', vmName: 'vm-a', reason: 'no other node in the cluster' }]);
  });

  it('moves running and paused VMs live, Off and Saved ones quick', () => {
    const vms = [
      vm('vm-running', { power: 'Running' }),
      vm('vm-paused', { power: 'Paused' }),
      vm('vm-off', { power: 'Off' }),
      vm('vm-saved', { power: 'Saved' }),
    ];
    const { moves } = planMoves(vms, [node(2, { memoryMb: 65536 })], 'evacuate', intel);
    expect(Object.fromEntries(moves.map((m) => [m.vmId, m.migrationType]))).toEqual({
      'vm-running': 'Live',
      'vm-paused': 'Live',
      'vm-off': 'Quick',
      'vm-saved': 'Quick',
    });
  });

  it('orders VMs of the same size by id', () => {
    const vms = [vm('vm-c'), vm('vm-a'), vm('vm-b')];
    const { moves } = planMoves(vms, [node(2, { memoryMb: 65536 })], 'evacuate', intel);
    expect(moves.map((m) => m.vmId)).toEqual(['vm-a', 'vm-b', 'vm-c']);
  });

  it('counts no memory for Off VMs: they fit a full node and leave its memory to others', () => {
    const nodes = [node(2, { memoryUsedMb: 12288 })]; // 4096 free
    const vms = [
      vm('vm-off-1', { power: 'Off', memoryMb: 8192 }),
      vm('vm-off-2', { power: 'Off', memoryMb: 8192 }),
      vm('vm-run', { memoryMb: 4096 }),
    ];
    const { moves, unplaceable } = planMoves(vms, nodes, 'evacuate', intel);
    expect(unplaceable).toEqual([]);
    expect(moves.map((m) => m.vmId).sort()).toEqual(['vm-off-1', 'vm-off-2', 'vm-run']);
  });

  it('keeps live moves to the CPU vendor of the source and lets Off VMs cross', () => {
    const nodes = [node(2, { cpuVendor: 'AMD' }), node(3, { cpuVendor: 'Intel', memoryUsedMb: 8192 })];
    const vms = [vm('vm-run', { power: 'Running' }), vm('vm-paused', { power: 'Paused' }), vm('vm-off', { power: 'Off' })];
    const { moves } = planMoves(vms, nodes, 'evacuate', intel);
    expect(Object.fromEntries(moves.map((m) => [m.vmId, m.toHostId]))).toEqual({
      'vm-run': 'host-3',
      'vm-paused': 'host-3',
      'vm-off': 'host-2',
    });
  });

  it('keeps a Saved VM to the CPU vendor of the source too: its saved state holds processor state (MigrateVm refuses the crossing)', () => {
    const nodes = [node(2, { cpuVendor: 'AMD' }), node(3, { cpuVendor: 'Intel', memoryUsedMb: 8192 })];
    const { moves, unplaceable } = planMoves([vm('vm-saved', { power: 'Saved' })], nodes, 'evacuate', intel);
    expect(unplaceable).toEqual([]);
    expect(moves.map((m) => [m.vmId, m.toHostId, m.migrationType])).toEqual([['vm-saved', 'host-3', 'Quick']]);
  });

  it('cannot live-move a running VM when only the other vendor has room', () => {
    const nodes = [node(2, { cpuVendor: 'AMD' })];
    const { moves, unplaceable } = planMoves([vm('vm-run')], nodes, 'evacuate', intel);
    expect(moves).toEqual([]);
    expect(unplaceable[0].reason).toContain('CPU vendor AMD differs from Intel');
  });

  it('plans failovers as Failover moves, which restart the VM and may change vendor', () => {
    const nodes = [node(2, { cpuVendor: 'AMD' }), node(3, { cpuVendor: 'Intel', memoryUsedMb: 8192 })];
    const { moves } = planMoves([vm('vm-run')], nodes, 'failover', intel);
    expect(moves).toEqual([
      {
        vmId: 'vm-run',
        vmName: 'vm-run',
        fromHostId: 'host-1',
        toHostId: 'host-2',
        toHostName: 'hv02',
        migrationType: 'Failover',
      },
    ]);
  });

  it('treats a paused VM as needing its memory on failover (it is restarted)', () => {
    const nodes = [node(2, { memoryUsedMb: 12288 })]; // 4096 free
    const { moves, unplaceable } = planMoves([vm('vm-paused', { power: 'Paused', memoryMb: 8192 })], nodes, 'failover', intel);
    expect(moves).toEqual([]);
    expect(unplaceable).toEqual([{ vmId: 'vm-paused', vmName: 'vm-paused', reason: 'hv02: 4096 MB free < 8192 MB' }]);
  });

  it('counts a failed-over paused VM against its destination', () => {
    const nodes = [node(2, { memoryUsedMb: 8192 })]; // 8192 free
    const vms = [vm('vm-paused', { power: 'Paused', memoryMb: 6144 }), vm('vm-run', { memoryMb: 4096 })];
    const { moves, unplaceable } = planMoves(vms, nodes, 'failover', intel);
    expect(moves.map((m) => m.vmId)).toEqual(['vm-paused']);
    expect(unplaceable.map((u) => u.vmId)).toEqual(['vm-run']);
  });

  it('fails an Off VM over without memory', () => {
    const nodes = [node(2, { memoryUsedMb: 16384 })];
    const { moves } = planMoves([vm('vm-off', { power: 'Off', memoryMb: 8192 })], nodes, 'failover', intel);
    expect(moves.map((m) => [m.vmId, m.migrationType])).toEqual([['vm-off', 'Failover']]);
  });

  it('spreads VMs over the nodes as their free memory changes', () => {
    const nodes = [node(2), node(3)];
    const vms = [1, 2, 3, 4].map((i) => vm(`vm-${i}`, { memoryMb: 4096 }));
    const { moves } = planMoves(vms, nodes, 'evacuate', intel);
    expect(moves.map((m) => m.toHostId)).toEqual(['host-2', 'host-3', 'host-2', 'host-3']);
  });

  it('leaves the given node capacities untouched', () => {
    const nodes = [node(2, { memoryUsedMb: 1000 })];
    planMoves([vm('vm-a'), vm('vm-b')], nodes, 'evacuate', intel);
    expect(nodes[0].memoryUsedMb).toBe(1000);
  });
});
