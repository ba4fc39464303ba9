import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClusterDocs } from './clusters.docs';
import { CommandOutcome, DecideCommand, DecideHints } from '../../platform/command-handler';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { CurrentPrincipal, Permit, Principal } from '../../platform/auth/principal';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { TimeTravelQuery } from '../../audit/api/time-travel.dto';
import { documentAt, pointInTimeOf } from '../../audit/time-travel';
import { JobResponder } from '../../jobs/job-responder';
import { ClusterCommand } from '../domain/cluster.commands';
import { clusterDecider, functionalLevelVerdict } from '../domain/cluster.decider';
import { clusterStreamId } from '../domain/cluster.events';
import { clusterProjection } from '../projections/cluster.projection';
import { HostFactsQuery } from '../../hosts/host-facts.query';
import { loadExistingCluster, readExistingCluster, readHostCandidate } from '../cluster-aggregate';
import { PlacementQueries } from '../placement.queries';
import { ClusterViews, toClusterDto } from './cluster-views';
import {
  AddNodeDto,
  ClusterDto,
  CreateClusterDto,
  EvictNodeQuery,
  FunctionalLevelDto,
  ListClustersQuery,
  PauseNodeDto,
  ResiliencyDto,
  ResumeNodeDto,
  VmResiliencyDto,
} from './cluster.dto';

const id = () => new UuidPipe('id');
const hostIdPipe = () => new UuidPipe('hostId');

/** A vm-operator sees clusters only as ids, as it sees hosts (API.md, roles). */
function view(dto: ClusterDto, principal: Principal): ClusterDto | { id: string } {
  return principal.role === 'vm-operator' ? { id: dto.id } : dto;
}

