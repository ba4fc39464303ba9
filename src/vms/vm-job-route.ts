import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { JobRoute, RoutedCommand } from '../jobs/job-routes';
import { readHostFacts } from '../hosts/host-aggregate';
import { HostFactsQuery } from '../hosts/host-facts.query';
import { vmDecider } from './domain/vm.decider';
import { VmCommand } from './domain/vm.commands';
import { GuestHeartbeat, vmStreamId } from './domain/vm.events';
import { existingVm, vmIfExists } from './domain/existing-vm';
import { loadVm } from './vm-aggregate';

/** Outcomes of VM jobs and their restarts go back through the VM aggregate. */
@Injectable()
export class VmJobRoute implements JobRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly hosts: HostFactsQuery,
  ) {}

  private routed(vmId: string, command: VmCommand): RoutedCommand {
    return { decider: vmDecider, streamId: vmStreamId(vmId), command };
  }

  succeeded(vmId: string, outcome: { jobId: string; result: Record<string, unknown>; at: string }): RoutedCommand {
    const memoryDemandMb = typeof outcome.result.memoryDemandMb === 'number' ? outcome.result.memoryDemandMb : undefined;
    const heartbeat = typeof outcome.result.heartbeat === 'string' ? (outcome.result.heartbeat as GuestHeartbeat) : undefined;
    // The driver reports the hypervisor's own ids of what it created among its details.
    const details = (outcome.result.details ?? {}) as Record<string, unknown>;
    const reported = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : undefined);
    const hypervisorVmId = reported('hypervisorVmId');
    const hypervisorCheckpointId = reported('hypervisorCheckpointId');
    return this.routed(vmId, {
      type: 'CompleteVmOperation',
      jobId: outcome.jobId,
      result: {
        memoryDemandMb,
        heartbeat,
        ...(hypervisorVmId ? { hypervisorVmId } : {}),
        ...(hypervisorCheckpointId ? { hypervisorCheckpointId } : {}),
      },
      now: outcome.at,
    });
  }

  failed(vmId: string, outcome: { jobId: string; problem: { code: string; detail: string }; at: string }): RoutedCommand {
    return this.routed(vmId, { type: 'FailVmOperation', jobId: outcome.jobId, problem: outcome.problem, now: outcome.at });
  }

  async settled(vmId: string, jobId: string): Promise<boolean> {
    const vm = vmIfExists(await loadVm(this.eventStore, vmId));
    return vm === null || vm.pending?.jobId !== jobId;
  }

  async retry(
    vmId: string,
    request: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  ): Promise<RoutedCommand> {
    const vm = existingVm(await loadVm(this.eventStore, vmId), vmId);
    const host = await readHostFacts(this.eventStore, this.hosts, vm.hostId);
    return this.routed(vmId, {
      type: 'RetryVmOperation',
      jobId: request.jobId,
      host,
      requestedBy: request.requestedBy,
      now: request.now,
    });
  }
}
