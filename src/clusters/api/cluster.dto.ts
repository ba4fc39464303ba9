import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { BooleanQueryParameter } from '../../platform/http/boolean-query';
import { PageQuery } from '../../platform/http/pagination';
import { UUID_PATTERN } from '../../platform/http/uuid.pipe';
import { MAX_CLUSTER_NODES } from '../domain/cluster.events';
import { RESILIENCY_LIMITS } from '../domain/cluster.decider';

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;

export class CreateClusterDto {
  @ApiProperty({ example: 'CLU01', description: 'A NetBIOS-style cluster name: letters, digits and hyphens, at most 15' })
  @IsString()
  @Matches(NAME, { message: 'name must be 1–15 letters, digits or hyphens, starting with a letter or digit' })
  name!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: `1 to ${MAX_CLUSTER_NODES} hosts of one OS` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CLUSTER_NODES)
  @Matches(UUID_PATTERN, { each: true, message: 'each node id must be a UUID' })
  nodeIds!: string[];
}

export class AddNodeDto {
  @ApiProperty({ format: 'uuid' }) @Matches(UUID_PATTERN, { message: 'hostId must be a UUID' }) hostId!: string;
}

export class PauseNodeDto {
  @ApiPropertyOptional({
    default: true,
    description: 'Move every VM off the node first (live for running VMs, quick for the others)',
  })
  @IsOptional()
  @IsBoolean()
  drain?: boolean;
}

export class ResumeNodeDto {
  @ApiPropertyOptional({ default: false, description: 'Move the VMs the drain took off the node back to it' })
  @IsOptional()
  @IsBoolean()
  failback?: boolean;
}

export class FunctionalLevelDto {
  @ApiPropertyOptional({ default: false, description: 'Only answer whether the level can be raised (200), change nothing' })
  @IsOptional()
  @IsBoolean()
  whatIf?: boolean;
}

export class ResiliencyDto {
  @ApiPropertyOptional({ enum: ['AlwaysIsolate', 'IsolateOnSpecialHeartbeat'] })
  @IsOptional()
  @IsIn(['AlwaysIsolate', 'IsolateOnSpecialHeartbeat'])
  resiliencyLevel?: 'AlwaysIsolate' | 'IsolateOnSpecialHeartbeat';

  @ApiPropertyOptional({ minimum: 0, maximum: RESILIENCY_LIMITS.maxPeriodSeconds, default: 240 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RESILIENCY_LIMITS.maxPeriodSeconds)
  resiliencyPeriodSeconds?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: RESILIENCY_LIMITS.maxThreshold, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(RESILIENCY_LIMITS.maxThreshold)
  quarantineThreshold?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    default: 7200,
    description: 'null: until an administrator clears it',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(RESILIENCY_LIMITS.maxQuarantineSeconds)
  quarantineDurationSeconds?: number | null;
}

export class VmResiliencyDto {
  @ApiProperty({ type: Number, nullable: true, description: "This VM's resiliency period; null: the cluster's" })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(RESILIENCY_LIMITS.maxPeriodSeconds)
  resiliencyPeriodSeconds!: number | null;
}

export class ListClustersQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(15) name?: string;
}

export class ClusterNodeDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() osVersion!: string;
  @ApiProperty({ enum: ['Joining', 'Up', 'Paused', 'Isolated', 'Down', 'Quarantined', 'Evicting'] }) state!: string;
  @ApiProperty() cpuVendor!: string;
  @ApiProperty() memoryMb!: number;
  @ApiProperty() memoryUsedMb!: number;
  @ApiProperty() logicalProcessors!: number;
  @ApiProperty() vmCount!: number;
  @ApiProperty() maximumLiveMigrations!: number;
  @ApiProperty({ description: 'Live migrations running now with this node at either end' }) runningLiveMigrations!: number;
  @ApiProperty({ type: [String], description: 'Ungraceful failures within the last hour' }) recentFailures!: string[];
  @ApiProperty({ type: String, nullable: true }) quarantinedUntil!: string | null;
  @ApiProperty({ type: String, nullable: true }) isolatedSince!: string | null;
}

