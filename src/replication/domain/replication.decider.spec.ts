import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import { fold } from '../../platform/domain/decider';
import { DomainError } from '../../platform/domain/domain-error';
import type { HostRef } from '../../jobs/domain/hypervisor-driver.port';
import type { OsVersion } from '../../hosts/domain/windows-server';
import {
  ExistingReplication,
  ReplicationCommand,
  replicationDecider,
  ReplicationState,
  retainRecoveryPoints,
  VmFacts,
} from './replication.decider';
import { RecoveryPoint, ReplicationEvent } from './replication.events';

/*
 * The replication rules of DOMAIN.md ("Replication (Hyper-V Replica)") and issue 8: enabling and
 * its validation, numbered cycles on a schedule without drift, health, recovery points, disks,
 * suspend/resume/resync, planned, unplanned and test failovers, reverse and remove, each with its
 * error code; and the state the folds leave (what the cycle scheduler and GET read).
 */

const spec = deciderSpec(replicationDecider);
const vmId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const now = '2026-11-26T12:00:00.000Z';
const requestedBy = { actor: 'alice', role: 'fabric-admin' };
const problem = { code: 'OPERATION_FAILED', detail: 'The replica server did not answer' };

/** `now` plus some seconds, as an ISO timestamp. */
const plus = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();

/**
 * The schedule: a cycle every 300 s, and a simulated hour that lasts one cycle (a fast time
 * scale), so that each cycle's recovery point falls in an hour of its own and is kept as an hourly one.
 */
const INTERVAL_MS = 300_000;
const HOUR_MS = 300_000;
/** Initial replication completes 60 s after the request; cycle n is then due at 60 + 300·n s. */
const ENABLED_AT = plus(60);
const due = (seq: number) => plus(60 + 300 * seq);
/** A cycle completes 30 s after it was due. */
const done = (seq: number) => plus(60 + 300 * seq + 30);

// ---------------------------------------------------------------------------------------------
// Facts and commands
// ---------------------------------------------------------------------------------------------

const host = (n: number, osVersion: OsVersion = 'WS2016'): HostRef => ({
  hostId: `host-${n}`,
  name: `hv0${n}`,
  osVersion,
  memoryMb: 65536,
});

const vmFacts = (overrides: Partial<VmFacts> = {}): VmFacts => ({
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
    { id: 'disk-os', sizeGb: 60 },
    { id: 'disk-data', sizeGb: 100 },
  ],
  ...overrides,
});

type Cmd<T extends ReplicationCommand['type']> = Extract<ReplicationCommand, { type: T }>;
type Ev<T extends ReplicationEvent['type']> = Extract<ReplicationEvent, { type: T }>;

