/**
 * A VM's Hyper-V Replica relationship (DOMAIN.md, replication), with its own stream. The state and
 * its fold are in replication.state.ts; the commands, grouped by concern, in replication-setup.ts,
 * replication-flow.ts, replication-failover.ts and replication-observation.ts. Pure: the VM's and
 * hosts' facts, ids, time and the (scaled) interval arrive in the commands.
 */
import { Decider } from '../../platform/domain/decider';
import type { ReplicationCommand } from './replication.commands';
import { REPLICATION_SCHEMA_VERSIONS, ReplicationEvent } from './replication.events';
import { evolve, initialState, ReplicationState } from './replication.state';
import {
  commitFailover,
  plannedFailover,
  reverse,
  startTestFailover,
  stopTestFailover,
  unplannedFailover,
} from './replication-failover';
import { resume, resynchronize, suspend } from './replication-flow';
import { observe } from './replication-observation';
import { complete, fail } from './replication-operations';
import { enable, noteDiskAdded, remove, setReplicatedDisks } from './replication-setup';

export type { ReplicationCommand, VmFacts } from './replication.commands';
export type { ExistingReplication, ReplicationState, ReplicationStatus } from './replication.state';
export { retainRecoveryPoints } from './replication.state';

function decide(command: ReplicationCommand, state: ReplicationState): ReplicationEvent[] {
  switch (command.type) {
    case 'EnableReplication':
      return enable(command, state);
    case 'SetReplicatedDisks':
      return setReplicatedDisks(command, state);
    case 'RemoveReplication':
      return remove(command, state);
    case 'NoteDiskAdded':
      return noteDiskAdded(command, state);
    case 'SuspendReplication':
      return suspend(command, state);
    case 'ResumeReplication':
      return resume(command, state);
    case 'ResynchronizeReplication':
      return resynchronize(command, state);
    case 'PlannedFailover':
      return plannedFailover(command, state);
    case 'UnplannedFailover':
      return unplannedFailover(command, state);
    case 'CommitFailover':
      return commitFailover(command, state);
    case 'StartTestFailover':
      return startTestFailover(command, state);
    case 'StopTestFailover':
      return stopTestFailover(command, state);
    case 'ReverseReplication':
      return reverse(command, state);
    case 'CompleteReplicationOperation':
      return complete(command, state);
    case 'FailReplicationOperation':
      return fail(command, state);
    case 'ObserveReplication':
      return observe(command, state);
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
  schemaVersions: REPLICATION_SCHEMA_VERSIONS,
};
