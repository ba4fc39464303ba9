/**
 * The rules of DOMAIN.md for changing an existing VM (configuration version, firmware, network
 * adapters, memory, processors, integration services, disks, checkpoints). Each function checks
 * one request against the VM as it is and answers the change to carry out, or throws the rule
 * it breaks. Pure: ids and time arrive in the arguments.
 */
import {
  compareConfigVersions,
  osOfFunctionalLevel,
  osRank,
  release,
  supportsConfigVersion,
} from '../../hosts/domain/windows-server';
import { ClusterFacts, HostFacts, MemoryChangeRequest, MoveInitiator, ReplicaFacts } from './vm.commands';
import * as errors from './vm.errors';
import {
  Checkpoint,
  CheckpointType,
  ChangeData,
  Firmware,
  IntegrationService,
  NetworkAdapter,
  PowerState,
  VirtualDisk,
  VmChange,
  VmConfiguration,
} from './vm.events';
import { hardwareOf, subtreeOf } from './vm-configuration';
import {
  checkEveryNodeRuns,
  checkFunctionalLevelAllows,
  checkLinuxSecureBoot,
  checkSecureBootTemplate,
  MAX_NETWORK_ADAPTERS,
  validMemorySettings,
} from './vm-specification';

/** Minimum configuration versions for features (DOMAIN.md). */
export const RUNTIME_MEMORY_RESIZE_MINIMUM_VERSION = '6.2';
export const PRODUCTION_CHECKPOINT_MINIMUM_VERSION = '6.2';
export const HOT_ADD_ADAPTER_MINIMUM_VERSION = '6.2';
export const NESTED_VIRTUALIZATION_MINIMUM_VERSION = '8.0';
/** Set-VMProcessor -ExposeVirtualizationExtensions exists from WS2016 on. */
export const NESTED_VIRTUALIZATION_MINIMUM_OS = 'WS2016';

export const MAX_CHECKPOINTS = 50;
export const MAX_CHECKPOINT_NAME_LENGTH = 100;
/** Four SCSI controllers with 64 locations would allow more; the fabric keeps a VM to 64 disks. */
export const MAX_DISKS = 64;

export interface VmView extends VmConfiguration {
  power: PowerState;
  /** What the guest last reported using, while it runs. */
  memoryDemandMb: number | null;
}

export interface Target {
  host: HostFacts;
  cluster: ClusterFacts | null;
  /** The host the VM replicates to, if it does: it must run the new version too. */
  replica?: ReplicaFacts | null;
}

type Change<K extends VmChange['kind']> = Extract<VmChange, { kind: K }>;

const atLeast = (version: string, minimum: string) => compareConfigVersions(version, minimum) >= 0;

function requirePower(vm: VmView, action: string, allowed: readonly PowerState[]): void {
  if (!allowed.includes(vm.power)) throw errors.invalidVmState(action, vm.power, allowed);
}

/** The version an upgrade moves to: the cluster level's default inside a cluster, else the host's. */
export function upgradeTargetVersion(target: Target): string {
  const os = target.cluster
    ? (osOfFunctionalLevel(target.cluster.functionalLevel) ?? target.host.osVersion)
    : target.host.osVersion;
  return release(os).defaultConfigVersion;
}

export type UpgradeDecision = { upToDate: false; change: Change<'upgrade-vm-version'> } | { upToDate: true; warning: string };

