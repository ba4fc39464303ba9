/**
 * A VM's Hyper-V Replica relationship (DOMAIN.md, replication), with its own stream. Cycles are
 * numbered: the timer for cycle n asks for cycle n, so a restart neither skips nor repeats one.
 * Pure: the VM's and hosts' facts, ids, time and the (scaled) interval arrive in the commands.
 */
import { Decider } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import type { HostRef, HypervisorOperation, VmRef } from '../../jobs/domain/hypervisor-driver.port';
import type { JobProblem, JobRequest } from '../../jobs/domain/job.events';
import { stepsFor } from '../../jobs/domain/powershell';
import { OsVersion, osRank, supportsConfigVersion } from '../../hosts/domain/windows-server';
import {
  CRITICAL_AFTER_FAILURES,
  MAX_ADDITIONAL_RECOVERY_POINTS,
  RecoveryPoint,
  REPLICATION_FREQUENCIES,
  REPLICATION_OPERATIONS,
  ReplicationEvent,
  ReplicationHealth,
  ReplicationOperationKind,
  ReplicationSettings,
} from './replication.events';

export type ReplicationStatus =
  'Enabling' | 'Replicating' | 'Suspended' | 'Resynchronizing' | 'FailedOver' | 'Committed' | 'Removed';

interface Operation {
  jobId: string;
  kind: ReplicationOperationKind;
  attempt: number;
  /** An unplanned failover's chosen recovery point. */
  recoveryPointId?: string;
  /** A change of the replicated disks, applied once its job has succeeded. */
  disks?: { replicatedDiskIds: string[]; nonReplicatedDiskIds: string[] };
}

export type ReplicationState =
  | { status: 'None' }
  | ({
      status: ReplicationStatus;
      vmId: string;
      vmName: string;
      tenant: string;
      primaryHostId: string;
      configVersion: string;
      health: ReplicationHealth;
      healthReason: string | null;
      /** A change the replica cannot follow (a disk added on a WS2012R2 primary): Critical until resynchronized. */
      broken: boolean;
      consecutiveFailures: number;
      /** The next cycle to run and when it is due. */
      nextSeq: number;
      nextDueAt: string | null;
      cycle: { seq: number; jobId: string } | null;
      lastReplicatedAt: string | null;
      lastSizeMb: number | null;
      recoveryPoints: RecoveryPoint[];
      pending: Operation | null;
      lastFailure: Operation | null;
      testFailover: { testVmId: string; testVmName: string; recoveryPointId: string; running: boolean } | null;
      failedOverTo: { recoveryPointId: string; at: string } | null;
      enabledAt: string;
    } & ReplicationSettings);

export type ExistingReplication = Exclude<ReplicationState, { status: 'None' }>;

/** What a command needs to know about the VM (from its aggregate) and the hosts. */
export interface VmFacts {
  vmId: string;
  name: string;
  tenant: string;
  hostId: string;
  configVersion: string;
  generation: 1 | 2;
  memoryMb: number;
  processorCount: number;
  power: 'Off' | 'Running' | 'Paused' | 'Saved';
  disks: Array<{ id: string; sizeGb: number }>;
}

interface Requested {
  jobId: string;
  vm: VmFacts;
  primary: HostRef;
  replica: HostRef;
  requestedBy: { actor: string; role: string };
  now: string;
}