type EnableOptions = Partial<Omit<Cmd<'EnableReplication'>, 'type'>>;
const enable = (options: EnableOptions = {}): Cmd<'EnableReplication'> => ({
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

type RequestedType =
  | 'SuspendReplication'
  | 'ResumeReplication'
  | 'ResynchronizeReplication'
  | 'SetReplicatedDisks'
  | 'PlannedFailover'
  | 'UnplannedFailover'
  | 'CommitFailover'
  | 'StartTestFailover'
  | 'StopTestFailover'
  | 'ReverseReplication'
  | 'RemoveReplication';

/** An operator's command with the facts the controller gathers: the VM, where it runs, its replica. */
function op<T extends RequestedType>(type: T, jobId: string, extra: Partial<Omit<Cmd<T>, 'type'>> = {}, at = now): Cmd<T> {
  return {
    type,
    jobId,
    vm: vmFacts(),
    primary: host(1),
    replica: host(2),
    requestedBy,
    now: at,
    ...(type === 'SetReplicatedDisks' ? { includeDiskIds: [] } : {}),
    ...(type === 'StartTestFailover' ? { testVmId: 'test-vm-1' } : {}),
    ...extra,
  } as Cmd<T>;
}

const suspend = (jobId = 'job-suspend', at = now) => op('SuspendReplication', jobId, {}, at);
const resumeCmd = (jobId = 'job-resume', at = now) => op('ResumeReplication', jobId, {}, at);
const resync = (jobId = 'job-resync', at = now) => op('ResynchronizeReplication', jobId, {}, at);
const setDisks = (includeDiskIds: string[], jobId = 'job-disks', vm = vmFacts()) =>
  op('SetReplicatedDisks', jobId, { includeDiskIds, vm });
/** The VM is Off for a planned failover, as DOMAIN.md requires. */
const planned = (jobId = 'job-planned', power: VmFacts['power'] = 'Off') =>
  op('PlannedFailover', jobId, { vm: vmFacts({ power }) });
const unplanned = (recoveryPointId?: string, jobId = 'job-unplanned') =>
  op('UnplannedFailover', jobId, recoveryPointId ? { recoveryPointId } : {});
/** After a failover the VM runs on host-2: the controller names it the primary and host-1 the replica. */
const afterFailover = { vm: vmFacts({ hostId: 'host-2' }), primary: host(2), replica: host(1) };
const commit = (jobId = 'job-commit') => op('CommitFailover', jobId, afterFailover);
const reverse = (jobId = 'job-reverse', extra: Partial<Omit<Cmd<'ReverseReplication'>, 'type'>> = {}) =>
  op('ReverseReplication', jobId, { ...afterFailover, ...extra });
const startTest = (jobId = 'job-test', extra: Partial<Omit<Cmd<'StartTestFailover'>, 'type'>> = {}) =>
  op('StartTestFailover', jobId, extra);
const stopTest = (jobId = 'job-test-stop') => op('StopTestFailover', jobId);
const remove = (jobId = 'job-remove') => op('RemoveReplication', jobId);

const runCycle = (seq: number, at = due(seq), jobId = `job-cycle-${seq}`): Cmd<'RunCycle'> => ({
  type: 'RunCycle',
  seq,
  jobId,
  vm: vmFacts(),
  primary: host(1),
  replica: host(2),
  now: at,
});
const noteDisk = (diskId: string, primaryOsVersion: OsVersion, at = now): Cmd<'NoteDiskAdded'> => ({
  type: 'NoteDiskAdded',
  diskId,
  primaryOsVersion,
  now: at,
});
const complete = (
  jobId: string,
  at = now,
  sizeMb: number | null = 512,
  recoveryPointId = `rp-${jobId}`,
): Cmd<'CompleteReplicationOperation'> => ({ type: 'CompleteReplicationOperation', jobId, sizeMb, recoveryPointId, now: at });
const fail = (jobId: string, at = now): Cmd<'FailReplicationOperation'> => ({
  type: 'FailReplicationOperation',
  jobId,
  problem,
  now: at,
});

/** Runs commands one after another over the events they produce, like the command handler does. */
function run(commands: readonly ReplicationCommand[], start: readonly ReplicationEvent[] = []): ReplicationEvent[] {
  const events = [...start];
  for (const command of commands) events.push(...replicationDecider.decide(command, fold(replicationDecider, events)));
  return events;
}

const decide = (events: readonly ReplicationEvent[], command: ReplicationCommand) =>
  replicationDecider.decide(command, fold(replicationDecider, events));
const foldState = (events: readonly ReplicationEvent[]): ReplicationState => fold(replicationDecider, events);
const stateOf = (events: readonly ReplicationEvent[]) => foldState(events) as ExistingReplication;
const types = (events: readonly ReplicationEvent[]) => events.map((e) => e.type);

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

// ---------------------------------------------------------------------------------------------
// Histories
// ---------------------------------------------------------------------------------------------

const enabling = (options: EnableOptions = {}) => run([enable(options)]);
/** Replicating from host-1 to host-2, cycle 1 due at `due(1)`. */
const replicating = (options: EnableOptions = {}) => run([complete('job-enable', ENABLED_AT, 2048)], enabling(options));

/** Cycles `first`..`first+count-1`, each run when due and completed with recovery point `rp-<seq>`. */
const cycles = (count: number, start: readonly ReplicationEvent[] = replicating(), first = 1) =>
  run(
    Array.from({ length: count }, (_, i) => first + i).flatMap((seq) => [
      runCycle(seq),
      complete(`job-cycle-${seq}`, done(seq), 10 * seq, `rp-${seq}`),
    ]),
    start,
  );

/** Cycles that fail, one after another. */
const failedCycles = (count: number, start: readonly ReplicationEvent[] = replicating(), first = 1) =>
  run(
    Array.from({ length: count }, (_, i) => first + i).flatMap((seq) => [runCycle(seq), fail(`job-cycle-${seq}`, done(seq))]),
    start,
  );

const suspended = () => run([suspend(), complete('job-suspend')], cycles(2));
/** Three recovery points (rp-1..rp-3), then an unplanned failover to `point` completed. */
const failedOver = (point?: string) => run([unplanned(point), complete('job-unplanned', plus(2000))], cycles(3));
const broken = () => run([noteDisk('disk-new', 'WS2012R2', plus(500))], cycles(1));

const point = (seq: number, at: string, id = `rp-${seq}`): RecoveryPoint => ({ id, seq, at, kind: 'Standard' });

// ---------------------------------------------------------------------------------------------
// Enable replication
// ---------------------------------------------------------------------------------------------

describe('EnableReplication', () => {
  it('records the request with the settings, both hosts and an enable-replication job on the relationship', () => {
    spec
      .given([])
      .when(enable())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationEnableRequested']);
        const data = (events[0] as Ev<'ReplicationEnableRequested'>).data;
        expect(data).toMatchObject({
          vmId,
          at: now,
          vmName: 'web01',
          tenant: 'contoso',
          primaryHostId: 'host-1',
          configVersion: '8.0',
          replicaHostId: 'host-2',
          frequencySeconds: 300,
          additionalRecoveryPoints: 4,
          applicationConsistent: false,
          replicatedDiskIds: ['disk-os', 'disk-data'],
          nonReplicatedDiskIds: [],
          intervalMs: INTERVAL_MS,
          hourMs: HOUR_MS,
        });
        expect(data.job).toMatchObject({
          jobId: 'job-enable',
          attempt: 1,
          kind: 'enable-replication',
          target: { type: 'replication', id: vmId },
          requestedBy,
          tenant: 'contoso',
          operation: {
            kind: 'enable-replication',
            host: { hostId: 'host-1' },
            replica: { hostId: 'host-2' },
            vm: { vmId, name: 'web01', configVersion: '8.0' },
            frequencySeconds: 300,
            diskGb: 160,
          },
        });
        expect(data.job.steps.map((s) => s.powershell).join('\n')).toContain('Enable-VMReplication');
      });
  });

  for (const frequencySeconds of [30, 300, 900]) {
    it(`accepts a frequency of ${frequencySeconds} s`, () => {
      spec
        .given([])
        .when(enable({ frequencySeconds }))
        .thenMatches((events) => expect(events[0].data).toMatchObject({ frequencySeconds }));
    });
  }

  for (const frequencySeconds of [0, 15, 60, 600, 3600, -30]) {
    it(`refuses a frequency of ${frequencySeconds} s (VALIDATION_FAILED)`, () => {
      spec.given([]).when(enable({ frequencySeconds })).thenThrows('VALIDATION_FAILED');
    });
  }

  for (const recoveryPoints of [0, 1, 24]) {
    it(`accepts ${recoveryPoints} additional recovery points`, () => {
      spec
        .given([])
        .when(enable({ recoveryPoints }))
        .thenMatches((events) => expect(events[0].data).toMatchObject({ additionalRecoveryPoints: recoveryPoints }));
    });
  }

  for (const recoveryPoints of [-1, 25, 1.5]) {
    it(`refuses ${recoveryPoints} additional recovery points (VALIDATION_FAILED)`, () => {
      spec.given([]).when(enable({ recoveryPoints })).thenThrows('VALIDATION_FAILED');
    });
  }

  it('reports validation errors as invalid input', () => {
    expect(thrown(() => decide([], enable({ frequencySeconds: 60 }))).kind).toBe('invalid');
    expect(thrown(() => decide([], enable({ recoveryPoints: 25 }))).kind).toBe('invalid');
  });

  it('replicates a 5.0 VM from a WS2016 primary to a WS2012R2 replica', () => {
    spec
      .given([])
      .when(enable({ vm: vmFacts({ configVersion: '5.0' }), replica: host(2, 'WS2012R2') }))
      .thenMatches((events) => expect(types(events)).toEqual(['ReplicationEnableRequested']));
  });

  it('replicates a 5.0 VM from a WS2012R2 primary to a WS2016 replica (both ways)', () => {
    spec
      .given([])
      .when(enable({ vm: vmFacts({ configVersion: '5.0' }), primary: host(1, 'WS2012R2'), replica: host(2) }))
      .thenMatches((events) => expect(types(events)).toEqual(['ReplicationEnableRequested']));
  });

  it('refuses a replica host that cannot run the VM: an 8.0 VM to WS2012R2 (CONFIG_VERSION_UNSUPPORTED)', () => {
    spec
      .given([])
      .when(enable({ vm: vmFacts({ configVersion: '8.0' }), replica: host(2, 'WS2012R2') }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it('refuses a 9.0 VM to a WS2016 replica (CONFIG_VERSION_UNSUPPORTED)', () => {
    spec
      .given([])
      .when(enable({ vm: vmFacts({ configVersion: '9.0' }), primary: host(1, 'WS2019'), replica: host(2, 'WS2016') }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it('refuses the primary host as the replica (REPLICA_SAME_HOST)', () => {
    spec
      .given([])
      .when(enable({ replica: host(1) }))
      .thenThrows('REPLICA_SAME_HOST');
  });

  it('refuses a disk the VM does not have (NOT_FOUND)', () => {
    spec
      .given([])
      .when(enable({ includeDiskIds: ['disk-os', 'disk-ghost'] }))
      .thenThrows('NOT_FOUND');
  });

  it('replicates the included disks and leaves the others in the non-replicated set', () => {
    spec
      .given([])
      .when(enable({ includeDiskIds: ['disk-os'] }))
      .thenMatches((events) => {
        const data = (events[0] as Ev<'ReplicationEnableRequested'>).data;
        expect(data.replicatedDiskIds).toEqual(['disk-os']);
        expect(data.nonReplicatedDiskIds).toEqual(['disk-data']);
        // The initial copy is the size of the included disks only.
        expect(data.job.operation).toMatchObject({ diskGb: 60 });
      });
  });

  it('records the application-consistent choice', () => {
    spec
      .given([])
      .when(enable({ applicationConsistent: true }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ applicationConsistent: true }));
  });

  it("puts the recovery history and application-consistent points into the enable job's script", () => {
    // Hyper-V keeps only the latest recovery point unless Enable-VMReplication gets -RecoveryHistory.
    spec
      .given([])
      .when(enable({ recoveryPoints: 4, applicationConsistent: true }))
      .thenMatches((events) => {
        const script = (events[0] as Ev<'ReplicationEnableRequested'>).data.job.steps.map((s) => s.powershell).join('\n');
        expect(script).toContain('-RecoveryHistory 4');
        expect(script).toContain('-VSSSnapshotFrequencyHour');
      });
  });

  it('refuses a VM whose replication is being enabled (REPLICATION_ALREADY_ENABLED)', () => {
    spec
      .given(enabling())
      .when(enable({ jobId: 'job-again' }))
      .thenThrows('REPLICATION_ALREADY_ENABLED');
  });

  it('refuses a VM that replicates already (REPLICATION_ALREADY_ENABLED)', () => {
    spec
      .given(replicating())
      .when(enable({ jobId: 'job-again' }))
      .thenThrows('REPLICATION_ALREADY_ENABLED');
  });

  it('refuses a VM whose replication is suspended or failed over (REPLICATION_ALREADY_ENABLED)', () => {
    spec
      .given(suspended())
      .when(enable({ jobId: 'job-again' }))
      .thenThrows('REPLICATION_ALREADY_ENABLED');
    spec
      .given(failedOver())
      .when(enable({ jobId: 'job-again' }))
      .thenThrows('REPLICATION_ALREADY_ENABLED');
  });

  it('enables again after the replication was removed, from a fresh state', () => {
    const removed = run([remove(), complete('job-remove', plus(3000))], cycles(3));
    spec
      .given(removed)
      .when(enable({ jobId: 'job-again', frequencySeconds: 30, replica: host(3), now: plus(4000) }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ replicaHostId: 'host-3', frequencySeconds: 30 }));
    const again = run([enable({ jobId: 'job-again', replica: host(3), now: plus(4000) })], removed);
    const state = stateOf(again);
    expect(state).toMatchObject({
      status: 'Enabling',
      replicaHostId: 'host-3',
      nextSeq: 1,
      nextDueAt: null,
      recoveryPoints: [],
      lastReplicatedAt: null,
      health: 'Normal',
      enabledAt: plus(4000),
      pending: { jobId: 'job-again', kind: 'enable-replication' },
    });
  });

  it('is Enabling, with no cycle due, until the initial replication completes', () => {
    const events = enabling();
    expect(stateOf(events)).toMatchObject({ status: 'Enabling', nextSeq: 1, nextDueAt: null, cycle: null });
    spec.given(events).when(runCycle(1)).then([]);
  });
});

describe('Initial replication outcome', () => {
  it('records ReplicationEnabled with the size of the initial copy', () => {
    spec
      .given(enabling())
      .when(complete('job-enable', ENABLED_AT, 2048))
      .then([{ type: 'ReplicationEnabled', data: { vmId, jobId: 'job-enable', at: ENABLED_AT, initialSizeMb: 2048 } }]);
  });

  it('records a missing size as 0 MB', () => {
    spec
      .given(enabling())
      .when(complete('job-enable', ENABLED_AT, null))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ initialSizeMb: 0 }));
  });

  it('is then Replicating, Normal, with cycle 1 due one interval after completion', () => {
    expect(stateOf(replicating())).toMatchObject({
      status: 'Replicating',
      health: 'Normal',
      healthReason: null,
      nextSeq: 1,
      nextDueAt: plus(60 + 300),
      lastReplicatedAt: ENABLED_AT,
      lastSizeMb: 2048,
      pending: null,
      recoveryPoints: [],
    });
  });

  it('derives the first due time from the (scaled) interval', () => {
    const events = run([complete('job-enable', ENABLED_AT)], enabling({ frequencySeconds: 30, intervalMs: 2_500 }));
    expect(stateOf(events).nextDueAt).toBe(new Date(Date.parse(ENABLED_AT) + 2_500).toISOString());
  });

  it('records ReplicationEnableFailed with the problem, and the relationship ends Removed', () => {
    spec
      .given(enabling())
      .when(fail('job-enable', ENABLED_AT))
      .then([{ type: 'ReplicationEnableFailed', data: { vmId, jobId: 'job-enable', problem, at: ENABLED_AT } }]);
    const events = run([fail('job-enable', ENABLED_AT)], enabling());
    expect(stateOf(events)).toMatchObject({
      status: 'Removed',
      health: 'Critical',
      pending: null,
      nextDueAt: null,
      lastFailure: { jobId: 'job-enable', kind: 'enable-replication' },
    });
    spec.given(events).when(runCycle(1)).then([]);
    spec.given(events).when(suspend()).thenThrows('NOT_FOUND');
  });

  it('can be enabled again after a failed enable', () => {
    const events = run([fail('job-enable', ENABLED_AT)], enabling());
    const again = run([enable({ jobId: 'job-again', now: plus(100) }), complete('job-again', plus(200))], events);
    expect(stateOf(again)).toMatchObject({ status: 'Replicating', health: 'Normal', lastFailure: null });
  });

  it('ignores the outcome of a job it does not know', () => {
    spec.given(enabling()).when(complete('job-other')).then([]);
    spec.given(enabling()).when(fail('job-other')).then([]);
  });

  it('ignores outcomes when there is no relationship', () => {
    spec.given([]).when(complete('job-enable')).then([]);
    spec.given([]).when(fail('job-enable')).then([]);
  });

  it('ignores a second outcome of the enable job', () => {
    spec
      .given(replicating())
      .when(complete('job-enable', plus(100)))
      .then([]);
    spec
      .given(replicating())
      .when(fail('job-enable', plus(100)))
      .then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Cycles
// ---------------------------------------------------------------------------------------------

describe('RunCycle', () => {
  it('requests the expected cycle with its due time and a replicate-changes job by the system', () => {
    spec
      .given(replicating())
      .when(runCycle(1))
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationCycleRequested']);
        const data = (events[0] as Ev<'ReplicationCycleRequested'>).data;
        expect(data).toMatchObject({ vmId, seq: 1, dueAt: due(1), at: due(1) });
        expect(data.job).toMatchObject({
          jobId: 'job-cycle-1',
          attempt: 1,
          kind: 'replicate-changes',
          target: { type: 'replication', id: vmId },
          requestedBy: { actor: 'system:replication', role: 'system' },
          tenant: 'contoso',
          operation: { kind: 'replicate-changes', seq: 1, host: { hostId: 'host-1' }, replica: { hostId: 'host-2' } },
        });
        expect(data.job.steps.length).toBeGreaterThan(0);
      });
  });

  it('runs only the expected cycle: another number is a no-op', () => {
    spec.given(replicating()).when(runCycle(0)).then([]);
    spec.given(replicating()).when(runCycle(2)).then([]);
    spec.given(cycles(2)).when(runCycle(2)).then([]);
    spec.given(cycles(2)).when(runCycle(4)).then([]);
  });

  it('runs a cycle once: a second RunCycle for the same number is a no-op', () => {
    const events = run([runCycle(1)], replicating());
    spec
      .given(events)
      .when(runCycle(1, plus(400), 'job-cycle-1-again'))
      .then([]);
    spec
      .given(run([complete('job-cycle-1', done(1))], events))
      .when(runCycle(1))
      .then([]);
  });

  it('advances the schedule from the due time, not from when the timer fired (no drift)', () => {
    const late = run([runCycle(1, plus(60 + 300 + 170))], replicating());
    expect((late[late.length - 1] as Ev<'ReplicationCycleRequested'>).data.dueAt).toBe(due(1));
    expect(stateOf(late)).toMatchObject({ nextSeq: 2, nextDueAt: due(2), cycle: { seq: 1, jobId: 'job-cycle-1' } });
  });

  it('keeps the schedule on its grid over many cycles', () => {
    const state = stateOf(cycles(10));
    expect(state).toMatchObject({ nextSeq: 11, nextDueAt: due(11) });
  });

  it('runs no cycle unless Replicating: not while Enabling, Suspended, Resynchronizing, FailedOver or Removed', () => {
    spec.given(enabling()).when(runCycle(1)).then([]);
    spec.given(suspended()).when(runCycle(3)).then([]);
    spec
      .given(run([resync()], cycles(1)))
      .when(runCycle(2))
      .then([]);
    spec.given(failedOver()).when(runCycle(4)).then([]);
    spec
      .given(run([remove(), complete('job-remove')], cycles(1)))
      .when(runCycle(2))
      .then([]);
    spec.given([]).when(runCycle(1)).then([]);
  });

  it('records ReplicationCycleMissed when the cycle falls due while the previous one still runs', () => {
    spec
      .given(run([runCycle(1)], replicating()))
      .when(runCycle(2))
      .then([{ type: 'ReplicationCycleMissed', data: { vmId, seq: 2, dueAt: due(2), at: due(2) } }]);
  });

  it('after a missed cycle: Warning, the previous cycle still runs, and the next cycle is due on the grid', () => {
    const events = run([runCycle(1), runCycle(2, plus(60 + 600 + 45))], replicating());
    const state = stateOf(events);
    expect(state).toMatchObject({ health: 'Warning', nextSeq: 3, nextDueAt: due(3), cycle: { seq: 1, jobId: 'job-cycle-1' } });
    expect(state.healthReason).toContain('2');
    // The missed cycle is not run afterwards.
    spec.given(events).when(runCycle(2)).then([]);
  });

  it('is Normal again once the running cycle completes, and the next cycle runs when due', () => {
    const events = run([runCycle(1), runCycle(2), complete('job-cycle-1', plus(60 + 600 + 100), 64, 'rp-1')], replicating());
    expect(stateOf(events)).toMatchObject({ health: 'Normal', cycle: null, nextSeq: 3 });
    spec
      .given(events)
      .when(runCycle(3))
      .thenMatches((next) =>
        expect(next[0]).toMatchObject({ type: 'ReplicationCycleRequested', data: { seq: 3, dueAt: due(3) } }),
      );
  });

  it('misses cycle after cycle while one runs long, each on the grid', () => {
    const events = run([runCycle(1), runCycle(2), runCycle(3), runCycle(4)], replicating());
    expect(types(events.slice(-4))).toEqual([
      'ReplicationCycleRequested',
      'ReplicationCycleMissed',
      'ReplicationCycleMissed',
      'ReplicationCycleMissed',
    ]);
    expect(stateOf(events)).toMatchObject({ nextSeq: 5, nextDueAt: due(5), health: 'Warning' });
  });

  it('does not lower a Critical health to Warning when a cycle is missed', () => {
    // Three failed cycles make it Critical; cycle 4 then runs long and cycle 5 is missed.
    const events = run([runCycle(4), runCycle(5)], failedCycles(3));
    expect(types(events.slice(-1))).toEqual(['ReplicationCycleMissed']);
    expect(stateOf(events).health).toBe('Critical');
  });

  it('runs no cycle while replication is broken (until resynchronized)', () => {
    spec.given(broken()).when(runCycle(2)).then([]);
  });
});

describe('Cycle outcome', () => {
  it('records ReplicationCycleCompleted with the size and a recovery point with the id given', () => {
    spec
      .given(run([runCycle(1)], replicating()))
      .when(complete('job-cycle-1', done(1), 42, 'rp-abc'))
      .then([
        {
          type: 'ReplicationCycleCompleted',
          data: {
            vmId,
            jobId: 'job-cycle-1',
            at: done(1),
            seq: 1,
            sizeMb: 42,
            recoveryPoint: { id: 'rp-abc', seq: 1, at: done(1), kind: 'Standard' },
          },
        },
      ]);
  });

  it('makes application-consistent recovery points when asked', () => {
    spec
      .given(run([runCycle(1)], replicating({ applicationConsistent: true })))
      .when(complete('job-cycle-1', done(1), 42, 'rp-abc'))
      .thenMatches((events) =>
        expect(events[0].data).toMatchObject({ recoveryPoint: { id: 'rp-abc', kind: 'ApplicationConsistent' } }),
      );
  });

  it('records a missing size as 0 MB', () => {
    spec
      .given(run([runCycle(1)], replicating()))
      .when(complete('job-cycle-1', done(1), null, 'rp-1'))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ sizeMb: 0 }));
  });

  it('updates the last replication, the recovery points and health', () => {
    const state = stateOf(cycles(2));
    expect(state).toMatchObject({
      cycle: null,
      lastReplicatedAt: done(2),
      lastSizeMb: 20,
      health: 'Normal',
      consecutiveFailures: 0,
      recoveryPoints: [point(1, done(1)), point(2, done(2))],
    });
  });

  it('records ReplicationCycleFailed with the problem: Warning, no recovery point, and the schedule goes on', () => {
    spec
      .given(run([runCycle(1)], replicating()))
      .when(fail('job-cycle-1', done(1)))
      .then([{ type: 'ReplicationCycleFailed', data: { vmId, jobId: 'job-cycle-1', problem, at: done(1) } }]);
    const events = failedCycles(1);
    expect(stateOf(events)).toMatchObject({
      health: 'Warning',
      consecutiveFailures: 1,
      cycle: null,
      recoveryPoints: [],
      lastReplicatedAt: ENABLED_AT,
      nextSeq: 2,
      nextDueAt: due(2),
    });
    spec
      .given(events)
      .when(runCycle(2))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationCycleRequested']));
  });

  it('stays Warning after two failures in a row', () => {
    expect(stateOf(failedCycles(2))).toMatchObject({ health: 'Warning', consecutiveFailures: 2 });
  });

  it('is Critical after three failures in a row, and stays Critical after a fourth', () => {
    const three = stateOf(failedCycles(3));
    expect(three).toMatchObject({ health: 'Critical', consecutiveFailures: 3 });
    expect(three.healthReason).toContain('3');
    expect(stateOf(failedCycles(4))).toMatchObject({ health: 'Critical', consecutiveFailures: 4 });
  });

  it('is Normal again after a successful cycle, and the count starts over', () => {
    const events = cycles(1, failedCycles(3), 4);
    expect(stateOf(events)).toMatchObject({ health: 'Normal', healthReason: null, consecutiveFailures: 0 });
    expect(stateOf(failedCycles(2, events, 5))).toMatchObject({ health: 'Warning', consecutiveFailures: 2 });
  });

  it('counts failures in a row only: failure, success, failure, failure is Warning', () => {
    const events = failedCycles(2, cycles(1, failedCycles(1), 2), 3);
    expect(stateOf(events)).toMatchObject({ health: 'Warning', consecutiveFailures: 2 });
  });

  it('ignores the outcome of an older or unknown cycle job', () => {
    const events = run([runCycle(2)], cycles(1));
    spec
      .given(events)
      .when(complete('job-cycle-1', plus(700)))
      .then([]);
    spec
      .given(events)
      .when(fail('job-cycle-1', plus(700)))
      .then([]);
    spec
      .given(events)
      .when(complete('job-cycle-9', plus(700)))
      .then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Recovery points
// ---------------------------------------------------------------------------------------------

describe('retainRecoveryPoints', () => {
  const HOUR = 3_600_000;
  const at = (minutes: number) => new Date(Date.parse(now) + minutes * 60_000).toISOString();

  it('keeps nothing of nothing', () => {
    expect(retainRecoveryPoints([], 4, HOUR)).toEqual([]);
  });

  it('keeps only the latest point with 0 additional points', () => {
    const points = [point(1, at(0)), point(2, at(70)), point(3, at(130))];
    expect(retainRecoveryPoints(points, 0, HOUR)).toEqual([point(3, at(130))]);
  });

  it('keeps the latest and the last point of each earlier hour', () => {
    const points = [
      point(1, at(5)),
      point(2, at(30)),
      point(3, at(55)), // last of hour 12
      point(4, at(65)),
      point(5, at(110)), // last of hour 13
      point(6, at(125)),
      point(7, at(140)), // latest, hour 14
    ];
    expect(retainRecoveryPoints(points, 24, HOUR).map((p) => p.id)).toEqual(['rp-3', 'rp-5', 'rp-7']);
  });

  it("keeps no extra point of the latest point's own hour", () => {
    const points = [point(1, at(5)), point(2, at(20)), point(3, at(40))];
    expect(retainRecoveryPoints(points, 24, HOUR).map((p) => p.id)).toEqual(['rp-3']);
  });

  it('keeps at most the number of additional points asked, dropping the oldest', () => {
    const points = Array.from({ length: 8 }, (_, i) => point(i + 1, at(60 * i + 30)));
    expect(retainRecoveryPoints(points, 3, HOUR).map((p) => p.id)).toEqual(['rp-5', 'rp-6', 'rp-7', 'rp-8']);
    expect(retainRecoveryPoints(points, 24, HOUR)).toHaveLength(8);
  });

  it('keeps 24 hourly points and the latest at most', () => {
    const points = Array.from({ length: 30 }, (_, i) => point(i + 1, at(60 * i + 30)));
    const kept = retainRecoveryPoints(points, 24, HOUR);
    expect(kept).toHaveLength(25);
    expect(kept[0].id).toBe('rp-6');
    expect(kept[24].id).toBe('rp-30');
  });

  it('orders by cycle number whatever the order given', () => {
    const points = [point(3, at(130)), point(1, at(10)), point(2, at(70))];
    expect(retainRecoveryPoints(points, 4, HOUR).map((p) => p.id)).toEqual(['rp-1', 'rp-2', 'rp-3']);
  });

  it('counts hours at the time scale', () => {
    // A simulated hour of 10 real minutes: points 12 minutes apart are in hours of their own.
    const points = [point(1, at(2)), point(2, at(14)), point(3, at(26))];
    expect(retainRecoveryPoints(points, 4, 600_000).map((p) => p.id)).toEqual(['rp-1', 'rp-2', 'rp-3']);
    expect(retainRecoveryPoints(points, 4, HOUR).map((p) => p.id)).toEqual(['rp-3']);
  });

  it('is what the relationship keeps as cycles complete', () => {
    // An hour per cycle and 4 additional points: after 7 cycles, rp-3..rp-6 and the latest rp-7.
    expect(stateOf(cycles(7)).recoveryPoints.map((p) => p.id)).toEqual(['rp-3', 'rp-4', 'rp-5', 'rp-6', 'rp-7']);
    // 0 additional: only the latest.
    expect(stateOf(cycles(3, replicating({ recoveryPoints: 0 }))).recoveryPoints.map((p) => p.id)).toEqual(['rp-3']);
    // Real hours: cycles 5 minutes apart share an hour, and only the latest is kept.
    expect(stateOf(cycles(3, replicating({ hourMs: 3_600_000 }))).recoveryPoints.map((p) => p.id)).toEqual(['rp-3']);
  });
});

// ---------------------------------------------------------------------------------------------
// Suspend, resume, resynchronize
// ---------------------------------------------------------------------------------------------

describe('SuspendReplication and ResumeReplication', () => {
  it('requests the suspension with a suspend-replication job on the primary', () => {
    spec
      .given(cycles(1))
      .when(suspend())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationSuspendRequested']);
        const data = (events[0] as Ev<'ReplicationSuspendRequested'>).data;
        expect(data).toMatchObject({ vmId, at: now });
        expect(data.job).toMatchObject({
          jobId: 'job-suspend',
          kind: 'suspend-replication',
          target: { type: 'replication', id: vmId },
          requestedBy,
          operation: { kind: 'suspend-replication', host: { hostId: 'host-1' }, replica: { hostId: 'host-2' } },
        });
      });
  });

  it('is Suspended, Warning, with no cycle due once suspended', () => {
    spec
      .given(run([suspend()], cycles(2)))
      .when(complete('job-suspend'))
      .then([{ type: 'ReplicationSuspended', data: { vmId, jobId: 'job-suspend', at: now } }]);
    expect(stateOf(suspended())).toMatchObject({ status: 'Suspended', health: 'Warning', nextDueAt: null, pending: null });
  });

  it('suspends only a Replicating relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(suspended()).when(suspend('job-suspend-2')).thenThrows('INVALID_REPLICATION_STATE');
    spec.given(failedOver()).when(suspend('job-suspend-2')).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('names the state and the allowed ones in the error', () => {
    const error = thrown(() => decide(suspended(), suspend('job-suspend-2')));
    expect(error.kind).toBe('conflict');
    expect(error.details).toMatchObject({ state: 'Suspended', allowed: ['Replicating'] });
  });

  it('stays Replicating when the suspension fails', () => {
    const events = run([suspend(), fail('job-suspend')], cycles(1));
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationSuspendFailed',
      data: { vmId, jobId: 'job-suspend', problem, at: now },
    });
    expect(stateOf(events)).toMatchObject({
      status: 'Replicating',
      pending: null,
      lastFailure: { jobId: 'job-suspend', kind: 'suspend-replication' },
      nextDueAt: due(2),
    });
  });

  it('resumes a suspended relationship: Replicating, Normal, the next cycle due one interval after', () => {
    spec
      .given(suspended())
      .when(resumeCmd('job-resume', plus(5000)))
      .thenMatches((events) =>
        expect(events[0]).toMatchObject({
          type: 'ReplicationResumeRequested',
          data: { vmId, job: { kind: 'resume-replication', jobId: 'job-resume' } },
        }),
      );
    const events = run([resumeCmd('job-resume', plus(5000)), complete('job-resume', plus(5010))], suspended());
    expect(types(events.slice(-1))).toEqual(['ReplicationResumed']);
    const state = stateOf(events);
    expect(state).toMatchObject({
      status: 'Replicating',
      health: 'Normal',
      nextSeq: 3,
      nextDueAt: new Date(Date.parse(plus(5010)) + INTERVAL_MS).toISOString(),
    });
    spec
      .given(events)
      .when(runCycle(3, state.nextDueAt!))
      .thenMatches((next) => expect(next[0]).toMatchObject({ type: 'ReplicationCycleRequested', data: { seq: 3 } }));
  });

  it('resumes only a Suspended relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(cycles(1)).when(resumeCmd()).thenThrows('INVALID_REPLICATION_STATE');
    spec.given(failedOver()).when(resumeCmd()).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('stays Suspended when resuming fails', () => {
    const events = run([resumeCmd(), fail('job-resume')], suspended());
    expect(stateOf(events)).toMatchObject({ status: 'Suspended', nextDueAt: null, pending: null });
  });
});

describe('ResynchronizeReplication', () => {
  it('requests a resynchronization of the replicated disks; Resynchronizing meanwhile', () => {
    spec
      .given(broken())
      .when(resync())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationResyncRequested']);
        expect((events[0] as Ev<'ReplicationResyncRequested'>).data.job).toMatchObject({
          kind: 'resynchronize-replication',
          operation: { kind: 'resynchronize-replication', diskGb: 160 },
        });
      });
    expect(stateOf(run([resync()], broken()))).toMatchObject({ status: 'Resynchronizing' });
  });

  it('clears a broken replication: Replicating and Normal again, cycles due', () => {
    const events = run([resync('job-resync', plus(900)), complete('job-resync', plus(1000), 900)], broken());
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationResynchronized',
      data: { vmId, jobId: 'job-resync', at: plus(1000), sizeMb: 900 },
    });
    expect(stateOf(events)).toMatchObject({
      status: 'Replicating',
      broken: false,
      health: 'Normal',
      healthReason: null,
      nextDueAt: new Date(Date.parse(plus(1000)) + INTERVAL_MS).toISOString(),
    });
  });

  it('clears the Critical health of failed cycles', () => {
    const events = run([resync(), complete('job-resync', plus(2000))], failedCycles(3));
    expect(stateOf(events)).toMatchObject({ status: 'Replicating', health: 'Normal', consecutiveFailures: 0 });
  });

  it('resynchronizes a suspended relationship too', () => {
    const events = run([resync(), complete('job-resync', plus(2000))], suspended());
    expect(stateOf(events)).toMatchObject({ status: 'Replicating', health: 'Normal' });
  });

  it('goes back to Replicating, still broken and Critical, when the resynchronization fails', () => {
    const events = run([resync(), fail('job-resync', plus(1000))], broken());
    expect(types(events.slice(-1))).toEqual(['ReplicationResyncFailed']);
    expect(stateOf(events)).toMatchObject({ status: 'Replicating', broken: true, health: 'Critical', pending: null });
  });

  it('refuses to resynchronize a failed-over relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(failedOver()).when(resync()).thenThrows('INVALID_REPLICATION_STATE');
  });
});