export function upgradeVersion(vm: VmView, target: Target): UpgradeDecision {
  requirePower(vm, 'update the configuration version of', ['Off', 'Saved']);
  if (target.cluster?.mixedMode) {
    if (new Set(target.cluster.nodeOsVersions).size === 1) {
      throw errors.functionalLevelTooLow(target.cluster.name, target.cluster.functionalLevel);
    }
    throw errors.clusterInMixedMode(
      target.cluster.name,
      'configuration versions cannot be updated until its functional level is raised',
    );
  }
  const toVersion = upgradeTargetVersion(target);
  // Hyper-V Replica needs the version on both sides: WS2012R2 and WS2016 replicate both ways only until the VM is upgraded.
  const replica = target.replica;
  if (replica && compareConfigVersions(vm.configVersion, toVersion) < 0 && !supportsConfigVersion(replica.osVersion, toVersion)) {
    throw errors.replicaCannotRunVersion(toVersion, replica.name, replica.osVersion);
  }
  if (compareConfigVersions(vm.configVersion, toVersion) >= 0) {
    return {
      upToDate: true,
      warning: `The virtual machine is already at configuration version ${vm.configVersion}, the highest its placement supports; nothing was changed`,
    };
  }
  return {
    upToDate: false,
    change: {
      kind: 'upgrade-vm-version',
      fromVersion: vm.configVersion,
      toVersion,
      savedStateDiscarded: vm.power === 'Saved',
      checkpointsMadeOffline: vm.checkpoints.filter((c) => c.includesState).map((c) => c.id),
    },
  };
}

export function setFirmware(vm: VmView, firmware: Firmware): Change<'set-vm-firmware'> {
  if (vm.generation !== 2) throw errors.generation2Required('Firmware and Secure Boot settings');
  requirePower(vm, 'change the firmware of', ['Off']);
  checkSecureBootTemplate(firmware, vm.configVersion);
  checkLinuxSecureBoot({ guestOs: vm.guestOs, firmware, configVersion: vm.configVersion });
  return { kind: 'set-vm-firmware', firmware };
}

/** Off: any generation. Running: Generation 2 at 6.2 or later (hot add and remove). */
function adapterChangeIsHot(vm: VmView, action: string): boolean {
  requirePower(vm, action, ['Off', 'Running']);
  if (vm.power === 'Off') return false;
  if (vm.generation !== 2) throw errors.generation2Required('Adding or removing a network adapter while the VM runs');
  if (!atLeast(vm.configVersion, HOT_ADD_ADAPTER_MINIMUM_VERSION)) {
    throw errors.featureRequiresNewerVersion(
      'Adding or removing a network adapter while the VM runs',
      HOT_ADD_ADAPTER_MINIMUM_VERSION,
      vm.configVersion,
    );
  }
  return true;
}

export function addNetworkAdapter(vm: VmView, adapter: NetworkAdapter): Change<'add-network-adapter'> {
  const hot = adapterChangeIsHot(vm, 'add a network adapter to');
  if (vm.networkAdapters.some((a) => a.name.toLowerCase() === adapter.name.toLowerCase())) {
    throw errors.duplicateAdapterNameOnVm(adapter.name);
  }
  if (vm.networkAdapters.length >= MAX_NETWORK_ADAPTERS) throw errors.adapterLimit(MAX_NETWORK_ADAPTERS);
  return { kind: 'add-network-adapter', adapter, hot };
}

export function removeNetworkAdapter(vm: VmView, adapterId: string): Change<'remove-network-adapter'> {
  const adapter = vm.networkAdapters.find((a) => a.id === adapterId);
  if (!adapter) throw errors.adapterNotFound(adapterId);
  const hot = adapterChangeIsHot(vm, 'remove a network adapter from');
  return { kind: 'remove-network-adapter', adapter, hot };
}

