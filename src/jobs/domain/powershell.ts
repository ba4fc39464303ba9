import { compareConfigVersions } from '../../hosts/domain/windows-server';
import {
  CheckpointRef,
  ClusterRef,
  HostRef,
  HypervisorOperation,
  IntegrationServiceName,
  isOrchestrated,
  MoveRef,
  OrchestratedOperation,
  RecoveryPointRef,
  ReplicatedDiskRef,
  VmRef,
} from './hypervisor-driver.port';
import { JobOperation, JobStepPlan } from './job.events';

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
 * The first step of a quarantined node's drain: the cluster service drains such a node itself (it
 * is no member that Suspend-ClusterNode could pause), so the step shows the node's state.
 */
export function quarantinedNodeStep(cluster: ClusterRef, host: HostRef): JobStepPlan {
  return {
    name: `Drain quarantined node ${host.name}`,
    powershell: `Get-ClusterNode -Cluster ${q(cluster.name)} -Name ${q(host.name)} | Format-List Name, State, StatusInformation`,
  };
}

/**
 * A running VM moved from a node of one cluster to a node of another (shared-nothing live
 * migration, as System Center Virtual Machine Manager does it): Move-VM takes the VM and its storage
 * to the destination node, Add-ClusterVirtualMachineRole makes it a role of the destination
 * cluster, and Remove-ClusterGroup takes its old role out of the source cluster (the VM itself has
 * already left; -RemoveResources removes only the role's resources).
 */
export function crossClusterMigrationSteps(
  operation: Extract<JobOperation, { kind: 'migrate-vm' }>,
  from: ClusterRef,
  to: ClusterRef,
): JobStepPlan[] {
  const vmName = operation.vm.name;
  return [
    ...stepsFor({ ...operation, cluster: null }),
    {
      name: `Make ${vmName} a role of cluster ${to.name}`,
      powershell: `Add-ClusterVirtualMachineRole -Cluster ${q(to.name)} -VMName ${q(vmName)} -Name ${q(vmName)}`,
    },
    {
      name: `Remove the role of ${vmName} from cluster ${from.name}`,
      powershell: `Remove-ClusterGroup -Cluster ${q(from.name)} -Name ${q(vmName)} -RemoveResources -Force`,
    },
  ];
}

/**
 * Text inside a `#` comment: a line break would end the comment and run the rest as a command,
 * so control characters and Unicode line/paragraph separators become spaces.
 */
const commentText = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');

/** A Windows file name: path separators and reserved characters would leave the VHD folder or fail. */
const fileName = (value: string) => value.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_');

/**
 * A virtual hard disk's file as add-vm-disk names it: how the host knows the disk (a move keeps the
 * file name). A disk already named like a VHDX file ("os.vhdx") does not get the extension twice.
 */
const diskFile = (vmName: string, diskName: string) => fileName(`${vmName}-${diskName.replace(/\.vhdx$/i, '')}.vhdx`);

/**
 * The objects `listing` yields whose name is exactly `name`. The -Name parameters of the Hyper-V
 * cmdlets take wildcards, so a checkpoint called "*" would otherwise restore or delete every one.
 */
const exactly = (listing: string, name: string) => `${listing} | Where-Object Name -eq ${q(name)}`;

type VmOperation = Extract<HypervisorOperation, { vm: unknown }>;
type ClusterOperation = Exclude<Extract<HypervisorOperation, { cluster: ClusterRef }>, VmOperation>;
type HostOperation = Exclude<HypervisorOperation, { vm: unknown } | { cluster: ClusterRef }>;

/**
 * The steps of a job and what a Hyper-V administrator would run for each of them. Orchestrated
 * jobs (drain, resume) have one step for the node and then one per VM move, in the order of
 * `moves`: the fabric marks step i + 1 when moves[i] is done.
 */
export function stepsFor(operation: JobOperation): JobStepPlan[] {
  if (isOrchestrated(operation)) return orchestratedSteps(operation);
  if ('vm' in operation) return vmSteps(operation);
  if (isClusterOperation(operation)) return clusterSteps(operation);
  return hostSteps(operation);
}

