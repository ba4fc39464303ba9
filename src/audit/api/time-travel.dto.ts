import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/** `?asOf=` or `?atPosition=` on the GET of a single resource: its state folded from its events up to then. */
export class TimeTravelQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Time travel: the state from the events recorded at or before this instant',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Time travel: the state from the events at or before this global position (not with asOf)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  atPosition?: number;
}
