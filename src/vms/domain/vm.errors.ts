import { DomainError } from '../../platform/domain/domain-error';

export const vmNotFound = (vmId: string) => new DomainError('NOT_FOUND', `Virtual machine ${vmId} does not exist`, 'not-found');

export const vmAlreadyExists = (vmId: string) => new DomainError('VM_ALREADY_EXISTS', `Virtual machine ${vmId} already exists`);

export const invalidVmState = (action: string, state: string, allowed: readonly string[]) =>
  new DomainError(
    'INVALID_VM_STATE',
    `Cannot ${action} a virtual machine that is ${state}; it must be ${allowed.join(' or ')}`,
    'conflict',
    {
      state,
      allowed,
    },
  );

export const operationPending = (kind: string, jobId: string) =>
  new DomainError(
    'OPERATION_PENDING',
    `The virtual machine is busy with ${kind} (job ${jobId}); wait for it or cancel it`,
    'conflict',
    {
      pendingKind: kind,
      jobId,
    },
  );

export const configVersionUnsupported = (configVersion: string, host: string, os: string) =>
  new DomainError(
    'CONFIG_VERSION_UNSUPPORTED',
    `Configuration version ${configVersion} is not supported by host ${host} (${os})`,
  );

export const hostNotAvailable = (host: string, state: string) =>
  new DomainError('HOST_NOT_AVAILABLE', `Host ${host} is ${state}; virtual machines can be placed only on an Up host`);

export const generation2Required = (what: string) =>
  new DomainError('GENERATION_2_REQUIRED', `${what} needs a Generation 2 virtual machine`);

export const invalidMemory = (detail: string) => new DomainError('INVALID_MEMORY_SETTINGS', detail, 'invalid');

export const duplicateAdapterName = (name: string) =>
  new DomainError(
    'DUPLICATE_ADAPTER_NAME',
    `Network adapter names must be unique per virtual machine; "${name}" is used twice`,
    'invalid',
  );

export const processorCountExceedsHost = (count: number, host: string, logical: number) =>
  new DomainError(
    'PROCESSOR_COUNT_EXCEEDS_HOST',
    `${count} virtual processors exceed the ${logical} logical processors of host ${host}`,
  );

export const insufficientHostMemory = (needed: number, free: number, host: string) =>
  new DomainError(
    'INSUFFICIENT_HOST_MEMORY',
    `The virtual machine needs ${needed} MB but host ${host} has ${free} MB free`,
    'conflict',
    {
      neededMb: needed,
      freeMb: free,
    },
  );

export const secureBootTemplateMismatch = () =>
  new DomainError(
    'SECURE_BOOT_TEMPLATE_MISMATCH',
    'A Linux guest cannot start with Secure Boot on and the MicrosoftWindows template; use MicrosoftUEFICertificateAuthority or turn Secure Boot off',
  );

export const nothingToRetry = (jobId: string) =>
  new DomainError('JOB_NOT_RESTARTABLE', `Job ${jobId} is not the virtual machine's last failed operation`);

export const linuxSecureBootNeedsVersion = (configVersion: string) =>
  new DomainError(
    'CONFIG_VERSION_UNSUPPORTED',
    `Secure Boot for a Linux guest needs configuration version 6.2 or later; this VM is at ${configVersion}`,
  );

export const duplicateAdapterNameOnVm = (name: string) =>
  new DomainError('DUPLICATE_ADAPTER_NAME', `The virtual machine already has a network adapter named "${name}"`, 'conflict', {
    name,
  });

export const adapterLimit = (limit: number) =>
  new DomainError('ADAPTER_LIMIT', `A virtual machine has at most ${limit} network adapters`, 'conflict', { limit });

export const adapterNotFound = (adapterId: string) =>
  new DomainError('NOT_FOUND', `Network adapter ${adapterId} does not exist on this virtual machine`, 'not-found');

