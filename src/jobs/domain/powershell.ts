import type { HypervisorOperation, IntegrationServiceName } from './hypervisor-driver.port';
import { JobStepPlan } from './job.events';

const OS_NAMES: Record<string, string> = {
  WS2012R2: 'Windows Server 2012 R2',
  WS2016: 'Windows Server 2016',
  WS2019: 'Windows Server 2019',
  WS2022: 'Windows Server 2022',
  WS2025: 'Windows Server 2025',
};

/** The names Get-VMIntegrationService shows, which -Name of Enable-/Disable-VMIntegrationService takes. */
const INTEGRATION_SERVICE_NAMES: Record<IntegrationServiceName, string> = {
  Heartbeat: 'Heartbeat',
  Shutdown: 'Shutdown',
  TimeSynchronization: 'Time Synchronization',
  DataExchange: 'Key-Value Pair Exchange',
  VSS: 'VSS',
  GuestServiceInterface: 'Guest Service Interface',
};

/**
 * PowerShell's double-quoted string: backtick escapes quotes, backticks and `$`. PowerShell also
 * ends such a string at the typographic quotes “ ” „, so those are escaped too.
 */
const q = (value: string) => `"${value.replace(/[`"$\u201C\u201D\u201E]/g, (c) => `\`${c}`)}"`;

/**
 * Text inside a `#` comment: a line break would end the comment and run the rest as a command,
 * so control characters and Unicode line/paragraph separators become spaces.
 */
const commentText = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');

/** A Windows file name: path separators and reserved characters would leave the VHD folder or fail. */
const fileName = (value: string) => value.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_');

/**
 * The objects `listing` yields whose name is exactly `name`. The -Name parameters of the Hyper-V
 * cmdlets take wildcards, so a checkpoint called "*" would otherwise restore or delete every one.
 */
const exactly = (listing: string, name: string) => `${listing} | Where-Object Name -eq ${q(name)}`;

type VmOperation = Extract<HypervisorOperation, { vm: unknown }>;
type HostOperation = Exclude<HypervisorOperation, { vm: unknown }>;

/** The steps of a job and what a Hyper-V administrator would run for each of them. */
export function stepsFor(operation: HypervisorOperation): JobStepPlan[] {
  return 'vm' in operation ? vmSteps(operation) : hostSteps(operation);
}

