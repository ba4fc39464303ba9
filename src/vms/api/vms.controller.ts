import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { CommandOutcome, DecideCommand } from '../../platform/command-handler';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { Page } from '../../platform/http/pagination';
import { JobResponder } from '../../jobs/job-responder';
import { vmDecider } from '../domain/vm.decider';
import { VmCommand } from '../domain/vm.commands';
import { vmStreamId } from '../domain/vm.events';
import { VmCommandSender } from '../vm-command-sender';
import { VmReadModel } from '../projections/vm-read-model.entity';
import { CreateVmDto, ListVmsQuery, MigrateVmDto, StopVmDto, VmDto } from './vm.dto';
import { ListVms } from './vm.queries';
import { VmDocs } from './vms.docs';
import { canSeeTenant, CurrentPrincipal, Permit, Principal, principalOf } from '../../platform/auth/principal';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { TimeTravelQuery } from '../../audit/api/time-travel.dto';
import { pointInTimeOf, vmAt } from '../../audit/time-travel';

export function toVmDto(vm: VmReadModel): VmDto {
  return {
    id: vm.id,
    name: vm.name,
    tenant: vm.tenant,
    hostId: vm.hostId,
    clusterId: vm.clusterId,
    generation: vm.generation,
    configVersion: vm.configVersion,
    state: vm.state,
    guestOs: vm.guestOs,
    memory: { ...vm.memory, demandMb: vm.memoryDemandMb },
    processorCount: vm.processorCount,
    processorCompatibilityForMigration: vm.compatibilityForMigration,
    exposeVirtualizationExtensions: vm.exposeVirtualizationExtensions ?? false,
    networkAdapters: vm.networkAdapters,
    disks: vm.disks,
    firmware: vm.firmware,
    checkpointType: vm.checkpointType,
    currentCheckpointId: vm.currentCheckpointId,
    checkpointCount: vm.checkpoints.length,
    integrationServices: vm.integrationServices,
    integrationServicesVersion: vm.integrationServicesVersion,
    heartbeat: vm.heartbeat,
    clusterStatus: vm.clusterId ? (vm.unmonitored ? 'Unmonitored' : 'Monitored') : null,
    pendingJobId: vm.pendingJobId,
    hypervisorVmId: vm.hypervisorVmId ?? null,
    createdAt: vm.createdAt,
    version: vm.version,
  };
}

type PowerCommand = 'StartVm' | 'SaveVm' | 'PauseVm' | 'ResumeVm' | 'DeleteVm';