export const duplicateDiskName = (name: string) =>
  new DomainError('DUPLICATE_DISK_NAME', `The virtual machine already has a disk named "${name}"`, 'conflict', { name });

export const diskLimit = (limit: number) =>
  new DomainError('DISK_LIMIT', `A virtual machine has at most ${limit} virtual disks`, 'conflict', { limit });

export const featureNeedsVersion = (feature: string, minimum: string, configVersion: string) =>
  new DomainError(
    'CONFIG_VERSION_UNSUPPORTED',
    `${feature} needs configuration version ${minimum} or later; this VM is at ${configVersion} (upgrade its version first)`,
    'conflict',
    { minimumVersion: minimum, configVersion },
  );

export const clusterInMixedMode = (cluster: string, what: string) =>
  new DomainError(
    'CLUSTER_IN_MIXED_MODE',
    `Cluster ${cluster} is in mixed mode (its functional level is below its newest nodes' OS): ${what}`,
    'conflict',
  );

export const memoryModeChangeNeedsOff = () =>
  new DomainError(
    'INVALID_VM_STATE',
    'Switching between static and dynamic memory is possible only while the virtual machine is Off',
    'conflict',
    { state: 'Running', allowed: ['Off'] },
  );

export const runtimeMemoryChangeRefused = (detail: string) =>
  new DomainError('RUNTIME_MEMORY_CHANGE_REFUSED', `While the virtual machine runs, ${detail}`);

export const memoryBelowDemand = (requestedMb: number, demandMb: number) =>
  new DomainError(
    'MEMORY_BELOW_DEMAND',
    `Cannot shrink a running virtual machine to ${requestedMb} MB: its guest is using ${demandMb} MB`,
    'conflict',
    { requestedMb, demandMb },
  );

export const nothingToChange = (detail: string) => new DomainError('VALIDATION_FAILED', detail, 'invalid');

export const checkpointsDisabled = () =>
  new DomainError('CHECKPOINTS_DISABLED', 'Checkpoints are disabled for this virtual machine (its checkpoint type is Disabled)');

export const checkpointLimit = (limit: number) =>
  new DomainError(
    'CHECKPOINT_LIMIT',
    `A virtual machine has at most ${limit} checkpoints; delete some before taking another`,
    'conflict',
    { limit },
  );

export const checkpointNameInvalid = (length: number) =>
  new DomainError('CHECKPOINT_NAME_INVALID', `Checkpoint names have 1 to 100 characters (got ${length})`, 'invalid');

export const productionCheckpointUnavailable = (reason: string) =>
  new DomainError(
    'PRODUCTION_CHECKPOINT_FAILED',
    `The checkpoint type is ProductionOnly and a production checkpoint is not possible: ${reason}`,
  );

export const checkpointNotFound = (checkpointId: string) =>
  new DomainError('NOT_FOUND', `Checkpoint ${checkpointId} does not exist on this virtual machine`, 'not-found');

export const tooManyAdapters = (limit: number) =>
  new DomainError('ADAPTER_LIMIT', `A virtual machine has at most ${limit} network adapters`, 'invalid', { limit });

export const migrationToSameHost = (host: string) =>
  new DomainError('MIGRATION_SAME_HOST', `The virtual machine already runs on host ${host}`);

export const migrationAcrossClusters = (from: string, to: string) =>
  new DomainError(
    'MIGRATION_ACROSS_CLUSTERS',
    `Live and quick migration stay within one cluster (or between standalone hosts); ${from} and ${to} are not in the same one`,
  );

export const cpuVendorMismatch = (from: string, to: string) =>
  new DomainError(
    'CPU_VENDOR_MISMATCH',
    `A running or saved virtual machine cannot move from an ${from} host to an ${to} host; turn it off first`,
  );

export const destinationNotAvailable = (host: string, state: string) =>
  new DomainError(
    'HOST_NOT_AVAILABLE',
    `Host ${host} is ${state}; virtual machines move only to an Up node that is not paused or quarantined`,
    'conflict',
    {
      state,
    },
  );
