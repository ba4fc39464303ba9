/** Failovers: planned, unplanned (and its commit), test failovers, and reversing the direction afterwards. */
import type { ReplicationCommand } from './replication.commands';
import { replicationErrors as errors } from './replication.errors';
import type { ReplicationEvent } from './replication.events';
import type { ReplicationState } from './replication.state';
import {
  checkReplicaSupports,
  chosenPoint,
  existing,
  intent,
  noTestFailover,
  pointRef,
  ready,
  totalGb,
  vmRefOf,
} from './replication-operations';

type Command<T extends ReplicationCommand['type']> = Extract<ReplicationCommand, { type: T }>;

/** The primary VM is Off: the last changes go over, the replica starts, and the direction reverses. */
export function plannedFailover(command: Command<'PlannedFailover'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'fail over (planned)', ['Replicating']);
  noTestFailover(r, 'fail over');
  if (command.vm.power !== 'Off') throw errors.vmNotOff(command.vm.power);
  const operation = {
    kind: 'planned-failover',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
  } as const;
  return [
    intent(r, 'ReplicationPlannedFailoverRequested', operation, command, {
      fromHostId: r.primaryHostId,
      toHostId: r.replicaHostId,
    }),
  ];
}

/** Runs on the replica from a recovery point (the latest unless one is chosen); the primary may be gone. */
export function unplannedFailover(command: Command<'UnplannedFailover'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'fail over', ['Replicating', 'Suspended']);
  noTestFailover(r, 'fail over');
  const point = chosenPoint(r, command.recoveryPointId);
  const operation = {
    kind: 'unplanned-failover',
    host: command.replica,
    vm: vmRefOf(command.vm),
    primary: command.primary,
    ...pointRef(point),
  } as const;
  return [
    intent(r, 'ReplicationUnplannedFailoverRequested', operation, command, {
      recoveryPointId: point.id,
      fromHostId: r.primaryHostId,
      toHostId: r.replicaHostId,
    }),
  ];
}

export function commitFailover(command: Command<'CommitFailover'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'commit the failover', ['FailedOver']);
  const operation = {
    kind: 'commit-failover',
    host: command.primary,
    vm: vmRefOf(command.vm),
    recoveryPointId: r.failedOverTo!.recoveryPointId,
  } as const;
  return [intent(r, 'ReplicationCommitRequested', operation, command)];
}

/** A separate test VM on the replica host, one at a time; replication goes on meanwhile. */
export function startTestFailover(command: Command<'StartTestFailover'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'start a test failover', ['Replicating', 'Suspended']);
  if (r.testFailover) throw errors.secondTestFailover(r.testFailover.testVmName);
  const point = chosenPoint(r, command.recoveryPointId);
  const testVmName = `${r.vmName} - Test`;
  const operation = {
    kind: 'start-test-failover',
    host: command.replica,
    vm: vmRefOf(command.vm),
    testVm: { vmId: command.testVmId, name: testVmName },
    ...pointRef(point),
  } as const;
  return [
    intent(r, 'ReplicationTestFailoverRequested', operation, command, {
      testVmId: command.testVmId,
      testVmName,
      recoveryPointId: point.id,
    }),
  ];
}

export function stopTestFailover(command: Command<'StopTestFailover'>, state: ReplicationState): ReplicationEvent[] {
  const r = existing(state);
  if (!r.testFailover) throw errors.noTestFailover();
  if (r.pending) throw errors.busy(r.pending.kind, r.pending.jobId);
  const operation = {
    kind: 'stop-test-failover',
    host: command.replica,
    vm: vmRefOf(command.vm),
    testVmId: r.testFailover.testVmId,
  } as const;
  return [intent(r, 'ReplicationTestFailoverStopRequested', operation, command, { testVmId: r.testFailover.testVmId })];
}

/** After a failover: replication starts again the other way, from the host that runs the VM now. */
export function reverse(command: Command<'ReverseReplication'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'reverse replication', ['FailedOver', 'Committed']);
  noTestFailover(r, 'reverse replication');
  checkReplicaSupports(command.vm, command.replica);
  const operation = {
    kind: 'reverse-replication',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
    diskGb: totalGb(command.vm, r.replicatedDiskIds),
  } as const;
  return [
    intent(r, 'ReplicationReverseRequested', operation, command, {
      newPrimaryHostId: command.primary.hostId,
      newReplicaHostId: command.replica.hostId,
    }),
  ];
}