function isClusterOperation(operation: Exclude<HypervisorOperation, VmOperation>): operation is ClusterOperation {
  return 'cluster' in operation;
}

const MOVE_LABELS: Record<MoveRef['migrationType'], string> = {
  Live: 'live migration',
  Quick: 'quick migration',
  Failover: 'failover',
};

/**
 * One VM move inside a cluster. The cluster cmdlets take -Name literally (no wildcards), so a VM
 * called "web*" moves only itself. A failover has nothing to migrate from: the role is moved.
 */
function clusterMove(cluster: ClusterRef, vmName: string, toHostName: string, type: MoveRef['migrationType']): string {
  const target = `-Cluster ${q(cluster.name)} -Name ${q(vmName)} -Node ${q(toHostName)}`;
  return type === 'Failover' ? `Move-ClusterGroup ${target}` : `Move-ClusterVirtualMachineRole ${target} -MigrationType ${type}`;
}

function moveSteps(cluster: ClusterRef, moves: readonly MoveRef[]): JobStepPlan[] {
  return moves.map((move) => ({
    name: `Move ${move.vmName} to ${move.toHostName} (${MOVE_LABELS[move.migrationType]})`,
    powershell: clusterMove(cluster, move.vmName, move.toHostName, move.migrationType),
  }));
}

function orchestratedSteps(operation: OrchestratedOperation): JobStepPlan[] {
  const node = `-Cluster ${q(operation.cluster.name)} -Name ${q(operation.host.name)}`;
  switch (operation.kind) {
    case 'drain-node':
      return [
        operation.drain === false
          ? { name: `Pause node ${operation.host.name}`, powershell: `Suspend-ClusterNode ${node}` }
          : { name: `Pause node ${operation.host.name} and drain its roles`, powershell: `Suspend-ClusterNode ${node} -Drain` },
        ...moveSteps(operation.cluster, operation.moves),
      ];
    case 'resume-node':
      return [
        operation.failback
          ? {
              name: `Resume node ${operation.host.name} and fail its roles back`,
              powershell: `Resume-ClusterNode ${node} -Failback Immediate`,
            }
          : { name: `Resume node ${operation.host.name}`, powershell: `Resume-ClusterNode ${node}` },
        ...moveSteps(operation.cluster, operation.moves),
      ];
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}

function clusterSteps(operation: ClusterOperation): JobStepPlan[] {
  const cluster = `-Cluster ${q(operation.cluster.name)}`;
  const node = `${cluster} -Name ${q(operation.host.name)}`;
  switch (operation.kind) {
    case 'create-cluster': {
      const nodes = operation.nodes.length > 0 ? operation.nodes : [operation.host];
      return [
        {
          name: `Create cluster ${operation.cluster.name} from ${nodes.map((n) => n.name).join(', ')}`,
          powershell: `New-Cluster -Name ${q(operation.cluster.name)} -Node ${nodes.map((n) => q(n.name)).join(',')} -NoStorage`,
        },
      ];
    }
    case 'add-cluster-node':
      return [
        {
          name: `Add node ${operation.host.name} to cluster ${operation.cluster.name}`,
          powershell: `Add-ClusterNode ${node}`,
        },
      ];
    case 'evict-node':
      return [
        {
          name: operation.via
            ? `Evict the down node ${operation.host.name} from cluster ${operation.cluster.name} (through ${operation.via.name})`
            : `Evict node ${operation.host.name} from cluster ${operation.cluster.name}`,
          powershell: `Remove-ClusterNode ${node} -Force`,
        },
      ];
    case 'raise-functional-level':
      // Update-ClusterFunctionalLevel always raises to the level of the nodes' OS; it cannot be undone.
      return [
        {
          name: `Raise the functional level of cluster ${operation.cluster.name} to ${operation.toLevel}`,
          powershell: `Update-ClusterFunctionalLevel ${cluster} -Force`,
        },
      ];
    case 'clear-node-quarantine':
      return [
        {
          name: `Clear the quarantine of node ${operation.host.name} and start its cluster service`,
          powershell: `Start-ClusterNode ${node} -ClearQuarantine`,
        },
      ];
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
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
            `Install-WindowsFeature -Name ${operation.installFailoverClustering ? 'Hyper-V, Failover-Clustering' : 'Hyper-V'} ` +
            `-IncludeManagementTools -Restart ${on}`,
        },
      ];
    }
    default: {
      // One kind only: TypeScript narrows the kind, not a single-member union, to never.
      const unknown: never = operation.kind;
      throw new Error(`No PowerShell for host operation ${String(unknown)}`);
    }
  }
}