export function setMemory(vm: VmView, request: MemoryChangeRequest, host: HostFacts): Change<'set-vm-memory'> {
  requirePower(vm, 'change the memory of', ['Off', 'Running']);
  if (request.startupMb === undefined && !request.dynamic)
    throw errors.nothingToChange('Give startupMb (static memory) or dynamic');
  const memory = validMemorySettings({ startupMb: request.startupMb ?? vm.memory.startupMb, dynamic: request.dynamic });
  if (vm.power === 'Off') return { kind: 'set-vm-memory', memory, runtime: false };

  if ((memory.dynamic === null) !== (vm.memory.dynamic === null)) throw errors.memoryModeChangeNeedsOff();
  if (memory.dynamic && vm.memory.dynamic) {
    // Hyper-V lets a running VM's dynamic range only widen; startup memory applies at boot.
    if (memory.startupMb !== vm.memory.startupMb) throw errors.runtimeMemoryChangeRefused('its startup memory cannot change');
    if (memory.dynamic.maximumMb < vm.memory.dynamic.maximumMb)
      throw errors.runtimeMemoryChangeRefused('its maximum memory can only be raised');
    if (memory.dynamic.minimumMb > vm.memory.dynamic.minimumMb)
      throw errors.runtimeMemoryChangeRefused('its minimum memory can only be lowered');
    return { kind: 'set-vm-memory', memory, runtime: true };
  }
  if (!atLeast(vm.configVersion, RUNTIME_MEMORY_RESIZE_MINIMUM_VERSION)) {
    throw errors.featureRequiresNewerVersion(
      'Resizing memory while the VM runs',
      RUNTIME_MEMORY_RESIZE_MINIMUM_VERSION,
      vm.configVersion,
    );
  }
  if (vm.memoryDemandMb !== null && memory.startupMb < vm.memoryDemandMb)
    throw errors.memoryBelowDemand(memory.startupMb, vm.memoryDemandMb);
  const growth = memory.startupMb - vm.memory.startupMb;
  const free = host.memoryMb - host.memoryUsedMb;
  if (growth > free) throw errors.insufficientHostMemory(growth, free, host.name);
  return { kind: 'set-vm-memory', memory, runtime: true };
}

export function setProcessor(
  vm: VmView,
  request: { processorCount?: number; compatibilityForMigration?: boolean; exposeVirtualizationExtensions?: boolean },
  host: HostFacts,
): Change<'set-vm-processor'> {
  if (
    request.processorCount === undefined &&
    request.compatibilityForMigration === undefined &&
    request.exposeVirtualizationExtensions === undefined
  ) {
    throw errors.nothingToChange('Give processorCount, compatibilityForMigration or exposeVirtualizationExtensions');
  }
  requirePower(vm, 'change the processors of', ['Off']);
  const processorCount = request.processorCount ?? vm.processorCount;
  if (processorCount > host.logicalProcessors)
    throw errors.processorCountExceedsHost(processorCount, host.name, host.logicalProcessors);
  const current = vm.exposeVirtualizationExtensions ?? false;
  const exposeVirtualizationExtensions = request.exposeVirtualizationExtensions ?? current;
  if (exposeVirtualizationExtensions && !current) {
    if (!atLeast(vm.configVersion, NESTED_VIRTUALIZATION_MINIMUM_VERSION)) {
      throw errors.featureRequiresNewerVersion('Nested virtualization', NESTED_VIRTUALIZATION_MINIMUM_VERSION, vm.configVersion);
    }
    if (osRank(host.osVersion) < osRank(NESTED_VIRTUALIZATION_MINIMUM_OS)) {
      throw errors.hostLacksFeature('Nested virtualization', host.name, host.osVersion, NESTED_VIRTUALIZATION_MINIMUM_OS);
    }
  }
  return {
    kind: 'set-vm-processor',
    processorCount,
    compatibilityForMigration: request.compatibilityForMigration ?? vm.compatibilityForMigration,
    exposeVirtualizationExtensions,
  };
}

export function setIntegrationService(service: IntegrationService, enabled: boolean): Change<'set-integration-service'> {
  return { kind: 'set-integration-service', service, enabled };
}

export function updateIntegrationServices(vm: VmView, version: string): Change<'update-integration-services'> {
  return { kind: 'update-integration-services', version, previousVersion: vm.integrationServicesVersion };
}

