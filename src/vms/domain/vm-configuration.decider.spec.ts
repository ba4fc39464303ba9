import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import { vmDecider, VmState } from './vm.decider';
import { ClusterFacts, CreateVmRequest, GuestResult, HostFacts, MemoryChangeRequest, VmCommand } from './vm.commands';
import {
  CheckpointType,
  Firmware,
  IntegrationService,
  INTEGRATION_SERVICES,
  MemorySettings,
  NetworkAdapter,
  PowerState,
  VirtualDisk,
  VmEvent,
} from './vm.events';
import { checkpointTree, heartbeatOf } from './vm-configuration';
import type { CheckpointRef, HypervisorOperation, VmRef } from '../../jobs/domain/hypervisor-driver.port';

/*
 * The VM configuration rules of DOMAIN.md ("Virtual machines", "Checkpoints") and issue 5:
 * configuration versions, firmware, network adapters, memory, processors, integration services,
 * disks and checkpoints, with their outcomes and retries.
 */

const spec = deciderSpec(vmDecider);
const vmId = '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const hostId = '7d3c0e57-4a52-4d7e-9a68-0f2b2a0c5a11';
const clusterId = 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const now = '2026-11-26T12:00:00.000Z';
const later = '2026-11-26T13:30:15.000Z';
const requestedBy = { actor: 'alice', role: 'tenant-admin' };
const problem = { code: 'OPERATION_FAILED', detail: 'The hypervisor refused' };

// ---------------------------------------------------------------------------------------------
// Facts and commands
// ---------------------------------------------------------------------------------------------

const host = (overrides: Partial<HostFacts> = {}): HostFacts => ({
  hostId,
  name: 'hv01',
  osVersion: 'WS2016',
  state: 'Up',
  clusterId: null,
  memoryMb: 65536,
  memoryUsedMb: 0,
  logicalProcessors: 16,
  ...overrides,
});

const cluster = (overrides: Partial<ClusterFacts> = {}): ClusterFacts => ({
  clusterId,
  name: 'clu01',
  functionalLevel: 9,
  mixedMode: false,
  nodeOsVersions: ['WS2016'],
  ...overrides,
});

/** A WS2012R2 cluster with a WS2016 node added: level 8, nodes of two OS. */
const mixedCluster = (overrides: Partial<ClusterFacts> = {}): ClusterFacts =>
  cluster({ functionalLevel: 8, mixedMode: true, nodeOsVersions: ['WS2012R2', 'WS2016'], ...overrides });

const request = (overrides: Partial<CreateVmRequest> = {}): CreateVmRequest => ({
  name: 'web01',
  tenant: 'contoso',
  generation: 2,
  guestOs: { family: 'windows' },
  memory: { startupMb: 2048 },
  processorCount: 2,
  networkAdapters: [{ id: 'nic-1', name: 'Ethernet', switchName: 'External' }],
  disks: [{ id: 'disk-1', name: 'os.vhdx', sizeGb: 60 }],
  ...overrides,
});

interface Facts {
  host?: HostFacts;
  cluster?: ClusterFacts | null;
  now?: string;
}

const base = (jobId: string, facts: Facts = {}) => ({
  jobId,
  host: facts.host ?? host(),
  cluster: facts.cluster ?? null,
  requestedBy,
  now: facts.now ?? now,
});

const create = (overrides: Partial<CreateVmRequest> = {}, facts: HostFacts = host()): VmCommand => ({
  type: 'CreateVm',
  vmId,
  request: request(overrides),
  ...base('job-create', { host: facts }),
});
const start = (jobId = 'job-on', facts: Facts = {}): VmCommand => ({ type: 'StartVm', ...base(jobId, facts) });
const save = (jobId = 'job-save'): VmCommand => ({ type: 'SaveVm', ...base(jobId) });
const pause = (jobId = 'job-pause'): VmCommand => ({ type: 'PauseVm', ...base(jobId) });
const turnOff = (jobId = 'job-off'): VmCommand => ({ type: 'StopVm', mode: 'turn-off', ...base(jobId) });
const done = (jobId: string, result: GuestResult = {}, at = now): VmCommand => ({
  type: 'CompleteVmOperation',
  jobId,
  result,
  now: at,
});
const failed = (jobId: string): VmCommand => ({ type: 'FailVmOperation', jobId, problem, now });
const retry = (jobId: string, facts: Facts = {}): VmCommand => ({ type: 'RetryVmOperation', ...base(jobId, facts) });

const upgrade = (facts: Facts = {}, jobId = 'job-upgrade'): VmCommand => ({ type: 'UpgradeVmVersion', ...base(jobId, facts) });
const setFirmware = (firmware: Firmware, jobId = 'job-firmware'): VmCommand => ({
  type: 'SetVmFirmware',
  firmware,
  ...base(jobId),
});
const adapter = (name: string, id = `nic-${name.toLowerCase()}`): NetworkAdapter => ({ id, name, switchName: 'External' });
const addAdapter = (nic: NetworkAdapter, jobId = 'job-add-nic', facts: Facts = {}): VmCommand => ({
  type: 'AddNetworkAdapter',
  adapter: nic,
  ...base(jobId, facts),
});
const removeAdapter = (adapterId: string, jobId = 'job-remove-nic', facts: Facts = {}): VmCommand => ({
  type: 'RemoveNetworkAdapter',
  adapterId,
  ...base(jobId, facts),
});
const setMemory = (memory: MemoryChangeRequest, facts: Facts = {}, jobId = 'job-memory'): VmCommand => ({
  type: 'SetVmMemory',
  memory,
  ...base(jobId, facts),
});
const setProcessor = (
  change: { processorCount?: number; compatibilityForMigration?: boolean },
  facts: Facts = {},
  jobId = 'job-cpu',
): VmCommand => ({ type: 'SetVmProcessor', ...change, ...base(jobId, facts) });
const setService = (service: IntegrationService, enabled: boolean, jobId = 'job-service'): VmCommand => ({
  type: 'SetIntegrationService',
  service,
  enabled,
  ...base(jobId),
});
const updateServices = (version: string, jobId = 'job-ic-update'): VmCommand => ({
  type: 'UpdateIntegrationServices',
  version,
  ...base(jobId),
});
const disk = (name: string, sizeGb = 100, id = `disk-${name}`): VirtualDisk => ({ id, name, sizeGb });
const addDisk = (vhd: VirtualDisk, force = false, facts: Facts = {}, jobId = 'job-disk'): VmCommand => ({
  type: 'AddVmDisk',
  disk: vhd,
  force,
  ...base(jobId, facts),
});
const checkpoint = (checkpointId: string, name?: string, facts: Facts = {}): VmCommand => ({
  type: 'CreateCheckpoint',
  checkpointId,
  ...(name === undefined ? {} : { name }),
  ...base(`job-${checkpointId}`, facts),
});
const applyCheckpoint = (checkpointId: string, jobId = `job-apply-${checkpointId}`): VmCommand => ({
  type: 'ApplyCheckpoint',
  checkpointId,
  ...base(jobId),
});
const deleteCheckpoint = (checkpointId: string, subtree = false, jobId = `job-delete-${checkpointId}`): VmCommand => ({
  type: 'DeleteCheckpoint',
  checkpointId,
  subtree,
  ...base(jobId),
});
const changeCheckpointType = (checkpointType: CheckpointType, jobId = 'job-checkpoint-type', facts: Facts = {}): VmCommand => ({
  type: 'ChangeCheckpointType',
  checkpointType,
  ...base(jobId, facts),
});

// ---------------------------------------------------------------------------------------------
// Histories
// ---------------------------------------------------------------------------------------------

/** Runs commands one after another over the events they produce, like the command handler does. */
function history(commands: readonly VmCommand[], from: readonly VmEvent[] = []): VmEvent[] {
  const events = [...from];
  for (const command of commands) events.push(...vmDecider.decide(command, fold(vmDecider, events)));
  return events;
}

const jobOf = (command: VmCommand): string => {
  if (!('jobId' in command)) throw new Error(`${command.type} has no job`);
  return command.jobId;
};

/** The command and its successful outcome, appended to a history. */
const succeed = (events: readonly VmEvent[], command: VmCommand, result: GuestResult = {}): VmEvent[] =>
  history([command, done(jobOf(command), result)], events);

/** The command and its failed outcome, appended to a history. */
const fail = (events: readonly VmEvent[], command: VmCommand): VmEvent[] => history([command, failed(jobOf(command))], events);

const created = (overrides: Partial<CreateVmRequest> = {}, facts: HostFacts = host()) =>
  history([create(overrides, facts), done('job-create')]);

/** A VM in a power state, reached through commands and their outcomes. */
function vmIn(
  power: PowerState,
  overrides: Partial<CreateVmRequest> = {},
  options: { host?: HostFacts; memoryDemandMb?: number } = {},
): VmEvent[] {
  const facts = options.host ?? host();
  const off = created(overrides, facts);
  if (power === 'Off') return off;
  const result = options.memoryDemandMb === undefined ? {} : { memoryDemandMb: options.memoryDemandMb };
  const running = succeed(off, start('job-on', { host: facts }), result);
  if (power === 'Running') return running;
  return succeed(running, power === 'Paused' ? pause() : save());
}

type Vm = Exclude<VmState, { status: 'None' }>;
const vmOf = (events: readonly VmEvent[]): Vm => {
  const state = fold(vmDecider, events);
  if (state.status === 'None') throw new Error('no VM');
  return state;
};

const POWER_STATES: readonly PowerState[] = ['Off', 'Running', 'Paused', 'Saved'];
const an = (power: PowerState) => `${power === 'Off' ? 'an' : 'a'} ${power}`;

/** The events a command causes on a history (throws the DomainError a rule raises). */
const decide = (events: readonly VmEvent[], command: VmCommand) => vmDecider.decide(command, fold(vmDecider, events));

/** The data of the single event a command causes, checked for its type. */
function onlyEvent(events: readonly VmEvent[], command: VmCommand, type: VmEvent['type']): Record<string, unknown> {
  const decided = decide(events, command);
  expect(decided.map((e) => e.type)).toEqual([type]);
  return decided[0].data as Record<string, unknown>;
}

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

const hostRef = { hostId, name: 'hv01', osVersion: 'WS2016' as const, memoryMb: 65536 };
const vmRef = (overrides: Partial<VmRef> = {}): VmRef => ({
  vmId,
  name: 'web01',
  generation: 2,
  configVersion: '8.0',
  memoryMb: 2048,
  processorCount: 2,
  ...overrides,
});

