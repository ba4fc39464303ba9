import { describe, it } from 'node:test';
import { expect } from 'expect';
import type { CheckpointRef, ClusterRef, HostRef, MoveRef, VmRef } from './hypervisor-driver.port';
import { stepsFor } from './powershell';

const host = (name = 'hv01'): HostRef => ({ hostId: 'h1', name, osVersion: 'WS2016', memoryMb: 65536 });
const vm = (name = 'web01'): VmRef => ({
  vmId: 'v1',
  name,
  generation: 2,
  configVersion: '8.0',
  memoryMb: 2048,
  processorCount: 4,
});
const checkpoint = (name = 'before patch', kind: CheckpointRef['kind'] = 'Production'): CheckpointRef => ({
  checkpointId: 'c1',
  name,
  kind,
  includesState: kind === 'Standard',
});
const HOSTILE = 'x"; Stop-Computer; $(Remove-Item C:\\ -Recurse) `\u201d';
const HOSTILE_QUOTED = '"x`"; Stop-Computer; `$(Remove-Item C:\\ -Recurse) ```\u201d"';

describe('PowerShell equivalents of job steps', () => {
  it('creates a VM with New-VM and sets its processors', () => {
    expect(stepsFor({ kind: 'create-vm', host: host(), vm: vm() })).toEqual([
      {
        name: 'Create the virtual machine',
        powershell:
          'New-VM -Name "web01" -Generation 2 -Version 8.0 -MemoryStartupBytes 2048MB -ComputerName "hv01"; ' +
          'Set-VMProcessor -VMName "web01" -Count 4 -ComputerName "hv01"',
      },
    ]);
  });

  const single: Array<[Parameters<typeof stepsFor>[0], string, string]> = [
    [{ kind: 'start-vm', host: host(), vm: vm() }, 'Start the virtual machine', 'Start-VM -Name "web01" -ComputerName "hv01"'],
    [
      { kind: 'stop-vm', host: host(), vm: vm(), mode: 'shutdown' },
      'Shut down the guest operating system',
      'Stop-VM -Name "web01" -ComputerName "hv01" -Force',
    ],
    [
      { kind: 'stop-vm', host: host(), vm: vm(), mode: 'turn-off' },
      'Turn off the virtual machine',
      'Stop-VM -Name "web01" -ComputerName "hv01" -TurnOff',
    ],
    [{ kind: 'save-vm', host: host(), vm: vm() }, 'Save the virtual machine state', 'Save-VM -Name "web01" -ComputerName "hv01"'],
    [{ kind: 'pause-vm', host: host(), vm: vm() }, 'Pause the virtual machine', 'Suspend-VM -Name "web01" -ComputerName "hv01"'],
    [{ kind: 'resume-vm', host: host(), vm: vm() }, 'Resume the virtual machine', 'Resume-VM -Name "web01" -ComputerName "hv01"'],
    [
      { kind: 'delete-vm', host: host(), vm: vm() },
      'Remove the virtual machine',
      'Remove-VM -Name "web01" -ComputerName "hv01" -Force',
    ],
  ];
  it('deletes a clustered VM with its role: Remove-ClusterGroup, then Remove-VM', () => {
    expect(stepsFor({ kind: 'delete-vm', host: host(), vm: vm(), cluster: { clusterId: 'c1', name: 'fc01' } })).toEqual([
      {
        name: 'Remove the role of web01 from cluster fc01',
        powershell: 'Remove-ClusterGroup -Cluster "fc01" -Name "web01" -RemoveResources -Force',
      },
      { name: 'Remove the virtual machine', powershell: 'Remove-VM -Name "web01" -ComputerName "hv01" -Force' },
    ]);
  });

  it('makes a VM created on a cluster node a role of the cluster, as its last step', () => {
    const steps = stepsFor({
      kind: 'create-vm',
      host: host(),
      vm: vm(),
      configuration: {
        memory: { startupMb: 2048, dynamic: null },
        firmware: null,
        adapters: [],
        disks: [],
        checkpointType: 'Production',
      },
      cluster: { clusterId: 'c1', name: 'fc01' },
    });
    expect(steps[steps.length - 1]).toEqual({
      name: 'Make web01 a role of cluster fc01',
      powershell: 'Add-ClusterVirtualMachineRole -Cluster "fc01" -VMName "web01" -Name "web01"',
    });
    expect(steps.filter((step) => step.powershell.includes('Cluster'))).toHaveLength(1);
  });

  for (const [operation, name, powershell] of single) {
    const label = operation.kind === 'stop-vm' ? `${operation.kind} (${operation.mode})` : operation.kind;
    it(`describes ${label} as ${powershell.split(' ')[0]}`, () => {
      expect(stepsFor(operation)).toEqual([{ name, powershell }]);
    });
  }

  it('describes a host reinstall as a clean install of the target OS followed by the Hyper-V role', () => {
    expect(stepsFor({ kind: 'reinstall-host', host: host(), targetOsVersion: 'WS2019' })).toEqual([
      {
        name: 'Clean-install Windows Server 2019',
        powershell:
          '# Clean install of Windows Server 2019 on hv01 (installation media / WDS), then:\n' +
          'Install-WindowsFeature -Name Hyper-V -IncludeManagementTools -Restart -ComputerName "hv01"',
      },
    ]);
  });

  it('keeps a host name with line breaks inside the reinstall comment', () => {
    const [step] = stepsFor({ kind: 'reinstall-host', host: host('hv01\nStop-Computer'), targetOsVersion: 'WS2019' });
    expect(step.powershell).toBe(
      '# Clean install of Windows Server 2019 on hv01 Stop-Computer (installation media / WDS), then:\n' +
        'Install-WindowsFeature -Name Hyper-V -IncludeManagementTools -Restart -ComputerName "hv01\nStop-Computer"',
    );
    expect(scan(step.powershell).code).not.toContain('Stop-Computer');
  });

  it('escapes double quotes in VM and host names', () => {
    expect(stepsFor({ kind: 'start-vm', host: host('hv"01'), vm: vm('web "prod"') })[0].powershell).toBe(
      'Start-VM -Name "web `"prod`"" -ComputerName "hv`"01"',
    );
  });

  it('escapes the typographic double quotes that PowerShell also ends a string at', () => {
    // PowerShell treats “ ” „ (U+201C, U+201D, U+201E) like " inside a double-quoted string.
    expect(stepsFor({ kind: 'start-vm', host: host(), vm: vm('web\u201d; Stop-Computer; \u201c') })[0].powershell).toBe(
      'Start-VM -Name "web`\u201d; Stop-Computer; `\u201c" -ComputerName "hv01"',
    );
    expect(stepsFor({ kind: 'start-vm', host: host('hv\u201e01'), vm: vm() })[0].powershell).toBe(
      'Start-VM -Name "web01" -ComputerName "hv`\u201e01"',
    );
  });

  it('escapes dollar signs so that names are not expanded as variables', () => {
    expect(stepsFor({ kind: 'save-vm', host: host('hv$01'), vm: vm('$env:COMPUTERNAME') })[0].powershell).toBe(
      'Save-VM -Name "`$env:COMPUTERNAME" -ComputerName "hv`$01"',
    );
  });

  it('escapes backticks, the escape character itself', () => {
    expect(stepsFor({ kind: 'pause-vm', host: host(), vm: vm('web`01') })[0].powershell).toBe(
      'Suspend-VM -Name "web``01" -ComputerName "hv01"',
    );
  });

  it('escapes every name in a command with several of them', () => {
    expect(stepsFor({ kind: 'create-vm', host: host('hv$'), vm: vm('a"$(b)') })[0].powershell).toBe(
      'New-VM -Name "a`"`$(b)" -Generation 2 -Version 8.0 -MemoryStartupBytes 2048MB -ComputerName "hv`$"; ' +
        'Set-VMProcessor -VMName "a`"`$(b)" -Count 4 -ComputerName "hv`$"',
    );
  });

  it('leaves names without special characters as they are', () => {
    expect(stepsFor({ kind: 'resume-vm', host: host('hv-01.contoso.local'), vm: vm("web 01 (o'brien)") })[0].powershell).toBe(
      `Resume-VM -Name "web 01 (o'brien)" -ComputerName "hv-01.contoso.local"`,
    );
  });
});

