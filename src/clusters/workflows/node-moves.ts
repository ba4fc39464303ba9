import { Logger } from 'pino';
import { RecordedEvent } from '../../event-store/event-store.port';
import { EventStore } from '../../event-store/event-store.port';
import { loadAggregate } from '../../event-store/aggregate-stream';
import { DomainError } from '../../platform/domain/domain-error';
import { deterministicUuid } from '../../platform/deterministic-id';
import { SystemCommands } from '../../platform/system-commands';
import { Processor } from '../../processing/processor';
import { JobCommand } from '../../jobs/domain/job.commands';
import { jobDecider } from '../../jobs/domain/job.decider';
import { jobStreamId } from '../../jobs/domain/job.events';
import { isOrchestrated } from '../../jobs/domain/hypervisor-driver.port';
import { routeJobOutcome } from '../../jobs/workflows/job-outcome-router';
import { JobRoutes } from '../../jobs/job-routes';
import { vmDecider } from '../../vms/domain/vm.decider';
import { HostFacts, MoveInitiator, VmCommand } from '../../vms/domain/vm.commands';
import { VmEvent, vmStreamId } from '../../vms/domain/vm.events';
import { HostFactsQuery } from '../../hosts/host-facts.query';
import { factsOf, loadExistingCluster, readNodesHostFacts } from '../cluster-aggregate';
import { clusterFactsOf, ExistingCluster } from '../domain/cluster.decider';
import { ClusterEvent, PlannedMove } from '../domain/cluster.events';
import { removeDeletedVmRole, removeDepartedVmRole } from './vm-role-departures';

const ACTOR = 'node-moves';
const MOVE_REQUEST_CONCURRENCY = 4;

export interface NodeMovesDeps {
  commands: SystemCommands;
  eventStore: EventStore;
  hosts: HostFactsQuery;
  routes: JobRoutes;
  logger: Logger;
}

/**
 * Carries out drains and failbacks (DOMAIN.md: pause with drain, resume with failback). Their
 * job is the process's state: step 0 pauses or resumes the node, then one step per VM move. Each
 * move is a migration command to the VM with an id derived from the job, its attempt and the VM,
 * so a replay after a crash asks for nothing twice; the migrations queue in the live-migration
 * scheduler, which keeps every host within its limit. When the last move has succeeded the job
 * succeeds and the cluster records the node as drained (or resumed); a move that fails fails the job.
 * It also tells the source cluster when a VM left it for another, and a VM's cluster when the VM
 * was deleted (vm-role-departures.ts).
 */
export function nodeMovesOrchestrator(deps: NodeMovesDeps): Processor {
  return {
    name: 'node-moves',
    effects: 'outside',
    eventTypes: [
      'ClusterNodeDrainRequested',
      'ClusterNodeResumeRequested',
      'VmMigrated',
      'VmMigrationFailed',
      'JobCancelRequested',
      'VmDeleted',
    ],
    async handle(events) {
      for (const event of events) {
        if (event.type === 'ClusterNodeDrainRequested' || event.type === 'ClusterNodeResumeRequested') await start(deps, event);
        else if (event.type === 'JobCancelRequested') await cancel(deps, event);
        else if (event.type === 'VmDeleted') await removeDeletedVmRole(deps.commands, deps.eventStore, deps.logger, event);
        else {
          if (event.type === 'VmMigrated') await removeDepartedVmRole(deps.commands, deps.logger, event);
          await moveEnded(deps, event);
        }
      }
    },
  };
}

async function loadJob(deps: NodeMovesDeps, jobId: string) {
  return (await loadAggregate(deps.eventStore, jobDecider, jobStreamId(jobId))).state;
}

async function sendToJob(
  deps: NodeMovesDeps,
  jobId: string,
  command: JobCommand,
  step: string,
  cause: RecordedEvent,
): Promise<void> {
  const outcome = await deps.commands.send(jobDecider, jobStreamId(jobId), command, {
    commandId: `${ACTOR}/${jobId}/${step}`,
    actor: ACTOR,
    event: cause,
  });
  // Settle the cluster at once when the job ends, rather than when the outcome router gets to it.
  for (const written of outcome.events) await routeJobOutcome(written, deps.commands, deps.routes, deps.logger);
}