export function addDisk(vm: VmView, disk: VirtualDisk, force: boolean, cluster: ClusterFacts | null): Change<'add-vm-disk'> {
  requirePower(vm, 'add a disk to', ['Off', 'Running']);
  if (vm.disks.some((d) => d.name.toLowerCase() === disk.name.toLowerCase())) throw errors.duplicateDiskName(disk.name);
  if (vm.disks.length >= MAX_DISKS) throw errors.diskLimit(MAX_DISKS);
  let warning: string | null = null;
  if (cluster?.mixedMode) {
    if (!force) throw errors.clusterInMixedMode(cluster.name, 'virtual disks are created only when the request says force');
    warning = `Disk created with force while cluster ${cluster.name} is in mixed mode (functional level ${cluster.functionalLevel})`;
  }
  return { kind: 'add-vm-disk', disk, forced: force, warning };
}

/** Virtual disks only grow here (Resize-VHD can shrink a VHDX only down to its used space, which the fabric does not know). */
export function resizeDisk(
  vm: VmView,
  request: { diskId: string; sizeGb: number; force: boolean },
  cluster: ClusterFacts | null,
): Change<'resize-vm-disk'> {
  const disk = vm.disks.find((d) => d.id === request.diskId);
  if (!disk) throw errors.diskNotFound(request.diskId);
  requirePower(vm, 'resize a disk of', ['Off', 'Running']);
  if (request.sizeGb <= disk.sizeGb) throw errors.diskCannotShrink(disk.name, disk.sizeGb, request.sizeGb);
  let warning: string | null = null;
  if (cluster?.mixedMode) {
    if (!request.force)
      throw errors.clusterInMixedMode(cluster.name, 'virtual disks are resized only when the request says force');
    warning = `Disk resized with force while cluster ${cluster.name} is in mixed mode (functional level ${cluster.functionalLevel})`;
  }
  return {
    kind: 'resize-vm-disk',
    diskId: disk.id,
    fromSizeGb: disk.sizeGb,
    toSizeGb: request.sizeGb,
    forced: request.force,
    warning,
  };
}

/** Set-VM -CheckpointType exists from WS2016 on; a WS2012R2 host takes standard checkpoints only. */
export const CHECKPOINT_TYPE_MINIMUM_OS = 'WS2016';

/** The checkpoint type is a setting of the VM on its host, so changing it is host work (any power state). */
export function setCheckpointType(vm: VmView, checkpointType: CheckpointType, host: HostFacts): Change<'set-checkpoint-type'> {
  if (osRank(host.osVersion) < osRank(CHECKPOINT_TYPE_MINIMUM_OS)) {
    throw errors.hostLacksFeature('Setting the checkpoint type', host.name, host.osVersion, CHECKPOINT_TYPE_MINIMUM_OS);
  }
  return { kind: 'set-checkpoint-type', checkpointType, previous: vm.checkpointType };
}

/** Hyper-V's default name: "<vm name> - (11/26/2026 - 2:14:05 PM)", with the VM name cut to fit 100 characters. */
export function defaultCheckpointName(vmName: string, now: string): string {
  const at = new Date(now);
  const hours = at.getUTCHours() % 12 === 0 ? 12 : at.getUTCHours() % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    ` - (${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} - ` +
    `${hours}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${at.getUTCHours() < 12 ? 'AM' : 'PM'})`;
  // Cut by characters, not UTF-16 units, so a name never ends inside a surrogate pair.
  return [...vmName].slice(0, MAX_CHECKPOINT_NAME_LENGTH - [...stamp].length).join('') + stamp;
}

/** Why the guest cannot take a production checkpoint now, or null when it can. */
export function productionUnavailableReason(vm: VmView): string | null {
  if (vm.power !== 'Running') return `the virtual machine is ${vm.power}, not Running`;
  if (!vm.integrationServices.VSS) return 'the VSS (Backup) integration service is disabled';
  if (!atLeast(vm.configVersion, PRODUCTION_CHECKPOINT_MINIMUM_VERSION)) {
    return `configuration version ${vm.configVersion} is below ${PRODUCTION_CHECKPOINT_MINIMUM_VERSION}`;
  }
  return null;
}