describe("PowerShell addresses a VM and its checkpoints by Hyper-V's own ids once the host reported them", () => {
  const HYPERV_VM = '6f9619ff-8b86-4011-b42d-00c04fc964ff';
  const HYPERV_CHECKPOINT = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
  const known: VmRef = { ...vm(), hypervisorId: HYPERV_VM };
  const knownCheckpoint: CheckpointRef = { ...checkpoint(), hypervisorId: HYPERV_CHECKPOINT };
  const theVm = `Get-VM -Id "${HYPERV_VM}" -ComputerName "hv01"`;

  const cases: Array<[Parameters<typeof stepsFor>[0], string]> = [
    [{ kind: 'start-vm', host: host(), vm: known }, `${theVm} | Start-VM`],
    [{ kind: 'stop-vm', host: host(), vm: known, mode: 'shutdown' }, `${theVm} | Stop-VM -Force`],
    [{ kind: 'stop-vm', host: host(), vm: known, mode: 'turn-off' }, `${theVm} | Stop-VM -TurnOff`],
    [{ kind: 'save-vm', host: host(), vm: known }, `${theVm} | Save-VM`],
    [{ kind: 'pause-vm', host: host(), vm: known }, `${theVm} | Suspend-VM`],
    [{ kind: 'resume-vm', host: host(), vm: known }, `${theVm} | Resume-VM`],
    [{ kind: 'delete-vm', host: host(), vm: known }, `${theVm} | Remove-VM -Force`],
    [
      { kind: 'create-checkpoint', host: host(), vm: known, checkpoint: checkpoint() },
      `${theVm} | Checkpoint-VM -SnapshotName "before patch"`,
    ],
    [
      { kind: 'apply-checkpoint', host: host(), vm: known, checkpoint: knownCheckpoint, resultingState: 'Off' },
      `${theVm} | Get-VMCheckpoint | Where-Object Id -eq "${HYPERV_CHECKPOINT}" | Restore-VMCheckpoint -Confirm:$false`,
    ],
    [
      { kind: 'delete-checkpoint', host: host(), vm: known, checkpoint: knownCheckpoint, subtree: true },
      `${theVm} | Get-VMCheckpoint | Where-Object Id -eq "${HYPERV_CHECKPOINT}" | Remove-VMCheckpoint -IncludeAllChildCheckpoints`,
    ],
  ];
  for (const [operation, powershell] of cases) {
    it(`${operation.kind}: ${powershell.split(' | ').slice(1).join(' | ')}`, () => {
      expect(stepsFor(operation).map((step) => step.powershell)).toEqual([powershell]);
    });
  }

  it("never filters by the fabric's ids", () => {
    for (const [operation] of cases) {
      for (const step of stepsFor(operation)) {
        expect(step.powershell).not.toContain(known.vmId);
        expect(step.powershell).not.toContain(`"${knownCheckpoint.checkpointId}"`);
      }
    }
  });

  it('finds a checkpoint by its exact name while the host has not reported its id (recorded before)', () => {
    const [step] = stepsFor({
      kind: 'apply-checkpoint',
      host: host(),
      vm: known,
      checkpoint: checkpoint(),
      resultingState: 'Off',
    });
    expect(step.powershell).toBe(
      'Get-VMCheckpoint -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "before patch" | Restore-VMCheckpoint -Confirm:$false',
    );
  });
});

