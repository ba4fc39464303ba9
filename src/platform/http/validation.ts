import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ProblemError } from './problem';

function flatten(errors: ValidationError[], parent = ''): Array<{ path: string; message: string }> {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Validates DTOs, refuses unknown fields, and answers 400 problem+json listing each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new ProblemError(
        400,
        'VALIDATION_FAILED',
        list.length === 1 ? `${list[0].path}: ${list[0].message}` : `${list.length} fields are invalid`,
        { errors: list },
      );
    },
  });
}
