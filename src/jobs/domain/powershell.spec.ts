import { describe, it } from 'node:test';
import { expect } from 'expect';
import type { HostRef, VmRef } from './hypervisor-driver.port';
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
