'use strict';
// `npm start`: runs the compiled service. It compiles first only when the compiled entry point is
// missing or older than a source, so that an install without the dev dependencies (no TypeScript)
// runs a build made beforehand.
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const entryPoint = path.join(root, 'dist', 'src', 'main.js');
const sources = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json'];

function newestModification(target, extensions = ['.ts']) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !extensions.some((extension) => entry.name.endsWith(extension))) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

function fail(message) {
  process.stderr.write(`Start-up error: ${message}\n`);
  process.exit(1);
}

const compiledAt = existsSync(entryPoint) ? statSync(entryPoint).mtimeMs : null;
const sourcesChangedAt = Math.max(...sources.map((source) => newestModification(path.join(root, source))));
if (compiledAt === null || compiledAt < sourcesChangedAt) {
  let compiler;
  try {
    compiler = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    fail(
      `the compiled service (${path.relative(root, entryPoint)}) is ${compiledAt === null ? 'missing' : 'older than the sources'} ` +
        'and TypeScript is not installed to build it: run npm ci (with the dev dependencies), or npm run build where it is',
    );
  }
  process.stderr.write(`building the service (${compiledAt === null ? 'no compiled output yet' : 'sources changed'})\n`);
  const build = spawnSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed (its errors are above): fix them, or run npm run build to see them again');
}

// The console is optional for the service: without Vite (an install without the dev dependencies)
// the API still runs and says so, in one line.
const consoleSources = path.join(root, 'console');
const consolePage = path.join(root, 'dist', 'console', 'index.html');
if (existsSync(path.join(consoleSources, 'index.html'))) {
  const consoleBuiltAt = existsSync(consolePage) ? statSync(consolePage).mtimeMs : null;
  const consoleChangedAt = Math.max(
    newestModification(consoleSources, ['.ts', '.tsx', '.mts', '.css', '.html']),
    newestModification(path.join(root, 'src', 'client')),
  );
  if (consoleBuiltAt === null || consoleBuiltAt < consoleChangedAt) {
    let vite = null;
    try {
      vite = require.resolve('vite/bin/vite.js', { paths: [root] });
    } catch {
      process.stderr.write(
        `the console is ${consoleBuiltAt === null ? 'not built' : 'older than its sources'} and Vite is not installed to build it: ` +
          'the API runs without it (npm run build builds it)\n',
      );
    }
    if (vite) {
      process.stderr.write(`building the console (${consoleBuiltAt === null ? 'not built yet' : 'sources changed'})\n`);
      const build = spawnSync(process.execPath, [vite, 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'], {
        cwd: root,
        stdio: 'inherit',
      });
      if (build.status !== 0) fail('the console build failed (its errors are above): fix them, or run npm run console:build');
    }
  }
}

require(entryPoint);
