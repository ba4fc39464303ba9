import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { JobDocs } from './jobs.docs';
import { CommandOutcome, DecideCommand } from '../../platform/command-handler';
import { commandContextOf } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { Page } from '../../platform/http/pagination';
import { jobDecider } from '../domain/job.decider';
import { jobStreamId } from '../domain/job.events';
import { JobResponder } from '../job-responder';
import { JobRoutes } from '../job-routes';
import { JobReadModel } from '../projections/job-read-model.entity';
import { ListJobsQuery, toJobDto } from './job.dto';
import { ListJobs } from './job.queries';
import { canSeeTenant, CurrentPrincipal, Permit, Principal, principalOf } from '../../platform/auth/principal';

/** Job kinds a fabric-admin may steer on a VM: moving it, not what is inside it. */
const FABRIC_ADMIN_VM_KINDS = new Set(['migrate-vm', 'quick-migrate-vm']);

/** vm-operators see only their tenants' jobs (others are 404); fabric-admins steer fabric jobs. */
function assertMayAct(principal: Principal, job: JobReadModel, act: boolean): void {
  if (principal.role === 'vm-operator' && (job.tenant === null || !canSeeTenant(principal, job.tenant))) {
    throw new ProblemError(404, 'NOT_FOUND', `Job ${job.id} does not exist`);
  }
  if (act && principal.role === 'fabric-admin' && job.targetType === 'vm' && !FABRIC_ADMIN_VM_KINDS.has(job.kind)) {
    throw new ProblemError(403, 'FORBIDDEN', `The fabric-admin role may not steer ${job.kind} jobs`);
  }
}

@ApiTags('jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly responder: JobResponder,
    private readonly routes: JobRoutes,
  ) {}

  @Get()
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @JobDocs.list
  async list(@Query() query: ListJobsQuery, @CurrentPrincipal() principal: Principal) {
    const tenants = principal.role === 'vm-operator' ? principal.tenants : undefined;
    const page: Page<JobReadModel> = await this.queryBus.execute(new ListJobs({ ...query, tenants }));
    return { items: page.items.map(toJobDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @JobDocs.get
  async get(
    @Param('id', new UuidPipe('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ) {
    // Clients poll a job right after a 202: fold its (short) stream so the answer is never behind.
    const job = await this.responder.current(id);
    if (!job) throw new ProblemError(404, 'NOT_FOUND', `Job ${id} does not exist`);
    assertMayAct(principal, job, false);
    void reply.header('etag', `"${job.version}"`);
    return toJobDto(job);
  }

  @Post(':id/cancel')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @JobDocs.cancel
  async cancel(@Param('id', new UuidPipe('id')) id: string, @Req() request: FastifyRequest) {
    const existing = await this.responder.current(id);
    if (!existing) throw new ProblemError(404, 'NOT_FOUND', `Job ${id} does not exist`);
    assertMayAct(principalOf(request), existing, true);
    const context = commandContextOf(request);
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(
        jobDecider,
        jobStreamId(id),
        { type: 'CancelJob', now: new Date().toISOString(), by: context.actor },
        context,
      ),
    );
    const job = await this.responder.current(id);
    return {
      jobId: id,
      status: job?.status ?? 'Cancelled',
      position: outcome.position,
      resource: { type: 'job', id, href: `/v1/jobs/${id}` },
    };
  }

  @Post(':id/restart')
  @Permit('fabric-admin', 'vm-operator')
  @HttpCode(202)
  @JobDocs.restart
  async restart(
    @Param('id', new UuidPipe('id')) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const job = await this.responder.current(id);
    if (!job) throw new ProblemError(404, 'NOT_FOUND', `Job ${id} does not exist`);
    assertMayAct(principalOf(request), job, true);
    if (job.status !== 'Failed' && job.status !== 'Cancelled') {
      throw new ProblemError(
        409,
        'JOB_NOT_RESTARTABLE',
        `A ${job.status} job cannot be restarted; only failed or cancelled jobs can`,
      );
    }
    const context = commandContextOf(request);
    const routed = await this.routes.get(job.targetType).retry(job.targetId, {
      jobId: id,
      requestedBy: { actor: context.actor, role: context.role },
      now: new Date().toISOString(),
    });
    const outcome: CommandOutcome = await this.commandBus.execute(
      new DecideCommand(routed.decider, routed.streamId, routed.command, context),
    );
    return this.responder.accepted(request, reply, outcome, {
      type: job.targetType,
      id: job.targetId,
      href: `/v1/${job.targetType === 'vm' ? 'vms' : `${job.targetType}s`}/${job.targetId}`,
    });
  }
}