function hostSteps(operation: HostOperation): JobStepPlan[] {
  const on = `-ComputerName ${q(operation.host.name)}`;
  switch (operation.kind) {
    case 'reinstall-host': {
      const os = OS_NAMES[operation.targetOsVersion];
      return [
        {
          name: `Clean-install ${os}`,
          powershell:
            `# Clean install of ${os} on ${commentText(operation.host.name)} (installation media / WDS), then:\n` +
            `Install-WindowsFeature -Name Hyper-V -IncludeManagementTools -Restart ${on}`,
        },
      ];
    }
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}

function vmSteps(operation: VmOperation): JobStepPlan[] {
  const on = `-ComputerName ${q(operation.host.name)}`;
  const vm = q(operation.vm.name);
  switch (operation.kind) {
    case 'create-vm': {
      const spec = operation.vm;
      return [
        {
          name: 'Create the virtual machine',
          powershell:
            `New-VM -Name ${vm} -Generation ${spec.generation} -Version ${spec.configVersion} ` +
            `-MemoryStartupBytes ${spec.memoryMb}MB ${on}; Set-VMProcessor -VMName ${vm} -Count ${spec.processorCount} ${on}`,
        },
      ];
    }
    case 'start-vm':
      return [{ name: 'Start the virtual machine', powershell: `Start-VM -Name ${vm} ${on}` }];
    case 'stop-vm':
      return [
        {
          name: operation.mode === 'turn-off' ? 'Turn off the virtual machine' : 'Shut down the guest operating system',
          powershell: `Stop-VM -Name ${vm} ${on}${operation.mode === 'turn-off' ? ' -TurnOff' : ' -Force'}`,
        },
      ];
    case 'save-vm':
      return [{ name: 'Save the virtual machine state', powershell: `Save-VM -Name ${vm} ${on}` }];
    case 'pause-vm':
      return [{ name: 'Pause the virtual machine', powershell: `Suspend-VM -Name ${vm} ${on}` }];
    case 'resume-vm':
      return [{ name: 'Resume the virtual machine', powershell: `Resume-VM -Name ${vm} ${on}` }];
    case 'delete-vm':
      return [{ name: 'Remove the virtual machine', powershell: `Remove-VM -Name ${vm} ${on} -Force` }];
    case 'upgrade-vm-version':
      // Update-VMVersion always moves to the host's default version; -Force also discards a saved state.
      return [
        {
          name: `Update the configuration version to ${operation.targetVersion}`,
          powershell: `Update-VMVersion -Name ${vm} ${on} -Force`,
        },
      ];
    case 'set-vm-firmware':
      return [
        {
          name: operation.secureBoot
            ? `Turn Secure Boot on with the ${operation.secureBootTemplate} template`
            : 'Turn Secure Boot off',
          powershell:
            `Set-VMFirmware -VMName ${vm} -EnableSecureBoot ${operation.secureBoot ? 'On' : 'Off'} ` +
            `-SecureBootTemplate ${q(operation.secureBootTemplate)} ${on}`,
        },
      ];
    case 'add-network-adapter':
      // Device naming exposes the adapter's name to the guest (Generation 2, version 6.2 and later).
      return [
        {
          name: `Add network adapter ${operation.adapter.name} on switch ${operation.adapter.switchName}`,
          powershell:
            `Add-VMNetworkAdapter -VMName ${vm} -Name ${q(operation.adapter.name)} ` +
            `-SwitchName ${q(operation.adapter.switchName)} -DeviceNaming On ${on}`,
        },
      ];
    case 'remove-network-adapter':
      return [
        {
          name: `Remove network adapter ${operation.adapter.name}`,
          powershell: `${exactly(`Get-VMNetworkAdapter -VMName ${vm} ${on}`, operation.adapter.name)} | Remove-VMNetworkAdapter`,
        },
      ];
    case 'set-vm-memory': {
      const { startupMb, dynamic } = operation.memory;
      return [
        dynamic
          ? {
              name: `Use dynamic memory: ${startupMb} MB at startup, ${dynamic.minimumMb}–${dynamic.maximumMb} MB, ${dynamic.bufferPercent} % buffer`,
              powershell:
                `Set-VMMemory -VMName ${vm} -DynamicMemoryEnabled $true -StartupBytes ${startupMb}MB ` +
                `-MinimumBytes ${dynamic.minimumMb}MB -MaximumBytes ${dynamic.maximumMb}MB -Buffer ${dynamic.bufferPercent} ${on}`,
            }
          : {
              name: `Use ${startupMb} MB of static memory`,
              powershell: `Set-VMMemory -VMName ${vm} -DynamicMemoryEnabled $false -StartupBytes ${startupMb}MB ${on}`,
            },
      ];
    }
    case 'set-vm-processor':
      return [
        {
          name: `Use ${operation.processorCount} virtual processors, compatibility for migration ${operation.compatibilityForMigration ? 'on' : 'off'}`,
          powershell:
            `Set-VMProcessor -VMName ${vm} -Count ${operation.processorCount} ` +
            `-CompatibilityForMigrationEnabled $${operation.compatibilityForMigration} ${on}`,
        },
      ];
    case 'set-integration-service': {
      const service = INTEGRATION_SERVICE_NAMES[operation.service];
      return [
        {
          name: `${operation.enabled ? 'Enable' : 'Disable'} the ${service} integration service`,
          powershell: `${operation.enabled ? 'Enable' : 'Disable'}-VMIntegrationService -VMName ${vm} -Name ${q(service)} ${on}`,
        },
      ];
    }
    case 'update-integration-services':
      // The update runs inside the guest (Windows Update); the host only reports the version the guest runs.
      return [
        {
          name: `Record integration services ${operation.version} from the guest update channel`,
          powershell:
            `# Integration services ${commentText(operation.version)} delivered through the guest update channel ` +
            '(Windows Update inside the guest); the host reports them:\n' +
            `Get-VMIntegrationService -VMName ${vm} ${on}`,
        },
      ];
    case 'add-vm-disk': {
      // A dynamically expanding VHDX in the host's default folder, named after VM and disk.
      const file = fileName(`${operation.vm.name}-${operation.disk.name}.vhdx`);
      const path = `(Join-Path (Get-VMHost ${on}).VirtualHardDiskPath ${q(file)})`;
      return [
        {
          name: `Create the ${operation.disk.sizeGb} GB virtual hard disk ${operation.disk.name}`,
          powershell: `New-VHD -Path ${path} -SizeBytes ${operation.disk.sizeGb}GB -Dynamic ${on}`,
        },
        {
          name: `Attach the virtual hard disk ${operation.disk.name}`,
          powershell: `Add-VMHardDiskDrive -VMName ${vm} -Path ${path} ${on}`,
        },
      ];
    }
    case 'create-checkpoint': {
      const { checkpoint } = operation;
      // The fabric already decided the kind (Production, or Standard after a fallback); ProductionOnly
      // makes the host fail rather than silently take a Standard checkpoint recorded as Production.
      const type = checkpoint.kind === 'Production' ? 'ProductionOnly' : 'Standard';
      return [
        {
          name: `Set the checkpoint type to ${type}`,
          powershell: `Set-VM -Name ${vm} -CheckpointType ${type} ${on}`,
        },
        {
          name: `Create the ${checkpoint.kind.toLowerCase()} checkpoint ${checkpoint.name}`,
          powershell: `Checkpoint-VM -Name ${vm} -SnapshotName ${q(checkpoint.name)} ${on}`,
        },
      ];
    }
    case 'apply-checkpoint':
      return [
        {
          name: `Apply checkpoint ${operation.checkpoint.name} (the VM ends ${operation.resultingState})`,
          powershell: `${exactly(`Get-VMCheckpoint -VMName ${vm} ${on}`, operation.checkpoint.name)} | Restore-VMCheckpoint -Confirm:$false`,
        },
      ];
    case 'delete-checkpoint':
      return [
        {
          name: operation.subtree
            ? `Delete checkpoint ${operation.checkpoint.name} and every checkpoint below it`
            : `Delete checkpoint ${operation.checkpoint.name}, merging it into its parent`,
          powershell:
            `${exactly(`Get-VMCheckpoint -VMName ${vm} ${on}`, operation.checkpoint.name)} | Remove-VMCheckpoint` +
            (operation.subtree ? ' -IncludeAllChildCheckpoints' : ''),
        },
      ];
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}
