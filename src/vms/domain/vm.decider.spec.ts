import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import type { OsVersion } from '../../hosts/domain/windows-server';
import { displayedState, vmDecider } from './vm.decider';
import { CreateVmRequest, HostFacts, VmCommand } from './vm.commands';
import {
  PowerState,
  VirtualDisk,
  VmEvent,
  VmOperationKind,
  VmSpecification,
} from './vm.events';

const spec = deciderSpec(vmDecider);
const vmId = '5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const hostId = '7d3c0e57-4a52-4d7e-9a68-0f2b2a0c5a11';
const now = '2026-11-26T12:00:00.000Z';
const requestedBy = { actor: 'alice', role: 'tenant-admin' };
const problem = { code: 'OPERATION_FAILED', detail: 'The hypervisor refused' };

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

type Cmd<T extends VmCommand['type']> = Extract<VmCommand, { type: T }>;

const create = (overrides: Partial<CreateVmRequest> = {}, facts: HostFacts = host(), jobId = 'job-create'): Cmd<'CreateVm'> => ({
  type: 'CreateVm',
  vmId,
  jobId,
  host: facts,
  request: request(overrides),
  requestedBy,
  now,
});

type PowerCommandType = 'StartVm' | 'SaveVm' | 'PauseVm' | 'ResumeVm' | 'DeleteVm';
const power = (type: PowerCommandType, jobId: string, facts: HostFacts = host()): VmCommand => ({
  type,
  jobId,
  host: facts,
  requestedBy,
  now,
});
const start = (jobId = 'job-start', facts?: HostFacts) => power('StartVm', jobId, facts);
const save = (jobId = 'job-save') => power('SaveVm', jobId);
const pause = (jobId = 'job-pause') => power('PauseVm', jobId);
const resume = (jobId = 'job-resume') => power('ResumeVm', jobId);
const remove = (jobId = 'job-delete') => power('DeleteVm', jobId);
const stop = (mode: 'shutdown' | 'turn-off', jobId = `job-${mode}`): VmCommand => ({
  type: 'StopVm',
  mode,
  jobId,
  host: host(),
  requestedBy,
  now,
});
const retry = (jobId: string, facts: HostFacts = host()): VmCommand => ({
  type: 'RetryVmOperation',
  jobId,
  host: facts,
  requestedBy,
  now,
});
const done = (jobId: string, memoryDemandMb?: number): VmCommand => ({
  type: 'CompleteVmOperation',
  jobId,
  result: memoryDemandMb === undefined ? {} : { memoryDemandMb },
  now,
});
const failed = (jobId: string): VmCommand => ({ type: 'FailVmOperation', jobId, problem, now });

/** Runs commands one after another over the events they produce, like the command handler does. */
function history(commands: readonly VmCommand[], start: readonly VmEvent[] = []): VmEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...vmDecider.decide(command, fold(vmDecider, events)));
  return events;
}

const created = (overrides: Partial<CreateVmRequest> = {}, facts: HostFacts = host()) =>
  history([create(overrides, facts), done('job-create')]);

/** A VM in each power state, reached through commands and their outcomes. */
const inState: Record<PowerState, () => VmEvent[]> = {
  Off: () => created(),
  Running: () => history([start('job-on'), done('job-on')], created()),
  Paused: () => history([pause('job-p'), done('job-p')], inState.Running()),
  Saved: () => history([save('job-s'), done('job-s')], inState.Running()),
};
const POWER_STATES = Object.keys(inState) as PowerState[];
const an = (power: PowerState) => `${power === 'Off' ? 'an' : 'a'} ${power}`;

interface Operation {
  label: string;
  command: () => VmCommand;
  kind: Exclude<VmOperationKind, 'create-vm'>;
  allowed: readonly PowerState[];
  requested: VmEvent['type'];
  succeeded: VmEvent['type'];
  failed: VmEvent['type'];
  to: PowerState;
  step: { name: string; powershell: string };
}

