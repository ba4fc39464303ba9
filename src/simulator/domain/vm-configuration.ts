/**
 * What a simulated Hyper-V host knows about a VM beyond its power state, and how each operation
 * changes it. Pure, and idempotent like the power transitions: an operation applied to the
 * configuration it produced changes nothing (an adapter or disk added twice is there once, a
 * deleted checkpoint deleted again is still gone). Changes Hyper-V would refuse given the VM's
 * generation, version or running guest are refused here; refusals by power state alone are in
 * vm-transitions.ts.
 */
import { compareConfigVersions, isOsVersion, supportsConfigVersion } from '../../hosts/domain/windows-server';
import type {
  AdapterRef,
  CheckpointRef,
  HypervisorOperation,
  IntegrationServiceName,
  MemoryRef,
  NewVmConfiguration,
  VmRef,
} from '../../jobs/domain/hypervisor-driver.port';
import type { SimVmState, VmOperationKind } from './vm-transitions';

export interface SimDisk {
  id: string;
  name: string;
  sizeGb: number;
}

/** The hardware a checkpoint captures and applying it restores (as in the fabric's model). */
export interface SimHardware {
  memoryMb: number;
  /** null: static memory. */
  dynamicMemory: MemoryRef['dynamic'];
  processorCount: number;
  /** null on Generation 1, whose BIOS has no Secure Boot. */
  secureBoot: boolean | null;
  secureBootTemplate: string | null;
  adapters: AdapterRef[];
  disks: SimDisk[];
}

export interface SimCheckpoint extends CheckpointRef {
  /** The checkpoint that was current when this one was taken; null for a root. */
  parentId: string | null;
  hardware: SimHardware;
}

export interface SimVmConfiguration extends SimHardware {
  generation: 1 | 2;
  configVersion: string;
  compatibilityForMigration: boolean;
  checkpoints: SimCheckpoint[];
  /** The checkpoint the VM runs from: the last one taken or applied. */
  currentCheckpointId: string | null;
  /** Reported by the guest after an update through its update channel; null until then. */
  integrationServicesVersion: string | null;
  disabledIntegrationServices: IntegrationServiceName[];
  /** Set-VMProcessor -ExposeVirtualizationExtensions (WS2016 and later hosts). */
  exposeVirtualizationExtensions: boolean;
  /** Set-VM -CheckpointType: a setting of the VM, which taking a checkpoint never changes. */
  checkpointType: 'Production' | 'ProductionOnly' | 'Standard' | 'Disabled';
}

export type SimVmOperation = Extract<HypervisorOperation, { kind: VmOperationKind }>;

export interface ConfigurationContext {
  /** The power state before the operation. */
  state: SimVmState;
  /** What the guest uses now (0 unless it holds memory): a running guest cannot shrink below it. */
  memoryDemandMb: number;
  hostOsVersion: string;
  /** The id Hyper-V gives what this operation creates (a checkpoint): the host's own, not the fabric's. */
  newHypervisorId?: string;
}

export type ConfigurationChange =
  | { outcome: 'ok'; next: SimVmConfiguration; changed: boolean; details: Record<string, unknown> }
  | { outcome: 'refused'; reason: string };

/** Hyper-V's limit of checkpoints per VM. */
export const MAX_CHECKPOINTS = 50;
/** Runtime memory resize and hot-added adapters need configuration version 6.2 (WS2016) or later. */
export const HOT_CHANGE_MIN_VERSION = '6.2';
export const MIN_DYNAMIC_MEMORY_MB = 32;
export const MIN_BUFFER_PERCENT = 5;
export const MAX_BUFFER_PERCENT = 2000;

/** The integration services order Hyper-V lists them in; the disabled list keeps it. */
const INTEGRATION_SERVICE_ORDER: readonly IntegrationServiceName[] = [
  'Heartbeat',
  'Shutdown',
  'TimeSynchronization',
  'DataExchange',
  'VSS',
  'GuestServiceInterface',
];

/**
 * A new VM as its creation job leaves it: what the request described, or, for a job without that
 * description, as New-VM alone makes it (Secure Boot on with the Windows template on Generation 2).
 * Guest Service Interface is off either way.
 */
