import { Logger } from 'pino';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { loadAggregate } from '../../event-store/aggregate-stream';
import { SystemCommands } from '../../platform/system-commands';
import { vmDecider } from '../../vms/domain/vm.decider';
import { VmEvent, vmStreamId } from '../../vms/domain/vm.events';
import { clusterDecider } from '../domain/cluster.decider';
import { ClusterCommand } from '../domain/cluster.commands';
import { clusterStreamId } from '../domain/cluster.events';

const ACTOR = 'vm-role-departures';

/**
 * A VM live-migrated out of its cluster takes its clustered role out of it: the source cluster
 * drops what it kept of that role (its resiliency period). The command's id derives from the
 * migration's event, so a replay records nothing twice. Called by the processor that already
 * follows VmMigrated (node-moves), so that a move costs no reader of its own.
 */
export async function removeDepartedVmRole(commands: SystemCommands, logger: Logger, recorded: RecordedEvent): Promise<void> {
  const { vmId, fromClusterId, toClusterId, at } = (recorded as unknown as Extract<VmEvent, { type: 'VmMigrated' }>).data;
  if (!fromClusterId || fromClusterId === toClusterId) return;
  await removeRole(commands, logger, fromClusterId, { type: 'RemoveVmRole', vmId, toClusterId, now: at }, recorded);
}

/**
 * A deleted VM's role goes with it: its cluster drops the role's resiliency period. VmDeleted does
 * not name the cluster, so it is read from the VM's stream, which keeps the VM's last placement.
 */
export async function removeDeletedVmRole(
  commands: SystemCommands,
  eventStore: EventStore,
  logger: Logger,
  recorded: RecordedEvent,
): Promise<void> {
  const { vmId, at } = (recorded as unknown as Extract<VmEvent, { type: 'VmDeleted' }>).data;
  const { state } = await loadAggregate(eventStore, vmDecider, vmStreamId(vmId));
  if (state.status === 'None' || !state.clusterId) return;
  const command: ClusterCommand = { type: 'RemoveVmRole', vmId, toClusterId: null, vmDeleted: true, now: at };
  await removeRole(commands, logger, state.clusterId, command, recorded);
}

async function removeRole(
  commands: SystemCommands,
  logger: Logger,
  clusterId: string,
  command: Extract<ClusterCommand, { type: 'RemoveVmRole' }>,
  recorded: RecordedEvent,
): Promise<void> {
  const sent = await commands.send(clusterDecider, clusterStreamId(clusterId), command, {
    commandId: `${ACTOR}/${recorded.eventId}`,
    actor: ACTOR,
    event: recorded,
  });
  if (sent.events.length > 0)
    logger.info(
      { vmId: command.vmId, clusterId, toClusterId: command.toClusterId, vmDeleted: command.vmDeleted ?? false },
      "the VM's role left its cluster",
    );
}
