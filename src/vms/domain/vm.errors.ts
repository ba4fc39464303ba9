import { DomainError } from '../../platform/domain/domain-error';

/** Without an id: a decider knows its state, not the stream it came from (the id is in the request). */
export const vmNotFound = (vmId?: string) =>
  new DomainError('NOT_FOUND', vmId ? `Virtual machine ${vmId} does not exist` : 'The virtual machine does not exist', 'not-found');

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

/** One meaning only: this host (or replica host) cannot run this configuration version. */
export const configVersionUnsupported = (configVersion: string, host: string, os: string) =>
  new DomainError(
    'CONFIG_VERSION_UNSUPPORTED',
    `Configuration version ${configVersion} is not supported by host ${host} (${os})`,
    'conflict',
    { configVersion, host, osVersion: os },
  );

/** Upgrading would leave the replica unable to run the VM: Hyper-V Replica needs the same version on both sides. */
export const replicaCannotRunVersion = (toVersion: string, replicaHost: string, os: string) =>
  new DomainError(
    'CONFIG_VERSION_UNSUPPORTED',
    `The virtual machine replicates to host ${replicaHost} (${os}), which cannot run configuration version ${toVersion}; ` +
      'remove replication first, then upgrade, then enable it again to a host that runs the new version',
    'conflict',
    { configVersion: toVersion, host: replicaHost, osVersion: os, replicaHost },
  );

/** A feature the VM's configuration version is too old for (the host may well support it). */
export const featureRequiresNewerVersion = (feature: string, requiredVersion: string, configVersion: string) =>
  new DomainError(
    'FEATURE_REQUIRES_NEWER_VERSION',
    `${feature} needs configuration version ${requiredVersion} or later; this virtual machine is at ${configVersion} (upgrade its version first)`,
    'conflict',
    { feature, configVersion, requiredVersion },
  );

/**
 * The cluster's functional level allows no higher version: while the nodes' OS differ the cluster is
 * in mixed mode; once every node is newer, the level has simply not been raised yet.
 */
export const versionAboveFunctionalLevel = (
  cluster: string,
  functionalLevel: number,
  highestVersion: string,
  configVersion: string,
  nodesDiffer: boolean,
) =>
  new DomainError(
    nodesDiffer ? 'CLUSTER_IN_MIXED_MODE' : 'FUNCTIONAL_LEVEL_TOO_LOW',
    `Cluster ${cluster} is at functional level ${functionalLevel}, which allows configuration versions up to ${highestVersion}; ` +
      `${configVersion} is above it` +
      (nodesDiffer
        ? ' (the cluster is in mixed mode: finish upgrading its nodes, then raise the functional level)'
        : ' (every node runs a newer OS: raise the functional level first)'),
    'conflict',
    { functionalLevel, highestVersion, configVersion },
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
    `A virtual machine moves within its cluster, between standalone hosts, or between nodes of two clusters; ` +
      `${from} and ${to} are a cluster node and a standalone host`,
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

export const functionalLevelTooLow = (cluster: string, functionalLevel: number) =>
  new DomainError(
    'FUNCTIONAL_LEVEL_TOO_LOW',
    `Every node of cluster ${cluster} runs a newer OS but its functional level is still ${functionalLevel}: ` +
      'raise the functional level before updating configuration versions',
    'conflict',
    { functionalLevel },
  );

export const hostLacksFeature = (feature: string, host: string, os: string, minimumOs: string) =>
  new DomainError('HOST_OS_TOO_OLD', `${feature} needs a ${minimumOs} or later host; host ${host} runs ${os}`, 'conflict', {
    feature,
    host,
    osVersion: os,
    minimumOsVersion: minimumOs,
  });

export const diskNotFound = (diskId: string) =>
  new DomainError('NOT_FOUND', `Virtual disk ${diskId} does not exist on this virtual machine`, 'not-found');

export const diskCannotShrink = (name: string, sizeGb: number, requestedGb: number) =>
  new DomainError(
    'DISK_CANNOT_SHRINK',
    `Virtual disk ${name} is ${sizeGb} GB; a resize only grows it (asked for ${requestedGb} GB)`,
    'conflict',
    { sizeGb, requestedGb },
  );
