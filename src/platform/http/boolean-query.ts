import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

const WIRE_VALUES: Readonly<Record<string, boolean>> = { true: true, false: false };

/**
 * An optional `?flag=true|false` query parameter: a boolean in the OpenAPI document (so the typed
 * client sends `true`, not `'true'`), the words `true`/`false` on the wire. Any other value
 * (`1`, `yes`, an empty or repeated parameter) is left as it came, so validation refuses it with a
 * 400 naming the parameter rather than reading it as false.
 */
export function BooleanQueryParameter(options: { description: string; default?: boolean }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, ...options }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && Object.hasOwn(WIRE_VALUES, value) ? WIRE_VALUES[value] : value,
    ),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );
}
