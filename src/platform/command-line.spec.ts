import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parseCommandLine, UsageError } from './command-line';

const OPTIONS = { name: { type: 'string' }, force: { type: 'boolean' } } as const;

function refusal(argv: string[], positionals = 0): string {
  try {
    parseCommandLine(argv, OPTIONS, { positionals });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandLine', () => {
  it('reads options and positionals, and --help or -h on every tool', () => {
    expect(parseCommandLine(['--name', 'web01', '--force', 'all'], OPTIONS, { positionals: 1 })).toEqual({
      values: { name: 'web01', force: true },
      positionals: ['all'],
      help: false,
    });
    expect(parseCommandLine(['--name=web01'], OPTIONS).values).toEqual({ name: 'web01' });
    expect(parseCommandLine(['--help'], OPTIONS).help).toBe(true);
    expect(parseCommandLine(['-h', 'extra', 'more'], OPTIONS, { positionals: 1 }).help).toBe(true);
  });

  it('refuses a bad command line in one line that names the argument', () => {
    expect(refusal(['--bogus'])).toBe('Unknown option --bogus');
    expect(refusal(['--name'])).toBe('--name needs a value');
    expect(refusal(['--name', '--force'])).toBe('--name needs a value');
    expect(refusal(['--force=yes'])).toBe('--force takes no value');
    expect(refusal(['stray'])).toBe('Unexpected argument stray');
    expect(refusal(['one', 'two'], 1)).toBe('Unexpected argument two');
    for (const message of [refusal(['--bogus']), refusal(['--name']), refusal(['stray'])]) expect(message).not.toContain('\n');
  });
});