export type ReplicationCommand =
  | ({
      type: 'EnableReplication';
      frequencySeconds: number;
      recoveryPoints: number;
      applicationConsistent: boolean;
      includeDiskIds?: string[];
      /** The schedule at the simulator's time scale. */
      intervalMs: number;
      hourMs: number;
    } & Requested)
  | { type: 'RunCycle'; seq: number; jobId: string; vm: VmFacts; primary: HostRef; replica: HostRef; now: string }
  | ({ type: 'SuspendReplication' } & Requested)
  | ({ type: 'ResumeReplication' } & Requested)
  | ({ type: 'ResynchronizeReplication' } & Requested)
  | ({ type: 'SetReplicatedDisks'; includeDiskIds: string[] } & Requested)
  | ({ type: 'PlannedFailover' } & Requested)
  | ({ type: 'UnplannedFailover'; recoveryPointId?: string } & Requested)
  | ({ type: 'CommitFailover' } & Requested)
  | ({ type: 'StartTestFailover'; recoveryPointId?: string; testVmId: string } & Requested)
  | ({ type: 'StopTestFailover' } & Requested)
  | ({ type: 'ReverseReplication' } & Requested)
  | ({ type: 'RemoveReplication' } & Requested)
  | { type: 'NoteDiskAdded'; diskId: string; primaryOsVersion: OsVersion; now: string }
  /** `recoveryPointId`: the id a completed cycle's recovery point gets (derived from the job by the caller). */
  | { type: 'CompleteReplicationOperation'; jobId: string; sizeMb: number | null; recoveryPointId: string; now: string }
  | { type: 'FailReplicationOperation'; jobId: string; problem: JobProblem; now: string };

const initialState: ReplicationState = { status: 'None' };

const KIND_BY_EVENT = new Map<string, { kind: ReplicationOperationKind; phase: 'requested' | 'succeeded' | 'failed' }>(
  Object.entries(REPLICATION_OPERATIONS).flatMap(([kind, o]) => [
    [o.requested, { kind: kind as ReplicationOperationKind, phase: 'requested' as const }],
    [o.succeeded, { kind: kind as ReplicationOperationKind, phase: 'succeeded' as const }],
    [o.failed, { kind: kind as ReplicationOperationKind, phase: 'failed' as const }],
  ]),
);

const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/** The latest point, and of the older ones the last of each (simulated) hour, up to the number kept. */
export function retainRecoveryPoints(points: RecoveryPoint[], additional: number, hourMs: number): RecoveryPoint[] {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => a.seq - b.seq);
  const latest = sorted[sorted.length - 1];
  const byHour = new Map<number, RecoveryPoint>();
  for (const p of sorted.slice(0, -1)) byHour.set(Math.floor(Date.parse(p.at) / Math.max(1, hourMs)), p);
  const latestHour = Math.floor(Date.parse(latest.at) / Math.max(1, hourMs));
  byHour.delete(latestHour);
  const hourly = [...byHour.values()].sort((a, b) => a.seq - b.seq).slice(-additional);
  return additional === 0 ? [latest] : [...hourly, latest];
}

function health(
  state: ExistingReplication,
  override?: { health: ReplicationHealth; reason: string },
): Pick<ExistingReplication, 'health' | 'healthReason'> {
  if (state.broken) return { health: 'Critical', healthReason: 'replication is broken; resynchronize it' };
  if (state.consecutiveFailures >= CRITICAL_AFTER_FAILURES) {
    return { health: 'Critical', healthReason: `${state.consecutiveFailures} replication cycles failed in a row` };
  }
  if (override) return { health: override.health, healthReason: override.reason };
  if (state.consecutiveFailures > 0) return { health: 'Warning', healthReason: 'the last replication cycle failed' };
  if (state.status === 'Suspended') return { health: 'Warning', healthReason: 'replication is suspended' };
  return { health: 'Normal', healthReason: null };
}