const windowsFirmware: Firmware = { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' };
const uefiCa: Firmware = { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' };
const dynamicMemory = { startupMb: 2048, dynamic: { minimumMb: 1024, maximumMb: 4096, bufferPercent: 20 } };

// ---------------------------------------------------------------------------------------------
// Whole requests: the events a command records, job and PowerShell included
// ---------------------------------------------------------------------------------------------

interface Requested {
  /** The VM as the job names it (web01 at 8.0 unless told). */
  vm?: VmRef;
  attempt?: number;
}

interface Step {
  name: string;
  powershell: string;
}

/** The job a command of web01 on hv01 asks for, for contoso: its steps and the operation of its kind. */
const vmJob = (kind: HypervisorOperation['kind'], jobId: string, steps: Step[], operation: object, options: Requested) => ({
  jobId,
  attempt: options.attempt ?? 1,
  kind,
  target: { type: 'vm', id: vmId },
  steps,
  operation: { kind, host: hostRef, vm: options.vm ?? vmRef(), ...operation },
  requestedBy,
  tenant: 'contoso',
});

/** The whole request to update web01's configuration version (5.0 to 8.0 unless told). */
const versionUpgradeRequested = (
  change: { from?: string; to?: string; savedStateDiscarded?: boolean; checkpointsMadeOffline?: string[] } = {},
  options: Requested = {},
): VmEvent => {
  const { from = '5.0', to = '8.0', savedStateDiscarded = false, checkpointsMadeOffline = [] } = change;
  const step = {
    name: `Update the configuration version to ${to}`,
    powershell: 'Update-VMVersion -Name "web01" -ComputerName "hv01" -Force',
  };
  return {
    type: 'VmVersionUpgradeRequested',
    data: {
      vmId,
      job: vmJob(
        'upgrade-vm-version',
        'job-upgrade',
        [step],
        { targetVersion: to },
        { vm: vmRef({ configVersion: from }), ...options },
      ),
      requestedAt: now,
      fromVersion: from,
      toVersion: to,
      savedStateDiscarded,
      checkpointsMadeOffline,
    },
  } as VmEvent;
};

/** The whole request to add `nic` to web01, named in the guest (-DeviceNaming On) unless told. */
const adapterAdditionRequested = (
  nic: NetworkAdapter,
  hot: boolean,
  options: Requested & { deviceNaming?: boolean } = {},
): VmEvent => {
  const step = {
    name: `Add network adapter ${nic.name} on switch ${nic.switchName}`,
    powershell: `Add-VMNetworkAdapter -VMName "web01" -Name "${nic.name}" -SwitchName "${nic.switchName}"${options.deviceNaming === false ? '' : ' -DeviceNaming On'} -ComputerName "hv01"`,
  };
  return {
    type: 'VmNetworkAdapterAdditionRequested',
    data: {
      vmId,
      job: vmJob('add-network-adapter', 'job-add-nic', [step], { adapter: nic }, options),
      requestedAt: now,
      adapter: nic,
      hot,
    },
  } as VmEvent;
};

/** The whole request to give web01 `memory`, static or dynamic; `runtime` while it runs. */
const memoryChangeRequested = (memory: MemorySettings, runtime: boolean, options: Requested = {}): VmEvent => {
  const { startupMb, dynamic } = memory;
  const step = dynamic
    ? {
        name: `Use dynamic memory: ${startupMb} MB at startup, ${dynamic.minimumMb}–${dynamic.maximumMb} MB, ${dynamic.bufferPercent} % buffer`,
        powershell: `Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $true -StartupBytes ${startupMb}MB -MinimumBytes ${dynamic.minimumMb}MB -MaximumBytes ${dynamic.maximumMb}MB -Buffer ${dynamic.bufferPercent} -ComputerName "hv01"`,
      }
    : {
        name: `Use ${startupMb} MB of static memory`,
        powershell: `Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $false -StartupBytes ${startupMb}MB -ComputerName "hv01"`,
      };
  return {
    type: 'VmMemoryChangeRequested',
    data: {
      vmId,
      job: vmJob('set-vm-memory', 'job-memory', [step], { memory }, options),
      requestedAt: now,
      memory,
      runtime,
    },
  } as VmEvent;
};

/** The whole request to set web01's processors (nested virtualization off). */
const processorChangeRequested = (processorCount: number, compatibilityForMigration: boolean): VmEvent => {
  const onOff = (value: boolean) => (value ? 'on' : 'off');
  const settings = { processorCount, compatibilityForMigration, exposeVirtualizationExtensions: false };
  const step = {
    name: `Use ${processorCount} virtual processors, compatibility for migration ${onOff(compatibilityForMigration)}, nested virtualization off`,
    powershell: `Set-VMProcessor -VMName "web01" -Count ${processorCount} -CompatibilityForMigrationEnabled $${compatibilityForMigration} -ExposeVirtualizationExtensions $false -ComputerName "hv01"`,
  };
  return {
    type: 'VmProcessorChangeRequested',
    data: { vmId, job: vmJob('set-vm-processor', 'job-cpu', [step], settings, {}), requestedAt: now, ...settings },
  } as VmEvent;
};

/** The whole request to record integration services `version`, delivered through the guest's update channel. */
const servicesUpdateRequested = (version: string, previousVersion: string | null, jobId = 'job-ic-update'): VmEvent => {
  const step = {
    name: `Record integration services ${version} from the guest update channel`,
    powershell:
      `# Integration services ${version} delivered through the guest update channel (Windows Update inside the guest); the host reports them:\n` +
      'Get-VMIntegrationService -VMName "web01" -ComputerName "hv01"',
  };
  return {
    type: 'VmIntegrationServicesUpdateRequested',
    data: {
      vmId,
      job: vmJob('update-integration-services', jobId, [step], { version }, {}),
      requestedAt: now,
      version,
      previousVersion,
    },
  } as VmEvent;
};

/** The whole request to add data.vhdx (100 GB) to web01 on hv01. */
const diskAdditionRequested = (forced: boolean, warning: string | null, attempt = 1): VmEvent =>
  ({
    type: 'VmDiskAdditionRequested',
    data: {
      vmId,
      job: vmJob(
        'add-vm-disk',
        'job-disk',
        [
          {
            name: 'Create the 100 GB virtual hard disk data.vhdx',
            powershell:
              'New-VHD -Path (Join-Path (Get-VMHost -ComputerName "hv01").VirtualHardDiskPath "web01-data.vhdx") ' +
              '-SizeBytes 100GB -Dynamic -ComputerName "hv01"',
          },
          {
            name: 'Attach the virtual hard disk data.vhdx',
            powershell:
              'Add-VMHardDiskDrive -VMName "web01" ' +
              '-Path (Join-Path (Get-VMHost -ComputerName "hv01").VirtualHardDiskPath "web01-data.vhdx") -ComputerName "hv01"',
          },
        ],
        { disk: disk('data.vhdx') },
        { attempt },
      ),
      requestedAt: now,
      disk: disk('data.vhdx'),
      forced,
      warning,
    },
  }) as VmEvent;
const MIXED_MODE_DISK_WARNING = 'Disk created with force while cluster clu01 is in mixed mode (functional level 8)';

/** How the steps below find a checkpoint of web01 unless told: by its name. */
const byName = (checkpoint: CheckpointRef) =>
  `Get-VMCheckpoint -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "${checkpoint.name}"`;

/** The whole request to apply `checkpoint` to web01, which ends `resultingState` with the fixtures' hardware. */
const checkpointApplyRequested = (
  checkpoint: CheckpointRef,
  resultingState: 'Off' | 'Saved',
  options: Requested & { select?: string } = {},
): VmEvent => {
  const step = {
    name: `Apply checkpoint ${checkpoint.name} (the VM ends ${resultingState})`,
    powershell: `${options.select ?? byName(checkpoint)} | Restore-VMCheckpoint -Confirm:$false`,
  };
  return {
    type: 'VmCheckpointApplyRequested',
    data: {
      vmId,
      job: vmJob('apply-checkpoint', `job-apply-${checkpoint.checkpointId}`, [step], { checkpoint, resultingState }, options),
      requestedAt: now,
      checkpointId: checkpoint.checkpointId,
      resultingState,
      hardware: FIXTURE_HARDWARE,
    },
  } as VmEvent;
};

/** The whole request to delete `checkpoint` alone (merged into its parent), and what that does to the tree. */
const checkpointDeletionRequested = (
  checkpoint: CheckpointRef,
  tree: { removedIds: string[]; reparented: Array<{ id: string; parentId: string | null }>; currentCheckpointId: string | null },
  options: Requested & { select?: string } = {},
): VmEvent => {
  const step = {
    name: `Delete checkpoint ${checkpoint.name}, merging it into its parent`,
    powershell: `${options.select ?? byName(checkpoint)} | Remove-VMCheckpoint`,
  };
  return {
    type: 'VmCheckpointDeletionRequested',
    data: {
      vmId,
      job: vmJob('delete-checkpoint', `job-delete-${checkpoint.checkpointId}`, [step], { checkpoint, subtree: false }, options),
      requestedAt: now,
      checkpointId: checkpoint.checkpointId,
      subtree: false,
      ...tree,
    },
  } as VmEvent;
};

// ---------------------------------------------------------------------------------------------
// Configuration versions
// ---------------------------------------------------------------------------------------------

describe('vm configuration: updating the configuration version', () => {
  it('asks to update an Off 5.0 VM on a WS2016 host to the host default 8.0 with an Update-VMVersion job', () => {
    spec
      .given(vmIn('Off', { configVersion: '5.0' }))
      .when(upgrade())
      .then([versionUpgradeRequested()]);
  });

  it('records the new version when the update succeeds, and the VM stays Off', () => {
    const events = history([upgrade()], vmIn('Off', { configVersion: '5.0' }));
    spec
      .given(events)
      .when(done('job-upgrade'))
      .then([
        {
          type: 'VmVersionUpgraded',
          data: {
            vmId,
            jobId: 'job-upgrade',
            hostId,
            memoryMb: 2048,
            at: now,
            fromVersion: '5.0',
            toVersion: '8.0',
            savedStateDiscarded: false,
            checkpointsMadeOffline: [],
          },
        },
      ]);
    const after = succeed(vmIn('Off', { configVersion: '5.0' }), upgrade());
    expect(vmOf(after).configVersion).toBe('8.0');
    expect(vmOf(after).power).toBe('Off');
    expect(vmOf(after).pending).toBeNull();
  });

  it('updates a Saved VM, discarding its saved state, and the VM ends Off', () => {
    const saved = vmIn('Saved', { configVersion: '5.0' });
    spec
      .given(saved)
      .when(upgrade())
      .then([versionUpgradeRequested({ savedStateDiscarded: true })]);
    const after = succeed(saved, upgrade());
    expect(vmOf(after).power).toBe('Off');
    expect(vmOf(after).configVersion).toBe('8.0');
    expect(vmOf(after).memoryDemandMb).toBeNull();
    // Off now: a start is a cold boot from Off, and a save is refused.
    expect(codeOf(() => decide(after, save('job-save-2')))).toBe('INVALID_VM_STATE');
    expect(decide(after, start('job-on-2')).map((e) => e.type)).toEqual(['VmStartRequested']);
  });

  for (const power of ['Running', 'Paused'] as const) {
    it(`refuses to update ${an(power)} VM`, () => {
      spec
        .given(vmIn(power, { configVersion: '5.0' }))
        .when(upgrade())
        .thenThrows('INVALID_VM_STATE');
    });
  }

  it('refuses an update while another operation of the VM is pending', () => {
    spec
      .given(history([start()], vmIn('Off', { configVersion: '5.0' })))
      .when(upgrade())
      .thenThrows('OPERATION_PENDING');
  });

  it('refuses an update in a cluster in mixed mode', () => {
    spec
      .given(vmIn('Off', { configVersion: '5.0' }))
      .when(upgrade({ host: host({ clusterId }), cluster: mixedCluster() }))
      .thenThrows('CLUSTER_IN_MIXED_MODE');
  });

  it('refuses an update in mixed mode even from Saved', () => {
    spec
      .given(vmIn('Saved', { configVersion: '5.0' }))
      .when(upgrade({ cluster: mixedCluster() }))
      .thenThrows('CLUSTER_IN_MIXED_MODE');
  });

  it('moves to the cluster level default inside a cluster (level 9: 8.0)', () => {
    spec
      .given(vmIn('Off', { configVersion: '5.0' }))
      .when(upgrade({ host: host({ clusterId }), cluster: cluster({ functionalLevel: 9 }) }))
      .then([versionUpgradeRequested()]);
  });

  it('has nothing to update in a cluster at functional level 8 that is not in mixed mode (target 5.0)', () => {
    spec
      .given(vmIn('Off', { configVersion: '5.0' }))
      .when(upgrade({ host: host({ clusterId }), cluster: cluster({ functionalLevel: 8, mixedMode: false }) }))
      .then([
        {
          type: 'VmVersionUpgradeNotNeeded',
          data: {
            vmId,
            configVersion: '5.0',
            warning:
              'The virtual machine is already at configuration version 5.0, the highest its placement supports; nothing was changed',
            at: now,
          },
        },
      ]);
  });

  it('answers a warning and no job when the VM is already at the maximum', () => {
    const off = vmIn('Off');
    spec
      .given(off)
      .when(upgrade())
      .then([
        {
          type: 'VmVersionUpgradeNotNeeded',
          data: {
            vmId,
            configVersion: '8.0',
            warning:
              'The virtual machine is already at configuration version 8.0, the highest its placement supports; nothing was changed',
            at: now,
          },
        },
      ]);
    // Nothing is pending afterwards and nothing changed.
    const after = history([upgrade()], off);
    expect(vmOf(after).pending).toBeNull();
    expect(vmOf(after).configVersion).toBe('8.0');
    expect(decide(after, start()).map((e) => e.type)).toEqual(['VmStartRequested']);
  });

  it('answers the warning for a 5.0 VM on a WS2012R2 host (5.0 is its maximum)', () => {
    const old = host({ osVersion: 'WS2012R2' });
    spec
      .given(vmIn('Off', {}, { host: old }))
      .when(upgrade({ host: old }))
      .then([
        {
          type: 'VmVersionUpgradeNotNeeded',
          data: {
            vmId,
            configVersion: '5.0',
            warning:
              'The virtual machine is already at configuration version 5.0, the highest its placement supports; nothing was changed',
            at: now,
          },
        },
      ]);
  });

  it('is one-way: a second update after the first one has nothing to do', () => {
    const after = succeed(vmIn('Off', { configVersion: '5.0' }), upgrade());
    spec
      .given(after)
      .when(upgrade({}, 'job-upgrade-2'))
      .then([
        {
          type: 'VmVersionUpgradeNotNeeded',
          data: {
            vmId,
            configVersion: '8.0',
            warning:
              'The virtual machine is already at configuration version 8.0, the highest its placement supports; nothing was changed',
            at: now,
          },
        },
      ]);
  });

  describe('checkpoints with saved state', () => {
    /** A 5.0 VM with a Standard checkpoint taken Off ("cold") and one taken while running ("hot"). */
    const withCheckpoints = () => {
      let events = vmIn('Off', { configVersion: '5.0', checkpointType: 'Standard' });
      events = succeed(events, checkpoint('cold'));
      events = succeed(events, start('job-on'));
      events = succeed(events, checkpoint('hot'));
      return succeed(events, turnOff());
    };

    it('makes online checkpoints offline and says which ones', () => {
      const events = withCheckpoints();
      expect(vmOf(events).checkpoints.map((c) => [c.id, c.includesState])).toEqual([
        ['cold', false],
        ['hot', true],
      ]);
      const data = onlyEvent(events, upgrade(), 'VmVersionUpgradeRequested');
      expect(data).toMatchObject({ toVersion: '8.0', checkpointsMadeOffline: ['hot'] });
    });

    it('keeps every checkpoint, all without saved state, after the update', () => {
      const after = succeed(withCheckpoints(), upgrade());
      const checkpoints = vmOf(after).checkpoints;
      expect(checkpoints.map((c) => c.id)).toEqual(['cold', 'hot']);
      expect(checkpoints.every((c) => !c.includesState)).toBe(true);
      expect(vmOf(after).currentCheckpointId).toBe('hot');
    });

    it('repeats the offline checkpoints in the success event', () => {
      const events = history([upgrade()], withCheckpoints());
      spec
        .given(events)
        .when(done('job-upgrade'))
        .then([
          {
            type: 'VmVersionUpgraded',
            data: {
              vmId,
              jobId: 'job-upgrade',
              hostId,
              memoryMb: 2048,
              at: now,
              fromVersion: '5.0',
              toVersion: '8.0',
              savedStateDiscarded: false,
              checkpointsMadeOffline: ['hot'],
            },
          },
        ]);
    });

    it('leaves the VM Off when a checkpoint made offline is applied', () => {
      const after = succeed(withCheckpoints(), upgrade());
      const data = onlyEvent(after, applyCheckpoint('hot'), 'VmCheckpointApplyRequested');
      expect(data.resultingState).toBe('Off');
      expect(vmOf(succeed(after, applyCheckpoint('hot'))).power).toBe('Off');
    });

    it('still leaves the VM Saved when the online checkpoint is applied before the update', () => {
      const data = onlyEvent(withCheckpoints(), applyCheckpoint('hot'), 'VmCheckpointApplyRequested');
      expect(data.resultingState).toBe('Saved');
    });

    it('makes the checkpoints offline also when the VM itself was Saved', () => {
      let events = vmIn('Running', { configVersion: '5.0', checkpointType: 'Standard' });
      events = succeed(events, checkpoint('hot'));
      events = succeed(events, save());
      spec
        .given(events)
        .when(upgrade())
        .then([versionUpgradeRequested({ savedStateDiscarded: true, checkpointsMadeOffline: ['hot'] })]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Firmware and Secure Boot
// ---------------------------------------------------------------------------------------------

describe('vm configuration: firmware and Secure Boot', () => {
  it('asks to change the firmware of an Off Generation 2 VM with a Set-VMFirmware job', () => {
    spec
      .given(vmIn('Off'))
      .when(setFirmware({ secureBoot: true, secureBootTemplate: 'OpenSourceShieldedVM' }))
      .then([
        {
          type: 'VmFirmwareChangeRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-firmware',
              attempt: 1,
              kind: 'set-vm-firmware',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Turn Secure Boot on with the OpenSourceShieldedVM template',
                  powershell:
                    'Set-VMFirmware -VMName "web01" -EnableSecureBoot On -SecureBootTemplate "OpenSourceShieldedVM" -ComputerName "hv01"',
                },
              ],
              operation: {
                kind: 'set-vm-firmware',
                host: hostRef,
                vm: vmRef(),
                secureBoot: true,
                secureBootTemplate: 'OpenSourceShieldedVM',
              },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            firmware: { secureBoot: true, secureBootTemplate: 'OpenSourceShieldedVM' },
          },
        },
      ]);
  });

  it('records the new firmware when the change succeeds', () => {
    const after = succeed(vmIn('Off'), setFirmware({ secureBoot: false, secureBootTemplate: 'MicrosoftWindows' }));
    expect(vmOf(after).firmware).toEqual({ secureBoot: false, secureBootTemplate: 'MicrosoftWindows' });
    expect(vmOf(after).power).toBe('Off');
  });

  for (const power of POWER_STATES) {
    it(`refuses firmware settings on ${an(power)} Generation 1 VM`, () => {
      spec
        .given(vmIn(power, { generation: 1 }))
        .when(setFirmware(uefiCa))
        .thenThrows('GENERATION_2_REQUIRED');
    });
  }

  for (const power of ['Running', 'Paused', 'Saved'] as const) {
    it(`refuses to change the firmware of ${an(power)} Generation 2 VM`, () => {
      spec.given(vmIn(power)).when(setFirmware(uefiCa)).thenThrows('INVALID_VM_STATE');
    });
  }

  it('refuses Secure Boot for a Linux guest at configuration version 5.0', () => {
    spec
      .given(
        vmIn('Off', {
          configVersion: '5.0',
          guestOs: { family: 'linux' },
          firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' },
        }),
      )
      .when(setFirmware(windowsFirmware))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('accepts Secure Boot for a Linux guest at configuration version 6.2', () => {
    spec
      .given(vmIn('Off', { configVersion: '6.2', guestOs: { family: 'linux' }, firmware: { ...uefiCa, secureBoot: false } }))
      .when(setFirmware(uefiCa))
      .then([
        {
          type: 'VmFirmwareChangeRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-firmware',
              attempt: 1,
              kind: 'set-vm-firmware',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Turn Secure Boot on with the MicrosoftUEFICertificateAuthority template',
                  powershell:
                    'Set-VMFirmware -VMName "web01" -EnableSecureBoot On -SecureBootTemplate "MicrosoftUEFICertificateAuthority" -ComputerName "hv01"',
                },
              ],
              operation: {
                kind: 'set-vm-firmware',
                host: hostRef,
                vm: {
                  vmId,
                  name: 'web01',
                  generation: 2,
                  configVersion: '6.2',
                  memoryMb: 2048,
                  processorCount: 2,
                },
                secureBoot: true,
                secureBootTemplate: 'MicrosoftUEFICertificateAuthority',
              },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            firmware: uefiCa,
          },
        },
      ]);
  });

  it('accepts turning Secure Boot off for a Linux guest at 5.0, and Secure Boot for a Windows guest at 5.0', () => {
    const linux = vmIn('Off', {
      configVersion: '5.0',
      guestOs: { family: 'linux' },
      firmware: { ...windowsFirmware, secureBoot: false },
    });
    expect(decide(linux, setFirmware({ ...windowsFirmware, secureBoot: false }))[0].type).toBe('VmFirmwareChangeRequested');
    expect(decide(vmIn('Off', { configVersion: '5.0' }), setFirmware(windowsFirmware))[0].type).toBe('VmFirmwareChangeRequested');
  });

  it('does not start a Linux guest with Secure Boot and the MicrosoftWindows template', () => {
    spec
      .given(vmIn('Off', { guestOs: { family: 'linux' }, firmware: windowsFirmware }))
      .when(start())
      .thenThrows('SECURE_BOOT_TEMPLATE_MISMATCH');
  });

  it('starts the Linux guest once its template is changed to MicrosoftUEFICertificateAuthority', () => {
    const fixed = succeed(vmIn('Off', { guestOs: { family: 'linux' }, firmware: windowsFirmware }), setFirmware(uefiCa));
    expect(vmOf(fixed).firmware).toEqual(uefiCa);
    spec
      .given(fixed)
      .when(start())
      .then([
        {
          type: 'VmStartRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-on',
              attempt: 1,
              kind: 'start-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Start the virtual machine',
                  powershell: 'Start-VM -Name "web01" -ComputerName "hv01"',
                },
              ],
              operation: { kind: 'start-vm', host: hostRef, vm: vmRef() },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
          },
        },
      ]);
  });

  it('still refuses to start the Linux guest when the template change failed', () => {
    const unchanged = fail(vmIn('Off', { guestOs: { family: 'linux' }, firmware: windowsFirmware }), setFirmware(uefiCa));
    expect(vmOf(unchanged).firmware).toEqual(windowsFirmware);
    spec.given(unchanged).when(start()).thenThrows('SECURE_BOOT_TEMPLATE_MISMATCH');
  });

  it('refuses a firmware change while another operation is pending', () => {
    spec
      .given(history([setFirmware(uefiCa)], vmIn('Off')))
      .when(setFirmware(windowsFirmware, 'job-firmware-2'))
      .thenThrows('OPERATION_PENDING');
  });
});

// ---------------------------------------------------------------------------------------------
// Network adapters
// ---------------------------------------------------------------------------------------------

describe('vm configuration: network adapters', () => {
  for (const generation of [1, 2] as const) {
    it(`adds an adapter to an Off Generation ${generation} VM (not hot)`, () => {
      const nic = adapter('Storage');
      spec
        .given(vmIn('Off', { generation }))
        .when(addAdapter(nic))
        .thenMatches((events) =>
          expect(events).toEqual([
            {
              type: 'VmNetworkAdapterAdditionRequested',
              data: expect.objectContaining({ vmId, adapter: nic, hot: false }),
            },
          ]),
        );
      const after = succeed(vmIn('Off', { generation }), addAdapter(nic));
      expect(vmOf(after).networkAdapters.map((a) => a.name)).toEqual(['Ethernet', 'Storage']);
    });

    it(`removes an adapter from an Off Generation ${generation} VM (not hot)`, () => {
      const data = onlyEvent(vmIn('Off', { generation }), removeAdapter('nic-1'), 'VmNetworkAdapterRemovalRequested');
      expect(data).toMatchObject({ adapter: { id: 'nic-1', name: 'Ethernet', switchName: 'External' }, hot: false });
      const after = succeed(vmIn('Off', { generation }), removeAdapter('nic-1'));
      expect(vmOf(after).networkAdapters).toEqual([]);
    });
  }

  it('hot-adds an adapter to a running Generation 2 VM at 8.0, with device naming', () => {
    const nic = adapter('Backup');
    spec
      .given(vmIn('Running'))
      .when(addAdapter(nic))
      .then([adapterAdditionRequested(adapter('Backup'), true)]);
    const after = succeed(vmIn('Running'), addAdapter(nic));
    expect(vmOf(after).networkAdapters.map((a) => a.name)).toEqual(['Ethernet', 'Backup']);
    expect(vmOf(after).power).toBe('Running');
  });

  it('hot-adds an adapter to a running Generation 2 VM at 6.2 (the minimum version)', () => {
    spec
      .given(vmIn('Running', { configVersion: '6.2' }))
      .when(addAdapter(adapter('Backup')))
      .then([adapterAdditionRequested(adapter('Backup'), true, { vm: vmRef({ configVersion: '6.2' }) })]);
  });

  it('hot-removes an adapter from a running Generation 2 VM at 8.0', () => {
    spec
      .given(vmIn('Running'))
      .when(removeAdapter('nic-1'))
      .then([
        {
          type: 'VmNetworkAdapterRemovalRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-remove-nic',
              attempt: 1,
              kind: 'remove-network-adapter',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Remove network adapter Ethernet',
                  powershell:
                    'Get-VMNetworkAdapter -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "Ethernet" | Remove-VMNetworkAdapter',
                },
              ],
              operation: {
                kind: 'remove-network-adapter',
                host: hostRef,
                vm: vmRef(),
                adapter: { id: 'nic-1', name: 'Ethernet', switchName: 'External' },
              },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            adapter: { id: 'nic-1', name: 'Ethernet', switchName: 'External' },
            hot: true,
          },
        },
      ]);
  });

  it('refuses to add an adapter to a running Generation 1 VM', () => {
    spec
      .given(vmIn('Running', { generation: 1 }))
      .when(addAdapter(adapter('Backup')))
      .thenThrows('GENERATION_2_REQUIRED');
  });

  it('refuses to remove an adapter from a running Generation 1 VM', () => {
    spec
      .given(vmIn('Running', { generation: 1 }))
      .when(removeAdapter('nic-1'))
      .thenThrows('GENERATION_2_REQUIRED');
  });

  it('refuses to hot-add an adapter to a Generation 2 VM at 5.0 running on a WS2012R2 host', () => {
    const old = host({ osVersion: 'WS2012R2' });
    spec
      .given(vmIn('Running', {}, { host: old }))
      .when(addAdapter(adapter('Backup'), 'job-add-nic', { host: old }))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('refuses to hot-add an adapter to a Generation 2 VM at 5.0 running on a WS2016 host', () => {
    spec
      .given(vmIn('Running', { configVersion: '5.0' }))
      .when(addAdapter(adapter('Backup')))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('refuses to hot-remove an adapter from a Generation 2 VM at 5.0', () => {
    spec
      .given(vmIn('Running', { configVersion: '5.0' }))
      .when(removeAdapter('nic-1'))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('adds an adapter to an Off Generation 2 VM at 5.0', () => {
    spec
      .given(vmIn('Off', { configVersion: '5.0' }))
      .when(addAdapter(adapter('Backup')))
      .then([adapterAdditionRequested(adapter('Backup'), false, { vm: vmRef({ configVersion: '5.0' }), deviceNaming: false })]);
  });

  for (const power of ['Saved', 'Paused'] as const) {
    it(`refuses to add an adapter to ${an(power)} VM`, () => {
      spec
        .given(vmIn(power))
        .when(addAdapter(adapter('Backup')))
        .thenThrows('INVALID_VM_STATE');
    });

    it(`refuses to remove an adapter from ${an(power)} VM`, () => {
      spec.given(vmIn(power)).when(removeAdapter('nic-1')).thenThrows('INVALID_VM_STATE');
    });
  }

  it('refuses an adapter whose name is used already, ignoring case', () => {
    spec
      .given(vmIn('Off'))
      .when(addAdapter(adapter('ETHERNET', 'nic-2')))
      .thenThrows('DUPLICATE_ADAPTER_NAME');
  });

  it('refuses a duplicate adapter name on a running VM too', () => {
    spec
      .given(vmIn('Running'))
      .when(addAdapter(adapter('ethernet', 'nic-2')))
      .thenThrows('DUPLICATE_ADAPTER_NAME');
  });

  it('accepts the name of an adapter that was removed', () => {
    const after = succeed(vmIn('Off'), removeAdapter('nic-1'));
    spec
      .given(after)
      .when(addAdapter(adapter('Ethernet', 'nic-2')))
      .then([adapterAdditionRequested({ id: 'nic-2', name: 'Ethernet', switchName: 'External' }, false)]);
  });

  const adapters = (count: number) => Array.from({ length: count }, (_, i) => adapter(`Ethernet ${i + 1}`, `nic-${i + 1}`));

  it('accepts the 8th adapter', () => {
    spec
      .given(vmIn('Off', { networkAdapters: adapters(7) }))
      .when(addAdapter(adapter('Eighth')))
      .then([adapterAdditionRequested(adapter('Eighth'), false)]);
  });

  it('refuses a 9th adapter', () => {
    spec
      .given(vmIn('Off', { networkAdapters: adapters(8) }))
      .when(addAdapter(adapter('Ninth')))
      .thenThrows('ADAPTER_LIMIT');
  });

  it('refuses a 9th adapter reached through additions', () => {
    let events = vmIn('Off', { networkAdapters: adapters(6) });
    events = succeed(events, addAdapter(adapter('Seventh'), 'job-7'));
    events = succeed(events, addAdapter(adapter('Eighth'), 'job-8'));
    expect(vmOf(events).networkAdapters).toHaveLength(8);
    spec
      .given(events)
      .when(addAdapter(adapter('Ninth'), 'job-9'))
      .thenThrows('ADAPTER_LIMIT');
  });

  it('answers NOT_FOUND for removing an adapter the VM does not have', () => {
    spec.given(vmIn('Off')).when(removeAdapter('nic-unknown')).thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for removing an adapter that was removed already', () => {
    spec
      .given(succeed(vmIn('Off'), removeAdapter('nic-1')))
      .when(removeAdapter('nic-1', 'job-remove-2'))
      .thenThrows('NOT_FOUND');
  });

  it('keeps the adapters unchanged when the addition fails', () => {
    const after = fail(vmIn('Running'), addAdapter(adapter('Backup')));
    expect(vmOf(after).networkAdapters.map((a) => a.name)).toEqual(['Ethernet']);
    expect(vmOf(after).power).toBe('Running');
  });
});

// ---------------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------------

describe('vm configuration: memory of an Off VM', () => {
  it('resizes static memory with a Set-VMMemory job', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 4096 }))
      .then([memoryChangeRequested({ startupMb: 4096, dynamic: null }, false)]);
    const after = succeed(vmIn('Off'), setMemory({ startupMb: 4096 }));
    expect(vmOf(after).memory).toEqual({ startupMb: 4096, dynamic: null });
  });

  it('records the memory the VM holds in the success event', () => {
    spec
      .given(history([setMemory({ startupMb: 4096 })], vmIn('Off')))
      .when(done('job-memory'))
      .then([
        {
          type: 'VmMemoryChanged',
          data: {
            vmId,
            jobId: 'job-memory',
            hostId,
            memoryMb: 4096,
            at: now,
            memory: { startupMb: 4096, dynamic: null },
            runtime: false,
          },
        },
      ]);
  });

  it('switches to dynamic memory, keeping the startup memory and the default buffer of 20 %', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ dynamic: { minimumMb: 512, maximumMb: 8192 } }))
      .then([memoryChangeRequested({ startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } }, false)]);
  });

  it('switches to dynamic memory and back to static', () => {
    let events = succeed(
      vmIn('Off'),
      setMemory({ startupMb: 1024, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 50 } }),
    );
    expect(vmOf(events).memory).toEqual({ startupMb: 1024, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 50 } });
    events = succeed(events, setMemory({ startupMb: 3072 }, {}, 'job-memory-2'));
    expect(vmOf(events).memory).toEqual({ startupMb: 3072, dynamic: null });
  });

  it('refuses startup memory of 31 MB and accepts 32 MB', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 31 }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
    expect(
      (onlyEvent(vmIn('Off'), setMemory({ startupMb: 32 }), 'VmMemoryChangeRequested').memory as { startupMb: number }).startupMb,
    ).toBe(32);
  });

  it('refuses a dynamic minimum of 31 MB and accepts 32 MB', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 1024, dynamic: { minimumMb: 31, maximumMb: 4096 } }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 1024, dynamic: { minimumMb: 32, maximumMb: 4096 } }))
      .then([memoryChangeRequested({ startupMb: 1024, dynamic: { minimumMb: 32, maximumMb: 4096, bufferPercent: 20 } }, false)]);
  });

  for (const bufferPercent of [5, 2000]) {
    it(`accepts a buffer of ${bufferPercent} %`, () => {
      const data = onlyEvent(
        vmIn('Off'),
        setMemory({ dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent } }),
        'VmMemoryChangeRequested',
      );
      expect(data.memory).toEqual({ startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent } });
    });
  }

  for (const bufferPercent of [4, 2001]) {
    it(`refuses a buffer of ${bufferPercent} %`, () => {
      spec
        .given(vmIn('Off'))
        .when(setMemory({ dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent } }))
        .thenThrows('INVALID_MEMORY_SETTINGS');
    });
  }

  it('refuses a minimum above the startup memory', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 1024, dynamic: { minimumMb: 1025, maximumMb: 4096 } }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('refuses a startup memory above the maximum', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 4097, dynamic: { minimumMb: 512, maximumMb: 4096 } }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('refuses a dynamic range that leaves out the unchanged startup memory', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ dynamic: { minimumMb: 512, maximumMb: 1024 } }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('accepts minimum, startup and maximum all equal', () => {
    spec
      .given(vmIn('Off'))
      .when(setMemory({ startupMb: 1024, dynamic: { minimumMb: 1024, maximumMb: 1024 } }))
      .then([
        memoryChangeRequested({ startupMb: 1024, dynamic: { minimumMb: 1024, maximumMb: 1024, bufferPercent: 20 } }, false),
      ]);
  });

  it('answers VALIDATION_FAILED when neither startup memory nor dynamic memory is given', () => {
    spec.given(vmIn('Off')).when(setMemory({})).thenThrows('VALIDATION_FAILED');
  });

  it('answers VALIDATION_FAILED on a running VM too when nothing is given', () => {
    spec.given(vmIn('Running')).when(setMemory({})).thenThrows('VALIDATION_FAILED');
  });

  for (const power of ['Paused', 'Saved'] as const) {
    it(`refuses to change the memory of ${an(power)} VM`, () => {
      spec
        .given(vmIn(power))
        .when(setMemory({ startupMb: 4096 }))
        .thenThrows('INVALID_VM_STATE');
    });
  }

  it('keeps the memory unchanged when the change fails', () => {
    const after = fail(vmIn('Off'), setMemory({ startupMb: 4096 }));
    expect(vmOf(after).memory).toEqual({ startupMb: 2048, dynamic: null });
  });
});