// ---------------------------------------------------------------------------------------------
// Disks
// ---------------------------------------------------------------------------------------------

describe('NoteDiskAdded and SetReplicatedDisks', () => {
  const withNewDisk = vmFacts({
    disks: [
      { id: 'disk-os', sizeGb: 60 },
      { id: 'disk-data', sizeGb: 100 },
      { id: 'disk-new', sizeGb: 40 },
    ],
  });

  for (const os of ['WS2016', 'WS2019', 'WS2022'] as const) {
    it(`leaves a disk added on a ${os} primary out of replication (ReplicationDiskExcluded)`, () => {
      spec
        .given(cycles(1))
        .when(noteDisk('disk-new', os, plus(500)))
        .then([{ type: 'ReplicationDiskExcluded', data: { vmId, diskId: 'disk-new', at: plus(500) } }]);
    });
  }

  it('shows the excluded disk in the non-replicated set, health unchanged', () => {
    const state = stateOf(run([noteDisk('disk-new', 'WS2016')], cycles(1)));
    expect(state).toMatchObject({
      replicatedDiskIds: ['disk-os', 'disk-data'],
      nonReplicatedDiskIds: ['disk-new'],
      health: 'Normal',
      status: 'Replicating',
    });
  });

  it('excludes a disk once: noting it again is a no-op', () => {
    spec
      .given(run([noteDisk('disk-new', 'WS2016')], cycles(1)))
      .when(noteDisk('disk-new', 'WS2016'))
      .then([]);
  });

  it('ignores a disk the relationship knows already', () => {
    spec.given(cycles(1)).when(noteDisk('disk-data', 'WS2016')).then([]);
    spec.given(cycles(1)).when(noteDisk('disk-data', 'WS2012R2')).then([]);
    spec
      .given(replicating({ includeDiskIds: ['disk-os'] }))
      .when(noteDisk('disk-data', 'WS2016'))
      .then([]);
  });

  it('ignores a disk added to a VM that does not replicate', () => {
    spec.given([]).when(noteDisk('disk-new', 'WS2016')).then([]);
    spec
      .given(run([remove(), complete('job-remove')], cycles(1)))
      .when(noteDisk('disk-new', 'WS2012R2'))
      .then([]);
  });

  it('breaks replication when a disk is added on a WS2012R2 primary (ReplicationBroken, Critical)', () => {
    spec
      .given(cycles(1))
      .when(noteDisk('disk-new', 'WS2012R2', plus(500)))
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationBroken']);
        const data = (events[0] as Ev<'ReplicationBroken'>).data;
        expect(data).toMatchObject({ vmId, at: plus(500) });
        expect(data.reason).toContain('WS2012R2');
      });
    expect(stateOf(broken())).toMatchObject({ broken: true, health: 'Critical' });
  });

  it('stays Critical while broken, whatever the cycles do, until resynchronized', () => {
    const events = run([runCycle(2), complete('job-cycle-2', done(2), 5, 'rp-2')], broken());
    expect(stateOf(events).health).toBe('Critical');
    expect(stateOf(run([resync(), complete('job-resync', plus(2000))], broken())).health).toBe('Normal');
  });

  it('notes nothing more once broken', () => {
    spec.given(broken()).when(noteDisk('disk-other', 'WS2012R2')).then([]);
  });

  it('remembers the disk added on a WS2012R2 primary: it shows in a disk set, and noting it again after the resync is a no-op', () => {
    const events = run([resync(), complete('job-resync', plus(2000))], broken());
    const state = stateOf(events);
    expect([...state.replicatedDiskIds, ...state.nonReplicatedDiskIds]).toContain('disk-new');
    spec
      .given(events)
      .when(noteDisk('disk-new', 'WS2012R2', plus(2100)))
      .then([]);
  });

  it('includes an excluded disk: the sets change and the added disk is copied', () => {
    const events = run([noteDisk('disk-new', 'WS2016')], cycles(1));
    spec
      .given(events)
      .when(setDisks(['disk-os', 'disk-data', 'disk-new'], 'job-disks', withNewDisk))
      .thenMatches((next) => {
        expect(types(next)).toEqual(['ReplicationDisksChangeRequested']);
        const data = (next[0] as Ev<'ReplicationDisksChangeRequested'>).data;
        expect(data).toMatchObject({
          replicatedDiskIds: ['disk-os', 'disk-data', 'disk-new'],
          nonReplicatedDiskIds: [],
          added: ['disk-new'],
        });
        expect(data.job).toMatchObject({
          kind: 'set-replicated-disks',
          operation: { kind: 'set-replicated-disks', diskIds: ['disk-os', 'disk-data', 'disk-new'], addedDiskGb: 40 },
        });
      });
    const after = run(
      [setDisks(['disk-os', 'disk-data', 'disk-new'], 'job-disks', withNewDisk), complete('job-disks', plus(700))],
      events,
    );
    expect(types(after.slice(-1))).toEqual(['ReplicationDisksChanged']);
    expect(stateOf(after)).toMatchObject({
      replicatedDiskIds: ['disk-os', 'disk-data', 'disk-new'],
      nonReplicatedDiskIds: [],
      pending: null,
      status: 'Replicating',
    });
  });

  it('excludes a replicated disk: it moves to the non-replicated set, nothing to copy', () => {
    spec
      .given(cycles(1))
      .when(setDisks(['disk-os']))
      .thenMatches((events) =>
        expect(events[0].data).toMatchObject({
          replicatedDiskIds: ['disk-os'],
          nonReplicatedDiskIds: ['disk-data'],
          added: [],
          job: { operation: { addedDiskGb: 0 } },
        }),
      );
    const state = stateOf(run([setDisks(['disk-os']), complete('job-disks')], cycles(1)));
    expect(state).toMatchObject({ replicatedDiskIds: ['disk-os'], nonReplicatedDiskIds: ['disk-data'] });
  });

  it('changes the disks of a suspended relationship too', () => {
    spec
      .given(suspended())
      .when(setDisks(['disk-os']))
      .thenMatches((events) => expect(types(events)).toEqual(['ReplicationDisksChangeRequested']));
  });

  it('refuses a disk the VM does not have (NOT_FOUND)', () => {
    spec
      .given(cycles(1))
      .when(setDisks(['disk-os', 'disk-ghost']))
      .thenThrows('NOT_FOUND');
  });

  it('refuses to change the disks of a failed-over relationship (INVALID_REPLICATION_STATE)', () => {
    spec
      .given(failedOver())
      .when(setDisks(['disk-os']))
      .thenThrows('INVALID_REPLICATION_STATE');
  });

  it('keeps the previous disk sets when the change fails', () => {
    const before = run([noteDisk('disk-new', 'WS2016')], cycles(1));
    const events = run([setDisks(['disk-os', 'disk-data', 'disk-new'], 'job-disks', withNewDisk), fail('job-disks')], before);
    expect(types(events.slice(-1))).toEqual(['ReplicationDisksChangeFailed']);
    expect(stateOf(events)).toMatchObject({
      replicatedDiskIds: ['disk-os', 'disk-data'],
      nonReplicatedDiskIds: ['disk-new'],
      lastFailure: { jobId: 'job-disks', kind: 'set-replicated-disks' },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Planned failover
// ---------------------------------------------------------------------------------------------

describe('PlannedFailover', () => {
  for (const power of ['Running', 'Paused', 'Saved'] as const) {
    it(`refuses a primary VM that is ${power}, not Off (INVALID_VM_STATE)`, () => {
      spec.given(cycles(1)).when(planned('job-planned', power)).thenThrows('INVALID_VM_STATE');
    });
  }

  it('names the VM state in the error', () => {
    const error = thrown(() => decide(cycles(1), planned('job-planned', 'Running')));
    expect(error.details).toMatchObject({ state: 'Running', allowed: ['Off'] });
  });

  it('fails over only a Replicating relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(suspended()).when(planned()).thenThrows('INVALID_REPLICATION_STATE');
    spec.given(failedOver()).when(planned()).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('requests the failover from the primary to the replica with a planned-failover job', () => {
    spec
      .given(cycles(1))
      .when(planned())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationPlannedFailoverRequested']);
        const data = (events[0] as Ev<'ReplicationPlannedFailoverRequested'>).data;
        expect(data).toMatchObject({ vmId, fromHostId: 'host-1', toHostId: 'host-2' });
        expect(data.job).toMatchObject({
          kind: 'planned-failover',
          operation: { kind: 'planned-failover', host: { hostId: 'host-1' }, replica: { hostId: 'host-2' } },
        });
        expect(data.job.steps.map((s) => s.powershell).join('\n')).toContain('-Prepare');
      });
  });

  it('swaps primary and replica on completion and keeps replicating, the other way', () => {
    const events = run([planned(), complete('job-planned', plus(1000))], cycles(1));
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationPlannedFailedOver',
      data: { vmId, jobId: 'job-planned', at: plus(1000), fromHostId: 'host-1', toHostId: 'host-2' },
    });
    const state = stateOf(events);
    expect(state).toMatchObject({
      status: 'Replicating',
      primaryHostId: 'host-2',
      replicaHostId: 'host-1',
      pending: null,
      nextSeq: 2,
      nextDueAt: new Date(Date.parse(plus(1000)) + INTERVAL_MS).toISOString(),
    });
    spec
      .given(events)
      .when(runCycle(2, state.nextDueAt!))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationCycleRequested']));
  });

  it('fails back with a second planned failover', () => {
    const events = run(
      [planned(), complete('job-planned', plus(1000)), planned('job-back'), complete('job-back', plus(2000))],
      cycles(1),
    );
    expect(stateOf(events)).toMatchObject({ primaryHostId: 'host-1', replicaHostId: 'host-2', status: 'Replicating' });
  });

  it("leaves none of the old direction's recovery points: they were on the host that now runs the VM", () => {
    const events = run([planned(), complete('job-planned', plus(2000))], cycles(3));
    expect(stateOf(events).recoveryPoints).toEqual([]);
    spec.given(events).when(unplanned()).thenThrows('NO_RECOVERY_POINT');
  });

  it('keeps the direction when the planned failover fails', () => {
    const events = run([planned(), fail('job-planned', plus(1000))], cycles(1));
    expect(types(events.slice(-1))).toEqual(['ReplicationPlannedFailoverFailed']);
    expect(stateOf(events)).toMatchObject({ status: 'Replicating', primaryHostId: 'host-1', replicaHostId: 'host-2' });
  });
});

// ---------------------------------------------------------------------------------------------
// Unplanned failover and commit
// ---------------------------------------------------------------------------------------------

describe('UnplannedFailover', () => {
  it('refuses while there is no recovery point yet (NO_RECOVERY_POINT)', () => {
    spec.given(replicating()).when(unplanned()).thenThrows('NO_RECOVERY_POINT');
    spec.given(failedCycles(2)).when(unplanned()).thenThrows('NO_RECOVERY_POINT');
  });

  it('refuses a recovery point that does not exist (NOT_FOUND)', () => {
    spec.given(cycles(2)).when(unplanned('rp-ghost')).thenThrows('NOT_FOUND');
  });

  it('refuses a recovery point that retention dropped (NOT_FOUND)', () => {
    spec
      .given(cycles(3, replicating({ recoveryPoints: 0 })))
      .when(unplanned('rp-1'))
      .thenThrows('NOT_FOUND');
  });

  it('fails over to the latest recovery point by default, on the replica', () => {
    spec
      .given(cycles(3))
      .when(unplanned())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationUnplannedFailoverRequested']);
        const data = (events[0] as Ev<'ReplicationUnplannedFailoverRequested'>).data;
        expect(data).toMatchObject({ vmId, recoveryPointId: 'rp-3', fromHostId: 'host-1', toHostId: 'host-2' });
        expect(data.job).toMatchObject({
          kind: 'unplanned-failover',
          operation: {
            kind: 'unplanned-failover',
            host: { hostId: 'host-2' },
            primary: { hostId: 'host-1' },
            recoveryPointId: 'rp-3',
          },
        });
      });
  });

  it('fails over to an older recovery point when chosen', () => {
    spec
      .given(cycles(3))
      .when(unplanned('rp-1'))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ recoveryPointId: 'rp-1' }));
  });

  it('is FailedOver on completion: hosts swapped, the point used recorded, no cycle due', () => {
    const events = failedOver('rp-1');
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationFailedOver',
      data: {
        vmId,
        jobId: 'job-unplanned',
        at: plus(2000),
        recoveryPointId: 'rp-1',
        fromHostId: 'host-1',
        toHostId: 'host-2',
      },
    });
    expect(stateOf(events)).toMatchObject({
      status: 'FailedOver',
      primaryHostId: 'host-2',
      replicaHostId: 'host-1',
      nextDueAt: null,
      pending: null,
      failedOverTo: { recoveryPointId: 'rp-1', at: plus(2000) },
    });
  });

  it('fails over a suspended relationship too', () => {
    spec
      .given(suspended())
      .when(unplanned())
      .thenMatches((events) => expect(events[0].data).toMatchObject({ recoveryPointId: 'rp-2' }));
  });

  it('refuses a second failover (INVALID_REPLICATION_STATE)', () => {
    spec.given(failedOver()).when(unplanned(undefined, 'job-unplanned-2')).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('keeps replicating when the failover fails', () => {
    const events = run([unplanned('rp-1'), fail('job-unplanned', plus(2000))], cycles(3));
    expect(types(events.slice(-1))).toEqual(['ReplicationUnplannedFailoverFailed']);
    expect(stateOf(events)).toMatchObject({
      status: 'Replicating',
      primaryHostId: 'host-1',
      failedOverTo: null,
      lastFailure: { kind: 'unplanned-failover', recoveryPointId: 'rp-1' },
    });
  });
});

