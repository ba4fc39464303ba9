import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import { vmDecider, VmState } from './vm.decider';
import { ClusterFacts, CreateVmRequest, HostFacts, MoveInitiator, VmCommand } from './vm.commands';
import { PowerState, VmEvent } from './vm.events';

/*
 * VM moves (DOMAIN.md, "Live migration"; issue 6): MigrateVm — live for running or paused VMs,
 * quick for Off or Saved ones, within one cluster — and FailOverVm, which restarts a VM of a lost
 * node elsewhere.
 */

const spec = deciderSpec(vmDecider);
const vmId = '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const clusterId = 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const now = '2026-11-26T12:00:00.000Z';
const later = '2026-11-26T12:05:00.000Z';
const requestedBy = { actor: 'alice', role: 'fabric-admin' };
const problem = { code: 'OPERATION_FAILED', detail: 'The migration was refused' };

// ---------------------------------------------------------------------------------------------
// Facts and commands
// ---------------------------------------------------------------------------------------------

/** A node of clu01: hv01 is the VM's host, hv02 the usual destination. */
const node = (n: number, overrides: Partial<HostFacts> = {}): HostFacts => ({
  hostId: `host-${n}`,
  name: `hv0${n}`,
  osVersion: 'WS2016',
  state: 'Up',
  clusterId,
  memoryMb: 65536,
  memoryUsedMb: 0,
  logicalProcessors: 16,
  cpuVendor: 'Intel',
  maximumLiveMigrations: 2,
  nodeState: 'Up',
  ...overrides,
});
const source = (overrides: Partial<HostFacts> = {}) => node(1, overrides);
const destination = (overrides: Partial<HostFacts> = {}) => node(2, overrides);

const cluster: ClusterFacts = {
  clusterId,
  name: 'clu01',
  functionalLevel: 9,
  mixedMode: false,
  nodeOsVersions: ['WS2016'],
};

const request = (overrides: Partial<CreateVmRequest> = {}): CreateVmRequest => ({
  name: 'web01',
  tenant: 'contoso',
  generation: 2,
  guestOs: { family: 'windows' },
  memory: { startupMb: 4096 },
  processorCount: 2,
  networkAdapters: [{ id: 'nic-1', name: 'Ethernet', switchName: 'External' }],
  disks: [{ id: 'disk-1', name: 'os.vhdx', sizeGb: 60 }],
  ...overrides,
});

const operator: MoveInitiator = { type: 'operator', jobId: null, attempt: null, stepIndex: null };
const drainStep: MoveInitiator = { type: 'drain', jobId: 'job-drain', attempt: 1, stepIndex: 2 };
const failoverOf: MoveInitiator = { type: 'failover', jobId: null, attempt: null, stepIndex: null };

const base = (jobId: string, host: HostFacts = source()) => ({ jobId, host, cluster, requestedBy, now });

const create = (overrides: Partial<CreateVmRequest> = {}, host: HostFacts = source()): VmCommand => ({
  type: 'CreateVm',
  vmId,
  request: request(overrides),
  ...base('job-create', host),
});
const power = (type: 'StartVm' | 'PauseVm' | 'SaveVm', jobId: string): VmCommand => ({ type, ...base(jobId) });
const migrate = (
  to: HostFacts = destination(),
  options: { from?: HostFacts; initiator?: MoveInitiator; jobId?: string } = {},
): VmCommand => ({
  type: 'MigrateVm',
  destination: to,
  initiator: options.initiator ?? operator,
  ...base(options.jobId ?? 'job-move', options.from ?? source()),
});
const failOver = (to: HostFacts = destination(), options: { from?: HostFacts; jobId?: string } = {}): VmCommand => ({
  type: 'FailOverVm',
  destination: to,
  initiator: failoverOf,
  ...base(options.jobId ?? 'job-failover', options.from ?? source({ state: 'Down', nodeState: 'Down' })),
});
const done = (jobId: string, at = now): VmCommand => ({ type: 'CompleteVmOperation', jobId, result: {}, now: at });
const failed = (jobId: string): VmCommand => ({ type: 'FailVmOperation', jobId, problem, now });
const retry = (jobId: string, to: HostFacts = destination()): VmCommand => ({
  type: 'RetryVmOperation',
  destination: to,
  ...base(jobId),
});