async function start(deps: NodeMovesDeps, event: RecordedEvent): Promise<void> {
  const data = (event as unknown as Extract<ClusterEvent, { type: 'ClusterNodeDrainRequested' | 'ClusterNodeResumeRequested' }>)
    .data;
  const { jobId, attempt } = data.job;
  const now = () => new Date().toISOString();
  await sendToJob(deps, jobId, { type: 'StartJob', attempt, steps: [0], now: now() }, `${attempt}/start-with-step-0`, event);
  // With no VM to move this completes the job: the job decider ends an orchestrated job with its last step.
  await sendToJob(deps, jobId, { type: 'CompleteJobStep', attempt, index: 0, now: now() }, `${attempt}/step-0-done`, event);
  if (data.moves.length === 0) return;
  const cluster = await loadExistingCluster(deps.eventStore, data.clusterId);
  // The hosts' facts are read once for the whole plan, not once per move: the moves are all asked
  // for now, before any of them has run, so a read per move would see the same facts again. Their
  // load is the one the plan started from, and the plan counted every move against its destination.
  const facts = await readNodesHostFacts(
    deps.eventStore,
    deps.hosts,
    data.moves.flatMap((m) => [m.fromHostId, m.toHostId]),
    cluster,
  );
  const type: MoveInitiator['type'] = event.type === 'ClusterNodeDrainRequested' ? 'drain' : 'failback';
  const indices = data.moves.map((_, i) => i + 1);
  await sendToJob(deps, jobId, { type: 'StartJobSteps', attempt, indices, now: now() }, `${attempt}/moves-start`, event);
  // The moves are asked for a few at a time; the live-migration scheduler queues them per host anyway.
  const queue = data.moves.map((move, i) => ({ move, index: i + 1 }));
  const refusals: Array<{ code: string; detail: string }> = [];
  const worker = async () => {
    for (let next = queue.shift(); next && refusals.length === 0; next = queue.shift()) {
      const initiator: MoveInitiator = { type, jobId, attempt, stepIndex: next.index };
      const refused = await requestMove(deps, cluster, facts, next.move, initiator, event);
      if (refused)
        refusals.push({
          code: refused.code,
          detail: `${next.move.vmName} could not move to ${next.move.toHostName}: ${refused.detail}`,
        });
    }
  };
  await Promise.all(Array.from({ length: Math.min(MOVE_REQUEST_CONCURRENCY, queue.length) }, worker));
  if (refusals.length > 0) {
    await sendToJob(deps, jobId, { type: 'FailJob', attempt, problem: refusals[0], now: now() }, `${attempt}/failed`, event);
  }
}

/** Asks the VM to move; answers the rule that refused it, if one did. */
async function requestMove(
  deps: NodeMovesDeps,
  cluster: ExistingCluster,
  facts: ReadonlyMap<string, HostFacts | DomainError>,
  move: PlannedMove,
  initiator: MoveInitiator,
  cause: RecordedEvent,
): Promise<{ code: string; detail: string } | null> {
  try {
    const source = factsOf(facts, move.fromHostId);
    const destination = factsOf(facts, move.toHostId);
    const command: VmCommand = {
      type: 'MigrateVm',
      jobId: deterministicUuid(`move/${initiator.jobId}/${initiator.attempt}/${move.vmId}`),
      host: source,
      destination,
      cluster: clusterFactsOf(cluster),
      initiator,
      requestedBy: { actor: `system:${ACTOR}`, role: 'system' },
      now: new Date().toISOString(),
    };
    await deps.commands.send(vmDecider, vmStreamId(move.vmId), command, {
      commandId: `${ACTOR}/${initiator.jobId}/${initiator.attempt}/move-${move.vmId}`,
      actor: ACTOR,
      event: cause,
    });
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, detail: error.message };
    throw error;
  }
}

async function moveEnded(deps: NodeMovesDeps, event: RecordedEvent): Promise<void> {
  const vmEvent = event as unknown as Extract<VmEvent, { type: 'VmMigrated' | 'VmMigrationFailed' }>;
  const initiator = vmEvent.data.initiator;
  if (!initiator || (initiator.type !== 'drain' && initiator.type !== 'failback') || !initiator.jobId) return;
  const { jobId, attempt, stepIndex } = initiator as { jobId: string; attempt: number; stepIndex: number };
  const now = new Date().toISOString();
  if (vmEvent.type === 'VmMigrationFailed') {
    const problem = {
      code: vmEvent.data.problem.code,
      detail: `Moving VM ${vmEvent.data.vmId} failed: ${vmEvent.data.problem.detail}`,
    };
    await sendToJob(deps, jobId, { type: 'FailJob', attempt, problem, now }, `${attempt}/failed`, event);
    return;
  }
  // The job decider ends the job with its last step.
  await sendToJob(
    deps,
    jobId,
    { type: 'CompleteJobStep', attempt, index: stepIndex, now },
    `${attempt}/step-${stepIndex}-done`,
    event,
  );
}

/** A cancelled drain or failback ends its job; the migrations it already asked for still finish. */
async function cancel(deps: NodeMovesDeps, event: RecordedEvent): Promise<void> {
  const { jobId, attempt } = event.data as { jobId: string; attempt: number };
  const job = await loadJob(deps, jobId);
  if (job.status === 'None' || !isOrchestrated(job.operation) || job.attempt !== attempt) return;
  await sendToJob(
    deps,
    jobId,
    { type: 'ConfirmJobCancelled', attempt, now: new Date().toISOString() },
    `${attempt}/cancelled`,
    event,
  );
}