function evolve(state: ReplicationState, event: ReplicationEvent): ReplicationState {
  if (event.type === 'ReplicationEnableRequested') {
    const { vmId, job, at, vmName, tenant, primaryHostId, configVersion, ...settings } = event.data;
    const pending: Operation = { jobId: job.jobId, kind: 'enable-replication', attempt: job.attempt };
    return {
      status: 'Enabling',
      vmId,
      vmName,
      tenant,
      primaryHostId,
      configVersion,
      ...settings,
      health: 'Normal',
      healthReason: null,
      broken: false,
      consecutiveFailures: 0,
      nextSeq: 1,
      nextDueAt: null,
      cycle: null,
      lastReplicatedAt: null,
      lastSizeMb: null,
      recoveryPoints: [],
      pending,
      lastFailure: null,
      testFailover: null,
      failedOverTo: null,
      enabledAt: at,
    };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'ReplicationCycleMissed': {
      const next = { ...state, nextSeq: event.data.seq + 1, nextDueAt: later(event.data.dueAt, state.intervalMs) };
      return {
        ...next,
        ...health(next, { health: 'Warning', reason: `cycle ${event.data.seq} was due while the previous one still ran` }),
      };
    }
    case 'ReplicationDiskExcluded':
      return {
        ...state,
        nonReplicatedDiskIds: [...state.nonReplicatedDiskIds.filter((d) => d !== event.data.diskId), event.data.diskId],
      };
    case 'ReplicationBroken': {
      // A WS2012R2 primary replicates every disk: the new one is in the set; the replica needs a resync to have it.
      const disk = event.data.diskId;
      const replicatedDiskIds =
        disk && !state.replicatedDiskIds.includes(disk) ? [...state.replicatedDiskIds, disk] : state.replicatedDiskIds;
      const next = { ...state, broken: true, replicatedDiskIds };
      return { ...next, ...health(next) };
    }
    default:
      break;
  }
  const entry = KIND_BY_EVENT.get(event.type);
  if (!entry) return state;
  const data = event.data as { job?: JobRequest; jobId?: string; at: string };
  if (entry.kind === 'replicate-changes') return evolveCycle(state, event);
  if (entry.phase === 'requested') {
    const job = data.job!;
    const recoveryPointId = (event.data as { recoveryPointId?: string }).recoveryPointId;
    const next: ExistingReplication = {
      ...state,
      pending: { jobId: job.jobId, kind: entry.kind, attempt: job.attempt, recoveryPointId },
    };
    switch (event.type) {
      case 'ReplicationTestFailoverRequested':
        return {
          ...next,
          testFailover: {
            testVmId: event.data.testVmId,
            testVmName: event.data.testVmName,
            recoveryPointId: event.data.recoveryPointId,
            running: false,
          },
        };
      case 'ReplicationDisksChangeRequested':
        return {
          ...next,
          pending: {
            ...next.pending!,
            disks: { replicatedDiskIds: event.data.replicatedDiskIds, nonReplicatedDiskIds: event.data.nonReplicatedDiskIds },
          },
        };
      case 'ReplicationResyncRequested':
        return { ...next, status: 'Resynchronizing' };
      default:
        return next;
    }
  }
  const settled: ExistingReplication = { ...state, pending: null };
  if (entry.phase === 'failed') {
    const failed = { ...settled, lastFailure: state.pending };
    switch (entry.kind) {
      case 'enable-replication':
        return { ...failed, status: 'Removed', ...health(failed, { health: 'Critical', reason: 'initial replication failed' }) };
      case 'start-test-failover':
        return { ...failed, testFailover: null };
      case 'resynchronize-replication':
        return { ...failed, status: 'Replicating', ...health(failed) };
      default:
        return failed;
    }
  }
  switch (event.type) {
    case 'ReplicationEnabled': {
      const next: ExistingReplication = {
        ...settled,
        status: 'Replicating',
        lastReplicatedAt: event.data.at,
        lastSizeMb: event.data.initialSizeMb,
        nextDueAt: later(event.data.at, state.intervalMs),
      };
      return { ...next, ...health(next) };
    }
    case 'ReplicationSuspended': {
      const next: ExistingReplication = { ...settled, status: 'Suspended', nextDueAt: null };
      return { ...next, ...health(next) };
    }
    case 'ReplicationResumed':
    case 'ReplicationResynchronized': {
      const next: ExistingReplication = {
        ...settled,
        status: 'Replicating',
        broken: event.type === 'ReplicationResynchronized' ? false : state.broken,
        consecutiveFailures: 0,
        nextDueAt: later(event.data.at, state.intervalMs),
      };
      return { ...next, ...health(next) };
    }
    case 'ReplicationDisksChanged':
      return state.pending?.disks ? { ...settled, ...state.pending.disks } : settled;
    case 'ReplicationPlannedFailedOver':
      // The replica runs the VM now, and replication goes the other way (DOMAIN.md: direction reversed).
      return {
        ...settled,
        primaryHostId: event.data.toHostId,
        replicaHostId: event.data.fromHostId,
        status: 'Replicating',
        // The old points were kept on the host that runs the VM now; the new direction starts its own.
        recoveryPoints: [],
        nextDueAt: later(event.data.at, state.intervalMs),
      };
    case 'ReplicationFailedOver':
      return {
        ...settled,
        status: 'FailedOver',
        primaryHostId: event.data.toHostId,
        replicaHostId: event.data.fromHostId,
        nextDueAt: null,
        failedOverTo: { recoveryPointId: event.data.recoveryPointId, at: event.data.at },
      };
    case 'ReplicationFailoverCommitted':
      // The other recovery points are gone; replication stays stopped until it is reversed.
      return {
        ...settled,
        status: 'Committed',
        recoveryPoints: state.recoveryPoints.filter((p) => p.id === state.failedOverTo?.recoveryPointId),
      };
    case 'ReplicationTestFailoverStarted':
      return { ...settled, testFailover: state.testFailover && { ...state.testFailover, running: true } };
    case 'ReplicationTestFailoverStopped':
      return { ...settled, testFailover: null };
    case 'ReplicationReversed': {
      const next: ExistingReplication = {
        ...settled,
        status: 'Replicating',
        failedOverTo: null,
        broken: false,
        consecutiveFailures: 0,
        recoveryPoints: [],
        lastReplicatedAt: event.data.at,
        lastSizeMb: event.data.sizeMb,
        nextDueAt: later(event.data.at, state.intervalMs),
      };
      return { ...next, ...health(next) };
    }
    case 'ReplicationRemoved':
      return { ...settled, status: 'Removed', nextDueAt: null, testFailover: null };
    default:
      return settled;
  }
}