/** Runs commands one after another over the events they produce, like the command handler does. */
function history(commands: readonly VmCommand[], start: readonly VmEvent[] = []): VmEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...vmDecider.decide(command, fold(vmDecider, events)));
  return events;
}

const existing = (events: readonly VmEvent[]) => fold(vmDecider, events) as Exclude<VmState, { status: 'None' }>;

const created = (overrides: Partial<CreateVmRequest> = {}) => history([create(overrides), done('job-create')]);

/** A clustered WS2016 VM (version 8.0, 4 GB) on hv01 in each power state. */
const inState: Record<PowerState, (overrides?: Partial<CreateVmRequest>) => VmEvent[]> = {
  Off: (overrides) => created(overrides),
  Running: (overrides) => history([power('StartVm', 'job-on'), done('job-on')], created(overrides)),
  Paused: (overrides) => history([power('PauseVm', 'job-p'), done('job-p')], inState.Running(overrides)),
  Saved: (overrides) => history([power('SaveVm', 'job-s'), done('job-s')], inState.Running(overrides)),
};
const POWER_STATES = Object.keys(inState) as PowerState[];
const an = (state: PowerState) => `${state === 'Off' ? 'an' : 'a'} ${state}`;

interface MoveShape {
  initiator?: MoveInitiator;
  attempt?: number;
  limits?: { source: number; destination: number };
  destinationOs?: HostFacts['osVersion'];
  configVersion?: string;
}

/** The whole request to move web01 (8.0, 4 GB) from hv01 to hv02 within clu01. */
const migrationRequested = (migrationType: 'Live' | 'Quick', shape: MoveShape = {}): VmEvent => ({
  type: 'VmMigrationRequested',
  data: {
    vmId,
    job: {
      jobId: 'job-move',
      attempt: shape.attempt ?? 1,
      kind: 'migrate-vm',
      target: { type: 'vm', id: vmId },
      steps: [
        {
          name: `Move web01 from hv01 to hv02 (${migrationType.toLowerCase()} migration)`,
          powershell: `Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "web01" -Node "hv02" -MigrationType ${migrationType}`,
        },
      ],
      operation: {
        kind: 'migrate-vm',
        host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
        vm: {
          vmId,
          name: 'web01',
          generation: 2,
          configVersion: shape.configVersion ?? '8.0',
          memoryMb: 4096,
          processorCount: 2,
        },
        destination: { hostId: 'host-2', name: 'hv02', osVersion: shape.destinationOs ?? 'WS2016', memoryMb: 65536 },
        migrationType,
        cluster: { clusterId, name: 'clu01' },
        limits: shape.limits ?? { source: 2, destination: 2 },
      },
      requestedBy,
      tenant: 'contoso',
    },
    requestedAt: now,
    fromHostId: 'host-1',
    toHostId: 'host-2',
    fromClusterId: clusterId,
    toClusterId: clusterId,
    migrationType,
    initiator: shape.initiator ?? operator,
  },
});

