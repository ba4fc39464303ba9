import { CommandOperation, EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { ProblemCode } from '../../platform/http/problem-catalogue';
import { JobOperation } from '../../jobs/api/job-operation';
import {
  AddDiskDto,
  BulkAcceptedDto,
  BulkIntegrationServiceDto,
  CheckpointTreeDto,
  CheckpointTypeDto,
  CreateCheckpointDto,
  CreateVmDto,
  FirmwareDto,
  IntegrationServiceDto,
  IntegrationServicesUpdateDto,
  MigrateVmDto,
  NetworkAdapterDto,
  ResizeDiskDto,
  SetMemoryDto,
  SetProcessorDto,
  StopVmDto,
  VersionNotNeededDto,
  VmDto,
  VmPageDto,
} from './vm.dto';

const ON = '-ComputerName "hv-node-01"';

export const VM_EXAMPLE: VmDto = {
  id: EXAMPLE_ID.vm,
  name: 'web01',
  tenant: 'contoso',
  hostId: EXAMPLE_ID.host,
  clusterId: EXAMPLE_ID.cluster,
  generation: 2,
  configVersion: '8.0',
  state: 'Running',
  guestOs: { family: 'windows', version: '2016' },
  memory: { startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 }, demandMb: 1730 },
  processorCount: 2,
  processorCompatibilityForMigration: false,
  exposeVirtualizationExtensions: false,
  networkAdapters: [{ id: '6a1f2e3d-4c5b-4a69-8877-665544332211', name: 'Frontend', switchName: 'External' }],
  disks: [{ id: 'b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e', name: 'os', sizeGb: 60 }],
  firmware: { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' },
  checkpointType: 'Production',
  currentCheckpointId: null,
  checkpointCount: 0,
  integrationServices: {
    Heartbeat: true,
    Shutdown: true,
    TimeSynchronization: true,
    DataExchange: true,
    VSS: true,
    GuestServiceInterface: false,
  },
  integrationServicesVersion: '10.0.14393.0',
  heartbeat: 'OkApplicationsHealthy',
  clusterStatus: 'Monitored',
  pendingJobId: null,
  hypervisorVmId: '6f9619ff-8b86-d011-b42d-00c04fc964ff',
  createdAt: '2026-03-02T09:58:12.331Z',
  version: 7,
};

/** Refusals of every command on an existing VM: it is unknown, or busy with another job. */
const ON_A_VM: ProblemCode[] = ['NOT_FOUND', 'OPERATION_PENDING', 'INVALID_VM_STATE'];
const vmJob = (kind: string, steps: Array<{ name: string; powershell: string }>) => ({ kind, resource: 'vm' as const, steps });

export const VmDocs = {
  create: JobOperation({
    summary: 'Create a virtual machine',
    description:
      'Creates a VM on a host (`hostId`) or lets placement pick the Up node of a cluster (`clusterId`) that runs the ' +
      "configuration version, has the processors and the most free memory (the job's `placement` lists every candidate). " +
      "The version defaults to the host's (or the functional level's on a cluster) and must run on the host and on every " +
      'node; a Linux Generation 2 guest without firmware settings gets Secure Boot with the UEFI CA template at 6.2 or later. ' +
      'The job sets up everything asked for: processors, dynamic memory, firmware, adapters, disks and the checkpoint type. ' +
      'A vm-operator creates VMs only in its own tenants.',
    request: {
      type: CreateVmDto,
      example: {
        name: 'web01',
        tenant: 'contoso',
        clusterId: EXAMPLE_ID.cluster,
        generation: 2,
        guestOs: { family: 'windows', version: '2016' },
        memory: { startupMb: 2048, dynamic: { minimumMb: 512, maximumMb: 8192, bufferPercent: 20 } },
        processorCount: 2,
        networkAdapters: [{ name: 'Frontend', switchName: 'External' }],
        disks: [{ name: 'os', sizeGb: 60 }],
        checkpointType: 'Production',
      },
    },
    job: vmJob('create-vm', [
      {
        name: 'Create the virtual machine (Generation 2, version 8.0)',
        powershell: `New-VM -Name "web01" -Generation 2 -Version 8.0 -MemoryStartupBytes 2048MB -NoVHD ${ON}`,
      },
      { name: 'Use 2 virtual processors', powershell: `Set-VMProcessor -VMName "web01" -Count 2 ${ON}` },
      {
        name: 'Add network adapter Frontend on switch External',
        powershell: `Add-VMNetworkAdapter -VMName "web01" -Name "Frontend" -SwitchName "External" -DeviceNaming On ${ON}`,
      },
    ]),
    errors: [
      'NOT_FOUND',
      'HOST_NOT_AVAILABLE',
      'CONFIG_VERSION_UNSUPPORTED',
      'CLUSTER_IN_MIXED_MODE',
      'FUNCTIONAL_LEVEL_TOO_LOW',
      'INVALID_CLUSTER_STATE',
      'NO_SUITABLE_NODE',
      'GENERATION_2_REQUIRED',
      'FEATURE_REQUIRES_NEWER_VERSION',
      'HOST_OS_TOO_OLD',
      'INVALID_MEMORY_SETTINGS',
      'INSUFFICIENT_HOST_MEMORY',
      'PROCESSOR_COUNT_EXCEEDS_HOST',
      'DUPLICATE_ADAPTER_NAME',
      'ADAPTER_LIMIT',
      'DUPLICATE_DISK_NAME',
      'VM_ALREADY_EXISTS',
    ],
  }),
  list: QueryOperation({
    summary: 'List virtual machines',
    description:
      "Pages through the VMs, filtered by host, cluster, tenant, power state, heartbeat, configuration version or generation (all given filters apply). A vm-operator sees only its tenants' VMs.",
    response: { type: VmPageDto, example: { items: [VM_EXAMPLE], nextCursor: null } },
  }),
  get: QueryOperation({
    summary: 'Get a virtual machine',
    description:
      'The VM as the read model has it: power state, configuration, heartbeat, pending job. With `asOf` or `atPosition` it is ' +
      'the VM folded from its events up to then (time travel, without an ETag). PowerShell: `Get-VM -Name "web01" | Format-List *`.',
    response: { type: VmDto, example: VM_EXAMPLE },
    etag: true,
    errors: ['NOT_FOUND', 'TOO_MANY_CONCURRENT_QUERIES'],
  }),
  remove: JobOperation({
    summary: 'Delete a virtual machine',
    description: 'Removes an Off VM from its host; its disks and checkpoints go with it.',
    job: vmJob('delete-vm', [{ name: 'Remove the virtual machine', powershell: `Remove-VM -Name "web01" ${ON} -Force` }]),
    errors: ON_A_VM,
  }),
  start: JobOperation({
    summary: 'Start a virtual machine',
    description:
      'Starts an Off or Saved VM. Its host must be Up and run its configuration version, have its startup memory free, and a ' +
      'Linux guest cannot start with Secure Boot and the MicrosoftWindows template.',
    job: vmJob('start-vm', [{ name: 'Start the virtual machine', powershell: `Start-VM -Name "web01" ${ON}` }]),
    errors: [
      ...ON_A_VM,
      'HOST_NOT_AVAILABLE',
      'CONFIG_VERSION_UNSUPPORTED',
      'SECURE_BOOT_TEMPLATE_MISMATCH',
      'FEATURE_REQUIRES_NEWER_VERSION',
      'INSUFFICIENT_HOST_MEMORY',
    ],
  }),
  stop: JobOperation({
    summary: 'Stop a virtual machine',
    description:
      '`mode: shutdown` (the default) asks the guest to shut down and needs a Running VM; `turn-off` cuts the power of a ' +
      'Running, Paused or Saved VM (a saved state is discarded).',
    request: { type: StopVmDto, example: { mode: 'shutdown' } },
    job: vmJob('stop-vm', [{ name: 'Shut down the guest operating system', powershell: `Stop-VM -Name "web01" ${ON} -Force` }]),
    errors: ON_A_VM,
  }),
  save: JobOperation({
    summary: 'Save a virtual machine',
    description: "Saves a Running or Paused VM's memory and device state to disk; it ends Saved.",
    job: vmJob('save-vm', [{ name: 'Save the virtual machine state', powershell: `Save-VM -Name "web01" ${ON}` }]),
    errors: ON_A_VM,
  }),
  pause: JobOperation({
    summary: 'Pause a virtual machine',
    description: 'Suspends a Running VM in memory; it ends Paused.',
    job: vmJob('pause-vm', [{ name: 'Pause the virtual machine', powershell: `Suspend-VM -Name "web01" ${ON}` }]),
    errors: ON_A_VM,
  }),
  resume: JobOperation({
    summary: 'Resume a paused virtual machine',
    description: 'Resumes a Paused VM; it ends Running.',
    job: vmJob('resume-vm', [{ name: 'Resume the virtual machine', powershell: `Resume-VM -Name "web01" ${ON}` }]),
    errors: ON_A_VM,
  }),
  migrate: JobOperation({
    summary: 'Move a virtual machine to another host',
    description:
      'Live migration for a Running or Paused VM, quick migration for an Off or Saved one, within one cluster ' +
      '(or shared-nothing between standalone hosts, or between the nodes of two clusters: the clustered role leaves ' +
      "the source cluster and is created in the destination one, with the destination's defaults; a per-VM " +
      'resiliency period set on the source cluster is dropped there and does not follow the VM). ' +
      'The destination must be Up, not paused or quarantined, run the ' +
      'configuration version, have the memory, and share the CPU vendor for a VM with processor state. The job waits ' +
      "for a free live-migration slot on both hosts (delayed, not failed). Allowed to fabric-admin and the VM's vm-operator.",
    request: { type: MigrateVmDto, example: { destinationHostId: '8c7b6a59-4837-4261-9504-f3e2d1c0b9a8' } },
    job: vmJob('migrate-vm', [
      {
        name: 'Move web01 from hv-node-01 to hv-node-02 (live migration)',
        powershell: 'Move-ClusterVirtualMachineRole -Cluster "hv-cluster" -Name "web01" -Node "hv-node-02" -MigrationType Live',
      },
    ]),
    errors: [
      ...ON_A_VM,
      'MIGRATION_SAME_HOST',
      'MIGRATION_ACROSS_CLUSTERS',
      'HOST_NOT_AVAILABLE',
      'CONFIG_VERSION_UNSUPPORTED',
      'CPU_VENDOR_MISMATCH',
      'INSUFFICIENT_HOST_MEMORY',
    ],
  }),
  bulkIntegrationService: CommandOperation({
    summary: 'Enable or disable an integration service on every matching VM',
    description:
      'One `set-integration-service` job per VM matching every given filter field (at least one; at most 1,000 VMs), for ' +
      'example disabling Heartbeat on every VM reporting `OkApplicationsUnknown`. VMs whose command a rule refuses are ' +
      'listed in `refused` with their code; the others get a job each.',
    powershell: 'Get-VM | Where-Object Heartbeat -eq "OkApplicationsUnknown" | Disable-VMIntegrationService -Name "Heartbeat"',
    request: {
      type: BulkIntegrationServiceDto,
      example: { filter: { heartbeat: 'OkApplicationsUnknown', tenant: 'contoso' }, service: 'Heartbeat', enabled: false },
    },
    responses: [
      {
        status: 202,
        type: BulkAcceptedDto,
        description: 'One job per matching VM; the refused ones with their code',
        example: {
          summary: { matched: 2, accepted: 1, refusedCount: 1 },
          jobs: [{ vmId: EXAMPLE_ID.vm, jobId: EXAMPLE_ID.job }],
          refused: [
            {
              vmId: '1e2d3c4b-5a69-4788-9766-554433221100',
              code: 'OPERATION_PENDING',
              detail: 'The virtual machine is busy with start-vm (job 2f0e…); wait for it or cancel it',
            },
          ],
          position: 1044,
        },
      },
    ],
    errors: ['BULK_LIMIT_EXCEEDED'],
  }),
  upgradeVersion: JobOperation({
    summary: 'Upgrade the configuration version of a virtual machine',
    description:
      "Moves an Off or Saved VM to its host's default version (the functional level's on a cluster); a saved state is " +
      'discarded and the VM ends Off, online checkpoints become offline. Refused in a mixed-mode cluster, before the ' +
      'functional level is raised, and while the VM replicates to a host that cannot run the new version. Already at the ' +
      'target: `200` with a `warning` (and a `Warning: 299` header), nothing changes.',
    job: vmJob('upgrade-vm-version', [
      { name: 'Update the configuration version to 8.0', powershell: `Update-VMVersion -Name "web01" ${ON} -Force` },
    ]),
    alternatives: [
      {
        status: 200,
        type: VersionNotNeededDto,
        description: 'Already at the target version: nothing done (or, under `Prefer: wait`, the finished job)',
        example: { warning: 'The virtual machine is already at configuration version 8.0', configVersion: '8.0', position: 1040 },
      },
    ],
    errors: [...ON_A_VM, 'CLUSTER_IN_MIXED_MODE', 'FUNCTIONAL_LEVEL_TOO_LOW', 'CONFIG_VERSION_UNSUPPORTED'],
  }),
  setFirmware: JobOperation({
    summary: 'Set Secure Boot and its template',
    description:
      'Generation 2 VMs, Off only. A Linux guest needs the MicrosoftUEFICertificateAuthority template (6.2 or later) to boot ' +
      'with Secure Boot; it cannot start with MicrosoftWindows.',
    request: { type: FirmwareDto, example: { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' } },
    job: vmJob('set-vm-firmware', [
      {
        name: 'Turn Secure Boot on with the MicrosoftUEFICertificateAuthority template',
        powershell: `Set-VMFirmware -VMName "web01" -EnableSecureBoot On -SecureBootTemplate "MicrosoftUEFICertificateAuthority" ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'GENERATION_2_REQUIRED', 'FEATURE_REQUIRES_NEWER_VERSION', 'SECURE_BOOT_TEMPLATE_MISMATCH'],
  }),
  setMemory: JobOperation({
    summary: 'Set static or dynamic memory',
    description:
      'Static `{startupMb}` or `{dynamic: {minimumMb, maximumMb, bufferPercent}}`: minimum 32 MB, buffer 5–2000 %. On a ' +
      "Running VM: a static resize needs 6.2 or later, never below the guest's demand nor beyond the host's free memory; " +
      'a dynamic range may only widen; static ↔ dynamic only while Off.',
    request: { type: SetMemoryDto, example: { startupMb: 4096, dynamic: null } },
    job: vmJob('set-vm-memory', [
      {
        name: 'Use 4096 MB of static memory',
        powershell: `Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $false -StartupBytes 4096MB ${ON}`,
      },
    ]),
    errors: [
      ...ON_A_VM,
      'INVALID_MEMORY_SETTINGS',
      'MEMORY_BELOW_DEMAND',
      'RUNTIME_MEMORY_CHANGE_REFUSED',
      'INSUFFICIENT_HOST_MEMORY',
      'FEATURE_REQUIRES_NEWER_VERSION',
    ],
  }),
  setProcessor: JobOperation({
    summary: 'Set processors, compatibility mode and nested virtualization',
    description:
      'Off only. Nested virtualization needs configuration version 8.0 and a Windows Server 2016 or later host; the count ' +
      "may not exceed the host's logical processors.",
    request: {
      type: SetProcessorDto,
      example: { processorCount: 4, compatibilityForMigration: true, exposeVirtualizationExtensions: false },
    },
    job: vmJob('set-vm-processor', [
      {
        name: 'Use 4 virtual processors, compatibility for migration on, nested virtualization off',
        powershell: `Set-VMProcessor -VMName "web01" -Count 4 -CompatibilityForMigrationEnabled $true -ExposeVirtualizationExtensions $false ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'FEATURE_REQUIRES_NEWER_VERSION', 'HOST_OS_TOO_OLD', 'PROCESSOR_COUNT_EXCEEDS_HOST'],
  }),
  setCheckpointType: JobOperation({
    summary: 'Set the checkpoint type',
    description:
      '`Production` (the default; falls back to Standard when it cannot be taken), `ProductionOnly`, `Standard` or ' +
      '`Disabled`: a setting of the VM on its host (Windows Server 2016 or later).',
    request: { type: CheckpointTypeDto, example: { checkpointType: 'ProductionOnly' } },
    job: vmJob('set-checkpoint-type', [
      {
        name: 'Set the checkpoint type to ProductionOnly',
        powershell: `Set-VM -Name "web01" -CheckpointType ProductionOnly ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'HOST_OS_TOO_OLD'],
  }),
  addNetworkAdapter: JobOperation({
    summary: 'Add a network adapter',
    description:
      'Off on any generation; Running (hot add) on Generation 2 at 6.2 or later. Names are unique per VM (case-insensitive) ' +
      'and shown to the guest (device naming where the host has it); at most 8 adapters.',
    request: { type: NetworkAdapterDto, example: { name: 'Backend', switchName: 'Internal' } },
    job: vmJob('add-network-adapter', [
      {
        name: 'Add network adapter Backend on switch Internal',
        powershell: `Add-VMNetworkAdapter -VMName "web01" -Name "Backend" -SwitchName "Internal" -DeviceNaming On ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'FEATURE_REQUIRES_NEWER_VERSION', 'DUPLICATE_ADAPTER_NAME', 'ADAPTER_LIMIT'],
  }),
  removeNetworkAdapter: JobOperation({
    summary: 'Remove a network adapter',
    description: 'Off on any generation; Running (hot remove) on Generation 2 at 6.2 or later.',
    job: vmJob('remove-network-adapter', [
      {
        name: 'Remove network adapter Backend',
        powershell: `Get-VMNetworkAdapter -VMName "web01" ${ON} | Where-Object Name -eq "Backend" | Remove-VMNetworkAdapter`,
      },
    ]),
    errors: [...ON_A_VM, 'FEATURE_REQUIRES_NEWER_VERSION'],
  }),
  addDisk: JobOperation({
    summary: 'Add a virtual hard disk',
    description:
      'Creates a dynamically expanding VHDX and attaches it; Off or Running. Names are unique per VM, at most 64 disks; in a ' +
      'mixed-mode cluster only with `force` (the event carries a warning).',
    request: { type: AddDiskDto, example: { name: 'data', sizeGb: 100 } },
    job: vmJob('add-vm-disk', [
      {
        name: 'Create the 100 GB virtual hard disk data',
        powershell: `New-VHD -Path (Join-Path (Get-VMHost ${ON}).VirtualHardDiskPath "web01-data.vhdx") -SizeBytes 100GB -Dynamic ${ON}`,
      },
      {
        name: 'Attach the virtual hard disk data',
        powershell: `Add-VMHardDiskDrive -VMName "web01" -Path (Join-Path (Get-VMHost ${ON}).VirtualHardDiskPath "web01-data.vhdx") ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'DUPLICATE_DISK_NAME', 'DISK_LIMIT', 'CLUSTER_IN_MIXED_MODE'],
  }),
  resizeDisk: JobOperation({
    summary: 'Grow a virtual hard disk',
    description:
      'Grows the disk to `sizeGb` (never shrinks); Off or Running; in a mixed-mode cluster only with `force` (the event carries a warning).',
    request: { type: ResizeDiskDto, example: { sizeGb: 200 } },
    job: vmJob('resize-vm-disk', [
      {
        name: 'Grow the virtual hard disk data to 200 GB',
        powershell: `Resize-VHD -Path (Join-Path (Get-VMHost ${ON}).VirtualHardDiskPath "web01-data.vhdx") -SizeBytes 200GB ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'DISK_CANNOT_SHRINK', 'CLUSTER_IN_MIXED_MODE'],
  }),
  setIntegrationService: JobOperation({
    summary: 'Enable or disable an integration service',
    description: 'Heartbeat, Shutdown, TimeSynchronization, DataExchange, VSS or GuestServiceInterface, named in the path.',
    request: { type: IntegrationServiceDto, example: { enabled: false } },
    job: vmJob('set-integration-service', [
      {
        name: 'Disable the Heartbeat integration service',
        powershell: `Disable-VMIntegrationService -VMName "web01" -Name "Heartbeat" ${ON}`,
      },
    ]),
    errors: ON_A_VM,
  }),
  updateIntegrationServices: JobOperation({
    summary: 'Record an integration services update',
    description:
      'Records the integration services version delivered to the guest through its update channel (Windows Update inside the guest); the host reports it.',
    request: { type: IntegrationServicesUpdateDto, example: { version: '10.0.14393.0' } },
    job: vmJob('update-integration-services', [
      {
        name: 'Record integration services 10.0.14393.0 from the guest update channel',
        powershell: `Get-VMIntegrationService -VMName "web01" ${ON}`,
      },
    ]),
    errors: ON_A_VM,
  }),
  createCheckpoint: JobOperation({
    summary: 'Create a checkpoint',
    description:
      'Takes a checkpoint named `name` (default `"<vm name> - (<M/D/YYYY> - <h:mm:ss AM>)"`), at most 50 per VM. Production ' +
      'falls back to Standard when the VM is not Running, VSS is disabled or the version is below 6.2 (the reason is in the ' +
      'event); ProductionOnly refuses instead; Disabled refuses. The next checkpoint branches from the current one.',
    request: { type: CreateCheckpointDto, example: { name: 'before-patch' } },
    job: vmJob('create-checkpoint', [
      {
        name: 'Create the production checkpoint before-patch',
        powershell: `Checkpoint-VM -Name "web01" -SnapshotName "before-patch" ${ON}`,
      },
    ]),
    errors: [...ON_A_VM, 'CHECKPOINTS_DISABLED', 'CHECKPOINT_LIMIT', 'CHECKPOINT_NAME_INVALID', 'PRODUCTION_CHECKPOINT_FAILED'],
  }),
  checkpoints: QueryOperation({
    summary: 'The checkpoint tree of a virtual machine',
    description:
      'Root checkpoints, each with its `children`; `isCurrent` marks the one the VM runs from, `kind` what was actually taken, ' +
      '`includesState` whether applying it leaves the VM Saved. PowerShell: `Get-VMCheckpoint -VMName "web01"`.',
    response: {
      type: CheckpointTreeDto,
      example: {
        vmId: EXAMPLE_ID.vm,
        currentCheckpointId: 'd4c3b2a1-0f9e-4d8c-b7a6-958473625140',
        count: 1,
        checkpoints: [
          {
            id: 'd4c3b2a1-0f9e-4d8c-b7a6-958473625140',
            name: 'before-patch',
            parentId: null,
            kind: 'Production',
            includesState: false,
            createdAt: '2026-03-02T10:20:00.000Z',
            isCurrent: true,
            children: [],
          },
        ],
      },
    },
    errors: ['NOT_FOUND'],
  }),
  applyCheckpoint: JobOperation({
    summary: 'Apply a checkpoint',
    description:
      'Restores the hardware the checkpoint captured: a Production (or offline) checkpoint leaves the VM Off, one with saved ' +
      'state leaves it Saved. It becomes the current checkpoint.',
    job: vmJob('apply-checkpoint', [
      {
        name: 'Apply checkpoint before-patch (the VM ends Off)',
        powershell: `Get-VMCheckpoint -VMName "web01" ${ON} | Where-Object Name -eq "before-patch" | Restore-VMCheckpoint -Confirm:$false`,
      },
    ]),
    errors: ON_A_VM,
  }),
  deleteCheckpoint: JobOperation({
    summary: 'Delete a checkpoint',
    description:
      'Merges the checkpoint into its parent and re-parents its children; `subtree=true` removes every descendant too.',
    job: vmJob('delete-checkpoint', [
      {
        name: 'Delete checkpoint before-patch, merging it into its parent',
        powershell: `Get-VMCheckpoint -VMName "web01" ${ON} | Where-Object Name -eq "before-patch" | Remove-VMCheckpoint`,
      },
    ]),
    errors: ON_A_VM,
  }),
};