function evolveCycle(state: ExistingReplication, event: ReplicationEvent): ReplicationState {
  switch (event.type) {
    case 'ReplicationCycleRequested':
      return {
        ...state,
        cycle: { seq: event.data.seq, jobId: event.data.job.jobId },
        nextSeq: event.data.seq + 1,
        nextDueAt: later(event.data.dueAt, state.intervalMs),
      };
    case 'ReplicationCycleCompleted': {
      const next: ExistingReplication = {
        ...state,
        cycle: null,
        consecutiveFailures: 0,
        lastReplicatedAt: event.data.at,
        lastSizeMb: event.data.sizeMb,
        recoveryPoints: retainRecoveryPoints(
          [...state.recoveryPoints, event.data.recoveryPoint],
          state.additionalRecoveryPoints,
          state.hourMs,
        ),
      };
      return { ...next, ...health(next) };
    }
    case 'ReplicationCycleFailed': {
      const next: ExistingReplication = { ...state, cycle: null, consecutiveFailures: state.consecutiveFailures + 1 };
      return { ...next, ...health(next) };
    }
    default:
      return state;
  }
}

// ---------------------------------------------------------------------------------------------

const error = (
  code: string,
  message: string,
  kind: 'conflict' | 'invalid' | 'not-found' = 'conflict',
  details: Record<string, unknown> = {},
) => new DomainError(code, message, kind, details);

const vmRefOf = (vm: VmFacts): VmRef => ({
  vmId: vm.vmId,
  name: vm.name,
  generation: vm.generation,
  configVersion: vm.configVersion,
  memoryMb: vm.memoryMb,
  processorCount: vm.processorCount,
});