export function createCheckpoint(
  vm: VmView,
  request: { checkpointId: string; name?: string; now: string },
): Change<'create-checkpoint'> {
  if (vm.checkpointType === 'Disabled') throw errors.checkpointsDisabled();
  const name = request.name ?? defaultCheckpointName(vm.name, request.now);
  const length = [...name].length;
  if (length < 1 || length > MAX_CHECKPOINT_NAME_LENGTH) throw errors.checkpointNameInvalid(length);
  if (vm.checkpoints.length >= MAX_CHECKPOINTS) throw errors.checkpointLimit(MAX_CHECKPOINTS);
  // ProductionOnly cannot fall back: a version too old for production checkpoints is the VM's lack, not the guest's.
  if (vm.checkpointType === 'ProductionOnly' && !atLeast(vm.configVersion, PRODUCTION_CHECKPOINT_MINIMUM_VERSION)) {
    throw errors.featureRequiresNewerVersion('A production checkpoint', PRODUCTION_CHECKPOINT_MINIMUM_VERSION, vm.configVersion);
  }
  const unavailable = vm.checkpointType === 'Standard' ? null : productionUnavailableReason(vm);
  if (vm.checkpointType === 'ProductionOnly' && unavailable) throw errors.productionCheckpointUnavailable(unavailable);
  const kind = vm.checkpointType === 'Standard' || unavailable ? 'Standard' : 'Production';
  const checkpoint: Checkpoint = {
    id: request.checkpointId,
    name,
    parentId: vm.currentCheckpointId,
    kind,
    // A standard checkpoint saves memory and device state when there is any (the guest is not Off).
    includesState: kind === 'Standard' && vm.power !== 'Off',
    createdAt: request.now,
    hardware: hardwareOf(vm),
  };
  return {
    kind: 'create-checkpoint',
    checkpoint,
    requestedType: vm.checkpointType,
    fallbackReason:
      vm.checkpointType === 'Production' && unavailable ? `Standard checkpoint taken instead: ${unavailable}` : null,
  };
}

function checkpointOf(vm: VmView, checkpointId: string): Checkpoint {
  const checkpoint = vm.checkpoints.find((c) => c.id === checkpointId);
  if (!checkpoint) throw errors.checkpointNotFound(checkpointId);
  return checkpoint;
}

/** Production (and offline) checkpoints leave the VM Off; one with saved state leaves it Saved. */
export function applyCheckpoint(vm: VmView, checkpointId: string): Change<'apply-checkpoint'> {
  const checkpoint = checkpointOf(vm, checkpointId);
  return {
    kind: 'apply-checkpoint',
    checkpointId,
    resultingState: checkpoint.includesState ? 'Saved' : 'Off',
    hardware: checkpoint.hardware,
  };
}

/** Merges the checkpoint into its parent and re-parents its children, or removes its whole subtree. */
export function deleteCheckpoint(vm: VmView, checkpointId: string, subtree: boolean): Change<'delete-checkpoint'> {
  const checkpoint = checkpointOf(vm, checkpointId);
  const removedIds = subtree ? subtreeOf(vm.checkpoints, checkpointId) : [checkpointId];
  const reparented = subtree
    ? []
    : vm.checkpoints.filter((c) => c.parentId === checkpointId).map((c) => ({ id: c.id, parentId: checkpoint.parentId }));
  const currentRemoved = vm.currentCheckpointId !== null && removedIds.includes(vm.currentCheckpointId);
  return {
    kind: 'delete-checkpoint',
    checkpointId,
    subtree,
    removedIds,
    reparented,
    currentCheckpointId: currentRemoved ? checkpoint.parentId : vm.currentCheckpointId,
  };
}

/** The destination's own state and, for a cluster node, its node state: it must be Up on both counts. */
function checkDestinationUp(destination: HostFacts): void {
  if (destination.state !== 'Up') throw errors.destinationNotAvailable(destination.name, destination.state);
  if (destination.nodeState && destination.nodeState !== 'Up')
    throw errors.destinationNotAvailable(destination.name, destination.nodeState);
}