function supportsDeviceNaming(host: HostRef, vm: VmRef): boolean {
  return host.osVersion !== 'WS2012R2' && vm.generation === 2 && compareConfigVersions(vm.configVersion, '6.2') >= 0;
}

/**
 * New-VM, then every setting the request described, each with the cmdlet that sets it (the same
 * steps as the changes that set them later): processors, dynamic memory, firmware, the adapters,
 * the disks and the checkpoint type, with only the parameters the host's OS has.
 */
function creationSteps(operation: Extract<VmOperation, { kind: 'create-vm' }>): JobStepPlan[] {
  const { host, vm: spec, configuration } = operation;
  const on = `-ComputerName ${q(host.name)}`;
  const vm = q(spec.name);
  const legacy = host.osVersion === 'WS2012R2';
  // WS2012R2's New-VM has no -Version: it creates 5.0, its only version.
  const version = legacy ? '' : `-Version ${spec.configVersion} `;
  if (!configuration) {
    return [
      {
        name: 'Create the virtual machine',
        powershell:
          `New-VM -Name ${vm} -Generation ${spec.generation} ${version}` +
          `-MemoryStartupBytes ${spec.memoryMb}MB ${on}; Set-VMProcessor -VMName ${vm} -Count ${spec.processorCount} ${on}`,
      },
    ];
  }
  const base = { host, vm: spec };
  const steps: JobStepPlan[] = [
    {
      name: `Create the virtual machine (Generation ${spec.generation}, version ${spec.configVersion})`,
      // -NoVHD: the disks are created below with the names the request gave them.
      powershell: `New-VM -Name ${vm} -Generation ${spec.generation} ${version}-MemoryStartupBytes ${spec.memoryMb}MB -NoVHD ${on}`,
    },
    {
      name: `Use ${spec.processorCount} virtual processors`,
      powershell: `Set-VMProcessor -VMName ${vm} -Count ${spec.processorCount} ${on}`,
    },
  ];
  if (configuration.memory.dynamic) steps.push(...vmSteps({ kind: 'set-vm-memory', ...base, memory: configuration.memory }));
  if (configuration.firmware) steps.push(...vmSteps({ kind: 'set-vm-firmware', ...base, ...configuration.firmware }));
  // New-VM adds one adapter named "Network Adapter"; the request's adapters replace it.
  steps.push({
    name: 'Remove the adapter New-VM added',
    powershell: `${exactly(`Get-VMNetworkAdapter -VMName ${vm} ${on}`, 'Network Adapter')} | Remove-VMNetworkAdapter`,
  });
  for (const adapter of configuration.adapters) steps.push(...vmSteps({ kind: 'add-network-adapter', ...base, adapter }));
  for (const disk of configuration.disks) steps.push(...vmSteps({ kind: 'add-vm-disk', ...base, disk }));
  if (!legacy) steps.push(...vmSteps({ kind: 'set-checkpoint-type', ...base, checkpointType: configuration.checkpointType }));
  // Created on a cluster's node, the VM is made highly available: a role of that cluster.
  if (operation.cluster) {
    steps.push({
      name: `Make ${spec.name} a role of cluster ${operation.cluster.name}`,
      powershell: `Add-ClusterVirtualMachineRole -Cluster ${q(operation.cluster.name)} -VMName ${vm} -Name ${vm}`,
    });
  }
  return steps;
}

/**
 * A cmdlet on the VM: through Hyper-V's own id once the host reported it (`Get-VM -Id … | Start-VM`:
 * a name may repeat on a host, an id may not), by name before (`Start-VM -Name …`).
 */
