import { describe, it } from 'node:test';
import { expect } from 'expect';
import { BooleanQueryParameter } from './boolean-query';
import { ProblemError } from './problem';
import { createValidationPipe } from './validation';

class FlagQuery {
  @BooleanQueryParameter({ description: 'a flag' })
  force?: boolean;
}

const parse = (query: Record<string, unknown>) =>
  createValidationPipe().transform(query, { type: 'query', metatype: FlagQuery }) as Promise<FlagQuery>;

describe('a boolean query parameter', () => {
  it('reads the words true and false as booleans, and leaves an absent one absent', async () => {
    expect(await parse({ force: 'true' })).toEqual({ force: true });
    expect(await parse({ force: 'false' })).toEqual({ force: false });
    expect(await parse({})).toEqual({});
  });

  it('refuses any other value with a 400 naming the parameter, never reading it as false', async () => {
    for (const force of ['yes', '1', '0', 'TRUE', '', ['true', 'true']]) {
      const refusal = await parse({ force }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ProblemError);
      expect(refusal).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        extensions: { errors: [{ path: 'force', message: 'force must be true or false' }] },
      });
    }
  });
});
