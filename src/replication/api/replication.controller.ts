import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ReplicationDocs } from './replication.docs';
import { DataSource } from 'typeorm';
import { CommandOutcome, DecideCommand, DecideHints } from '../../platform/command-handler';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { canSeeTenant, CurrentPrincipal, Permit, Principal, principalOf } from '../../platform/auth/principal';
import { AppConfig } from '../../platform/config';
import { APP_CONFIG } from '../../platform/tokens';
import { JobResponder } from '../../jobs/job-responder';
import { ReplicationCommand, replicationDecider, VmFacts } from '../domain/replication.decider';
import { replicationStreamId } from '../domain/replication.events';
import type { HostRef } from '../../jobs/domain/hypervisor-driver.port';
import { ReplicationReadModel } from '../projections/replication-read-model.entity';
import { ReplicationStatisticsRow } from '../projections/replication-statistics.entity';
import { replicaBrokerName } from '../domain/replication.events';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { placeNewVmInCluster } from '../../clusters/cluster-aggregate';
import { PlacementQueries } from '../../clusters/placement.queries';
import { hostRefOf, registeredHost } from '../../hosts/domain/host-facts';
import { loadHost } from '../../hosts/host-aggregate';
import { existingVm } from '../../vms/domain/existing-vm';
import { loadVm } from '../../vms/vm-aggregate';
import { replicaHostIdOf, replicatedVmFactsOf } from '../domain/replication-facts';
import { readReplication } from '../replication-aggregate';
import { EnableReplicationDto, RecoveryPointChoiceDto, ReplicatedDisksDto, ReplicationDto } from './replication.dto';

/** Observations are judged in simulated time; floors keep a time scale of 0 from spinning. */
const MIN_INTERVAL_MS = 50;
const MIN_HOUR_MS = 1000;

type Simple =
  | 'SuspendReplication'
  | 'ResumeReplication'
  | 'ResynchronizeReplication'
  | 'PlannedFailover'
  | 'CommitFailover'
  | 'StopTestFailover'
  | 'ReverseReplication'
  | 'RemoveReplication';

/** The live figures count while cycles run (or are held): after other operations they wait for the next poll. */
const LIVE_STATES = ['Replicating', 'Suspended'];

export function toReplicationDto(row: ReplicationReadModel, live: ReplicationStatisticsRow | null): ReplicationDto {
  const s = row.process;
  if (s.status === 'None') throw new Error('unreachable: a stored relationship has a state');
  const figures = live && LIVE_STATES.includes(s.status) ? live : null;
  const liveReplicatedAt = figures?.lastReplicatedAt?.toISOString() ?? null;
  const lastReplicatedAt =
    liveReplicatedAt && (!s.lastReplicatedAt || Date.parse(liveReplicatedAt) > Date.parse(s.lastReplicatedAt))
      ? liveReplicatedAt
      : s.lastReplicatedAt;
  return {
    vmId: row.id,
    state: s.status,
    health: s.health,
    healthReason: s.healthReason,
    primaryHostId: s.primaryHostId,
    replicaHostId: s.replicaHostId,
    frequencySeconds: s.frequencySeconds,
    additionalRecoveryPoints: s.additionalRecoveryPoints,
    applicationConsistent: s.applicationConsistent,
    lastReplicatedAt,
    lastReplicationSizeMb: figures?.lastSizeMb ?? s.lastSizeMb,
    replicaBroker: s.replicaBroker ?? null,
    statistics: figures && {
      observedAt: figures.observedAt.toISOString(),
      averageSizeMb: figures.averageSizeMb,
      maximumSizeMb: figures.maximumSizeMb,
      successfulCycles: figures.successfulCycles,
      failedCycles: figures.failedCycles,
      missedCycles: figures.missedCycles,
      consecutiveFailedCycles: figures.consecutiveFailedCycles,
      failureReason: figures.failureReason,
    },
    recoveryPoints: s.recoveryPoints.map((p) => ({ ...p })),
    replicatedDiskIds: s.replicatedDiskIds,
    nonReplicatedDiskIds: s.nonReplicatedDiskIds,
    testFailover: s.testFailover,
    pendingJobId: s.pending?.jobId ?? null,
    version: row.version,
  };
}

