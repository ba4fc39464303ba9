import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RollingUpgradeDocs } from './rolling-upgrades.docs';
import { DataSource } from 'typeorm';
import { CommandOutcome, DecideCommand } from '../../platform/command-handler';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { decodePageCursor, DEFAULT_PAGE_SIZE, encodePageCursor, isIdCursor } from '../../platform/http/pagination';
import { Permit } from '../../platform/auth/principal';
import { AppConfig } from '../../platform/config';
import { APP_CONFIG } from '../../platform/tokens';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { loadExistingCluster } from '../../clusters/cluster-aggregate';
import { PlacementQueries } from '../../clusters/placement.queries';
import { clusterDecider } from '../../clusters/domain/cluster.decider';
import { clusterStreamId } from '../../clusters/domain/cluster.events';
import { registeredHost } from '../../hosts/domain/host-facts';
import { loadHost } from '../../hosts/host-aggregate';
import { baseDurationMs } from '../../simulator/domain/latency-model';
import { RollingUpgradeCommand, rollingUpgradeDecider } from '../domain/rolling-upgrade.decider';
import { rollingUpgradeStreamId } from '../domain/rolling-upgrade.events';
import { EstimatedOperation, planRollingUpgrade, UpgradePlan } from '../domain/rolling-upgrade.planner';
import { RollingUpgradeReadModel } from '../projections/rolling-upgrade-read-model.entity';
import {
  ListRollingUpgradesQuery,
  RollingUpgradeDto,
  RollingUpgradePageDto,
  StartRollingUpgradeDto,
} from './rolling-upgrade.dto';

const DEFAULT_STEP_TIMEOUT_SECONDS = 3600;

/** The simulator's latency model, real-world milliseconds: what the plan's estimate is made of. */
function estimateMs(operation: EstimatedOperation): number {
  switch (operation.kind) {
    case 'live-migration':
      return baseDurationMs({ kind: 'migrate-vm', migrationType: 'Live', memoryMb: operation.memoryMb });
    case 'quick-migration':
      return baseDurationMs({ kind: 'migrate-vm', migrationType: 'Quick', memoryMb: operation.memoryMb });
    case 'resume-node':
      return 0;
    default:
      return baseDurationMs({ kind: operation.kind });
  }
}

export function toRollingUpgradeDto(row: RollingUpgradeReadModel): RollingUpgradeDto {
  const process = row.process.status === 'None' ? null : row.process;
  return {
    id: row.id,
    clusterId: row.clusterId,
    state: row.state,
    targetOsVersion: row.targetOsVersion,
    currentNodeId: row.currentNodeId,
    currentStep: row.currentStep,
    nodes: row.nodes.map((n) => ({
      hostId: n.hostId,
      name: n.name,
      fromOsVersion: n.fromOsVersion,
      state: n.status,
      startedAt: n.startedAt,
      finishedAt: n.finishedAt,
      durationMs: n.startedAt && n.finishedAt ? Date.parse(n.finishedAt) - Date.parse(n.startedAt) : null,
      vmsMoved: n.vmsMoved,
      steps: n.steps,
    })),
    clusterSteps: process?.clusterSteps ?? [],
    vmsMoved: row.nodes.reduce((sum, n) => sum + n.vmsMoved.length, 0),
    raiseFunctionalLevel: row.raiseFunctionalLevel,
    functionalLevelRaised: row.functionalLevelRaised,
    pauseRequested: row.pauseRequested,
    cancelRequested: row.cancelRequested,
    failure: row.failure,
    estimatedDurationMs: row.estimatedDurationMs,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    version: row.version,
  };
}

