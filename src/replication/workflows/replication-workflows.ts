import { Logger } from 'pino';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { DomainError } from '../../platform/domain/domain-error';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { registeredHost } from '../../hosts/domain/host-facts';
import { loadHost } from '../../hosts/host-aggregate';
import { HostFactsQuery } from '../../hosts/host-facts.query';
import { vmDecider } from '../../vms/domain/vm.decider';
import { vmStreamId } from '../../vms/domain/vm.events';
import { replicationDecider, ReplicationState } from '../domain/replication.decider';
import { ReplicationEvent, replicationStreamId } from '../domain/replication.events';
import { loadReplication } from '../replication-aggregate';

export interface ReplicationDeps {
  commands: SystemCommands;
  eventStore: EventStore;
  hosts: HostFactsQuery;
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
        // Only the cluster it belongs to is needed: the read model's fact.
        const placement = await deps.hosts.placement(event.data.toHostId);
        try {
          await deps.commands.send(
            vmDecider,
            vmStreamId(event.data.vmId),
            {
              type: 'RelocateVm',
              toHostId: event.data.toHostId,
              toClusterId: placement?.clusterId ?? null,
              power: 'Running',
              reason:
                event.type === 'ReplicationPlannedFailedOver' ? 'planned failover to the replica' : 'failover to the replica',
              now: event.data.at,
            },
            { commandId: `replication-failover/${recorded.eventId}`, actor: 'replication', event: recorded },
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
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
        const state: ReplicationState = await loadReplication(deps.eventStore, data.vmId);
        if (state.status === 'None' || state.status === 'Removed') continue;
        const primary = registeredHost(await loadHost(deps.eventStore, data.hostId), data.hostId);
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
