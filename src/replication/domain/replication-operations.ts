/** What every replication command shares: the job it starts, the preconditions, and the outcome of its job. */
import type { HypervisorOperation, VmRef } from '../../jobs/domain/hypervisor-driver.port';
import type { JobRequest } from '../../jobs/domain/job.events';
import * as lifecycle from '../../platform/domain/operation-lifecycle';
import { stepsFor } from '../../jobs/domain/powershell';
import { supportsConfigVersion } from '../../hosts/domain/windows-server';
import type { HostRef, RecoveryPointRef, ReplicatedDiskRef } from '../../jobs/domain/hypervisor-driver.port';
import type { ReplicationCommand, VmFacts } from './replication.commands';
import { replicationErrors as errors } from './replication.errors';
import { RecoveryPoint, REPLICATION_OPERATIONS, ReplicationEvent } from './replication.events';
import type { ExistingReplication, ReplicationState, ReplicationStatus } from './replication.state';

export const vmRefOf = (vm: VmFacts): VmRef => ({
  vmId: vm.vmId,
  name: vm.name,
  generation: vm.generation,
  configVersion: vm.configVersion,
  memoryMb: vm.memoryMb,
  processorCount: vm.processorCount,
});

export const totalGb = (vm: VmFacts, diskIds: string[]) =>
  vm.disks.filter((d) => diskIds.includes(d.id)).reduce((sum, d) => sum + d.sizeGb, 0);

function jobOf(
  replication: { vmId: string; tenant: string },
  jobId: string,
  operation: HypervisorOperation,
  requestedBy: { actor: string; role: string },
): JobRequest {
  return {
    jobId,
    attempt: 1,
    kind: operation.kind,
    target: { type: 'replication', id: replication.vmId },
    steps: stepsFor(operation),
    operation,
    requestedBy,
    tenant: replication.tenant,
  };
}

/** The intent event of an operator's request, with the job that carries it out. */
export function intent(
  replication: { vmId: string; tenant: string },
  type: string,
  operation: HypervisorOperation,
  command: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  extra: object = {},
): ReplicationEvent {
  return {
    type,
    data: {
      vmId: replication.vmId,
      job: jobOf(replication, command.jobId, operation, command.requestedBy),
      at: command.now,
      ...extra,
    },
  } as ReplicationEvent;
}

export function existing(state: ReplicationState): ExistingReplication {
  if (state.status === 'None' || state.status === 'Removed') throw errors.notEnabled();
  return state;
}

/** An existing relationship with no operation running, in one of the states the action allows. */
export function ready(state: ReplicationState, action: string, allowed: readonly ReplicationStatus[]): ExistingReplication {
  const replication = existing(state);
  if (replication.pending) throw errors.busy(replication.pending.kind, replication.pending.jobId);
  if (!allowed.includes(replication.status)) throw errors.invalidState(action, replication.status, allowed);
  return replication;
}

/** Hyper-V refuses to fail over, reverse or remove while a test failover VM exists. */
export function noTestFailover(replication: ExistingReplication, action: string): void {
  if (replication.testFailover) throw errors.testFailoverRunning(action, replication.testFailover.testVmName);
}

export function checkReplicaSupports(vm: VmFacts, replica: HostRef): void {
  if (!supportsConfigVersion(replica.osVersion, vm.configVersion)) throw errors.versionUnsupported(vm.configVersion, replica);
}

export function chosenPoint(replication: ExistingReplication, recoveryPointId: string | undefined): RecoveryPoint {
  const points = replication.recoveryPoints;
  if (recoveryPointId) {
    const point = points.find((p) => p.id === recoveryPointId);
    if (!point) throw errors.unknownRecoveryPoint(recoveryPointId);
    return point;
  }
  const latest = points[points.length - 1];
  if (!latest) throw errors.noRecoveryPoint();
  return latest;
}

/** A recovery point made by a full copy (the initial replication, a reversal, a planned failover's last changes). */
function copyPoint(
  state: ExistingReplication,
  command: Extract<ReplicationCommand, { type: 'CompleteReplicationOperation' }>,
): RecoveryPoint {
  return {
    id: command.recoveryPointId,
    ...(command.hypervisorRecoveryPointId ? { hypervisorId: command.hypervisorRecoveryPointId } : {}),
    seq: 0,
    at: command.now,
    kind: state.applicationConsistent ? 'ApplicationConsistent' : 'Standard',
  };
}

/** A recovery point as a failover's operation names it: by Hyper-V's id once known, by its time before. */
export function pointRef(point: RecoveryPoint): RecoveryPointRef {
  return {
    recoveryPointId: point.id,
    ...(point.hypervisorId ? { hypervisorRecoveryPointId: point.hypervisorId } : { recoveryPointAt: point.at }),
  };
}

/** The VM's disks among these ids, as the host knows them (by name: their files are named after VM and disk). */
export function disksOf(vm: VmFacts, diskIds: string[]): ReplicatedDiskRef[] {
  return vm.disks.filter((d) => diskIds.includes(d.id)).map((d) => ({ id: d.id, name: d.name }));
}

/** The job of the pending operation succeeded: its outcome event (nothing for another job: a late or repeated report). */
export function complete(
  command: Extract<ReplicationCommand, { type: 'CompleteReplicationOperation' }>,
  state: ReplicationState,
): ReplicationEvent[] {
  if (state.status === 'None' || !lifecycle.isPendingJob(state, command.jobId) || !state.pending) return [];
  const op = state.pending;
  const base = { vmId: state.vmId, jobId: command.jobId, at: command.now };
  const sizeMb = command.sizeMb ?? 0;
  switch (op.kind) {
    case 'enable-replication':
      return [
        {
          type: 'ReplicationEnabled',
          data: { ...base, initialSizeMb: sizeMb, recoveryPoint: copyPoint(state, command) },
        },
      ];
    case 'resynchronize-replication':
      return [{ type: 'ReplicationResynchronized', data: { ...base, sizeMb } }];
    case 'reverse-replication':
      return [
        {
          type: 'ReplicationReversed',
          data: { ...base, sizeMb, recoveryPoint: copyPoint(state, command) },
        },
      ];
    case 'planned-failover':
      return [
        {
          type: 'ReplicationPlannedFailedOver',
          data: {
            ...base,
            fromHostId: state.primaryHostId,
            toHostId: state.replicaHostId,
            recoveryPoint: copyPoint(state, command),
          },
        },
      ];
    case 'unplanned-failover':
      return [
        {
          type: 'ReplicationFailedOver',
          data: { ...base, recoveryPointId: op.recoveryPointId!, fromHostId: state.primaryHostId, toHostId: state.replicaHostId },
        },
      ];
    default:
      return [{ type: REPLICATION_OPERATIONS[op.kind].succeeded, data: base } as ReplicationEvent];
  }
}

export function fail(
  command: Extract<ReplicationCommand, { type: 'FailReplicationOperation' }>,
  state: ReplicationState,
): ReplicationEvent[] {
  if (state.status === 'None' || !lifecycle.isPendingJob(state, command.jobId) || !state.pending) return [];
  const op = state.pending;
  const data = { vmId: state.vmId, jobId: command.jobId, problem: command.problem, at: command.now };
  return [{ type: REPLICATION_OPERATIONS[op.kind].failed, data } as ReplicationEvent];
}
