import { Injectable } from '@nestjs/common';
import { JobRoute, RoutedCommand } from '../jobs/job-routes';
import { HostDirectory } from '../hosts/host-directory';
import { vmDecider } from './domain/vm.decider';
import { VmCommand } from './domain/vm.commands';
import { GuestHeartbeat, vmStreamId } from './domain/vm.events';
import { VmDirectory } from './vm-directory';

/** Outcomes of VM jobs and their restarts go back through the VM aggregate. */
@Injectable()
export class VmJobRoute implements JobRoute {
  constructor(
    private readonly hosts: HostDirectory,
    private readonly vms: VmDirectory,
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
    const vm = await this.vms.find(vmId);
    return vm === null || vm.pending?.jobId !== jobId;
  }

  async retry(
    vmId: string,
    request: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  ): Promise<RoutedCommand> {
    const vm = await this.vms.state(vmId);
    const host = await this.hosts.facts(vm.hostId);
    return this.routed(vmId, {
      type: 'RetryVmOperation',
      jobId: request.jobId,
      host,
      requestedBy: request.requestedBy,
      now: request.now,
    });
  }
}