function jobOf(
  state: { vmId: string; tenant: string },
  jobId: string,
  attempt: number,
  operation: HypervisorOperation,
  requestedBy: { actor: string; role: string },
): JobRequest {
  return {
    jobId,
    attempt,
    kind: operation.kind,
    target: { type: 'replication', id: state.vmId },
    steps: stepsFor(operation),
    operation,
    requestedBy,
    tenant: state.tenant,
  };
}

function existing(state: ReplicationState): ExistingReplication {
  if (state.status === 'None' || state.status === 'Removed')
    throw error('NOT_FOUND', 'Replication is not enabled for this virtual machine', 'not-found');
  return state;
}

function ready(state: ReplicationState, action: string, allowed: readonly ReplicationStatus[]): ExistingReplication {
  const replication = existing(state);
  if (replication.pending) {
    throw error(
      'OPERATION_PENDING',
      `Replication is busy with ${replication.pending.kind} (job ${replication.pending.jobId})`,
      'conflict',
      {
        jobId: replication.pending.jobId,
      },
    );
  }
  if (!allowed.includes(replication.status)) {
    throw error(
      'INVALID_REPLICATION_STATE',
      `Cannot ${action} while replication is ${replication.status}; it must be ${allowed.join(' or ')}`,
      'conflict',
      {
        state: replication.status,
        allowed,
      },
    );
  }
  return replication;
}

/** Hyper-V refuses to fail over, reverse or remove while a test failover VM exists. */
function noTestFailover(replication: ExistingReplication, action: string): void {
  if (replication.testFailover) {
    throw error(
      'TEST_FAILOVER_RUNNING',
      `Cannot ${action} while test failover VM ${replication.testFailover.testVmName} exists; stop the test failover first`,
    );
  }
}

function latestPoint(replication: ExistingReplication, recoveryPointId: string | undefined): RecoveryPoint {
  const points = replication.recoveryPoints;
  if (recoveryPointId) {
    const point = points.find((p) => p.id === recoveryPointId);
    if (!point) throw error('NOT_FOUND', `Recovery point ${recoveryPointId} does not exist`, 'not-found');
    return point;
  }
  const latest = points[points.length - 1];
  if (!latest) throw error('NO_RECOVERY_POINT', 'No recovery point exists yet: wait for a replication cycle');
  return latest;
}

function checkReplicaSupports(vm: VmFacts, replica: HostRef): void {
  if (!supportsConfigVersion(replica.osVersion, vm.configVersion)) {
    throw error(
      'CONFIG_VERSION_UNSUPPORTED',
      `Configuration version ${vm.configVersion} is not supported by replica host ${replica.name} (${replica.osVersion})`,
    );
  }
}

const totalGb = (vm: VmFacts, diskIds: string[]) =>
  vm.disks.filter((d) => diskIds.includes(d.id)).reduce((sum, d) => sum + d.sizeGb, 0);

function intent(
  replication: { vmId: string; tenant: string },
  type: string,
  operation: HypervisorOperation,
  command: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  extra: object = {},
  attempt = 1,
): ReplicationEvent {
  return {
    type,
    data: {
      vmId: replication.vmId,
      job: jobOf(replication, command.jobId, attempt, operation, command.requestedBy),
      at: command.now,
      ...extra,
    },
  } as ReplicationEvent;
}

