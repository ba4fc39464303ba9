import { describe, it } from 'node:test';
import { expect } from 'expect';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The compiled tools, run as `npm run …` runs them; none of these calls reaches a database. */
const DIST = path.resolve(__dirname, '..');
const TOOLS = {
  'projections:rebuild': 'src/processing/rebuild.cli.js',
  'event-store:copy': 'src/event-store/copy/event-store-copy.cli.js',
  'openapi:generate': 'src/platform/openapi.cli.js',
  bench: 'bench/run.js',
} as const;

function run(tool: keyof typeof TOOLS, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(DIST, TOOLS[tool]), ...args], {
    encoding: 'utf8',
    // An unreachable database: a tool that tried to connect would fail differently.
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('The command-line tools', () => {
  for (const tool of Object.keys(TOOLS) as Array<keyof typeof TOOLS>) {
    it(`${tool} answers --help with its usage and exit code 0`, () => {
      const answer = run(tool, '--help');
      expect(answer.stderr).toBe('');
      expect(answer.stdout).toMatch(/^Usage: npm run /);
      expect(answer.status).toBe(0);
    });

    it(`${tool} refuses an unknown option in one line, with exit code 2`, () => {
      const answer = run(tool, '--bogus');
      expect(answer.stdout).toBe('');
      expect(answer.stderr).toBe(`${tool}: Unknown option --bogus (--help shows the usage)\n`);
      expect(answer.status).toBe(2);
    });
  }

  it('projections:rebuild takes one projection name, not two', () => {
    const answer = run('projections:rebuild', 'vms', 'hosts');
    expect(answer.stderr).toBe('projections:rebuild: Unexpected argument hosts (--help shows the usage)\n');
    expect(answer.status).toBe(2);
  });

  it('event-store:copy names the option that lacks its value', () => {
    const answer = run('event-store:copy', '--from', 'postgres', '--to');
    expect(answer.stderr).toBe('event-store:copy: --to needs a value (--help shows the usage)\n');
    expect(answer.status).toBe(2);
  });
});