export function initialConfiguration(vm: VmRef, configuration?: NewVmConfiguration): SimVmConfiguration {
  const bare = bareConfiguration(vm);
  if (!configuration) return bare;
  return {
    ...bare,
    memoryMb: configuration.memory.startupMb,
    dynamicMemory: configuration.memory.dynamic,
    secureBoot: vm.generation === 2 ? (configuration.firmware?.secureBoot ?? true) : null,
    secureBootTemplate: vm.generation === 2 ? (configuration.firmware?.secureBootTemplate ?? 'MicrosoftWindows') : null,
    adapters: configuration.adapters.map((a) => ({ id: a.id, name: a.name, switchName: a.switchName })),
    disks: configuration.disks.map((d) => ({ id: d.id, name: d.name, sizeGb: d.sizeGb })),
    checkpointType: configuration.checkpointType,
  };
}

function bareConfiguration(vm: VmRef): SimVmConfiguration {
  return {
    generation: vm.generation,
    configVersion: vm.configVersion,
    memoryMb: vm.memoryMb,
    dynamicMemory: null,
    processorCount: vm.processorCount,
    compatibilityForMigration: false,
    secureBoot: vm.generation === 2 ? true : null,
    secureBootTemplate: vm.generation === 2 ? 'MicrosoftWindows' : null,
    adapters: [],
    disks: [],
    checkpoints: [],
    currentCheckpointId: null,
    integrationServicesVersion: null,
    disabledIntegrationServices: ['GuestServiceInterface'],
    exposeVirtualizationExtensions: false,
    checkpointType: 'Production',
  };
}

export function heartbeatServiceEnabled(config: SimVmConfiguration): boolean {
  return !config.disabledIntegrationServices.includes('Heartbeat');
}

/** The configuration after `operation`, or Hyper-V's refusal. Power operations leave it as it is. */
export function configure(
  config: SimVmConfiguration,
  operation: SimVmOperation,
  context: ConfigurationContext,
): ConfigurationChange {
  const running = context.state === 'Running';
  switch (operation.kind) {
    case 'create-vm':
    case 'start-vm':
    case 'stop-vm':
    case 'save-vm':
    case 'pause-vm':
    case 'resume-vm':
    case 'delete-vm':
      return changedTo(config, config);
    case 'upgrade-vm-version': {
      const target = operation.targetVersion;
      if (compareConfigVersions(target, config.configVersion) < 0) {
        return refused(`the configuration version only goes up (the VM is at ${config.configVersion}, asked for ${target})`);
      }
      if (isOsVersion(context.hostOsVersion) && !supportsConfigVersion(context.hostOsVersion, target)) {
        return refused(`a ${context.hostOsVersion} host does not run configuration version ${target}`);
      }
      // Checkpoints are kept, but their saved states cannot be read by the new version.
      const madeOffline = config.checkpoints.filter((c) => c.includesState).map((c) => c.checkpointId);
      return changedTo(
        config,
        {
          ...config,
          configVersion: target,
          checkpoints: config.checkpoints.map((c) => (c.includesState ? { ...c, includesState: false } : c)),
        },
        { configVersion: target, previousConfigVersion: config.configVersion, checkpointsMadeOffline: madeOffline },
      );
    }
    case 'set-vm-firmware':
      if (config.generation !== 2) return refused('Generation 1 VMs have BIOS firmware, without Secure Boot');
      return changedTo(config, {
        ...config,
        secureBoot: operation.secureBoot,
        secureBootTemplate: operation.secureBootTemplate,
      });
    case 'add-network-adapter':
    case 'remove-network-adapter': {
      if (running && !hotChangeable(config, true)) {
        return refused(
          `adapters can be added or removed while the VM runs only on Generation 2 with version ${HOT_CHANGE_MIN_VERSION} or later ` +
            `(this VM: Generation ${config.generation}, version ${config.configVersion}); turn it off first`,
        );
      }
      const adapter: AdapterRef = {
        id: operation.adapter.id,
        name: operation.adapter.name,
        switchName: operation.adapter.switchName,
      };
      const others = config.adapters.filter((a) => a.id !== adapter.id);
      return changedTo(config, { ...config, adapters: operation.kind === 'add-network-adapter' ? [...others, adapter] : others });
    }
    case 'set-vm-memory':
      return setMemory(config, operation.memory, context);
    case 'set-vm-processor':
      if (!(Number.isInteger(operation.processorCount) && operation.processorCount >= 1)) {
        return refused(`a VM needs a whole number of processors, at least 1 (asked for ${operation.processorCount})`);
      }
      if (operation.exposeVirtualizationExtensions && context.hostOsVersion === 'WS2012R2') {
        return refused('Set-VMProcessor has no ExposeVirtualizationExtensions parameter on Windows Server 2012 R2');
      }
      if (operation.exposeVirtualizationExtensions && compareConfigVersions(config.configVersion, '8.0') < 0) {
        return refused(`nested virtualization needs configuration version 8.0; the VM is at ${config.configVersion}`);
      }
      return changedTo(config, {
        ...config,
        processorCount: operation.processorCount,
        compatibilityForMigration: operation.compatibilityForMigration,
        exposeVirtualizationExtensions: operation.exposeVirtualizationExtensions ?? config.exposeVirtualizationExtensions,
      });
    case 'set-integration-service': {
      const disabled = new Set(config.disabledIntegrationServices);
      if (operation.enabled) disabled.delete(operation.service);
      else disabled.add(operation.service);
      return changedTo(config, {
        ...config,
        disabledIntegrationServices: INTEGRATION_SERVICE_ORDER.filter((s) => disabled.has(s)),
      });
    }
    case 'update-integration-services':
      return changedTo(
        config,
        { ...config, integrationServicesVersion: operation.version },
        { integrationServicesVersion: operation.version, previousIntegrationServicesVersion: config.integrationServicesVersion },
      );
    case 'add-vm-disk': {
      const disk: SimDisk = { id: operation.disk.id, name: operation.disk.name, sizeGb: operation.disk.sizeGb };
      return changedTo(config, { ...config, disks: [...config.disks.filter((d) => d.id !== disk.id), disk] });
    }
    case 'resize-vm-disk': {
      const disk = config.disks.find((d) => d.id === operation.disk.id);
      if (!disk) return refused(`the VM has no disk ${operation.disk.name} on this host`);
      if (operation.disk.sizeGb < disk.sizeGb) {
        return refused(`Resize-VHD cannot shrink ${disk.name} from ${disk.sizeGb} GB to ${operation.disk.sizeGb} GB here`);
      }
      return changedTo(config, {
        ...config,
        disks: config.disks.map((d) => (d.id === disk.id ? { ...d, sizeGb: operation.disk.sizeGb } : d)),
      });
    }
    case 'set-checkpoint-type':
      if (context.hostOsVersion === 'WS2012R2')
        return refused('Set-VM has no CheckpointType parameter on Windows Server 2012 R2');
      return changedTo(config, { ...config, checkpointType: operation.checkpointType });
    case 'create-checkpoint':
      // The host follows its own setting: the checkpoint job never changes it.
      if (config.checkpointType === 'Disabled')
        return refused('checkpoints are disabled for this VM (Set-VM -CheckpointType Disabled)');
      return createCheckpoint(config, operation.checkpoint, context.newHypervisorId);
    case 'apply-checkpoint': {
      const checkpoint = config.checkpoints.find((c) => c.checkpointId === operation.checkpoint.checkpointId);
      if (!checkpoint) return refused(`the VM has no checkpoint ${describeCheckpoint(operation.checkpoint)} on this host`);
      return changedTo(config, { ...config, ...checkpoint.hardware, currentCheckpointId: checkpoint.checkpointId });
    }
    case 'delete-checkpoint':
      return deleteCheckpoint(config, operation.checkpoint.checkpointId, operation.subtree);
    default: {
      const unknown: never = operation;
      throw new Error(`Unknown VM operation ${String((unknown as { kind: unknown }).kind)}`);
    }
  }
}

