import { deterministicUuid } from '../platform/deterministic-id';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CommandContext, CommandOutcome, DecideCommand, DecideHints } from '../platform/command-handler';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { LoadedAggregate, loadAggregate } from '../event-store/aggregate-stream';
import { commandContextOf } from '../platform/http/request-context';
import { DomainError } from '../platform/domain/domain-error';
import { canSeeTenant, principalOf } from '../platform/auth/principal';
import { readHostFacts } from '../hosts/host-aggregate';
import { HostFactsQuery } from '../hosts/host-facts.query';
import { JobResponder } from '../jobs/job-responder';
import { AcceptedDto, JobDto } from '../jobs/api/job.dto';
import { vmDecider, VmState } from './domain/vm.decider';
import { ClusterFacts, HostFacts, PlacementRecord, VmCommand } from './domain/vm.commands';
import { vmStreamId } from './domain/vm.events';
import { vmNotFound } from './domain/vm.errors';

type ExistingVm = Exclude<VmState, { status: 'None' }>;

/** What every command on an existing VM carries: its job id, the facts of where it runs, who asks, and when. */
export interface VmCommandBase {
  jobId: string;
  host: HostFacts;
  cluster: ClusterFacts | null;
  requestedBy: { actor: string; role: string };
  now: string;
}

/** What the cluster context tells the VM context (registered at start-up; the modules would otherwise import each other). */
export interface ClusterFactsSource {
  factsOf(clusterId: string): Promise<ClusterFacts>;
  /** A host's facts with its node state when it is a cluster node. */
  hostFacts(hostId: string): Promise<HostFacts>;
  /** Picks the node of a cluster for a new VM, rating every candidate. */
  placeNewVm(
    clusterId: string,
    vm: { name: string; memoryMb: number; configVersion: string | undefined; processorCount: number },
  ): Promise<{ host: HostFacts; cluster: ClusterFacts; placement: PlacementRecord }>;
}

/**
 * Sends commands about one existing VM on behalf of an HTTP request: hides other tenants' VMs
 * (404), reads the facts the rules need, and answers with the job (202, or 200 after Prefer: wait).
 */
@Injectable()
export class VmCommandSender {
  private clusters: ClusterFactsSource | null = null;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly hosts: HostFactsQuery,
    private readonly responder: JobResponder,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  /** The cluster context registers itself here; until then every host is standalone. */
  useClusters(source: ClusterFactsSource): void {
    this.clusters = source;
  }

  /** The VM as the caller may see it: another tenant's VM does not exist for a vm-operator. */
  async visibleVm(vmId: string, request: FastifyRequest): Promise<ExistingVm> {
    return (await this.loadVisibleVm(vmId, request)).vm;
  }

  /** The visible VM with the version it was read at, so the command need not read it again. */
  private async loadVisibleVm(
    vmId: string,
    request: FastifyRequest,
  ): Promise<{ vm: ExistingVm; read: LoadedAggregate<VmState> }> {
    const read = await loadAggregate(this.eventStore, vmDecider, vmStreamId(vmId));
    const vm = read.state;
    if (vm.status === 'None' || vm.status === 'Deleted' || !canSeeTenant(principalOf(request), vm.tenant)) {
      throw vmNotFound(vmId);
    }
    return { vm, read };
  }

  /** A host's facts, with its node state when the cluster context knows it. */
  hostFacts(hostId: string): Promise<HostFacts> {
    return this.clusters ? this.clusters.hostFacts(hostId) : readHostFacts(this.eventStore, this.hosts, hostId);
  }

  /** Where a new VM goes: the host asked for, or the node placement picks on the cluster asked for. */
  async placement(
    target: { hostId?: string; clusterId?: string },
    vm: { name: string; memoryMb: number; configVersion: string | undefined; processorCount: number },
  ): Promise<{ host: HostFacts; cluster: ClusterFacts | null; placement: PlacementRecord | null }> {
    if (target.clusterId) {
      if (!this.clusters) throw new DomainError('NOT_FOUND', `Cluster ${target.clusterId} does not exist`, 'not-found');
      return this.clusters.placeNewVm(target.clusterId, vm);
    }
    const host = await this.hostFacts(target.hostId!);
    return { host, cluster: await this.clusterFacts(host), placement: null };
  }

  async clusterFacts(host: HostFacts): Promise<ClusterFacts | null> {
    if (!host.clusterId || !this.clusters) return null;
    return this.clusters.factsOf(host.clusterId);
  }

  async base(vm: ExistingVm, context: CommandContext): Promise<VmCommandBase> {
    const host = await this.hostFacts(vm.hostId);
    return {
      // Derived from the command, so a retry of the same request names the same job.
      jobId: deterministicUuid(`${context.commandId}/job`),
      host,
      cluster: await this.clusterFacts(host),
      requestedBy: { actor: context.actor, role: context.role },
      now: new Date().toISOString(),
    };
  }

  async send(vmId: string, command: VmCommand, context: CommandContext, hints: DecideHints = {}): Promise<CommandOutcome> {
    return this.commandBus.execute(new DecideCommand(vmDecider, vmStreamId(vmId), command, context, hints));
  }

  /** Builds the command from the VM and the request's facts, sends it, and answers with its job. */
  async accepted(
    vmId: string,
    request: FastifyRequest,
    reply: FastifyReply,
    build: (base: VmCommandBase, vm: ExistingVm) => VmCommand,
  ): Promise<AcceptedDto | JobDto> {
    const outcome = await this.decide(vmId, request, build);
    return this.answer(vmId, request, reply, outcome);
  }

  async decide(
    vmId: string,
    request: FastifyRequest,
    build: (base: VmCommandBase, vm: ExistingVm) => VmCommand,
  ): Promise<CommandOutcome> {
    const { vm, read } = await this.loadVisibleVm(vmId, request);
    const context = commandContextOf(request);
    return this.send(vmId, build(await this.base(vm, context), vm), context, { read });
  }

  answer(vmId: string, request: FastifyRequest, reply: FastifyReply, outcome: CommandOutcome): Promise<AcceptedDto | JobDto> {
    return this.responder.accepted(request, reply, outcome, { type: 'vm', id: vmId, href: `/v1/vms/${vmId}` });
  }
}
