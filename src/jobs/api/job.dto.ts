import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { JobPlacement, JobTarget } from '../domain/job.events';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../../platform/http/pagination';
import { UUID_PATTERN } from '../../platform/http/uuid.pipe';
import { JobReadModel } from '../projections/job-read-model.entity';

export const JOB_STATUSES = ['Queued', 'Running', 'Succeeded', 'Failed', 'Cancelled'] as const;

/** What a job acts on; a compile error here names a target type of the domain the schema leaves out. */
const JOB_TARGET_TYPES = ['vm', 'host', 'cluster', 'replication'] as const satisfies readonly JobTarget['type'][];
const EVERY_TARGET_TYPE_DOCUMENTED: [Exclude<JobTarget['type'], (typeof JOB_TARGET_TYPES)[number]>] extends [never]
  ? true
  : never = true;
void EVERY_TARGET_TYPE_DOCUMENTED;

export class JobTargetDto {
  @ApiProperty({ enum: JOB_TARGET_TYPES }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class JobStepDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ description: 'What a Hyper-V administrator would run for this step' }) powershell!: string;
}

export class JobErrorDto {
  @ApiProperty() code!: string;
  @ApiProperty() detail!: string;
}

export class PlacementCandidateDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Free memory left after placing the VM, in MB' }) rating!:
    number | null;
  @ApiProperty({ type: [String], description: 'Why the node is not eligible' }) reasons!: string[];
}

export class JobPlacementDto {
  @ApiProperty({ format: 'uuid' }) clusterId!: string;
  @ApiProperty({ format: 'uuid' }) chosenHostId!: string;
  @ApiProperty({ type: [PlacementCandidateDto] }) candidates!: PlacementCandidateDto[];
}

export class JobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'start-vm', description: 'The command in kebab case' }) kind!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ description: 'Starts at 1; a restart adds one' }) attempt!: number;
  @ApiProperty({ type: JobTargetDto }) target!: JobTargetDto;
  @ApiProperty({ type: [JobStepDto] }) steps!: JobStepDto[];
  @ApiProperty({ type: JobErrorDto, nullable: true }) error!: JobErrorDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What the finished job reports, per kind (for example the resulting state or version)',
  })
  result!: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: JobPlacementDto,
    description: 'create-vm on a cluster: each candidate node with its rating (free memory left, MB) and why it was not eligible',
  })
  placement?: JobPlacement;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() version!: number;
}

export class JobPageDto {
  @ApiProperty({ type: [JobDto] }) items!: JobDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ResourceRefDto {
  @ApiProperty({ enum: [...JOB_TARGET_TYPES, 'job'], description: 'What the command acts on (a job, for cancel and restart)' })
  type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() href!: string;
}

export class AcceptedDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ description: 'Global position of the last event written; use it as ?minPosition=' }) position!: number;
  @ApiProperty({ type: ResourceRefDto }) resource!: ResourceRefDto;
}

export class ListJobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'start-vm' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{1,40}$/, { message: 'kind must be a job kind such as start-vm' })
  kind?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The VM, host or cluster the jobs act on' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'targetId must be a UUID' })
  targetId?: string;
}

export function toJobDto(job: JobReadModel): JobDto {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    attempt: job.attempt,
    target: { type: job.targetType, id: job.targetId },
    steps: job.steps,
    error: job.error,
    result: job.result,
    ...(job.placement ? { placement: job.placement } : {}),
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    requestedBy: job.requestedBy.actor,
    version: job.version,
  };
}
