import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../../platform/auth/principal';
import { PageQuery } from '../../platform/http/pagination';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'scvmm-prod', description: 'Recorded as the actor of every event the key causes' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._@-]+$/, { message: 'name may contain letters, digits, ".", "_", "@" and "-"' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: (typeof ROLES)[number];

  @ApiPropertyOptional({ type: [String], description: 'Required for vm-operator keys, not allowed for others' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { each: true, message: 'each tenant may contain letters, digits, ".", "_" and "-"' })
  tenants?: string[];
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String] }) tenants!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
}

export class CurrentApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String], description: 'The tenants a vm-operator key may see; empty for other roles' })
  tenants!: string[];
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The secret, shown only in this answer' }) secret!: string;
  @ApiProperty() position!: number;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListApiKeysQuery extends PageQuery {}
