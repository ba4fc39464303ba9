import { describe, it } from 'node:test';
import { expect } from 'expect';
import type { HostRef, VmRef } from '../../jobs/domain/hypervisor-driver.port';
import { REPLICATION_OPERATION_KINDS } from './latency-model';
import { startedLedger } from './replication-cycles';
import {
  decideReplication,
  REPLICA_SIDE_KINDS,
  replicaHostOf,
  ReplicationDecision,
  ReplicationOperation,
  ReplicationScene,
  replicationSizeMb,
  SimReplication,
} from './replication';
import type { SimVmState } from './vm-transitions';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const R = 'aaaaaaaa-0000-4000-8000-000000000002';
const X = 'aaaaaaaa-0000-4000-8000-000000000003';
const VM_ID = 'bbbbbbbb-0000-4000-8000-000000000001';
const TEST_ID = 'cccccccc-0000-4000-8000-000000000001';
const AT = '2026-11-26T12:00:00.000Z';

const ref = (hostId: string, osVersion: HostRef['osVersion'] = 'WS2016'): HostRef => ({
  hostId,
  name: `hv-${hostId.slice(-1)}`,
  osVersion,
  memoryMb: 65536,
});
const vm: VmRef = { vmId: VM_ID, name: 'web01', generation: 2, configVersion: '8.0', memoryMb: 4096, processorCount: 2 };

const replicating = (overrides: Partial<SimReplication> = {}): SimReplication => ({
  vmId: VM_ID,
  primaryHostId: P,
  replicaHostId: R,
  state: 'Replicating',
  frequencySeconds: 300,
  ledger: startedLedger(Date.parse(AT) - 3_600_000),
  replicatedDiskIds: ['d1'],
  testVmId: null,
  failoverRecoveryPointId: null,
  ...overrides,
});

const scene = (overrides: Partial<ReplicationScene> = {}, vmState: SimVmState = 'Running', on = P): ReplicationScene => ({
  replication: replicating(),
  vm: { hostId: on, state: vmState, configVersion: '8.0', diskIds: ['d1', 'd2'] },
  hostOsVersion: 'WS2016',
  replicaOsVersion: 'WS2016',
  testVm: null,
  at: Date.parse(AT),
  conditions: { kind: 'stopped' },
  timeScale: 1,
  ...overrides,
});

const op = {
  enable: (host = P, replica = R): ReplicationOperation => ({
    kind: 'enable-replication',
    host: ref(host),
    vm,
    replica: ref(replica),
    frequencySeconds: 30,
    diskGb: 40,
  }),
  simple: (
    kind: 'suspend-replication' | 'resume-replication' | 'remove-replication',
    host = P,
    replica = R,
  ): ReplicationOperation => ({ kind, host: ref(host), vm, replica: ref(replica) }),
  resync: (): ReplicationOperation => ({ kind: 'resynchronize-replication', host: ref(P), vm, replica: ref(R), diskGb: 40 }),
  disks: (diskIds: string[]): ReplicationOperation => ({
    kind: 'set-replicated-disks',
    host: ref(P),
    vm,
    replica: ref(R),
    disks: diskIds.map((id) => ({ id, name: `disk ${id}` })),
    addedDiskGb: 10,
  }),
  planned: (host = P, replica = R): ReplicationOperation => ({
    kind: 'planned-failover',
    host: ref(host),
    vm,
    replica: ref(replica),
  }),
  unplanned: (host = R, primary = P): ReplicationOperation => ({
    kind: 'unplanned-failover',
    host: ref(host),
    vm,
    primary: ref(primary),
    recoveryPointId: 'rp-3',
  }),
  commit: (): ReplicationOperation => ({ kind: 'commit-failover', host: ref(R), vm, recoveryPointId: 'rp-3' }),
  startTest: (host = R, testVmId = TEST_ID): ReplicationOperation => ({
    kind: 'start-test-failover',
    host: ref(host),
    vm,
    testVm: { vmId: testVmId, name: 'web01 - Test' },
    recoveryPointId: 'rp-2',
  }),
  stopTest: (testVmId = TEST_ID): ReplicationOperation => ({ kind: 'stop-test-failover', host: ref(R), vm, testVmId }),
  reverse: (host = R, replica = P): ReplicationOperation => ({
    kind: 'reverse-replication',
    host: ref(host),
    vm,
    replica: ref(replica),
    diskGb: 40,
  }),
};

