import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { clusterDecider, ClusterState, isMixedMode, nodeState } from '../domain/cluster.decider';
import { CLUSTER_EVENT_TYPES, ClusterEvent } from '../domain/cluster.events';
import { ClusterReadModel } from './cluster-read-model.entity';

/** The read model of one cluster from its state: the same fold the aggregate makes, plus what clients query. */
export function clusterDocument(state: ClusterState, stamp: { version: number; lastPosition: number }): ClusterReadModel | null {
  if (state.status === 'None') return null;
  return {
    id: state.clusterId,
    name: state.name,
    status: state.status,
    functionalLevel: state.functionalLevel,
    mixedMode: isMixedMode(state),
    mixedModeSince: state.mixedModeSince,
    nodes: state.nodes.map((n) => ({
      hostId: n.hostId,
      name: n.name,
      osVersion: n.osVersion,
      state: nodeState(n),
      cpuVendor: n.cpuVendor,
      memoryMb: n.memoryMb,
      logicalProcessors: n.logicalProcessors,
      maximumLiveMigrations: n.maximumLiveMigrations,
      failures: n.failures,
      quarantinedUntil: n.quarantine?.until ?? null,
      isolatedSince: n.health === 'Isolated' ? (n.isolation?.since ?? null) : null,
    })),
    resiliency: state.resiliency,
    vmResiliencyPeriods: state.vmResiliencyPeriods,
    pendingJobIds: state.pending.map((p) => p.jobId),
    state,
    createdAt: state.createdAt,
    ...stamp,
  };
}

export const clusterProjection: DocumentProjection<ClusterReadModel> = {
  name: 'clusters',
  entity: ClusterReadModel,
  eventTypes: CLUSTER_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('cluster-'.length)],
  evolve(doc: ClusterReadModel | null, recorded: RecordedEvent): ClusterReadModel | null {
    const state = clusterDecider.evolve(doc?.state ?? clusterDecider.initialState, recorded as unknown as ClusterEvent);
    return clusterDocument(state, { version: recorded.streamVersion, lastPosition: recorded.globalPosition });
  },
};
