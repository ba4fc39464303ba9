/** Pausing and restarting the flow of changes: suspend, resume, resynchronize. */
import type { ReplicationCommand } from './replication.commands';
import type { ReplicationEvent } from './replication.events';
import type { ReplicationState } from './replication.state';
import { intent, ready, totalGb, vmRefOf } from './replication-operations';

type Command<T extends ReplicationCommand['type']> = Extract<ReplicationCommand, { type: T }>;

export function suspend(command: Command<'SuspendReplication'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'suspend replication', ['Replicating']);
  const operation = {
    kind: 'suspend-replication',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
  } as const;
  return [intent(r, 'ReplicationSuspendRequested', operation, command)];
}

export function resume(command: Command<'ResumeReplication'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'resume replication', ['Suspended']);
  const operation = {
    kind: 'resume-replication',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
  } as const;
  return [intent(r, 'ReplicationResumeRequested', operation, command)];
}

/** Compares the whole VM again: what clears a broken relationship. */
export function resynchronize(command: Command<'ResynchronizeReplication'>, state: ReplicationState): ReplicationEvent[] {
  const r = ready(state, 'resynchronize', ['Replicating', 'Suspended']);
  const operation = {
    kind: 'resynchronize-replication',
    host: command.primary,
    vm: vmRefOf(command.vm),
    replica: command.replica,
    diskGb: totalGb(command.vm, r.replicatedDiskIds),
  } as const;
  return [intent(r, 'ReplicationResyncRequested', operation, command)];
}
