import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { replicationDecider } from '../domain/replication.decider';
import { baselineOf } from '../domain/replication-observation';
import { REPLICATION_EVENT_TYPES, ReplicationEvent } from '../domain/replication.events';
import { ReplicationReadModel } from './replication-read-model.entity';

/** Replication relationships as clients read them: the decider's fold, with what the monitor compares observations with. */
export const replicationProjection: DocumentProjection<ReplicationReadModel> = {
  name: 'replications',
  entity: ReplicationReadModel,
  eventTypes: REPLICATION_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('replication-'.length)],
  evolve(doc: ReplicationReadModel | null, recorded: RecordedEvent): ReplicationReadModel | null {
    const state = replicationDecider.evolve(
      doc?.process ?? replicationDecider.initialState,
      recorded as unknown as ReplicationEvent,
    );
    if (state.status === 'None') return null;
    return {
      id: state.vmId,
      tenant: state.tenant,
      state: state.status,
      health: state.health,
      primaryHostId: state.primaryHostId,
      replicaHostId: state.replicaHostId,
      baseline: baselineOf(state),
      process: state,
      version: recorded.streamVersion,
      lastPosition: recorded.globalPosition,
    };
  },
};
