import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import globalSetup from './support/global-setup';
import globalTeardown from './support/global-teardown';

/**
 * Runs every compiled test file with Node's test runner, one file at a time (each in its own
 * process), between the run's set-up (its own databases and Redis prefix) and tear-down.
 * Arguments narrow the run to files whose path contains one of them.
 */
const SUFFIXES = ['.spec.js', '.int-spec.js', '.e2e-spec.js'];
/** The longest test (a rolling upgrade with kill -9s on a loaded machine) takes a few minutes. */
const TEST_TIMEOUT_MS = 10 * 60_000;
const root = path.resolve(__dirname, '..');

function collect(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return collect(full);
    return SUFFIXES.some((suffix) => entry.endsWith(suffix)) ? [full] : [];
  });
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = [path.join(root, 'src'), path.join(root, 'test')]
    .flatMap(collect)
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`No test files match ${filters.join(', ')}\n`);
    process.exit(1);
  }
  await globalSetup();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      // A test that hangs fails after TEST_TIMEOUT_MS with its name, instead of holding the run until CI gives up.
      ['--enable-source-maps', '--test', '--test-concurrency=1', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...files],
      { stdio: 'inherit', env: process.env },
    );
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  await globalTeardown();
  process.exit(code);
}

void main();
