import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemError } from './problem';
import { UUID_PATTERN } from './uuid.pipe';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

export function encodePageCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor made by encodePageCursor; a forged or damaged one is a 400. */
export function decodePageCursor<T>(cursor: string | undefined, isValid: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through
  }
  throw new ProblemError(400, 'VALIDATION_FAILED', 'cursor is not one this server handed out', {
    errors: [{ path: 'cursor', message: 'invalid cursor' }],
  });
}

/** A cursor `{id}` where id is a UUID (what the id-ordered lists hand out). */
export const isIdCursor = (v: unknown): v is { id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { id?: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

/** A cursor `{createdAt, id}` with an ISO-8601 time and a UUID. */
export const isTimeIdCursor = (v: unknown): v is { createdAt: string; id: string } =>
  isIdCursor(v) &&
  typeof (v as unknown as { createdAt?: unknown }).createdAt === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test((v as unknown as { createdAt: string }).createdAt);
