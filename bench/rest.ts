import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createFabricClient } from '../src/client';
import { censusDelta, censusEnv, readCensus } from './census-reader';
import { BenchDatabase } from './db';
import { cost, Probe } from './probe';
import { log, percentile, runClosedLoop, sleep } from './util';

/**
 * REST command path: the compiled service runs as its own process (as in production) on the
 * bench database with the zero-latency simulator; this process is the client.
 */
export interface RestResult {
  peakRate: number;
  peakConcurrency: number;
  halfRate: number;
  halfP50Ms: number;
  halfP99Ms: number;
  halfErrors: number;
  endToEndP50Ms: number;
  endToEndP99Ms: number;
  endToEndSamples: number;
  serviceRssPeakMb: number;
  /** CPU time of the service's processes (user + system) per command accepted in the peak window. */
  serviceCpuMsPerCommand: number;
  /**
   * Create-VM jobs that reached Succeeded per second in the peak window: what the job pipeline
   * (enqueuer, worker, driver, outcome) keeps up with while the API takes its peak.
   */
  jobsSucceededPerSecond: number;
  /** The same, of the process that answers the API alone (the API process when split). */
  apiCpuMsPerCommand: number;
  shape: RestShape;
}

/**
 * How the service runs: `one` process (ROLE=all, the embedded default), or `split` as the docker
 * files deploy it, an API process (ROLE=api) and a worker process (ROLE=worker) started first, so that
 * it wins the processors' elections and the API process only answers requests.
 */
export type RestShape = 'one' | 'split';

