import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { UUID_PATTERN } from '../../platform/http/uuid.pipe';
import { MAX_ADDITIONAL_RECOVERY_POINTS, REPLICATION_FREQUENCIES } from '../domain/replication.events';

export class EnableReplicationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The replica host; it must run the VM\u2019s configuration version' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'replicaHostId must be a UUID' })
  replicaHostId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Or a replica cluster: placement picks its node (the Replica Broker\u2019s choice)',
  })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'replicaClusterId must be a UUID' })
  replicaClusterId?: string;

  @ApiPropertyOptional({ enum: REPLICATION_FREQUENCIES, default: 300 })
  @IsOptional()
  @IsIn(REPLICATION_FREQUENCIES)
  frequencySeconds?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_ADDITIONAL_RECOVERY_POINTS,
    default: 0,
    description: 'Additional hourly recovery points',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ADDITIONAL_RECOVERY_POINTS)
  recoveryPoints?: number;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() applicationConsistent?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Disks to replicate (default: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @Matches(UUID_PATTERN, { each: true, message: 'each disk id must be a UUID' })
  includeDiskIds?: string[];
}

export class ReplicatedDisksDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(64)
  @Matches(UUID_PATTERN, { each: true, message: 'each disk id must be a UUID' })
  includeDiskIds!: string[];
}

export class RecoveryPointChoiceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the latest recovery point' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'recoveryPointId must be a UUID' })
  recoveryPointId?: string;
}

/** Measure-VMReplication's figures as the monitor last read them (not events: they change every cycle). */
export class ReplicationStatisticsDto {
  @ApiProperty() observedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Over the last cycles' }) averageSizeMb!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maximumSizeMb!: number | null;
  @ApiProperty({ description: 'Since replication last (re)started' }) successfulCycles!: number;
  @ApiProperty() failedCycles!: number;
  @ApiProperty({ description: 'Cycles skipped because the one before was still being sent' }) missedCycles!: number;
  @ApiProperty() consecutiveFailedCycles!: number;
  @ApiProperty({ type: String, nullable: true }) failureReason!: string | null;
}

export class ReplicaBrokerDto {
  @ApiProperty({ format: 'uuid' }) clusterId!: string;
  @ApiProperty({ example: 'HVR-BROKER' }) name!: string;
}

export class RecoveryPointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({
    description: "Hyper-V's own id of the point (Get-VMSnapshot -SnapshotType Replica), as the host reported it; absent for points recorded before hosts reported it",
  })
  hypervisorId?: string;
  @ApiProperty({ description: 'The replication cycle that made it' }) seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ['Standard', 'ApplicationConsistent'] }) kind!: string;
}

export class TestFailoverDto {
  @ApiProperty({ format: 'uuid' }) testVmId!: string;
  @ApiProperty({ example: 'web01 - Test' }) testVmName!: string;
  @ApiProperty({ format: 'uuid' }) recoveryPointId!: string;
  @ApiProperty({ description: 'False while the test VM is being created' }) running!: boolean;
}

export class ReplicationDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty({ enum: ['Enabling', 'Replicating', 'Suspended', 'Resynchronizing', 'FailedOver', 'Committed', 'Removed'] })
  state!: string;
  @ApiProperty({ enum: ['Normal', 'Warning', 'Critical'] }) health!: string;
  @ApiProperty({ type: String, nullable: true }) healthReason!: string | null;
  @ApiProperty({ format: 'uuid' }) primaryHostId!: string;
  @ApiProperty({ format: 'uuid' }) replicaHostId!: string;
  @ApiProperty() frequencySeconds!: number;
  @ApiProperty({ description: 'Additional hourly recovery points kept' }) additionalRecoveryPoints!: number;
  @ApiProperty() applicationConsistent!: boolean;
  @ApiProperty({ type: String, nullable: true }) lastReplicatedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastReplicationSizeMb!: number | null;
  @ApiProperty({
    type: ReplicaBrokerDto,
    nullable: true,
    description: 'A replica cluster: its Replica Broker, which Enable-VMReplication addressed',
  })
  replicaBroker!: { clusterId: string; name: string } | null;
  @ApiProperty({ type: ReplicationStatisticsDto, nullable: true, description: 'The live figures of the last poll' })
  statistics!: ReplicationStatisticsDto | null;
  @ApiProperty({ type: [RecoveryPointDto], description: 'Oldest first; the last is the latest' })
  recoveryPoints!: RecoveryPointDto[];
  @ApiProperty({ type: [String] }) replicatedDiskIds!: string[];
  @ApiProperty({ type: [String] }) nonReplicatedDiskIds!: string[];
  @ApiProperty({ type: TestFailoverDto, nullable: true }) testFailover!: TestFailoverDto | null;
  @ApiProperty({ type: String, nullable: true }) pendingJobId!: string | null;
  @ApiProperty() version!: number;
}
