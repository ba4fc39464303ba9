import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { HostDocs } from './hosts.docs';
import { CommandOutcome, DecideCommand } from '../../platform/command-handler';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { Page } from '../../platform/http/pagination';
import { hostDecider, hostStreamId } from '../domain/host.decider';
import { HostReadModel } from '../projections/host-read-model.entity';
import { hostProjection } from '../projections/host.projection';
import { HostDto, ListHostsQuery, RegisterHostDto, ReinstallHostDto } from './host.dto';
import { registeredHost } from '../domain/host-facts';
import { readHost } from '../host-aggregate';
import { HostFactsQuery } from '../host-facts.query';
import { JobResponder } from '../../jobs/job-responder';
import { GetHost, ListHosts } from './host.queries';
import { CurrentPrincipal, Permit, Principal } from '../../platform/auth/principal';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { TimeTravelQuery } from '../../audit/api/time-travel.dto';
import { hostAt, hostExistedAt, pointInTimeOf } from '../../audit/time-travel';

export function toHostDto(host: HostReadModel): HostDto {
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    osVersion: host.osVersion,
    slat: host.slat,
    cpuVendor: host.cpuVendor,
    logicalProcessors: host.logicalProcessors,
    state: host.state,
    clusterId: host.clusterId,
    memoryMb: host.memoryMb,
    memoryUsedMb: host.memoryUsedMb,
    maximumLiveMigrations: host.maximumLiveMigrations,
    registeredAt: host.registeredAt,
    version: host.version,
  };
}

/** A vm-operator sees a host only as its id (API.md, roles). */
function hostView(host: HostReadModel, principal: Principal): HostDto | { id: string } {
  return principal.role === 'vm-operator' ? { id: host.id } : toHostDto(host);
}

@ApiTags('hosts')
@Controller('v1/hosts')
export class HostsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly hosts: HostFactsQuery,
    private readonly responder: JobResponder,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Post()
  @Permit('fabric-admin')
  @HttpCode(201)
  @HostDocs.register
  async register(@Body() body: RegisterHostDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const hostId = newIdFor(request);
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(
        hostDecider,
        hostStreamId(hostId),
        {
          type: 'RegisterHost',
          hostId,
          specification: body,
          now: new Date().toISOString(),
        },
        commandContextOf(request),
      ),
    );
    // The answer is folded from the events just written, so it does not wait for the read model.
    const host = outcome.events.reduce<HostReadModel | null>((doc, event) => hostProjection.evolve(doc, event, hostId), null)!;
    void reply.header('location', `/v1/hosts/${hostId}`).header('etag', `"${outcome.streamVersion}"`);
    return { ...toHostDto(host), position: outcome.position };
  }

  @Post(':id/reinstall')
  @Permit('fabric-admin')
  @HttpCode(202)
  @HostDocs.reinstall
  async reinstall(
    @Param('id', new UuidPipe('id')) id: string,
    @Body() body: ReinstallHostDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const [read, placement, vmCount] = await Promise.all([
      readHost(this.eventStore, id),
      this.hosts.placement(id),
      this.hosts.vmCount(id),
    ]);
    registeredHost(read.state, id); // an unregistered host does not exist (404)
    const context = commandContextOf(request);
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(
        hostDecider,
        hostStreamId(id),
        {
          type: 'ReinstallHost',
          jobId: newIdFor(request),
          targetOsVersion: body.osVersion,
          vmCount,
          clusterId: placement?.clusterId ?? null,
          requestedBy: { actor: context.actor, role: context.role },
          now: new Date().toISOString(),
        },
        context,
        // The host as just read: the handler decides on it instead of reading its stream again.
        { read },
      ),
    );
    return this.responder.accepted(request, reply, outcome, { type: 'host', id, href: `/v1/hosts/${id}` });
  }

  @Get()
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @HostDocs.list
  async list(@Query() query: ListHostsQuery, @CurrentPrincipal() principal: Principal) {
    const page: Page<HostReadModel> = await this.queryBus.execute(new ListHosts(query));
    return { items: page.items.map((host) => hostView(host, principal)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @HostDocs.get
  async get(
    @Param('id', new UuidPipe('id')) id: string,
    @Query() query: TimeTravelQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const point = pointInTimeOf(query);
    if (point) {
      // vm-operators see hosts only as ids: the host's own stream answers that, without the load scan.
      if (principal.role === 'vm-operator') {
        if (!(await hostExistedAt(this.eventStore, id, point)))
          throw new ProblemError(404, 'NOT_FOUND', `Host ${id} did not exist at that point`);
        return { id };
      }
      // Time travel: folded from the events up to then; no ETag, as no write may name a past version.
      const past = await hostAt(this.eventStore, id, point);
      if (!past) throw new ProblemError(404, 'NOT_FOUND', `Host ${id} did not exist at that point`);
      return hostView(past, principal);
    }
    const host: HostReadModel | null = await this.queryBus.execute(new GetHost(id));
    if (!host) throw new ProblemError(404, 'NOT_FOUND', `Host ${id} does not exist`);
    void reply.header('etag', `"${host.version}"`);
    return hostView(host, principal);
  }
}