/** Every power operation, the states it may start from and what it leads to (DOMAIN.md). */
const OPERATIONS: readonly Operation[] = [
  {
    label: 'start',
    command: () => start(),
    kind: 'start-vm',
    allowed: ['Off', 'Saved'],
    requested: 'VmStartRequested',
    succeeded: 'VmStarted',
    failed: 'VmStartFailed',
    to: 'Running',
    step: { name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv01"' },
  },
  {
    label: 'shut down',
    command: () => stop('shutdown'),
    kind: 'stop-vm',
    allowed: ['Running'],
    requested: 'VmStopRequested',
    succeeded: 'VmStopped',
    failed: 'VmStopFailed',
    to: 'Off',
    step: { name: 'Shut down the guest operating system', powershell: 'Stop-VM -Name "web01" -ComputerName "hv01" -Force' },
  },
  {
    label: 'turn off',
    command: () => stop('turn-off'),
    kind: 'stop-vm',
    allowed: ['Running', 'Paused', 'Saved'],
    requested: 'VmStopRequested',
    succeeded: 'VmStopped',
    failed: 'VmStopFailed',
    to: 'Off',
    step: { name: 'Turn off the virtual machine', powershell: 'Stop-VM -Name "web01" -ComputerName "hv01" -TurnOff' },
  },
  {
    label: 'save',
    command: () => save(),
    kind: 'save-vm',
    allowed: ['Running', 'Paused'],
    requested: 'VmSaveRequested',
    succeeded: 'VmSaved',
    failed: 'VmSaveFailed',
    to: 'Saved',
    step: { name: 'Save the virtual machine state', powershell: 'Save-VM -Name "web01" -ComputerName "hv01"' },
  },
  {
    label: 'pause',
    command: () => pause(),
    kind: 'pause-vm',
    allowed: ['Running'],
    requested: 'VmPauseRequested',
    succeeded: 'VmPaused',
    failed: 'VmPauseFailed',
    to: 'Paused',
    step: { name: 'Pause the virtual machine', powershell: 'Suspend-VM -Name "web01" -ComputerName "hv01"' },
  },
  {
    label: 'resume',
    command: () => resume(),
    kind: 'resume-vm',
    allowed: ['Paused'],
    requested: 'VmResumeRequested',
    succeeded: 'VmResumed',
    failed: 'VmResumeFailed',
    to: 'Running',
    step: { name: 'Resume the virtual machine', powershell: 'Resume-VM -Name "web01" -ComputerName "hv01"' },
  },
  {
    label: 'delete',
    command: () => remove(),
    kind: 'delete-vm',
    allowed: ['Off'],
    requested: 'VmDeletionRequested',
    succeeded: 'VmDeleted',
    failed: 'VmDeletionFailed',
    to: 'Off',
    step: { name: 'Remove the virtual machine', powershell: 'Remove-VM -Name "web01" -ComputerName "hv01" -Force' },
  },
];

const stopOperation = (mode: 'shutdown' | 'turn-off') =>
  OPERATIONS.find((o) => o.label === (mode === 'shutdown' ? 'shut down' : 'turn off')) as Operation;

/** The whole request an operation of the table records for web01 on hv01 (a stop carries its mode twice). */
function requestOf(operation: Operation, job: { attempt?: number; jobId?: string } = {}): VmEvent {
  const command = operation.command() as { jobId: string; mode?: 'shutdown' | 'turn-off' };
  const mode = command.mode === undefined ? {} : { mode: command.mode };
  return {
    type: operation.requested,
    data: {
      vmId,
      job: {
        jobId: job.jobId ?? command.jobId,
        attempt: job.attempt ?? 1,
        kind: operation.kind,
        target: { type: 'vm', id: vmId },
        steps: [operation.step],
        operation: { kind: operation.kind, host: hostRef, vm: vmRef, ...mode },
        requestedBy,
        tenant: 'contoso',
      },
      requestedAt: now,
      ...mode,
    },
  } as VmEvent;
}

/** The operations the VM accepts now: how its state shows through further commands. */
function acceptedOperations(events: readonly VmEvent[]): string[] {
  const state = fold(vmDecider, events);
  return OPERATIONS.filter((operation) => {
    try {
      return vmDecider.decide(operation.command(), state).length > 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'INVALID_VM_STATE') return false;
      throw error;
    }
  }).map((operation) => operation.label);
}

const acceptedFrom = (power: PowerState) => OPERATIONS.filter((o) => o.allowed.includes(power)).map((o) => o.label);

const powerOf = (events: readonly VmEvent[]) => {
  const state = fold(vmDecider, events);
  if (state.status === 'None') throw new Error('no VM');
  return state.power;
};

const throwsCode = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

const hostRef = { hostId, name: 'hv01', osVersion: 'WS2016' as OsVersion, memoryMb: 65536 };
const vmRef = { vmId, name: 'web01', generation: 2 as const, configVersion: '8.0', memoryMb: 2048, processorCount: 2 };

