import { Injectable, PipeTransform } from '@nestjs/common';
import { ProblemError } from './problem';

/** The one UUID pattern every path id, filter and cursor is checked against. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400 naming the parameter. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly parameter = 'id') {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
      throw new ProblemError(400, 'VALIDATION_FAILED', `${this.parameter} must be a UUID`, {
        errors: [{ path: this.parameter, message: 'must be a UUID' }],
      });
    }
    return value.toLowerCase();
  }
}