@ApiTags('vms')
@Controller('v1/vms')
export class VmsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly dataSource: DataSource,
    private readonly responder: JobResponder,
    private readonly sender: VmCommandSender,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Post()
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.create
  async create(@Body() body: CreateVmDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!canSeeTenant(principalOf(request), body.tenant)) {
      throw new ProblemError(403, 'FORBIDDEN', `Tenant ${body.tenant} is not one of this key's tenants`);
    }
    if ((body.hostId === undefined) === (body.clusterId === undefined)) {
      throw new ProblemError(400, 'VALIDATION_FAILED', 'Give exactly one of hostId and clusterId', {
        errors: [{ path: 'hostId', message: 'exactly one of hostId and clusterId is required' }],
      });
    }
    const { host, cluster, placement } = await this.sender.placement(
      { hostId: body.hostId, clusterId: body.clusterId },
      {
        name: body.name,
        memoryMb: body.memory.startupMb,
        configVersion: body.configVersion,
        processorCount: body.processorCount,
      },
    );
    const vmId = newIdFor(request);
    const context = commandContextOf(request);
    const command: VmCommand = {
      type: 'CreateVm',
      vmId,
      jobId: newIdFor(request),
      host,
      cluster,
      placement,
      requestedBy: { actor: context.actor, role: context.role },
      now: new Date().toISOString(),
      request: {
        name: body.name,
        tenant: body.tenant,
        generation: body.generation,
        configVersion: body.configVersion,
        guestOs: body.guestOs,
        memory: body.memory,
        processorCount: body.processorCount,
        networkAdapters: (body.networkAdapters ?? []).map((a) => ({
          id: newIdFor(request),
          name: a.name,
          switchName: a.switchName,
        })),
        disks: (body.disks ?? []).map((d) => ({ id: newIdFor(request), name: d.name, sizeGb: d.sizeGb })),
        firmware: body.firmware,
        checkpointType: body.checkpointType,
      },
    };
    // The VM's id was drawn for this request: its stream is new unless this request ran before.
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(vmDecider, vmStreamId(vmId), command, context, { newStream: true }),
    );
    return this.responder.accepted(request, reply, outcome, { type: 'vm', id: vmId, href: `/v1/vms/${vmId}` });
  }

  @Get()
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @VmDocs.list
  async list(@Query() query: ListVmsQuery, @CurrentPrincipal() principal: Principal) {
    const tenants = principal.role === 'vm-operator' ? principal.tenants : undefined;
    const page: Page<VmReadModel> = await this.queryBus.execute(new ListVms({ ...query, tenants }));
    return { items: page.items.map(toVmDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @VmDocs.get
  async get(
    @Param('id', new UuidPipe('id')) id: string,
    @Query() query: TimeTravelQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const point = pointInTimeOf(query);
    if (point) {
      // Time travel: folded from the events up to then; no ETag, as no write may name a past version.
      const past = await vmAt(this.eventStore, id, point);
      if (!past || !canSeeTenant(principal, past.tenant))
        throw new ProblemError(404, 'NOT_FOUND', `Virtual machine ${id} did not exist at that point`);
      return toVmDto(past);
    }
    const vm = await this.dataSource.getRepository(VmReadModel).findOneBy({ id });
    // Another tenant's VM does not exist as far as a vm-operator can tell.
    if (!vm || !canSeeTenant(principal, vm.tenant))
      throw new ProblemError(404, 'NOT_FOUND', `Virtual machine ${id} does not exist`);
    void reply.header('etag', `"${vm.version}"`);
    return toVmDto(vm);
  }

  @Delete(':id')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.remove
  remove(
    @Param('id', new UuidPipe('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.power(id, 'DeleteVm', request, reply);
  }

  @Post(':id/start')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.start
  start(
    @Param('id', new UuidPipe('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.power(id, 'StartVm', request, reply);
  }

  @Post(':id/stop')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.stop
  stop(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() body: StopVmDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.power(id, 'StopVm', request, reply, body?.mode ?? 'shutdown');
  }

  @Post(':id/save')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.save
  save(
    @Param('id', new UuidPipe('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.power(id, 'SaveVm', request, reply);
  }

  @Post(':id/pause')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.pause
  pause(
    @Param('id', new UuidPipe('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.power(id, 'PauseVm', request, reply);
  }

  @Post(':id/resume')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.resume
  resume(
    @Param('id', new UuidPipe('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.power(id, 'ResumeVm', request, reply);
  }

  @Post(':id/migrate')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @VmDocs.migrate
  async migrate(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() body: MigrateVmDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const destination = await this.sender.hostFacts(body.destinationHostId);
    const destinationCluster = await this.sender.clusterFacts(destination);
    return this.sender.accepted(id, request, reply, (base) => ({
      type: 'MigrateVm',
      destination,
      destinationCluster,
      initiator: { type: 'operator', jobId: null, attempt: null, stepIndex: null },
      ...base,
    }));
  }

  private power(
    vmId: string,
    type: PowerCommand | 'StopVm',
    request: FastifyRequest,
    reply: FastifyReply,
    mode: 'shutdown' | 'turn-off' = 'shutdown',
  ) {
    return this.sender.accepted(vmId, request, reply, (base) =>
      type === 'StopVm' ? { type, mode, ...base } : { type, ...base },
    );
  }
}
