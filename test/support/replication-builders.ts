import { fold } from '../../src/platform/domain/decider';
import type { HostRef, HypervisorOperation } from '../../src/jobs/domain/hypervisor-driver.port';
import { stepsFor } from '../../src/jobs/domain/powershell';
import type { OsVersion } from '../../src/hosts/domain/windows-server';
import type { ReplicationCommand, ReplicationObservation, VmFacts } from '../../src/replication/domain/replication.commands';
import { replicationDecider } from '../../src/replication/domain/replication.decider';
import type { RecoveryPoint, ReplicationEvent } from '../../src/replication/domain/replication.events';
import type { ExistingReplication } from '../../src/replication/domain/replication.state';

/** Builders for the replication decider's specs: facts, commands and histories. */
export const vmId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const now = '2026-11-26T12:00:00.000Z';
export const requestedBy = { actor: 'alice', role: 'fabric-admin' };
export const problem = { code: 'OPERATION_FAILED', detail: 'The replica server did not answer' };
/** A cycle every 300 s; a simulated hour of one real hour. */
export const INTERVAL_MS = 300_000;
export const HOUR_MS = 3_600_000;

export const plus = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();

export const host = (n: number, osVersion: OsVersion = 'WS2016'): HostRef => ({
  hostId: `host-${n}`,
  name: `hv0${n}`,
  osVersion,
  memoryMb: 65536,
});

export const vmFacts = (overrides: Partial<VmFacts> = {}): VmFacts => ({
  vmId,
  name: 'web01',
  tenant: 'contoso',
  hostId: 'host-1',
  configVersion: '8.0',
  generation: 2,
  memoryMb: 4096,
  processorCount: 2,
  power: 'Running',
  disks: [
    { id: 'disk-os', name: 'os', sizeGb: 60 },
    { id: 'disk-data', name: 'data', sizeGb: 100 },
  ],
  ...overrides,
});

export const vmRef = {
  vmId,
  name: 'web01',
  generation: 2 as const,
  configVersion: '8.0',
  memoryMb: 4096,
  processorCount: 2,
};

export type Cmd<T extends ReplicationCommand['type']> = Extract<ReplicationCommand, { type: T }>;

export const enable = (options: Partial<Omit<Cmd<'EnableReplication'>, 'type'>> = {}): Cmd<'EnableReplication'> => ({
  type: 'EnableReplication',
  frequencySeconds: 300,
  recoveryPoints: 4,
  applicationConsistent: false,
  intervalMs: INTERVAL_MS,
  hourMs: HOUR_MS,
  jobId: 'job-enable',
  vm: vmFacts(),
  primary: host(1),
  replica: host(2),
  requestedBy,
  now,
  ...options,
});

type Requested = Exclude<
  ReplicationCommand['type'],
  'EnableReplication' | 'NoteDiskAdded' | 'CompleteReplicationOperation' | 'FailReplicationOperation' | 'ObserveReplication'
>;

/** An operator's command with the facts the controller gathers: the VM, where it runs, its replica. */
export function op<T extends Requested>(type: T, jobId: string, extra: Partial<Omit<Cmd<T>, 'type'>> = {}): Cmd<T> {
  return {
    type,
    jobId,
    vm: vmFacts(),
    primary: host(1),
    replica: host(2),
    requestedBy,
    now,
    ...(type === 'SetReplicatedDisks' ? { includeDiskIds: [] } : {}),
    ...(type === 'StartTestFailover' ? { testVmId: 'test-vm-1' } : {}),
    ...extra,
  } as Cmd<T>;
}

/** After a failover the VM runs on host-2: the controller names it the primary and host-1 the replica. */
export const afterFailover = { vm: vmFacts({ hostId: 'host-2' }), primary: host(2), replica: host(1) };

export const complete = (jobId: string, at = now, sizeMb: number | null = 512): Cmd<'CompleteReplicationOperation'> => ({
  type: 'CompleteReplicationOperation',
  jobId,
  sizeMb,
  recoveryPointId: `rp-${jobId}`,
  now: at,
});

export const failJob = (jobId: string, at = now): Cmd<'FailReplicationOperation'> => ({
  type: 'FailReplicationOperation',
  jobId,
  problem,
  now: at,
});

/** What a healthy primary reports: every cycle on time, the last one `seconds` after `now`. */
export const healthy = (seconds: number, overrides: Partial<ReplicationObservation> = {}): ReplicationObservation => ({
  successfulCycles: Math.floor(seconds / 300),
  failedCycles: 0,
  missedCycles: 0,
  consecutiveFailedCycles: 0,
  failureReason: null,
  lastMissedAt: null,
  lastCycle: Math.floor(seconds / 300),
  lastReplicatedAt: plus(seconds),
  ...overrides,
});

export const observe = (
  observed: ReplicationObservation,
  at: string,
  recoveryPointId = `rp-observed-${at}`,
): Cmd<'ObserveReplication'> => ({
  type: 'ObserveReplication',
  observed,
  recoveryPointId,
  now: at,
});

/** Runs commands one after another over the events they produce, like the command handler does. */
export function run(commands: readonly ReplicationCommand[], start: readonly ReplicationEvent[] = []): ReplicationEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...replicationDecider.decide(command, fold(replicationDecider, events)));
  return events;
}

export const stateOf = (events: readonly ReplicationEvent[]) => fold(replicationDecider, events) as ExistingReplication;

/** The job a request records, with the PowerShell its operation gets. */
export function jobFor(jobId: string, operation: HypervisorOperation) {
  return {
    jobId,
    attempt: 1,
    kind: operation.kind,
    target: { type: 'replication' as const, id: vmId },
    steps: stepsFor(operation),
    operation,
    requestedBy,
    tenant: 'contoso',
  };
}

export const initialPoint: RecoveryPoint = { id: 'rp-job-enable', seq: 0, at: plus(60), kind: 'Standard' };

/** Replicating from host-1 to host-2 since plus(60), with the initial copy's recovery point. */
export const replicating = (options: Partial<Omit<Cmd<'EnableReplication'>, 'type'>> = {}) =>
  run([enable(options), complete('job-enable', plus(60), 2048)]);
