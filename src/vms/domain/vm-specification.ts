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
  if (
    vm.guestOs.family === 'linux' &&
    vm.firmware?.secureBoot &&
    compareConfigVersions(vm.configVersion, LINUX_SECURE_BOOT_MINIMUM_VERSION) < 0
  ) {
    throw errors.linuxSecureBootNeedsVersion(vm.configVersion);
  }
}

/** Checks a new VM against DOMAIN.md and fills in the defaults; throws the rule it breaks. */
export function validateNewVm(request: CreateVmRequest, host: HostFacts, cluster: ClusterFacts | null = null): VmSpecification {
  // On a cluster the functional level decides the default: in mixed mode that is the older OS's (5.0 at level 8).
  const levelOs = cluster ? osOfFunctionalLevel(cluster.functionalLevel) : undefined;
  const configVersion = request.configVersion ?? release(levelOs ?? host.osVersion).defaultConfigVersion;
  checkPlacement({ configVersion, processorCount: request.processorCount }, host);
  // A clustered VM may move to any node: every node must run its version.
  const unsupportedOn = cluster?.nodeOsVersions.find((os) => !supportsConfigVersion(os, configVersion));
  if (cluster && unsupportedOn) throw errors.configVersionUnsupported(configVersion, `of cluster ${cluster.name}`, unsupportedOn);
  if (request.firmware && request.generation !== 2) throw errors.generation2Required('Firmware and Secure Boot settings');
  const memory = validMemorySettings(request.memory);
  if (request.networkAdapters.length > MAX_NETWORK_ADAPTERS) throw errors.tooManyAdapters(MAX_NETWORK_ADAPTERS);
  const seen = new Set<string>();
  for (const adapter of request.networkAdapters) {
    const key = adapter.name.toLowerCase();
    if (seen.has(key)) throw errors.duplicateAdapterName(adapter.name);
    seen.add(key);
  }
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
    firmware: request.generation === 2 ? (request.firmware ?? defaultFirmware(request.guestOs.family)) : null,
    checkpointType: request.checkpointType ?? 'Production',
  };
  checkLinuxSecureBoot(spec);
  return spec;
}

/** Secure Boot on, with the template that matches the guest (Linux needs the UEFI CA template). */
function defaultFirmware(family: 'windows' | 'linux'): NonNullable<VmSpecification['firmware']> {
  return { secureBoot: true, secureBootTemplate: family === 'linux' ? 'MicrosoftUEFICertificateAuthority' : 'MicrosoftWindows' };
}
