import { describe, it } from 'node:test';
import { expect } from 'expect';
import { DomainError } from '../../platform/domain/domain-error';
import { deciderSpec } from '../../../test/support/decider-spec';
import { stepsFor } from '../../jobs/domain/powershell';
import type { HypervisorOperation } from '../../jobs/domain/hypervisor-driver.port';
import { OsVersion } from '../../hosts/domain/windows-server';
import { vmDecider } from './vm.decider';
import { ClusterFacts, CreateVmRequest, HostFacts, VmCommand } from './vm.commands';
import { Firmware, VmEvent } from './vm.events';

/*
 * Which configuration versions a VM may have, and the features that need a newer one:
 * the functional level caps versions in a cluster, every node must run a clustered VM's
 * version, a Linux Generation 2 VM below 6.2 starts with Secure Boot off, and a feature
 * the version is too old for is FEATURE_REQUIRES_NEWER_VERSION (CONFIG_VERSION_UNSUPPORTED
 * only ever means that a host cannot run the version).
 */

const spec = deciderSpec(vmDecider);
const vmId = '0b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e';
const clusterId = 'c0ffee00-1111-4222-8333-444455556666';
const now = '2026-12-06T06:00:00.000Z';
const requestedBy = { actor: 'ops', role: 'fabric-admin' };

const host = (osVersion: OsVersion, overrides: Partial<HostFacts> = {}): HostFacts => ({
  hostId: `host-${osVersion.toLowerCase()}`,
  name: `hv-${osVersion.toLowerCase()}`,
  osVersion,
  state: 'Up',
  clusterId,
  memoryMb: 65536,
  memoryUsedMb: 0,
  logicalProcessors: 16,
  nodeState: 'Up',
  ...overrides,
});

const cluster = (functionalLevel: number, nodeOsVersions: OsVersion[]): ClusterFacts => ({
  clusterId,
  name: 'CLU-A',
  functionalLevel,
  mixedMode: nodeOsVersions.some((os) => ({ WS2012R2: 8, WS2016: 9, WS2019: 10, WS2022: 11, WS2025: 12 })[os] > functionalLevel),
  nodeOsVersions,
});

const request = (overrides: Partial<CreateVmRequest> = {}): CreateVmRequest => ({
  name: 'app01',
  tenant: 'contoso',
  generation: 2,
  guestOs: { family: 'windows' },
  memory: { startupMb: 2048 },
  processorCount: 2,
  networkAdapters: [],
  disks: [],
  ...overrides,
});

const create = (on: HostFacts, facts: ClusterFacts | null, overrides: Partial<CreateVmRequest> = {}): VmCommand => ({
  type: 'CreateVm',
  vmId,
  jobId: 'job-create',
  host: on,
  cluster: facts,
  request: request(overrides),
  requestedBy,
  now,
});

/** The whole creation event of `request` on `on`, with the version and firmware the rules chose. */
function creationRequested(
  on: HostFacts,
  facts: ClusterFacts | null,
  overrides: Partial<CreateVmRequest>,
  chosen: { configVersion: string; firmware: Firmware | null; firmwareNote?: string },
): VmEvent {
  const r = request(overrides);
  const operation: HypervisorOperation = {
    kind: 'create-vm',
    host: { hostId: on.hostId, name: on.name, osVersion: on.osVersion, memoryMb: on.memoryMb },
    vm: { vmId, name: r.name, generation: r.generation, configVersion: chosen.configVersion, memoryMb: 2048, processorCount: 2 },
    configuration: {
      memory: { startupMb: 2048, dynamic: null },
      firmware: chosen.firmware,
      adapters: [],
      disks: [],
      checkpointType: 'Production',
    },
    // Created on a cluster's node, the VM becomes a role of that cluster.
    ...(facts ? { cluster: { clusterId: facts.clusterId, name: facts.name } } : {}),
  };
  return {
    type: 'VmCreationRequested',
    data: {
      vmId,
      job: {
        jobId: 'job-create',
        attempt: 1,
        kind: 'create-vm',
        target: { type: 'vm', id: vmId },
        steps: stepsFor(operation),
        operation,
        requestedBy,
        tenant: 'contoso',
      },
      requestedAt: now,
      name: r.name,
      tenant: 'contoso',
      hostId: on.hostId,
      clusterId: facts?.clusterId ?? on.clusterId,
      generation: r.generation,
      configVersion: chosen.configVersion,
      guestOs: { family: r.guestOs.family, version: r.guestOs.version ?? null },
      memory: { startupMb: 2048, dynamic: null },
      processorCount: 2,
      networkAdapters: [],
      disks: [],
      firmware: chosen.firmware,
      checkpointType: 'Production',
      ...(chosen.firmwareNote ? { firmwareNote: chosen.firmwareNote } : {}),
    },
  };
}

