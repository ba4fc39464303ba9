/** The cluster functional level: what stands in the way of a raise, and the raise (DOMAIN.md, mixed mode). */
import { OsVersion, osRank, release } from '../../hosts/domain/windows-server';
import * as errors from './cluster.errors';
import { ClusterEvent } from './cluster.events';
import { ClusterState, ExistingCluster, nodeState } from './cluster.state';
import { active, CommandOf, intent, pendingFor, simple } from './cluster-rules';

export interface FunctionalLevelVerdict {
  fromLevel: number;
  toLevel: number;
  canRaise: boolean;
  blockers: string[];
}

/** Whether the functional level can be raised now, and what stands in the way (the whatIf answer). */
export function functionalLevelVerdict(cluster: ExistingCluster): FunctionalLevelVerdict {
  const newest = cluster.nodes.reduce<OsVersion>(
    (max, n) => (osRank(n.osVersion) > osRank(max) ? n.osVersion : max),
    cluster.nodes[0]?.osVersion ?? 'WS2012R2',
  );
  const toLevel = Math.max(cluster.functionalLevel, release(newest).functionalLevel);
  const blockers: string[] = [];
  if (toLevel === cluster.functionalLevel)
    blockers.push(`the cluster is already at functional level ${cluster.functionalLevel}, its nodes' level`);
  for (const n of cluster.nodes) {
    if (n.osVersion !== newest) blockers.push(`node ${n.name} runs ${n.osVersion}, not ${newest}`);
    const state = nodeState(n);
    if (state !== 'Up') blockers.push(`node ${n.name} is ${state}, not Up`);
  }
  return { fromLevel: cluster.functionalLevel, toLevel, canRaise: blockers.length === 0, blockers };
}

export function raiseFunctionalLevel(state: ClusterState, command: CommandOf<'RaiseFunctionalLevel'>): ClusterEvent[] {
  const cluster = active(state);
  pendingFor(cluster, null);
  const busy = cluster.pending[0];
  if (busy) throw errors.operationPending(busy.kind, busy.jobId);
  const verdict = functionalLevelVerdict(cluster);
  if (!verdict.canRaise) throw errors.functionalLevelBlocked(verdict.blockers);
  return [
    {
      type: 'ClusterFunctionalLevelRaiseRequested',
      data: {
        ...intent(
          cluster,
          simple(cluster, 'raise-functional-level', cluster.nodes[0], command, 1, { toLevel: verdict.toLevel }),
          command.now,
        ),
        fromLevel: verdict.fromLevel,
        toLevel: verdict.toLevel,
      },
    },
  ];
}
