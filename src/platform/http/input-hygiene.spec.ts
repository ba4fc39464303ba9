import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parseJsonBody } from './input-hygiene';

describe('JSON bodies', () => {
  it('refuses prototype poisoning at any depth with a 400 that names it', () => {
    for (const body of ['{"__proto__":{"admin":true}}', '{"a":[{"__proto__":{}}]}', '{"constructor":{"prototype":{"x":1}}}']) {
      expect(() => parseJsonBody(body)).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED' }));
      expect(() => parseJsonBody(body)).toThrow(/__proto__/);
    }
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('keeps ordinary keys that only look alike', () => {
    expect(parseJsonBody('{"constructor":"x","proto":1,"prototype":{}}')).toEqual({ constructor: 'x', proto: 1, prototype: {} });
  });

  it('still refuses invalid JSON, deep nesting and unstorable text', () => {
    expect(() => parseJsonBody('{')).toThrow(/not valid JSON/);
    expect(() => parseJsonBody('['.repeat(40) + ']'.repeat(40))).toThrow(/nested deeper/);
    expect(() => parseJsonBody('{"a":"\\u0000"}')).toThrow(/without NUL/);
  });
});