const applied = (decision: ReplicationDecision) => {
  if (decision.outcome !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(decision)}`);
  return decision;
};

/** Applies the decision to the scene as the fleet would: the relationship, the VM's host and state, the test VM. */
function after(operation: ReplicationOperation, before: ReplicationScene, decision: ReplicationDecision): ReplicationScene {
  if (decision.outcome !== 'apply') return before;
  const testVm =
    decision.testVm === 'create' ? { hostId: operation.host.hostId } : decision.testVm === 'delete' ? null : before.testVm;
  return {
    ...before,
    replication: decision.next,
    vm: before.vm && (decision.start ? { ...before.vm, hostId: decision.start.hostId, state: 'Running' } : before.vm),
    testVm,
  };
}

describe('simulated Hyper-V Replica', () => {
  it('covers every replication kind, and names the replica for exactly the kinds that reach it from the primary', () => {
    const all = [
      op.enable(),
      op.simple('suspend-replication'),
      op.simple('resume-replication'),
      op.simple('remove-replication'),
      op.resync(),
      op.disks(['d1']),
      op.planned(),
      op.unplanned(),
      op.commit(),
      op.startTest(),
      op.stopTest(),
      op.reverse(),
    ];
    expect(all.map((o) => o.kind).sort()).toEqual([...REPLICATION_OPERATION_KINDS].sort());
    for (const operation of all) {
      const replica = replicaHostOf(operation);
      expect(replica !== null).toBe((REPLICA_SIDE_KINDS as readonly string[]).includes(operation.kind));
      if (replica) expect(replica).toBe((operation as { replica: HostRef }).replica);
    }
  });

  it('sizes what goes to the replica: full copies by disk size, nothing otherwise', () => {
    expect(replicationSizeMb(op.enable())).toBe(40 * 1024);
    expect(replicationSizeMb(op.resync())).toBe(40 * 1024);
    expect(replicationSizeMb(op.reverse())).toBe(40 * 1024);
    expect(replicationSizeMb(op.disks(['d1']))).toBe(10 * 1024);
    expect(replicationSizeMb({ ...op.enable(), diskGb: 0.5 } as ReplicationOperation)).toBe(512);
    for (const o of [
      op.planned(),
      op.unplanned(),
      op.commit(),
      op.startTest(),
      op.stopTest(),
      op.simple('suspend-replication'),
    ]) {
      expect(replicationSizeMb(o)).toBeNull();
    }
  });

  describe('enable-replication', () => {
    const fresh = scene({ replication: null });

    it('replicates only the disks Enable-VMReplication names (-ReplicatedDisks)', () => {
      const decision = applied(decideReplication({ ...op.enable(), disks: [{ id: 'D2', name: 'data' }] } as ReplicationOperation, fresh));
      expect(decision.next?.replicatedDiskIds).toEqual(['d2']);
      expect(applied(decideReplication(op.enable(), fresh)).next?.replicatedDiskIds).toEqual(['d1', 'd2']);
    });

    it('starts replicating every disk of the VM, and is done when run again', () => {
      const decision = applied(decideReplication(op.enable(), fresh));
      expect(decision).toEqual({
        outcome: 'apply',
        next: replicating({ frequencySeconds: 30, replicatedDiskIds: ['d1', 'd2'], ledger: startedLedger(Date.parse(AT)) }),
        changed: true,
        start: null,
        testVm: null,
        vmState: 'Running',
      });
      const again = decideReplication(op.enable(), after(op.enable(), fresh, decision));
      expect(again).toEqual({ outcome: 'done', replication: decision.next, vmState: 'Running' });
    });

    it('compares host ids whatever their case', () => {
      const upper = { ...op.enable(), host: ref(P.toUpperCase()), replica: ref(R.toUpperCase()) } as ReplicationOperation;
      expect(applied(decideReplication(upper, fresh)).next).toMatchObject({ primaryHostId: P, replicaHostId: R });
      expect(decideReplication(upper, scene()).outcome).toBe('done');
    });

    it('needs the VM on the primary, a replica other than the primary, and no other replication', () => {
      expect(decideReplication(op.enable(), scene({ replication: null, vm: null }))).toMatchObject({ outcome: 'not-found' });
      expect(decideReplication(op.enable(), scene({ replication: null }, 'Running', X))).toMatchObject({
        outcome: 'not-found',
        reason: expect.stringContaining(X),
      });
      expect(decideReplication(op.enable(P, P), fresh)).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('primary host itself'),
      });
      expect(decideReplication(op.enable(P, X), scene())).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('already replicates'),
      });
    });

    it('refuses a replica host that cannot run the VM configuration version: 5.0 goes to WS2012R2, 8.0 does not', () => {
      const old = { replication: null, replicaOsVersion: 'WS2012R2' };
      expect(decideReplication(op.enable(), scene(old))).toMatchObject({
        outcome: 'refused',
        reason: 'the replica host runs WS2012R2, which does not support configuration version 8.0',
      });
      const v5 = scene(old);
      v5.vm = { ...v5.vm!, configVersion: '5.0' };
      expect(decideReplication(op.enable(), v5).outcome).toBe('apply');
    });

    it('refuses nonsense arguments', () => {
      expect(decideReplication({ ...op.enable(), frequencySeconds: 0 } as ReplicationOperation, fresh).outcome).toBe('refused');
      expect(decideReplication({ ...op.enable(), diskGb: -1 } as ReplicationOperation, fresh).outcome).toBe('refused');
      expect(decideReplication({ ...op.enable(), diskGb: Number.NaN } as ReplicationOperation, fresh).outcome).toBe('refused');
    });
  });

  describe('suspend, resume, resynchronize, replicated disks', () => {
    it('suspends and resumes; each again is done', () => {
      const suspended = applied(decideReplication(op.simple('suspend-replication'), scene()));
      expect(suspended.next?.state).toBe('Suspended');
      const s = after(op.simple('suspend-replication'), scene(), suspended);
      expect(decideReplication(op.simple('suspend-replication'), s).outcome).toBe('done');
      const resumed = applied(decideReplication(op.simple('resume-replication'), s));
      expect(resumed.next?.state).toBe('Replicating');
      expect(decideReplication(op.simple('resume-replication'), after(op.simple('resume-replication'), s, resumed)).outcome).toBe(
        'done',
      );
    });

    it('resynchronizes a suspended or replicating VM, which then replicates', () => {
      expect(applied(decideReplication(op.resync(), scene({ replication: replicating({ state: 'Suspended' }) })))).toMatchObject({
        next: { state: 'Replicating' },
        changed: true,
      });
      // A resynchronization is work every time: it compares the whole VM again.
      expect(applied(decideReplication(op.resync(), scene()))).toMatchObject({ next: { state: 'Replicating' }, changed: true });
    });

    it('sets the replicated disks, once each', () => {
      const decision = applied(decideReplication(op.disks(['d1', 'd2', 'd2']), scene()));
      expect(decision).toMatchObject({ changed: true, next: { replicatedDiskIds: ['d1', 'd2'] } });
      expect(applied(decideReplication(op.disks(['d1', 'd2']), after(op.disks(['d1', 'd2']), scene(), decision))).changed).toBe(
        false,
      );
    });

    it('refuses all of them for a failed-over VM, and without replication', () => {
      const failedOver = scene({ replication: replicating({ state: 'FailedOver' }) });
      for (const o of [op.simple('suspend-replication'), op.simple('resume-replication'), op.resync(), op.disks(['d1'])]) {
        expect(decideReplication(o, failedOver).outcome).toBe('refused');
        expect(decideReplication(o, scene({ replication: null })).outcome).toBe('refused');
      }
    });
  });

  describe('planned-failover', () => {
    it('needs the primary VM Off: it then runs on the replica host, which replicates back', () => {
      for (const state of ['Running', 'Saved', 'Paused'] as const) {
        expect(decideReplication(op.planned(), scene({}, state))).toMatchObject({
          outcome: 'refused',
          reason: `a planned failover needs the primary VM Off (it is ${state}); shut it down first`,
        });
      }
      const off = scene({}, 'Off');
      const decision = applied(decideReplication(op.planned(), off));
      expect(decision).toEqual({
        outcome: 'apply',
        next: replicating({ primaryHostId: R, replicaHostId: P, ledger: startedLedger(Date.parse(AT)) }),
        changed: true,
        start: { hostId: R },
        testVm: null,
        vmState: 'Running',
      });
      const moved = after(op.planned(), off, decision);
      expect(decideReplication(op.planned(), moved)).toEqual({ outcome: 'done', replication: decision.next, vmState: 'Running' });
      // The way back is a planned failover the other way once the VM is Off again.
      const offAgain = { ...moved, vm: { ...moved.vm!, state: 'Off' as const } };
      expect(applied(decideReplication(op.planned(R, P), offAgain)).next).toMatchObject({ primaryHostId: P, replicaHostId: R });
    });

    it('refuses while suspended, during a test failover, and to a replica host too old for the VM', () => {
      expect(decideReplication(op.planned(), scene({ replication: replicating({ state: 'Suspended' }) }, 'Off')).outcome).toBe(
        'refused',
      );
      expect(decideReplication(op.planned(), scene({ replication: replicating({ testVmId: TEST_ID }) }, 'Off'))).toMatchObject({
        reason: expect.stringContaining('a test failover is running'),
      });
      expect(decideReplication(op.planned(), scene({ replicaOsVersion: 'WS2012R2' }, 'Off'))).toMatchObject({
        reason: expect.stringContaining('WS2012R2'),
      });
    });
  });

  describe('unplanned-failover', () => {
    it('starts the VM on the replica host whatever its state on the primary, and is done once there', () => {
      for (const state of ['Off', 'Running', 'Saved', 'Paused'] as const) {
        const decision = applied(decideReplication(op.unplanned(), scene({}, state)));
        expect(decision).toMatchObject({
          start: { hostId: R },
          vmState: 'Running',
          next: { state: 'FailedOver', primaryHostId: P, replicaHostId: R, failoverRecoveryPointId: 'rp-3' },
        });
        expect(decideReplication(op.unplanned(), after(op.unplanned(), scene({}, state), decision))).toMatchObject({
          outcome: 'done',
          vmState: 'Running',
        });
      }
    });

    it('fails over a suspended replica too, but only on the replica host and without a test failover', () => {
      expect(decideReplication(op.unplanned(), scene({ replication: replicating({ state: 'Suspended' }) })).outcome).toBe(
        'apply',
      );
      expect(decideReplication(op.unplanned(X), scene())).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining(R),
      });
      expect(decideReplication(op.unplanned(), scene({ replication: replicating({ testVmId: TEST_ID }) })).outcome).toBe(
        'refused',
      );
      expect(decideReplication(op.unplanned(), scene({ replication: null })).outcome).toBe('refused');
      expect(decideReplication(op.unplanned(), scene({ vm: null })).outcome).toBe('not-found');
    });

    it('checks the replica host runs the VM version', () => {
      expect(decideReplication(op.unplanned(), scene({ hostOsVersion: 'WS2012R2' })).outcome).toBe('refused');
    });

    it('commits: FailedOver becomes Committed; a commit otherwise changes nothing and never fails', () => {
      const failedOver = scene({ replication: replicating({ state: 'FailedOver' }) }, 'Running', R);
      const decision = applied(decideReplication(op.commit(), failedOver));
      expect(decision.next?.state).toBe('Committed');
      expect(decideReplication(op.commit(), after(op.commit(), failedOver, decision)).outcome).toBe('done');
      expect(decideReplication(op.commit(), scene({ replication: null, vm: null })).outcome).toBe('done');
      expect(decideReplication(op.commit(), scene()).outcome).toBe('done');
    });
  });

  describe('test failover', () => {
    it('makes one test VM on the replica host, replication going on; the same again is done, another refused', () => {
      const decision = applied(decideReplication(op.startTest(), scene()));
      expect(decision).toEqual({
        outcome: 'apply',
        next: replicating({ testVmId: TEST_ID }),
        changed: true,
        start: null,
        testVm: 'create',
        vmState: 'Running',
      });
      const running = after(op.startTest(), scene(), decision);
      expect(decideReplication(op.startTest(), running).outcome).toBe('done');
      const other = 'cccccccc-0000-4000-8000-000000000002';
      expect(decideReplication(op.startTest(R, other), { ...running, testVm: null })).toMatchObject({
        outcome: 'refused',
        reason: `a test failover is running (test VM ${TEST_ID}); stop it first`,
      });
      // Replication goes on meanwhile.
      expect(applied(decision).next?.state).toBe('Replicating');
    });

    it('runs on the replica host only, for a replicating VM, with a test VM id no VM has', () => {
      expect(decideReplication(op.startTest(P), scene()).outcome).toBe('refused');
      expect(decideReplication(op.startTest(), scene({ replication: null })).outcome).toBe('refused');
      expect(decideReplication(op.startTest(), scene({ replication: replicating({ state: 'FailedOver' }) })).outcome).toBe(
        'refused',
      );
      expect(decideReplication(op.startTest(), scene({ testVm: { hostId: X } }))).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('exists already'),
      });
      expect(decideReplication(op.startTest(R, VM_ID), scene({ testVm: { hostId: P } })).outcome).toBe('refused');
    });

    it('stops: the test VM goes, and stopping again is done; a VM that is not its test VM is left alone', () => {
      const running = scene({ replication: replicating({ testVmId: TEST_ID }), testVm: { hostId: R } });
      const decision = applied(decideReplication(op.stopTest(), running));
      expect(decision).toMatchObject({ next: replicating(), testVm: 'delete', changed: true });
      expect(decideReplication(op.stopTest(), after(op.stopTest(), running, decision)).outcome).toBe('done');
      expect(decideReplication(op.stopTest(), scene({ testVm: { hostId: R } }))).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('is not a test VM'),
      });
      expect(decideReplication(op.stopTest(), scene({ replication: null })).outcome).toBe('done');
    });
  });

  describe('reverse-replication', () => {
    it('after an unplanned failover, replicates from the new primary back to the old one; again is done', () => {
      const failedOver = scene(
        { replication: replicating({ state: 'Committed', failoverRecoveryPointId: 'rp-3' }) },
        'Running',
        R,
      );
      const decision = applied(decideReplication(op.reverse(), failedOver));
      expect(decision.next).toEqual(replicating({ primaryHostId: R, replicaHostId: P, ledger: startedLedger(Date.parse(AT)) }));
      expect(decideReplication(op.reverse(), after(op.reverse(), failedOver, decision)).outcome).toBe('done');
    });

    it('is done after a planned failover, which reversed already', () => {
      const planned = scene({ replication: replicating({ primaryHostId: R, replicaHostId: P }) }, 'Running', R);
      expect(decideReplication(op.reverse(), planned).outcome).toBe('done');
    });

    it('needs the VM on the new primary, the pair of hosts of the replication, and a new replica that runs the VM', () => {
      const failedOver = scene({ replication: replicating({ state: 'FailedOver' }) }, 'Running', R);
      expect(decideReplication(op.reverse(R, X), failedOver)).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('only that direction can be reversed'),
      });
      expect(decideReplication(op.reverse(R, R), failedOver).outcome).toBe('refused');
      expect(decideReplication(op.reverse(), scene({ replication: replicating({ state: 'FailedOver' }) })).outcome).toBe(
        'not-found',
      );
      expect(decideReplication(op.reverse(), { ...failedOver, replicaOsVersion: 'WS2012R2' })).toMatchObject({
        reason: expect.stringContaining('the new replica host runs WS2012R2'),
      });
      expect(decideReplication(op.reverse(), scene({ replication: null }, 'Running', R)).outcome).toBe('refused');
    });
  });

  describe('remove-replication', () => {
    it('removes the relationship; removing again is done', () => {
      expect(applied(decideReplication(op.simple('remove-replication'), scene()))).toMatchObject({ next: null, changed: true });
      expect(decideReplication(op.simple('remove-replication'), scene({ replication: null }))).toEqual({
        outcome: 'done',
        replication: null,
        vmState: 'Running',
      });
    });

    it('waits for a running test failover to be stopped', () => {
      expect(
        decideReplication(op.simple('remove-replication'), scene({ replication: replicating({ testVmId: TEST_ID }) })),
      ).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('stop it first'),
      });
    });
  });

  it('is idempotent: every operation applied to the scene it produced is done or changes nothing', () => {
    const scenes: ReplicationScene[] = [
      scene({ replication: null }),
      scene(),
      scene({}, 'Off'),
      scene({ replication: replicating({ state: 'Suspended' }) }),
      scene({ replication: replicating({ state: 'FailedOver' }) }, 'Running', R),
      scene({ replication: replicating({ testVmId: TEST_ID }), testVm: { hostId: R } }),
      scene({ replication: replicating({ primaryHostId: R, replicaHostId: P }) }, 'Off', R),
    ];
    const operations = [
      op.enable(),
      op.simple('suspend-replication'),
      op.simple('resume-replication'),
      op.simple('remove-replication'),
      op.resync(),
      op.disks(['d2']),
      op.planned(),
      op.planned(R, P),
      op.unplanned(),
      op.commit(),
      op.startTest(),
      op.stopTest(),
      op.reverse(),
    ];
    let checked = 0;
    for (const operation of operations) {
      for (const before of scenes) {
        const first = decideReplication(operation, before);
        if (first.outcome !== 'apply') continue;
        const second = decideReplication(operation, after(operation, before, first));
        if (operation.kind === 'resynchronize-replication') {
          expect(second).toEqual(first);
          continue;
        }
        expect([second.outcome, second.outcome === 'apply' && second.changed]).toEqual(
          second.outcome === 'done' ? ['done', false] : ['apply', false],
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