@ApiTags('clusters')
@Controller('v1/clusters')
export class ClustersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly placement: PlacementQueries,
    private readonly hosts: HostFactsQuery,
    private readonly views: ClusterViews,
    private readonly responder: JobResponder,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  private requester(request: FastifyRequest) {
    const context = commandContextOf(request);
    return {
      context,
      base: {
        jobId: newIdFor(request),
        requestedBy: { actor: context.actor, role: context.role },
        now: new Date().toISOString(),
      },
    };
  }

  /** Sends a command; `hints` tell the handler what this request already read (or that the stream is new). */
  private async send(
    clusterId: string,
    command: ClusterCommand,
    request: FastifyRequest,
    hints: DecideHints = {},
  ): Promise<CommandOutcome> {
    return this.commandBus.execute(
      new DecideCommand(clusterDecider, clusterStreamId(clusterId), command, commandContextOf(request), hints),
    );
  }

  private accepted(clusterId: string, outcome: CommandOutcome, request: FastifyRequest, reply: FastifyReply) {
    return this.responder.accepted(request, reply, outcome, {
      type: 'cluster',
      id: clusterId,
      href: `/v1/clusters/${clusterId}`,
    });
  }

  @Post()
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.create
  async create(@Body() body: CreateClusterDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const clusterId = newIdFor(request);
    const nodes = await Promise.all(body.nodeIds.map((hostId) => readHostCandidate(this.eventStore, this.hosts, hostId)));
    const { base } = this.requester(request);
    // The cluster's id was drawn for this request: its stream is new unless this request ran before.
    const outcome = await this.send(clusterId, { type: 'CreateCluster', clusterId, name: body.name, nodes, ...base }, request, {
      newStream: true,
    });
    return this.accepted(clusterId, outcome, request, reply);
  }

  @Get()
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @ClusterDocs.list
  async list(@Query() query: ListClustersQuery, @CurrentPrincipal() principal: Principal) {
    const page = await this.views.page(query);
    const items = await this.views.toDtos(page.items);
    return { items: items.map((c) => view(c, principal)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @ClusterDocs.get
  async get(
    @Param('id', id()) clusterId: string,
    @Query() query: TimeTravelQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    const point = pointInTimeOf(query);
    if (point) {
      const past = await documentAt(
        this.eventStore,
        clusterProjection,
        { id: clusterId, streamId: clusterStreamId(clusterId) },
        point,
      );
      if (!past) throw new ProblemError(404, 'NOT_FOUND', `Cluster ${clusterId} did not exist at that point`);
      // Load and VM counts of the past are not kept; the cluster's own state is.
      return view(toClusterDto(past, null, new Map(), 'asOf' in point ? point.asOf : new Date()), principal);
    }
    const cluster = await this.views.one(clusterId);
    if (!cluster) throw new ProblemError(404, 'NOT_FOUND', `Cluster ${clusterId} does not exist`);
    void reply.header('etag', `"${cluster.version}"`);
    const [dto] = await this.views.toDtos([cluster]);
    return view(dto, principal);
  }

  @Post(':id/nodes')
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.addNode
  async addNode(
    @Param('id', id()) clusterId: string,
    @Body() body: AddNodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { read } = await readExistingCluster(this.eventStore, clusterId);
    const node = await readHostCandidate(this.eventStore, this.hosts, body.hostId);
    const outcome = await this.send(clusterId, { type: 'AddClusterNode', node, ...this.requester(request).base }, request, {
      read,
    });
    return this.accepted(clusterId, outcome, request, reply);
  }

  @Post(':id/nodes/:hostId/pause')
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.pause
  async pause(
    @Param('id', id()) clusterId: string,
    @Param('hostId', hostIdPipe()) hostId: string,
    @Body() body: PauseNodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { cluster, read } = await readExistingCluster(this.eventStore, clusterId);
    const [vms, loads] = await Promise.all([
      this.placement.vmsOn([hostId]),
      this.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
    ]);
    const command: ClusterCommand = {
      type: 'PauseClusterNode',
      hostId,
      drain: body?.drain ?? true,
      vms,
      loads,
      ...this.requester(request).base,
    };
    return this.accepted(clusterId, await this.send(clusterId, command, request, { read }), request, reply);
  }

  @Post(':id/nodes/:hostId/resume')
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.resume
  async resume(
    @Param('id', id()) clusterId: string,
    @Param('hostId', hostIdPipe()) hostId: string,
    @Body() body: ResumeNodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { cluster, read } = await readExistingCluster(this.eventStore, clusterId);
    const node = cluster.nodes.find((n) => n.hostId === hostId);
    const failback = body?.failback ?? false;
    const [vms, loads] = await Promise.all([
      failback && node ? this.placement.vmsById(Object.keys(node.drainedTo)) : Promise.resolve([]),
      this.placement.nodeLoads(cluster.nodes.map((n) => n.hostId)),
    ]);
    const command: ClusterCommand = { type: 'ResumeClusterNode', hostId, failback, vms, loads, ...this.requester(request).base };
    return this.accepted(clusterId, await this.send(clusterId, command, request, { read }), request, reply);
  }

  @Delete(':id/nodes/:hostId')
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.evict
  async evict(
    @Param('id', id()) clusterId: string,
    @Param('hostId', hostIdPipe()) hostId: string,
    @Query() query: EvictNodeQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { read } = await readExistingCluster(this.eventStore, clusterId);
    const vmCount = await this.placement.vmCountOn(hostId);
    const command: ClusterCommand = {
      type: 'EvictClusterNode',
      hostId,
      vmCount,
      force: query.force ?? false,
      ...this.requester(request).base,
    };
    return this.accepted(clusterId, await this.send(clusterId, command, request, { read }), request, reply);
  }

  @Post(':id/nodes/:hostId/clear-quarantine')
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.clearQuarantine
  async clearQuarantine(
    @Param('id', id()) clusterId: string,
    @Param('hostId', hostIdPipe()) hostId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { read } = await readExistingCluster(this.eventStore, clusterId);
    const command: ClusterCommand = { type: 'ClearNodeQuarantine', hostId, ...this.requester(request).base };
    return this.accepted(clusterId, await this.send(clusterId, command, request, { read }), request, reply);
  }

  @Post(':id/functional-level')
  @Permit('fabric-admin')
  @HttpCode(202)
  @ClusterDocs.raiseFunctionalLevel
  async raiseFunctionalLevel(
    @Param('id', id()) clusterId: string,
    @Body() body: FunctionalLevelDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { cluster, read } = await readExistingCluster(this.eventStore, clusterId);
    if (body?.whatIf) {
      void reply.status(200);
      return functionalLevelVerdict(cluster);
    }
    const outcome = await this.send(clusterId, { type: 'RaiseFunctionalLevel', ...this.requester(request).base }, request, {
      read,
    });
    return this.accepted(clusterId, outcome, request, reply);
  }

  @Put(':id/resiliency')
  @Permit('fabric-admin')
  @ClusterDocs.setResiliency
  async setResiliency(@Param('id', id()) clusterId: string, @Body() body: ResiliencyDto, @Req() request: FastifyRequest) {
    const { read } = await readExistingCluster(this.eventStore, clusterId);
    const settings = Object.fromEntries(Object.entries(body ?? {}).filter(([, v]) => v !== undefined));
    const outcome = await this.send(
      clusterId,
      { type: 'SetClusterResiliency', settings, now: new Date().toISOString() },
      request,
      { read },
    );
    const state = await loadExistingCluster(this.eventStore, clusterId);
    return { resiliency: state.resiliency, version: outcome.streamVersion, position: outcome.position };
  }

  @Put(':id/vms/:vmId/resiliency')
  @Permit('fabric-admin')
  @ClusterDocs.setVmResiliency
  async setVmResiliency(
    @Param('id', id()) clusterId: string,
    @Param('vmId', new UuidPipe('vmId')) vmId: string,
    @Body() body: VmResiliencyDto,
    @Req() request: FastifyRequest,
  ) {
    const { read } = await readExistingCluster(this.eventStore, clusterId);
    const command: ClusterCommand = {
      type: 'SetVmResiliencyPeriod',
      vmId,
      resiliencyPeriodSeconds: body.resiliencyPeriodSeconds,
      now: new Date().toISOString(),
    };
    const outcome = await this.send(clusterId, command, request, { read });
    return {
      vmId,
      resiliencyPeriodSeconds: body.resiliencyPeriodSeconds,
      version: outcome.streamVersion,
      position: outcome.position,
    };
  }
}
