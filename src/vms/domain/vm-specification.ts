import { compareConfigVersions, osOfFunctionalLevel, release, supportsConfigVersion } from '../../hosts/domain/windows-server';
import { ClusterFacts, CreateVmRequest, HostFacts } from './vm.commands';
import * as errors from './vm.errors';
import { VmSpecification } from './vm.events';

export const MINIMUM_MEMORY_MB = 32;
export const DEFAULT_BUFFER_PERCENT = 20;

export const LINUX_SECURE_BOOT_MINIMUM_VERSION = '6.2';
/** Synthetic network adapters per VM (Hyper-V's limit; legacy adapters are not modelled). */
export const MAX_NETWORK_ADAPTERS = 8;

/** Checks the shape of memory settings wherever they come from (creation or change). */
export function validMemorySettings(request: {
  startupMb: number;
  dynamic?: { minimumMb: number; maximumMb: number; bufferPercent?: number } | null;
}): VmSpecification['memory'] {
  if (request.startupMb < MINIMUM_MEMORY_MB) throw errors.invalidMemory(`startupMb must be at least ${MINIMUM_MEMORY_MB} MB`);
  if (!request.dynamic) return { startupMb: request.startupMb, dynamic: null };
  const { minimumMb, maximumMb } = request.dynamic;
  const bufferPercent = request.dynamic.bufferPercent ?? DEFAULT_BUFFER_PERCENT;
  if (minimumMb < MINIMUM_MEMORY_MB) throw errors.invalidMemory(`dynamic.minimumMb must be at least ${MINIMUM_MEMORY_MB} MB`);
  if (!(minimumMb <= request.startupMb && request.startupMb <= maximumMb)) {
    throw errors.invalidMemory('Dynamic memory needs minimumMb ≤ startupMb ≤ maximumMb');
  }
  if (bufferPercent < 5 || bufferPercent > 2000) throw errors.invalidMemory('dynamic.bufferPercent must be between 5 and 2000');
  return { startupMb: request.startupMb, dynamic: { minimumMb, maximumMb, bufferPercent } };
}

/** Whether a VM of this shape may be placed on the host: host Up, version supported, enough processors. */
export function checkPlacement(vm: { configVersion: string; processorCount: number }, host: HostFacts): void {
  if (host.state !== 'Up') throw errors.hostNotAvailable(host.name, host.state);
  if (!supportsConfigVersion(host.osVersion, vm.configVersion)) {
    throw errors.configVersionUnsupported(vm.configVersion, host.name, host.osVersion);
  }
  if (vm.processorCount > host.logicalProcessors) {
    throw errors.processorCountExceedsHost(vm.processorCount, host.name, host.logicalProcessors);
  }
}

/** Linux Secure Boot needs configuration version 6.2 or later (DOMAIN.md). */
export function checkLinuxSecureBoot(vm: Pick<VmSpecification, 'guestOs' | 'firmware' | 'configVersion'>): void {
  if (vm.guestOs.family === 'linux' && vm.firmware?.secureBoot && !supportsLinuxSecureBoot(vm.configVersion)) {
    throw errors.featureRequiresNewerVersion('Secure Boot for a Linux guest', LINUX_SECURE_BOOT_MINIMUM_VERSION, vm.configVersion);
  }
}

/** The UEFI CA template exists only for versions that run Linux Secure Boot (WS2012R2 has one template). */
export function checkSecureBootTemplate(firmware: VmSpecification['firmware'], configVersion: string): void {
  if (firmware?.secureBootTemplate === 'MicrosoftUEFICertificateAuthority' && !supportsLinuxSecureBoot(configVersion)) {
    throw errors.featureRequiresNewerVersion(
      'The MicrosoftUEFICertificateAuthority Secure Boot template',
      LINUX_SECURE_BOOT_MINIMUM_VERSION,
      configVersion,
    );
  }
}

const supportsLinuxSecureBoot = (configVersion: string) =>
  compareConfigVersions(configVersion, LINUX_SECURE_BOOT_MINIMUM_VERSION) >= 0;

/** The highest configuration version a functional level allows: its own OS's newest. */
export function highestVersionOfLevel(functionalLevel: number): string | null {
  const os = osOfFunctionalLevel(functionalLevel);
  if (!os) return null;
  const versions = release(os).configVersions;
  return versions[versions.length - 1];
}