function onTheVm(vm: VmRef, on: string, cmdlet: string, parameters = ''): string {
  const rest = parameters ? ` ${parameters}` : '';
  return vm.hypervisorId
    ? `Get-VM -Id ${q(vm.hypervisorId)} ${on} | ${cmdlet}${rest}`
    : `${cmdlet} -Name ${q(vm.name)} ${on}${rest}`;
}

/** A checkpoint of the VM: by Hyper-V's ids once known (Get-VMSnapshot's Id), by its name before. */
function theCheckpoint(vm: VmRef, on: string, checkpoint: CheckpointRef): string {
  if (vm.hypervisorId && checkpoint.hypervisorId) {
    return `Get-VM -Id ${q(vm.hypervisorId)} ${on} | Get-VMCheckpoint | Where-Object Id -eq ${q(checkpoint.hypervisorId)}`;
  }
  return exactly(`Get-VMCheckpoint -VMName ${q(vm.name)} ${on}`, checkpoint.name);
}

function vmSteps(operation: VmOperation): JobStepPlan[] {
  const on = `-ComputerName ${q(operation.host.name)}`;
  const vm = q(operation.vm.name);
  const self = operation.vm;
  switch (operation.kind) {
    case 'create-vm':
      return creationSteps(operation);
    case 'start-vm':
      return [{ name: 'Start the virtual machine', powershell: onTheVm(self, on, 'Start-VM') }];
    case 'stop-vm':
      return [
        {
          name: operation.mode === 'turn-off' ? 'Turn off the virtual machine' : 'Shut down the guest operating system',
          powershell: onTheVm(self, on, 'Stop-VM', operation.mode === 'turn-off' ? '-TurnOff' : '-Force'),
        },
      ];
    case 'save-vm':
      return [{ name: 'Save the virtual machine state', powershell: onTheVm(self, on, 'Save-VM') }];
    case 'pause-vm':
      return [{ name: 'Pause the virtual machine', powershell: onTheVm(self, on, 'Suspend-VM') }];
    case 'resume-vm':
      return [{ name: 'Resume the virtual machine', powershell: onTheVm(self, on, 'Resume-VM') }];
    case 'delete-vm': {
      const removeVm = { name: 'Remove the virtual machine', powershell: onTheVm(self, on, 'Remove-VM', '-Force') };
      if (!operation.cluster) return [removeVm];
      // A clustered VM is a role of its cluster: Remove-VM alone would leave the role behind, failed.
      return [
        {
          name: `Remove the role of ${self.name} from cluster ${operation.cluster.name}`,
          powershell: `Remove-ClusterGroup -Cluster ${q(operation.cluster.name)} -Name ${q(self.name)} -RemoveResources -Force`,
        },
        removeVm,
      ];
    }
    case 'upgrade-vm-version':
      // Update-VMVersion always moves to the host's default version; -Force also discards a saved state.
      return [
        {
          name: `Update the configuration version to ${operation.targetVersion}`,
          powershell: `Update-VMVersion -Name ${vm} ${on} -Force`,
        },
      ];
    case 'set-vm-firmware': {
      // WS2012R2 has one Secure Boot template and no -SecureBootTemplate parameter.
      const template = operation.host.osVersion === 'WS2012R2' ? '' : `-SecureBootTemplate ${q(operation.secureBootTemplate)} `;
      return [
        {
          name: operation.secureBoot
            ? `Turn Secure Boot on with the ${operation.secureBootTemplate} template`
            : 'Turn Secure Boot off',
          powershell: `Set-VMFirmware -VMName ${vm} -EnableSecureBoot ${operation.secureBoot ? 'On' : 'Off'} ${template}${on}`,
        },
      ];
    }
    case 'add-network-adapter': {
      // Device naming exposes the adapter's name to the guest: WS2016 hosts and later, Generation 2 at 6.2 and later.
      const deviceNaming = supportsDeviceNaming(operation.host, operation.vm) ? '-DeviceNaming On ' : '';
      return [
        {
          name: `Add network adapter ${operation.adapter.name} on switch ${operation.adapter.switchName}`,
          powershell:
            `Add-VMNetworkAdapter -VMName ${vm} -Name ${q(operation.adapter.name)} ` +
            `-SwitchName ${q(operation.adapter.switchName)} ${deviceNaming}${on}`,
        },
      ];
    }
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
    case 'set-vm-processor': {
      // -ExposeVirtualizationExtensions exists from WS2016 on; a WS2012R2 host never has it set.
      const nested = operation.host.osVersion === 'WS2012R2' ? null : (operation.exposeVirtualizationExtensions ?? false);
      return [
        {
          name:
            `Use ${operation.processorCount} virtual processors, compatibility for migration ${operation.compatibilityForMigration ? 'on' : 'off'}` +
            (nested === null ? '' : `, nested virtualization ${nested ? 'on' : 'off'}`),
          powershell:
            `Set-VMProcessor -VMName ${vm} -Count ${operation.processorCount} ` +
            `-CompatibilityForMigrationEnabled $${operation.compatibilityForMigration} ` +
            (nested === null ? '' : `-ExposeVirtualizationExtensions $${nested} `) +
            on,
        },
      ];
    }
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
      const file = diskFile(operation.vm.name, operation.disk.name);
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
    case 'set-checkpoint-type':
      return [
        {
          name: `Set the checkpoint type to ${operation.checkpointType}`,
          powershell: `Set-VM -Name ${vm} -CheckpointType ${operation.checkpointType} ${on}`,
        },
      ];
    case 'resize-vm-disk': {
      const file = diskFile(operation.vm.name, operation.disk.name);
      const path = `(Join-Path (Get-VMHost ${on}).VirtualHardDiskPath ${q(file)})`;
      return [
        {
          name: `Grow the virtual hard disk ${operation.disk.name} to ${operation.disk.sizeGb} GB`,
          powershell: `Resize-VHD -Path ${path} -SizeBytes ${operation.disk.sizeGb}GB ${on}`,
        },
      ];
    }
    case 'create-checkpoint': {
      const { checkpoint } = operation;
      // The VM's checkpoint type is its setting on the host (Set-VM -CheckpointType, its own job); taking
      // a checkpoint never changes it, and the host falls back or refuses by that setting.
      return [
        {
          name: `Create the ${checkpoint.kind.toLowerCase()} checkpoint ${checkpoint.name}`,
          powershell: onTheVm(self, on, 'Checkpoint-VM', `-SnapshotName ${q(checkpoint.name)}`),
        },
      ];
    }
    case 'apply-checkpoint':
      return [
        {
          name: `Apply checkpoint ${operation.checkpoint.name} (the VM ends ${operation.resultingState})`,
          powershell: `${theCheckpoint(self, on, operation.checkpoint)} | Restore-VMCheckpoint -Confirm:$false`,
        },
      ];
    case 'delete-checkpoint':
      return [
        {
          name: operation.subtree
            ? `Delete checkpoint ${operation.checkpoint.name} and every checkpoint below it`
            : `Delete checkpoint ${operation.checkpoint.name}, merging it into its parent`,
          powershell:
            `${theCheckpoint(self, on, operation.checkpoint)} | Remove-VMCheckpoint` +
            (operation.subtree ? ' -IncludeAllChildCheckpoints' : ''),
        },
      ];
    case 'migrate-vm': {
      const { destination, migrationType } = operation;
      const label = MOVE_LABELS[migrationType];
      if (operation.cluster) {
        return [
          {
            name: `Move ${operation.vm.name} from ${operation.host.name} to ${destination.name} (${label})`,
            powershell: clusterMove(operation.cluster, operation.vm.name, destination.name, migrationType),
          },
        ];
      }
      // Shared-nothing: no storage in common, so the disks, checkpoints and configuration go along,
      // into a folder named after the VM under the destination's default virtual machine path.
      const folder = `(Join-Path (Get-VMHost -ComputerName ${q(destination.name)}).VirtualMachinePath ${q(fileName(operation.vm.name))})`;
      return [
        {
          name: `Move ${operation.vm.name} and its storage from ${operation.host.name} to ${destination.name} (shared-nothing ${label})`,
          powershell:
            `Move-VM -Name ${vm} ${on} -DestinationHost ${q(destination.name)} -IncludeStorage ` +
            `-DestinationStoragePath ${folder}`,
        },
      ];
    }
    case 'failover-vm':
      return failoverSteps(operation);
    case 'enable-replication':
    case 'suspend-replication':
    case 'resume-replication':
    case 'remove-replication':
    case 'resynchronize-replication':
    case 'set-replicated-disks':
    case 'planned-failover':
    case 'unplanned-failover':
    case 'commit-failover':
    case 'start-test-failover':
    case 'stop-test-failover':
    case 'reverse-replication':
      return replicationSteps(operation);
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}

type FailoverOperation = Extract<HypervisorOperation, { kind: 'failover-vm' }>;

/**
 * The VM's node is lost. In a cluster its role moves to the destination (and is brought online
 * when it was running); a standalone VM is registered on the destination from its files, which
 * must be reachable there (shared storage or a restored copy), where a shared-nothing move puts them.
 */
function failoverSteps(operation: FailoverOperation): JobStepPlan[] {
  const { vm, destination, host: lost } = operation;
  if (operation.cluster) {
    const role = `-Cluster ${q(operation.cluster.name)} -Name ${q(vm.name)}`;
    return [
      {
        name: `Fail ${vm.name} over from ${lost.name} to ${destination.name}`,
        powershell: `Move-ClusterGroup ${role} -Node ${q(destination.name)}`,
      },
      ...(operation.restart
        ? [{ name: `Start ${vm.name} on ${destination.name}`, powershell: `Start-ClusterGroup ${role}` }]
        : []),
    ];
  }
  const on = `-ComputerName ${q(destination.name)}`;
  // Configuration version 5.0 keeps the configuration in XML; 6.2 and later in a binary .vmcx file.
  const configFile = vm.configVersion === '5.0' ? '*.xml' : '*.vmcx';
  const folder = `(Join-Path (Get-VMHost).VirtualMachinePath ${q(fileName(vm.name))})`;
  return [
    {
      name: `Register ${vm.name} on ${destination.name} from its files (${lost.name} is lost)`,
      powershell:
        `# ${commentText(lost.name)} is lost and ${commentText(vm.name)} is not clustered: its files must be reachable from ` +
        `${commentText(destination.name)} (shared storage or a restored copy) where a shared-nothing move puts them.\n` +
        `Invoke-Command ${on} -ScriptBlock { Get-ChildItem -LiteralPath ${folder} -Recurse -Filter ${configFile} | ` +
        'Select-Object -First 1 | ForEach-Object { Import-VM -Path $_.FullName -Register } }',
    },
    ...(operation.restart
      ? [{ name: `Start ${vm.name} on ${destination.name}`, powershell: `Start-VM -Name ${q(vm.name)} ${on}` }]
      : []),
  ];
}

type ReplicationOperation = Extract<
  HypervisorOperation,
  {
    kind:
      | 'enable-replication'
      | 'suspend-replication'
      | 'resume-replication'
      | 'remove-replication'
      | 'resynchronize-replication'
      | 'set-replicated-disks'
      | 'planned-failover'
      | 'unplanned-failover'
      | 'commit-failover'
      | 'start-test-failover'
      | 'stop-test-failover'
      | 'reverse-replication';
  }
>;

/** Hyper-V Replica over HTTP with Kerberos, the default for domain-joined hosts. */
const REPLICA_TRANSPORT = '-ReplicaServerPort 80 -AuthenticationType Kerberos';

/** The size of an initial copy, as a step name shows it. */
const gigabytesLabel = (gb: number) => `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;

/**
 * A replica's recovery point as Hyper-V lists it (a Replica-type snapshot of the replica VM), for
 * Start-VMFailover -VMRecoverySnapshot: by Hyper-V's own id of it once the host reported one. A point
 * recorded before the hosts reported ids is the newest Hyper-V had made by the time the fabric
 * recorded it (Hyper-V's CreationTime is the replication time the fabric observed).
 */
function recoverySnapshot(vm: string, on: string, point: RecoveryPointRef): string {
  const points = `Get-VMSnapshot -VMName ${vm} -SnapshotType Replica ${on}`;
  if (point.hypervisorRecoveryPointId) return `(${points} | Where-Object Id -eq ${q(point.hypervisorRecoveryPointId)})`;
  const until = point.recoveryPointAt ? ` | Where-Object CreationTime -le ([datetime]${q(point.recoveryPointAt)})` : '';
  return `(${points}${until} | Sort-Object CreationTime | Select-Object -Last 1)`;
}

/**
 * The VM's hard disk drives whose virtual hard disk is one of these disks' files, for
 * -ReplicatedDisks. Hyper-V does not know the fabric's disk ids; it knows each drive's Path.
 */
function hardDiskDrives(vm: VmRef, on: string, disks: ReplicatedDiskRef[]): string {
  // A disk named like a VHDX file that an earlier version created has the extension twice on the host.
  const namesOf = (d: ReplicatedDiskRef) =>
    /\.vhdx$/i.test(d.name) ? [diskFile(vm.name, d.name), fileName(`${vm.name}-${d.name}.vhdx`)] : [diskFile(vm.name, d.name)];
  const files = disks.flatMap(namesOf).map(q).join(',');
  return `(Get-VMHardDiskDrive -VMName ${q(vm.name)} ${on} | Where-Object { (Split-Path $_.Path -Leaf) -in @(${files}) })`;
}

/**
 * Hyper-V Replica. Each step runs where Hyper-V runs it: enabling, cycles, suspend, resume,
 * resynchronization and the disk set on the primary; a planned failover on both ends; an
 * unplanned or test failover, and its commit, on the replica; a reversal on the new primary.
 */
function replicationSteps(operation: ReplicationOperation): JobStepPlan[] {
  const { host, vm } = operation;
  const on = `-ComputerName ${q(host.name)}`;
  const name = q(vm.name);
  switch (operation.kind) {
    case 'enable-replication': {
      const { replica, frequencySeconds, recoveryPoints, applicationConsistent, disks: chosen, replicaBroker } = operation;
      const history = recoveryPoints !== undefined && recoveryPoints > 0 ? ` -RecoveryHistory ${recoveryPoints}` : '';
      const vss = applicationConsistent ? ' -VSSSnapshotFrequencyHour 1' : '';
      const disks = chosen === undefined ? '' : ` -ReplicatedDisks ${hardDiskDrives(vm, on, chosen)}`;
      // A replica cluster is addressed through its Replica Broker, which places the replica on a node itself.
      const server = replicaBroker ? replicaBroker.name : replica.name;
      const target = replicaBroker
        ? `${replicaBroker.name} (Replica Broker of cluster; replica on ${replica.name})`
        : replica.name;
      return [
        {
          name: `Enable replication of ${vm.name} to ${target} every ${frequencySeconds} s`,
          powershell:
            `Enable-VMReplication -VMName ${name} -ReplicaServerName ${q(server)} ${REPLICA_TRANSPORT} ` +
            `-ReplicationFrequencySec ${frequencySeconds}${history}${vss}${disks} ${on}`,
        },
        {
          name: `Send the initial copy (${gigabytesLabel(operation.diskGb)}) to ${server}`,
          powershell: `Start-VMInitialReplication -VMName ${name} ${on}`,
        },
      ];
    }
    case 'suspend-replication':
      return [
        {
          name: `Suspend replication of ${vm.name} to ${operation.replica.name}`,
          powershell: `Suspend-VMReplication -VMName ${name} ${on}`,
        },
      ];
    case 'resume-replication':
      return [
        {
          name: `Resume replication of ${vm.name} to ${operation.replica.name}`,
          powershell: `Resume-VMReplication -VMName ${name} ${on}`,
        },
      ];
    case 'resynchronize-replication':
      return [
        {
          name: `Resynchronize ${vm.name} with ${operation.replica.name} (${gigabytesLabel(operation.diskGb)} compared)`,
          powershell: `Resume-VMReplication -VMName ${name} -Resynchronize ${on}`,
        },
      ];
    case 'set-replicated-disks': {
      const added = operation.addedDiskGb > 0 ? `, ${gigabytesLabel(operation.addedDiskGb)} to copy` : '';
      return [
        {
          name: `Replicate ${operation.disks.length} disk(s) of ${vm.name} to ${operation.replica.name}${added}`,
          powershell: `Set-VMReplication -VMName ${name} -ReplicatedDisks ${hardDiskDrives(vm, on, operation.disks)} ${on}`,
        },
      ];
    }
    case 'planned-failover': {
      const replicaOn = `-ComputerName ${q(operation.replica.name)}`;
      return [
        {
          name: `Prepare the planned failover on ${host.name}: send the last changes of ${vm.name}`,
          powershell: `Start-VMFailover -VMName ${name} -Prepare ${on}`,
        },
        {
          name: `Fail ${vm.name} over to ${operation.replica.name}`,
          powershell: `Start-VMFailover -VMName ${name} ${replicaOn}`,
        },
        {
          name: `Reverse replication: ${operation.replica.name} replicates ${vm.name} to ${host.name}`,
          powershell: `Set-VMReplication -VMName ${name} -Reverse ${replicaOn}`,
        },
        { name: `Start ${vm.name} on ${operation.replica.name}`, powershell: `Start-VM -Name ${name} ${replicaOn}` },
      ];
    }
    case 'unplanned-failover':
      return [
        {
          name: `Fail ${vm.name} over on ${host.name} to recovery point ${operation.recoveryPointId} (${operation.primary.name} is not asked)`,
          powershell: `Start-VMFailover -VMRecoverySnapshot ${recoverySnapshot(name, on, operation)} -Confirm:$false`,
        },
        { name: `Start ${vm.name} on ${host.name}`, powershell: `Start-VM -Name ${name} ${on}` },
      ];
    case 'commit-failover':
      return [
        {
          name: `Commit the failover of ${vm.name} to recovery point ${operation.recoveryPointId}`,
          powershell: `Complete-VMFailover -VMName ${name} ${on} -Confirm:$false`,
        },
      ];
    case 'start-test-failover': {
      const { testVm } = operation;
      // Hyper-V names the test VM "<name> - Test"; the fabric's name for it replaces that.
      const hyperVName = `${vm.name} - Test`;
      return [
        {
          name: `Create test VM ${testVm.name} on ${host.name} from recovery point ${operation.recoveryPointId}`,
          powershell: `Start-VMFailover -AsTest -VMRecoverySnapshot ${recoverySnapshot(name, on, operation)} -Confirm:$false`,
        },
        ...(testVm.name === hyperVName
          ? []
          : [
              {
                name: `Name the test VM ${testVm.name}`,
                powershell: `${exactly(`Get-VM ${on}`, hyperVName)} | Rename-VM -NewName ${q(testVm.name)}`,
              },
            ]),
        { name: `Start test VM ${testVm.name}`, powershell: `Start-VM -Name ${q(testVm.name)} ${on}` },
      ];
    }
    case 'stop-test-failover':
      return [
        {
          name: `Stop the test failover of ${vm.name} on ${host.name} and remove its test VM`,
          powershell: `Stop-VMFailover -VMName ${name} ${on}`,
        },
      ];
    case 'reverse-replication':
      return [
        {
          name: `Reverse replication: ${host.name} replicates ${vm.name} to ${operation.replica.name}`,
          powershell: `Set-VMReplication -VMName ${name} -Reverse -ReplicaServerName ${q(operation.replica.name)} ${on}`,
        },
        {
          name: `Send the initial copy (${gigabytesLabel(operation.diskGb)}) to ${operation.replica.name}`,
          powershell: `Start-VMInitialReplication -VMName ${name} ${on}`,
        },
      ];
    case 'remove-replication':
      return [
        {
          name: `Remove replication of ${vm.name} to ${operation.replica.name}`,
          powershell: `Remove-VMReplication -VMName ${name} ${on} -Confirm:$false`,
        },
      ];
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}
