import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BooleanQueryParameter } from '../../platform/http/boolean-query';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
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
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../platform/http/pagination';
import { UUID_PATTERN } from '../../platform/http/uuid.pipe';

// Names end up in PowerShell: no control characters, quotes or backslashes.
const NAME = /^[^\p{Cc}"\\]+$/u;
export const CHECKPOINT_TYPES = ['Production', 'ProductionOnly', 'Standard', 'Disabled'] as const;
export const SECURE_BOOT_TEMPLATES = ['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority', 'OpenSourceShieldedVM'] as const;
export const VM_STATES = [
  'Creating',
  'CreationFailed',
  'Off',
  'Starting',
  'Running',
  'Pausing',
  'Paused',
  'Resuming',
  'Saving',
  'Saved',
  'Stopping',
  'Deleting',
] as const;
export const HEARTBEATS = [
  'OkApplicationsHealthy',
  'OkApplicationsUnknown',
  'OkApplicationsCritical',
  'NoContact',
  'LostCommunication',
  'Paused',
  'Disabled',
  'Error',
  'Unknown',
] as const;

export class GuestOsDto {
  @ApiProperty({ enum: ['windows', 'linux'] }) @IsIn(['windows', 'linux']) family!: 'windows' | 'linux';
  @ApiPropertyOptional({ example: '2016' }) @IsOptional() @IsString() @MaxLength(64) version?: string;
}

export class DynamicMemoryDto {
  @ApiProperty({ minimum: 32 }) @IsInt() @Min(1) @Max(251658240) minimumMb!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(251658240) maximumMb!: number;
  @ApiPropertyOptional({ minimum: 5, maximum: 2000, default: 20 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  bufferPercent?: number;
}

export class MemoryDto {
  @ApiProperty({ minimum: 32, description: 'Startup memory (the static size when not dynamic)' })
  @IsInt()
  @Min(1)
  @Max(251658240)
  startupMb!: number;

  @ApiPropertyOptional({ type: DynamicMemoryDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DynamicMemoryDto)
  dynamic?: DynamicMemoryDto;
}

export class NetworkAdapterDto {
  @ApiProperty({ description: 'Exposed to the guest (device naming); unique per VM' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NAME, { message: 'name may not contain control characters, quotes or backslashes' })
  name!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NAME, { message: 'switchName may not contain control characters, quotes or backslashes' })
  switchName!: string;
}

export class DiskDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NAME, { message: 'name may not contain control characters, quotes or backslashes' })
  name!: string;
  @ApiProperty({ minimum: 1, maximum: 65536 }) @IsInt() @Min(1) @Max(65536) sizeGb!: number;
}

export class FirmwareDto {
  @ApiProperty() @IsBoolean() secureBoot!: boolean;
  @ApiProperty({ enum: SECURE_BOOT_TEMPLATES })
  @IsIn(SECURE_BOOT_TEMPLATES)
  secureBootTemplate!: (typeof SECURE_BOOT_TEMPLATES)[number];
}

export class CreateVmDto {
  @ApiProperty({ example: 'web01' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NAME, { message: 'name may not contain control characters, quotes or backslashes' })
  name!: string;

  @ApiProperty({ example: 'contoso' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'tenant may contain letters, digits, ".", "_" and "-"' })
  tenant!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Place on this host (or give clusterId)' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'hostId must be a UUID' })
  hostId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Let placement pick a node of this cluster' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'clusterId must be a UUID' })
  clusterId?: string;

  @ApiProperty({ enum: [1, 2] }) @IsIn([1, 2]) generation!: 1 | 2;

  @ApiPropertyOptional({ example: '8.0', description: "Defaults to the host OS's default version" })
  @IsOptional()
  @Matches(/^\d{1,2}\.\d$/, { message: 'configVersion must look like "8.0"' })
  configVersion?: string;

  @ApiProperty({ type: GuestOsDto }) @IsObject() @ValidateNested() @Type(() => GuestOsDto) guestOs!: GuestOsDto;
  @ApiProperty({ type: MemoryDto }) @IsObject() @ValidateNested() @Type(() => MemoryDto) memory!: MemoryDto;
  @ApiProperty({ minimum: 1, maximum: 240 }) @IsInt() @Min(1) @Max(240) processorCount!: number;

  @ApiPropertyOptional({ type: [NetworkAdapterDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => NetworkAdapterDto)
  networkAdapters?: NetworkAdapterDto[];

  @ApiPropertyOptional({ type: [DiskDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @ValidateNested({ each: true })
  @Type(() => DiskDto)
  disks?: DiskDto[];

  @ApiPropertyOptional({ type: FirmwareDto, description: 'Generation 2 only' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FirmwareDto)
  firmware?: FirmwareDto;

  @ApiPropertyOptional({ enum: CHECKPOINT_TYPES, default: 'Production' })
  @IsOptional()
  @IsIn(CHECKPOINT_TYPES)
  checkpointType?: (typeof CHECKPOINT_TYPES)[number];
}

export class StopVmDto {
  @ApiPropertyOptional({ enum: ['shutdown', 'turn-off'], default: 'shutdown' })
  @IsOptional()
  @IsIn(['shutdown', 'turn-off'])
  mode?: 'shutdown' | 'turn-off';
}

export class ListVmsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'hostId must be a UUID' })
  hostId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'clusterId must be a UUID' })
  clusterId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) tenant?: string;
  @ApiPropertyOptional({ enum: VM_STATES }) @IsOptional() @IsIn(VM_STATES) state?: string;
  @ApiPropertyOptional({ enum: HEARTBEATS }) @IsOptional() @IsIn(HEARTBEATS) heartbeat?: string;
  @ApiPropertyOptional({ example: '8.0' })
  @IsOptional()
  @Matches(/^\d{1,2}\.\d$/, { message: 'configVersion must look like "8.0"' })
  configVersion?: string;
  @ApiPropertyOptional({ enum: [1, 2] }) @IsOptional() @Type(() => Number) @IsIn([1, 2]) generation?: number;
}

export class DynamicMemoryStateDto {
  @ApiProperty({ example: 512 }) minimumMb!: number;
  @ApiProperty({ example: 8192 }) maximumMb!: number;
  @ApiProperty({ example: 20 }) bufferPercent!: number;
}

export class VmMemoryDto {
  @ApiProperty({ example: 2048, description: 'Startup memory (the static size when not dynamic)' }) startupMb!: number;
  @ApiProperty({ type: DynamicMemoryStateDto, nullable: true, description: 'Dynamic memory; null for static memory' })
  dynamic!: DynamicMemoryStateDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'What the guest uses while it runs, as it reports it' })
  demandMb!: number | null;
}

export class VmNetworkAdapterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Frontend' }) name!: string;
  @ApiProperty({ example: 'External' }) switchName!: string;
}

