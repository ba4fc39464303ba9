import { release, supportsConfigVersion } from '../../hosts/domain/windows-server';
import { CreateVmRequest, HostFacts } from './vm.commands';
import * as errors from './vm.errors';
import { VmSpecification } from './vm.events';

export const MINIMUM_MEMORY_MB = 32;
export const DEFAULT_BUFFER_PERCENT = 20;

/** Checks a new VM against DOMAIN.md and fills in the defaults; throws the rule it breaks. */
export function validateNewVm(request: CreateVmRequest, host: HostFacts): VmSpecification {
  if (host.state !== 'Up') throw errors.hostNotAvailable(host.name, host.state);
  const configVersion = request.configVersion ?? release(host.osVersion).defaultConfigVersion;
  if (!supportsConfigVersion(host.osVersion, configVersion)) {
    throw errors.configVersionUnsupported(configVersion, host.name, host.osVersion);
  }
  if (request.firmware && request.generation !== 2) throw errors.generation2Required('Firmware and Secure Boot settings');
  const memory = request.memory;
  if (memory.startupMb < MINIMUM_MEMORY_MB) throw errors.invalidMemory(`startupMb must be at least ${MINIMUM_MEMORY_MB} MB`);
  let dynamic: VmSpecification['memory']['dynamic'] = null;
  if (memory.dynamic) {
    const { minimumMb, maximumMb } = memory.dynamic;
    const bufferPercent = memory.dynamic.bufferPercent ?? DEFAULT_BUFFER_PERCENT;
    if (minimumMb < MINIMUM_MEMORY_MB) throw errors.invalidMemory(`dynamic.minimumMb must be at least ${MINIMUM_MEMORY_MB} MB`);
    if (!(minimumMb <= memory.startupMb && memory.startupMb <= maximumMb)) {
      throw errors.invalidMemory('Dynamic memory needs minimumMb ≤ startupMb ≤ maximumMb');
    }
    if (bufferPercent < 5 || bufferPercent > 2000) throw errors.invalidMemory('dynamic.bufferPercent must be between 5 and 2000');
    dynamic = { minimumMb, maximumMb, bufferPercent };
  }
  if (request.processorCount > host.logicalProcessors) {
    throw errors.processorCountExceedsHost(request.processorCount, host.name, host.logicalProcessors);
  }
  const seen = new Set<string>();
  for (const adapter of request.networkAdapters) {
    const key = adapter.name.toLowerCase();
    if (seen.has(key)) throw errors.duplicateAdapterName(adapter.name);
    seen.add(key);
  }
  return {
    name: request.name,
    tenant: request.tenant,
    hostId: host.hostId,
    clusterId: host.clusterId,
    generation: request.generation,
    configVersion,
    guestOs: { family: request.guestOs.family, version: request.guestOs.version ?? null },
    memory: { startupMb: memory.startupMb, dynamic },
    processorCount: request.processorCount,
    networkAdapters: request.networkAdapters,
    disks: request.disks,
    firmware:
      request.generation === 2 ? (request.firmware ?? { secureBoot: true, secureBootTemplate: 'MicrosoftWindows' }) : null,
    checkpointType: request.checkpointType ?? 'Production',
  };
}
