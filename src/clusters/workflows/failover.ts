import { Logger } from 'pino';
import { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { HostFactsQuery } from '../../hosts/host-facts.query';
import { DomainError } from '../../platform/domain/domain-error';
import { deterministicUuid } from '../../platform/deterministic-id';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { vmDecider } from '../../vms/domain/vm.decider';
import { VmCommand } from '../../vms/domain/vm.commands';
import { vmStreamId } from '../../vms/domain/vm.events';
import { factsOf, loadExistingCluster, readNodesHostFacts } from '../cluster-aggregate';
import { clusterFactsOf } from '../domain/cluster.decider';
import { ClusterEvent } from '../domain/cluster.events';

const ACTOR = 'failover';

/**
 * Restarts the VMs of a lost node on the nodes placement chose (compute resiliency). One
 * failover command per VM, its id derived from the event that decided it, so a replay restarts
 * nothing twice. A VM the rules refuse now (it moved meanwhile, the node filled up) is logged
 * and stays where it is.
 */
export interface FailoverDeps {
  commands: SystemCommands;
  eventStore: EventStore;
  hosts: HostFactsQuery;
  logger: Logger;
}

export function failoverOrchestrator(deps: FailoverDeps): Processor {
  return {
    name: 'failover',
    effects: 'outside',
    eventTypes: ['ClusterNodeFailed', 'ClusterVmsFailedOverFromIsolatedNode'],
    async handle(events) {
      for (const event of events) await failOver(event, deps);
    },
  };
}

async function failOver(event: RecordedEvent, { commands, eventStore, hosts, logger }: FailoverDeps): Promise<void> {
  const data = (event as unknown as Extract<ClusterEvent, { type: 'ClusterNodeFailed' | 'ClusterVmsFailedOverFromIsolatedNode' }>)
    .data;
  if (data.moves.length === 0) return;
  const cluster = await loadExistingCluster(eventStore, data.clusterId);
  // Read once for every move: the plan counted each restarted VM against its destination already.
  const facts = await readNodesHostFacts(
    eventStore,
    hosts,
    data.moves.flatMap((m) => [m.fromHostId, m.toHostId]),
    cluster,
  );
  for (const move of data.moves) {
    try {
      const source = factsOf(facts, move.fromHostId);
      const destination = factsOf(facts, move.toHostId);
      const command: VmCommand = {
        type: 'FailOverVm',
        jobId: deterministicUuid(`failover/${event.eventId}/${move.vmId}`),
        host: source,
        destination,
        cluster: clusterFactsOf(cluster),
        initiator: { type: 'failover', jobId: null, attempt: null, stepIndex: null },
        requestedBy: { actor: `system:${ACTOR}`, role: 'system' },
        now: new Date().toISOString(),
      };
      await commands.send(vmDecider, vmStreamId(move.vmId), command, {
        commandId: `${ACTOR}/${event.eventId}/${move.vmId}`,
        actor: ACTOR,
        event,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ vmId: move.vmId, code: error.code, error: error.message }, 'a VM of a lost node could not fail over');
    }
  }
}
