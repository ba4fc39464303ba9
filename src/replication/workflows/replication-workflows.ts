import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { RecordedEvent } from '../../event-store/event-store.port';
import { DomainError } from '../../platform/domain/domain-error';
import { deterministicUuid } from '../../platform/deterministic-id';
import { ProblemError } from '../../platform/http/problem';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { createJobFor } from '../../jobs/workflows/job-dispatcher';
import { ClusterTimers, ExtensionTimerPayload } from '../../clusters/workflows/cluster-timers';
import { HostDirectory } from '../../hosts/host-directory';
import { vmDecider } from '../../vms/domain/vm.decider';
import { vmStreamId } from '../../vms/domain/vm.events';
import { replicationDecider, ReplicationState } from '../domain/replication.decider';
import { ReplicationEvent, replicationStreamId } from '../domain/replication.events';
import { ReplicationDirectory } from '../replication-directory';

export const CYCLE_TIMER = 'replication-cycle';

export interface ReplicationDeps {
  commands: SystemCommands;
  directory: ReplicationDirectory;
  hosts: HostDirectory;
  timers: ClusterTimers;
  dataSource: DataSource;
  logger: Logger;
}

interface CycleTimer extends ExtensionTimerPayload {
  vmId: string;
  seq: number;
}

function cycleTimer(vmId: string, seq: number, at: string): CycleTimer {
  return { kind: CYCLE_TIMER, key: `${vmId}-${seq}`, vmId, seq, at };
}

/** Events after which the next cycle is due: its timer is scheduled from the relationship's state. */
const SCHEDULING_EVENTS = [
  'ReplicationEnabled',
  'ReplicationCycleRequested',
  'ReplicationCycleMissed',
  'ReplicationResumed',
  'ReplicationResynchronized',
  'ReplicationPlannedFailedOver',
  'ReplicationReversed',
];

/**
 * Replication cycles on durable timers: the timer of cycle n sends RunCycle n (its job id and
 * command id derive from the VM and n), so a timer that fires twice, or again after a restart,
 * runs the cycle once; the sweep re-schedules from the relationships' state what Redis lost.
 */
export function cycleScheduler(deps: ReplicationDeps): Processor {
  return {
    name: 'replication-cycles',
    effects: 'outside',
    eventTypes: SCHEDULING_EVENTS,
    async handle(events) {
      for (const event of events) {
        const vmId = (event.data as { vmId: string }).vmId;
        const state = await deps.directory.state(vmId);
        if (state.status === 'Replicating' && state.nextDueAt)
          await deps.timers.schedule(cycleTimer(vmId, state.nextSeq, state.nextDueAt));
      }
    },
  };
}

export function cycleTimers(deps: ReplicationDeps) {
  return {
    kind: CYCLE_TIMER,
    async fire(timer: ExtensionTimerPayload): Promise<void> {
      const { vmId, seq } = timer as CycleTimer;
      const state = await deps.directory.state(vmId);
      if (state.status !== 'Replicating' || state.nextSeq !== seq) return;
      const { vm, primary, replica } = await deps.directory.facts(vmId);
      const outcome = await deps.commands.send(
        replicationDecider,
        replicationStreamId(vmId),
        {
          type: 'RunCycle',
          seq,
          jobId: deterministicUuid(`replication-cycle/${vmId}/${seq}`),
          vm,
          primary,
          replica,
          now: new Date().toISOString(),
        },
        { commandId: `replication-cycle/${vmId}/${seq}`, actor: 'replication' },
      );
      for (const written of outcome.events) await createJobFor(written, deps.commands);
    },
    async owed(): Promise<ExtensionTimerPayload[]> {
      const rows: Array<{ id: string; next_seq: number; next_due_at: string }> = await deps.dataSource.query(
        "SELECT id, next_seq, next_due_at FROM rm_replications WHERE state = 'Replicating' AND next_due_at IS NOT NULL",
      );
      return rows.map((r) => cycleTimer(r.id, r.next_seq, r.next_due_at));
    },
  };
}

/** After a failover the VM runs on the other host: the VM aggregate records where (and that it runs). */
export function failoverRelocation(deps: ReplicationDeps): Processor {
  return {
    name: 'replication-failovers',
    effects: 'outside',
    eventTypes: ['ReplicationPlannedFailedOver', 'ReplicationFailedOver'],
    async handle(events) {
      for (const recorded of events) {
        const event = recorded as unknown as Extract<
          ReplicationEvent,
          { type: 'ReplicationPlannedFailedOver' | 'ReplicationFailedOver' }
        >;
        const host = await deps.hosts.facts(event.data.toHostId);
        try {
          await deps.commands.send(
            vmDecider,
            vmStreamId(event.data.vmId),
            {
              type: 'RelocateVm',
              toHostId: event.data.toHostId,
              toClusterId: host.clusterId,
              power: 'Running',
              reason:
                event.type === 'ReplicationPlannedFailedOver' ? 'planned failover to the replica' : 'failover to the replica',
              now: event.data.at,
            },
            { commandId: `replication-failover/${recorded.eventId}`, actor: 'replication', event: recorded },
          );
        } catch (error) {
          if (!(error instanceof DomainError || error instanceof ProblemError)) throw error;
          deps.logger.warn({ vmId: event.data.vmId, code: error.code }, 'the failed-over VM could not be relocated');
        }
      }
    },
  };
}

/** A disk added to a replicating VM: left out of replication (WS2016+) or breaking it (WS2012R2 primary). */
export function addedDisks(deps: ReplicationDeps): Processor {
  return {
    name: 'replication-disks',
    effects: 'outside',
    eventTypes: ['VmDiskAdded'],
    async handle(events) {
      for (const recorded of events) {
        const data = recorded.data as { vmId: string; hostId: string; disk: { id: string } };
        const state: ReplicationState = await deps.directory.state(data.vmId);
        if (state.status === 'None' || state.status === 'Removed') continue;
        const primary = await deps.hosts.state(data.hostId);
        await deps.commands.send(
          replicationDecider,
          replicationStreamId(data.vmId),
          {
            type: 'NoteDiskAdded',
            diskId: data.disk.id,
            primaryOsVersion: primary.osVersion,
            now: recorded.recordedAt.toISOString(),
          },
          { commandId: `replication-disk/${recorded.eventId}`, actor: 'replication', event: recorded as RecordedEvent },
        );
      }
    },
  };
}