export const KEY = `fm_bench-${Date.now().toString(36)}-admin-key`;

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Peak resident memory of a process (Linux VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/** CPU time a process has used so far, in ms, in user space and in the kernel (Linux /proc/<pid>/stat). */
export function processCpuMs(pid: number): { user: number; system: number; total: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = (Number(fields[11]) * 1000) / 100; // USER_HZ is 100 on Linux
  const system = (Number(fields[12]) * 1000) / 100;
  return { user, system, total: user + system };
}

/**
 * BENCH_SERVICE_CPU_PROF=<dir> runs the service under `node --cpu-prof`, writing its profile to
 * that directory when it exits: where a command's CPU goes.
 */
function profilerFlags(): string[] {
  const dir = process.env.BENCH_SERVICE_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

/** `env` overrides the defaults below (a time scale for the groups that need the hypervisor to take time). */
export async function startService(db: BenchDatabase, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const census = env.BENCH_QUERY_CENSUS ? ['-r', resolve(__dirname, 'query-census.js')] : [];
  const child = spawn(process.execPath, [...profilerFlags(), ...census, resolve(__dirname, '../src/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.settings.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_PREFIX: `fmbench:${process.pid}:${Date.now()}`,
      ADMIN_API_KEY: KEY,
      RATE_LIMIT_PER_SECOND: '0',
      SIMULATOR_TIME_SCALE: '0',
      LOG_LEVEL: 'warn',
      // A Redis already running (else the service starts its own, embedded, on a fixed port).
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      // A smaller pool on a server whose connections others share (max_connections).
      ...(process.env.BENCH_DB_POOL_SIZE ? { DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become ready');
}

export async function measureRest(
  db: BenchDatabase,
  options: { concurrency: number; windowMs: number; samples: number; shape: RestShape },
): Promise<RestResult> {
  const port = await freePort();
  // BENCH_REST_CENSUS=1: the service counts its PostgreSQL transactions and statements per calling
  // code, and the peak window's counts per command are logged (the count costs CPU of its own).
  const census = process.env.BENCH_REST_CENSUS ? censusEnv() : null;
  // BENCH_REST_SERVICE_ENV='{"ROLE":"api"}' and the like: settings of the service for one run (to
  // tell the command path's own cost from the job work it causes, for instance).
  const serviceEnv = JSON.parse(process.env.BENCH_REST_SERVICE_ENV ?? '{}') as Record<string, string>;
  const workerCensus = census && options.shape === 'split' ? censusEnv() : null;
  // The two processes' counts in one table, the worker's lines marked.
  const readCensuses = async () => {
    const totals = await readCensus(census!.BENCH_QUERY_CENSUS);
    if (!workerCensus) return totals;
    for (const [caller, t] of Object.entries(await readCensus(workerCensus.BENCH_QUERY_CENSUS))) totals[`[worker] ${caller}`] = t;
    return totals;
  };
  const redisPrefix = `fmbench:${process.pid}:${Date.now()}`;
  const worker =
    options.shape === 'split'
      ? await startService(db, await freePort(), { REDIS_PREFIX: redisPrefix, ...serviceEnv, ...(workerCensus ?? {}), ROLE: 'worker' })
      : null;
  const child = await startService(db, port, {
    REDIS_PREFIX: redisPrefix,
    ...serviceEnv,
    ...(census ?? {}),
    ...(worker ? { ROLE: 'api' } : {}),
  });
  const processes = worker ? [child, worker] : [child];
  const cpuOf = () => processes.reduce((sum, p) => sum + processCpuMs(p.pid!).total, 0);
  const base = `http://127.0.0.1:${port}`;
  // The measured requests go out as plain fetch calls, not through the typed client: this group
  // measures the service's REST throughput, and the client's layer (idempotency keys, retries of
  // 429/503, job following) would add its own work and behaviour to every sample.
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${path} → ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  };
  try {
    const host = await createFabricClient({ baseUrl: base, apiKey: KEY }).post('/v1/hosts', {
      body: {
        name: 'bench-host',
        address: 'bench-host',
        osVersion: 'WS2016',
        slat: true,
        cpuVendor: 'Intel',
        logicalProcessors: 256,
        memoryMb: 16_777_216,
      },
    });
    let n = 0;
    // BENCH_REST_IDEMPOTENCY=1: every command carries an Idempotency-Key, as the typed client sends them.
    const keyed = process.env.BENCH_REST_IDEMPOTENCY === '1';
    const createVm = (headers: Record<string, string> = {}) => {
      const i = n++;
      return post(
        '/v1/vms',
        {
          name: `bench-${i}`,
          tenant: 'bench',
          hostId: host.id,
          generation: 2,
          guestOs: { family: 'windows' },
          memory: { startupMb: 1024 },
          processorCount: 2,
        },
        keyed ? { 'idempotency-key': `bench-${i}`, ...headers } : headers,
      );
    };
    // Warm-up, then the closed-loop peak.
    await runClosedLoop(
      Array.from({ length: options.concurrency }, () => ({ op: async () => void (await createVm()) })),
      1000,
    );
    const censusBefore = census ? await readCensuses() : null;
    const succeededSoFar = async () =>
      Number((await db.pool.query(`SELECT count(*) AS n FROM fm_events WHERE type = 'JobSucceeded'`)).rows[0].n);
    const succeededBefore = await succeededSoFar();
    const cpuBefore = processCpuMs(child.pid!);
    const allCpuBefore = cpuOf();
    const { result: peak, window } = await new Probe(db.pool, db.name).around(() =>
      runClosedLoop(
        Array.from({ length: options.concurrency }, () => ({ op: async () => void (await createVm()) })),
        options.windowMs,
      ),
    );
    const cpuAfter = processCpuMs(child.pid!);
    const apiCpuMsPerCommand = (cpuAfter.total - cpuBefore.total) / Math.max(1, peak.ops);
    const serviceCpuMsPerCommand = (cpuOf() - allCpuBefore) / Math.max(1, peak.ops);
    const jobsSucceededPerSecond = ((await succeededSoFar()) - succeededBefore) / (peak.elapsedMs / 1000);
    const kernelShare = (cpuAfter.system - cpuBefore.system) / Math.max(1, cpuAfter.total - cpuBefore.total);
    const peakCost = cost([window], peak.ops);
    log(
      `  peak window: ${peak.ops} commands in ${(peak.elapsedMs / 1000).toFixed(1)} s; per command: service CPU ${serviceCpuMsPerCommand.toFixed(2)} ms${worker ? ` (API process ${apiCpuMsPerCommand.toFixed(2)} ms, ${(kernelShare * 100).toFixed(0)}% in the kernel)` : ` (${(kernelShare * 100).toFixed(0)}% in the kernel)`}, ` +
        `PostgreSQL CPU ${(peakCost.postgresCpuUsPerOp / 1000).toFixed(2)} ms, WAL ${Math.round(peakCost.walBytesPerOp)} B; ` +
        `machine ${(peakCost.machineBusy * 100).toFixed(0)}% busy, other processes ${(peakCost.othersCpuShare * 100).toFixed(0)}% of a core`,
    );
    if (census && censusBefore) {
      const lines = censusDelta(censusBefore, await readCensuses());
      const per = (n: number) => (n / Math.max(1, peak.ops)).toFixed(2);
      const total = lines.reduce((sum, l) => ({ t: sum.t + l.transactions, s: sum.s + l.statements }), { t: 0, s: 0 });
      log(`  PostgreSQL per command in the peak window: ${per(total.t)} transactions, ${per(total.s)} statements`);
      for (const l of lines) log(`    ${per(l.transactions)} tx, ${per(l.statements)} stmt  ${l.caller}`);
    }
    const peakRate = (peak.ops / peak.elapsedMs) * 1000;
    // The peak queues more jobs than the worker runs meanwhile: the next window starts once they
    // have all run, so that it measures its own load and not the peak's backlog.
    const waitForJobs = async (window: string) => {
      const from = performance.now();
      const backlog = async () =>
        Number(
          (
            await db.pool.query(
              `SELECT (SELECT count(*) FROM fm_events WHERE type = 'VmCreationRequested') -
                      (SELECT count(*) FROM fm_events WHERE type = 'JobSucceeded') AS n`,
            )
          ).rows[0].n,
        );
      while ((await backlog()) > 0 && performance.now() - from < 180_000) await sleep(100);
      log(`  the jobs queued by ${window} had all run ${((performance.now() - from) / 1000).toFixed(1)} s after its last 202`);
    };
    await waitForJobs('the peak window');
    // Open loop at half of the peak: requests are sent on schedule whatever the answers do.
    const halfRate = peakRate / 2;
    const latencies: number[] = [];
    let errors = 0;
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    const total = Math.floor((halfRate * options.windowMs) / 1000);
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / halfRate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(
        (async () => {
          const t = performance.now();
          try {
            await createVm();
            latencies.push(performance.now() - t);
          } catch {
            errors++;
          }
        })(),
      );
    }
    await Promise.all(inFlight);
    // End to end: from sending the command to the job's Succeeded, one at a time, once the jobs the
    // window above queued have all run (else each sample would wait behind that backlog).
    await waitForJobs('the half-rate window');
    await sleep(500);
    const endToEnd: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const t = performance.now();
      const job = await createVm({ prefer: 'wait=30' });
      if (job.status !== 'Succeeded') throw new Error(`job ended ${job.status}`);
      endToEnd.push(performance.now() - t);
    }
    return {
      peakRate,
      peakConcurrency: options.concurrency,
      halfRate,
      halfP50Ms: percentile(latencies, 50),
      halfP99Ms: percentile(latencies, 99),
      halfErrors: errors,
      endToEndP50Ms: percentile(endToEnd, 50),
      endToEndP99Ms: percentile(endToEnd, 99),
      endToEndSamples: endToEnd.length,
      serviceRssPeakMb: Math.max(...processes.map((p) => peakRssMb(p.pid!))),
      serviceCpuMsPerCommand,
      apiCpuMsPerCommand,
      jobsSucceededPerSecond,
      shape: options.shape,
    };
  } finally {
    await Promise.all(processes.map(stopService));
  }
}

/** SIGTERM, then SIGKILL if the service has not exited within 10 s. */
export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((ok) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      ok(undefined);
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok(undefined);
    });
  });
}
