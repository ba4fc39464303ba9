import { Logger } from 'pino';
import { RecordedEvent } from '../../event-store/event-store.port';
import { SystemCommands } from '../../platform/system-commands';
import type { VmEvent } from '../../vms/domain/vm.events';
import { clusterDecider } from '../domain/cluster.decider';
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
  const sent = await commands.send(
    clusterDecider,
    clusterStreamId(fromClusterId),
    { type: 'RemoveVmRole', vmId, toClusterId, now: at },
    { commandId: `${ACTOR}/${recorded.eventId}`, actor: ACTOR, event: recorded },
  );
  if (sent.events.length > 0) logger.info({ vmId, fromClusterId, toClusterId }, "the VM's role left its cluster");
}
