import { parse as parseWithoutPoisoning } from 'secure-json-parse';
import { ProblemError } from './problem';

/** JSON deeper than this is refused before anything walks it recursively (validation would overflow the stack). */
export const MAX_JSON_DEPTH = 32;

/**
 * PostgreSQL's jsonb and text refuse NUL and unpaired UTF-16 surrogates; such input would fail at
 * the database instead of being refused at the door.
 */
export function isStorableText(value: string): boolean {
  // An unpaired surrogate: a high one not followed by a low one, or a low one not after a high one.
  return !value.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/**
 * Parses a JSON body and refuses prototype poisoning (`__proto__`, `constructor.prototype`, as
 * Fastify's own parser does), excessive nesting and unstorable strings (keys included), without recursion.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = text.length === 0 ? undefined : parseWithoutPoisoning(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes('forbidden prototype property')) {
      throw new ProblemError(400, 'VALIDATION_FAILED', 'The body may not contain "__proto__" or "constructor.prototype" properties');
    }
    throw new ProblemError(400, 'VALIDATION_FAILED', `The body is not valid JSON: ${message}`);
  }
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isStorableText(node)) throw unstorable();
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      throw new ProblemError(400, 'VALIDATION_FAILED', `The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    for (const [key, child] of Object.entries(node)) {
      if (!isStorableText(key)) throw unstorable();
      stack.push([child, depth + 1]);
    }
  }
  return value;
}

/** Query strings with NUL or unpaired surrogates are refused the same way. */
export function checkQuery(query: unknown): void {
  if (query === null || typeof query !== 'object') return;
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    if (!isStorableText(key) || values.some((v) => typeof v === 'string' && !isStorableText(v))) {
      throw new ProblemError(
        400,
        'VALIDATION_FAILED',
        `Query parameter ${JSON.stringify(key)} contains NUL or malformed Unicode`,
      );
    }
  }
}

const unstorable = () =>
  new ProblemError(400, 'VALIDATION_FAILED', 'Text in the body must be well-formed Unicode without NUL characters');