export class ClusterCapacityDto {
  @ApiProperty({ description: 'Memory of every node' }) memoryMb!: number;
  @ApiProperty({ description: 'Memory free on the nodes that take VMs (Up)' }) memoryFreeMb!: number;
  @ApiProperty() memoryUsedMb!: number;
  @ApiProperty() logicalProcessors!: number;
  @ApiProperty({ description: 'Logical processors of the nodes that take VMs (Up)' }) availableLogicalProcessors!: number;
  @ApiProperty() vmCount!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'VM count per state',
    example: { Running: 3, Off: 1 },
  })
  vmsByState!: Record<string, number>;
  @ApiProperty() nodesUp!: number;
}

export class ClusterResiliencyDto {
  @ApiProperty({ enum: ['AlwaysIsolate', 'IsolateOnSpecialHeartbeat'] }) resiliencyLevel!: string;
  @ApiProperty({ example: 240, description: 'How long an isolated node keeps its VMs before they fail over' })
  resiliencyPeriodSeconds!: number;
  @ApiProperty({ example: 3, description: 'Ungraceful failures within an hour that quarantine a node' })
  quarantineThreshold!: number;
  @ApiProperty({ type: Number, nullable: true, example: 7200, description: 'null: quarantined until cleared' })
  quarantineDurationSeconds!: number | null;
}

export class ClusterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['Creating', 'CreationFailed', 'Active'] }) status!: string;
  @ApiProperty() functionalLevel!: number;
  @ApiProperty({ description: "A node runs a newer OS than the functional level's" }) mixedMode!: boolean;
  @ApiProperty({ type: String, nullable: true }) mixedModeSince!: string | null;
  @ApiProperty({ type: [String], description: 'e.g. mixed mode for more than 4 weeks' }) warnings!: string[];
  @ApiProperty({ type: [ClusterNodeDto] }) nodes!: ClusterNodeDto[];
  @ApiProperty({ type: ClusterResiliencyDto }) resiliency!: ClusterResiliencyDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Per-VM resiliency periods (vm id → seconds)',
  })
  vmResiliencyPeriods!: Record<string, number>;
  @ApiProperty({ type: ClusterCapacityDto, nullable: true, description: 'The cluster as one big host (null in time travel)' })
  capacity!: ClusterCapacityDto | null;
  @ApiProperty({ type: [String] }) pendingJobIds!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() version!: number;
}

export class ClusterPageDto {
  @ApiProperty({ type: [ClusterDto] }) items!: ClusterDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class FunctionalLevelVerdictDto {
  @ApiProperty() fromLevel!: number;
  @ApiProperty() toLevel!: number;
  @ApiProperty() canRaise!: boolean;
  @ApiProperty({ type: [String] }) blockers!: string[];
}

export class EvictNodeQuery {
  @BooleanQueryParameter({
    default: false,
    description: 'Evict a Down node whose VMs have failed over (Remove-ClusterNode -Force); a Paused, empty node needs no force',
  })
  force?: boolean;
}

export class ResiliencyWrittenDto {
  @ApiProperty({ type: ClusterResiliencyDto }) resiliency!: ClusterResiliencyDto;
  @ApiProperty({ description: "The cluster's stream version (its ETag)" }) version!: number;
  @ApiProperty({ description: 'Global position of the last event written; use it as ?minPosition=' }) position!: number;
}

export class VmResiliencyWrittenDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty({ type: Number, nullable: true, description: "null: the cluster's period applies" })
  resiliencyPeriodSeconds!: number | null;
  @ApiProperty({ description: "The cluster's stream version (its ETag)" }) version!: number;
  @ApiProperty({ description: 'Global position of the last event written; use it as ?minPosition=' }) position!: number;
}