/** The whole request to fail web01 (8.0, 4 GB) over from the lost hv01 to hv02; restarted there if it ran. */
const failoverRequested = (restart: boolean): VmEvent => ({
  type: 'VmFailoverRequested',
  data: {
    vmId,
    job: {
      jobId: 'job-failover',
      attempt: 1,
      kind: 'failover-vm',
      target: { type: 'vm', id: vmId },
      steps: [
        {
          name: 'Fail web01 over from hv01 to hv02',
          powershell: 'Move-ClusterGroup -Cluster "clu01" -Name "web01" -Node "hv02"',
        },
        ...(restart ? [{ name: 'Start web01 on hv02', powershell: 'Start-ClusterGroup -Cluster "clu01" -Name "web01"' }] : []),
      ],
      operation: {
        kind: 'failover-vm',
        host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
        vm: { vmId, name: 'web01', generation: 2, configVersion: '8.0', memoryMb: 4096, processorCount: 2 },
        destination: { hostId: 'host-2', name: 'hv02', osVersion: 'WS2016', memoryMb: 65536 },
        restart,
        cluster: { clusterId, name: 'clu01' },
      },
      requestedBy,
      tenant: 'contoso',
    },
    requestedAt: now,
    fromHostId: 'host-1',
    toHostId: 'host-2',
    toClusterId: clusterId,
    restart,
    initiator: failoverOf,
  },
});

// ---------------------------------------------------------------------------------------------
// MigrateVm
// ---------------------------------------------------------------------------------------------