describe('vm configuration: memory of a running VM', () => {
  it('grows static memory while running (runtime resize)', () => {
    spec
      .given(vmIn('Running'))
      .when(setMemory({ startupMb: 4096 }))
      .then([memoryChangeRequested({ startupMb: 4096, dynamic: null }, true)]);
    const after = succeed(vmIn('Running'), setMemory({ startupMb: 4096 }));
    expect(vmOf(after).memory.startupMb).toBe(4096);
    expect(vmOf(after).power).toBe('Running');
  });

  it('resizes at configuration version 6.2 (the minimum version)', () => {
    spec
      .given(vmIn('Running', { configVersion: '6.2' }))
      .when(setMemory({ startupMb: 4096 }))
      .then([memoryChangeRequested({ startupMb: 4096, dynamic: null }, true, { vm: vmRef({ configVersion: '6.2' }) })]);
  });

  it('grows by exactly the free memory of the host', () => {
    const tight = host({ memoryUsedMb: 65536 - 1024 });
    spec
      .given(vmIn('Running'))
      .when(setMemory({ startupMb: 3072 }, { host: tight }))
      .then([memoryChangeRequested({ startupMb: 3072, dynamic: null }, true)]);
  });

  it('refuses to grow by 1 MB more than the host has free', () => {
    const tight = host({ memoryUsedMb: 65536 - 1024 });
    spec
      .given(vmIn('Running'))
      .when(setMemory({ startupMb: 3073 }, { host: tight }))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
  });

  it('shrinks to exactly the memory demand the guest reported when it started', () => {
    const running = vmIn('Running', {}, { memoryDemandMb: 1536 });
    expect(vmOf(running).memoryDemandMb).toBe(1536);
    spec
      .given(running)
      .when(setMemory({ startupMb: 1536 }))
      .then([memoryChangeRequested({ startupMb: 1536, dynamic: null }, true)]);
  });

  it('refuses to shrink below the memory demand the guest reported', () => {
    spec
      .given(vmIn('Running', {}, { memoryDemandMb: 1536 }))
      .when(setMemory({ startupMb: 1535 }))
      .thenThrows('MEMORY_BELOW_DEMAND');
  });

  it('checks the latest memory demand the guest reported', () => {
    // Started with demand 1000, then a resize reported 1800.
    let events = vmIn('Running', {}, { memoryDemandMb: 1000 });
    events = succeed(events, setMemory({ startupMb: 4096 }), { memoryDemandMb: 1800 });
    expect(vmOf(events).memoryDemandMb).toBe(1800);
    spec
      .given(events)
      .when(setMemory({ startupMb: 1799 }, {}, 'job-memory-2'))
      .thenThrows('MEMORY_BELOW_DEMAND');
  });

  it('refuses a runtime resize of static memory at configuration version 5.0', () => {
    spec
      .given(vmIn('Running', { configVersion: '5.0' }))
      .when(setMemory({ startupMb: 4096 }))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('refuses a runtime resize on a WS2012R2 host (5.0 VM)', () => {
    const old = host({ osVersion: 'WS2012R2' });
    spec
      .given(vmIn('Running', {}, { host: old }))
      .when(setMemory({ startupMb: 4096 }, { host: old }))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('widens the dynamic range of a running 5.0 VM (only static runtime resize needs 6.2)', () => {
    spec
      .given(vmIn('Running', { configVersion: '5.0', memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 512, maximumMb: 8192 } }))
      .then([
        memoryChangeRequested({ startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } }, true, {
          vm: vmRef({ configVersion: '5.0' }),
        }),
      ]);
  });

  it('refuses to switch from static to dynamic memory while running', () => {
    spec
      .given(vmIn('Running'))
      .when(setMemory({ dynamic: { minimumMb: 512, maximumMb: 8192 } }))
      .thenThrows('INVALID_VM_STATE');
  });

  it('refuses to switch from dynamic to static memory while running', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ startupMb: 2048 }))
      .thenThrows('INVALID_VM_STATE');
  });

  it('raises the dynamic maximum while running', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 1024, maximumMb: 8192, bufferPercent: 20 } }))
      .then([memoryChangeRequested({ startupMb: 2048, dynamic: { minimumMb: 1024, maximumMb: 8192, bufferPercent: 20 } }, true)]);
  });

  it('lowers the dynamic minimum while running', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent: 20 } }))
      .then([memoryChangeRequested({ startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent: 20 } }, true)]);
  });

  it('raises the maximum and lowers the minimum at once, with the startup memory repeated', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192 } }))
      .then([memoryChangeRequested({ startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } }, true)]);
  });

  it('refuses to lower the dynamic maximum while running', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 1024, maximumMb: 3072 } }))
      .thenThrows('RUNTIME_MEMORY_CHANGE_REFUSED');
  });

  it('refuses to raise the dynamic minimum while running', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 1536, maximumMb: 4096 } }))
      .thenThrows('RUNTIME_MEMORY_CHANGE_REFUSED');
  });

  it('refuses to change the startup memory of a dynamic-memory VM while running', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ startupMb: 3072, dynamic: { minimumMb: 1024, maximumMb: 4096 } }))
      .thenThrows('RUNTIME_MEMORY_CHANGE_REFUSED');
  });

  it('still checks the shape of dynamic memory while running (buffer 2001 %)', () => {
    spec
      .given(vmIn('Running', { memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 1024, maximumMb: 8192, bufferPercent: 2001 } }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('refuses to change the memory of a Paused VM, even a dynamic one', () => {
    spec
      .given(vmIn('Paused', { memory: dynamicMemory }))
      .when(setMemory({ dynamic: { minimumMb: 1024, maximumMb: 8192 } }))
      .thenThrows('INVALID_VM_STATE');
  });

  it('reports the memory demand of a running VM, static or dynamic, and forgets it once Off', () => {
    expect(vmOf(vmIn('Running', {}, { memoryDemandMb: 1200 })).memoryDemandMb).toBe(1200);
    expect(vmOf(vmIn('Running', { memory: dynamicMemory }, { memoryDemandMb: 900 })).memoryDemandMb).toBe(900);
    expect(vmOf(succeed(vmIn('Running', {}, { memoryDemandMb: 1200 }), turnOff())).memoryDemandMb).toBeNull();
  });

  it('puts the reported memory demand into the success event of the start', () => {
    spec
      .given(history([start()], vmIn('Off')))
      .when(done('job-on', { memoryDemandMb: 1536 }))
      .then([{ type: 'VmStarted', data: { vmId, jobId: 'job-on', hostId, memoryMb: 2048, memoryDemandMb: 1536, at: now } }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Processors
// ---------------------------------------------------------------------------------------------

describe('vm configuration: processors', () => {
  it('changes the processor count of an Off VM, keeping compatibility mode', () => {
    spec
      .given(vmIn('Off'))
      .when(setProcessor({ processorCount: 4 }))
      .then([processorChangeRequested(4, false)]);
    expect(vmOf(succeed(vmIn('Off'), setProcessor({ processorCount: 4 }))).processorCount).toBe(4);
  });

  it('records processor compatibility for migration, keeping the processor count', () => {
    spec
      .given(vmIn('Off'))
      .when(setProcessor({ compatibilityForMigration: true }))
      .then([processorChangeRequested(2, true)]);
    const after = succeed(vmIn('Off'), setProcessor({ compatibilityForMigration: true }));
    expect(vmOf(after).compatibilityForMigration).toBe(true);
    expect(vmOf(after).processorCount).toBe(2);
  });

  it('turns compatibility mode off again', () => {
    const on = succeed(vmIn('Off'), setProcessor({ compatibilityForMigration: true }));
    const off = succeed(on, setProcessor({ compatibilityForMigration: false }, {}, 'job-cpu-2'));
    expect(vmOf(off).compatibilityForMigration).toBe(false);
  });

  for (const power of ['Running', 'Paused', 'Saved'] as const) {
    it(`refuses to change the processors of ${an(power)} VM`, () => {
      spec
        .given(vmIn(power))
        .when(setProcessor({ processorCount: 4 }))
        .thenThrows('INVALID_VM_STATE');
    });

    it(`refuses to change compatibility mode of ${an(power)} VM`, () => {
      spec
        .given(vmIn(power))
        .when(setProcessor({ compatibilityForMigration: true }))
        .thenThrows('INVALID_VM_STATE');
    });
  }

  it('accepts as many virtual processors as the host has logical processors', () => {
    spec
      .given(vmIn('Off'))
      .when(setProcessor({ processorCount: 16 }))
      .then([processorChangeRequested(16, false)]);
  });

  it('refuses more virtual processors than the host has logical processors', () => {
    spec
      .given(vmIn('Off'))
      .when(setProcessor({ processorCount: 17 }))
      .thenThrows('PROCESSOR_COUNT_EXCEEDS_HOST');
  });

  it('answers VALIDATION_FAILED when nothing is given', () => {
    spec.given(vmIn('Off')).when(setProcessor({})).thenThrows('VALIDATION_FAILED');
  });
});

// ---------------------------------------------------------------------------------------------
// Integration services
// ---------------------------------------------------------------------------------------------

describe('vm configuration: integration services', () => {
  it('starts with every service on except Guest Service Interface, and no version', () => {
    const vm = vmOf(vmIn('Off'));
    expect(vm.integrationServices).toEqual({
      Heartbeat: true,
      Shutdown: true,
      TimeSynchronization: true,
      DataExchange: true,
      VSS: true,
      GuestServiceInterface: false,
    });
    expect(vm.integrationServicesVersion).toBeNull();
  });

  for (const power of POWER_STATES) {
    it(`disables Heartbeat on ${an(power)} VM`, () => {
      spec
        .given(vmIn(power))
        .when(setService('Heartbeat', false))
        .then([
          {
            type: 'VmIntegrationServiceChangeRequested',
            data: {
              vmId,
              job: {
                jobId: 'job-service',
                attempt: 1,
                kind: 'set-integration-service',
                target: { type: 'vm', id: vmId },
                steps: [
                  {
                    name: 'Disable the Heartbeat integration service',
                    powershell: 'Disable-VMIntegrationService -VMName "web01" -Name "Heartbeat" -ComputerName "hv01"',
                  },
                ],
                operation: {
                  kind: 'set-integration-service',
                  host: hostRef,
                  vm: vmRef(),
                  service: 'Heartbeat',
                  enabled: false,
                },
                requestedBy,
                tenant: 'contoso',
              },
              requestedAt: now,
              service: 'Heartbeat',
              enabled: false,
            },
          },
        ]);
      const after = succeed(vmIn(power), setService('Heartbeat', false));
      expect(vmOf(after).integrationServices.Heartbeat).toBe(false);
      expect(vmOf(after).power).toBe(power);
    });
  }

  for (const service of INTEGRATION_SERVICES) {
    it(`enables and disables ${service}`, () => {
      const on = succeed(vmIn('Running'), setService(service, true));
      expect(vmOf(on).integrationServices[service]).toBe(true);
      const off = succeed(on, setService(service, false, 'job-service-2'));
      expect(vmOf(off).integrationServices[service]).toBe(false);
    });
  }

  it('refuses a service change while another operation is pending', () => {
    spec
      .given(history([setService('VSS', false)], vmIn('Running')))
      .when(setService('Heartbeat', false, 'job-service-2'))
      .thenThrows('OPERATION_PENDING');
  });

  it('records an integration services update with its version and no previous version the first time', () => {
    spec
      .given(vmIn('Running'))
      .when(updateServices('10.0.14393.0'))
      .then([servicesUpdateRequested('10.0.14393.0', null)]);
    expect(vmOf(succeed(vmIn('Running'), updateServices('10.0.14393.0'))).integrationServicesVersion).toBe('10.0.14393.0');
  });

  it('records the previous version on the next update', () => {
    const first = succeed(vmIn('Running'), updateServices('10.0.14393.0'));
    spec
      .given(first)
      .when(updateServices('10.0.17763.1', 'job-ic-update-2'))
      .then([servicesUpdateRequested('10.0.17763.1', '10.0.14393.0', 'job-ic-update-2')]);
    const second = succeed(first, updateServices('10.0.17763.1', 'job-ic-update-2'));
    expect(vmOf(second).integrationServicesVersion).toBe('10.0.17763.1');
  });

  it('accepts a version that does not match the host', () => {
    spec
      .given(vmIn('Off', {}, { host: host() }))
      .when(updateServices('6.3.9600.18080'))
      .then([servicesUpdateRequested('6.3.9600.18080', null)]);
  });

  it('puts the heartbeat the host reported into the success event of an operation that leaves the VM running', () => {
    spec
      .given(history([start()], vmIn('Off')))
      .when(done('job-on', { memoryDemandMb: 1024, heartbeat: 'OkApplicationsUnknown' }))
      .then([
        {
          type: 'VmStarted',
          data: {
            vmId,
            jobId: 'job-on',
            hostId,
            memoryMb: 2048,
            memoryDemandMb: 1024,
            heartbeat: 'OkApplicationsUnknown',
            at: now,
          },
        },
      ]);
  });

  it('leaves the guest report out of the success event of an operation that leaves the VM Off', () => {
    spec
      .given(history([turnOff()], vmIn('Running')))
      .when(done('job-off', { memoryDemandMb: 1024, heartbeat: 'OkApplicationsHealthy' }))
      .then([{ type: 'VmStopped', data: { vmId, jobId: 'job-off', hostId, memoryMb: 2048, at: now } }]);
  });

  describe('heartbeat shown for a VM', () => {
    const services = vmOf(vmIn('Off')).integrationServices;
    it('shows what a running guest reported, and NoContact before any report', () => {
      expect(heartbeatOf('Running', services, 'OkApplicationsUnknown')).toBe('OkApplicationsUnknown');
      expect(heartbeatOf('Running', services, null)).toBe('NoContact');
    });
    it('shows Paused for a paused VM and NoContact for an Off or Saved one', () => {
      expect(heartbeatOf('Paused', services, 'OkApplicationsHealthy')).toBe('Paused');
      expect(heartbeatOf('Off', services, 'OkApplicationsHealthy')).toBe('NoContact');
      expect(heartbeatOf('Saved', services, null)).toBe('NoContact');
    });
    it('shows Disabled whenever the Heartbeat service is off', () => {
      expect(heartbeatOf('Running', { ...services, Heartbeat: false }, 'OkApplicationsHealthy')).toBe('Disabled');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Disks
// ---------------------------------------------------------------------------------------------

describe('vm configuration: disks', () => {
  for (const power of ['Off', 'Running'] as const) {
    it(`adds a disk to ${an(power)} VM with New-VHD and Add-VMHardDiskDrive`, () => {
      const vhd = disk('data.vhdx', 200);
      const data = onlyEvent(vmIn(power), addDisk(vhd), 'VmDiskAdditionRequested');
      expect(data).toMatchObject({ disk: vhd, forced: false, warning: null, job: { kind: 'add-vm-disk' } });
      expect((data.job as { steps: unknown[] }).steps).toHaveLength(2);
      const after = succeed(vmIn(power), addDisk(vhd));
      expect(vmOf(after).disks.map((d) => d.name)).toEqual(['os.vhdx', 'data.vhdx']);
    });
  }

  for (const power of ['Paused', 'Saved'] as const) {
    it(`refuses to add a disk to ${an(power)} VM`, () => {
      spec
        .given(vmIn(power))
        .when(addDisk(disk('data.vhdx')))
        .thenThrows('INVALID_VM_STATE');
    });
  }

  it('refuses a disk whose name is used already, ignoring case', () => {
    spec
      .given(vmIn('Off'))
      .when(addDisk(disk('OS.VHDX')))
      .thenThrows('DUPLICATE_DISK_NAME');
  });

  it('refuses a disk name added earlier', () => {
    spec
      .given(succeed(vmIn('Off'), addDisk(disk('data.vhdx'))))
      .when(addDisk(disk('Data.vhdx', 10, 'disk-other'), false, {}, 'job-disk-2'))
      .thenThrows('DUPLICATE_DISK_NAME');
  });

  it('refuses a disk in a cluster in mixed mode without force', () => {
    spec
      .given(vmIn('Off'))
      .when(addDisk(disk('data.vhdx'), false, { cluster: mixedCluster() }))
      .thenThrows('CLUSTER_IN_MIXED_MODE');
  });

  it('adds a disk in a cluster in mixed mode with force, recording forced and a warning', () => {
    spec
      .given(vmIn('Running'))
      .when(addDisk(disk('data.vhdx'), true, { cluster: mixedCluster() }))
      .then([diskAdditionRequested(true, MIXED_MODE_DISK_WARNING)]);
  });

  it('repeats forced and the warning in the success event', () => {
    const facts = { cluster: mixedCluster() };
    spec
      .given(history([addDisk(disk('data.vhdx'), true, facts)], vmIn('Off')))
      .when(done('job-disk'))
      .then([
        {
          type: 'VmDiskAdded',
          data: {
            vmId,
            jobId: 'job-disk',
            hostId,
            memoryMb: 2048,
            at: now,
            disk: disk('data.vhdx'),
            forced: true,
            warning: MIXED_MODE_DISK_WARNING,
          },
        } as VmEvent,
      ]);
  });

  it('adds a disk in a cluster that is not in mixed mode without a warning', () => {
    spec
      .given(vmIn('Off'))
      .when(addDisk(disk('data.vhdx'), false, { cluster: cluster() }))
      .then([diskAdditionRequested(false, null)]);
  });

  it('refuses a 65th disk', () => {
    const disks = Array.from({ length: 64 }, (_, i) => disk(`d${i}.vhdx`));
    spec
      .given(vmIn('Off', { disks }))
      .when(addDisk(disk('extra.vhdx')))
      .thenThrows('DISK_LIMIT');
  });

  it('keeps the disks unchanged when the addition fails', () => {
    expect(vmOf(fail(vmIn('Off'), addDisk(disk('data.vhdx')))).disks.map((d) => d.name)).toEqual(['os.vhdx']);
  });
});

// ---------------------------------------------------------------------------------------------
// Checkpoints: types
// ---------------------------------------------------------------------------------------------

/** Takes checkpoints one after another, each completed. */
function withCheckpoints(events: readonly VmEvent[], ids: readonly string[]): VmEvent[] {
  let all = [...events];
  for (const id of ids) all = succeed(all, checkpoint(id, `cp ${id}`));
  return all;
}

/**
 * The whole VmCheckpointRequested of checkpoint `id` of web01 on hv01 (the first, without a parent,
 * unless told; requested at `at`, by default `now`).
 */
function checkpointRequested(taken: {
  id: string;
  name?: string;
  parentId?: string | null;
  kind: 'Production' | 'Standard';
  includesState: boolean;
  requestedType: string;
  fallbackReason: string | null;
  configVersion?: string;
  attempt?: number;
  at?: string;
}): VmEvent {
  const name = taken.name ?? DEFAULT_CHECKPOINT_NAME;
  const { kind, includesState, at = now } = taken;
  const operation: HypervisorOperation = {
    kind: 'create-checkpoint',
    host: hostRef,
    vm: vmRef(taken.configVersion ? { configVersion: taken.configVersion } : {}),
    checkpoint: { checkpointId: taken.id, name, kind, includesState },
  };
  return {
    type: 'VmCheckpointRequested',
    data: {
      vmId,
      job: {
        jobId: `job-${taken.id}`,
        attempt: taken.attempt ?? 1,
        kind: 'create-checkpoint',
        target: { type: 'vm', id: vmId },
        steps: [
          {
            name: `Create the ${kind.toLowerCase()} checkpoint ${name}`,
            powershell: `Checkpoint-VM -Name "web01" -ComputerName "hv01" -SnapshotName "${name}"`,
          },
        ],
        operation,
        requestedBy,
        tenant: 'contoso',
      },
      requestedAt: at,
      checkpoint: {
        id: taken.id,
        name,
        parentId: taken.parentId ?? null,
        kind,
        includesState,
        createdAt: at,
        hardware: FIXTURE_HARDWARE,
      },
      requestedType: taken.requestedType,
      fallbackReason: taken.fallbackReason,
    },
  } as VmEvent;
}

const FALLBACK_OFF = 'Standard checkpoint taken instead: the virtual machine is Off, not Running';
const FALLBACK_NO_VSS = 'Standard checkpoint taken instead: the VSS (Backup) integration service is disabled';
const FALLBACK_5_0 = 'Standard checkpoint taken instead: configuration version 5.0 is below 6.2';
const FALLBACK_PAUSED = 'Standard checkpoint taken instead: the virtual machine is Paused, not Running';
/** The name Hyper-V gives a checkpoint taken without one: "<VM name> - (<timestamp>)". */
const DEFAULT_CHECKPOINT_NAME = 'web01 - (11/26/2026 - 12:00:00 PM)';
/** The hardware of the VM the fixtures create, which a checkpoint keeps. */
const FIXTURE_HARDWARE = {
  disks: [{ id: 'disk-1', name: 'os.vhdx', sizeGb: 60 }],
  firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
  memory: { dynamic: null, startupMb: 2048 },
  networkAdapters: [{ id: 'nic-1', name: 'Ethernet', switchName: 'External' }],
  processorCount: 2,
};

describe('vm configuration: checkpoint types', () => {
  it('refuses a checkpoint when checkpoints are disabled', () => {
    spec
      .given(vmIn('Running', { checkpointType: 'Disabled' }))
      .when(checkpoint('c1'))
      .thenThrows('CHECKPOINTS_DISABLED');
  });

  it('refuses a checkpoint of an Off VM whose checkpoints are disabled', () => {
    spec
      .given(vmIn('Off', { checkpointType: 'Disabled' }))
      .when(checkpoint('c1', 'named'))
      .thenThrows('CHECKPOINTS_DISABLED');
  });

  it('takes a production checkpoint of a running 8.0 VM with VSS on, without saved state', () => {
    spec
      .given(vmIn('Running'))
      .when(checkpoint('c1', 'before patch'))
      .then([
        checkpointRequested({
          id: 'c1',
          name: 'before patch',
          kind: 'Production',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: null,
        }),
      ]);
  });

  it('takes a production checkpoint of a running 6.2 VM (the minimum version)', () => {
    spec
      .given(vmIn('Running', { configVersion: '6.2' }))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Production',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: null,
          configVersion: '6.2',
        }),
      ]);
  });

  it('falls back to a standard checkpoint of an Off VM and says why', () => {
    spec
      .given(vmIn('Off'))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: FALLBACK_OFF,
        }),
      ]);
  });

  it('falls back to a standard checkpoint with saved state when VSS is disabled on a running VM', () => {
    const noVss = succeed(vmIn('Running'), setService('VSS', false));
    spec
      .given(noVss)
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Standard',
          includesState: true,
          requestedType: 'Production',
          fallbackReason: FALLBACK_NO_VSS,
        }),
      ]);
  });

  it('falls back to a standard checkpoint of a running 5.0 VM', () => {
    spec
      .given(vmIn('Running', { configVersion: '5.0' }))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Standard',
          includesState: true,
          requestedType: 'Production',
          fallbackReason: FALLBACK_5_0,
          configVersion: '5.0',
        }),
      ]);
  });

  it('falls back to a standard checkpoint of a Paused VM, with saved state', () => {
    spec
      .given(vmIn('Paused'))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Standard',
          includesState: true,
          requestedType: 'Production',
          fallbackReason: FALLBACK_PAUSED,
        }),
      ]);
  });

  it('takes a production checkpoint when the type is ProductionOnly and the guest can', () => {
    spec
      .given(vmIn('Running', { checkpointType: 'ProductionOnly' }))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Production',
          includesState: false,
          requestedType: 'ProductionOnly',
          fallbackReason: null,
        }),
      ]);
  });

  it('fails a ProductionOnly checkpoint of an Off VM instead of falling back', () => {
    spec
      .given(vmIn('Off', { checkpointType: 'ProductionOnly' }))
      .when(checkpoint('c1'))
      .thenThrows('PRODUCTION_CHECKPOINT_FAILED');
  });

  it('fails a ProductionOnly checkpoint of a running VM whose VSS service is disabled', () => {
    const noVss = succeed(vmIn('Running', { checkpointType: 'ProductionOnly' }), setService('VSS', false));
    spec.given(noVss).when(checkpoint('c1')).thenThrows('PRODUCTION_CHECKPOINT_FAILED');
  });

  it('refuses a ProductionOnly checkpoint of a running 5.0 VM: the version is too old, nothing to fall back to', () => {
    spec
      .given(vmIn('Running', { checkpointType: 'ProductionOnly', configVersion: '5.0' }))
      .when(checkpoint('c1'))
      .thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });

  it('takes a standard checkpoint of a running VM with saved state', () => {
    spec
      .given(vmIn('Running', { checkpointType: 'Standard' }))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({ id: 'c1', kind: 'Standard', includesState: true, requestedType: 'Standard', fallbackReason: null }),
      ]);
  });

  it('takes a standard checkpoint of an Off VM without saved state and without a fallback reason', () => {
    spec
      .given(vmIn('Off', { checkpointType: 'Standard' }))
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({
          id: 'c1',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Standard',
          fallbackReason: null,
        }),
      ]);
  });

  it('records the kind actually taken once the checkpoint exists', () => {
    const after = succeed(vmIn('Off'), checkpoint('c1'));
    expect(vmOf(after).checkpoints).toEqual([
      expect.objectContaining({ id: 'c1', kind: 'Standard', includesState: false, parentId: null }),
    ]);
    expect(vmOf(after).currentCheckpointId).toBe('c1');
  });

  it('sets the checkpoint type on the host with a Set-VM -CheckpointType job', () => {
    const operation: HypervisorOperation = {
      kind: 'set-checkpoint-type',
      host: hostRef,
      vm: vmRef(),
      checkpointType: 'Standard',
    };
    spec
      .given(vmIn('Off'))
      .when(changeCheckpointType('Standard'))
      .then([
        {
          type: 'VmCheckpointTypeChangeRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-checkpoint-type',
              attempt: 1,
              kind: 'set-checkpoint-type',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Set the checkpoint type to Standard',
                  powershell: 'Set-VM -Name "web01" -CheckpointType Standard -ComputerName "hv01"',
                },
              ],
              operation,
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
            checkpointType: 'Standard',
            previous: 'Production',
          },
        },
      ]);
  });

  it('keeps the checkpoint type until the host has it, and keeps it when the job fails', () => {
    const pending = history([changeCheckpointType('Standard')], vmIn('Off'));
    expect(vmOf(pending).checkpointType).toBe('Production');
    expect(vmOf(fail(vmIn('Off'), changeCheckpointType('Standard'))).checkpointType).toBe('Production');
    expect(vmOf(succeed(vmIn('Off'), changeCheckpointType('Standard'))).checkpointType).toBe('Standard');
  });

  it('refuses to set the checkpoint type on a WS2012R2 host, which has no Set-VM -CheckpointType', () => {
    const old = host({ osVersion: 'WS2012R2' });
    spec
      .given(vmIn('Off', { configVersion: '5.0' }, { host: old }))
      .when(changeCheckpointType('Standard', 'job-checkpoint-type', { host: old }))
      .thenThrows('HOST_OS_TOO_OLD');
  });

  it('a checkpoint job never changes the VM setting: after a fallback to Standard the type is still Production', () => {
    const after = succeed(vmIn('Off'), checkpoint('c1', 'c1'));
    expect(vmOf(after).checkpoints.map((c) => c.kind)).toEqual(['Standard']);
    expect(vmOf(after).checkpointType).toBe('Production');
    // Its one step takes the checkpoint; no Set-VM -CheckpointType among them.
    expect(after.filter((e) => e.type === 'VmCheckpointRequested')).toEqual([
      checkpointRequested({
        id: 'c1',
        name: 'c1',
        kind: 'Standard',
        includesState: false,
        requestedType: 'Production',
        fallbackReason: FALLBACK_OFF,
      }),
    ]);
  });

  it('takes checkpoints of the new type after a type change', () => {
    const standard = succeed(vmIn('Running'), changeCheckpointType('Standard'));
    expect(vmOf(standard).checkpointType).toBe('Standard');
    spec
      .given(standard)
      .when(checkpoint('c1'))
      .then([
        checkpointRequested({ id: 'c1', kind: 'Standard', includesState: true, requestedType: 'Standard', fallbackReason: null }),
      ]);
    const disabled = succeed(vmIn('Running'), changeCheckpointType('Disabled'));
    spec.given(disabled).when(checkpoint('c1')).thenThrows('CHECKPOINTS_DISABLED');
  });

  it('refuses a checkpoint while another operation is pending', () => {
    spec
      .given(history([checkpoint('c1')], vmIn('Running')))
      .when(checkpoint('c2'))
      .thenThrows('OPERATION_PENDING');
  });
});