/**
 * Live migration for a running or paused VM, quick migration for an Off or Saved one (DOMAIN.md):
 * same cluster (or standalone to standalone), destination Up and not paused or quarantined,
 * supporting the version, the same CPU vendor for anything with processor state, memory to spare.
 */
/**
 * Moves a VM within its cluster, between standalone hosts, or from a node of one cluster to a node
 * of another (shared-nothing: the VM's role leaves the source cluster and is created in the
 * destination, the cross-version path from a WS2012R2 cluster to a WS2016 one). A VM entering a
 * cluster must run on every node of it and stay within what its functional level allows.
 * `destinationCluster`: the facts of the destination's cluster, when it is another cluster.
 */
export function migrate(
  vm: VmView,
  source: HostFacts,
  destination: HostFacts,
  initiator: MoveInitiator,
  destinationCluster: ClusterFacts | null = null,
): Change<'migrate-vm'> {
  if (destination.hostId === source.hostId) throw errors.migrationToSameHost(source.name);
  const betweenClusters =
    source.clusterId !== null && destination.clusterId !== null && source.clusterId !== destination.clusterId;
  if (source.clusterId !== destination.clusterId && !betweenClusters) {
    throw errors.migrationAcrossClusters(source.name, destination.name);
  }
  checkDestinationUp(destination);
  if (!supportsConfigVersion(destination.osVersion, vm.configVersion)) {
    throw errors.configVersionUnsupported(vm.configVersion, destination.name, destination.osVersion);
  }
  if (betweenClusters) {
    if (destinationCluster?.clusterId !== destination.clusterId) {
      throw new Error(`The facts of cluster ${destination.clusterId} are needed to move a VM into it`);
    }
    checkFunctionalLevelAllows(vm.configVersion, destinationCluster);
    checkEveryNodeRuns(vm.configVersion, destinationCluster);
  }
  if (vm.processorCount > destination.logicalProcessors) {
    throw errors.processorCountExceedsHost(vm.processorCount, destination.name, destination.logicalProcessors);
  }
  const live = vm.power === 'Running' || vm.power === 'Paused';
  if ((live || vm.power === 'Saved') && source.cpuVendor && destination.cpuVendor && source.cpuVendor !== destination.cpuVendor) {
    throw errors.cpuVendorMismatch(source.cpuVendor, destination.cpuVendor);
  }
  if (live) {
    const free = destination.memoryMb - destination.memoryUsedMb;
    if (vm.memory.startupMb > free) throw errors.insufficientHostMemory(vm.memory.startupMb, free, destination.name);
  }
  return {
    kind: 'migrate-vm',
    fromHostId: source.hostId,
    toHostId: destination.hostId,
    fromClusterId: source.clusterId,
    toClusterId: destination.clusterId,
    migrationType: live ? 'Live' : 'Quick',
    initiator,
  };
}

/** Restarts the VM of a lost node elsewhere: the rules of placement, but nothing of the old node is needed. */
export function failOver(vm: VmView, source: HostFacts, destination: HostFacts, initiator: MoveInitiator): Change<'failover-vm'> {
  if (destination.hostId === source.hostId) throw errors.migrationToSameHost(source.name);
  checkDestinationUp(destination);
  if (!supportsConfigVersion(destination.osVersion, vm.configVersion)) {
    throw errors.configVersionUnsupported(vm.configVersion, destination.name, destination.osVersion);
  }
  const restart = vm.power === 'Running' || vm.power === 'Paused';
  if (restart) {
    const free = destination.memoryMb - destination.memoryUsedMb;
    if (vm.memory.startupMb > free) throw errors.insufficientHostMemory(vm.memory.startupMb, free, destination.name);
  }
  return {
    kind: 'failover-vm',
    fromHostId: source.hostId,
    toHostId: destination.hostId,
    toClusterId: destination.clusterId,
    restart,
    initiator,
  };
}

export type { ChangeData };