export class VmDiskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'data' }) name!: string;
  @ApiProperty({ example: 40 }) sizeGb!: number;
}

/** Each integration service of the VM and whether it is enabled (`Get-VMIntegrationService`). */
export class IntegrationServicesDto {
  @ApiProperty() Heartbeat!: boolean;
  @ApiProperty() Shutdown!: boolean;
  @ApiProperty() TimeSynchronization!: boolean;
  @ApiProperty() DataExchange!: boolean;
  @ApiProperty() VSS!: boolean;
  @ApiProperty() GuestServiceInterface!: boolean;
}

export class VmDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clusterId!: string | null;
  @ApiProperty({ enum: [1, 2] }) generation!: number;
  @ApiProperty({ example: '8.0' }) configVersion!: string;
  @ApiProperty({ enum: VM_STATES }) state!: string;
  @ApiProperty({ type: GuestOsDto }) guestOs!: { family: string; version: string | null };
  @ApiProperty({ type: VmMemoryDto }) memory!: VmMemoryDto;
  @ApiProperty() processorCount!: number;
  @ApiProperty({
    description: 'Processor compatibility mode: lets the VM move between hosts of different processor generations (same vendor)',
  })
  processorCompatibilityForMigration!: boolean;
  @ApiProperty({ description: 'Nested virtualization (Set-VMProcessor -ExposeVirtualizationExtensions)' })
  exposeVirtualizationExtensions!: boolean;
  @ApiProperty({ type: [VmNetworkAdapterDto] }) networkAdapters!: VmNetworkAdapterDto[];
  @ApiProperty({ type: [VmDiskDto] }) disks!: VmDiskDto[];
  @ApiProperty({ type: FirmwareDto, nullable: true }) firmware!: { secureBoot: boolean; secureBootTemplate: string } | null;
  @ApiProperty({ enum: CHECKPOINT_TYPES }) checkpointType!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) currentCheckpointId!: string | null;
  @ApiProperty({ description: 'The tree itself is at /v1/vms/{id}/checkpoints' }) checkpointCount!: number;
  @ApiProperty({ type: IntegrationServicesDto, description: 'Each integration service and whether it is enabled' })
  integrationServices!: Record<string, boolean>;
  @ApiProperty({ type: String, nullable: true, description: 'Recorded from the update channel' })
  integrationServicesVersion!: string | null;
  @ApiProperty({ enum: HEARTBEATS }) heartbeat!: string;
  @ApiProperty({
    type: String,
    enum: ['Monitored', 'Unmonitored'],
    nullable: true,
    description: 'Clustered VMs: Unmonitored while its node is isolated',
  })
  clusterStatus!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The job running on this VM' }) pendingJobId!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '6f9619ff-8b86-d011-b42d-00c04fc964ff',
    description: "Hyper-V's own id of the VM (Get-VM's Id) as its host reported it on creation; null until the VM is created",
  })
  hypervisorVmId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() version!: number;
}

