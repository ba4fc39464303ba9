import { describe, it } from 'node:test';
import { expect } from 'expect';
import { deciderSpec } from '../../../test/support/decider-spec';
import {
  afterFailover,
  complete,
  enable,
  failJob,
  host,
  initialPoint,
  jobFor,
  now,
  op,
  plus,
  problem,
  replicating,
  run,
  stateOf,
  vmFacts,
  vmId,
  vmRef,
  INTERVAL_MS,
  HOUR_MS,
} from '../../../test/support/replication-builders';
import { replicationDecider, retainRecoveryPoints } from './replication.decider';
import type { ReplicationEvent } from './replication.events';

/*
 * The replication rules of DOMAIN.md ("Replication (Hyper-V Replica)"): enabling and its
 * validation (the disk set, a replica cluster's broker, the version rule), suspend, resume,
 * resynchronize, disks, planned, unplanned and test failovers, commit, reverse and remove, each
 * with its error code. Observed cycles are in replication-observation.spec.ts.
 */
const spec = deciderSpec(replicationDecider);

const enableOperation = {
  kind: 'enable-replication' as const,
  host: host(1),
  vm: vmRef,
  replica: host(2),
  frequencySeconds: 300,
  diskGb: 160,
  recoveryPoints: 4,
  applicationConsistent: false,
};

const enableRequested = (extra: object = {}, operation: object = {}): ReplicationEvent =>
  ({
    type: 'ReplicationEnableRequested',
    data: {
      vmId,
      job: jobFor('job-enable', { ...enableOperation, ...operation }),
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
      ...extra,
    },
  }) as ReplicationEvent;

