/** The end of a cluster operation's job: completed, failed, or retried (drains and resumes only). */
import * as lifecycle from '../../platform/domain/operation-lifecycle';
import { LoadFacts } from './cluster.commands';
import * as errors from './cluster.errors';
import { CLUSTER_OPERATIONS, ClusterEvent } from './cluster.events';
import { ClusterState } from './cluster.state';
import { active, CommandOf } from './cluster-rules';
import { drain, resume } from './cluster-maintenance';

export function retryClusterOperation(state: ClusterState, command: CommandOf<'RetryClusterOperation'>): ClusterEvent[] {
  if (state.status === 'None') throw errors.clusterNotFound();
  const failedOp = lifecycle.retryableOne(state, command.jobId);
  if (!failedOp) throw errors.nothingToRetry(command.jobId);
  const facts: LoadFacts = { vms: command.vms ?? [], loads: command.loads ?? {} };
  const attempt = failedOp.attempt + 1;
  switch (failedOp.kind) {
    case 'drain-node':
      return drain(active(state), { ...command, ...facts, hostId: failedOp.hostId!, drain: true }, attempt);
    case 'resume-node':
      return resume(active(state), { ...command, ...facts, hostId: failedOp.hostId!, failback: true }, attempt);
    default:
      // Creation, joins, evictions, raises and clears are asked for again by the client.
      throw errors.nothingToRetry(command.jobId);
  }
}

export function completeClusterOperation(state: ClusterState, command: CommandOf<'CompleteClusterOperation'>): ClusterEvent[] {
  if (state.status === 'None') return [];
  const op = state.pending.find((p) => p.jobId === command.jobId);
  if (!op) return [];
  const base = { clusterId: state.clusterId, jobId: op.jobId, at: command.now };
  switch (op.kind) {
    case 'create-cluster':
      return [{ type: 'ClusterCreated', data: base }];
    case 'add-cluster-node':
      return [{ type: 'ClusterNodeAdded', data: { ...base, hostId: op.hostId! } }];
    case 'drain-node': {
      const node = state.nodes.find((n) => n.hostId === op.hostId);
      return [
        {
          type: 'ClusterNodeDrained',
          data: { ...base, hostId: op.hostId!, moved: Object.keys(node?.drainedTo ?? {}).length },
        },
      ];
    }
    case 'resume-node':
      return [{ type: 'ClusterNodeResumed', data: { ...base, hostId: op.hostId! } }];
    case 'evict-node':
      return [{ type: 'ClusterNodeEvicted', data: { ...base, hostId: op.hostId! } }];
    case 'raise-functional-level':
      return [{ type: 'ClusterFunctionalLevelRaised', data: { ...base, functionalLevel: op.toLevel ?? state.functionalLevel } }];
    case 'clear-node-quarantine':
      return [{ type: 'ClusterNodeQuarantineCleared', data: { ...base, hostId: op.hostId!, by: 'administrator' } }];
  }
  return [];
}

export function failClusterOperation(state: ClusterState, command: CommandOf<'FailClusterOperation'>): ClusterEvent[] {
  if (state.status === 'None') return [];
  const op = state.pending.find((p) => p.jobId === command.jobId);
  if (!op) return [];
  const type = CLUSTER_OPERATIONS[op.kind].failed;
  const hostIds =
    op.kind === 'create-cluster' ? state.nodes.map((n) => n.hostId) : op.kind === 'add-cluster-node' ? [op.hostId!] : undefined;
  return [
    {
      type,
      data: {
        clusterId: state.clusterId,
        jobId: op.jobId,
        problem: command.problem,
        at: command.now,
        ...(hostIds ? { hostIds } : {}),
      },
    } as ClusterEvent,
  ];
}