@ApiTags('rolling-upgrades')
@Controller('v1')
export class RollingUpgradesController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly placement: PlacementQueries,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async plan(clusterId: string, body: StartRollingUpgradeDto): Promise<UpgradePlan> {
    const cluster = await loadExistingCluster(this.eventStore, clusterId);
    const hostIds = cluster.nodes.map((n) => n.hostId);
    const [vms, loads, slat] = await Promise.all([
      this.placement.vmsOn(hostIds),
      this.placement.nodeLoads(hostIds),
      Promise.all(hostIds.map(async (id) => [id, registeredHost(await loadHost(this.eventStore, id), id).slat] as const)),
    ]);
    return planRollingUpgrade(
      { cluster, vms, loads, slatByHost: Object.fromEntries(slat), estimateMs },
      {
        targetOsVersion: body.targetOsVersion,
        nodeOrder: body.nodeOrder,
        raiseFunctionalLevel: body.raiseFunctionalLevel ?? false,
      },
      this.config.simulatorTimeScale,
    );
  }

  @Post('clusters/:id/rolling-upgrades')
  @Permit('fabric-admin')
  @HttpCode(202)
  @RollingUpgradeDocs.start
  async start(
    @Param('id', new UuidPipe('id')) clusterId: string,
    @Body() body: StartRollingUpgradeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const plan = await this.plan(clusterId, body);
    if (body.dryRun) {
      void reply.status(200);
      return plan;
    }
    if (plan.blockers.length > 0) {
      throw new ProblemError(409, 'ROLLING_UPGRADE_BLOCKED', `The rolling upgrade cannot start: ${plan.blockers.join('; ')}`, {
        blockers: plan.blockers,
      });
    }
    const upgradeId = newIdFor(request);
    const context = commandContextOf(request);
    const now = new Date().toISOString();
    // The cluster takes one upgrade at a time; it is asked first, so two starts cannot both win.
    await this.commandBus.execute(
      new DecideCommand(
        clusterDecider,
        clusterStreamId(clusterId),
        { type: 'BeginRollingUpgrade', upgradeId, targetOsVersion: body.targetOsVersion, now },
        context,
      ),
    );
    const command: RollingUpgradeCommand = {
      type: 'StartRollingUpgrade',
      upgradeId,
      clusterId,
      clusterName: plan.clusterName,
      targetOsVersion: body.targetOsVersion,
      raiseFunctionalLevel: body.raiseFunctionalLevel ?? false,
      nodes: plan.nodes
        .filter((n) => n.action === 'upgrade')
        .map((n) => ({ hostId: n.hostId, name: n.name, fromOsVersion: n.fromOsVersion })),
      stepTimeoutSeconds: body.stepTimeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS,
      estimatedDurationMs: plan.estimatedDurationMs,
      requestedBy: { actor: context.actor, role: context.role },
      now,
    };
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(rollingUpgradeDecider, rollingUpgradeStreamId(upgradeId), command, {
        ...context,
        commandId: newIdFor(request),
      }),
    );
    const href = `/v1/rolling-upgrades/${upgradeId}`;
    void reply.header('location', href);
    return {
      id: upgradeId,
      state: 'Running',
      position: outcome.position,
      resource: { type: 'rolling-upgrade', id: upgradeId, href },
    };
  }

  @Get('rolling-upgrades')
  @Permit('fabric-admin', 'auditor')
  @RollingUpgradeDocs.list
  async list(@Query() query: ListRollingUpgradesQuery): Promise<RollingUpgradePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodePageCursor(query.cursor, isIdCursor);
    const builder = this.dataSource
      .getRepository(RollingUpgradeReadModel)
      .createQueryBuilder('u')
      .orderBy('u.id')
      .limit(limit + 1);
    if (after) builder.andWhere('u.id > :after', { after: after.id });
    if (query.clusterId) builder.andWhere('u.cluster_id = :clusterId', { clusterId: query.clusterId });
    if (query.state) builder.andWhere('u.state = :state', { state: query.state });
    const rows = await builder.getMany();
    const items = rows.slice(0, limit);
    return {
      items: items.map(toRollingUpgradeDto),
      nextCursor: rows.length > limit ? encodePageCursor({ id: items[items.length - 1].id }) : null,
    };
  }

  @Get('rolling-upgrades/:id')
  @Permit('fabric-admin', 'auditor')
  @RollingUpgradeDocs.get
  async get(@Param('id', new UuidPipe('id')) upgradeId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const row = await this.dataSource.getRepository(RollingUpgradeReadModel).findOneBy({ id: upgradeId });
    if (!row) throw new ProblemError(404, 'NOT_FOUND', `Rolling upgrade ${upgradeId} does not exist`);
    void reply.header('etag', `"${row.version}"`);
    return toRollingUpgradeDto(row);
  }

  private async steer(
    upgradeId: string,
    type: 'PauseUpgrade' | 'ResumeUpgrade' | 'CancelUpgrade' | 'RetryStep' | 'SkipNode',
    request: FastifyRequest,
  ) {
    const context = commandContextOf(request);
    const command = { type, by: context.actor, now: new Date().toISOString() } as RollingUpgradeCommand;
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(rollingUpgradeDecider, rollingUpgradeStreamId(upgradeId), command, context),
    );
    const state = (outcome.events.length > 0 ? outcome.events : []).map((e) => e.type);
    return {
      id: upgradeId,
      events: state,
      position: outcome.position,
      resource: { type: 'rolling-upgrade', id: upgradeId, href: `/v1/rolling-upgrades/${upgradeId}` },
    };
  }

  @Post('rolling-upgrades/:id/pause')
  @Permit('fabric-admin')
  @HttpCode(202)
  @RollingUpgradeDocs.pause
  pause(@Param('id', new UuidPipe('id')) upgradeId: string, @Req() request: FastifyRequest) {
    return this.steer(upgradeId, 'PauseUpgrade', request);
  }

  @Post('rolling-upgrades/:id/resume')
  @Permit('fabric-admin')
  @HttpCode(202)
  @RollingUpgradeDocs.resume
  resume(@Param('id', new UuidPipe('id')) upgradeId: string, @Req() request: FastifyRequest) {
    return this.steer(upgradeId, 'ResumeUpgrade', request);
  }

  @Post('rolling-upgrades/:id/cancel')
  @Permit('fabric-admin')
  @HttpCode(202)
  @RollingUpgradeDocs.cancel
  cancel(@Param('id', new UuidPipe('id')) upgradeId: string, @Req() request: FastifyRequest) {
    return this.steer(upgradeId, 'CancelUpgrade', request);
  }

  @Post('rolling-upgrades/:id/retry-step')
  @Permit('fabric-admin')
  @HttpCode(202)
  @RollingUpgradeDocs.retryStep
  retryStep(@Param('id', new UuidPipe('id')) upgradeId: string, @Req() request: FastifyRequest) {
    return this.steer(upgradeId, 'RetryStep', request);
  }

  @Post('rolling-upgrades/:id/skip-node')
  @Permit('fabric-admin')
  @HttpCode(202)
  @RollingUpgradeDocs.skipNode
  skipNode(@Param('id', new UuidPipe('id')) upgradeId: string, @Req() request: FastifyRequest) {
    return this.steer(upgradeId, 'SkipNode', request);
  }
}
