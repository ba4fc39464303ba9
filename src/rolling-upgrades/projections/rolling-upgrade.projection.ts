import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { nextStep, rollingUpgradeDecider, RollingUpgradeState } from '../domain/rolling-upgrade.decider';
import { ROLLING_UPGRADE_EVENT_TYPES, RollingUpgradeEvent } from '../domain/rolling-upgrade.events';
import { RollingUpgradeReadModel } from './rolling-upgrade-read-model.entity';

export function rollingUpgradeDocument(
  state: RollingUpgradeState,
  stamp: { version: number; lastPosition: number },
): RollingUpgradeReadModel | null {
  if (state.status === 'None') return null;
  const current = state.inFlight ?? nextStep(state);
  return {
    id: state.upgradeId,
    clusterId: state.clusterId,
    state: state.status,
    targetOsVersion: state.targetOsVersion,
    currentNodeId: current?.hostId ?? null,
    currentStep: current?.step ?? null,
    inFlight: state.inFlight
      ? { jobId: state.inFlight.jobId, timeoutAt: state.inFlight.timeoutAt, step: state.inFlight.step }
      : null,
    nodes: state.nodes,
    failure: state.failure,
    raiseFunctionalLevel: state.raiseFunctionalLevel,
    functionalLevelRaised: state.levelRaised,
    pauseRequested: state.pauseRequested,
    cancelRequested: state.cancelRequested,
    estimatedDurationMs: state.estimatedDurationMs,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    process: state,
    ...stamp,
  };
}

export const rollingUpgradeProjection: DocumentProjection<RollingUpgradeReadModel> = {
  name: 'rolling-upgrades-view',
  entity: RollingUpgradeReadModel,
  eventTypes: ROLLING_UPGRADE_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('rolling-upgrade-'.length)],
  evolve(doc: RollingUpgradeReadModel | null, recorded: RecordedEvent): RollingUpgradeReadModel | null {
    const state = rollingUpgradeDecider.evolve(
      doc?.process ?? rollingUpgradeDecider.initialState,
      recorded as unknown as RollingUpgradeEvent,
    );
    return rollingUpgradeDocument(state, { version: recorded.streamVersion, lastPosition: recorded.globalPosition });
  },
};
