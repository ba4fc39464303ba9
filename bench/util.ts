/** Small helpers shared by the measurements. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an unsorted list (0 when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const formatRate = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;
export const formatMs = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
export const formatMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function log(message: string): void {
  const stamp = new Date().toISOString().slice(11, 19);
  process.stdout.write(`[${stamp}] ${message}\n`);
}

/** A closed-loop worker: runs `op` back to back and records how long each took. */
export interface LoopResult {
  ops: number;
  elapsedMs: number;
  latenciesMs: number[];
  errors: number;
  firstError: string | null;
}

/**
 * Runs every worker's `op` back to back until `durationMs` has passed. An op counts only if it
 * succeeded; the elapsed time runs until the last in-flight op has finished, so every counted op
 * lies inside it.
 */
export async function runClosedLoop(workers: readonly { op: () => Promise<void> }[], durationMs: number): Promise<LoopResult> {
  const latenciesMs: number[] = [];
  let ops = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await worker.op();
          latenciesMs.push(performance.now() - t);
          ops++;
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
          if (errors > 100) throw error;
        }
      }
    }),
  );
  return { ops, elapsedMs: performance.now() - started, latenciesMs, errors, firstError };
}

export function mergeLoops(results: readonly LoopResult[]): LoopResult {
  return {
    ops: results.reduce((s, r) => s + r.ops, 0),
    elapsedMs: results.reduce((s, r) => s + r.elapsedMs, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    errors: results.reduce((s, r) => s + r.errors, 0),
    firstError: results.find((r) => r.firstError)?.firstError ?? null,
  };
}