function decide(command: ReplicationCommand, state: ReplicationState): ReplicationEvent[] {
  switch (command.type) {
    case 'EnableReplication': {
      if (state.status !== 'None' && state.status !== 'Removed') {
        throw error('REPLICATION_ALREADY_ENABLED', `Replication is already enabled for this virtual machine (${state.status})`);
      }
      if (!(REPLICATION_FREQUENCIES as readonly number[]).includes(command.frequencySeconds)) {
        throw error('VALIDATION_FAILED', `frequencySeconds must be one of ${REPLICATION_FREQUENCIES.join(', ')}`, 'invalid');
      }
      if (
        !Number.isInteger(command.recoveryPoints) ||
        command.recoveryPoints < 0 ||
        command.recoveryPoints > MAX_ADDITIONAL_RECOVERY_POINTS
      ) {
        throw error('VALIDATION_FAILED', `recoveryPoints must be 0–${MAX_ADDITIONAL_RECOVERY_POINTS}`, 'invalid');
      }
      if (command.replica.hostId === command.vm.hostId)
        throw error('REPLICA_SAME_HOST', 'The replica host must be another host than the primary');
      checkReplicaSupports(command.vm, command.replica);
      const all = command.vm.disks.map((d) => d.id);
      const unknown = (command.includeDiskIds ?? []).filter((id) => !all.includes(id));
      if (unknown.length > 0) throw error('NOT_FOUND', `The virtual machine has no disk ${unknown.join(', ')}`, 'not-found');
      const replicated = command.includeDiskIds ?? all;
      const operation: HypervisorOperation = {
        kind: 'enable-replication',
        host: command.primary,
        vm: vmRefOf(command.vm),
        replica: command.replica,
        frequencySeconds: command.frequencySeconds,
        diskGb: totalGb(command.vm, replicated),
        recoveryPoints: command.recoveryPoints,
        applicationConsistent: command.applicationConsistent,
        diskIds: replicated,
      };
      return [
        intent({ vmId: command.vm.vmId, tenant: command.vm.tenant }, 'ReplicationEnableRequested', operation, command, {
          vmName: command.vm.name,
          tenant: command.vm.tenant,
          primaryHostId: command.vm.hostId,
          configVersion: command.vm.configVersion,
          replicaHostId: command.replica.hostId,
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
    case 'RunCycle': {
      // Broken replication sends nothing until it is resynchronized (the resync schedules the next cycle).
      if (state.status !== 'Replicating' || state.broken || command.seq !== state.nextSeq || !state.nextDueAt) return [];
      const dueAt = state.nextDueAt;
      if (state.cycle)
        return [{ type: 'ReplicationCycleMissed', data: { vmId: state.vmId, seq: command.seq, dueAt, at: command.now } }];
      const operation: HypervisorOperation = {
        kind: 'replicate-changes',
        host: command.primary,
        vm: vmRefOf(command.vm),
        replica: command.replica,
        seq: command.seq,
      };
      return [
        {
          type: 'ReplicationCycleRequested',
          data: {
            vmId: state.vmId,
            seq: command.seq,
            dueAt,
            job: jobOf(state, command.jobId, 1, operation, { actor: 'system:replication', role: 'system' }),
            at: command.now,
          },
        },
      ];
    }
    case 'SuspendReplication': {
      const r = ready(state, 'suspend replication', ['Replicating']);
      return [
        intent(
          r,
          'ReplicationSuspendRequested',
          { kind: 'suspend-replication', host: command.primary, vm: vmRefOf(command.vm), replica: command.replica },
          command,
        ),
      ];
    }
    case 'ResumeReplication': {
      const r = ready(state, 'resume replication', ['Suspended']);
      return [
        intent(
          r,
          'ReplicationResumeRequested',
          { kind: 'resume-replication', host: command.primary, vm: vmRefOf(command.vm), replica: command.replica },
          command,
        ),
      ];
    }
    case 'ResynchronizeReplication': {
      const r = ready(state, 'resynchronize', ['Replicating', 'Suspended']);
      return [
        intent(
          r,
          'ReplicationResyncRequested',
          {
            kind: 'resynchronize-replication',
            host: command.primary,
            vm: vmRefOf(command.vm),
            replica: command.replica,
            diskGb: totalGb(command.vm, r.replicatedDiskIds),
          },
          command,
        ),
      ];
    }
    case 'SetReplicatedDisks': {
      const r = ready(state, 'change the replicated disks', ['Replicating', 'Suspended']);
      const all = command.vm.disks.map((d) => d.id);
      const unknown = command.includeDiskIds.filter((id) => !all.includes(id));
      if (unknown.length > 0) throw error('NOT_FOUND', `The virtual machine has no disk ${unknown.join(', ')}`, 'not-found');
      const added = command.includeDiskIds.filter((id) => !r.replicatedDiskIds.includes(id));
      return [
        intent(
          r,
          'ReplicationDisksChangeRequested',
          {
            kind: 'set-replicated-disks',
            host: command.primary,
            vm: vmRefOf(command.vm),
            replica: command.replica,
            diskIds: command.includeDiskIds,
            addedDiskGb: totalGb(command.vm, added),
          },
          command,
          {
            replicatedDiskIds: command.includeDiskIds,
            nonReplicatedDiskIds: all.filter((id) => !command.includeDiskIds.includes(id)),
            added,
          },
        ),
      ];
    }
    case 'PlannedFailover': {
      const r = ready(state, 'fail over (planned)', ['Replicating']);
      noTestFailover(r, 'fail over');
      if (command.vm.power !== 'Off') {
        throw error(
          'INVALID_VM_STATE',
          `A planned failover needs the primary virtual machine Off; it is ${command.vm.power}`,
          'conflict',
          {
            state: command.vm.power,
            allowed: ['Off'],
          },
        );
      }
      return [
        intent(
          r,
          'ReplicationPlannedFailoverRequested',
          { kind: 'planned-failover', host: command.primary, vm: vmRefOf(command.vm), replica: command.replica },
          command,
          {
            fromHostId: r.primaryHostId,
            toHostId: r.replicaHostId,
          },
        ),
      ];
    }
    case 'UnplannedFailover': {
      const r = ready(state, 'fail over', ['Replicating', 'Suspended']);
      noTestFailover(r, 'fail over');
      const point = latestPoint(r, command.recoveryPointId);
      return [
        intent(
          r,
          'ReplicationUnplannedFailoverRequested',
          {
            kind: 'unplanned-failover',
            host: command.replica,
            vm: vmRefOf(command.vm),
            primary: command.primary,
            recoveryPointId: point.id,
          },
          command,
          { recoveryPointId: point.id, fromHostId: r.primaryHostId, toHostId: r.replicaHostId },
        ),
      ];
    }
    case 'CommitFailover': {
      const r = ready(state, 'commit the failover', ['FailedOver']);
      return [
        intent(
          r,
          'ReplicationCommitRequested',
          {
            kind: 'commit-failover',
            host: command.primary,
            vm: vmRefOf(command.vm),
            recoveryPointId: r.failedOverTo!.recoveryPointId,
          },
          command,
        ),
      ];
    }
    case 'StartTestFailover': {
      const r = ready(state, 'start a test failover', ['Replicating', 'Suspended']);
      if (r.testFailover)
        throw error('TEST_FAILOVER_RUNNING', `Test failover VM ${r.testFailover.testVmName} exists already; stop it first`);
      const point = latestPoint(r, command.recoveryPointId);
      const testVmName = `${r.vmName} - Test`;
      return [
        intent(
          r,
          'ReplicationTestFailoverRequested',
          {
            kind: 'start-test-failover',
            host: command.replica,
            vm: vmRefOf(command.vm),
            testVm: { vmId: command.testVmId, name: testVmName },
            recoveryPointId: point.id,
          },
          command,
          { testVmId: command.testVmId, testVmName, recoveryPointId: point.id },
        ),
      ];
    }
    case 'StopTestFailover': {
      const r = existing(state);
      if (!r.testFailover) throw error('NO_TEST_FAILOVER', 'No test failover is running');
      if (r.pending) throw error('OPERATION_PENDING', `Replication is busy with ${r.pending.kind} (job ${r.pending.jobId})`);
      return [
        intent(
          r,
          'ReplicationTestFailoverStopRequested',
          { kind: 'stop-test-failover', host: command.replica, vm: vmRefOf(command.vm), testVmId: r.testFailover.testVmId },
          command,
          {
            testVmId: r.testFailover.testVmId,
          },
        ),
      ];
    }
    case 'ReverseReplication': {
      const r = ready(state, 'reverse replication', ['FailedOver', 'Committed']);
      noTestFailover(r, 'reverse replication');
      checkReplicaSupports(command.vm, command.replica);
      return [
        intent(
          r,
          'ReplicationReverseRequested',
          {
            kind: 'reverse-replication',
            host: command.primary,
            vm: vmRefOf(command.vm),
            replica: command.replica,
            diskGb: totalGb(command.vm, r.replicatedDiskIds),
          },
          command,
          { newPrimaryHostId: command.primary.hostId, newReplicaHostId: command.replica.hostId },
        ),
      ];
    }
    case 'RemoveReplication': {
      const r = ready(state, 'remove replication', ['Replicating', 'Suspended', 'FailedOver', 'Committed', 'Resynchronizing']);
      noTestFailover(r, 'remove replication');
      return [
        intent(
          r,
          'ReplicationRemoveRequested',
          { kind: 'remove-replication', host: command.primary, vm: vmRefOf(command.vm), replica: command.replica },
          command,
        ),
      ];
    }
    case 'NoteDiskAdded': {
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
    case 'CompleteReplicationOperation': {
      if (state.status === 'None') return [];
      const base = { vmId: state.vmId, jobId: command.jobId, at: command.now };
      if (state.cycle?.jobId === command.jobId) {
        const seq = state.cycle.seq;
        const recoveryPoint: RecoveryPoint = {
          id: command.recoveryPointId,
          seq,
          at: command.now,
          kind: state.applicationConsistent ? 'ApplicationConsistent' : 'Standard',
        };
        return [{ type: 'ReplicationCycleCompleted', data: { ...base, seq, sizeMb: command.sizeMb ?? 0, recoveryPoint } }];
      }
      const op = state.pending;
      if (!op || op.jobId !== command.jobId) return [];
      switch (op.kind) {
        case 'enable-replication':
          return [{ type: 'ReplicationEnabled', data: { ...base, initialSizeMb: command.sizeMb ?? 0 } }];
        case 'resynchronize-replication':
          return [{ type: 'ReplicationResynchronized', data: { ...base, sizeMb: command.sizeMb ?? 0 } }];
        case 'reverse-replication':
          return [{ type: 'ReplicationReversed', data: { ...base, sizeMb: command.sizeMb ?? 0 } }];
        case 'planned-failover':
          return [
            {
              type: 'ReplicationPlannedFailedOver',
              data: { ...base, fromHostId: state.primaryHostId, toHostId: state.replicaHostId },
            },
          ];
        case 'unplanned-failover':
          return [
            {
              type: 'ReplicationFailedOver',
              data: {
                ...base,
                recoveryPointId: op.recoveryPointId!,
                fromHostId: state.primaryHostId,
                toHostId: state.replicaHostId,
              },
            },
          ];
        default:
          return [{ type: REPLICATION_OPERATIONS[op.kind].succeeded, data: base } as ReplicationEvent];
      }
    }
    case 'FailReplicationOperation': {
      if (state.status === 'None') return [];
      const base = { vmId: state.vmId, jobId: command.jobId, problem: command.problem, at: command.now };
      if (state.cycle?.jobId === command.jobId) return [{ type: 'ReplicationCycleFailed', data: base }];
      const op = state.pending;
      if (!op || op.jobId !== command.jobId) return [];
      return [{ type: REPLICATION_OPERATIONS[op.kind].failed, data: base } as ReplicationEvent];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const replicationDecider: Decider<ReplicationCommand, ReplicationEvent, ReplicationState> = {
  initialState,
  evolve,
  decide,
};