describe('vm versions: the functional level caps the versions of a cluster', () => {
  it('refuses an explicit 8.0 in a level-8 cluster while its nodes run WS2012R2 and WS2016 (mixed mode)', () => {
    spec
      .given([])
      .when(create(host('WS2016'), cluster(8, ['WS2012R2', 'WS2016']), { configVersion: '8.0' }))
      .thenThrows('CLUSTER_IN_MIXED_MODE');
  });

  it('refuses an explicit 8.0 in a level-8 cluster whose nodes all run WS2016, until the level is raised', () => {
    spec
      .given([])
      .when(create(host('WS2016'), cluster(8, ['WS2016']), { configVersion: '8.0' }))
      .thenThrows('FUNCTIONAL_LEVEL_TOO_LOW');
  });

  it('also refuses any version between the level and the nodes (6.2 at level 8)', () => {
    spec
      .given([])
      .when(create(host('WS2016'), cluster(8, ['WS2016']), { configVersion: '6.2' }))
      .thenThrows('FUNCTIONAL_LEVEL_TOO_LOW');
  });

  it('creates the VM at 5.0 in that cluster when no version is asked for', () => {
    const facts = cluster(8, ['WS2016']);
    spec
      .given([])
      .when(create(host('WS2016'), facts))
      .then([
        creationRequested(host('WS2016'), facts, {}, {
          configVersion: '5.0',
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
        }),
      ]);
  });

  it('accepts an explicit 8.0 once the level is 9', () => {
    const facts = cluster(9, ['WS2016']);
    spec
      .given([])
      .when(create(host('WS2016'), facts, { configVersion: '8.0' }))
      .then([
        creationRequested(host('WS2016'), facts, { configVersion: '8.0' }, {
          configVersion: '8.0',
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
        }),
      ]);
  });

  it('refuses to update the version in a level-8 cluster of WS2016 nodes with FUNCTIONAL_LEVEL_TOO_LOW', () => {
    const facts = cluster(8, ['WS2016']);
    const created = createdHistory(create(host("WS2016"), facts));
    spec
      .given(created)
      .when({ type: 'UpgradeVmVersion', jobId: 'job-up', host: host('WS2016'), cluster: facts, requestedBy, now })
      .thenThrows('FUNCTIONAL_LEVEL_TOO_LOW');
  });
});

