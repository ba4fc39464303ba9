import type { HypervisorOperation } from './hypervisor-driver.port';
import { JobStepPlan } from './job.events';

const OS_NAMES: Record<string, string> = {
  WS2012R2: 'Windows Server 2012 R2',
  WS2016: 'Windows Server 2016',
  WS2019: 'Windows Server 2019',
  WS2022: 'Windows Server 2022',
  WS2025: 'Windows Server 2025',
};

/**
 * PowerShell's double-quoted string: backtick escapes quotes, backticks and `$`. PowerShell also
 * ends such a string at the typographic quotes “ ” „, so those are escaped too.
 */
const q = (value: string) => `"${value.replace(/[`"$\u201C\u201D\u201E]/g, (c) => `\`${c}`)}"`;

/** The steps of a job and what a Hyper-V administrator would run for each of them. */
export function stepsFor(operation: HypervisorOperation): JobStepPlan[] {
  const on = `-ComputerName ${q(operation.host.name)}`;
  switch (operation.kind) {
    case 'create-vm': {
      const vm = operation.vm;
      return [
        {
          name: 'Create the virtual machine',
          powershell:
            `New-VM -Name ${q(vm.name)} -Generation ${vm.generation} -Version ${vm.configVersion} ` +
            `-MemoryStartupBytes ${vm.memoryMb}MB ${on}; Set-VMProcessor -VMName ${q(vm.name)} -Count ${vm.processorCount} ${on}`,
        },
      ];
    }
    case 'start-vm':
      return [{ name: 'Start the virtual machine', powershell: `Start-VM -Name ${q(operation.vm.name)} ${on}` }];
    case 'stop-vm':
      return [
        {
          name: operation.mode === 'turn-off' ? 'Turn off the virtual machine' : 'Shut down the guest operating system',
          powershell: `Stop-VM -Name ${q(operation.vm.name)} ${on}${operation.mode === 'turn-off' ? ' -TurnOff' : ' -Force'}`,
        },
      ];
    case 'save-vm':
      return [{ name: 'Save the virtual machine state', powershell: `Save-VM -Name ${q(operation.vm.name)} ${on}` }];
    case 'pause-vm':
      return [{ name: 'Pause the virtual machine', powershell: `Suspend-VM -Name ${q(operation.vm.name)} ${on}` }];
    case 'resume-vm':
      return [{ name: 'Resume the virtual machine', powershell: `Resume-VM -Name ${q(operation.vm.name)} ${on}` }];
    case 'delete-vm':
      return [{ name: 'Remove the virtual machine', powershell: `Remove-VM -Name ${q(operation.vm.name)} ${on} -Force` }];
    case 'reinstall-host':
      return [
        {
          name: `Clean-install ${OS_NAMES[operation.targetOsVersion]}`,
          powershell:
            `# Clean install of ${OS_NAMES[operation.targetOsVersion]} on ${operation.host.name} (installation media / WDS), then:\n` +
            `Install-WindowsFeature -Name Hyper-V -IncludeManagementTools -Restart ${on}`,
        },
      ];
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}
