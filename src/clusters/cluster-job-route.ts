import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { JobRoute, RoutedCommand } from '../jobs/job-routes';
import { ClusterCommand } from './domain/cluster.commands';
import { clusterDecider } from './domain/cluster.decider';
import { clusterStreamId } from './domain/cluster.events';
import { loadCluster, loadExistingCluster } from './cluster-aggregate';
import { PlacementQueries } from './placement.queries';

/** Outcomes of cluster jobs (creation, joins, drains, evictions, raises) and their restarts go back through the cluster. */
@Injectable()
export class ClusterJobRoute implements JobRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly placement: PlacementQueries,
  ) {}

  private routed(clusterId: string, command: ClusterCommand): RoutedCommand {
    return { decider: clusterDecider, streamId: clusterStreamId(clusterId), command };
  }

  succeeded(clusterId: string, outcome: { jobId: string; at: string }): RoutedCommand {
    return this.routed(clusterId, { type: 'CompleteClusterOperation', jobId: outcome.jobId, now: outcome.at });
  }

  failed(clusterId: string, outcome: { jobId: string; problem: { code: string; detail: string }; at: string }): RoutedCommand {
    return this.routed(clusterId, {
      type: 'FailClusterOperation',
      jobId: outcome.jobId,
      problem: outcome.problem,
      now: outcome.at,
    });
  }

  async settled(clusterId: string, jobId: string): Promise<boolean> {
    const cluster = await loadCluster(this.eventStore, clusterId);
    return cluster.status === 'None' || !cluster.pending.some((p) => p.jobId === jobId);
  }

  /** A restarted drain or failback is planned again from where the VMs are now. */
  async retry(
    clusterId: string,
    request: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  ): Promise<RoutedCommand> {
    const cluster = await loadExistingCluster(this.eventStore, clusterId);
    const failed = cluster.lastFailures.find((f) => f.jobId === request.jobId);
    const node = failed?.hostId ? cluster.nodes.find((n) => n.hostId === failed.hostId) : undefined;
    const vms =
      failed?.kind === 'resume-node' && node
        ? await this.placement.vmsById(Object.keys(node.drainedTo))
        : await this.placement.vmsOn(failed?.hostId ? [failed.hostId] : []);
    return this.routed(clusterId, {
      type: 'RetryClusterOperation',
      jobId: request.jobId,
      requestedBy: request.requestedBy,
      now: request.now,
      vms,
      loads: await this.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
    });
  }
}