describe('vm versions: every node of the cluster runs the version', () => {
  it('refuses 5.0 in a WS2019 cluster once a WS2022 node has joined (WS2022 runs 8.0 and later)', () => {
    spec
      .given([])
      .when(create(host('WS2019'), cluster(10, ['WS2019', 'WS2022']), { configVersion: '5.0' }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it('accepts 5.0 in the same cluster before the WS2022 node joins', () => {
    const facts = cluster(10, ['WS2019']);
    spec
      .given([])
      .when(create(host('WS2019'), facts, { configVersion: '5.0' }))
      .then([
        creationRequested(host('WS2019'), facts, { configVersion: '5.0' }, {
          configVersion: '5.0',
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
        }),
      ]);
  });

  it('creates the level default (9.0) in the mixed WS2019/WS2022 cluster: every node runs it', () => {
    const facts = cluster(10, ['WS2019', 'WS2022']);
    spec
      .given([])
      .when(create(host('WS2022'), facts))
      .then([
        creationRequested(host('WS2022'), facts, {}, {
          configVersion: '9.0',
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
        }),
      ]);
  });
});

describe('vm versions: Linux Generation 2 VMs below 6.2', () => {
  const linux = { guestOs: { family: 'linux' as const, version: 'Ubuntu 16.04' } };

  it('creates a Linux VM in a mixed-mode cluster with Secure Boot off, and says why in the event', () => {
    const facts = cluster(8, ['WS2012R2', 'WS2016']);
    spec
      .given([])
      .when(create(host('WS2016'), facts, linux))
      .then([
        creationRequested(host('WS2016'), facts, linux, {
          configVersion: '5.0',
          firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' },
          firmwareNote:
            'Secure Boot is off: configuration version 5.0 is below 6.2, the first that runs Linux Secure Boot (MicrosoftUEFICertificateAuthority)',
        }),
      ]);
  });

  it('creates a Linux VM on a standalone WS2012R2 host with Secure Boot off', () => {
    const old = host('WS2012R2', { clusterId: null, nodeState: null });
    spec
      .given([])
      .when(create(old, null, linux))
      .then([
        creationRequested(old, null, linux, {
          configVersion: '5.0',
          firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' },
          firmwareNote:
            'Secure Boot is off: configuration version 5.0 is below 6.2, the first that runs Linux Secure Boot (MicrosoftUEFICertificateAuthority)',
        }),
      ]);
  });

  it('keeps Secure Boot with the UEFI CA template for a Linux VM at 8.0, with no note', () => {
    const facts = cluster(9, ['WS2016']);
    spec
      .given([])
      .when(create(host('WS2016'), facts, linux))
      .then([
        creationRequested(host('WS2016'), facts, linux, {
          configVersion: '8.0',
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
        }),
      ]);
  });

  it('refuses an explicit UEFI CA template below 6.2 with FEATURE_REQUIRES_NEWER_VERSION', () => {
    spec
      .given([])
      .when(
        create(host('WS2016'), cluster(8, ['WS2012R2', 'WS2016']), {
          ...linux,
          firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
        }),
      )
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });
});

describe('vm versions: one code, one meaning', () => {
  it('a host that cannot run the version is CONFIG_VERSION_UNSUPPORTED', () => {
    spec
      .given([])
      .when(create(host('WS2012R2', { clusterId: null, nodeState: null }), null, { configVersion: '8.0' }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it('nested virtualization on a 5.0 VM is FEATURE_REQUIRES_NEWER_VERSION', () => {
    const standalone = host('WS2016', { clusterId: null, nodeState: null });
    const created = createdHistory(create(standalone, null, { configVersion: '5.0' }));
    spec
      .given(created)
      .when({ type: 'SetVmProcessor', exposeVirtualizationExtensions: true, jobId: 'job-cpu', host: standalone, requestedBy, now })
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });
});

/** The events of a creation and its success. */
function createdHistory(command: VmCommand): VmEvent[] {
  const requested = vmDecider.decide(command, vmDecider.initialState);
  const state = requested.reduce(vmDecider.evolve, vmDecider.initialState);
  const done = vmDecider.decide({ type: 'CompleteVmOperation', jobId: 'job-create', result: {}, now }, state);
  return [...requested, ...done];
}

describe('vm versions: nested virtualization', () => {
  const standalone = (os: OsVersion) => host(os, { clusterId: null, nodeState: null });
  const setNested = (on: HostFacts, expose: boolean): VmCommand => ({
    type: 'SetVmProcessor',
    exposeVirtualizationExtensions: expose,
    jobId: 'job-cpu',
    host: on,
    requestedBy,
    now,
  });

  it('turns it on for an Off 8.0 VM on a WS2016 host with Set-VMProcessor -ExposeVirtualizationExtensions', () => {
    const on = standalone('WS2016');
    const operation: HypervisorOperation = {
      kind: 'set-vm-processor',
      host: { hostId: on.hostId, name: on.name, osVersion: 'WS2016', memoryMb: 65536 },
      vm: { vmId, name: 'app01', generation: 2, configVersion: '8.0', memoryMb: 2048, processorCount: 2 },
      processorCount: 2,
      compatibilityForMigration: false,
      exposeVirtualizationExtensions: true,
    };
    spec
      .given(createdHistory(create(on, null)))
      .when(setNested(on, true))
      .then([
        {
          type: 'VmProcessorChangeRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-cpu',
              attempt: 1,
              kind: 'set-vm-processor',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Use 2 virtual processors, compatibility for migration off, nested virtualization on',
                  powershell:
                    'Set-VMProcessor -VMName "app01" -Count 2 -CompatibilityForMigrationEnabled $false ' +
                    '-ExposeVirtualizationExtensions $true -ComputerName "hv-ws2016"',
                },
              ],
              operation,
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            processorCount: 2,
            compatibilityForMigration: false,
            exposeVirtualizationExtensions: true,
          },
        },
      ]);
  });

  it('refuses it while the VM runs', () => {
    const on = standalone('WS2016');
    const created = createdHistory(create(on, null));
    const started = vmDecider.decide(
      { type: 'StartVm', jobId: 'job-on', host: on, requestedBy, now },
      created.reduce(vmDecider.evolve, vmDecider.initialState),
    );
    const running = [...created, ...started, { type: 'VmStarted', data: { vmId, jobId: 'job-on', hostId: on.hostId, memoryMb: 2048, at: now } } as VmEvent];
    spec.given(running).when(setNested(on, true)).thenThrows('INVALID_VM_STATE');
  });

  it('refuses it on a 5.0 VM with FEATURE_REQUIRES_NEWER_VERSION', () => {
    const on = standalone('WS2016');
    spec
      .given(createdHistory(create(on, null, { configVersion: '5.0' })))
      .when(setNested(on, true))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('refuses it on a WS2012R2 host with HOST_OS_TOO_OLD', () => {
    // A 5.0 VM on a WS2012R2 host is refused for its version first; the host rule is checked with an 8.0 VM's history.
    const on = standalone('WS2016');
    const old = standalone('WS2012R2');
    spec
      .given(createdHistory(create(on, null)))
      .when(setNested(old, true))
      .thenThrows('HOST_OS_TOO_OLD');
  });
});

describe('vm disks: resizing grows a disk, refused in mixed mode without force', () => {
  const disk = { id: 'disk-os', name: 'os', sizeGb: 60 };
  const withDisk = (on: HostFacts, facts: ClusterFacts | null) => createdHistory(create(on, facts, { disks: [disk] }));
  const resize = (on: HostFacts, facts: ClusterFacts | null, sizeGb: number, force = false): VmCommand => ({
    type: 'ResizeVmDisk',
    diskId: disk.id,
    sizeGb,
    force,
    jobId: 'job-resize',
    host: on,
    cluster: facts,
    requestedBy,
    now,
  });
  const resizeRequested = (on: HostFacts, configVersion: string, sizeGb: number, forced: boolean, warning: string | null): VmEvent => {
    const operation: HypervisorOperation = {
      kind: 'resize-vm-disk',
      host: { hostId: on.hostId, name: on.name, osVersion: on.osVersion, memoryMb: 65536 },
      vm: { vmId, name: 'app01', generation: 2, configVersion, memoryMb: 2048, processorCount: 2 },
      disk: { id: disk.id, name: disk.name, sizeGb },
    };
    return {
      type: 'VmDiskResizeRequested',
      data: {
        vmId,
        job: {
          jobId: 'job-resize',
          attempt: 1,
          kind: 'resize-vm-disk',
          target: { type: 'vm', id: vmId },
          steps: [
            {
              name: `Grow the virtual hard disk os to ${sizeGb} GB`,
              powershell: `Resize-VHD -Path (Join-Path (Get-VMHost -ComputerName "${on.name}").VirtualHardDiskPath "app01-os.vhdx") -SizeBytes ${sizeGb}GB -ComputerName "${on.name}"`,
            },
          ],
          operation,
          requestedBy,
          tenant: 'contoso',
        },
        requestedAt: now,
        diskId: disk.id,
        fromSizeGb: 60,
        toSizeGb: sizeGb,
        forced,
        warning,
      },
    };
  };

  it('grows a disk of an Off VM with Resize-VHD', () => {
    const on = host('WS2016');
    const facts = cluster(9, ['WS2016']);
    spec.given(withDisk(on, facts)).when(resize(on, facts, 100)).then([resizeRequested(on, '8.0', 100, false, null)]);
  });

  it('refuses to shrink a disk or keep its size', () => {
    const on = host('WS2016');
    const facts = cluster(9, ['WS2016']);
    spec.given(withDisk(on, facts)).when(resize(on, facts, 40)).thenThrows('DISK_CANNOT_SHRINK');
    spec.given(withDisk(on, facts)).when(resize(on, facts, 60)).thenThrows('DISK_CANNOT_SHRINK');
  });

  it('refuses a resize in a mixed-mode cluster without force, and records a warning with it', () => {
    const on = host('WS2016');
    const facts = cluster(8, ['WS2012R2', 'WS2016']);
    spec.given(withDisk(on, facts)).when(resize(on, facts, 100)).thenThrows('CLUSTER_IN_MIXED_MODE');
    spec
      .given(withDisk(on, facts))
      .when(resize(on, facts, 100, true))
      .then([
        resizeRequested(on, '5.0', 100, true, 'Disk resized with force while cluster CLU-A is in mixed mode (functional level 8)'),
      ]);
  });

  it('answers NOT_FOUND for a disk the VM does not have', () => {
    const on = host('WS2016');
    const facts = cluster(9, ['WS2016']);
    spec
      .given(withDisk(on, facts))
      .when({ ...resize(on, facts, 100), diskId: 'no-such-disk' } as VmCommand)
      .thenThrows('NOT_FOUND');
  });
});

describe('vm versions: upgrading a VM that replicates', () => {
  const primary = host('WS2016', { clusterId: null, nodeState: null });
  const upgrade = (replica: { hostId: string; name: string; osVersion: OsVersion } | null): VmCommand => ({
    type: 'UpgradeVmVersion',
    replica,
    jobId: 'job-up',
    host: primary,
    cluster: null,
    requestedBy,
    now,
  });

  it('refuses the upgrade while the VM replicates to a WS2012R2 host, naming it', () => {
    spec
      .given(createdHistory(create(primary, null, { configVersion: '5.0' })))
      .when(upgrade({ hostId: 'host-old', name: 'hv-replica-2012', osVersion: 'WS2012R2' }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
    try {
      vmDecider.decide(
        upgrade({ hostId: 'host-old', name: 'hv-replica-2012', osVersion: 'WS2012R2' }),
        createdHistory(create(primary, null, { configVersion: '5.0' })).reduce(vmDecider.evolve, vmDecider.initialState),
      );
    } catch (error) {
      expect((error as DomainError).details).toEqual({
        configVersion: '8.0',
        host: 'hv-replica-2012',
        osVersion: 'WS2012R2',
        replicaHost: 'hv-replica-2012',
      });
      expect((error as DomainError).message).toContain('remove replication first');
    }
  });

  it('upgrades a VM that replicates to a WS2016 host', () => {
    const operation: HypervisorOperation = {
      kind: 'upgrade-vm-version',
      host: { hostId: primary.hostId, name: primary.name, osVersion: 'WS2016', memoryMb: 65536 },
      vm: { vmId, name: 'app01', generation: 2, configVersion: '5.0', memoryMb: 2048, processorCount: 2 },
      targetVersion: '8.0',
    };
    spec
      .given(createdHistory(create(primary, null, { configVersion: '5.0' })))
      .when(upgrade({ hostId: 'host-new', name: 'hv-replica-2016', osVersion: 'WS2016' }))
      .then([
        {
          type: 'VmVersionUpgradeRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-up',
              attempt: 1,
              kind: 'upgrade-vm-version',
              target: { type: 'vm', id: vmId },
              steps: stepsFor(operation),
              operation,
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            fromVersion: '5.0',
            toVersion: '8.0',
            savedStateDiscarded: false,
            checkpointsMadeOffline: [],
          },
        },
      ]);
  });
});