describe('CommitFailover', () => {
  it('commits only a failed-over relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(cycles(2)).when(commit()).thenThrows('INVALID_REPLICATION_STATE');
    spec.given(suspended()).when(commit()).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('requests the commit of the point used, with a commit-failover job', () => {
    spec
      .given(failedOver('rp-2'))
      .when(commit())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationCommitRequested']);
        expect((events[0] as Ev<'ReplicationCommitRequested'>).data.job).toMatchObject({
          kind: 'commit-failover',
          operation: { kind: 'commit-failover', recoveryPointId: 'rp-2', host: { hostId: 'host-2' } },
        });
      });
  });

  it('keeps only the recovery point used once committed', () => {
    const events = run([commit(), complete('job-commit', plus(2100))], failedOver('rp-2'));
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationFailoverCommitted',
      data: { vmId, jobId: 'job-commit', at: plus(2100) },
    });
    expect(stateOf(events).recoveryPoints.map((p) => p.id)).toEqual(['rp-2']);
    expect(stateOf(events).pending).toBeNull();
  });

  it('keeps every recovery point when the commit fails', () => {
    const events = run([commit(), fail('job-commit', plus(2100))], failedOver('rp-2'));
    expect(stateOf(events)).toMatchObject({ status: 'FailedOver' });
    expect(stateOf(events).recoveryPoints.map((p) => p.id)).toEqual(['rp-1', 'rp-2', 'rp-3']);
  });

  it('commits once: a committed failover cannot be committed again (INVALID_REPLICATION_STATE)', () => {
    // DOMAIN.md lists a Committed state after FailedOver.
    const events = run([commit(), complete('job-commit', plus(2100))], failedOver('rp-2'));
    spec.given(events).when(commit('job-commit-2')).thenThrows('INVALID_REPLICATION_STATE');
  });
});

