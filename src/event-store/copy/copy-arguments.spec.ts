import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parseCopyArguments, UsageError } from './copy-arguments';

const env = { DATABASE_URL: 'postgres://db/fabric', KURRENTDB_URL: 'kurrentdb://kdb:2113?tls=false' };

describe('event-store:copy arguments', () => {
  it('take each store from the environment the service reads, unless a URL is given', () => {
    expect(parseCopyArguments(['--from', 'postgres', '--to', 'kurrentdb'], env)).toEqual({
      from: { kind: 'postgres', url: 'postgres://db/fabric' },
      to: { kind: 'kurrentdb', url: 'kurrentdb://kdb:2113?tls=false' },
      positionsDatabase: null,
      verifyOnly: false,
      pageSize: 1000,
    });
    expect(
      parseCopyArguments(
        ['--from', 'postgres', '--from-url', 'postgres://a/x', '--to', 'postgres', '--to-url', 'postgres://b/y', '--verify-only'],
        {},
      ),
    ).toMatchObject({ from: { url: 'postgres://a/x' }, to: { url: 'postgres://b/y' }, verifyOnly: true });
    expect(
      parseCopyArguments(
        ['--from', 'kurrentdb', '--to', 'postgres', '--positions-database', 'postgres://db/fabric', '--page-size', '50'],
        env,
      ),
    ).toMatchObject({ positionsDatabase: 'postgres://db/fabric', pageSize: 50 });
  });

  it('say what is wrong with a command line', () => {
    const problem = (argv: string[], environment: NodeJS.ProcessEnv = env) => {
      try {
        parseCopyArguments(argv, environment);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('expected a usage error');
    };
    expect(problem([])).toBe('--from is required');
    expect(problem(['--from', 'mysql', '--to', 'postgres'])).toBe('--from must be postgres or kurrentdb (got "mysql")');
    expect(problem(['--from', 'postgres', '--to', 'kurrentdb'], {})).toBe('--from-url is required (or set DATABASE_URL)');
    expect(problem(['--from', 'postgres', '--to', 'postgres'])).toBe('The source and the target are the same store');
    expect(problem(['--from', 'postgres', '--to'])).toBe('--to needs a value');
    expect(problem(['--from', 'postgres', '--to', 'kurrentdb', '--force'])).toBe('Unknown option --force');
    expect(problem(['--from', 'postgres', '--to', '--verify-only'])).toBe('--to needs a value');
    expect(problem(['--from', 'postgres', '--to', 'kurrentdb', '--verify-only=yes'])).toBe('--verify-only takes no value');
    expect(problem(['--from', 'postgres', '--to', 'kurrentdb', 'extra'])).toBe('Unexpected argument extra');
    expect(problem(['--from', 'postgres', '--to', 'kurrentdb', '--page-size', '0'])).toBe(
      '--page-size must be a whole number between 1 and 10000 (got "0")',
    );
  });

  it('answer --help (or -h) with the usage, whatever else is given', () => {
    expect(parseCopyArguments(['--help'], {})).toBe('help');
    expect(parseCopyArguments(['--from', 'postgres', '-h'], {})).toBe('help');
  });
});