export class VmPageDto {
  @ApiProperty({ type: [VmDto] }) items!: VmDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

const VERSION_STRING = /^\d{1,5}(\.\d{1,5}){1,3}$/;
export const INTEGRATION_SERVICE_NAMES = [
  'Heartbeat',
  'Shutdown',
  'TimeSynchronization',
  'DataExchange',
  'VSS',
  'GuestServiceInterface',
] as const;

export class SetMemoryDto {
  @ApiPropertyOptional({ minimum: 32, description: 'Static memory size, or the new startup memory of dynamic memory' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(251658240)
  startupMb?: number;

  @ApiPropertyOptional({
    type: DynamicMemoryDto,
    nullable: true,
    description: 'Dynamic memory; omit (or null) for static memory',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DynamicMemoryDto)
  dynamic?: DynamicMemoryDto | null;
}

export class SetProcessorDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 240 }) @IsOptional() @IsInt() @Min(1) @Max(240) processorCount?: number;
  @ApiPropertyOptional({ description: 'Processor compatibility mode (Off only)' })
  @IsOptional()
  @IsBoolean()
  compatibilityForMigration?: boolean;
  @ApiPropertyOptional({
    description: 'Nested virtualization (Off only; configuration version 8.0 or later on a WS2016 or later host)',
  })
  @IsOptional()
  @IsBoolean()
  exposeVirtualizationExtensions?: boolean;
}

export class CheckpointTypeDto {
  @ApiProperty({ enum: CHECKPOINT_TYPES }) @IsIn(CHECKPOINT_TYPES) checkpointType!: (typeof CHECKPOINT_TYPES)[number];
}

export class AddDiskDto extends DiskDto {
  @ApiPropertyOptional({ description: 'Create the disk even while the cluster is in mixed mode (recorded with a warning)' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class IntegrationServiceDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;
}

export class IntegrationServicesUpdateDto {
  @ApiProperty({ example: '10.0.14393.0', description: 'The version delivered through the update channel' })
  @IsString()
  @Matches(VERSION_STRING, { message: 'version must look like "10.0.14393.0"' })
  version!: string;
}

export class VmFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'hostId must be a UUID' })
  hostId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'clusterId must be a UUID' })
  clusterId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) tenant?: string;
  @ApiPropertyOptional({ enum: VM_STATES }) @IsOptional() @IsIn(VM_STATES) state?: string;
  @ApiPropertyOptional({ enum: HEARTBEATS }) @IsOptional() @IsIn(HEARTBEATS) heartbeat?: string;
  @ApiPropertyOptional({ example: '8.0' })
  @IsOptional()
  @Matches(/^\d{1,2}\.\d$/, { message: 'configVersion must look like "8.0"' })
  configVersion?: string;
  @ApiPropertyOptional({ enum: [1, 2] }) @IsOptional() @IsIn([1, 2]) generation?: number;
}