describe('EnableReplication', () => {
  it('records the request with its settings and an enable-replication job that replicates every disk', () => {
    spec.given([]).when(enable()).then([enableRequested()]);
  });

  it('passes the chosen disks to Enable-VMReplication -ReplicatedDisks and leaves the others out', () => {
    spec
      .given([])
      .when(enable({ includeDiskIds: ['disk-os'] }))
      .then([
        enableRequested(
          { replicatedDiskIds: ['disk-os'], nonReplicatedDiskIds: ['disk-data'] },
          { diskGb: 60, disks: [{ id: 'disk-os', name: 'os' }] },
        ),
      ]);
  });

  it("addresses a replica cluster's Replica Broker and records it", () => {
    const replicaBroker = { clusterId: 'cluster-9', name: 'CLU9-HVR' };
    spec
      .given([])
      .when(enable({ replicaBroker }))
      .then([enableRequested({ replicaBroker }, { replicaBroker })]);
  });

  it('becomes Replicating and Normal once the initial copy is done, which is the first recovery point', () => {
    spec
      .given(run([enable()]))
      .when(complete('job-enable', plus(60), 2048))
      .then([
        {
          type: 'ReplicationEnabled',
          data: { vmId, jobId: 'job-enable', at: plus(60), initialSizeMb: 2048, recoveryPoint: initialPoint },
        },
      ]);
    const state = stateOf(replicating());
    expect([state.status, state.health, state.recoveryPoints, state.lastReplicatedAt]).toEqual([
      'Replicating',
      'Normal',
      [initialPoint],
      plus(60),
    ]);
  });

  it('is Removed and Critical when the initial replication fails, and can be enabled again', () => {
    const events = run([enable(), failJob('job-enable')]);
    expect(events[1]).toEqual({
      type: 'ReplicationEnableFailed',
      data: { vmId, jobId: 'job-enable', problem, at: now },
    });
    expect([stateOf(events).status, stateOf(events).health]).toEqual(['Removed', 'Critical']);
    spec.given(events).when(enable()).then([enableRequested()]);
  });

  it('refuses a second relationship', () => spec.given(replicating()).when(enable()).thenThrows('REPLICATION_ALREADY_ENABLED'));
  it('refuses a frequency Hyper-V does not offer', () =>
    spec
      .given([])
      .when(enable({ frequencySeconds: 60 }))
      .thenThrows('VALIDATION_FAILED'));
  it('refuses more than 24 additional recovery points', () =>
    spec
      .given([])
      .when(enable({ recoveryPoints: 25 }))
      .thenThrows('VALIDATION_FAILED'));
  it('refuses the primary as its own replica', () =>
    spec
      .given([])
      .when(enable({ replica: host(1) }))
      .thenThrows('REPLICA_SAME_HOST'));
  it('refuses a disk the VM does not have', () =>
    spec
      .given([])
      .when(enable({ includeDiskIds: ['disk-x'] }))
      .thenThrows('NOT_FOUND'));
  it('refuses a replica host that cannot run the VM version (8.0 to WS2012R2)', () =>
    spec
      .given([])
      .when(enable({ replica: host(2, 'WS2012R2') }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED'));
  it('replicates a 5.0 VM from WS2016 to WS2012R2', () => {
    const events = replicationDecider.decide(
      enable({ vm: vmFacts({ configVersion: '5.0' }), replica: host(2, 'WS2012R2') }),
      replicationDecider.initialState,
    );
    expect(events.map((e) => e.type)).toEqual(['ReplicationEnableRequested']);
  });
});

describe('Suspend, resume and resynchronize', () => {
  it('suspends: Warning while suspended, Normal once resumed', () => {
    const suspended = run([op('SuspendReplication', 'job-suspend'), complete('job-suspend')], replicating());
    expect(suspended.slice(-1)).toEqual([{ type: 'ReplicationSuspended', data: { vmId, jobId: 'job-suspend', at: now } }]);
    expect([stateOf(suspended).status, stateOf(suspended).health]).toEqual(['Suspended', 'Warning']);
    const resumed = run([op('ResumeReplication', 'job-resume'), complete('job-resume')], suspended);
    expect([stateOf(resumed).status, stateOf(resumed).health]).toEqual(['Replicating', 'Normal']);
  });

  it('refuses a second operation while one is pending', () =>
    spec
      .given(run([op('SuspendReplication', 'job-suspend')], replicating()))
      .when(op('ResynchronizeReplication', 'job-resync'))
      .thenThrows('OPERATION_PENDING'));

  it('refuses to resume what is not suspended', () =>
    spec.given(replicating()).when(op('ResumeReplication', 'job-resume')).thenThrows('INVALID_REPLICATION_STATE'));

  it('breaks on a disk added on a WS2012R2 primary (Critical) until resynchronized', () => {
    const broken = run(
      [{ type: 'NoteDiskAdded', diskId: 'disk-new', primaryOsVersion: 'WS2012R2', now: plus(100) }],
      replicating(),
    );
    expect(broken.slice(-1)).toEqual([
      {
        type: 'ReplicationBroken',
        data: {
          vmId,
          at: plus(100),
          diskId: 'disk-new',
          reason: 'a disk was added on a WS2012R2 primary, which cannot leave it out of replication',
        },
      },
    ]);
    expect(stateOf(broken).health).toBe('Critical');
    const resynced = run([op('ResynchronizeReplication', 'job-resync'), complete('job-resync', plus(200))], broken);
    expect(resynced.slice(-1)).toEqual([
      { type: 'ReplicationResynchronized', data: { vmId, jobId: 'job-resync', at: plus(200), sizeMb: 512 } },
    ]);
    expect([stateOf(resynced).health, stateOf(resynced).broken]).toEqual(['Normal', false]);
  });

  it('leaves a disk added on a WS2016 primary out of replication until it is included', () => {
    const excluded = run([{ type: 'NoteDiskAdded', diskId: 'disk-new', primaryOsVersion: 'WS2016', now }], replicating());
    expect(excluded.slice(-1)).toEqual([{ type: 'ReplicationDiskExcluded', data: { vmId, at: now, diskId: 'disk-new' } }]);
    const vm = vmFacts({ disks: [...vmFacts().disks, { id: 'disk-new', name: 'new', sizeGb: 20 }] });
    const include = ['disk-os', 'disk-data', 'disk-new'];
    spec
      .given(excluded)
      .when(op('SetReplicatedDisks', 'job-disks', { includeDiskIds: include, vm }))
      .then([
        {
          type: 'ReplicationDisksChangeRequested',
          data: {
            vmId,
            job: jobFor('job-disks', {
              kind: 'set-replicated-disks',
              host: host(1),
              vm: vmRef,
              replica: host(2),
              disks: [
                { id: 'disk-os', name: 'os' },
                { id: 'disk-data', name: 'data' },
                { id: 'disk-new', name: 'new' },
              ],
              addedDiskGb: 20,
            }),
            at: now,
            replicatedDiskIds: include,
            nonReplicatedDiskIds: [],
            added: ['disk-new'],
          },
        },
      ]);
  });
});

describe('Failovers', () => {
  it('needs the primary VM Off for a planned failover', () =>
    spec.given(replicating()).when(op('PlannedFailover', 'job-planned')).thenThrows('INVALID_VM_STATE'));

  it('reverses the direction after a planned failover, with the last changes as the first recovery point', () => {
    const events = run(
      [op('PlannedFailover', 'job-planned', { vm: vmFacts({ power: 'Off' }) }), complete('job-planned', plus(500))],
      replicating(),
    );
    const recoveryPoint = { id: 'rp-job-planned', seq: 0, at: plus(500), kind: 'Standard' };
    expect(events.slice(-1)).toEqual([
      {
        type: 'ReplicationPlannedFailedOver',
        data: { vmId, jobId: 'job-planned', at: plus(500), fromHostId: 'host-1', toHostId: 'host-2', recoveryPoint },
      },
    ]);
    const state = stateOf(events);
    expect([state.primaryHostId, state.replicaHostId, state.status, state.recoveryPoints]).toEqual([
      'host-2',
      'host-1',
      'Replicating',
      [recoveryPoint],
    ]);
  });

  it("records Hyper-V's id of a full copy's recovery point, and a failover picks the point by that id", () => {
    const enabled = run([enable(), { ...complete('job-enable', plus(60), 2048), hypervisorRecoveryPointId: 'hv-rp-1' }]);
    expect(enabled.slice(-1)).toEqual([
      {
        type: 'ReplicationEnabled',
        data: {
          vmId,
          jobId: 'job-enable',
          at: plus(60),
          initialSizeMb: 2048,
          recoveryPoint: { ...initialPoint, hypervisorId: 'hv-rp-1' },
        },
      },
    ]);
    spec
      .given(enabled)
      .when(op('UnplannedFailover', 'job-unplanned'))
      .then([
        {
          type: 'ReplicationUnplannedFailoverRequested',
          data: {
            vmId,
            job: jobFor('job-unplanned', {
              kind: 'unplanned-failover',
              host: host(2),
              vm: vmRef,
              primary: host(1),
              recoveryPointId: 'rp-job-enable',
              hypervisorRecoveryPointId: 'hv-rp-1',
            }),
            at: now,
            recoveryPointId: 'rp-job-enable',
            fromHostId: 'host-1',
            toHostId: 'host-2',
          },
        },
      ]);
  });

  it('fails over unplanned to the latest recovery point by default, on the replica host (a point without a Hyper-V id by its time)', () => {
    spec
      .given(replicating())
      .when(op('UnplannedFailover', 'job-unplanned'))
      .then([
        {
          type: 'ReplicationUnplannedFailoverRequested',
          data: {
            vmId,
            job: jobFor('job-unplanned', {
              kind: 'unplanned-failover',
              host: host(2),
              vm: vmRef,
              primary: host(1),
              recoveryPointId: 'rp-job-enable',
              recoveryPointAt: plus(60),
            }),
            at: now,
            recoveryPointId: 'rp-job-enable',
            fromHostId: 'host-1',
            toHostId: 'host-2',
          },
        },
      ]);
  });

  it('refuses a recovery point that does not exist', () =>
    spec
      .given(replicating())
      .when(op('UnplannedFailover', 'job-u', { recoveryPointId: 'rp-x' }))
      .thenThrows('NOT_FOUND'));

  it('commits to the point used (the others go), then reverses back to the old primary', () => {
    const failedOver = run([op('UnplannedFailover', 'job-unplanned'), complete('job-unplanned', plus(300))], replicating());
    expect(stateOf(failedOver).status).toBe('FailedOver');
    const committed = run([op('CommitFailover', 'job-commit', afterFailover), complete('job-commit')], failedOver);
    expect(stateOf(committed).recoveryPoints.map((p) => p.id)).toEqual(['rp-job-enable']);
    const reversed = run(
      [op('ReverseReplication', 'job-reverse', afterFailover), complete('job-reverse', plus(900), 100)],
      committed,
    );
    expect(reversed.slice(-1)).toEqual([
      {
        type: 'ReplicationReversed',
        data: {
          vmId,
          jobId: 'job-reverse',
          at: plus(900),
          sizeMb: 100,
          recoveryPoint: { id: 'rp-job-reverse', seq: 0, at: plus(900), kind: 'Standard' },
        },
      },
    ]);
    const state = stateOf(reversed);
    expect([state.status, state.primaryHostId, state.replicaHostId, state.health]).toEqual([
      'Replicating',
      'host-2',
      'host-1',
      'Normal',
    ]);
  });

  it('refuses to reverse to a replica host that cannot run the VM version', () => {
    const failedOver = run([op('UnplannedFailover', 'job-unplanned'), complete('job-unplanned')], replicating());
    spec
      .given(failedOver)
      .when(op('ReverseReplication', 'job-reverse', { ...afterFailover, replica: host(1, 'WS2012R2') }))
      .thenThrows('CONFIG_VERSION_UNSUPPORTED');
  });

  it("starts a test failover on the replica host from the recovery point Hyper-V knows by its id", () => {
    const enabled = run([enable(), { ...complete('job-enable', plus(60), 2048), hypervisorRecoveryPointId: 'hv-rp-1' }]);
    spec
      .given(enabled)
      .when(op('StartTestFailover', 'job-test'))
      .then([
        {
          type: 'ReplicationTestFailoverRequested',
          data: {
            vmId,
            job: jobFor('job-test', {
              kind: 'start-test-failover',
              host: host(2),
              vm: vmRef,
              testVm: { vmId: 'test-vm-1', name: 'web01 - Test' },
              recoveryPointId: 'rp-job-enable',
              hypervisorRecoveryPointId: 'hv-rp-1',
            }),
            at: now,
            testVmId: 'test-vm-1',
            testVmName: 'web01 - Test',
            recoveryPointId: 'rp-job-enable',
          },
        },
      ]);
  });

  it('runs one test failover at a time and refuses failovers and removal meanwhile', () => {
    const testing = run([op('StartTestFailover', 'job-test'), complete('job-test')], replicating());
    expect(stateOf(testing).testFailover).toEqual({
      testVmId: 'test-vm-1',
      testVmName: 'web01 - Test',
      recoveryPointId: 'rp-job-enable',
      running: true,
    });
    spec.given(testing).when(op('StartTestFailover', 'job-test-2')).thenThrows('TEST_FAILOVER_RUNNING');
    spec.given(testing).when(op('UnplannedFailover', 'job-u')).thenThrows('TEST_FAILOVER_RUNNING');
    spec.given(testing).when(op('RemoveReplication', 'job-r')).thenThrows('TEST_FAILOVER_RUNNING');
    const stopped = run([op('StopTestFailover', 'job-stop'), complete('job-stop')], testing);
    expect(stateOf(stopped).testFailover).toBeNull();
    spec.given(stopped).when(op('StopTestFailover', 'job-stop-2')).thenThrows('NO_TEST_FAILOVER');
  });
});

describe('RemoveReplication and job outcomes', () => {
  it('removes the relationship; a later request finds none', () => {
    const removed = run([op('RemoveReplication', 'job-remove'), complete('job-remove')], replicating());
    expect(removed.slice(-1)).toEqual([{ type: 'ReplicationRemoved', data: { vmId, jobId: 'job-remove', at: now } }]);
    spec.given(removed).when(op('SuspendReplication', 'job-s')).thenThrows('NOT_FOUND');
  });

  it('ignores the outcome of a job that is not the pending one (a repeated or late report)', () => {
    spec.given(replicating()).when(complete('job-enable')).then([]);
    spec.given(replicating()).when(failJob('job-other')).then([]);
  });
});

describe('More rules and folds', () => {
  it('keeps the latest recovery point and the last one of each earlier hour, up to the number asked for', () => {
    const point = (id: string, minutes: number) => ({ id, seq: 0, at: plus(minutes * 60), kind: 'Standard' as const });
    const points = [point('a', 0), point('b', 30), point('c', 70), point('d', 130), point('e', 135)];
    expect(retainRecoveryPoints(points, 2, HOUR_MS).map((p) => p.id)).toEqual(['b', 'c', 'e']);
    expect(retainRecoveryPoints(points, 0, HOUR_MS).map((p) => p.id)).toEqual(['e']);
    expect(retainRecoveryPoints([], 4, HOUR_MS)).toEqual([]);
  });

  it('refuses every request while the initial replication runs', () => {
    const enabling = run([enable()]);
    spec.given(enabling).when(op('SuspendReplication', 'job-s')).thenThrows('OPERATION_PENDING');
    spec.given(enabling).when(op('StartTestFailover', 'job-t')).thenThrows('OPERATION_PENDING');
  });

  it('refuses to commit what has not failed over', () =>
    spec.given(replicating()).when(op('CommitFailover', 'job-c')).thenThrows('INVALID_REPLICATION_STATE'));

  it('refuses a planned failover while a test failover VM exists', () => {
    const testing = run([op('StartTestFailover', 'job-test'), complete('job-test')], replicating());
    spec
      .given(testing)
      .when(op('PlannedFailover', 'job-p', { vm: vmFacts({ power: 'Off' }) }))
      .thenThrows('TEST_FAILOVER_RUNNING');
  });

  it('goes back to Replicating when a resynchronization fails, still Critical if it was broken', () => {
    const broken = run([{ type: 'NoteDiskAdded', diskId: 'disk-new', primaryOsVersion: 'WS2012R2', now }], replicating());
    const failed = run([op('ResynchronizeReplication', 'job-resync'), failJob('job-resync')], broken);
    expect(failed.slice(-1)).toEqual([
      { type: 'ReplicationResyncFailed', data: { vmId, jobId: 'job-resync', problem, at: now } },
    ]);
    expect([stateOf(failed).status, stateOf(failed).health, stateOf(failed).pending]).toEqual(['Replicating', 'Critical', null]);
  });

  it('forgets a test failover whose start failed', () => {
    const failed = run([op('StartTestFailover', 'job-test'), failJob('job-test')], replicating());
    expect(stateOf(failed).testFailover).toBeNull();
    expect(stateOf(failed).lastFailure).toEqual({
      jobId: 'job-test',
      kind: 'start-test-failover',
      attempt: 1,
      recoveryPointId: 'rp-job-enable',
    });
  });

  it('notes nothing for a disk it knows, nor once replication is broken or removed', () => {
    const known = { type: 'NoteDiskAdded', diskId: 'disk-os', primaryOsVersion: 'WS2016', now } as const;
    spec.given(replicating()).when(known).then([]);
    const broken = run([{ ...known, diskId: 'disk-new', primaryOsVersion: 'WS2012R2' }], replicating());
    spec
      .given(broken)
      .when({ ...known, diskId: 'disk-other' })
      .then([]);
    const removed = run([op('RemoveReplication', 'job-remove'), complete('job-remove')], replicating());
    spec
      .given(removed)
      .when({ ...known, diskId: 'disk-new' })
      .then([]);
  });

  it('refuses to stop a test failover while another operation runs', () => {
    const testing = run(
      [op('StartTestFailover', 'job-test'), complete('job-test'), op('SuspendReplication', 'job-s')],
      replicating(),
    );
    spec.given(testing).when(op('StopTestFailover', 'job-stop')).thenThrows('OPERATION_PENDING');
  });
});
