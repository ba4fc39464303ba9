import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const POSITION = { minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const EVENT_TYPES = /^[A-Za-z0-9_.:-]+(,[A-Za-z0-9_.:-]+)*$/;
/** What the event lists hand out as `nextCursor`: the decimal globalPosition of the page's last event. */
const EVENT_CURSOR = /^\d{1,16}$/;

/**
 * `?cursor=`, typed as every list types it: the string a page's `nextCursor` gave, so a client that
 * follows pages passes it on as it came.
 */
function EventCursorParameter(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      description:
        "A page's `nextCursor`: continue after that page. Wins over `after`, so a client repeats the first page's query and adds it",
    }),
    IsOptional(),
    IsString(),
    Matches(EVENT_CURSOR, { message: 'cursor must be a nextCursor this server handed out' }),
  );
}

/** The filters /v1/events and /v1/events/stream share. */
export class EventFilterQuery {
  @ApiPropertyOptional({ description: 'Only this stream, e.g. `vm-<id>`' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  streamId?: string;

  @ApiPropertyOptional({ description: 'Only events of this type; several types comma-separated', example: 'VmStarted,VmStopped' })
  @IsOptional()
  @MaxLength(2000)
  @Matches(EVENT_TYPES, { message: 'type must be event type names separated by commas' })
  type?: string;

  @ApiPropertyOptional({ description: 'Only events caused by this actor (an API key name, or `system:<component>`)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'Only events of this correlation (the X-Request-Id of the request that began it)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  correlationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events recorded at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events recorded at or before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    ...POSITION,
    description:
      "Continue after the event at this globalPosition (an event's globalPosition, or an SSE id); 0 starts at the beginning",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(POSITION.minimum)
  @Max(POSITION.maximum)
  after?: number;
}

export class ListEventsQuery extends EventFilterQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @EventCursorParameter()
  cursor?: string;
}

export class StreamEventsQuery extends EventFilterQuery {}

export class HistoryQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    ...POSITION,
    description: "Continue after the event at this globalPosition of the resource's history",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(POSITION.minimum)
  @Max(POSITION.maximum)
  after?: number;

  @EventCursorParameter()
  cursor?: string;
}

export class EventMetadataDto {
  @ApiProperty({ description: 'Who caused the event: an API key name, or `system:<component>`' }) actor!: string;
  @ApiProperty({ description: 'The role the actor acted in' }) role!: string;
  @ApiProperty({ description: 'Shared by every event that one client request set off' }) correlationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The eventId of the event that caused this one' })
  causationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) idempotencyKey!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) commandId?: string | null;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'VmStarted' }) type!: string;
  @ApiProperty({ example: 'vm-5f0c…' }) streamId!: string;
  @ApiProperty({ description: 'Position inside the stream, from 1' }) streamVersion!: number;
  @ApiProperty({ description: 'Position in the whole store; resume after it with ?after= or Last-Event-ID' })
  globalPosition!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event body (secrets redacted)' })
  data!: Record<string, unknown>;
  @ApiProperty({ type: EventMetadataDto }) metadata!: EventMetadataDto;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Pass as ?cursor= for the next page; null on the last page. It is the page's last globalPosition, written as a string like every list's cursor",
  })
  nextCursor!: string | null;
}