// ---------------------------------------------------------------------------------------------
// Checkpoints: limit and names
// ---------------------------------------------------------------------------------------------

const ids = (count: number, prefix = 'c') => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe('vm configuration: checkpoint limit and names', () => {
  const with49 = withCheckpoints(vmIn('Off'), ids(49));
  const with50 = succeed(with49, checkpoint('c50', 'cp c50'));

  it('accepts the 50th checkpoint', () => {
    expect(vmOf(with49).checkpoints).toHaveLength(49);
    spec
      .given(with49)
      .when(checkpoint('c50'))
      .then([
        checkpointRequested({
          id: 'c50',
          parentId: 'c49',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: FALLBACK_OFF,
        }),
      ]);
  });

  it('refuses the 51st checkpoint', () => {
    expect(vmOf(with50).checkpoints).toHaveLength(50);
    spec.given(with50).when(checkpoint('c51')).thenThrows('CHECKPOINT_LIMIT');
  });

  it('accepts a checkpoint again once one of the 50 is deleted', () => {
    const with49Again = succeed(with50, deleteCheckpoint('c10'));
    expect(vmOf(with49Again).checkpoints).toHaveLength(49);
    expect(onlyEvent(with49Again, checkpoint('c51'), 'VmCheckpointRequested')).toMatchObject({ checkpoint: { id: 'c51' } });
  });

  it('accepts a name of 100 characters', () => {
    const name = 'n'.repeat(100);
    const data = onlyEvent(vmIn('Off'), checkpoint('c1', name), 'VmCheckpointRequested');
    expect((data.checkpoint as { name: string }).name).toBe(name);
  });

  it('refuses a name of 101 characters', () => {
    spec
      .given(vmIn('Off'))
      .when(checkpoint('c1', 'n'.repeat(101)))
      .thenThrows('CHECKPOINT_NAME_INVALID');
  });

  it('refuses an empty name', () => {
    spec.given(vmIn('Off')).when(checkpoint('c1', '')).thenThrows('CHECKPOINT_NAME_INVALID');
  });

  it('accepts a name of 1 character', () => {
    const data = onlyEvent(vmIn('Off'), checkpoint('c1', 'x'), 'VmCheckpointRequested');
    expect((data.checkpoint as { name: string }).name).toBe('x');
  });

  it('counts characters, not UTF-16 code units: 100 emoji are a valid name', () => {
    const name = '\u{1F600}'.repeat(100);
    const data = onlyEvent(vmIn('Off'), checkpoint('c1', name), 'VmCheckpointRequested');
    expect((data.checkpoint as { name: string }).name).toBe(name);
  });

  const defaultName = (at: string) =>
    (onlyEvent(vmIn('Off'), checkpoint('c1', undefined, { now: at }), 'VmCheckpointRequested').checkpoint as { name: string })
      .name;

  it('names a checkpoint "<vm name> - (<M/D/YYYY> - <h:mm:ss AM|PM>)" by default', () => {
    expect(defaultName('2026-11-26T14:14:05.000Z')).toBe('web01 - (11/26/2026 - 2:14:05 PM)');
  });

  it('writes the default name without leading zeros in month, day and hour', () => {
    expect(defaultName('2026-01-05T09:07:03.000Z')).toBe('web01 - (1/5/2026 - 9:07:03 AM)');
  });

  it('writes midnight as 12 AM and noon as 12 PM in the default name', () => {
    expect(defaultName('2026-11-26T00:00:00.000Z')).toBe('web01 - (11/26/2026 - 12:00:00 AM)');
    expect(defaultName('2026-11-26T12:00:00.000Z')).toBe('web01 - (11/26/2026 - 12:00:00 PM)');
    expect(defaultName('2026-11-26T23:59:59.000Z')).toBe('web01 - (11/26/2026 - 11:59:59 PM)');
  });

  it('cuts a very long VM name so that the default name has 100 characters', () => {
    const stamp = ' - (11/26/2026 - 2:14:05 PM)';
    const long = 'v'.repeat(100);
    const data = onlyEvent(
      vmIn('Off', { name: long }),
      checkpoint('c1', undefined, { now: '2026-11-26T14:14:05.000Z' }),
      'VmCheckpointRequested',
    );
    const name = (data.checkpoint as { name: string }).name;
    expect(name).toHaveLength(100);
    expect(name).toBe('v'.repeat(100 - stamp.length) + stamp);
  });

  it('keeps a VM name that fits whole in the default name (100 characters exactly)', () => {
    const stamp = ' - (11/26/2026 - 2:14:05 PM)';
    const fits = 'w'.repeat(100 - stamp.length);
    const data = onlyEvent(
      vmIn('Off', { name: fits }),
      checkpoint('c1', undefined, { now: '2026-11-26T14:14:05.000Z' }),
      'VmCheckpointRequested',
    );
    expect((data.checkpoint as { name: string }).name).toBe(fits + stamp);
  });

  // The stamp has 28 characters at 2:14:05 PM and 29 at 12:14:05 PM: an odd room for the VM name.
  for (const [at, stamp] of [
    ['2026-11-26T14:14:05.000Z', ' - (11/26/2026 - 2:14:05 PM)'],
    ['2026-11-26T12:14:05.000Z', ' - (11/26/2026 - 12:14:05 PM)'],
  ] as const) {
    it(`cuts a long VM name of emoji at a whole character, never inside a surrogate pair (stamp of ${stamp.length} characters)`, () => {
      const long = '\u{1F5A5}'.repeat(100);
      const data = onlyEvent(vmIn('Off', { name: long }), checkpoint('c1', undefined, { now: at }), 'VmCheckpointRequested');
      const name = (data.checkpoint as { name: string }).name;
      expect(name.endsWith(stamp)).toBe(true);
      expect([...name].length).toBeLessThanOrEqual(100);
      // No lone high or low surrogate: the name is well-formed UTF-16.
      expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    });
  }

  it('keeps the default name of the first attempt when a failed checkpoint is retried later', () => {
    const events = fail(vmIn('Off'), checkpoint('c1', undefined, { now: '2026-11-26T14:14:05.000Z' }));
    spec
      .given(events)
      .when(retry('job-c1', { now: later }))
      .then([
        checkpointRequested({
          id: 'c1',
          name: 'web01 - (11/26/2026 - 2:14:05 PM)',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: FALLBACK_OFF,
          attempt: 2,
          at: later,
        }),
      ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Checkpoints: tree, apply, delete
// ---------------------------------------------------------------------------------------------

const tree = (events: readonly VmEvent[]) =>
  vmOf(events)
    .checkpoints.map((c) => [c.id, c.parentId] as const)
    .sort(([a], [b]) => a.localeCompare(b));

describe('vm configuration: checkpoint tree', () => {
  it('makes the current checkpoint the parent of each new one', () => {
    const events = withCheckpoints(vmIn('Off'), ['c1', 'c2', 'c3']);
    expect(tree(events)).toEqual([
      ['c1', null],
      ['c2', 'c1'],
      ['c3', 'c2'],
    ]);
    expect(vmOf(events).currentCheckpointId).toBe('c3');
    spec
      .given(events)
      .when(checkpoint('c4'))
      .then([
        checkpointRequested({
          id: 'c4',
          parentId: 'c3',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: FALLBACK_OFF,
        }),
      ]);
  });

  it('does not add a checkpoint whose creation failed, and keeps the current one', () => {
    const events = fail(withCheckpoints(vmIn('Off'), ['c1']), checkpoint('c2'));
    expect(tree(events)).toEqual([['c1', null]]);
    expect(vmOf(events).currentCheckpointId).toBe('c1');
  });

  it('branches: after applying an older checkpoint, the next one becomes its child', () => {
    let events = withCheckpoints(vmIn('Off'), ['c1', 'c2']);
    events = succeed(events, applyCheckpoint('c1'));
    expect(vmOf(events).currentCheckpointId).toBe('c1');
    spec
      .given(events)
      .when(checkpoint('c3'))
      .then([
        checkpointRequested({
          id: 'c3',
          parentId: 'c1',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: FALLBACK_OFF,
        }),
      ]);
    events = succeed(events, checkpoint('c3', 'cp c3'));
    expect(tree(events)).toEqual([
      ['c1', null],
      ['c2', 'c1'],
      ['c3', 'c1'],
    ]);
  });

  it('shows the checkpoints as a tree with the current one marked', () => {
    let events = withCheckpoints(vmIn('Off'), ['c1', 'c2']);
    events = succeed(events, applyCheckpoint('c1'));
    events = withCheckpoints(events, ['c3']);
    const vm = vmOf(events);
    const roots = checkpointTree(vm.checkpoints, vm.currentCheckpointId);
    expect(roots.map((r) => r.id)).toEqual(['c1']);
    expect(roots[0].children.map((c) => [c.id, c.isCurrent])).toEqual([
      ['c2', false],
      ['c3', true],
    ]);
  });
});

describe("vm configuration: Hyper-V's own checkpoint ids", () => {
  const HYPERV_VM = '6f9619ff-8b86-4011-b42d-00c04fc964ff';
  const HYPERV_CHECKPOINT = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
  const known = () => history([create(), done('job-create', { hypervisorVmId: HYPERV_VM })]);

  it('records the id the host gave the checkpoint in VmCheckpointCreated, and nothing else changes', () => {
    const requested = history([checkpoint('cp1', 'before patch')], known());
    const [plain] = decide(requested, done('job-cp1'));
    expect(decide(requested, done('job-cp1', { hypervisorCheckpointId: HYPERV_CHECKPOINT }))).toEqual([
      { ...plain, data: { ...plain.data, hypervisorCheckpointId: HYPERV_CHECKPOINT } },
    ]);
    expect(plain.type).toBe('VmCheckpointCreated');
  });

  it('applies and deletes the checkpoint by the ids Hyper-V gave the VM and the checkpoint', () => {
    const events = succeed(known(), checkpoint('cp1', 'before patch'), { hypervisorCheckpointId: HYPERV_CHECKPOINT });
    expect(vmOf(events).checkpoints[0]).toMatchObject({ id: 'cp1', hypervisorId: HYPERV_CHECKPOINT });
    const byIds = `Get-VM -Id "${HYPERV_VM}" -ComputerName "hv01" | Get-VMCheckpoint | Where-Object Id -eq "${HYPERV_CHECKPOINT}"`;
    spec
      .given(events)
      .when(applyCheckpoint('cp1'))
      .then([
        checkpointApplyRequested(
          { checkpointId: 'cp1', hypervisorId: HYPERV_CHECKPOINT, name: 'before patch', kind: 'Standard', includesState: false },
          'Off',
          { vm: vmRef({ hypervisorId: HYPERV_VM }), select: byIds },
        ),
      ]);
    spec
      .given(events)
      .when(deleteCheckpoint('cp1'))
      .then([
        checkpointDeletionRequested(
          { checkpointId: 'cp1', hypervisorId: HYPERV_CHECKPOINT, name: 'before patch', kind: 'Standard', includesState: false },
          { removedIds: ['cp1'], reparented: [], currentCheckpointId: null },
          { vm: vmRef({ hypervisorId: HYPERV_VM }), select: byIds },
        ),
      ]);
  });
});

describe('vm configuration: applying a checkpoint', () => {
  it('leaves the VM Off when a production checkpoint of a running VM is applied, restoring its memory', () => {
    let events = vmIn('Running');
    events = succeed(events, checkpoint('prod', 'before change'));
    expect(vmOf(events).checkpoints[0]).toMatchObject({ kind: 'Production', includesState: false });
    events = succeed(events, setMemory({ startupMb: 4096 }));
    expect(vmOf(events).memory.startupMb).toBe(4096);

    spec
      .given(events)
      .when(applyCheckpoint('prod'))
      .then([
        checkpointApplyRequested(
          { checkpointId: 'prod', name: 'before change', kind: 'Production', includesState: false },
          'Off',
          { vm: vmRef({ memoryMb: 4096 }) },
        ),
      ]);

    const applied = succeed(events, applyCheckpoint('prod'));
    const vm = vmOf(applied);
    expect(vm.power).toBe('Off');
    expect(vm.memory).toEqual({ startupMb: 2048, dynamic: null });
    expect(vm.memoryDemandMb).toBeNull();
    expect(vm.currentCheckpointId).toBe('prod');
  });

  it('leaves the VM Saved when a standard checkpoint taken while running is applied', () => {
    let events = vmIn('Running', { checkpointType: 'Standard' });
    events = succeed(events, checkpoint('std'));
    events = succeed(events, turnOff());
    spec
      .given(events)
      .when(applyCheckpoint('std'))
      .then([
        checkpointApplyRequested(
          { checkpointId: 'std', name: DEFAULT_CHECKPOINT_NAME, kind: 'Standard', includesState: true },
          'Saved',
        ),
      ]);
    const applied = succeed(events, applyCheckpoint('std'));
    expect(vmOf(applied).power).toBe('Saved');
    // A Saved VM resumes from its saved state through a start.
    expect(decide(applied, start('job-on-2')).map((e) => e.type)).toEqual(['VmStartRequested']);
  });

  it('leaves the VM Off when a standard checkpoint taken while Off is applied', () => {
    let events = vmIn('Off', { checkpointType: 'Standard' });
    events = succeed(events, checkpoint('std'));
    events = succeed(events, start());
    expect(onlyEvent(events, applyCheckpoint('std'), 'VmCheckpointApplyRequested').resultingState).toBe('Off');
    expect(vmOf(succeed(events, applyCheckpoint('std'))).power).toBe('Off');
  });

  it('restores the adapters, disks, processors and firmware of the checkpoint', () => {
    let events = vmIn('Off');
    events = succeed(events, checkpoint('c1'));
    events = succeed(events, addAdapter(adapter('Backup')));
    events = succeed(events, addDisk(disk('data.vhdx')));
    events = succeed(events, setProcessor({ processorCount: 8 }));
    events = succeed(events, setFirmware({ secureBoot: false, secureBootTemplate: 'MicrosoftWindows' }));
    const applied = succeed(events, applyCheckpoint('c1'));
    const vm = vmOf(applied);
    expect(vm.networkAdapters.map((a) => a.name)).toEqual(['Ethernet']);
    expect(vm.disks.map((d) => d.name)).toEqual(['os.vhdx']);
    expect(vm.processorCount).toBe(2);
    expect(vm.firmware).toEqual(windowsFirmware);
  });

  it('restores the hardware of the applied checkpoint, not of the latest one', () => {
    let events = vmIn('Off');
    events = succeed(events, checkpoint('small', 'small'));
    events = succeed(events, setMemory({ startupMb: 4096 }));
    events = succeed(events, checkpoint('big', 'big'));
    events = succeed(events, setMemory({ startupMb: 8192 }, {}, 'job-memory-2'));
    expect(vmOf(succeed(events, applyCheckpoint('big'))).memory.startupMb).toBe(4096);
    expect(vmOf(succeed(events, applyCheckpoint('small'))).memory.startupMb).toBe(2048);
  });

  it('leaves everything as it was when applying fails', () => {
    let events = vmIn('Running');
    events = succeed(events, checkpoint('prod'));
    events = succeed(events, setMemory({ startupMb: 4096 }));
    events = succeed(events, checkpoint('later'));
    const after = fail(events, applyCheckpoint('prod'));
    const vm = vmOf(after);
    expect(vm.power).toBe('Running');
    expect(vm.memory.startupMb).toBe(4096);
    expect(vm.currentCheckpointId).toBe('later');
  });

  it('answers NOT_FOUND for applying a checkpoint the VM does not have', () => {
    spec
      .given(withCheckpoints(vmIn('Off'), ['c1']))
      .when(applyCheckpoint('c-unknown'))
      .thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for applying a checkpoint that was deleted', () => {
    const events = succeed(withCheckpoints(vmIn('Off'), ['c1', 'c2']), deleteCheckpoint('c1'));
    spec.given(events).when(applyCheckpoint('c1')).thenThrows('NOT_FOUND');
  });
});

describe('vm configuration: deleting checkpoints', () => {
  /** c1 → c2 → c3, and c2 → c4 (a branch); c4 is current. */
  const branched = () => {
    let events = withCheckpoints(vmIn('Off'), ['c1', 'c2', 'c3']);
    events = succeed(events, applyCheckpoint('c2'));
    return withCheckpoints(events, ['c4']);
  };

  it('builds the branched tree used below', () => {
    expect(tree(branched())).toEqual([
      ['c1', null],
      ['c2', 'c1'],
      ['c3', 'c2'],
      ['c4', 'c2'],
    ]);
    expect(vmOf(branched()).currentCheckpointId).toBe('c4');
  });

  it('merges a checkpoint into its parent and re-parents its children', () => {
    spec
      .given(branched())
      .when(deleteCheckpoint('c2'))
      .then([
        checkpointDeletionRequested(
          { checkpointId: 'c2', name: 'cp c2', kind: 'Standard', includesState: false },
          {
            removedIds: ['c2'],
            reparented: [
              { id: 'c3', parentId: 'c1' },
              { id: 'c4', parentId: 'c1' },
            ],
            currentCheckpointId: 'c4',
          },
        ),
      ]);
    const after = succeed(branched(), deleteCheckpoint('c2'));
    expect(tree(after)).toEqual([
      ['c1', null],
      ['c3', 'c1'],
      ['c4', 'c1'],
    ]);
    expect(vmOf(after).currentCheckpointId).toBe('c4');
  });

  it('makes the children of a deleted root checkpoint roots', () => {
    const after = succeed(branched(), deleteCheckpoint('c1'));
    expect(tree(after)).toEqual([
      ['c2', null],
      ['c3', 'c2'],
      ['c4', 'c2'],
    ]);
  });

  it('moves the current checkpoint to the parent when the current one is deleted', () => {
    spec
      .given(branched())
      .when(deleteCheckpoint('c4'))
      .then([
        checkpointDeletionRequested(
          { checkpointId: 'c4', name: 'cp c4', kind: 'Standard', includesState: false },
          { removedIds: ['c4'], reparented: [], currentCheckpointId: 'c2' },
        ),
      ]);
    const after = succeed(branched(), deleteCheckpoint('c4'));
    expect(vmOf(after).currentCheckpointId).toBe('c2');
    // The next checkpoint hangs below the new current one.
    expect(onlyEvent(after, checkpoint('c5'), 'VmCheckpointRequested')).toMatchObject({ checkpoint: { parentId: 'c2' } });
  });

  it('leaves no current checkpoint when the only checkpoint is deleted', () => {
    const after = succeed(withCheckpoints(vmIn('Off'), ['c1']), deleteCheckpoint('c1'));
    expect(vmOf(after).checkpoints).toEqual([]);
    expect(vmOf(after).currentCheckpointId).toBeNull();
    expect(onlyEvent(after, checkpoint('c2'), 'VmCheckpointRequested')).toMatchObject({ checkpoint: { parentId: null } });
  });

  it('deletes a subtree: the checkpoint and all its descendants', () => {
    const data = onlyEvent(branched(), deleteCheckpoint('c2', true), 'VmCheckpointDeletionRequested');
    expect(data).toMatchObject({ checkpointId: 'c2', subtree: true, reparented: [], currentCheckpointId: 'c1' });
    expect([...(data.removedIds as string[])].sort()).toEqual(['c2', 'c3', 'c4']);
    expect((data.job as { steps: Array<{ powershell: string }> }).steps[0].powershell).toContain('-IncludeAllChildCheckpoints');
    const after = succeed(branched(), deleteCheckpoint('c2', true));
    expect(tree(after)).toEqual([['c1', null]]);
    expect(vmOf(after).currentCheckpointId).toBe('c1');
  });

  it('keeps the current checkpoint when a subtree without it is deleted', () => {
    const after = succeed(branched(), deleteCheckpoint('c3', true));
    expect(tree(after)).toEqual([
      ['c1', null],
      ['c2', 'c1'],
      ['c4', 'c2'],
    ]);
    expect(vmOf(after).currentCheckpointId).toBe('c4');
  });

  it('deletes the whole tree from its root', () => {
    const after = succeed(branched(), deleteCheckpoint('c1', true));
    expect(vmOf(after).checkpoints).toEqual([]);
    expect(vmOf(after).currentCheckpointId).toBeNull();
  });

  it('keeps the checkpoints when the deletion fails', () => {
    const after = fail(branched(), deleteCheckpoint('c2', true));
    expect(tree(after)).toEqual(tree(branched()));
    expect(vmOf(after).currentCheckpointId).toBe('c4');
  });

  it('answers NOT_FOUND for deleting a checkpoint the VM does not have', () => {
    spec.given(branched()).when(deleteCheckpoint('c-unknown')).thenThrows('NOT_FOUND');
    spec.given(branched()).when(deleteCheckpoint('c-unknown', true)).thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for deleting a checkpoint removed with its subtree', () => {
    spec
      .given(succeed(branched(), deleteCheckpoint('c2', true)))
      .when(deleteCheckpoint('c3'))
      .thenThrows('NOT_FOUND');
  });
});

// ---------------------------------------------------------------------------------------------
// Failed changes and retries
// ---------------------------------------------------------------------------------------------

describe('vm configuration: failed changes and retries', () => {
  it('records a failed change with the problem, and the VM stays as it was', () => {
    const events = history([setMemory({ startupMb: 4096 })], vmIn('Running'));
    spec
      .given(events)
      .when(failed('job-memory'))
      .then([{ type: 'VmMemoryChangeFailed', data: { vmId, jobId: 'job-memory', problem, state: null, at: now } }]);
    const after = fail(vmIn('Running'), setMemory({ startupMb: 4096 }));
    expect(vmOf(after).memory).toEqual({ startupMb: 2048, dynamic: null });
    expect(vmOf(after).power).toBe('Running');
    expect(vmOf(after).pending).toBeNull();
  });

  it('retries a failed memory change as the same change, attempt 2', () => {
    const after = fail(vmIn('Running'), setMemory({ startupMb: 4096 }));
    spec
      .given(after)
      .when(retry('job-memory'))
      .then([memoryChangeRequested({ startupMb: 4096, dynamic: null }, true, { attempt: 2 })]);
    expect(vmOf(succeed(after, retry('job-memory'))).memory.startupMb).toBe(4096);
  });

  it('re-checks the rules when retrying: the host no longer has the memory free', () => {
    const after = fail(vmIn('Running'), setMemory({ startupMb: 4096 }));
    spec
      .given(after)
      .when(retry('job-memory', { host: host({ memoryUsedMb: 65536 - 1000 }) }))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
  });

  it('counts attempts up over repeated failures', () => {
    let events = fail(vmIn('Off'), addAdapter(adapter('Backup')));
    events = history([retry('job-add-nic'), failed('job-add-nic')], events);
    spec
      .given(events)
      .when(retry('job-add-nic'))
      .then([adapterAdditionRequested(adapter('Backup'), false, { attempt: 3 })]);
  });

  it('keeps the adapters unchanged after a failed hot-add and retries it hot', () => {
    const after = fail(vmIn('Running'), addAdapter(adapter('Backup')));
    expect(vmOf(after).networkAdapters.map((a) => a.name)).toEqual(['Ethernet']);
    spec
      .given(after)
      .when(retry('job-add-nic'))
      .then([adapterAdditionRequested(adapter('Backup'), true, { attempt: 2 })]);
  });

  it('retries a failed version update, which again discards the saved state', () => {
    const after = fail(vmIn('Saved', { configVersion: '5.0' }), upgrade());
    expect(vmOf(after).configVersion).toBe('5.0');
    expect(vmOf(after).power).toBe('Saved');
    spec
      .given(after)
      .when(retry('job-upgrade'))
      .then([versionUpgradeRequested({ savedStateDiscarded: true }, { attempt: 2 })]);
  });

  it('re-checks the rules when retrying a version update: the cluster went into mixed mode', () => {
    const after = fail(vmIn('Off', { configVersion: '5.0' }), upgrade());
    spec
      .given(after)
      .when(retry('job-upgrade', { cluster: mixedCluster() }))
      .thenThrows('CLUSTER_IN_MIXED_MODE');
  });

  it('retries a failed checkpoint with the same id and name, below the current checkpoint', () => {
    const events = fail(withCheckpoints(vmIn('Off'), ['c1']), checkpoint('c2', 'second'));
    expect(vmOf(events).checkpoints.map((c) => c.id)).toEqual(['c1']);
    spec
      .given(events)
      .when(retry('job-c2'))
      .then([
        checkpointRequested({
          id: 'c2',
          name: 'second',
          parentId: 'c1',
          kind: 'Standard',
          includesState: false,
          requestedType: 'Production',
          fallbackReason: FALLBACK_OFF,
          attempt: 2,
        }),
      ]);
  });

  it('does not retry a failed checkpoint once a checkpoint type change has run since; a new one follows the new type', () => {
    let events = fail(vmIn('Running'), checkpoint('c1', 'first'));
    events = succeed(events, changeCheckpointType('Disabled'));
    spec.given(events).when(retry('job-c1')).thenThrows('JOB_NOT_RESTARTABLE');
    spec.given(events).when(checkpoint('c2', 'second')).thenThrows('CHECKPOINTS_DISABLED');
  });

  it('re-checks the rules when retrying a disk addition: the cluster went into mixed mode', () => {
    const after = fail(vmIn('Off'), addDisk(disk('data.vhdx')));
    spec
      .given(after)
      .when(retry('job-disk', { cluster: mixedCluster() }))
      .thenThrows('CLUSTER_IN_MIXED_MODE');
  });

  it('retries a forced disk addition with force in mixed mode', () => {
    const facts = { cluster: mixedCluster() };
    const after = fail(vmIn('Off'), addDisk(disk('data.vhdx'), true, facts));
    spec
      .given(after)
      .when(retry('job-disk', facts))
      .then([diskAdditionRequested(true, MIXED_MODE_DISK_WARNING, 2)]);
  });

  it('retries a failed checkpoint deletion with the same merge', () => {
    let events = withCheckpoints(vmIn('Off'), ['c1', 'c2', 'c3']);
    events = fail(events, deleteCheckpoint('c2'));
    expect(vmOf(events).checkpoints).toHaveLength(3);
    spec
      .given(events)
      .when(retry('job-delete-c2'))
      .then([
        checkpointDeletionRequested(
          { checkpointId: 'c2', name: 'cp c2', kind: 'Standard', includesState: false },
          { removedIds: ['c2'], reparented: [{ id: 'c3', parentId: 'c1' }], currentCheckpointId: 'c3' },
          { attempt: 2 },
        ),
      ]);
  });

  it('retries failed processor, firmware, service and update changes as the same change', () => {
    const cases: Array<[VmEvent[], VmCommand, VmEvent['type'], Record<string, unknown>]> = [
      [
        vmIn('Off'),
        setProcessor({ processorCount: 4, compatibilityForMigration: true }),
        'VmProcessorChangeRequested',
        { processorCount: 4, compatibilityForMigration: true },
      ],
      [vmIn('Off'), setFirmware(uefiCa), 'VmFirmwareChangeRequested', { firmware: uefiCa }],
      [
        vmIn('Running'),
        setService('Heartbeat', false),
        'VmIntegrationServiceChangeRequested',
        { service: 'Heartbeat', enabled: false },
      ],
      [
        vmIn('Running'),
        updateServices('10.0.14393.0'),
        'VmIntegrationServicesUpdateRequested',
        { version: '10.0.14393.0', previousVersion: null },
      ],
      [
        withCheckpoints(vmIn('Off'), ['c1', 'c2']),
        applyCheckpoint('c1'),
        'VmCheckpointApplyRequested',
        { checkpointId: 'c1', resultingState: 'Off' },
      ],
      [vmIn('Off'), removeAdapter('nic-1'), 'VmNetworkAdapterRemovalRequested', { adapter: { id: 'nic-1' } }],
    ];
    for (const [events, command, type, fields] of cases) {
      const data = onlyEvent(fail(events, command), retry(jobOf(command)), type);
      expect(data).toMatchObject({ ...fields, job: { jobId: jobOf(command), attempt: 2 } });
    }
  });

  it('re-checks the processor count against the host when retrying', () => {
    const after = fail(vmIn('Off'), setProcessor({ processorCount: 12 }));
    spec
      .given(after)
      .when(retry('job-cpu', { host: host({ logicalProcessors: 8 }) }))
      .thenThrows('PROCESSOR_COUNT_EXCEEDS_HOST');
  });

  it('refuses to retry a change that is not the last failed operation', () => {
    const after = fail(vmIn('Off'), setMemory({ startupMb: 4096 }));
    spec.given(after).when(retry('job-other')).thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a failed change after a later operation succeeded', () => {
    const after = succeed(fail(vmIn('Off'), setMemory({ startupMb: 4096 })), setProcessor({ processorCount: 4 }));
    spec.given(after).when(retry('job-memory')).thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('ignores outcomes of a change that is not pending', () => {
    const after = succeed(vmIn('Off'), setMemory({ startupMb: 4096 }));
    spec.given(after).when(done('job-memory')).then([]);
    spec.given(after).when(failed('job-memory')).then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every configuration command against VMs that cannot take it
// ---------------------------------------------------------------------------------------------

describe('vm configuration: unknown, deleted, failed and busy VMs', () => {
  const commands: Array<[string, () => VmCommand]> = [
    ['UpgradeVmVersion', () => upgrade()],
    ['SetVmFirmware', () => setFirmware(windowsFirmware)],
    ['AddNetworkAdapter', () => addAdapter(adapter('Backup'))],
    ['RemoveNetworkAdapter', () => removeAdapter('nic-1')],
    ['SetVmMemory', () => setMemory({ startupMb: 4096 })],
    ['SetVmProcessor', () => setProcessor({ processorCount: 4 })],
    ['SetIntegrationService', () => setService('Heartbeat', false)],
    ['UpdateIntegrationServices', () => updateServices('10.0.14393.0')],
    ['AddVmDisk', () => addDisk(disk('data.vhdx'))],
    ['CreateCheckpoint', () => checkpoint('c9', 'named')],
    ['ApplyCheckpoint', () => applyCheckpoint('c1')],
    ['DeleteCheckpoint', () => deleteCheckpoint('c1')],
  ];
  const deleted = () => succeed(vmIn('Off'), { type: 'DeleteVm', ...base('job-delete') });

  for (const [name, command] of commands) {
    it(`answers NOT_FOUND for ${name} on a VM that does not exist`, () => {
      spec.given([]).when(command()).thenThrows('NOT_FOUND');
    });

    it(`answers NOT_FOUND for ${name} on a deleted VM`, () => {
      spec.given(deleted()).when(command()).thenThrows('NOT_FOUND');
    });

    it(`refuses ${name} on a VM whose creation failed`, () => {
      spec
        .given(history([create(), failed('job-create')]))
        .when(command())
        .thenThrows('INVALID_VM_STATE');
    });

    it(`refuses ${name} while another operation is pending`, () => {
      const busy = history([start('job-busy')], withCheckpoints(vmIn('Off', { configVersion: '5.0' }), ['c1']));
      spec.given(busy).when(command()).thenThrows('OPERATION_PENDING');
    });

    it(`is accepted for ${name} on an Off 5.0 VM with a checkpoint (the baseline of the refusals above)`, () => {
      const ready = withCheckpoints(vmIn('Off', { configVersion: '5.0' }), ['c1']);
      expect(decide(ready, command())).toHaveLength(1);
    });
  }

  it('answers NOT_FOUND for a checkpoint type change on a VM that does not exist or was deleted', () => {
    spec.given([]).when(changeCheckpointType('Standard')).thenThrows('NOT_FOUND');
    spec.given(deleted()).when(changeCheckpointType('Standard')).thenThrows('NOT_FOUND');
  });
});