describe('PowerShell equivalents of VM configuration steps', () => {
  it('upgrades the configuration version with Update-VMVersion -Force (the host picks its default)', () => {
    expect(stepsFor({ kind: 'upgrade-vm-version', host: host(), vm: vm(), targetVersion: '8.0' })).toEqual([
      {
        name: 'Update the configuration version to 8.0',
        powershell: 'Update-VMVersion -Name "web01" -ComputerName "hv01" -Force',
      },
    ]);
  });

  it('turns Secure Boot on with a template, or off, with Set-VMFirmware', () => {
    expect(
      stepsFor({
        kind: 'set-vm-firmware',
        host: host(),
        vm: vm(),
        secureBoot: true,
        secureBootTemplate: 'MicrosoftUEFICertificateAuthority',
      }),
    ).toEqual([
      {
        name: 'Turn Secure Boot on with the MicrosoftUEFICertificateAuthority template',
        powershell:
          'Set-VMFirmware -VMName "web01" -EnableSecureBoot On -SecureBootTemplate "MicrosoftUEFICertificateAuthority" -ComputerName "hv01"',
      },
    ]);
    expect(
      stepsFor({ kind: 'set-vm-firmware', host: host(), vm: vm(), secureBoot: false, secureBootTemplate: 'MicrosoftWindows' }),
    ).toEqual([
      {
        name: 'Turn Secure Boot off',
        powershell:
          'Set-VMFirmware -VMName "web01" -EnableSecureBoot Off -SecureBootTemplate "MicrosoftWindows" -ComputerName "hv01"',
      },
    ]);
  });

  it('adds a network adapter with device naming, so the guest sees its name', () => {
    const adapter = { id: 'a1', name: 'Storage', switchName: 'SAN switch' };
    expect(stepsFor({ kind: 'add-network-adapter', host: host(), vm: vm(), adapter })).toEqual([
      {
        name: 'Add network adapter Storage on switch SAN switch',
        powershell:
          'Add-VMNetworkAdapter -VMName "web01" -Name "Storage" -SwitchName "SAN switch" -DeviceNaming On -ComputerName "hv01"',
      },
    ]);
  });

  it('removes exactly the named network adapter, not every adapter a wildcard would match', () => {
    const adapter = { id: 'a1', name: 'eth*', switchName: 'External' };
    expect(stepsFor({ kind: 'remove-network-adapter', host: host(), vm: vm(), adapter })).toEqual([
      {
        name: 'Remove network adapter eth*',
        powershell:
          'Get-VMNetworkAdapter -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "eth*" | Remove-VMNetworkAdapter',
      },
    ]);
  });

  it('sets static memory with Set-VMMemory -StartupBytes', () => {
    expect(stepsFor({ kind: 'set-vm-memory', host: host(), vm: vm(), memory: { startupMb: 8192, dynamic: null } })).toEqual([
      {
        name: 'Use 8192 MB of static memory',
        powershell: 'Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $false -StartupBytes 8192MB -ComputerName "hv01"',
      },
    ]);
  });

  it('sets dynamic memory with its minimum, maximum and buffer', () => {
    const memory = { startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 16384, bufferPercent: 20 } };
    expect(stepsFor({ kind: 'set-vm-memory', host: host(), vm: vm(), memory })).toEqual([
      {
        name: 'Use dynamic memory: 2048 MB at startup, 512–16384 MB, 20 % buffer',
        powershell:
          'Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $true -StartupBytes 2048MB ' +
          '-MinimumBytes 512MB -MaximumBytes 16384MB -Buffer 20 -ComputerName "hv01"',
      },
    ]);
  });

  it('sets processors, compatibility for migration and nested virtualization with Set-VMProcessor', () => {
    for (const compatible of [true, false]) {
      expect(
        stepsFor({
          kind: 'set-vm-processor',
          host: host(),
          vm: vm(),
          processorCount: 8,
          compatibilityForMigration: compatible,
          exposeVirtualizationExtensions: !compatible,
        }),
      ).toEqual([
        {
          name: `Use 8 virtual processors, compatibility for migration ${compatible ? 'on' : 'off'}, nested virtualization ${compatible ? 'off' : 'on'}`,
          powershell:
            `Set-VMProcessor -VMName "web01" -Count 8 -CompatibilityForMigrationEnabled $${compatible} ` +
            `-ExposeVirtualizationExtensions $${!compatible} -ComputerName "hv01"`,
        },
      ]);
    }
  });

  it('sets the checkpoint type, a setting of the VM, with Set-VM -CheckpointType', () => {
    expect(stepsFor({ kind: 'set-checkpoint-type', host: host(), vm: vm(), checkpointType: 'ProductionOnly' })).toEqual([
      {
        name: 'Set the checkpoint type to ProductionOnly',
        powershell: 'Set-VM -Name "web01" -CheckpointType ProductionOnly -ComputerName "hv01"',
      },
    ]);
  });

  it('grows a virtual disk with Resize-VHD', () => {
    expect(stepsFor({ kind: 'resize-vm-disk', host: host(), vm: vm(), disk: { id: 'd1', name: 'data', sizeGb: 200 } })).toEqual([
      {
        name: 'Grow the virtual hard disk data to 200 GB',
        powershell:
          'Resize-VHD -Path (Join-Path (Get-VMHost -ComputerName "hv01").VirtualHardDiskPath "web01-data.vhdx") -SizeBytes 200GB -ComputerName "hv01"',
      },
    ]);
  });

  it('leaves -ExposeVirtualizationExtensions out on a WS2012R2 host, which has no such parameter', () => {
    expect(
      stepsFor({
        kind: 'set-vm-processor',
        host: { ...host(), osVersion: 'WS2012R2' },
        vm: { ...vm(), configVersion: '5.0' },
        processorCount: 4,
        compatibilityForMigration: false,
        exposeVirtualizationExtensions: false,
      }),
    ).toEqual([
      {
        name: 'Use 4 virtual processors, compatibility for migration off',
        powershell: 'Set-VMProcessor -VMName "web01" -Count 4 -CompatibilityForMigrationEnabled $false -ComputerName "hv01"',
      },
    ]);
  });

  it('enables and disables integration services by the names Hyper-V shows for them', () => {
    expect(stepsFor({ kind: 'set-integration-service', host: host(), vm: vm(), service: 'Heartbeat', enabled: false })).toEqual([
      {
        name: 'Disable the Heartbeat integration service',
        powershell: 'Disable-VMIntegrationService -VMName "web01" -Name "Heartbeat" -ComputerName "hv01"',
      },
    ]);
    const shown = {
      Heartbeat: 'Heartbeat',
      Shutdown: 'Shutdown',
      TimeSynchronization: 'Time Synchronization',
      DataExchange: 'Key-Value Pair Exchange',
      VSS: 'VSS',
      GuestServiceInterface: 'Guest Service Interface',
    } as const;
    for (const [service, name] of Object.entries(shown) as Array<[keyof typeof shown, string]>) {
      expect(stepsFor({ kind: 'set-integration-service', host: host(), vm: vm(), service, enabled: true })[0].powershell).toBe(
        `Enable-VMIntegrationService -VMName "web01" -Name "${name}" -ComputerName "hv01"`,
      );
    }
  });

  it('records an integration services update as delivered through the guest update channel', () => {
    expect(stepsFor({ kind: 'update-integration-services', host: host(), vm: vm(), version: '6.3.9600.18080' })).toEqual([
      {
        name: 'Record integration services 6.3.9600.18080 from the guest update channel',
        powershell:
          '# Integration services 6.3.9600.18080 delivered through the guest update channel (Windows Update inside the guest); ' +
          'the host reports them:\nGet-VMIntegrationService -VMName "web01" -ComputerName "hv01"',
      },
    ]);
  });

  it('keeps a version with line breaks inside its comment, so that nothing after it runs', () => {
    const [step] = stepsFor({
      kind: 'update-integration-services',
      host: host(),
      vm: vm(),
      version: '1.0\nStop-Computer\r\u2028x',
    });
    const lines = step.powershell.split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^# Integration services 1\.0 Stop-Computer {2}x delivered/);
    expect(lines[1]).toBe('Get-VMIntegrationService -VMName "web01" -ComputerName "hv01"');
  });

  it('adds a disk in two steps: create a dynamic VHDX in the host folder, then attach it', () => {
    const disk = { id: 'd1', name: 'data', sizeGb: 100 };
    const path = '(Join-Path (Get-VMHost -ComputerName "hv01").VirtualHardDiskPath "web01-data.vhdx")';
    expect(stepsFor({ kind: 'add-vm-disk', host: host(), vm: vm(), disk })).toEqual([
      {
        name: 'Create the 100 GB virtual hard disk data',
        powershell: `New-VHD -Path ${path} -SizeBytes 100GB -Dynamic -ComputerName "hv01"`,
      },
      {
        name: 'Attach the virtual hard disk data',
        powershell: `Add-VMHardDiskDrive -VMName "web01" -Path ${path} -ComputerName "hv01"`,
      },
    ]);
  });

  it('names the file of a disk called like a VHDX file with the extension once', () => {
    const disk = { id: 'd1', name: 'os.VHDX', sizeGb: 60 };
    const [create, attach] = stepsFor({ kind: 'add-vm-disk', host: host(), vm: vm(), disk });
    expect(create.powershell).toContain('VirtualHardDiskPath "web01-os.vhdx")');
    expect(attach.powershell).toContain('VirtualHardDiskPath "web01-os.vhdx")');
  });

  it('keeps a disk file inside the VHD folder whatever the names contain', () => {
    const disk = { id: 'd1', name: '..\\..\\Windows\\System32/x:*?<>|', sizeGb: 1 };
    const [create, attach] = stepsFor({ kind: 'add-vm-disk', host: host(), vm: vm('$web'), disk });
    expect(create.powershell).toContain('VirtualHardDiskPath "`$web-.._.._Windows_System32_x______.vhdx")');
    expect(attach.powershell).toContain('VirtualHardDiskPath "`$web-.._.._Windows_System32_x______.vhdx")');
  });

  it('takes a production checkpoint with Checkpoint-VM alone: the VM keeps its own checkpoint type setting', () => {
    expect(stepsFor({ kind: 'create-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('before patch') })).toEqual([
      {
        name: 'Create the production checkpoint before patch',
        powershell: 'Checkpoint-VM -Name "web01" -ComputerName "hv01" -SnapshotName "before patch"',
      },
    ]);
  });

  it('takes a standard checkpoint with Checkpoint-VM alone', () => {
    expect(stepsFor({ kind: 'create-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('s1', 'Standard') })).toEqual([
      {
        name: 'Create the standard checkpoint s1',
        powershell: 'Checkpoint-VM -Name "web01" -ComputerName "hv01" -SnapshotName "s1"',
      },
    ]);
  });

  it('applies exactly the named checkpoint without asking for confirmation', () => {
    expect(
      stepsFor({ kind: 'apply-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('nightly*'), resultingState: 'Off' }),
    ).toEqual([
      {
        name: 'Apply checkpoint nightly* (the VM ends Off)',
        powershell:
          'Get-VMCheckpoint -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "nightly*" | Restore-VMCheckpoint -Confirm:$false',
      },
    ]);
    expect(
      stepsFor({
        kind: 'apply-checkpoint',
        host: host(),
        vm: vm(),
        checkpoint: checkpoint('s', 'Standard'),
        resultingState: 'Saved',
      })[0].name,
    ).toBe('Apply checkpoint s (the VM ends Saved)');
  });

  it('deletes a checkpoint by merging it, or a whole subtree with -IncludeAllChildCheckpoints', () => {
    expect(
      stepsFor({ kind: 'delete-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('old'), subtree: false }),
    ).toEqual([
      {
        name: 'Delete checkpoint old, merging it into its parent',
        powershell: 'Get-VMCheckpoint -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "old" | Remove-VMCheckpoint',
      },
    ]);
    expect(stepsFor({ kind: 'delete-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('old'), subtree: true })).toEqual(
      [
        {
          name: 'Delete checkpoint old and every checkpoint below it',
          powershell:
            'Get-VMCheckpoint -VMName "web01" -ComputerName "hv01" | Where-Object Name -eq "old" | Remove-VMCheckpoint -IncludeAllChildCheckpoints',
        },
      ],
    );
  });

  describe('escapes every user-supplied string', () => {
    const h = host(HOSTILE);
    const v = vm(HOSTILE);
    const operations: Array<Parameters<typeof stepsFor>[0]> = [
      { kind: 'upgrade-vm-version', host: h, vm: v, targetVersion: '9.0' },
      { kind: 'set-vm-firmware', host: h, vm: v, secureBoot: true, secureBootTemplate: HOSTILE },
      { kind: 'add-network-adapter', host: h, vm: v, adapter: { id: 'a', name: HOSTILE, switchName: HOSTILE } },
      { kind: 'remove-network-adapter', host: h, vm: v, adapter: { id: 'a', name: HOSTILE, switchName: HOSTILE } },
      { kind: 'set-vm-memory', host: h, vm: v, memory: { startupMb: 1024, dynamic: null } },
      { kind: 'set-vm-processor', host: h, vm: v, processorCount: 2, compatibilityForMigration: false },
      { kind: 'set-integration-service', host: h, vm: v, service: 'VSS', enabled: true },
      { kind: 'update-integration-services', host: h, vm: v, version: HOSTILE },
      { kind: 'add-vm-disk', host: h, vm: v, disk: { id: 'd', name: HOSTILE, sizeGb: 10 } },
      { kind: 'create-checkpoint', host: h, vm: v, checkpoint: checkpoint(HOSTILE) },
      { kind: 'apply-checkpoint', host: h, vm: v, checkpoint: checkpoint(HOSTILE), resultingState: 'Off' },
      { kind: 'delete-checkpoint', host: h, vm: v, checkpoint: checkpoint(HOSTILE), subtree: true },
    ];
    for (const operation of operations) {
      it(`in ${operation.kind}`, () => {
        for (const { powershell } of stepsFor(operation)) {
          const { code, expandsInStrings } = scan(powershell);
          expect(code).not.toContain('Stop-Computer');
          expect(code).not.toContain('Remove-Item');
          expect(expandsInStrings).toBe(false);
        }
        expect(stepsFor(operation).some((step) => step.powershell.includes(`-ComputerName ${HOSTILE_QUOTED}`))).toBe(true);
      });
    }
  });
});

describe('PowerShell equivalents of cluster and migration steps', () => {
  const cluster = (name = 'fc01'): ClusterRef => ({ clusterId: 'c1', name });
  const node = (name: string, hostId = name): HostRef => ({ hostId, name, osVersion: 'WS2016', memoryMb: 65536 });
  const move = (vmName: string, toHostName: string, migrationType: MoveRef['migrationType'] = 'Live'): MoveRef => ({
    vmId: `id-${vmName}`,
    vmName,
    fromHostId: 'h1',
    toHostId: `id-${toHostName}`,
    toHostName,
    migrationType,
  });
  const limits = { source: 2, destination: 2 };

  it('creates a cluster from its nodes with New-Cluster -NoStorage', () => {
    expect(
      stepsFor({
        kind: 'create-cluster',
        host: node('hv01'),
        cluster: cluster(),
        nodes: [node('hv01'), node('hv02'), node('hv03')],
      }),
    ).toEqual([
      {
        name: 'Create cluster fc01 from hv01, hv02, hv03',
        powershell: 'New-Cluster -Name "fc01" -Node "hv01","hv02","hv03" -NoStorage',
      },
    ]);
  });

  const single: Array<[Parameters<typeof stepsFor>[0], string, string]> = [
    [
      { kind: 'add-cluster-node', host: node('hv05'), cluster: cluster() },
      'Add node hv05 to cluster fc01',
      'Add-ClusterNode -Cluster "fc01" -Name "hv05"',
    ],
    [
      { kind: 'evict-node', host: node('hv05'), cluster: cluster() },
      'Evict node hv05 from cluster fc01',
      'Remove-ClusterNode -Cluster "fc01" -Name "hv05" -Force',
    ],
    [
      { kind: 'raise-functional-level', host: node('hv01'), cluster: cluster(), toLevel: 9 },
      'Raise the functional level of cluster fc01 to 9',
      'Update-ClusterFunctionalLevel -Cluster "fc01" -Force',
    ],
    [
      { kind: 'clear-node-quarantine', host: node('hv03'), cluster: cluster() },
      'Clear the quarantine of node hv03 and start its cluster service',
      'Start-ClusterNode -Cluster "fc01" -Name "hv03" -ClearQuarantine',
    ],
  ];
  for (const [operation, name, powershell] of single) {
    it(`describes ${operation.kind} as ${powershell.split(' ')[0]}`, () => {
      expect(stepsFor(operation)).toEqual([{ name, powershell }]);
    });
  }

  it('live-migrates a clustered VM with Move-ClusterVirtualMachineRole, quick-migrates it the same way', () => {
    const base = {
      kind: 'migrate-vm' as const,
      host: host('hv01'),
      vm: vm(),
      destination: node('hv02'),
      cluster: cluster(),
      limits,
    };
    expect(stepsFor({ ...base, migrationType: 'Live' })).toEqual([
      {
        name: 'Move web01 from hv01 to hv02 (live migration)',
        powershell: 'Move-ClusterVirtualMachineRole -Cluster "fc01" -Name "web01" -Node "hv02" -MigrationType Live',
      },
    ]);
    expect(stepsFor({ ...base, migrationType: 'Quick' })).toEqual([
      {
        name: 'Move web01 from hv01 to hv02 (quick migration)',
        powershell: 'Move-ClusterVirtualMachineRole -Cluster "fc01" -Name "web01" -Node "hv02" -MigrationType Quick',
      },
    ]);
  });

  it('moves a standalone VM with its storage (shared-nothing) into a folder named after it on the destination', () => {
    const operation = {
      kind: 'migrate-vm' as const,
      host: host('hv01'),
      vm: vm(),
      destination: node('hv02'),
      migrationType: 'Live' as const,
      cluster: null,
      limits,
    };
    expect(stepsFor(operation)).toEqual([
      {
        name: 'Move web01 and its storage from hv01 to hv02 (shared-nothing live migration)',
        powershell:
          'Move-VM -Name "web01" -ComputerName "hv01" -DestinationHost "hv02" -IncludeStorage ' +
          '-DestinationStoragePath (Join-Path (Get-VMHost -ComputerName "hv02").VirtualMachinePath "web01")',
      },
    ]);
    const [step] = stepsFor({ ...operation, vm: vm('..\\..\\Windows/x:*'), migrationType: 'Quick' });
    expect(step.name).toContain('(shared-nothing quick migration)');
    expect(step.powershell).toContain('VirtualMachinePath ".._.._Windows_x__")');
  });

  it('fails a clustered VM over by moving its role, and starts it when it was running', () => {
    const base = { kind: 'failover-vm' as const, host: host('hv01'), vm: vm(), destination: node('hv02'), cluster: cluster() };
    expect(stepsFor({ ...base, restart: true })).toEqual([
      { name: 'Fail web01 over from hv01 to hv02', powershell: 'Move-ClusterGroup -Cluster "fc01" -Name "web01" -Node "hv02"' },
      { name: 'Start web01 on hv02', powershell: 'Start-ClusterGroup -Cluster "fc01" -Name "web01"' },
    ]);
    expect(stepsFor({ ...base, restart: false })).toEqual([
      { name: 'Fail web01 over from hv01 to hv02', powershell: 'Move-ClusterGroup -Cluster "fc01" -Name "web01" -Node "hv02"' },
    ]);
  });

  it('fails a standalone VM over by registering its files on the destination, then starting it', () => {
    const operation = {
      kind: 'failover-vm' as const,
      host: host('hv01'),
      vm: vm(),
      destination: node('hv02'),
      restart: true,
      cluster: null,
    };
    expect(stepsFor(operation)).toEqual([
      {
        name: 'Register web01 on hv02 from its files (hv01 is lost)',
        powershell:
          '# hv01 is lost and web01 is not clustered: its files must be reachable from hv02 (shared storage or a restored copy) ' +
          'where a shared-nothing move puts them.\n' +
          'Invoke-Command -ComputerName "hv02" -ScriptBlock { Get-ChildItem -LiteralPath (Join-Path (Get-VMHost).VirtualMachinePath "web01") ' +
          '-Recurse -Filter *.vmcx | Select-Object -First 1 | ForEach-Object { Import-VM -Path $_.FullName -Register } }',
      },
      { name: 'Start web01 on hv02', powershell: 'Start-VM -Name "web01" -ComputerName "hv02"' },
    ]);
    const offline = stepsFor({ ...operation, restart: false, vm: { ...vm(), configVersion: '5.0' } });
    expect(offline).toHaveLength(1);
    expect(offline[0].powershell).toContain('-Filter *.xml |'); // version 5.0 keeps its configuration in XML
  });

  it('keeps host and VM names with line breaks inside the failover comment', () => {
    const [step] = stepsFor({
      kind: 'failover-vm',
      host: host('hv01\nStop-Computer'),
      vm: vm('web\r\nRemove-Item C:\\'),
      destination: node('hv02\u2028Stop-Computer'),
      restart: false,
      cluster: null,
    });
    expect(step.powershell.split(/\r?\n/)).toHaveLength(2);
    const { code } = scan(step.powershell);
    expect(code).not.toContain('Stop-Computer');
    expect(code).not.toContain('Remove-Item');
  });

  it('drains a node: Suspend-ClusterNode -Drain, then one step per move in the order of the moves', () => {
    const moves = [move('web01', 'hv02'), move('db01', 'hv03', 'Quick'), move('app01', 'hv02', 'Failover')];
    const steps = stepsFor({ kind: 'drain-node', host: host('hv01'), cluster: cluster(), moves });
    expect(steps).toEqual([
      { name: 'Pause node hv01 and drain its roles', powershell: 'Suspend-ClusterNode -Cluster "fc01" -Name "hv01" -Drain' },
      {
        name: 'Move web01 to hv02 (live migration)',
        powershell: 'Move-ClusterVirtualMachineRole -Cluster "fc01" -Name "web01" -Node "hv02" -MigrationType Live',
      },
      {
        name: 'Move db01 to hv03 (quick migration)',
        powershell: 'Move-ClusterVirtualMachineRole -Cluster "fc01" -Name "db01" -Node "hv03" -MigrationType Quick',
      },
      { name: 'Move app01 to hv02 (failover)', powershell: 'Move-ClusterGroup -Cluster "fc01" -Name "app01" -Node "hv02"' },
    ]);
  });

  it('has exactly 1 + moves steps for a drain or resume of any size, step i + 1 naming moves[i]', () => {
    for (const count of [0, 1, 20, 200]) {
      const moves = Array.from({ length: count }, (_, i) => move(`vm${i}`, `hv${(i % 15) + 2}`, i % 3 === 0 ? 'Quick' : 'Live'));
      for (const operation of [
        { kind: 'drain-node' as const, host: host('hv01'), cluster: cluster(), moves },
        { kind: 'resume-node' as const, host: host('hv01'), cluster: cluster(), moves, failback: true },
      ]) {
        const steps = stepsFor(operation);
        expect(steps).toHaveLength(1 + count);
        moves.forEach((m, i) => {
          expect(steps[i + 1].name).toBe(
            `Move ${m.vmName} to ${m.toHostName} (${m.migrationType === 'Quick' ? 'quick' : 'live'} migration)`,
          );
          expect(steps[i + 1].powershell).toContain(
            `-Name "${m.vmName}" -Node "${m.toHostName}" -MigrationType ${m.migrationType}`,
          );
        });
      }
    }
  });

  it('resumes a node with Resume-ClusterNode, failing its roles back at once when asked', () => {
    expect(stepsFor({ kind: 'resume-node', host: host('hv01'), cluster: cluster(), moves: [], failback: false })).toEqual([
      { name: 'Resume node hv01', powershell: 'Resume-ClusterNode -Cluster "fc01" -Name "hv01"' },
    ]);
    expect(
      stepsFor({ kind: 'resume-node', host: host('hv01'), cluster: cluster(), moves: [move('web01', 'hv01')], failback: true }),
    ).toEqual([
      {
        name: 'Resume node hv01 and fail its roles back',
        powershell: 'Resume-ClusterNode -Cluster "fc01" -Name "hv01" -Failback Immediate',
      },
      {
        name: 'Move web01 to hv01 (live migration)',
        powershell: 'Move-ClusterVirtualMachineRole -Cluster "fc01" -Name "web01" -Node "hv01" -MigrationType Live',
      },
    ]);
  });

  describe('escapes every user-supplied string', () => {
    const h = host(HOSTILE);
    const v = vm(HOSTILE);
    const c = cluster(HOSTILE);
    const hostileMove: MoveRef = { ...move(HOSTILE, HOSTILE), migrationType: 'Live' };
    const operations: Array<Parameters<typeof stepsFor>[0]> = [
      { kind: 'create-cluster', host: h, cluster: c, nodes: [h, node(HOSTILE)] },
      { kind: 'add-cluster-node', host: h, cluster: c },
      { kind: 'evict-node', host: h, cluster: c },
      { kind: 'raise-functional-level', host: h, cluster: c, toLevel: 10 },
      { kind: 'clear-node-quarantine', host: h, cluster: c },
      { kind: 'migrate-vm', host: h, vm: v, destination: h, migrationType: 'Live', cluster: c, limits },
      { kind: 'migrate-vm', host: h, vm: v, destination: h, migrationType: 'Quick', cluster: null, limits },
      { kind: 'failover-vm', host: h, vm: v, destination: h, restart: true, cluster: c },
      { kind: 'failover-vm', host: h, vm: v, destination: h, restart: true, cluster: null },
      { kind: 'drain-node', host: h, cluster: c, moves: [hostileMove, { ...hostileMove, migrationType: 'Failover' }] },
      { kind: 'resume-node', host: h, cluster: c, moves: [hostileMove], failback: true },
    ];
    for (const operation of operations) {
      const label = 'cluster' in operation && operation.cluster === null ? `${operation.kind} (standalone)` : operation.kind;
      it(`in ${label}`, () => {
        const steps = stepsFor(operation);
        for (const { powershell } of steps) {
          const { code, expandsInStrings } = scan(powershell);
          expect(code).not.toContain('Stop-Computer');
          expect(code).not.toContain('Remove-Item');
          expect(expandsInStrings).toBe(false);
        }
        expect(steps.some((step) => step.powershell.includes(HOSTILE_QUOTED))).toBe(true);
      });
    }
  });
});

describe('PowerShell equivalents of Hyper-V Replica steps', () => {
  const node = (name: string, hostId = name): HostRef => ({ hostId, name, osVersion: 'WS2016', memoryMb: 65536 });
  const primary = node('hv01');
  const replica = node('hv02');

  it('enables replication over HTTP with Kerberos at the frequency, then sends the initial copy', () => {
    expect(
      stepsFor({ kind: 'enable-replication', host: primary, vm: vm(), replica, frequencySeconds: 300, diskGb: 127 }),
    ).toEqual([
      {
        name: 'Enable replication of web01 to hv02 every 300 s',
        powershell:
          'Enable-VMReplication -VMName "web01" -ReplicaServerName "hv02" -ReplicaServerPort 80 -AuthenticationType Kerberos ' +
          '-ReplicationFrequencySec 300 -ComputerName "hv01"',
      },
      {
        name: 'Send the initial copy (127 GB) to hv02',
        powershell: 'Start-VMInitialReplication -VMName "web01" -ComputerName "hv01"',
      },
    ]);
  });

  it('keeps additional recovery points and application-consistent points when the operation has them', () => {
    const operation = {
      kind: 'enable-replication' as const,
      host: primary,
      vm: vm(),
      replica,
      frequencySeconds: 30,
      diskGb: 0.5,
      recoveryPoints: 24,
      applicationConsistent: true,
    };
    const [enable, copy] = stepsFor(operation);
    expect(enable.powershell).toContain(
      '-ReplicationFrequencySec 30 -RecoveryHistory 24 -VSSSnapshotFrequencyHour 1 -ComputerName "hv01"',
    );
    expect(copy.name).toBe('Send the initial copy (0.5 GB) to hv02');
    const without = { recoveryPoints: 0, applicationConsistent: false };
    expect(stepsFor({ ...operation, ...without })[0].powershell).not.toMatch(/RecoveryHistory|VSSSnapshot/);
  });

  it('finds a replicated disk named like a VHDX file by its file, and by the doubled extension earlier versions gave it', () => {
    const operation = {
      kind: 'enable-replication' as const,
      host: primary,
      vm: vm(),
      replica,
      frequencySeconds: 300,
      diskGb: 60,
      disks: [{ id: 'disk-os', name: 'os.vhdx' }],
    };
    expect(stepsFor(operation)[0].powershell).toContain('-in @("web01-os.vhdx","web01-os.vhdx.vhdx") })');
  });

  it('names the replicated disks by their files on the host when the operation chooses them, and every disk is replicated otherwise', () => {
    const operation = {
      kind: 'enable-replication' as const,
      host: primary,
      vm: vm(),
      replica,
      frequencySeconds: 300,
      diskGb: 60,
      disks: [
        { id: 'disk-os', name: 'os' },
        { id: 'disk-logs', name: 'logs' },
      ],
    };
    // Hyper-V knows a drive by its Path, whose file add-vm-disk named after VM and disk (a storage move keeps the name).
    expect(stepsFor(operation)[0].powershell).toBe(
      'Enable-VMReplication -VMName "web01" -ReplicaServerName "hv02" -ReplicaServerPort 80 -AuthenticationType Kerberos ' +
        '-ReplicationFrequencySec 300 -ReplicatedDisks (Get-VMHardDiskDrive -VMName "web01" -ComputerName "hv01" | ' +
        'Where-Object { (Split-Path $_.Path -Leaf) -in @("web01-os.vhdx","web01-logs.vhdx") }) -ComputerName "hv01"',
    );
    const added = stepsFor({ kind: 'add-vm-disk', host: primary, vm: vm(), disk: { id: 'disk-logs', name: 'logs', sizeGb: 20 } });
    expect(added[1].powershell).toContain('"web01-logs.vhdx"');
    const { disks: _all, ...everyDisk } = operation;
    expect(stepsFor(everyDisk)[0].powershell).not.toContain('-ReplicatedDisks');
  });

  it('replicates to a cluster through its Replica Broker, not to the node that will hold the replica', () => {
    const steps = stepsFor({
      kind: 'enable-replication',
      host: primary,
      vm: vm(),
      replica,
      frequencySeconds: 30,
      diskGb: 40,
      replicaBroker: { clusterId: 'cluster-1', name: 'CLU1-HVR' },
    });
    expect(steps).toEqual([
      {
        name: 'Enable replication of web01 to CLU1-HVR (Replica Broker of cluster; replica on hv02) every 30 s',
        powershell:
          'Enable-VMReplication -VMName "web01" -ReplicaServerName "CLU1-HVR" -ReplicaServerPort 80 -AuthenticationType Kerberos ' +
          '-ReplicationFrequencySec 30 -ComputerName "hv01"',
      },
      {
        name: 'Send the initial copy (40 GB) to CLU1-HVR',
        powershell: 'Start-VMInitialReplication -VMName "web01" -ComputerName "hv01"',
      },
    ]);
  });

  const single: Array<[Parameters<typeof stepsFor>[0], string, string]> = [
    [
      { kind: 'suspend-replication', host: primary, vm: vm(), replica },
      'Suspend replication of web01 to hv02',
      'Suspend-VMReplication -VMName "web01" -ComputerName "hv01"',
    ],
    [
      { kind: 'resume-replication', host: primary, vm: vm(), replica },
      'Resume replication of web01 to hv02',
      'Resume-VMReplication -VMName "web01" -ComputerName "hv01"',
    ],
    [
      { kind: 'resynchronize-replication', host: primary, vm: vm(), replica, diskGb: 60 },
      'Resynchronize web01 with hv02 (60 GB compared)',
      'Resume-VMReplication -VMName "web01" -Resynchronize -ComputerName "hv01"',
    ],
    [
      { kind: 'commit-failover', host: replica, vm: vm(), recoveryPointId: 'rp-7' },
      'Commit the failover of web01 to recovery point rp-7',
      'Complete-VMFailover -VMName "web01" -ComputerName "hv02" -Confirm:$false',
    ],
    [
      { kind: 'stop-test-failover', host: replica, vm: vm(), testVmId: 't1' },
      'Stop the test failover of web01 on hv02 and remove its test VM',
      'Stop-VMFailover -VMName "web01" -ComputerName "hv02"',
    ],
    [
      { kind: 'remove-replication', host: primary, vm: vm(), replica },
      'Remove replication of web01 to hv02',
      'Remove-VMReplication -VMName "web01" -ComputerName "hv01" -Confirm:$false',
    ],
  ];
  for (const [operation, name, powershell] of single) {
    it(`describes ${operation.kind} as ${powershell.split(' ')[0]}`, () => {
      expect(stepsFor(operation)).toEqual([{ name, powershell }]);
    });
  }

  it('sets the replicated disks with Set-VMReplication -ReplicatedDisks, picking each disk by its file exactly', () => {
    const disks = [
      { id: 'd1', name: 'os' },
      { id: 'd2', name: 'data*' },
    ];
    expect(stepsFor({ kind: 'set-replicated-disks', host: primary, vm: vm(), replica, disks, addedDiskGb: 100 })).toEqual([
      {
        name: 'Replicate 2 disk(s) of web01 to hv02, 100 GB to copy',
        powershell:
          'Set-VMReplication -VMName "web01" -ReplicatedDisks ' +
          '(Get-VMHardDiskDrive -VMName "web01" -ComputerName "hv01" | ' +
          'Where-Object { (Split-Path $_.Path -Leaf) -in @("web01-os.vhdx","web01-data_.vhdx") }) -ComputerName "hv01"',
      },
    ]);
    expect(
      stepsFor({ kind: 'set-replicated-disks', host: primary, vm: vm(), replica, disks: [disks[0]], addedDiskGb: 0 })[0].name,
    ).toBe('Replicate 1 disk(s) of web01 to hv02');
  });

  it('fails over as planned in four steps: prepare on the primary, fail over on the replica, reverse, start', () => {
    expect(stepsFor({ kind: 'planned-failover', host: primary, vm: vm(), replica })).toEqual([
      {
        name: 'Prepare the planned failover on hv01: send the last changes of web01',
        powershell: 'Start-VMFailover -VMName "web01" -Prepare -ComputerName "hv01"',
      },
      { name: 'Fail web01 over to hv02', powershell: 'Start-VMFailover -VMName "web01" -ComputerName "hv02"' },
      {
        name: 'Reverse replication: hv02 replicates web01 to hv01',
        powershell: 'Set-VMReplication -VMName "web01" -Reverse -ComputerName "hv02"',
      },
      { name: 'Start web01 on hv02', powershell: 'Start-VM -Name "web01" -ComputerName "hv02"' },
    ]);
  });

  it("fails over unplanned on the replica from the chosen recovery point, by Hyper-V's id of it, then starts the VM", () => {
    const hyperVPoint = '5b1e8c1a-0d7f-4c3e-9a51-2f6d8e4b7c90';
    expect(
      stepsFor({
        kind: 'unplanned-failover',
        host: replica,
        vm: vm(),
        primary,
        recoveryPointId: 'rp-3',
        hypervisorRecoveryPointId: hyperVPoint,
      }),
    ).toEqual([
      {
        name: 'Fail web01 over on hv02 to recovery point rp-3 (hv01 is not asked)',
        powershell:
          'Start-VMFailover -VMRecoverySnapshot (Get-VMSnapshot -VMName "web01" -SnapshotType Replica -ComputerName "hv02" | ' +
          `Where-Object Id -eq "${hyperVPoint}") -Confirm:$false`,
      },
      { name: 'Start web01 on hv02', powershell: 'Start-VM -Name "web01" -ComputerName "hv02"' },
    ]);
  });

  it('picks a recovery point recorded before the hosts reported ids by its time: the newest Hyper-V had made by then', () => {
    const steps = stepsFor({
      kind: 'unplanned-failover',
      host: replica,
      vm: vm(),
      primary,
      recoveryPointId: 'rp-3',
      recoveryPointAt: '2026-01-05T10:00:00.000Z',
    });
    expect(steps[0].powershell).toBe(
      'Start-VMFailover -VMRecoverySnapshot (Get-VMSnapshot -VMName "web01" -SnapshotType Replica -ComputerName "hv02" | ' +
        'Where-Object CreationTime -le ([datetime]"2026-01-05T10:00:00.000Z") | Sort-Object CreationTime | Select-Object -Last 1) ' +
        '-Confirm:$false',
    );
    // The fabric's own id is never compared with Hyper-V's.
    expect(steps.map((s) => s.powershell).join('\n')).not.toContain('"rp-3"');
  });

  it('starts a test failover with -AsTest, names the test VM as the fabric does, and starts it', () => {
    const snapshot =
      '(Get-VMSnapshot -VMName "web01" -SnapshotType Replica -ComputerName "hv02" | Where-Object Id -eq "hv-point-2")';
    expect(
      stepsFor({
        kind: 'start-test-failover',
        host: replica,
        vm: vm(),
        testVm: { vmId: 't1', name: 'web01-dr-test' },
        recoveryPointId: 'rp-2',
        hypervisorRecoveryPointId: 'hv-point-2',
      }),
    ).toEqual([
      {
        name: 'Create test VM web01-dr-test on hv02 from recovery point rp-2',
        powershell: `Start-VMFailover -AsTest -VMRecoverySnapshot ${snapshot} -Confirm:$false`,
      },
      {
        name: 'Name the test VM web01-dr-test',
        powershell: 'Get-VM -ComputerName "hv02" | Where-Object Name -eq "web01 - Test" | Rename-VM -NewName "web01-dr-test"',
      },
      { name: 'Start test VM web01-dr-test', powershell: 'Start-VM -Name "web01-dr-test" -ComputerName "hv02"' },
    ]);
    // Hyper-V's own name needs no renaming.
    const steps = stepsFor({
      kind: 'start-test-failover',
      host: replica,
      vm: vm(),
      testVm: { vmId: 't1', name: 'web01 - Test' },
      recoveryPointId: 'rp-2',
    });
    expect(steps.map((step) => step.powershell.split(' ')[0])).toEqual(['Start-VMFailover', 'Start-VM']);
  });

  it('reverses replication on the new primary towards the new replica, then sends the initial copy', () => {
    expect(stepsFor({ kind: 'reverse-replication', host: replica, vm: vm(), replica: primary, diskGb: 40 })).toEqual([
      {
        name: 'Reverse replication: hv02 replicates web01 to hv01',
        powershell: 'Set-VMReplication -VMName "web01" -Reverse -ReplicaServerName "hv01" -ComputerName "hv02"',
      },
      {
        name: 'Send the initial copy (40 GB) to hv01',
        powershell: 'Start-VMInitialReplication -VMName "web01" -ComputerName "hv02"',
      },
    ]);
  });

  describe('escapes every user-supplied string', () => {
    const h = node(HOSTILE);
    const v = vm(HOSTILE);
    const operations: Array<Parameters<typeof stepsFor>[0]> = [
      { kind: 'enable-replication', host: h, vm: v, replica: h, frequencySeconds: 30, diskGb: 1 },
      {
        kind: 'enable-replication',
        host: h,
        vm: v,
        replica: h,
        frequencySeconds: 30,
        diskGb: 1,
        disks: [{ id: 'd1', name: HOSTILE }],
        replicaBroker: { clusterId: 'c', name: HOSTILE },
      },
      { kind: 'suspend-replication', host: h, vm: v, replica: h },
      { kind: 'resume-replication', host: h, vm: v, replica: h },
      { kind: 'remove-replication', host: h, vm: v, replica: h },
      { kind: 'resynchronize-replication', host: h, vm: v, replica: h, diskGb: 1 },
      {
        kind: 'set-replicated-disks',
        host: h,
        vm: v,
        replica: h,
        disks: [
          { id: 'd1', name: HOSTILE },
          { id: 'd2', name: 'data' },
        ],
        addedDiskGb: 1,
      },
      { kind: 'planned-failover', host: h, vm: v, replica: h },
      { kind: 'unplanned-failover', host: h, vm: v, primary: h, recoveryPointId: HOSTILE, hypervisorRecoveryPointId: HOSTILE },
      { kind: 'unplanned-failover', host: h, vm: v, primary: h, recoveryPointId: HOSTILE, recoveryPointAt: HOSTILE },
      { kind: 'commit-failover', host: h, vm: v, recoveryPointId: HOSTILE },
      {
        kind: 'start-test-failover',
        host: h,
        vm: v,
        testVm: { vmId: 't', name: HOSTILE },
        recoveryPointId: HOSTILE,
        hypervisorRecoveryPointId: HOSTILE,
      },
      { kind: 'stop-test-failover', host: h, vm: v, testVmId: HOSTILE },
      { kind: 'reverse-replication', host: h, vm: v, replica: h, diskGb: 1 },
    ];
    for (const operation of operations) {
      it(`in ${operation.kind}`, () => {
        const steps = stepsFor(operation);
        for (const { powershell } of steps) {
          const { code, expandsInStrings } = scan(powershell);
          expect(code).not.toContain('Stop-Computer');
          expect(code).not.toContain('Remove-Item');
          expect(expandsInStrings).toBe(false);
        }
        expect(steps.some((step) => step.powershell.includes(`-ComputerName ${HOSTILE_QUOTED}`))).toBe(true);
        expect(steps.some((step) => step.powershell.includes(`-VMName ${HOSTILE_QUOTED}`))).toBe(true);
      });
    }
  });
});

/**
 * Splits PowerShell into what runs and what is data: the code outside comments and double-quoted
 * strings (which end at " “ ” „; a backtick escapes the next character), and whether any string
 * holds an unescaped `$`, which PowerShell would expand (`$(...)` even runs commands).
 */
function scan(powershell: string): { code: string; expandsInStrings: boolean } {
  let code = '';
  let inString = false;
  let inComment = false;
  let expandsInStrings = false;
  for (let i = 0; i < powershell.length; i++) {
    const c = powershell[i];
    if (inComment) {
      if (c === '\n' || c === '\r') inComment = false;
      continue;
    }
    if (c === '`') {
      i++;
      continue;
    }
    if ('"\u201C\u201D\u201E'.includes(c)) {
      inString = !inString;
      continue;
    }
    if (inString) {
      if (c === '$') expandsInStrings = true;
      continue;
    }
    if (c === '#') {
      inComment = true;
      continue;
    }
    code += c;
  }
  return { code, expandsInStrings };
}