/** The whole request to start web01 on hv01 (a start's event does not depend on the firmware). */
const startRequested = (jobId = 'job-start', generation: 1 | 2 = 2): VmEvent => ({
  type: 'VmStartRequested',
  data: {
    vmId,
    requestedAt: now,
    job: {
      jobId,
      attempt: 1,
      kind: 'start-vm',
      target: { type: 'vm', id: vmId },
      steps: [{ name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv01"' }],
      operation: { kind: 'start-vm', host: hostRef, vm: { ...vmRef, generation } },
      requestedBy,
      tenant: 'contoso',
    },
  },
});

/** What a creation of web01 on hv01 (WS2016, so version 8.0) settles on: `create()`'s request with the defaults filled in. */
type Creation = Pick<
  VmSpecification,
  'generation' | 'guestOs' | 'memory' | 'processorCount' | 'networkAdapters' | 'disks' | 'firmware' | 'checkpointType' | 'clusterId'
>;

const createdByDefault: Creation = {
  generation: 2,
  guestOs: { family: 'windows', version: null },
  memory: { startupMb: 2048, dynamic: null },
  processorCount: 2,
  networkAdapters: [{ id: 'nic-1', name: 'Ethernet', switchName: 'External' }],
  disks: [{ id: 'disk-1', name: 'os.vhdx', sizeGb: 60 }],
  firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
  checkpointType: 'Production',
  clusterId: null,
};

/**
 * The PowerShell of a creation, step by step: New-VM, processors, dynamic memory, firmware, the
 * adapter New-VM adds removed, the request's adapters (named in the guest on Generation 2), each
 * disk created and attached, the checkpoint type.
 */
function creationSteps(vm: Creation): Array<{ name: string; powershell: string }> {
  const { startupMb, dynamic } = vm.memory;
  // The file is named after VM and disk, with the extension once: disk os.vhdx is web01-os.vhdx.
  const vhd = (disk: VirtualDisk) =>
    `(Join-Path (Get-VMHost -ComputerName "hv01").VirtualHardDiskPath "web01-${disk.name.replace(/\.vhdx$/, '')}.vhdx")`;
  return [
    {
      name: `Create the virtual machine (Generation ${vm.generation}, version 8.0)`,
      powershell: `New-VM -Name "web01" -Generation ${vm.generation} -Version 8.0 -MemoryStartupBytes ${startupMb}MB -NoVHD -ComputerName "hv01"`,
    },
    {
      name: `Use ${vm.processorCount} virtual processors`,
      powershell: `Set-VMProcessor -VMName "web01" -Count ${vm.processorCount} -ComputerName "hv01"`,
    },
    ...(dynamic
      ? [
          {
            name: `Use dynamic memory: ${startupMb} MB at startup, ${dynamic.minimumMb}–${dynamic.maximumMb} MB, ${dynamic.bufferPercent} % buffer`,
            powershell: `Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $true -StartupBytes ${startupMb}MB -MinimumBytes ${dynamic.minimumMb}MB -MaximumBytes ${dynamic.maximumMb}MB -Buffer ${dynamic.bufferPercent} -ComputerName "hv01"`,
          },
        ]
      : []),
    ...(vm.firmware
      ? [
          {
            name: vm.firmware.secureBoot
              ? `Turn Secure Boot on with the ${vm.firmware.secureBootTemplate} template`
              : 'Turn Secure Boot off',
            powershell: `Set-VMFirmware -VMName "web01" -EnableSecureBoot ${vm.firmware.secureBoot ? 'On' : 'Off'} -SecureBootTemplate "${vm.firmware.secureBootTemplate}" -ComputerName "hv01"`,
          },
        ]
      : []),
    {
      name: 'Remove the adapter New-VM added',
      powershell:
        'Get-VMNetworkAdapter -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "Network Adapter" | Remove-VMNetworkAdapter',
    },
    ...vm.networkAdapters.map((nic) => ({
      name: `Add network adapter ${nic.name} on switch ${nic.switchName}`,
      powershell: `Add-VMNetworkAdapter -VMName "web01" -Name "${nic.name}" -SwitchName "${nic.switchName}"${vm.generation === 2 ? ' -DeviceNaming On' : ''} -ComputerName "hv01"`,
    })),
    ...vm.disks.flatMap((disk) => [
      {
        name: `Create the ${disk.sizeGb} GB virtual hard disk ${disk.name}`,
        powershell: `New-VHD -Path ${vhd(disk)} -SizeBytes ${disk.sizeGb}GB -Dynamic -ComputerName "hv01"`,
      },
      {
        name: `Attach the virtual hard disk ${disk.name}`,
        powershell: `Add-VMHardDiskDrive -VMName "web01" -Path ${vhd(disk)} -ComputerName "hv01"`,
      },
    ]),
    {
      name: `Set the checkpoint type to ${vm.checkpointType}`,
      powershell: `Set-VM -Name "web01" -CheckpointType ${vm.checkpointType} -ComputerName "hv01"`,
    },
  ];
}

/** The whole request a creation records: the VM as `changes` make it (from the defaults), its create-vm job and attempt. */
const creationRequested = (changes: Partial<Creation> = {}, attempt = 1): VmEvent => {
  const vm = { ...createdByDefault, ...changes };
  return {
    type: 'VmCreationRequested',
    data: {
      vmId,
      requestedAt: now,
      name: 'web01',
      tenant: 'contoso',
      hostId,
      configVersion: '8.0',
      ...vm,
      job: {
        jobId: 'job-create',
        attempt,
        kind: 'create-vm',
        target: { type: 'vm', id: vmId },
        steps: creationSteps(vm),
        operation: {
          kind: 'create-vm',
          host: hostRef,
          vm: { ...vmRef, generation: vm.generation, memoryMb: vm.memory.startupMb, processorCount: vm.processorCount },
          configuration: {
            memory: vm.memory,
            firmware: vm.firmware,
            adapters: vm.networkAdapters,
            disks: vm.disks,
            checkpointType: vm.checkpointType,
          },
        },
        requestedBy,
        tenant: 'contoso',
      },
    },
  };
};

describe('vm decider: creation', () => {
  it('asks for a new Generation 2 VM with the defaults filled in and a create-vm job', () => {
    spec.given([]).when(create()).then([creationRequested()]);
  });

  it('keeps the guest OS version, the cluster of the host, the firmware and the checkpoint type it is given', () => {
    spec
      .given([])
      .when(
        create(
          {
            guestOs: { family: 'linux', version: 'Ubuntu 24.04' },
            firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
            checkpointType: 'Standard',
          },
          host({ clusterId: 'cluster-1' }),
        ),
      )
      .then([
        creationRequested({
          guestOs: { family: 'linux', version: 'Ubuntu 24.04' },
          firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
          checkpointType: 'Standard',
          clusterId: 'cluster-1',
        }),
      ]);
  });

  it('gives a Generation 1 VM no firmware settings', () => {
    spec
      .given([])
      .when(create({ generation: 1 }))
      .then([creationRequested({ generation: 1, firmware: null })]);
  });

  it('refuses firmware settings on a Generation 1 VM', () => {
    spec
      .given([])
      .when(create({ generation: 1, firmware: { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' } }))
      .thenThrows('GENERATION_2_REQUIRED');
  });

  const defaults: Array<[OsVersion, string]> = [
    ['WS2012R2', '5.0'],
    ['WS2016', '8.0'],
    ['WS2019', '9.0'],
    ['WS2022', '10.0'],
    ['WS2025', '12.0'],
  ];
  for (const [osVersion, configVersion] of defaults) {
    it(`creates VMs at configuration version ${configVersion} by default on a ${osVersion} host`, () => {
      spec
        .given([])
        .when(create({}, host({ osVersion })))
        .thenMatches((events) => {
          expect(events[0].data).toMatchObject({
            configVersion,
            job: { operation: { vm: { configVersion } } },
          });
        });
    });
  }

  const supported: Array<[OsVersion, string]> = [
    ['WS2016', '5.0'],
    ['WS2019', '8.0'],
    ['WS2022', '8.0'],
    ['WS2025', '9.3'],
  ];
  for (const [osVersion, configVersion] of supported) {
    it(`keeps an explicit configuration version ${configVersion} that a ${osVersion} host supports`, () => {
      spec
        .given([])
        .when(create({ configVersion }, host({ osVersion })))
        .thenMatches((events) => expect(events[0].data).toMatchObject({ configVersion }));
    });
  }

  const unsupported: Array<[OsVersion, string]> = [
    ['WS2012R2', '8.0'],
    ['WS2016', '9.0'],
    ['WS2019', '10.0'],
    ['WS2022', '5.0'],
    ['WS2022', '12.0'],
    ['WS2025', '5.0'],
    ['WS2025', '7.1'],
    ['WS2016', '99.0'],
  ];
  for (const [osVersion, configVersion] of unsupported) {
    it(`refuses configuration version ${configVersion} on a ${osVersion} host`, () => {
      spec
        .given([])
        .when(create({ configVersion }, host({ osVersion })))
        .thenThrows('CONFIG_VERSION_UNSUPPORTED');
    });
  }

  it('refuses to place a VM on a host that is being reinstalled', () => {
    spec
      .given([])
      .when(create({}, host({ state: 'Reinstalling' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });

  it('refuses to place a VM on a host that is down', () => {
    spec
      .given([])
      .when(create({}, host({ state: 'Down' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });

  it('accepts as many virtual processors as the host has logical processors', () => {
    spec
      .given([])
      .when(create({ processorCount: 16 }))
      .then([creationRequested({ processorCount: 16 })]);
  });

  it('refuses more virtual processors than the host has logical processors', () => {
    spec
      .given([])
      .when(create({ processorCount: 17 }))
      .thenThrows('PROCESSOR_COUNT_EXCEEDS_HOST');
  });

  it('refuses two network adapters with the same name, ignoring case', () => {
    spec
      .given([])
      .when(
        create({
          networkAdapters: [
            { id: 'nic-1', name: 'Ethernet', switchName: 'External' },
            { id: 'nic-2', name: 'ETHERNET', switchName: 'Internal' },
          ],
        }),
      )
      .thenThrows('DUPLICATE_ADAPTER_NAME');
  });

  it('accepts network adapters with distinct names, and a VM without any', () => {
    spec
      .given([])
      .when(
        create({
          networkAdapters: [
            { id: 'nic-1', name: 'Ethernet', switchName: 'External' },
            { id: 'nic-2', name: 'Ethernet 2', switchName: 'External' },
          ],
        }),
      )
      .then([
        creationRequested({
          networkAdapters: [
            { id: 'nic-1', name: 'Ethernet', switchName: 'External' },
            { id: 'nic-2', name: 'Ethernet 2', switchName: 'External' },
          ],
        }),
      ]);
    spec
      .given([])
      .when(create({ networkAdapters: [] }))
      .then([creationRequested({ networkAdapters: [] })]);
  });

  it('refuses to create a VM that exists already', () => {
    spec.given(created()).when(create()).thenThrows('VM_ALREADY_EXISTS');
    spec
      .given(history([create()]))
      .when(create())
      .thenThrows('VM_ALREADY_EXISTS');
  });
});

describe('vm decider: memory settings', () => {
  it('refuses startup memory of 31 MB', () => {
    spec
      .given([])
      .when(create({ memory: { startupMb: 31 } }))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('accepts startup memory of 32 MB', () => {
    spec
      .given([])
      .when(create({ memory: { startupMb: 32 } }))
      .then([creationRequested({ memory: { startupMb: 32, dynamic: null } })]);
  });

  const dynamic = (startupMb: number, minimumMb: number, maximumMb: number, bufferPercent?: number) =>
    create({ memory: { startupMb, dynamic: { minimumMb, maximumMb, bufferPercent } } });

  it('refuses a dynamic memory minimum of 31 MB', () => {
    spec
      .given([])
      .when(dynamic(1024, 31, 4096))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('accepts a dynamic memory minimum of 32 MB with a default buffer of 20 %', () => {
    spec
      .given([])
      .when(dynamic(1024, 32, 4096))
      .then([creationRequested({ memory: { startupMb: 1024, dynamic: { minimumMb: 32, maximumMb: 4096, bufferPercent: 20 } } })]);
  });

  it('refuses a dynamic memory minimum above the startup memory', () => {
    spec
      .given([])
      .when(dynamic(1024, 1025, 4096))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('refuses startup memory above the dynamic memory maximum', () => {
    spec
      .given([])
      .when(dynamic(4097, 512, 4096))
      .thenThrows('INVALID_MEMORY_SETTINGS');
  });

  it('accepts minimum, startup and maximum all equal', () => {
    spec
      .given([])
      .when(dynamic(1024, 1024, 1024))
      .then([
        creationRequested({ memory: { startupMb: 1024, dynamic: { minimumMb: 1024, maximumMb: 1024, bufferPercent: 20 } } }),
      ]);
  });

  for (const bufferPercent of [4, 2001]) {
    it(`refuses a dynamic memory buffer of ${bufferPercent} %`, () => {
      spec
        .given([])
        .when(dynamic(1024, 512, 4096, bufferPercent))
        .thenThrows('INVALID_MEMORY_SETTINGS');
    });
  }

  for (const bufferPercent of [5, 2000]) {
    it(`accepts a dynamic memory buffer of ${bufferPercent} %`, () => {
      spec
        .given([])
        .when(dynamic(1024, 512, 4096, bufferPercent))
        .thenMatches((events) => expect(events[0].data).toMatchObject({ memory: { dynamic: { bufferPercent } } }));
    });
  }

  it('puts the startup memory of a dynamic-memory VM into its job', () => {
    spec
      .given([])
      .when(dynamic(1024, 512, 4096))
      .then([
        creationRequested({ memory: { startupMb: 1024, dynamic: { minimumMb: 512, maximumMb: 4096, bufferPercent: 20 } } }),
      ]);
  });
});

describe('vm decider: outcome of the creation', () => {
  it('records the created VM, which is then Off', () => {
    spec
      .given(history([create()]))
      .when(done('job-create'))
      .then([{ type: 'VmCreated', data: { vmId, jobId: 'job-create', hostId, memoryMb: 2048, at: now } }]);
    expect(powerOf(created())).toBe('Off');
    expect(acceptedOperations(created())).toEqual(['start', 'delete']);
  });

  it("records Hyper-V's own id of the VM as the host reported it, and addresses the VM by it afterwards", () => {
    const hypervisorVmId = '6f9619ff-8b86-4011-b42d-00c04fc964ff';
    const reported: VmCommand = { type: 'CompleteVmOperation', jobId: 'job-create', result: { hypervisorVmId }, now };
    spec
      .given(history([create()]))
      .when(reported)
      .then([{ type: 'VmCreated', data: { vmId, jobId: 'job-create', hostId, memoryMb: 2048, at: now, hypervisorVmId } }]);
    spec
      .given(history([create(), reported]))
      .when(start('job-start'))
      .then([
        {
          type: 'VmStartRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-start',
              attempt: 1,
              kind: 'start-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Start the virtual machine',
                  powershell: `Get-VM -Id "${hypervisorVmId}" -ComputerName "hv01" | Start-VM`,
                },
              ],
              operation: {
                kind: 'start-vm',
                host: hostRef,
                vm: {
                  vmId,
                  hypervisorId: hypervisorVmId,
                  name: 'web01',
                  generation: 2,
                  configVersion: '8.0',
                  memoryMb: 2048,
                  processorCount: 2,
                },
              },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
          },
        },
      ]);
  });

  it('records no Hyper-V id when the host reported none, and addresses the VM by name', () => {
    spec
      .given(created())
      .when(start('job-start'))
      .then([
        {
          type: 'VmStartRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-start',
              attempt: 1,
              kind: 'start-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Start the virtual machine',
                  powershell: 'Start-VM -Name "web01" -ComputerName "hv01"',
                },
              ],
              operation: { kind: 'start-vm', host: hostRef, vm: vmRef },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
          },
        },
      ]);
  });

  it('records a failed creation', () => {
    spec
      .given(history([create()]))
      .when(failed('job-create'))
      .then([{ type: 'VmCreationFailed', data: { vmId, jobId: 'job-create', problem, state: null, at: now } }]);
  });

  it('refuses to operate a VM whose creation failed', () => {
    const events = history([create(), failed('job-create')]);
    for (const operation of OPERATIONS) {
      spec.given(events).when(operation.command()).thenThrows('INVALID_VM_STATE');
    }
  });

  it('retries a failed creation as the same job with the next attempt', () => {
    spec
      .given(history([create(), failed('job-create')]))
      .when(retry('job-create'))
      .then([creationRequested({}, 2)]);
  });

  it('creates the VM when the retried creation succeeds', () => {
    const events = history([create(), failed('job-create'), retry('job-create'), done('job-create')]);
    expect(events.at(-1)?.type).toBe('VmCreated');
    expect(acceptedOperations(events)).toEqual(['start', 'delete']);
  });

  it('refuses to retry a failed creation on a host that is being reinstalled', () => {
    spec
      .given(history([create(), failed('job-create')]))
      .when(retry('job-create', host({ state: 'Reinstalling' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });
});

describe('vm decider: power operations', () => {
  it('asks to start an Off VM with a start-vm job and its PowerShell', () => {
    spec
      .given(created())
      .when(start('job-42'))
      .then([
        {
          type: 'VmStartRequested',
          data: {
            vmId,
            requestedAt: now,
            job: {
              jobId: 'job-42',
              attempt: 1,
              kind: 'start-vm',
              target: { type: 'vm', id: vmId },
              steps: [{ name: 'Start the virtual machine', powershell: 'Start-VM -Name "web01" -ComputerName "hv01"' }],
              operation: { kind: 'start-vm', host: hostRef, vm: vmRef },
              requestedBy,
              tenant: 'contoso',
            },
          },
        },
      ]);
  });

  it('asks to shut down a running guest with the stop mode recorded', () => {
    spec
      .given(inState.Running())
      .when(stop('shutdown', 'job-43'))
      .then([
        {
          type: 'VmStopRequested',
          data: {
            vmId,
            requestedAt: now,
            mode: 'shutdown',
            job: {
              jobId: 'job-43',
              attempt: 1,
              kind: 'stop-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                { name: 'Shut down the guest operating system', powershell: 'Stop-VM -Name "web01" -ComputerName "hv01" -Force' },
              ],
              operation: { kind: 'stop-vm', host: hostRef, vm: vmRef, mode: 'shutdown' },
              requestedBy,
              tenant: 'contoso',
            },
          },
        },
      ]);
  });

  it('deletes a VM on a cluster node with its role: the job removes the role from the cluster, then the VM', () => {
    const onNode: HostFacts = { ...host(), clusterId: 'cluster-1', clusterName: 'fc01' };
    const deletion = OPERATIONS.find((o) => o.kind === 'delete-vm')!;
    const expected = requestOf(deletion) as Extract<VmEvent, { type: 'VmDeletionRequested' }>;
    const cluster = { clusterId: 'cluster-1', name: 'fc01' };
    spec
      .given(created({}, onNode))
      .when(power('DeleteVm', 'job-delete', onNode))
      .then([
        {
          type: 'VmDeletionRequested',
          data: {
            ...expected.data,
            job: {
              ...expected.data.job,
              steps: [
                {
                  name: 'Remove the role of web01 from cluster fc01',
                  powershell: 'Remove-ClusterGroup -Cluster "fc01" -Name "web01" -RemoveResources -Force',
                },
                deletion.step,
              ],
              operation: { kind: 'delete-vm', host: hostRef, vm: vmRef, cluster },
            },
          },
        },
      ]);
  });

  it("names the role's cluster from the cluster's own facts when the host's facts do not know it yet", () => {
    const onNode: HostFacts = { ...host(), clusterId: 'cluster-1', clusterName: 'fc01' };
    const lagging: HostFacts = { ...host(), clusterId: null, clusterName: null };
    const clusterFacts = { clusterId: 'cluster-1', name: 'fc01', functionalLevel: 9, mixedMode: false, nodeOsVersions: ['WS2016' as const] };
    const [requested] = vmDecider.decide(
      { type: 'DeleteVm', jobId: 'job-delete', host: lagging, cluster: clusterFacts, requestedBy, now },
      fold(vmDecider, created({}, onNode)),
    ) as Array<Extract<VmEvent, { type: 'VmDeletionRequested' }>>;
    expect(requested.data.job.operation).toEqual({ kind: 'delete-vm', host: hostRef, vm: vmRef, cluster: { clusterId: 'cluster-1', name: 'fc01' } });
    expect(requested.data.job.steps.map((step) => step.powershell)[0]).toBe('Remove-ClusterGroup -Cluster "fc01" -Name "web01" -RemoveResources -Force');
  });

  it('deletes a VM created before its host joined a cluster without a role step: it was never a role', () => {
    const joined: HostFacts = { ...host(), clusterId: 'cluster-1', clusterName: 'fc01' };
    const deletion = OPERATIONS.find((o) => o.kind === 'delete-vm')!;
    spec.given(inState.Off()).when(power('DeleteVm', 'job-delete', joined)).then([requestOf(deletion)]);
  });

  for (const operation of OPERATIONS) {
    for (const from of operation.allowed) {
      it(`accepts to ${operation.label} ${an(from)} VM`, () => {
        spec
          .given(inState[from]())
          .when(operation.command())
          .then([requestOf(operation)]);
      });
    }
    for (const from of POWER_STATES.filter((s) => !operation.allowed.includes(s))) {
      it(`refuses to ${operation.label} ${an(from)} VM`, () => {
        spec.given(inState[from]()).when(operation.command()).thenThrows('INVALID_VM_STATE');
      });
    }
  }

  it('names the current and the allowed states when refusing', () => {
    const state = fold(vmDecider, inState.Paused());
    let caught: unknown;
    try {
      vmDecider.decide(stop('shutdown'), state);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'INVALID_VM_STATE', details: { state: 'Paused', allowed: ['Running'] } });
  });

  it('starts a Saved VM', () => {
    const events = history([start('job-restore'), done('job-restore')], inState.Saved());
    expect(events.at(-1)?.type).toBe('VmStarted');
    expect(powerOf(events)).toBe('Running');
  });
});

describe('vm decider: outcomes of power operations', () => {
  for (const operation of OPERATIONS) {
    const from = operation.allowed[0];
    const jobId = (operation.command() as { jobId: string }).jobId;

    it(`records that ${operation.label} succeeded on ${an(from)} VM, which is then ${operation.kind === 'delete-vm' ? 'gone' : operation.to}`, () => {
      const requested = history([operation.command()], inState[from]());
      spec
        .given(requested)
        .when(done(jobId))
        // No guest report came with this outcome, so the event carries none.
        .then([{ type: operation.succeeded, data: { vmId, jobId, hostId, memoryMb: 2048, at: now } } as VmEvent]);
      const after = history([done(jobId)], requested);
      if (operation.kind === 'delete-vm') {
        expect(throwsCode(() => vmDecider.decide(start('job-next'), fold(vmDecider, after)))).toBe('NOT_FOUND');
      } else {
        expect(powerOf(after)).toBe(operation.to);
        expect(acceptedOperations(after)).toEqual(acceptedFrom(operation.to));
      }
    });

    it(`records that ${operation.label} failed on ${an(from)} VM, which stays ${from}`, () => {
      const requested = history([operation.command()], inState[from]());
      spec
        .given(requested)
        .when(failed(jobId))
        .then([{ type: operation.failed, data: { vmId, jobId, problem, state: null, at: now } } as VmEvent]);
      const after = history([failed(jobId)], requested);
      expect(powerOf(after)).toBe(from);
      expect(acceptedOperations(after)).toEqual(acceptedFrom(from));
    });
  }

  it('records the memory demand reported when the VM started', () => {
    spec
      .given(history([start('job-on')], created()))
      .when(done('job-on', 1536))
      .then([{ type: 'VmStarted', data: { vmId, jobId: 'job-on', hostId, memoryMb: 2048, memoryDemandMb: 1536, at: now } }]);
  });

  it('walks a VM through its whole life', () => {
    const events = history([
      create(),
      done('job-create'),
      start('j1'),
      done('j1'),
      pause('j2'),
      done('j2'),
      resume('j3'),
      done('j3'),
      save('j4'),
      done('j4'),
      start('j5'),
      done('j5'),
      stop('shutdown', 'j6'),
      done('j6'),
      remove('j7'),
      done('j7'),
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'VmCreationRequested',
      'VmCreated',
      'VmStartRequested',
      'VmStarted',
      'VmPauseRequested',
      'VmPaused',
      'VmResumeRequested',
      'VmResumed',
      'VmSaveRequested',
      'VmSaved',
      'VmStartRequested',
      'VmStarted',
      'VmStopRequested',
      'VmStopped',
      'VmDeletionRequested',
      'VmDeleted',
    ]);
  });

  it('ignores an outcome for another job', () => {
    const requested = history([start('job-on')], created());
    spec.given(requested).when(done('job-other')).then([]);
    spec.given(requested).when(failed('job-other')).then([]);
  });

  it('ignores an outcome that arrives twice', () => {
    const started = history([start('job-on'), done('job-on')], created());
    spec.given(started).when(done('job-on')).then([]);
    spec.given(started).when(failed('job-on')).then([]);
  });

  it('ignores a success that arrives after the failure of the same job', () => {
    spec
      .given(history([start('job-on'), failed('job-on')], created()))
      .when(done('job-on'))
      .then([]);
  });

  it('ignores outcomes when nothing is pending or the VM does not exist', () => {
    spec.given(created()).when(done('job-create')).then([]);
    spec.given([]).when(done('job-create')).then([]);
    spec.given([]).when(failed('job-create')).then([]);
  });
});

describe('vm decider: pending operations', () => {
  const pendingFrom: Array<[string, () => VmEvent[]]> = [
    ['create', () => history([create()])],
    ...OPERATIONS.map((operation): [string, () => VmEvent[]] => [
      operation.label,
      () => history([operation.command()], inState[operation.allowed[0]]()),
    ]),
  ];
  for (const [pending, given] of pendingFrom) {
    it(`refuses every operation while a ${pending} job is pending`, () => {
      const events = given();
      for (const operation of OPERATIONS) {
        spec.given(events).when(operation.command()).thenThrows('OPERATION_PENDING');
      }
    });
  }
});

describe('vm decider: starting on the host', () => {
  it('refuses to start a VM on a host that is being reinstalled', () => {
    spec
      .given(created())
      .when(start('job-on', host({ state: 'Reinstalling' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });

  it('refuses to start a VM on a host that does not support its configuration version', () => {
    spec
      .given(created())
      .when(start('job-on', host({ osVersion: 'WS2012R2' })))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
    spec
      .given(created({ configVersion: '5.0' }))
      .when(start('job-on', host({ osVersion: 'WS2022' })))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it('starts a VM whose startup memory exactly fits the free memory of the host', () => {
    spec
      .given(created())
      .when(start('job-on', host({ memoryUsedMb: 65536 - 2048 })))
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
              operation: { kind: 'start-vm', host: hostRef, vm: vmRef },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
          },
        },
      ]);
  });

  it('refuses to start a VM that needs 1 MB more than the host has free', () => {
    spec
      .given(created())
      .when(start('job-on', host({ memoryUsedMb: 65536 - 2047 })))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
  });

  it('checks the free memory when starting a Saved VM too', () => {
    spec
      .given(inState.Saved())
      .when(start('job-on', host({ memoryUsedMb: 65536 - 2047 })))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
  });

  it('refuses to start a Linux guest with Secure Boot on and the MicrosoftWindows template', () => {
    spec
      .given(created({ guestOs: { family: 'linux' }, firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' } }))
      .when(start())
      .thenThrows('SECURE_BOOT_TEMPLATE_MISMATCH');
  });

  it('starts a Linux guest created with the default firmware, which picks the UEFI CA template for Linux', () => {
    spec
      .given(created({ guestOs: { family: 'linux' } }))
      .when(start())
      .then([startRequested()]);
  });

  const allowedFirmware: Array<[string, CreateVmRequest['firmware']]> = [
    [
      'Secure Boot with the MicrosoftUEFICertificateAuthority template',
      { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
    ],
    ['Secure Boot with the OpenSourceShieldedVM template', { secureBoot: true, secureBootTemplate: 'OpenSourceShieldedVM' }],
    ['Secure Boot off and the MicrosoftWindows template', { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' }],
  ];
  for (const [label, firmware] of allowedFirmware) {
    it(`starts a Linux guest with ${label}`, () => {
      spec
        .given(created({ guestOs: { family: 'linux' }, firmware }))
        .when(start())
        .then([startRequested()]);
    });
  }

  it('starts a Generation 1 Linux guest, which has no Secure Boot', () => {
    spec
      .given(created({ generation: 1, guestOs: { family: 'linux' } }))
      .when(start())
      .then([startRequested('job-start', 1)]);
  });

  it('starts a Windows guest with Secure Boot and the MicrosoftWindows template', () => {
    spec.given(created()).when(start()).then([startRequested()]);
  });

  it('does not create a Linux guest with Secure Boot at a configuration version below 6.2 (FEATURE_REQUIRES_NEWER_VERSION)', () => {
    // DOMAIN.md: an explicit UEFI CA template below 6.2, the first version that runs Linux Secure Boot, is refused.
    const linux5 = create({
      configVersion: '5.0',
      guestOs: { family: 'linux' },
      firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' },
    });
    spec.given([]).when(linux5).thenThrows('FEATURE_REQUIRES_NEWER_VERSION');
  });
});

describe('vm decider: deleted and unknown VMs', () => {
  const deleted = () => history([remove(), done('job-delete')], created());
  it('answers NOT_FOUND for every operation on a VM that does not exist', () => {
    for (const operation of OPERATIONS) spec.given([]).when(operation.command()).thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for every operation on a deleted VM', () => {
    for (const operation of OPERATIONS) spec.given(deleted()).when(operation.command()).thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for a retry on a VM that does not exist', () => {
    spec.given([]).when(retry('job-delete')).thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for a retry on a deleted VM', () => {
    spec.given(deleted()).when(retry('job-delete')).thenThrows('NOT_FOUND');
  });

  it('answers NOT_FOUND for a retry of an earlier failed job on a deleted VM', () => {
    spec
      .given(history([start('job-on'), failed('job-on'), remove(), done('job-delete')], created()))
      .when(retry('job-on'))
      .thenThrows('NOT_FOUND');
  });

  it('refuses to create a VM again under the id of a deleted one', () => {
    spec.given(deleted()).when(create()).thenThrows('VM_ALREADY_EXISTS');
  });

  it('ignores outcomes that arrive after the deletion', () => {
    spec.given(deleted()).when(done('job-delete')).then([]);
    spec.given(deleted()).when(failed('job-delete')).then([]);
  });

  it('keeps a VM whose deletion failed', () => {
    const events = history([remove(), failed('job-delete')], created());
    expect(acceptedOperations(events)).toEqual(['start', 'delete']);
  });
});

describe('vm decider: retrying a failed operation', () => {
  it('retries a failed start as the same job with the next attempt and the same PowerShell', () => {
    spec
      .given(history([start('job-on'), failed('job-on')], created()))
      .when(retry('job-on'))
      .then([
        {
          type: 'VmStartRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-on',
              attempt: 2,
              kind: 'start-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Start the virtual machine',
                  powershell: 'Start-VM -Name "web01" -ComputerName "hv01"',
                },
              ],
              operation: { kind: 'start-vm', host: hostRef, vm: vmRef },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
          },
        },
      ]);
  });

  it('counts attempts up over repeated failures', () => {
    spec
      .given(history([start('job-on'), failed('job-on'), retry('job-on'), failed('job-on')], created()))
      .when(retry('job-on'))
      .then([
        {
          type: 'VmStartRequested',
          data: {
            vmId,
            job: {
              jobId: 'job-on',
              attempt: 3,
              kind: 'start-vm',
              target: { type: 'vm', id: vmId },
              steps: [
                {
                  name: 'Start the virtual machine',
                  powershell: 'Start-VM -Name "web01" -ComputerName "hv01"',
                },
              ],
              operation: { kind: 'start-vm', host: hostRef, vm: vmRef },
              requestedBy,
              tenant: 'contoso',
            },
            requestedAt: now,
          },
        },
      ]);
  });

  for (const mode of ['shutdown', 'turn-off'] as const) {
    it(`retries a failed ${mode} with the same stop mode`, () => {
      spec
        .given(history([stop(mode, 'job-stop'), failed('job-stop')], inState.Running()))
        .when(retry('job-stop'))
        .then([requestOf(stopOperation(mode), { attempt: 2, jobId: 'job-stop' })]);
    });
  }

  it('settles the VM when the retried operation succeeds', () => {
    const events = history([start('job-on'), failed('job-on'), retry('job-on'), done('job-on')], created());
    expect(events.at(-1)?.type).toBe('VmStarted');
    expect(powerOf(events)).toBe('Running');
  });

  it('refuses to retry a job that is not the last failed one', () => {
    spec
      .given(history([start('job-on'), failed('job-on')], created()))
      .when(retry('job-other'))
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry an earlier failed job once a later one failed', () => {
    spec
      .given(history([start('job-a'), failed('job-a'), start('job-b'), failed('job-b')], created()))
      .when(retry('job-a'))
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry when nothing failed', () => {
    spec.given(created()).when(retry('job-create')).thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a job that is still pending', () => {
    spec
      .given(history([start('job-on')], created()))
      .when(retry('job-on'))
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a failed job while another job is pending', () => {
    spec
      .given(history([start('job-on'), failed('job-on'), remove('job-delete')], created()))
      .when(retry('job-on'))
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('refuses to retry a failed job after a later operation succeeded', () => {
    spec
      .given(history([start('job-on'), failed('job-on'), start('job-on-2'), done('job-on-2')], created()))
      .when(retry('job-on'))
      .thenThrows('JOB_NOT_RESTARTABLE');
  });

  it('checks the host again when retrying a start', () => {
    const failedStart = history([start('job-on'), failed('job-on')], created());
    spec
      .given(failedStart)
      .when(retry('job-on', host({ memoryUsedMb: 65536 })))
      .thenThrows('INSUFFICIENT_HOST_MEMORY');
    spec
      .given(failedStart)
      .when(retry('job-on', host({ state: 'Reinstalling' })))
      .thenThrows('HOST_NOT_AVAILABLE');
  });
});

describe('vm displayed state', () => {
  it('shows the power state when no job is pending', () => {
    for (const power of POWER_STATES) expect(displayedState(power, null)).toBe(power);
  });

  const transitions: Array<[VmOperationKind, string]> = [
    ['create-vm', 'Creating'],
    ['start-vm', 'Starting'],
    ['stop-vm', 'Stopping'],
    ['save-vm', 'Saving'],
    ['pause-vm', 'Pausing'],
    ['resume-vm', 'Resuming'],
    ['delete-vm', 'Deleting'],
  ];
  for (const [kind, shown] of transitions) {
    it(`shows ${shown} while a ${kind} job is pending, whatever the power state`, () => {
      for (const power of POWER_STATES) expect(displayedState(power, kind)).toBe(shown);
    });
  }
});
