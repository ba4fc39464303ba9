import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** The compiled service's entry point in this build. */
export const SERVICE_MAIN = path.resolve(__dirname, '../../src/main.js');

export interface ServiceRun {
  child: ChildProcess;
  /** The `msg` of every JSON log line written so far. */
  messages(): string[];
  stderr(): string;
  /** Resolves once the service listens; rejects with its output when it exits first. */
  listening: Promise<void>;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts the compiled service (by default this build's) as its own process, logging at info level so
 * that a test can read what it started, and follows its output without any timing assumption.
 */
export function runServiceProcess(env: Record<string, string>, options: { main?: string; cwd?: string } = {}): ServiceRun {
  const child = spawn(process.execPath, [options.main ?? SERVICE_MAIN], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const messages: string[] = [];
  let pending = '';
  let stderr = '';
  let onListening: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (onListening = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const { msg } = JSON.parse(line) as { msg?: string };
        if (typeof msg !== 'string') continue;
        messages.push(msg);
        if (msg.startsWith('Fabric Manager listening on')) onListening();
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const listeningOrExited = Promise.race([
    listening,
    exited.then((code) => {
      throw new Error(`the service exited (${code}) before listening:\n${stderr}\n${messages.join('\n')}`);
    }),
  ]);
  // A run that is meant to fail is never awaited for listening.
  listeningOrExited.catch(() => undefined);
  return { child, messages: () => [...messages], stderr: () => stderr, listening: listeningOrExited, exited };
}

/**
 * Asks the service to stop as an operator would and waits until it has; resolves with its exit code
 * and what it wrote on stderr, so that a failed expectation shows why.
 */
export async function stopServiceProcess(
  run: ServiceRun,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<{ code: number | string; stderr: string }> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
  return { code: await run.exited, stderr: run.stderr() };
}

export const nonEmptyLines = (text: string) => text.split('\n').filter((line) => line.length > 0);

/** Stops the service with SIGTERM and fails with its output unless it exits with code 0. */
export async function expectCleanStop(run: ServiceRun): Promise<void> {
  const { code, stderr } = await stopServiceProcess(run);
  if (code !== 0) {
    throw new Error(`the service exited with ${code} when stopped:\n${stderr}\n${run.messages().slice(-20).join('\n')}`);
  }
}
