import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OS_VERSIONS, OsVersion } from '../domain/windows-server';
import { CpuVendor } from '../domain/host.events';
import { PageQuery } from '../../platform/http/pagination';
import { UUID_PATTERN } from '../../platform/http/uuid.pipe';

export class RegisterHostDto {
  @ApiProperty({ example: 'hv01', description: 'Host name, 1–63 characters' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, { message: 'name may contain letters, digits, "." and "-"' })
  name!: string;

  @ApiProperty({ example: '10.0.0.11', description: 'Management address (DNS name or IP)' })
  @IsString()
  @MinLength(1)
  @MaxLength(253)
  @Matches(/^[A-Za-z0-9.:-]+$/, { message: 'address must be a DNS name or an IP address' })
  address!: string;

  @ApiProperty({ enum: OS_VERSIONS })
  @IsIn(OS_VERSIONS)
  osVersion!: OsVersion;

  @ApiProperty({ description: 'Second Level Address Translation; required from WS2016 on' })
  @IsBoolean()
  slat!: boolean;

  @ApiProperty({ enum: ['Intel', 'AMD'] })
  @IsIn(['Intel', 'AMD'])
  cpuVendor!: CpuVendor;

  @ApiProperty({ minimum: 1, maximum: 2048 })
  @IsInt()
  @Min(1)
  @Max(2048)
  logicalProcessors!: number;

  @ApiProperty({ minimum: 1024, maximum: 251658240, description: 'Physical memory in MB' })
  @IsInt()
  @Min(1024)
  @Max(251658240)
  memoryMb!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 64, default: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  maximumLiveMigrations?: number;
}

export class HostDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ enum: OS_VERSIONS }) osVersion!: string;
  @ApiProperty() slat!: boolean;
  @ApiProperty({ enum: ['Intel', 'AMD'] }) cpuVendor!: string;
  @ApiProperty() logicalProcessors!: number;
  @ApiProperty({ enum: ['Up', 'Down', 'Paused', 'Isolated', 'Quarantined', 'Reinstalling'] }) state!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clusterId!: string | null;
  @ApiProperty() memoryMb!: number;
  @ApiProperty() memoryUsedMb!: number;
  @ApiProperty() maximumLiveMigrations!: number;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({ description: 'Stream version (also the ETag)' }) version!: number;
}

export class HostWrittenDto extends HostDto {
  @ApiProperty({ description: 'Global position of the last event written; use it as ?minPosition=' }) position!: number;
}

export class HostPageDto {
  @ApiProperty({ type: [HostDto] }) items!: HostDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListHostsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OS_VERSIONS })
  @IsOptional()
  @IsIn(OS_VERSIONS)
  osVersion?: OsVersion;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'clusterId must be a UUID' })
  clusterId?: string;
}

export class ReinstallHostDto {
  @ApiProperty({ enum: OS_VERSIONS, description: 'The next OS version: one version per hop' })
  @IsIn(OS_VERSIONS)
  osVersion!: OsVersion;
}
