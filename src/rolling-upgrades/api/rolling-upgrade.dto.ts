import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OS_VERSIONS, OsVersion } from '../../hosts/domain/windows-server';
import { PageQuery } from '../../platform/http/pagination';
import { UUID_PATTERN } from '../../platform/http/uuid.pipe';

export const UPGRADE_STATES = ['Running', 'Paused', 'Completed', 'Failed', 'Cancelled'] as const;

export class StartRollingUpgradeDto {
  @ApiProperty({ enum: OS_VERSIONS, description: 'One version above the nodes to upgrade' })
  @IsIn(OS_VERSIONS)
  targetOsVersion!: OsVersion;

  @ApiPropertyOptional({ default: false, description: 'Answer the plan (200) and change nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Raise the functional level after the last node (irreversible)' })
  @IsOptional()
  @IsBoolean()
  raiseFunctionalLevel?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'Node order (host ids); default: fewest running VMs first. Unlisted nodes follow.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @Matches(UUID_PATTERN, { each: true, message: 'each node id must be a UUID' })
  nodeOrder?: string[];

  @ApiPropertyOptional({ default: 3600, minimum: 1, maximum: 86400, description: 'A step that takes longer pauses the upgrade' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86400)
  stepTimeoutSeconds?: number;
}

export class ListRollingUpgradesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'clusterId must be a UUID' })
  clusterId?: string;

  @ApiPropertyOptional({ enum: UPGRADE_STATES }) @IsOptional() @IsIn(UPGRADE_STATES) state?: string;
}

export class UpgradeStepDto {
  @ApiProperty({ enum: ['drain', 'evict', 'reinstall', 'add', 'resume', 'raise-functional-level'] }) step!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: ['Running', 'Succeeded', 'Failed'] }) status!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

export class UpgradeNodeDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() fromOsVersion!: string;
  @ApiProperty({ enum: ['Pending', 'InProgress', 'Completed', 'Skipped'] }) state!: string;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: [String], description: 'VMs moved off this node by its drain' }) vmsMoved!: string[];
  @ApiProperty({ type: [UpgradeStepDto] }) steps!: UpgradeStepDto[];
}

export class UpgradeFailureDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The node, or null for a step of the cluster as a whole',
  })
  hostId!: string | null;
  @ApiProperty({ enum: ['drain', 'evict', 'reinstall', 'add', 'resume', 'raise-functional-level'] }) step!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ example: 'DRAIN_NOT_POSSIBLE', description: "The failed job's error code" }) code!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() at!: string;
}

export class RollingUpgradeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) clusterId!: string;
  @ApiProperty({ enum: UPGRADE_STATES }) state!: string;
  @ApiProperty({ enum: OS_VERSIONS }) targetOsVersion!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) currentNodeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) currentStep!: string | null;
  @ApiProperty({ type: [UpgradeNodeDto] }) nodes!: UpgradeNodeDto[];
  @ApiProperty({ type: [UpgradeStepDto], description: 'Steps of the cluster as a whole (the functional level raise)' })
  clusterSteps!: UpgradeStepDto[];
  @ApiProperty() vmsMoved!: number;
  @ApiProperty() raiseFunctionalLevel!: boolean;
  @ApiProperty() functionalLevelRaised!: boolean;
  @ApiProperty() pauseRequested!: boolean;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty({
    type: UpgradeFailureDto,
    nullable: true,
    description: 'The failed step and its reason, while the upgrade waits for the operator',
  })
  failure!: Record<string, unknown> | null;
  @ApiProperty() estimatedDurationMs!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty() version!: number;
}

export class RollingUpgradePageDto {
  @ApiProperty({ type: [RollingUpgradeDto] }) items!: RollingUpgradeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class PlannedFunctionalLevelDto {
  @ApiProperty({ example: 8 }) current!: number;
  @ApiProperty({ example: 9, description: 'The level the cluster can be raised to once every node runs the target OS' })
  afterUpgrade!: number;
  @ApiProperty({ description: 'Whether the upgrade will raise it (raiseFunctionalLevel)' }) raise!: boolean;
}

export class PlannedMoveDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty() vmName!: string;
  @ApiProperty({ format: 'uuid' }) fromHostId!: string;
  @ApiProperty({ format: 'uuid' }) toHostId!: string;
  @ApiProperty() toHostName!: string;
  @ApiProperty({
    enum: ['Live', 'Quick', 'Failover'],
    description: 'Live for running or paused VMs, Quick for Off and Saved ones',
  })
  migrationType!: string;
}

export class UnplaceableVmDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty() vmName!: string;
  @ApiProperty() reason!: string;
}

export class PlannedNodeDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OS_VERSIONS }) fromOsVersion!: string;
  @ApiProperty({ example: 'Up' }) state!: string;
  @ApiProperty() runningVms!: number;
  @ApiProperty({ enum: ['upgrade', 'skip'], description: 'skip: the node runs the target OS already' }) action!: string;
  @ApiProperty({ type: [PlannedMoveDto], description: "The moves the node's drain will make" }) moves!: PlannedMoveDto[];
  @ApiProperty({ type: [UnplaceableVmDto], description: 'VMs that fit on no other node (each one is a blocker)' })
  unplaceable!: UnplaceableVmDto[];
  @ApiProperty() estimatedDurationMs!: number;
}

export class PlannedCapacityDto {
  @ApiProperty({ description: 'Whether the running VMs fit on the cluster without its largest node' }) ok!: boolean;
  @ApiProperty() runningVmMemoryMb!: number;
  @ApiProperty() capacityWithoutLargestNodeMb!: number;
  @ApiProperty() detail!: string;
}

export class UpgradePlanDto {
  @ApiProperty({ format: 'uuid' }) clusterId!: string;
  @ApiProperty() clusterName!: string;
  @ApiProperty() targetOsVersion!: string;
  @ApiProperty({ type: PlannedFunctionalLevelDto }) functionalLevel!: PlannedFunctionalLevelDto;
  @ApiProperty({
    type: [PlannedNodeDto],
    description: 'In order: each node, the VM moves its drain will make, its estimated duration',
  })
  nodes!: PlannedNodeDto[];
  @ApiProperty({ type: PlannedCapacityDto }) capacity!: PlannedCapacityDto;
  @ApiProperty({ type: [String] }) blockers!: string[];
  @ApiProperty() estimatedRealWorldMs!: number;
  @ApiProperty({ description: 'At the simulator time scale' }) estimatedDurationMs!: number;
}

export class UpgradeResourceDto {
  @ApiProperty({ enum: ['rolling-upgrade'] }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' }) href!: string;
}

export class UpgradeAcceptedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: UPGRADE_STATES }) state!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: UpgradeResourceDto }) resource!: UpgradeResourceDto;
}

export class UpgradeSteeredDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: [String],
    example: ['RollingUpgradePauseRequested'],
    description: 'The events the request recorded (none when the upgrade was already so)',
  })
  events!: string[];
  @ApiProperty({ description: 'Global position of the last event written; use it as ?minPosition=' }) position!: number;
  @ApiProperty({ type: UpgradeResourceDto }) resource!: UpgradeResourceDto;
}