export function hardwareOf(config: SimHardware): SimHardware {
  return {
    memoryMb: config.memoryMb,
    dynamicMemory: config.dynamicMemory,
    processorCount: config.processorCount,
    secureBoot: config.secureBoot,
    secureBootTemplate: config.secureBootTemplate,
    adapters: config.adapters,
    disks: config.disks,
  };
}

function setMemory(config: SimVmConfiguration, memory: MemoryRef, context: ConfigurationContext): ConfigurationChange {
  const { startupMb, dynamic } = memory;
  if (!(Number.isInteger(startupMb) && startupMb > 0))
    return refused(`startup memory must be a positive number of MB (got ${startupMb})`);
  if (dynamic) {
    if (dynamic.minimumMb < MIN_DYNAMIC_MEMORY_MB) return refused(`minimum memory must be at least ${MIN_DYNAMIC_MEMORY_MB} MB`);
    if (!(dynamic.minimumMb <= startupMb && startupMb <= dynamic.maximumMb)) {
      return refused(
        `dynamic memory needs minimum ≤ startup ≤ maximum (got ${dynamic.minimumMb}, ${startupMb}, ${dynamic.maximumMb} MB)`,
      );
    }
    if (!(dynamic.bufferPercent >= MIN_BUFFER_PERCENT && dynamic.bufferPercent <= MAX_BUFFER_PERCENT)) {
      return refused(`the memory buffer must be ${MIN_BUFFER_PERCENT}–${MAX_BUFFER_PERCENT} % (got ${dynamic.bufferPercent})`);
    }
  }
  if (context.state === 'Running') {
    const current = config.dynamicMemory;
    if ((current === null) !== (dynamic === null)) {
      return refused('switching between static and dynamic memory needs the VM off');
    }
    if (current && dynamic) {
      if (startupMb !== config.memoryMb || dynamic.maximumMb < current.maximumMb || dynamic.minimumMb > current.minimumMb) {
        return refused('while the VM runs, dynamic memory can only raise its maximum or lower its minimum');
      }
    } else {
      if (!hotChangeable(config, false)) {
        return refused(`resizing memory while the VM runs needs configuration version ${HOT_CHANGE_MIN_VERSION} or later`);
      }
      if (startupMb < context.memoryDemandMb) {
        return refused(`the guest uses ${context.memoryDemandMb} MB; it cannot shrink to ${startupMb} MB while running`);
      }
    }
  }
  return changedTo(config, {
    ...config,
    memoryMb: startupMb,
    dynamicMemory: dynamic && {
      minimumMb: dynamic.minimumMb,
      maximumMb: dynamic.maximumMb,
      bufferPercent: dynamic.bufferPercent,
    },
  });
}