/** Hyper-V Replica on one VM: the VM's vm-operator (own tenants) or a fabric-admin (replication topology). */
@ApiTags('replication')
@Controller('v1/vms/:id/replication')
export class ReplicationController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly responder: JobResponder,
    private readonly dataSource: DataSource,
    private readonly placementQueries: PlacementQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends a command; `hints` hand the handler the relationship as this request read it. */
  private async send(
    vmId: string,
    command: ReplicationCommand,
    request: FastifyRequest,
    reply: FastifyReply,
    hints: DecideHints = {},
  ) {
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(replicationDecider, replicationStreamId(vmId), command, commandContextOf(request), hints),
    );
    return this.responder.accepted(request, reply, outcome, {
      type: 'replication',
      id: vmId,
      href: `/v1/vms/${vmId}/replication`,
    });
  }

  private base(request: FastifyRequest) {
    const context = commandContextOf(request);
    return { jobId: newIdFor(request), requestedBy: { actor: context.actor, role: context.role }, now: new Date().toISOString() };
  }

  /** The VM, or 404 when the caller may not see it: another tenant's VM does not exist for a vm-operator. */
  private async visibleVm(vmId: string, request: FastifyRequest): Promise<VmFacts> {
    const vm = replicatedVmFactsOf(existingVm(await loadVm(this.eventStore, vmId), vmId));
    if (!canSeeTenant(principalOf(request), vm.tenant))
      throw new ProblemError(404, 'NOT_FOUND', `Virtual machine ${vmId} does not exist`);
    return vm;
  }

  /**
   * The VM, where it runs and its replica, each stream read once. Enabling names the replica (the
   * VM is already read); any other command finds it in the relationship, whose read goes to the
   * command's handler so that it decides without reading the stream again.
   */
  private async facts(vmId: string, request: FastifyRequest, enabling?: { vm: VmFacts; replica: string | HostRef }) {
    let vm: VmFacts;
    let replicaHost: string | HostRef;
    let hints: DecideHints = {};
    if (enabling) {
      ({ vm, replica: replicaHost } = enabling);
    } else {
      const [visible, read] = await Promise.all([this.visibleVm(vmId, request), readReplication(this.eventStore, vmId)]);
      vm = visible;
      replicaHost = replicaHostIdOf(read.state);
      hints = { read };
    }
    const [primary, replica] = await Promise.all([
      this.hostRef(vm.hostId),
      typeof replicaHost === 'string' ? this.hostRef(replicaHost) : replicaHost,
    ]);
    return { facts: { vm, primary, replica }, hints };
  }

  private async hostRef(hostId: string) {
    return hostRefOf(registeredHost(await loadHost(this.eventStore, hostId), hostId));
  }

  @Post()
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.enable
  async enable(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Body() body: EnableReplicationDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if ((body.replicaHostId === undefined) === (body.replicaClusterId === undefined)) {
      throw new ProblemError(400, 'VALIDATION_FAILED', 'Give exactly one of replicaHostId and replicaClusterId', {
        errors: [{ path: 'replicaHostId', message: 'exactly one of replicaHostId and replicaClusterId is required' }],
      });
    }
    const current = await this.visibleVm(vmId, request);
    let replica: string | HostRef = body.replicaHostId!;
    let replicaBroker: { clusterId: string; name: string } | undefined;
    if (body.replicaClusterId) {
      // Enable-VMReplication names the cluster's Replica Broker; the replica goes on the node placement picks.
      const placed = await placeNewVmInCluster(this.eventStore, this.placementQueries, body.replicaClusterId, {
        name: current.name,
        memoryMb: current.memoryMb,
        configVersion: current.configVersion,
        processorCount: current.processorCount,
      });
      replica = hostRefOf(placed.host);
      replicaBroker = { clusterId: body.replicaClusterId, name: replicaBrokerName(placed.cluster.name) };
    }
    const { facts } = await this.facts(vmId, request, { vm: current, replica });
    const frequencySeconds = body.frequencySeconds ?? 300;
    const scale = this.config.simulatorTimeScale;
    return this.send(
      vmId,
      {
        type: 'EnableReplication',
        ...facts,
        frequencySeconds,
        recoveryPoints: body.recoveryPoints ?? 0,
        applicationConsistent: body.applicationConsistent ?? false,
        includeDiskIds: body.includeDiskIds,
        ...(replicaBroker ? { replicaBroker } : {}),
        intervalMs: Math.max(MIN_INTERVAL_MS, Math.round(frequencySeconds * 1000 * scale)),
        hourMs: Math.max(MIN_HOUR_MS, Math.round(3_600_000 * scale)),
        ...this.base(request),
      },
      request,
      reply,
    );
  }

  @Get()
  @Permit('fabric-admin', 'vm-operator', 'auditor')
  @ReplicationDocs.get
  async get(
    @Param('id', new UuidPipe('id')) vmId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReplicationDto> {
    const row = await this.dataSource.getRepository(ReplicationReadModel).findOneBy({ id: vmId });
    if (!row || !canSeeTenant(principal, row.tenant) || row.state === 'Removed') {
      throw new ProblemError(404, 'NOT_FOUND', `Virtual machine ${vmId} has no replication`);
    }
    const live = await this.dataSource.getRepository(ReplicationStatisticsRow).findOneBy({ vmId });
    void reply.header('etag', `"${row.version}"`);
    return toReplicationDto(row, live);
  }

  @Delete()
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.remove
  remove(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'RemoveReplication', request, reply);
  }

  @Put('disks')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.disks
  async disks(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Body() body: ReplicatedDisksDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { facts, hints } = await this.facts(vmId, request);
    return this.send(
      vmId,
      { type: 'SetReplicatedDisks', includeDiskIds: body.includeDiskIds, ...facts, ...this.base(request) },
      request,
      reply,
      hints,
    );
  }

  private async simple(vmId: string, type: Simple, request: FastifyRequest, reply: FastifyReply) {
    const { facts, hints } = await this.facts(vmId, request);
    return this.send(vmId, { type, ...facts, ...this.base(request) } as ReplicationCommand, request, reply, hints);
  }

  @Post('suspend')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.suspend
  suspend(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'SuspendReplication', request, reply);
  }

  @Post('resume')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.resume
  resume(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'ResumeReplication', request, reply);
  }

  @Post('resynchronize')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.resynchronize
  resynchronize(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'ResynchronizeReplication', request, reply);
  }

  @Post('planned-failover')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.planned
  planned(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'PlannedFailover', request, reply);
  }

  @Post('failover')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.failover
  async failover(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Body() body: RecoveryPointChoiceDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { facts, hints } = await this.facts(vmId, request);
    return this.send(
      vmId,
      { type: 'UnplannedFailover', recoveryPointId: body?.recoveryPointId, ...facts, ...this.base(request) },
      request,
      reply,
      hints,
    );
  }

  @Post('commit')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.commit
  commit(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'CommitFailover', request, reply);
  }

  @Post('test-failover')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.testFailover
  async testFailover(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Body() body: RecoveryPointChoiceDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { facts, hints } = await this.facts(vmId, request);
    const command: ReplicationCommand = {
      type: 'StartTestFailover',
      recoveryPointId: body?.recoveryPointId,
      testVmId: newIdFor(request),
      ...facts,
      ...this.base(request),
    };
    return this.send(vmId, command, request, reply, hints);
  }

  @Post('stop-test-failover')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.stopTestFailover
  stopTestFailover(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'StopTestFailover', request, reply);
  }

  @Post('reverse')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @ReplicationDocs.reverse
  reverse(
    @Param('id', new UuidPipe('id')) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.simple(vmId, 'ReverseReplication', request, reply);
  }
}
