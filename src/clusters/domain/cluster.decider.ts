/**
 * A failover cluster: its nodes and their states, the functional level, resiliency and
 * quarantine (DOMAIN.md, clusters). Pure: what it needs to know about hosts, VMs and load arrives
 * in the command; time and ids too. The rules live by concern: membership, maintenance,
 * resiliency and quarantine, the functional level, and the end of each operation's job.
 */
import { Decider } from '../../platform/domain/decider';
import { ClusterCommand } from './cluster.commands';
import { ClusterEvent } from './cluster.events';
import { ClusterState, evolve, initialState } from './cluster.state';
import { addClusterNode, createCluster, evictClusterNode } from './cluster-membership';
import { beginRollingUpgrade, endRollingUpgrade, pauseClusterNode, resumeClusterNode } from './cluster-maintenance';
import {
  clearNodeQuarantine,
  expireNodeIsolation,
  expireNodeQuarantine,
  reportNodeCrashed,
  reportNodeHeartbeatLost,
  reportNodeHeartbeatRestored,
  setClusterResiliency,
  removeVmRole,
  setVmResiliencyPeriod,
} from './cluster-resiliency';
import { raiseFunctionalLevel } from './cluster-functional-level';
import { completeClusterOperation, failClusterOperation, retryClusterOperation } from './cluster-operations';

function decide(command: ClusterCommand, state: ClusterState): ClusterEvent[] {
  switch (command.type) {
    case 'CreateCluster':
      return createCluster(state, command);
    case 'AddClusterNode':
      return addClusterNode(state, command);
    case 'PauseClusterNode':
      return pauseClusterNode(state, command);
    case 'ResumeClusterNode':
      return resumeClusterNode(state, command);
    case 'EvictClusterNode':
      return evictClusterNode(state, command);
    case 'RaiseFunctionalLevel':
      return raiseFunctionalLevel(state, command);
    case 'ClearNodeQuarantine':
      return clearNodeQuarantine(state, command);
    case 'SetClusterResiliency':
      return setClusterResiliency(state, command);
    case 'SetVmResiliencyPeriod':
      return setVmResiliencyPeriod(state, command);
    case 'RemoveVmRole':
      return removeVmRole(state, command);
    case 'ReportNodeHeartbeatLost':
      return reportNodeHeartbeatLost(state, command);
    case 'ReportNodeCrashed':
      return reportNodeCrashed(state, command);
    case 'ReportNodeHeartbeatRestored':
      return reportNodeHeartbeatRestored(state, command);
    case 'ExpireNodeIsolation':
      return expireNodeIsolation(state, command);
    case 'ExpireNodeQuarantine':
      return expireNodeQuarantine(state, command);
    case 'BeginRollingUpgrade':
      return beginRollingUpgrade(state, command);
    case 'EndRollingUpgrade':
      return endRollingUpgrade(state, command);
    case 'RetryClusterOperation':
      return retryClusterOperation(state, command);
    case 'CompleteClusterOperation':
      return completeClusterOperation(state, command);
    case 'FailClusterOperation':
      return failClusterOperation(state, command);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const clusterDecider: Decider<ClusterCommand, ClusterEvent, ClusterState> = { initialState, evolve, decide };

export { isMixedMode, nodeState, operationOfClusterEvent } from './cluster.state';
export type { ClusterNode, ClusterState, ExistingCluster } from './cluster.state';
export { capacities, clusterFactsOf } from './cluster-rules';
export { functionalLevelVerdict } from './cluster-functional-level';
export type { FunctionalLevelVerdict } from './cluster-functional-level';
export { maxQuarantinedNodes, RESILIENCY_LIMITS } from './cluster-resiliency';
export type { VmToPlace } from './placement';