/** Takes a checkpoint once; a repeated request answers the id Hyper-V gave it the first time. */
function createCheckpoint(
  config: SimVmConfiguration,
  taken: CheckpointRef,
  hypervisorId: string | undefined,
): ConfigurationChange {
  const existing = config.checkpoints.find((c) => c.checkpointId === taken.checkpointId);
  if (existing) return changedTo(config, config, existing.hypervisorId ? { hypervisorCheckpointId: existing.hypervisorId } : {});
  if (config.checkpoints.length >= MAX_CHECKPOINTS) {
    return refused(`the VM already has ${MAX_CHECKPOINTS} checkpoints, the most Hyper-V keeps`);
  }
  const checkpoint: SimCheckpoint = {
    checkpointId: taken.checkpointId,
    ...(hypervisorId ? { hypervisorId } : {}),
    name: taken.name,
    kind: taken.kind,
    includesState: taken.includesState,
    parentId: config.currentCheckpointId,
    hardware: hardwareOf(config),
  };
  return changedTo(
    config,
    { ...config, checkpoints: [...config.checkpoints, checkpoint], currentCheckpointId: checkpoint.checkpointId },
    hypervisorId ? { hypervisorCheckpointId: hypervisorId } : {},
  );
}

/**
 * Merges a checkpoint into its parent: its children move up to that parent, and if it was the
 * current one the parent becomes current. A subtree delete removes every descendant as well.
 */
function deleteCheckpoint(config: SimVmConfiguration, checkpointId: string, subtree: boolean): ConfigurationChange {
  const target = config.checkpoints.find((c) => c.checkpointId === checkpointId);
  if (!target) return changedTo(config, config, { removedCheckpointIds: [] });
  const removed = new Set([checkpointId]);
  if (subtree) {
    // Checkpoints are stored oldest first, so a parent is always seen before its children.
    for (const c of config.checkpoints) if (c.parentId !== null && removed.has(c.parentId)) removed.add(c.checkpointId);
  }
  const remaining = config.checkpoints
    .filter((c) => !removed.has(c.checkpointId))
    .map((c) => (c.parentId === checkpointId ? { ...c, parentId: target.parentId } : c));
  const currentRemoved = config.currentCheckpointId !== null && removed.has(config.currentCheckpointId);
  return changedTo(
    config,
    { ...config, checkpoints: remaining, currentCheckpointId: currentRemoved ? target.parentId : config.currentCheckpointId },
    { removedCheckpointIds: [...removed] },
  );
}

/** Whether a running VM takes the change: adapters also need Generation 2. */
function hotChangeable(config: SimVmConfiguration, needsGeneration2: boolean): boolean {
  if (needsGeneration2 && config.generation !== 2) return false;
  return compareConfigVersions(config.configVersion, HOT_CHANGE_MIN_VERSION) >= 0;
}

function changedTo(
  before: SimVmConfiguration,
  next: SimVmConfiguration,
  details: Record<string, unknown> = {},
): ConfigurationChange {
  return { outcome: 'ok', next, changed: canonicalJson(before) !== canonicalJson(next), details };
}

/** JSON with object keys sorted: configurations read back from jsonb come with their keys reordered. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function refused(reason: string): ConfigurationChange {
  return { outcome: 'refused', reason };
}

function describeCheckpoint(checkpoint: CheckpointRef): string {
  return `${checkpoint.name} (${checkpoint.checkpointId})`;
}