/**
 * No VM of a cluster may be above what its functional level allows, however it gets there
 * (created, moved in, upgraded): `CLUSTER_IN_MIXED_MODE` while the nodes' OS differ,
 * `FUNCTIONAL_LEVEL_TOO_LOW` once every node is newer but the level was not raised.
 */
export function checkFunctionalLevelAllows(configVersion: string, cluster: ClusterFacts): void {
  const highest = highestVersionOfLevel(cluster.functionalLevel);
  if (highest === null || compareConfigVersions(configVersion, highest) <= 0) return;
  const nodesDiffer = new Set(cluster.nodeOsVersions).size > 1;
  throw errors.versionAboveFunctionalLevel(cluster.name, cluster.functionalLevel, highest, configVersion, nodesDiffer);
}

/** A clustered VM may move to any node: every node must run its version. */
export function checkEveryNodeRuns(configVersion: string, cluster: ClusterFacts): void {
  const unsupportedOn = cluster.nodeOsVersions.find((os) => !supportsConfigVersion(os, configVersion));
  if (unsupportedOn) {
    throw errors.configVersionUnsupported(configVersion, `of cluster ${cluster.name} running ${unsupportedOn}`, unsupportedOn);
  }
}

/** A new VM and the reason its firmware differs from what was asked for, if it does. */
export interface NewVm {
  spec: VmSpecification;
  firmwareNote: string | null;
}

/** Checks a new VM against DOMAIN.md and fills in the defaults; throws the rule it breaks. */
export function validateNewVm(request: CreateVmRequest, host: HostFacts, cluster: ClusterFacts | null = null): NewVm {
  // On a cluster the functional level decides the default: in mixed mode that is the older OS's (5.0 at level 8).
  const levelOs = cluster ? osOfFunctionalLevel(cluster.functionalLevel) : undefined;
  const configVersion = request.configVersion ?? release(levelOs ?? host.osVersion).defaultConfigVersion;
  if (cluster) checkFunctionalLevelAllows(configVersion, cluster);
  checkPlacement({ configVersion, processorCount: request.processorCount }, host);
  if (cluster) checkEveryNodeRuns(configVersion, cluster);
  if (request.firmware && request.generation !== 2) throw errors.generation2Required('Firmware and Secure Boot settings');
  const memory = validMemorySettings(request.memory);
  if (request.networkAdapters.length > MAX_NETWORK_ADAPTERS) throw errors.tooManyAdapters(MAX_NETWORK_ADAPTERS);
  const seen = new Set<string>();
  for (const adapter of request.networkAdapters) {
    const key = adapter.name.toLowerCase();
    if (seen.has(key)) throw errors.duplicateAdapterName(adapter.name);
    seen.add(key);
  }
  const firmware = request.generation === 2 ? (request.firmware ?? defaultFirmware(request.guestOs.family, configVersion)) : null;
  const spec: VmSpecification = {
    name: request.name,
    tenant: request.tenant,
    hostId: host.hostId,
    clusterId: cluster?.clusterId ?? host.clusterId,
    generation: request.generation,
    configVersion,
    guestOs: { family: request.guestOs.family, version: request.guestOs.version ?? null },
    memory,
    processorCount: request.processorCount,
    networkAdapters: request.networkAdapters,
    disks: request.disks,
    firmware,
    checkpointType: request.checkpointType ?? 'Production',
  };
  checkSecureBootTemplate(spec.firmware, configVersion);
  checkLinuxSecureBoot(spec);
  const firmwareNote =
    request.generation === 2 && !request.firmware && request.guestOs.family === 'linux' && !supportsLinuxSecureBoot(configVersion)
      ? `Secure Boot is off: configuration version ${configVersion} is below ${LINUX_SECURE_BOOT_MINIMUM_VERSION}, ` +
        'the first that runs Linux Secure Boot (MicrosoftUEFICertificateAuthority)'
      : null;
  return { spec, firmwareNote };
}

/**
 * Secure Boot on with the template that matches the guest; a Linux guest below 6.2 cannot boot
 * with Secure Boot at all, so it starts with Secure Boot off.
 */
function defaultFirmware(family: 'windows' | 'linux', configVersion: string): NonNullable<VmSpecification['firmware']> {
  if (family === 'windows') return { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' };
  return supportsLinuxSecureBoot(configVersion)
    ? { secureBoot: true, secureBootTemplate: 'MicrosoftUEFICertificateAuthority' }
    : { secureBoot: false, secureBootTemplate: 'MicrosoftWindows' };
}