describe('MigrateVm', () => {
  const expectedType: Record<PowerState, 'Live' | 'Quick'> = { Running: 'Live', Paused: 'Live', Off: 'Quick', Saved: 'Quick' };

  for (const state of POWER_STATES) {
    it(`moves ${an(state)} VM by ${expectedType[state].toLowerCase()} migration`, () => {
      spec
        .given(inState[state]())
        .when(migrate())
        .then([migrationRequested(expectedType[state])]);
    });
  }

  it('records a migrate-vm job on the VM with both hosts, the cluster and the migration type', () => {
    spec
      .given(inState.Running())
      .when(migrate())
      .then([
        {
          type: 'VmMigrationRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-move',
              attempt: 1,
              kind: 'migrate-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Move web01 from hv01 to hv02 (live migration)',
                  powershell: 'Move-ClusterVirtualMachineRole -Cluster "clu01" -Name "web01" -Node "hv02" -MigrationType Live',
                },
              ],
              operation: {
                kind: 'migrate-vm',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                vm: { vmId, name: 'web01', generation: 2, configVersion: '8.0', memoryMb: 4096, processorCount: 2 },
                destination: { hostId: 'host-2', name: 'hv02', osVersion: 'WS2016', memoryMb: 65536 },
                migrationType: 'Live',
                cluster: { clusterId, name: 'clu01' },
                limits: { source: 2, destination: 2 },
              },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            fromHostId: 'host-1',
            toHostId: 'host-2',
            fromClusterId: clusterId,
            toClusterId: clusterId,
            migrationType: 'Live',
            initiator: operator,
          },
        },
      ]);
  });

  it("carries the limits of both hosts' maximumLiveMigrations in the job's operation", () => {
    spec
      .given(inState.Running())
      .when(migrate(destination({ maximumLiveMigrations: 3 }), { from: source({ maximumLiveMigrations: 5 }) }))
      .then([migrationRequested('Live', { limits: { source: 5, destination: 3 } })]);
  });

  it('takes 2 simultaneous live migrations per host when a host does not say', () => {
    spec
      .given(inState.Running())
      .when(migrate(destination({ maximumLiveMigrations: undefined }), { from: source({ maximumLiveMigrations: undefined }) }))
      .then([migrationRequested('Live', { limits: { source: 2, destination: 2 } })]);
  });

  it('records who asked for the move (a drain step)', () => {
    spec
      .given(inState.Running())
      .when(migrate(destination(), { initiator: drainStep }))
      .then([migrationRequested('Live', { initiator: drainStep })]);
  });

  it('refuses to move a VM to its own host (MIGRATION_SAME_HOST)', () => {
    spec.given(inState.Running()).when(migrate(source())).thenThrows('MIGRATION_SAME_HOST');
  });

  describe('between clusters (shared-nothing: the role leaves one cluster for the other)', () => {
    const oldClusterId = 'a0a0a0a0-0000-4000-8000-000000002012';
    const newClusterId = 'b0b0b0b0-0000-4000-8000-000000002016';
    /** A WS2012R2 cluster (level 8) whose VM is at 5.0 on hv11. */
    const oldCluster: ClusterFacts = {
      clusterId: oldClusterId,
      name: 'clu2012',
      functionalLevel: 8,
      mixedMode: false,
      nodeOsVersions: ['WS2012R2'],
    };
    const oldNode = node(1, { hostId: 'host-11', name: 'hv11', osVersion: 'WS2012R2', clusterId: oldClusterId });
    /** A WS2016 cluster at level 9, and hv21 one of its nodes. */
    const newCluster: ClusterFacts = {
      clusterId: newClusterId,
      name: 'clu2016',
      functionalLevel: 9,
      mixedMode: false,
      nodeOsVersions: ['WS2016'],
    };
    const newNode = (overrides: Partial<HostFacts> = {}) =>
      node(1, { hostId: 'host-21', name: 'hv21', clusterId: newClusterId, maximumLiveMigrations: 4, ...overrides });
    const onOldCluster = (): VmEvent[] =>
      history([
        { type: 'CreateVm', vmId, request: request(), jobId: 'job-create', host: oldNode, cluster: oldCluster, requestedBy, now },
        done('job-create'),
        { type: 'StartVm', jobId: 'job-on', host: oldNode, cluster: oldCluster, requestedBy, now },
        done('job-on'),
      ]);
    const moveTo = (to: HostFacts, toCluster: ClusterFacts, from = oldNode, fromCluster = oldCluster): VmCommand => ({
      type: 'MigrateVm',
      destination: to,
      destinationCluster: toCluster,
      initiator: operator,
      jobId: 'job-cross',
      host: from,
      cluster: fromCluster,
      requestedBy,
      now,
    });

    /** What the decider records for a command on the VM on its old cluster. */
    const decidedOnOldCluster = (command: VmCommand) => vmDecider.decide(command, fold(vmDecider, onOldCluster()));

    it('moves a running 5.0 VM live from a WS2012R2 cluster to a node of a WS2016 cluster: Move-VM, Add-ClusterVirtualMachineRole, Remove-ClusterGroup', () => {
      const destinationNode = newNode();
      spec
        .given(onOldCluster())
        .when(moveTo(destinationNode, newCluster))
        .then([
          {
            type: 'VmMigrationRequested',
            data: {
              vmId,
              job: {
                jobId: 'job-cross',
                attempt: 1,
                kind: 'migrate-vm',
                target: { type: 'vm', id: vmId },
                steps: [
                  {
                    name: 'Move web01 and its storage from hv11 to hv21 (shared-nothing live migration)',
                    powershell:
                      'Move-VM -Name "web01" -ComputerName "hv11" -DestinationHost "hv21" -IncludeStorage ' +
                      '-DestinationStoragePath (Join-Path (Get-VMHost -ComputerName "hv21").VirtualMachinePath "web01")',
                  },
                  {
                    name: 'Make web01 a role of cluster clu2016',
                    powershell: 'Add-ClusterVirtualMachineRole -Cluster "clu2016" -VMName "web01" -Name "web01"',
                  },
                  {
                    name: 'Remove the role of web01 from cluster clu2012',
                    powershell: 'Remove-ClusterGroup -Cluster "clu2012" -Name "web01" -RemoveResources -Force',
                  },
                ],
                operation: {
                  kind: 'migrate-vm',
                  host: { hostId: 'host-11', name: 'hv11', osVersion: 'WS2012R2', memoryMb: 65536 },
                  vm: { vmId, name: 'web01', generation: 2, configVersion: '5.0', memoryMb: 4096, processorCount: 2 },
                  destination: { hostId: 'host-21', name: 'hv21', osVersion: 'WS2016', memoryMb: 65536 },
                  migrationType: 'Live',
                  cluster: null,
                  limits: { source: 2, destination: 4 },
                },
                requestedBy,
                tenant: 'contoso',
              },
              requestedAt: now,
              fromHostId: 'host-11',
              toHostId: 'host-21',
              fromClusterId: oldClusterId,
              toClusterId: newClusterId,
              migrationType: 'Live',
              initiator: operator,
            },
          },
        ]);
      // The move's outcome names both clusters: the source cluster drops the role's settings from it.
      spec
        .given(history([moveTo(destinationNode, newCluster)], onOldCluster()))
        .when(done('job-cross', later))
        .then([
          {
            type: 'VmMigrated',
            data: {
              vmId,
              jobId: 'job-cross',
              hostId: 'host-21',
              memoryMb: 4096,
              at: later,
              fromHostId: 'host-11',
              toHostId: 'host-21',
              fromClusterId: oldClusterId,
              toClusterId: newClusterId,
              migrationType: 'Live',
              initiator: operator,
            },
          },
        ]);
      const moved = existing(history([moveTo(destinationNode, newCluster), done('job-cross', later)], onOldCluster()));
      expect(moved).toMatchObject({ hostId: 'host-21', clusterId: newClusterId, power: 'Running', configVersion: '5.0' });
    });

    it('moves the VM into a WS2016 cluster still at functional level 8 (5.0 is what level 8 allows)', () => {
      const level8: ClusterFacts = { ...newCluster, functionalLevel: 8, mixedMode: true };
      // The same request as into a cluster at level 9: the level allows the VM's 5.0.
      const atLevel9 = decidedOnOldCluster(moveTo(newNode(), newCluster));
      spec.given(onOldCluster()).when(moveTo(newNode(), level8)).then(atLevel9);
    });

    it('refuses a node of the other cluster that cannot run the VM version (CONFIG_VERSION_UNSUPPORTED)', () => {
      // An 8.0 VM of the WS2016 cluster cannot go back to a WS2012R2 node.
      const onNew = inState.Running();
      spec
        .given(onNew)
        .when(moveTo(oldNode, oldCluster, source(), cluster))
        .thenThrows('CONFIG_VERSION_UNSUPPORTED');
    });

    it('refuses a cluster in mixed mode whose level allows only 5.0 for an 8.0 VM (CLUSTER_IN_MIXED_MODE)', () => {
      const mixed: ClusterFacts = { ...oldCluster, mixedMode: true, nodeOsVersions: ['WS2012R2', 'WS2016'] };
      spec
        .given(inState.Running())
        .when(moveTo(node(3, { hostId: 'host-13', name: 'hv13', clusterId: oldClusterId }), mixed, source(), cluster))
        .thenThrows('CLUSTER_IN_MIXED_MODE');
    });

    it('refuses a cluster of WS2016 nodes whose level was not raised, for an 8.0 VM (FUNCTIONAL_LEVEL_TOO_LOW)', () => {
      const notRaised: ClusterFacts = { ...newCluster, functionalLevel: 8, mixedMode: true };
      spec
        .given(inState.Running())
        .when(moveTo(newNode(), notRaised, source(), cluster))
        .thenThrows('FUNCTIONAL_LEVEL_TOO_LOW');
    });

    it('still checks the destination node: Up, memory, CPU vendor', () => {
      spec
        .given(onOldCluster())
        .when(moveTo(newNode({ nodeState: 'Paused' }), newCluster))
        .thenThrows('HOST_NOT_AVAILABLE');
      spec
        .given(onOldCluster())
        .when(moveTo(newNode({ memoryUsedMb: 63000 }), newCluster))
        .thenThrows('INSUFFICIENT_HOST_MEMORY');
      spec
        .given(onOldCluster())
        .when(moveTo(newNode({ cpuVendor: 'AMD' }), newCluster))
        .thenThrows('CPU_VENDOR_MISMATCH');
    });
  });

  it('refuses a move from a cluster to a standalone host (MIGRATION_ACROSS_CLUSTERS)', () => {
    spec
      .given(inState.Off())
      .when(migrate(destination({ clusterId: null, nodeState: null })))
      .thenThrows('MIGRATION_ACROSS_CLUSTERS');
  });

  it('moves between standalone hosts (shared nothing)', () => {
    const standalone = (n: number) => node(n, { clusterId: null, nodeState: null });
    const events = history([
      { type: 'CreateVm', vmId, request: request(), jobId: 'job-create', host: standalone(1), cluster: null, requestedBy, now },
      done('job-create'),
    ]);
    spec
      .given(events)
      .when({
        type: 'MigrateVm',
        destination: standalone(2),
        initiator: operator,
        jobId: 'job-move',
        host: standalone(1),
        cluster: null,
        requestedBy,
        now,
      })
      .then([
        {
          type: 'VmMigrationRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-move',
              attempt: 1,
              kind: 'migrate-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Move web01 and its storage from hv01 to hv02 (shared-nothing quick migration)',
                  powershell:
                    'Move-VM -Name "web01" -ComputerName "hv01" -DestinationHost "hv02" -IncludeStorage ' +
                    '-DestinationStoragePath (Join-Path (Get-VMHost -ComputerName "hv02").VirtualMachinePath "web01")',
                },
              ],
              operation: {
                kind: 'migrate-vm',
                host: { hostId: 'host-1', name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
                vm: { vmId, name: 'web01', generation: 2, configVersion: '8.0', memoryMb: 4096, processorCount: 2 },
                destination: { hostId: 'host-2', name: 'hv02', osVersion: 'WS2016', memoryMb: 65536 },
                migrationType: 'Quick',
                cluster: null,
                limits: { source: 2, destination: 2 },
              },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            fromHostId: 'host-1',
            toHostId: 'host-2',
            fromClusterId: null,
            toClusterId: null,
            migrationType: 'Quick',
            initiator: operator,
          },
        },
      ]);
  });

  for (const state of ['Down', 'Maintenance', 'Reinstalling']) {
    it(`refuses a destination host that is ${state} (HOST_NOT_AVAILABLE)`, () => {
      spec
        .given(inState.Running())
        .when(migrate(destination({ state })))
        .thenThrows('HOST_NOT_AVAILABLE');
    });
  }

  for (const nodeState of ['Paused', 'Quarantined', 'Isolated', 'Down', 'Joining', 'Evicting']) {
    it(`refuses a destination node that is ${nodeState} (HOST_NOT_AVAILABLE)`, () => {
      spec
        .given(inState.Running())
        .when(migrate(destination({ nodeState })))
        .thenThrows('HOST_NOT_AVAILABLE');
    });
  }

  it('refuses a quick move to a Paused node too (HOST_NOT_AVAILABLE)', () => {
    spec
      .given(inState.Off())
      .when(migrate(destination({ nodeState: 'Paused' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });

  it('refuses a destination that does not run the VM’s version: 8.0 to WS2012R2 (CONFIG_VERSION_UNSUPPORTED)', () => {
    for (const state of POWER_STATES) {
      spec
        .given(inState[state]())
        .when(migrate(destination({ osVersion: 'WS2012R2' })))
        .thenThrows('CONFIG_VERSION_UNSUPPORTED');
    }
  });

  it('moves a 5.0 VM to a WS2012R2 node', () => {
    spec
      .given(inState.Running({ configVersion: '5.0' }))
      .when(migrate(destination({ osVersion: 'WS2012R2' })))
      .then([migrationRequested('Live', { configVersion: '5.0', destinationOs: 'WS2012R2' })]);
  });

  it('refuses a destination with fewer logical processors (PROCESSOR_COUNT_EXCEEDS_HOST)', () => {
    spec
      .given(inState.Off({ processorCount: 8 }))
      .when(migrate(destination({ logicalProcessors: 4 })))
      .thenThrows('PROCESSOR_COUNT_EXCEEDS_HOST');
  });

  for (const state of ['Running', 'Paused', 'Saved'] as const) {
    it(`refuses to move ${an(state)} VM from Intel to AMD (CPU_VENDOR_MISMATCH)`, () => {
      spec
        .given(inState[state]())
        .when(migrate(destination({ cpuVendor: 'AMD' })))
        .thenThrows('CPU_VENDOR_MISMATCH');
    });
  }

  it('moves an Off VM from Intel to AMD', () => {
    spec
      .given(inState.Off())
      .when(migrate(destination({ cpuVendor: 'AMD' })))
      .then([migrationRequested('Quick')]);
  });

  it('refuses a live move to a destination without the memory to spare (INSUFFICIENT_HOST_MEMORY)', () => {
    spec
      .given(inState.Running())
      .when(migrate(destination({ memoryUsedMb: 65536 - 4095 })))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
    spec
      .given(inState.Paused())
      .when(migrate(destination({ memoryUsedMb: 65536 - 4095 })))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
  });

  it('accepts a live move that uses the last free megabyte', () => {
    spec
      .given(inState.Running())
      .when(migrate(destination({ memoryUsedMb: 65536 - 4096 })))
      .then([migrationRequested('Live')]);
  });

  it('moves Off and Saved VMs to a full destination (quick migration needs no memory there)', () => {
    for (const state of ['Off', 'Saved'] as const) {
      spec
        .given(inState[state]())
        .when(migrate(destination({ memoryUsedMb: 65536 })))
        .then([migrationRequested('Quick')]);
    }
  });

  it('puts the VM on the destination on completion: hostId and clusterId are the destination’s, the event says where from', () => {
    const events = history([migrate(destination())], inState.Running());
    spec
      .given(events)
      .when(done('job-move', later))
      .then([
        {
          type: 'VmMigrated',
          data: {
            vmId,
            jobId: 'job-move',
            hostId: 'host-2',
            memoryMb: 4096,
            at: later,
            fromHostId: 'host-1',
            toHostId: 'host-2',
            fromClusterId: clusterId,
            toClusterId: clusterId,
            migrationType: 'Live',
            initiator: operator,
          },
        },
      ]);
    const after = existing(history([done('job-move', later)], events));
    expect(after).toMatchObject({ hostId: 'host-2', clusterId, power: 'Running', pending: null });
  });

  it('keeps the power state through a quick move of a Saved VM', () => {
    const after = existing(history([migrate(), done('job-move')], inState.Saved()));
    expect(after).toMatchObject({ hostId: 'host-2', power: 'Saved' });
  });

  it('records a failed migration with its initiator, leaving the VM where it was', () => {
    const events = history([migrate(destination(), { initiator: drainStep })], inState.Running());
    spec
      .given(events)
      .when(failed('job-move'))
      .then([
        {
          type: 'VmMigrationFailed',
          data: { vmId, jobId: 'job-move', problem, state: null, at: now, initiator: drainStep },
        },
      ]);
    const after = existing(history([failed('job-move')], events));
    expect(after).toMatchObject({ hostId: 'host-1', power: 'Running', pending: null });
  });

  it('retries a failed migration with attempt 2, checking the rules again', () => {
    const events = history([migrate(), failed('job-move')], inState.Running());
    spec
      .given(events)
      .when(retry('job-move'))
      .then([migrationRequested('Live', { attempt: 2 })]);
    spec
      .given(events)
      .when(retry('job-move', destination({ nodeState: 'Paused' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });

  it('refuses a move while another job runs on the VM (OPERATION_PENDING)', () => {
    spec
      .given(history([migrate()], inState.Running()))
      .when(migrate(node(3), { jobId: 'job-move-2' }))
      .thenThrows('OPERATION_PENDING');
    spec
      .given(history([power('PauseVm', 'job-pausing')], inState.Running()))
      .when(migrate())
      .thenThrows('OPERATION_PENDING');
  });

  it('refuses to start another job while the VM moves (OPERATION_PENDING)', () => {
    spec
      .given(history([migrate()], inState.Running()))
      .when(power('SaveVm', 'job-save'))
      .thenThrows('OPERATION_PENDING');
  });
});

// ---------------------------------------------------------------------------------------------
// FailOverVm
// ---------------------------------------------------------------------------------------------

describe('FailOverVm', () => {
  it('restarts a Running VM on the destination: Running there after completion', () => {
    const events = inState.Running();
    spec
      .given(events)
      .when(failOver())
      .then([failoverRequested(true)]);
    spec
      .given(history([failOver()], events))
      .when(done('job-failover', later))
      .then([
        {
          type: 'VmFailedOver',
          data: {
            vmId,
            jobId: 'job-failover',
            hostId: 'host-2',
            memoryMb: 4096,
            at: later,
            fromHostId: 'host-1',
            toHostId: 'host-2',
            toClusterId: clusterId,
            restart: true,
            initiator: failoverOf,
          },
        },
      ]);
    const after = history([failOver(), done('job-failover', later)], events);
    expect(existing(after)).toMatchObject({ hostId: 'host-2', clusterId, power: 'Running' });
  });

  it('restarts a Paused VM (it ends Running)', () => {
    const after = existing(history([failOver(), done('job-failover')], inState.Paused()));
    expect(after).toMatchObject({ hostId: 'host-2', power: 'Running' });
  });

  it('keeps an Off VM Off', () => {
    const events = inState.Off();
    spec
      .given(events)
      .when(failOver())
      .then([failoverRequested(false)]);
    expect(existing(history([failOver(), done('job-failover')], events))).toMatchObject({ hostId: 'host-2', power: 'Off' });
  });

  it('does not need the lost node: its host may be Down, and vendors may differ', () => {
    spec
      .given(inState.Running())
      .when(
        failOver(destination({ cpuVendor: 'AMD' }), { from: source({ state: 'Down', nodeState: 'Down', cpuVendor: 'Intel' }) }),
      )
      .then([failoverRequested(true)]);
  });

  it('refuses the VM’s own node (MIGRATION_SAME_HOST)', () => {
    spec.given(inState.Running()).when(failOver(source())).thenThrows('MIGRATION_SAME_HOST');
  });

  for (const nodeState of ['Paused', 'Quarantined', 'Isolated', 'Down']) {
    it(`refuses a destination node that is ${nodeState} (HOST_NOT_AVAILABLE)`, () => {
      spec
        .given(inState.Running())
        .when(failOver(destination({ nodeState })))
        .thenThrows('HOST_NOT_AVAILABLE');
    });
  }

  it('refuses a destination that does not run the VM’s version (CONFIG_VERSION_UNSUPPORTED)', () => {
    spec
      .given(inState.Off())
      .when(failOver(destination({ osVersion: 'WS2012R2' })))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it('refuses to restart a VM where the memory is short (INSUFFICIENT_HOST_MEMORY), but moves an Off one', () => {
    spec
      .given(inState.Running())
      .when(failOver(destination({ memoryUsedMb: 65536 - 1024 })))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
    spec
      .given(inState.Off())
      .when(failOver(destination({ memoryUsedMb: 65536 - 1024 })))
      .then([failoverRequested(false)]);
  });

  it('records a failed failover with its initiator', () => {
    spec
      .given(history([failOver()], inState.Running()))
      .when(failed('job-failover'))
      .then([
        {
          type: 'VmFailoverFailed',
          data: { vmId, jobId: 'job-failover', problem, state: null, at: now, initiator: failoverOf },
        },
      ]);
  });

  it('refuses a failover while another job runs on the VM (OPERATION_PENDING)', () => {
    spec
      .given(history([migrate()], inState.Running()))
      .when(failOver())
      .thenThrows('OPERATION_PENDING');
  });
});
