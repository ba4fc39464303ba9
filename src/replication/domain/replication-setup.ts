/** Setting a relationship up and taking it down: enable, the replicated disks, a disk added to the VM, remove. */
import type { HypervisorOperation } from '../../jobs/domain/hypervisor-driver.port';
import { osRank } from '../../hosts/domain/windows-server';
import type { ReplicationCommand } from './replication.commands';
import { replicationErrors as errors } from './replication.errors';
import { MAX_ADDITIONAL_RECOVERY_POINTS, REPLICATION_FREQUENCIES, ReplicationEvent } from './replication.events';
import type { ReplicationState } from './replication.state';
import { checkReplicaSupports, disksOf, intent, noTestFailover, ready, totalGb, vmRefOf } from './replication-operations';

type Command<T extends ReplicationCommand['type']> = Extract<ReplicationCommand, { type: T }>;

export function enable(command: Command<'EnableReplication'>, state: ReplicationState): ReplicationEvent[] {
  if (state.status !== 'None' && state.status !== 'Removed') throw errors.alreadyEnabled(state.status);
  if (!(REPLICATION_FREQUENCIES as readonly number[]).includes(command.frequencySeconds)) {
    throw errors.invalid(`frequencySeconds must be one of ${REPLICATION_FREQUENCIES.join(', ')}`);
  }
  const points = command.recoveryPoints;
  if (!Number.isInteger(points) || points < 0 || points > MAX_ADDITIONAL_RECOVERY_POINTS) {
    throw errors.invalid(`recoveryPoints must be 0–${MAX_ADDITIONAL_RECOVERY_POINTS}`);
  }
  if (command.replica.hostId === command.vm.hostId) throw errors.sameHost();
  checkReplicaSupports(command.vm, command.replica);
  const all = command.vm.disks.map((d) => d.id);
  const unknown = (command.includeDiskIds ?? []).filter((id) => !all.includes(id));
  if (unknown.length > 0) throw errors.unknownDisks(unknown);
  const replicated = command.includeDiskIds ? all.filter((id) => command.includeDiskIds!.includes(id)) : all;
  const operation: HypervisorOperation = {
    kind: 'enable-replication',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
    frequencySeconds: command.frequencySeconds,
    diskGb: totalGb(command.vm, replicated),
    recoveryPoints: command.recoveryPoints,
    applicationConsistent: command.applicationConsistent,
    // Named only when chosen: Enable-VMReplication replicates every disk by default.
    ...(command.includeDiskIds ? { disks: disksOf(command.vm, replicated) } : {}),
    ...(command.replicaBroker ? { replicaBroker: command.replicaBroker } : {}),
  };
  return [
    intent({ vmId: command.vm.vmId, tenant: command.vm.tenant }, 'ReplicationEnableRequested', operation, command, {
      vmName: command.vm.name,
      tenant: command.vm.tenant,
      primaryHostId: command.vm.hostId,
      configVersion: command.vm.configVersion,
      replicaHostId: command.replica.hostId,
      ...(command.replicaBroker ? { replicaBroker: command.replicaBroker } : {}),
      frequencySeconds: command.frequencySeconds,
      additionalRecoveryPoints: command.recoveryPoints,
      applicationConsistent: command.applicationConsistent,
      replicatedDiskIds: replicated,
      nonReplicatedDiskIds: all.filter((id) => !replicated.includes(id)),
      intervalMs: command.intervalMs,
      hourMs: command.hourMs,
    }),
  ];
}

export function setReplicatedDisks(command: Command<'SetReplicatedDisks'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'change the replicated disks', ['Replicating', 'Suspended']);
  const all = command.vm.disks.map((d) => d.id);
  const unknown = command.includeDiskIds.filter((id) => !all.includes(id));
  if (unknown.length > 0) throw errors.unknownDisks(unknown);
  const added = command.includeDiskIds.filter((id) => !r.replicatedDiskIds.includes(id));
  const operation: HypervisorOperation = {
    kind: 'set-replicated-disks',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
    disks: disksOf(command.vm, command.includeDiskIds),
    addedDiskGb: totalGb(command.vm, added),
  };
  return [
    intent(r, 'ReplicationDisksChangeRequested', operation, command, {
      replicatedDiskIds: command.includeDiskIds,
      nonReplicatedDiskIds: all.filter((id) => !command.includeDiskIds.includes(id)),
      added,
    }),
  ];
}

export function remove(command: Command<'RemoveReplication'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'remove replication', ['Replicating', 'Suspended', 'FailedOver', 'Committed', 'Resynchronizing']);
  noTestFailover(r, 'remove replication');
  const operation: HypervisorOperation = {
    kind: 'remove-replication',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
  };
  return [intent(r, 'ReplicationRemoveRequested', operation, command)];
}

/** A disk added to a replicating VM: left out (WS2016 or later primary) or breaking replication (WS2012R2). */
export function noteDiskAdded(command: Command<'NoteDiskAdded'>, state: ReplicationState): ReplicationEvent[] {
  if (state.status === 'None' || state.status === 'Removed' || state.broken) return [];
  if (state.replicatedDiskIds.includes(command.diskId) || state.nonReplicatedDiskIds.includes(command.diskId)) return [];
  const base = { vmId: state.vmId, at: command.now };
  if (osRank(command.primaryOsVersion) >= osRank('WS2016'))
    return [{ type: 'ReplicationDiskExcluded', data: { ...base, diskId: command.diskId } }];
  return [
    {
      type: 'ReplicationBroken',
      data: {
        ...base,
        diskId: command.diskId,
        reason: `a disk was added on a ${command.primaryOsVersion} primary, which cannot leave it out of replication`,
      },
    },
  ];
}
