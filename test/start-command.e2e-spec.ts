import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nonEmptyLines } from './support/service-process';

const REPOSITORY = path.resolve(__dirname, '../..');

/**
 * `npm start` (scripts/start.js) in a project of one source file laid out like this one, so that
 * whether TypeScript is installed and how old the compiled output is are the test's to choose.
 */
describe('npm start', () => {
  let project: string;
  const main = () => path.join(project, 'dist', 'src', 'main.js');
  const typescript = () => path.join(project, 'node_modules', 'typescript');
  const writeSource = (greeting: string) =>
    writeFileSync(
      path.join(project, 'src', 'main.ts'),
      `declare const process: { stdout: { write(text: string): void } };\nprocess.stdout.write('${greeting}');\n`,
    );
  const withTypeScript = <T>(run: () => T): T => {
    symlinkSync(path.join(REPOSITORY, 'node_modules', 'typescript'), typescript());
    try {
      return run();
    } finally {
      rmSync(typescript());
    }
  };
  const start = () => {
    const result = spawnSync(process.execPath, [path.join(project, 'scripts', 'start.js')], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** Makes the source look edited after the last build, whatever the file system's clock resolution. */
  const touchSourceAfterBuild = () => {
    const later = new Date(statSync(main()).mtimeMs + 10_000);
    utimesSync(path.join(project, 'src', 'main.ts'), later, later);
  };

  before(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'fm-start-command-'));
    mkdirSync(path.join(project, 'src'));
    mkdirSync(path.join(project, 'node_modules'));
    mkdirSync(path.join(project, 'scripts'));
    cpSync(path.join(REPOSITORY, 'scripts', 'start.js'), path.join(project, 'scripts', 'start.js'));
    const compilerOptions = { target: 'ES2022', lib: ['ES2022'], module: 'commonjs', outDir: 'dist', rootDir: '.', types: [] };
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
    writeFileSync(path.join(project, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json' }));
    writeSource('first');
  });
  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('says in one line what to do when nothing is compiled and TypeScript is not installed', () => {
    const result = start();
    expect(result.code).toBe(1);
    expect(nonEmptyLines(result.stderr)).toEqual([
      'Start-up error: the compiled service (dist/src/main.js) is missing and TypeScript is not installed to build it: ' +
        'run npm ci (with the dev dependencies), or npm run build where it is',
    ]);
    expect(existsSync(main())).toBe(false);
  });

  it('builds first when nothing is compiled and TypeScript is there', () => {
    const result = withTypeScript(start);
    expect(result).toMatchObject({ code: 0, stdout: 'first' });
    expect(nonEmptyLines(result.stderr)).toEqual(['building the service (no compiled output yet)']);
  });

  it('runs what is compiled without TypeScript when it is up to date', () => {
    const builtAt = statSync(main()).mtimeMs;
    const result = start();
    expect(result).toEqual({ code: 0, stdout: 'first', stderr: '' });
    expect(statSync(main()).mtimeMs).toBe(builtAt);
  });

  it('refuses to run compiled output older than the sources when it cannot rebuild', () => {
    writeSource('second');
    touchSourceAfterBuild();
    const result = start();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(nonEmptyLines(result.stderr)).toEqual([
      'Start-up error: the compiled service (dist/src/main.js) is older than the sources and TypeScript is not ' +
        'installed to build it: run npm ci (with the dev dependencies), or npm run build where it is',
    ]);
  });

  it('rebuilds compiled output older than the sources when TypeScript is there', () => {
    const result = withTypeScript(start);
    expect(result).toMatchObject({ code: 0, stdout: 'second' });
    expect(nonEmptyLines(result.stderr)).toEqual(['building the service (sources changed)']);
  });

  it('says in one line that the build failed', () => {
    writeFileSync(path.join(project, 'src', 'main.ts'), 'const broken: number = "text";\n');
    touchSourceAfterBuild();
    const result = withTypeScript(start);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('second');
    expect(result.stdout).toContain('error TS2322');
    expect(nonEmptyLines(result.stderr)).toEqual([
      'building the service (sources changed)',
      'Start-up error: the build failed (its errors are above): fix them, or run npm run build to see them again',
    ]);
  });
});

describe('npm start with the console', () => {
  let project: string;

  before(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'fm-start-console-'));
    for (const folder of ['scripts', 'node_modules', path.join('dist', 'src'), 'console']) mkdirSync(path.join(project, folder), { recursive: true });
    cpSync(path.join(REPOSITORY, 'scripts', 'start.js'), path.join(project, 'scripts', 'start.js'));
    writeFileSync(path.join(project, 'console', 'index.html'), '<!doctype html><title>console</title>\n');
    // A compiled service newer than its (absent) sources: nothing to build for the API.
    writeFileSync(path.join(project, 'dist', 'src', 'main.js'), "process.stdout.write('served');\n");
  });
  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('runs the API and says in one line that the console is not built when Vite is not installed', () => {
    const result = spawnSync(process.execPath, [path.join(project, 'scripts', 'start.js')], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('served');
    expect(nonEmptyLines(result.stderr)).toEqual([
      'the console is not built and Vite is not installed to build it: the API runs without it (npm run build builds it)',
    ]);
  });
});