export class BulkIntegrationServiceDto {
  @ApiProperty({ type: VmFilterDto, description: 'Every VM matching all given fields (at least one)' })
  @IsObject()
  @ValidateNested()
  @Type(() => VmFilterDto)
  filter!: VmFilterDto;

  @ApiProperty({ enum: INTEGRATION_SERVICE_NAMES })
  @IsIn(INTEGRATION_SERVICE_NAMES)
  service!: (typeof INTEGRATION_SERVICE_NAMES)[number];

  @ApiProperty() @IsBoolean() enabled!: boolean;
}

export class BulkJobDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
}

export class BulkRefusalDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() detail!: string;
}

export class BulkSummaryDto {
  @ApiProperty({ description: 'VMs that matched the filter' }) matched!: number;
  @ApiProperty({ description: 'VMs that got a job' }) accepted!: number;
  @ApiProperty({ description: 'VMs whose command a rule refused (see refused)' }) refusedCount!: number;
}

export class BulkAcceptedDto {
  @ApiProperty({ type: BulkSummaryDto }) summary!: BulkSummaryDto;
  @ApiProperty({ type: [BulkJobDto] }) jobs!: BulkJobDto[];
  @ApiProperty({ type: [BulkRefusalDto] }) refused!: BulkRefusalDto[];
  @ApiProperty({ description: 'Global position of the last event written' }) position!: number;
}

export class CheckpointNodeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ enum: ['Production', 'Standard'], description: 'What was actually taken' }) kind!: string;
  @ApiProperty({ description: 'Memory and device state saved with it: applying it leaves the VM Saved' }) includesState!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty() isCurrent!: boolean;
  @ApiProperty({ type: () => [CheckpointNodeDto] }) children!: CheckpointNodeDto[];
}

export class CheckpointTreeDto {
  @ApiProperty({ format: 'uuid' }) vmId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) currentCheckpointId!: string | null;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [CheckpointNodeDto], description: 'Root checkpoints, each with its children' })
  checkpoints!: CheckpointNodeDto[];
}

export class CreateCheckpointDto {
  @ApiPropertyOptional({ description: 'Default: "<vm name> - (<date> - <time>)"', minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NAME, { message: 'name may not contain control characters, quotes or backslashes' })
  name?: string;
}

export class DeleteCheckpointQuery {
  @BooleanQueryParameter({ default: false, description: 'Also delete every checkpoint below it' })
  subtree?: boolean;
}

export class VersionNotNeededDto {
  @ApiProperty({ description: 'Why nothing was done' }) warning!: string;
  @ApiProperty() configVersion!: string;
  @ApiProperty() position!: number;
}

export class ResizeDiskDto {
  @ApiProperty({ minimum: 1, maximum: 65536, description: 'The new size in GB; larger than the current size (disks only grow)' })
  @IsInt()
  @Min(1)
  @Max(65536)
  sizeGb!: number;
  @ApiPropertyOptional({ description: 'Resize even while the cluster is in mixed mode (recorded with a warning)' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class MigrateVmDto {
  @ApiProperty({ format: 'uuid', description: 'A node of the same cluster, or another standalone host (shared-nothing)' })
  @Matches(UUID_PATTERN, { message: 'destinationHostId must be a UUID' })
  destinationHostId!: string;
}
