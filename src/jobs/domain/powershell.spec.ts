import { describe, it } from 'node:test';
import { expect } from 'expect';
import type { CheckpointRef, HostRef, VmRef } from './hypervisor-driver.port';
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

  it('sets processors and compatibility for migration with Set-VMProcessor', () => {
    for (const compatible of [true, false]) {
      expect(
        stepsFor({ kind: 'set-vm-processor', host: host(), vm: vm(), processorCount: 8, compatibilityForMigration: compatible }),
      ).toEqual([
        {
          name: `Use 8 virtual processors, compatibility for migration ${compatible ? 'on' : 'off'}`,
          powershell: `Set-VMProcessor -VMName "web01" -Count 8 -CompatibilityForMigrationEnabled $${compatible} -ComputerName "hv01"`,
        },
      ]);
    }
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
    expect(lines[0]).toMatch(/^# Integration services 1\.0 Stop-Computer  x delivered/);
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

  it('keeps a disk file inside the VHD folder whatever the names contain', () => {
    const disk = { id: 'd1', name: '..\\..\\Windows\\System32/x:*?<>|', sizeGb: 1 };
    const [create, attach] = stepsFor({ kind: 'add-vm-disk', host: host(), vm: vm('$web'), disk });
    expect(create.powershell).toContain('VirtualHardDiskPath "`$web-.._.._Windows_System32_x______.vhdx")');
    expect(attach.powershell).toContain('VirtualHardDiskPath "`$web-.._.._Windows_System32_x______.vhdx")');
  });

  it('takes a production checkpoint with ProductionOnly, so the host cannot fall back unnoticed', () => {
    expect(stepsFor({ kind: 'create-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('before patch') })).toEqual([
      {
        name: 'Set the checkpoint type to ProductionOnly',
        powershell: 'Set-VM -Name "web01" -CheckpointType ProductionOnly -ComputerName "hv01"',
      },
      {
        name: 'Create the production checkpoint before patch',
        powershell: 'Checkpoint-VM -Name "web01" -SnapshotName "before patch" -ComputerName "hv01"',
      },
    ]);
  });

  it('takes a standard checkpoint with checkpoint type Standard', () => {
    expect(stepsFor({ kind: 'create-checkpoint', host: host(), vm: vm(), checkpoint: checkpoint('s1', 'Standard') })).toEqual([
      {
        name: 'Set the checkpoint type to Standard',
        powershell: 'Set-VM -Name "web01" -CheckpointType Standard -ComputerName "hv01"',
      },
      {
        name: 'Create the standard checkpoint s1',
        powershell: 'Checkpoint-VM -Name "web01" -SnapshotName "s1" -ComputerName "hv01"',
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
