import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { JobRoute, RoutedCommand } from '../jobs/job-routes';
import { hostDecider, hostStreamId } from './domain/host.decider';
import { HostCommand } from './domain/host.commands';
import { registeredHost } from './domain/host-facts';
import { loadHost, readHostFacts } from './host-aggregate';
import { HostFactsQuery } from './host-facts.query';

/** Outcomes of host jobs (reinstall) and their restarts go back through the host aggregate. */
@Injectable()
export class HostJobRoute implements JobRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly hosts: HostFactsQuery,
  ) {}

  private routed(hostId: string, command: HostCommand): RoutedCommand {
    return { decider: hostDecider, streamId: hostStreamId(hostId), command };
  }

  succeeded(hostId: string, outcome: { jobId: string; at: string }): RoutedCommand {
    return this.routed(hostId, { type: 'CompleteHostOperation', jobId: outcome.jobId, now: outcome.at });
  }

  failed(hostId: string, outcome: { jobId: string; problem: { code: string; detail: string }; at: string }): RoutedCommand {
    return this.routed(hostId, { type: 'FailHostOperation', jobId: outcome.jobId, problem: outcome.problem, now: outcome.at });
  }

  async settled(hostId: string, jobId: string): Promise<boolean> {
    const host = registeredHost(await loadHost(this.eventStore, hostId), hostId);
    return host.reinstalling?.jobId !== jobId;
  }

  async retry(
    hostId: string,
    request: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  ): Promise<RoutedCommand> {
    const [facts, vmCount] = await Promise.all([readHostFacts(this.eventStore, this.hosts, hostId), this.hosts.vmCount(hostId)]);
    return this.routed(hostId, {
      type: 'RetryHostOperation',
      jobId: request.jobId,
      vmCount,
      clusterId: facts.clusterId,
      requestedBy: request.requestedBy,
      now: request.now,
    });
  }
}
