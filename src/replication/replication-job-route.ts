import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { DomainError } from '../platform/domain/domain-error';
import { deterministicUuid } from '../platform/deterministic-id';
import { JobRoute, RoutedCommand } from '../jobs/job-routes';
import { replicationDecider, ReplicationCommand } from './domain/replication.decider';
import { replicationStreamId } from './domain/replication.events';
import { loadReplication } from './replication-aggregate';

/** Outcomes of replication jobs (enable, failovers, …) go back to the relationship. */
@Injectable()
export class ReplicationJobRoute implements JobRoute {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  private routed(vmId: string, command: ReplicationCommand): RoutedCommand {
    return { decider: replicationDecider, streamId: replicationStreamId(vmId), command };
  }

  succeeded(vmId: string, outcome: { jobId: string; result: Record<string, unknown>; at: string }): RoutedCommand {
    const sizeMb = typeof outcome.result.sizeMb === 'number' ? outcome.result.sizeMb : null;
    // A full copy's recovery point is named after its job: the same outcome routed twice names it the same.
    const recoveryPointId = deterministicUuid(`recovery-point/${outcome.jobId}`);
    // Hyper-V's own id of that point, as the driver reports it among its details.
    const details = (outcome.result.details ?? {}) as Record<string, unknown>;
    const hypervisorRecoveryPointId =
      typeof details.hypervisorRecoveryPointId === 'string' ? details.hypervisorRecoveryPointId : undefined;
    return this.routed(vmId, {
      type: 'CompleteReplicationOperation',
      jobId: outcome.jobId,
      sizeMb,
      recoveryPointId,
      ...(hypervisorRecoveryPointId ? { hypervisorRecoveryPointId } : {}),
      now: outcome.at,
    });
  }

  failed(vmId: string, outcome: { jobId: string; problem: { code: string; detail: string }; at: string }): RoutedCommand {
    return this.routed(vmId, {
      type: 'FailReplicationOperation',
      jobId: outcome.jobId,
      problem: outcome.problem,
      now: outcome.at,
    });
  }

  async settled(vmId: string, jobId: string): Promise<boolean> {
    const state = await loadReplication(this.eventStore, vmId);
    return state.status === 'None' || state.pending?.jobId !== jobId;
  }

  /** A replication operation is asked for again (the rules are checked anew), not restarted. */
  retry(): Promise<RoutedCommand> {
    throw new DomainError(
      'JOB_NOT_RESTARTABLE',
      'Replication jobs are not restarted: send the replication request again',
      'conflict',
    );
  }
}