// ---------------------------------------------------------------------------------------------
// Reverse replication
// ---------------------------------------------------------------------------------------------

describe('ReverseReplication', () => {
  it('reverses only a failed-over relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(cycles(1)).when(reverse()).thenThrows('INVALID_REPLICATION_STATE');
    spec.given(suspended()).when(reverse()).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('requests replication from the new primary to the new replica with a reverse-replication job', () => {
    spec
      .given(failedOver())
      .when(reverse())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationReverseRequested']);
        const data = (events[0] as Ev<'ReplicationReverseRequested'>).data;
        expect(data).toMatchObject({ vmId, newPrimaryHostId: 'host-2', newReplicaHostId: 'host-1' });
        expect(data.job).toMatchObject({
          kind: 'reverse-replication',
          operation: { kind: 'reverse-replication', host: { hostId: 'host-2' }, replica: { hostId: 'host-1' }, diskGb: 160 },
        });
      });
  });

  it('checks the configuration version on the new replica (CONFIG_VERSION_UNSUPPORTED)', () => {
    // A 5.0 VM replicated from WS2012R2 (host-1) to WS2016 (host-2), failed over, then upgraded to 8.0.
    const start = run(
      [
        enable({ vm: vmFacts({ configVersion: '5.0' }), primary: host(1, 'WS2012R2'), replica: host(2) }),
        complete('job-enable', ENABLED_AT),
      ],
      [],
    );
    const events = run([unplanned(), complete('job-unplanned', plus(2000))], cycles(2, start));
    const back = { vm: vmFacts({ hostId: 'host-2', configVersion: '8.0' }), primary: host(2), replica: host(1, 'WS2012R2') };
    spec.given(events).when(reverse('job-reverse', back)).thenThrows('CONFIG_VERSION_UNSUPPORTED');
    spec
      .given(events)
      .when(reverse('job-reverse', { ...back, vm: vmFacts({ hostId: 'host-2', configVersion: '5.0' }) }))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationReverseRequested']));
  });

  it('is Replicating again on completion: Normal, fresh recovery points, the next cycle due', () => {
    const events = run([reverse(), complete('job-reverse', plus(3000), 1500)], failedOver('rp-1'));
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationReversed',
      data: { vmId, jobId: 'job-reverse', at: plus(3000), sizeMb: 1500 },
    });
    const state = stateOf(events);
    expect(state).toMatchObject({
      status: 'Replicating',
      health: 'Normal',
      primaryHostId: 'host-2',
      replicaHostId: 'host-1',
      failedOverTo: null,
      recoveryPoints: [],
      lastReplicatedAt: plus(3000),
      lastSizeMb: 1500,
      nextSeq: 4,
      nextDueAt: new Date(Date.parse(plus(3000)) + INTERVAL_MS).toISOString(),
    });
    spec
      .given(events)
      .when(runCycle(4, state.nextDueAt!))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationCycleRequested']));
  });

  it('reverses a committed failover', () => {
    const events = run([commit(), complete('job-commit', plus(2100))], failedOver('rp-2'));
    const reversed = run([reverse(), complete('job-reverse', plus(3000))], events);
    expect(stateOf(reversed)).toMatchObject({ status: 'Replicating' });
  });

  it('stays FailedOver when reversing fails', () => {
    const events = run([reverse(), fail('job-reverse', plus(3000))], failedOver());
    expect(stateOf(events)).toMatchObject({ status: 'FailedOver', nextDueAt: null, pending: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Test failover
// ---------------------------------------------------------------------------------------------

describe('StartTestFailover and StopTestFailover', () => {
  it('creates a test VM named "<vm> - Test" from the latest recovery point, on the replica', () => {
    spec
      .given(cycles(2))
      .when(startTest())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationTestFailoverRequested']);
        const data = (events[0] as Ev<'ReplicationTestFailoverRequested'>).data;
        expect(data).toMatchObject({ vmId, testVmId: 'test-vm-1', testVmName: 'web01 - Test', recoveryPointId: 'rp-2' });
        expect(data.job).toMatchObject({
          kind: 'start-test-failover',
          operation: {
            kind: 'start-test-failover',
            host: { hostId: 'host-2' },
            testVm: { vmId: 'test-vm-1', name: 'web01 - Test' },
            recoveryPointId: 'rp-2',
          },
        });
      });
  });

  it('uses a chosen recovery point', () => {
    spec
      .given(cycles(2))
      .when(startTest('job-test', { recoveryPointId: 'rp-1' }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ recoveryPointId: 'rp-1' }));
  });

  it('refuses an unknown recovery point (NOT_FOUND), or none yet (NO_RECOVERY_POINT)', () => {
    spec
      .given(cycles(2))
      .when(startTest('job-test', { recoveryPointId: 'rp-ghost' }))
      .thenThrows('NOT_FOUND');
    spec.given(replicating()).when(startTest()).thenThrows('NO_RECOVERY_POINT');
  });

  it('records the running test failover on completion', () => {
    const events = run([startTest(), complete('job-test', plus(1000))], cycles(2));
    expect(types(events.slice(-1))).toEqual(['ReplicationTestFailoverStarted']);
    expect(stateOf(events)).toMatchObject({
      status: 'Replicating',
      testFailover: { testVmId: 'test-vm-1', testVmName: 'web01 - Test', recoveryPointId: 'rp-2', running: true },
    });
  });

  it('allows one test failover at a time (TEST_FAILOVER_RUNNING)', () => {
    const events = run([startTest(), complete('job-test', plus(1000))], cycles(2));
    spec
      .given(events)
      .when(startTest('job-test-2', { testVmId: 'test-vm-2' }))
      .thenThrows('TEST_FAILOVER_RUNNING');
  });

  it('goes on replicating during a test failover', () => {
    const events = run([startTest(), complete('job-test', plus(1000))], cycles(2));
    spec
      .given(events)
      .when(runCycle(3))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationCycleRequested']));
    const more = cycles(2, events, 3);
    expect(stateOf(more)).toMatchObject({ nextSeq: 5, health: 'Normal', testFailover: { running: true } });
  });

  it('also runs cycles while the test VM is being created', () => {
    spec
      .given(run([startTest()], cycles(2)))
      .when(runCycle(3))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationCycleRequested']));
  });

  it('tests a suspended relationship too', () => {
    spec
      .given(suspended())
      .when(startTest())
      .thenMatches((events) => expect(types(events)).toEqual(['ReplicationTestFailoverRequested']));
  });

  it('refuses a test failover of a failed-over relationship (INVALID_REPLICATION_STATE)', () => {
    spec.given(failedOver()).when(startTest()).thenThrows('INVALID_REPLICATION_STATE');
  });

  it('forgets the test failover when it fails to start, so another can start', () => {
    const events = run([startTest(), fail('job-test', plus(1000))], cycles(2));
    expect(types(events.slice(-1))).toEqual(['ReplicationTestFailoverFailed']);
    expect(stateOf(events).testFailover).toBeNull();
    spec
      .given(events)
      .when(startTest('job-test-2', { testVmId: 'test-vm-2' }))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationTestFailoverRequested']));
  });

  it('stops the test failover and removes its test VM', () => {
    const events = run([startTest(), complete('job-test', plus(1000))], cycles(2));
    spec
      .given(events)
      .when(stopTest())
      .thenMatches((next) => {
        expect(types(next)).toEqual(['ReplicationTestFailoverStopRequested']);
        const data = (next[0] as Ev<'ReplicationTestFailoverStopRequested'>).data;
        expect(data).toMatchObject({ vmId, testVmId: 'test-vm-1' });
        expect(data.job).toMatchObject({
          kind: 'stop-test-failover',
          operation: { kind: 'stop-test-failover', host: { hostId: 'host-2' }, testVmId: 'test-vm-1' },
        });
      });
    const stopped = run([stopTest(), complete('job-test-stop', plus(1100))], events);
    expect(types(stopped.slice(-1))).toEqual(['ReplicationTestFailoverStopped']);
    expect(stateOf(stopped).testFailover).toBeNull();
    spec
      .given(stopped)
      .when(startTest('job-test-2', { testVmId: 'test-vm-2' }))
      .thenMatches((next) => expect(types(next)).toEqual(['ReplicationTestFailoverRequested']));
  });

  it('keeps the test failover when stopping it fails', () => {
    const events = run([startTest(), complete('job-test', plus(1000)), stopTest(), fail('job-test-stop', plus(1100))], cycles(2));
    expect(stateOf(events).testFailover).toMatchObject({ testVmId: 'test-vm-1', running: true });
  });

  it('refuses to stop a test failover that is not there (NO_TEST_FAILOVER)', () => {
    spec.given(cycles(2)).when(stopTest()).thenThrows('NO_TEST_FAILOVER');
  });

  it('refuses to stop the test failover while another operation runs (OPERATION_PENDING)', () => {
    const events = run([startTest(), complete('job-test', plus(1000)), suspend()], cycles(2));
    spec.given(events).when(stopTest()).thenThrows('OPERATION_PENDING');
  });
});

// ---------------------------------------------------------------------------------------------
// Remove replication
// ---------------------------------------------------------------------------------------------

describe('RemoveReplication', () => {
  const removed = () => run([remove(), complete('job-remove', plus(3000))], cycles(2));

  it('requests the removal with a remove-replication job', () => {
    spec
      .given(cycles(2))
      .when(remove())
      .thenMatches((events) => {
        expect(types(events)).toEqual(['ReplicationRemoveRequested']);
        expect((events[0] as Ev<'ReplicationRemoveRequested'>).data.job).toMatchObject({
          kind: 'remove-replication',
          operation: { kind: 'remove-replication', host: { hostId: 'host-1' }, replica: { hostId: 'host-2' } },
        });
      });
  });

  it('is Removed on completion, with no cycle due', () => {
    const events = removed();
    expect(events[events.length - 1]).toEqual({
      type: 'ReplicationRemoved',
      data: { vmId, jobId: 'job-remove', at: plus(3000) },
    });
    expect(stateOf(events)).toMatchObject({ status: 'Removed', nextDueAt: null, pending: null, testFailover: null });
  });

  it('removes a suspended or failed-over relationship too', () => {
    expect(stateOf(run([remove(), complete('job-remove')], suspended())).status).toBe('Removed');
    expect(stateOf(run([remove(), complete('job-remove')], failedOver())).status).toBe('Removed');
  });

  it('refuses every later command (NOT_FOUND), and runs no cycle', () => {
    const events = removed();
    for (const command of [
      suspend(),
      resumeCmd(),
      resync(),
      setDisks(['disk-os']),
      planned(),
      unplanned(),
      commit(),
      startTest(),
      stopTest(),
      reverse(),
      remove('job-remove-2'),
    ]) {
      spec.given(events).when(command).thenThrows('NOT_FOUND');
    }
    spec.given(events).when(runCycle(3)).then([]);
  });

  it('refuses every command when replication was never enabled (NOT_FOUND)', () => {
    for (const command of [
      suspend(),
      resumeCmd(),
      resync(),
      setDisks(['disk-os']),
      planned(),
      unplanned(),
      commit(),
      startTest(),
      stopTest(),
      reverse(),
      remove(),
    ]) {
      spec.given([]).when(command).thenThrows('NOT_FOUND');
    }
  });

  it('reports NOT_FOUND as a missing resource', () => {
    expect(thrown(() => decide(removed(), suspend())).kind).toBe('not-found');
  });

  it('keeps replicating when the removal fails', () => {
    const events = run([remove(), fail('job-remove', plus(3000))], cycles(2));
    expect(types(events.slice(-1))).toEqual(['ReplicationRemoveFailed']);
    expect(stateOf(events)).toMatchObject({ status: 'Replicating', pending: null, nextDueAt: due(3) });
  });
});

// ---------------------------------------------------------------------------------------------
// One operation at a time; cycles do not block operations
// ---------------------------------------------------------------------------------------------

describe('Pending operations', () => {
  it('refuses any operation while another operation job runs (OPERATION_PENDING)', () => {
    const busy = run([suspend()], cycles(2));
    for (const command of [
      suspend('job-2'),
      resumeCmd('job-2'),
      resync('job-2'),
      setDisks(['disk-os'], 'job-2'),
      planned('job-2'),
      unplanned(undefined, 'job-2'),
      commit('job-2'),
      startTest('job-2'),
      reverse('job-2'),
      remove('job-2'),
    ]) {
      spec.given(busy).when(command).thenThrows('OPERATION_PENDING');
    }
  });

  it('refuses operations while replication is being enabled (OPERATION_PENDING)', () => {
    spec.given(enabling()).when(suspend()).thenThrows('OPERATION_PENDING');
    spec.given(enabling()).when(remove()).thenThrows('OPERATION_PENDING');
  });

  it('names the pending job in the error', () => {
    const error = thrown(() => decide(run([suspend()], cycles(2)), remove()));
    expect(error.details).toMatchObject({ jobId: 'job-suspend' });
  });

  it('accepts operations while a cycle runs', () => {
    const busy = run([runCycle(3)], cycles(2));
    for (const command of [suspend(), resync(), setDisks(['disk-os']), planned(), unplanned(), startTest(), remove()]) {
      spec
        .given(busy)
        .when(command)
        .thenMatches((events) => expect(events).toHaveLength(1));
    }
  });

  it('settles a cycle and an operation that run together, each by its own job', () => {
    const events = run(
      [runCycle(3), suspend('job-suspend', plus(1000)), complete('job-cycle-3', done(3), 30, 'rp-3'), complete('job-suspend')],
      cycles(2),
    );
    expect(types(events.slice(-4))).toEqual([
      'ReplicationCycleRequested',
      'ReplicationSuspendRequested',
      'ReplicationCycleCompleted',
      'ReplicationSuspended',
    ]);
    expect(stateOf(events)).toMatchObject({ status: 'Suspended', cycle: null, pending: null, lastReplicatedAt: done(3) });
  });

  it('ignores the outcome of a job it does not know while a cycle and an operation run', () => {
    const busy = run([runCycle(3), suspend()], cycles(2));
    spec.given(busy).when(complete('job-unknown')).then([]);
    spec.given(busy).when(fail('job-unknown')).then([]);
    expect(stateOf(busy)).toMatchObject({ cycle: { seq: 3 }, pending: { jobId: 'job-suspend' } });
  });

  it('ignores a second outcome of an operation already settled', () => {
    const events = run([suspend(), complete('job-suspend')], cycles(2));
    spec.given(events).when(complete('job-suspend')).then([]);
    spec.given(events).when(fail('job-suspend')).then([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The fold
// ---------------------------------------------------------------------------------------------

describe('State', () => {
  it('starts with no relationship', () => {
    expect(foldState([])).toEqual({ status: 'None' });
  });

  it('ignores events other than an enable request before the relationship exists', () => {
    const stray: ReplicationEvent = { type: 'ReplicationDiskExcluded', data: { vmId, diskId: 'disk-x', at: now } };
    expect(foldState([stray])).toEqual({ status: 'None' });
  });
});
