/**
 * How a finished change alters a VM's configuration. Shared by the aggregate and the read model,
 * so that both fold the same events into the same configuration.
 */
import {
  Checkpoint,
  DEFAULT_INTEGRATION_SERVICES,
  GuestHeartbeat,
  IntegrationService,
  PowerState,
  VmChange,
  VmConfiguration,
  VmHardware,
  VmSpecification,
} from './vm.events';

/** A new VM's configuration: its specification plus Hyper-V's defaults for the rest. */
export function initialConfiguration(recorded: VmSpecification & { firmwareNote?: string }): VmConfiguration {
  const { firmwareNote: _note, ...spec } = recorded;
  return {
    ...spec,
    compatibilityForMigration: false,
    exposeVirtualizationExtensions: false,
    integrationServices: { ...DEFAULT_INTEGRATION_SERVICES },
    integrationServicesVersion: null,
    checkpoints: [],
    currentCheckpointId: null,
  };
}

export function hardwareOf(config: VmHardware): VmHardware {
  return {
    memory: config.memory,
    processorCount: config.processorCount,
    networkAdapters: config.networkAdapters,
    disks: config.disks,
    firmware: config.firmware,
  };
}

/** The configuration and power state after a change has been carried out on the host. */
export function applyChange<C extends VmConfiguration>(
  config: C,
  power: PowerState,
  change: VmChange,
): { config: C; power: PowerState } {
  switch (change.kind) {
    case 'upgrade-vm-version': {
      const offline = new Set(change.checkpointsMadeOffline);
      return {
        config: {
          ...config,
          configVersion: change.toVersion,
          checkpoints: config.checkpoints.map((c) => (offline.has(c.id) ? { ...c, includesState: false } : c)),
        },
        power: 'Off',
      };
    }
    case 'set-vm-firmware':
      return { config: { ...config, firmware: change.firmware }, power };
    case 'add-network-adapter':
      return {
        config: {
          ...config,
          networkAdapters: [...config.networkAdapters.filter((a) => a.id !== change.adapter.id), change.adapter],
        },
        power,
      };
    case 'remove-network-adapter':
      return { config: { ...config, networkAdapters: config.networkAdapters.filter((a) => a.id !== change.adapter.id) }, power };
    case 'set-vm-memory':
      return { config: { ...config, memory: change.memory }, power };
    case 'set-vm-processor':
      return {
        config: {
          ...config,
          processorCount: change.processorCount,
          compatibilityForMigration: change.compatibilityForMigration,
          exposeVirtualizationExtensions: change.exposeVirtualizationExtensions ?? config.exposeVirtualizationExtensions ?? false,
        },
        power,
      };
    case 'set-integration-service':
      return {
        config: { ...config, integrationServices: { ...config.integrationServices, [change.service]: change.enabled } },
        power,
      };
    case 'update-integration-services':
      return { config: { ...config, integrationServicesVersion: change.version }, power };
    case 'resize-vm-disk':
      return {
        config: { ...config, disks: config.disks.map((d) => (d.id === change.diskId ? { ...d, sizeGb: change.toSizeGb } : d)) },
        power,
      };
    case 'set-checkpoint-type':
      return { config: { ...config, checkpointType: change.checkpointType }, power };
    case 'add-vm-disk':
      return { config: { ...config, disks: [...config.disks.filter((d) => d.id !== change.disk.id), change.disk] }, power };
    case 'create-checkpoint':
      return {
        config: {
          ...config,
          checkpoints: [...config.checkpoints.filter((c) => c.id !== change.checkpoint.id), change.checkpoint],
          currentCheckpointId: change.checkpoint.id,
        },
        power,
      };
    case 'apply-checkpoint':
      return {
        config: { ...config, ...change.hardware, currentCheckpointId: change.checkpointId },
        power: change.resultingState,
      };
    case 'migrate-vm':
      return { config: { ...config, hostId: change.toHostId, clusterId: change.toClusterId }, power };
    case 'failover-vm':
      return {
        config: { ...config, hostId: change.toHostId, clusterId: change.toClusterId },
        power: change.restart ? 'Running' : power === 'Saved' ? 'Saved' : 'Off',
      };
    case 'delete-checkpoint': {
      const removed = new Set(change.removedIds);
      const parents = new Map(change.reparented.map((r) => [r.id, r.parentId]));
      return {
        config: {
          ...config,
          checkpoints: config.checkpoints
            .filter((c) => !removed.has(c.id))
            .map((c) => (parents.has(c.id) ? { ...c, parentId: parents.get(c.id)! } : c)),
          currentCheckpointId: change.currentCheckpointId,
        },
        power,
      };
    }
    default: {
      const unknown: never = change;
      return unknown;
    }
  }
}

/** The checkpoint and every checkpoint below it. */
export function subtreeOf(checkpoints: readonly Checkpoint[], rootId: string): string[] {
  const children = new Map<string | null, string[]>();
  for (const c of checkpoints) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const found: string[] = [];
  const pending = [rootId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    found.push(id);
    pending.push(...(children.get(id) ?? []));
  }
  return found;
}

export interface CheckpointNode {
  id: string;
  name: string;
  parentId: string | null;
  kind: 'Production' | 'Standard';
  includesState: boolean;
  createdAt: string;
  isCurrent: boolean;
  children: CheckpointNode[];
}

/** The checkpoints as a forest, oldest first at every level. */
export function checkpointTree(checkpoints: readonly Checkpoint[], currentCheckpointId: string | null): CheckpointNode[] {
  const nodes = new Map<string, CheckpointNode>(
    checkpoints.map((c) => [
      c.id,
      {
        id: c.id,
        name: c.name,
        parentId: c.parentId,
        kind: c.kind,
        includesState: c.includesState,
        createdAt: c.createdAt,
        isCurrent: c.id === currentCheckpointId,
        children: [],
      },
    ]),
  );
  const roots: CheckpointNode[] = [];
  for (const c of checkpoints) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Hyper-V's heartbeat column for a VM: what the guest last reported while running, else what the state implies. */
export function heartbeatOf(
  power: PowerState,
  services: Readonly<Record<IntegrationService, boolean>>,
  reported: GuestHeartbeat | null,
): GuestHeartbeat {
  if (!services.Heartbeat) return 'Disabled';
  switch (power) {
    case 'Running':
      return reported && reported !== 'Disabled' && reported !== 'Paused' ? reported : 'NoContact';
    case 'Paused':
      return 'Paused';
    default:
      return 'NoContact';
  }
}

/** A running or paused guest reports what it uses; an Off or Saved one uses nothing. */
export function holdsMemory(power: PowerState): boolean {
  return power === 'Running' || power === 'Paused';
}
