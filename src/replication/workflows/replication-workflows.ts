import { Logger } from 'pino';
import { RecordedEvent } from '../../event-store/event-store.port';
import { DomainError } from '../../platform/domain/domain-error';
import { ProblemError } from '../../platform/http/problem';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { HostDirectory } from '../../hosts/host-directory';
import { vmDecider } from '../../vms/domain/vm.decider';
import { vmStreamId } from '../../vms/domain/vm.events';
import { replicationDecider, ReplicationState } from '../domain/replication.decider';
import { ReplicationEvent, replicationStreamId } from '../domain/replication.events';
import { ReplicationDirectory } from '../replication-directory';

export interface ReplicationDeps {
  commands: SystemCommands;
  directory: ReplicationDirectory;
  hosts: HostDirectory;
  logger: Logger;
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
