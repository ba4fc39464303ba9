import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BenchDatabase } from './db';
import { cost, Probe, ProbeSnapshot, WindowCost } from './probe';
import { freePort, KEY, peakRssMb, stopService } from './rest';
import type { FabricClient } from '../src/client';
import { benchClient, collect, inParallel, unlessNotFound, until } from './http-client';
import { percentile, sleep } from './util';
import { censusDelta, censusEnv, CensusLine, readCensus } from './census-reader';

/**
 * Issue 7, "Benchmark": a rolling cluster OS upgrade through the real service.
 *
 * measureUpgradeThroughput: the compiled service (ROLE=all, SIMULATOR_TIME_SCALE=0) upgrades a
 * `nodes` × `vmsPerNode` WS2012R2 cluster to WS2016 and raises the functional level; the time from
 * POST /v1/clusters/{id}/rolling-upgrades to the upgrade read as Completed is all orchestration,
 * so the overhead per VM moved is that wall time ÷ the VMs its drains moved.
 *
 * measureUpgradeResume: the service as one API process and two workers (ROLE=worker) on one
 * database; during an upgrade at a small time scale, the worker that runs the `rolling-upgrades`
 * processor is killed with SIGKILL at several points (during drains, during reinstalls) and a
 * replacement started; the figure is the time from each kill to the upgrade's next step event.
 */

async function readUpgrade(client: FabricClient, upgradeId: string): Promise<any | undefined> {
  return unlessNotFound(client.get('/v1/rolling-upgrades/{id}', { params: { path: { id: upgradeId } } }));
}

async function upgradeHistory(client: FabricClient, upgradeId: string): Promise<any[]> {
  return collect(
    client.paginate('/v1/{kind}/{id}/history', {
      params: { path: { kind: 'rolling-upgrades', id: upgradeId }, query: { limit: 500 } },
    }),
  );
}

/** Set-up commands hold their answer until the job has ended (`Prefer: wait=60`). */
const WAIT = { waitSeconds: 60 };

/** The bench's VMs, every page. */
const benchVms = (client: FabricClient) =>
  collect(client.paginate('/v1/vms', { params: { query: { tenant: 'bench', limit: 500 } } }));

const readCluster = (client: FabricClient, clusterId: string) =>
  client.get('/v1/clusters/{id}', { params: { path: { id: clusterId } } });

/** Starts a rolling upgrade to WS2016 that raises the functional level; answers its id. */
async function startUpgrade(client: FabricClient, clusterId: string): Promise<string> {
  const started = await client.post('/v1/clusters/{id}/rolling-upgrades', {
    params: { path: { id: clusterId } },
    body: { targetOsVersion: 'WS2016', raiseFunctionalLevel: true },
  });
  if ('blockers' in started) throw new Error(`the upgrade answered a plan instead of starting: ${started.blockers.join('; ')}`);
  return started.id;
}

const NODE_STEPS = ['drain', 'evict', 'reinstall', 'add', 'resume'] as const;
const ENDED = ['Completed', 'Paused', 'Failed', 'Cancelled'];

/** Every (node, step) started and completed exactly once, no failure or pause: the problems found. */
function stepsExactlyOnce(history: any[], order: string[], raise: boolean): string[] {
  const problems: string[] = [];
  const expected = [
    ...order.flatMap((n) => NODE_STEPS.map((s) => `${n}/${s}`)),
    ...(raise ? ['cluster/raise-functional-level'] : []),
  ].sort();
  const keyOf = (e: any) => `${e.data.hostId ?? 'cluster'}/${e.data.step}`;
  for (const type of ['RollingUpgradeStepStarted', 'RollingUpgradeStepCompleted']) {
    const seen = history
      .filter((e) => e.type === type)
      .map(keyOf)
      .sort();
    if (JSON.stringify(seen) !== JSON.stringify(expected))
      problems.push(`${type}: ${seen.length} events for ${expected.length} steps`);
  }
  const bad = history.filter((e) =>
    ['RollingUpgradeStepFailed', 'RollingUpgradePaused', 'RollingUpgradeStepRetried'].includes(e.type),
  );
  if (bad.length > 0) problems.push(`${bad.length} failed/paused/retried events (${bad.map((e) => e.type).join(', ')})`);
  if (history.filter((e) => e.type === 'RollingUpgradeCompleted').length !== 1)
    problems.push('not exactly one RollingUpgradeCompleted');
  return problems;
}

function registerHost(client: FabricClient, name: string, address: string, lp: number, memoryMb: number) {
  return client.post('/v1/hosts', {
    body: { name, address, osVersion: 'WS2012R2', slat: true, cpuVendor: 'Intel', logicalProcessors: lp, memoryMb },
  });
}

/** Hosts, a cluster of them, and `vmsPerNode` running VMs placed on each node; returns the ids. */
async function buildCluster(
  client: FabricClient,
  o: {
    name: string;
    nodes: number;
    vmsPerNode: number;
    logicalProcessors: number;
    memoryMb: number;
    vmMemoryMb: number;
    concurrency: number;
    subnet: number;
  },
): Promise<{ clusterId: string; hostIds: string[]; vmIds: string[] }> {
  const hosts = await inParallel(
    Array.from({ length: o.nodes }, (_, i) => i),
    o.concurrency,
    (i) =>
      registerHost(
        client,
        `${o.name.toLowerCase()}-n${String(i + 1).padStart(2, '0')}`,
        `10.${o.subnet}.0.${i + 1}`,
        o.logicalProcessors,
        o.memoryMb,
      ),
  );
  const hostIds = hosts.map((h) => h.id);
  const created = await client.command('post', '/v1/clusters', { body: { name: o.name, nodeIds: hostIds } }, WAIT);
  const clusterId = created.job!.target.id;
  await until('the cluster to be Active with every node Up', 30_000, async () => {
    const c = await readCluster(client, clusterId);
    return c.status === 'Active' && c.nodes.length === o.nodes && c.nodes.every((n) => n.state === 'Up') ? c : undefined;
  });
  const total = o.nodes * o.vmsPerNode;
  const vmIds = await inParallel(
    Array.from({ length: total }, (_, i) => i),
    o.concurrency,
    async (i) => {
      const vm = await client.command(
        'post',
        '/v1/vms',
        {
          body: {
            name: `${o.name.toLowerCase()}-vm${String(i).padStart(3, '0')}`,
            tenant: 'bench',
            hostId: hostIds[i % o.nodes],
            generation: 2,
            guestOs: { family: 'windows' },
            memory: { startupMb: o.vmMemoryMb },
            processorCount: 2,
          },
        },
        WAIT,
      );
      const id = vm.job!.target.id;
      await client.command('post', '/v1/vms/{id}/start', { params: { path: { id } } }, WAIT);
      return id;
    },
  );
  await until(`${total} running VMs`, 60_000, async () => {
    const vms = (await benchVms(client)).filter((v) => vmIds.includes(v.id));
    return vms.length === total && vms.every((v) => v.state === 'Running' && v.pendingJobId === null) ? vms : undefined;
  });
  await until('the cluster read model to count every VM', 30_000, async () => {
    const c = await readCluster(client, clusterId);
    return c.nodes.every((n) => n.vmCount === o.vmsPerNode) && c.pendingJobIds.length === 0 ? c : undefined;
  });
  return { clusterId, hostIds, vmIds };
}

/** After the upgrade: level 9, every node WS2016 and Up, every VM Running exactly once on a node. */
async function checkOutcome(client: FabricClient, clusterId: string, hostIds: string[], vmIds: string[]): Promise<string[]> {
  const checks: string[] = [];
  const cluster = await until('the cluster to settle after the upgrade', 20_000, async () => {
    const c = await readCluster(client, clusterId);
    return c.pendingJobIds.length === 0 ? c : undefined;
  });
  if (cluster.functionalLevel !== 9 || cluster.mixedMode !== false)
    throw new Error(`functional level ${cluster.functionalLevel}, mixedMode ${cluster.mixedMode}`);
  checks.push('functional level 9, not mixed mode');
  const nodesOk =
    cluster.nodes.length === hostIds.length && cluster.nodes.every((n) => n.osVersion === 'WS2016' && n.state === 'Up');
  if (!nodesOk) throw new Error(`nodes after the upgrade: ${JSON.stringify(cluster.nodes.map((n) => [n.osVersion, n.state]))}`);
  checks.push(`all ${hostIds.length} nodes WS2016 and Up`);
  const vms = (await benchVms(client)).filter((v) => vmIds.includes(v.id));
  const ids = new Set(vms.map((v) => v.id));
  if (vms.length !== vmIds.length || ids.size !== vmIds.length)
    throw new Error(`${vms.length} of ${vmIds.length} VMs listed after the upgrade`);
  const wrong = vms.filter((v) => v.state !== 'Running' || !hostIds.includes(v.hostId!));
  if (wrong.length > 0)
    throw new Error(`${wrong.length} VMs not Running on a node, e.g. ${JSON.stringify(wrong[0]).slice(0, 200)}`);
  const counted = cluster.nodes.reduce((s, n) => s + n.vmCount, 0);
  if (counted !== vmIds.length) throw new Error(`the cluster read model counts ${counted} VMs, not ${vmIds.length}`);
  checks.push(`all ${vmIds.length} VMs Running, each once, on the cluster's nodes`);
  const simulated = (await client.get('/v1/simulator')).hosts.flatMap((h) => h.vms.map((v) => ({ id: v.vmId, state: v.state })));
  const ours = simulated.filter((v) => ids.has(v.id));
  if (ours.length !== vmIds.length || ours.some((v) => v.state !== 'Running'))
    throw new Error(`the simulator holds ${ours.length} of the ${vmIds.length} VMs (some not Running?)`);
  checks.push('the simulated fleet agrees (each VM once, Running)');
  return checks;
}

function spawnService(db: BenchDatabase, env: Record<string, string>, output?: string[]): ChildProcess {
  const census = env.BENCH_QUERY_CENSUS ? ['-r', resolve(__dirname, 'query-census.js')] : [];
  const child = spawn(process.execPath, [...census, resolve(__dirname, '../src/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.settings.url,
      HOST: '127.0.0.1',
      ADMIN_API_KEY: KEY,
      RATE_LIMIT_PER_SECOND: '0',
      LOG_LEVEL: 'warn',
      // The run's shared Redis (bench/run.ts sees that there is one).
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (output) output.push(chunk.toString('utf8'));
    else process.stderr.write(chunk);
  });
  return child;
}

async function answers(port: number, path: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status === 200;
  } catch {
    return false;
  }
}

async function waitReady(child: ChildProcess, port: number, path = '/health/ready'): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the service exited (${child.exitCode ?? child.signalCode})`);
    if (await answers(port, path)) return;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become ready');
}

/** SIGKILL a child this module started, and wait for it to be gone. */
function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(ok, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGKILL');
  });
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

function ticksOf(snapshot: ProbeSnapshot, pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (snapshot.otherTicks.get(pid) ?? 0), 0);
}

function redisPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim().startsWith('redis-server')) pids.push(Number(entry));
    } catch {
      // ended
    }
  }
  return pids;
}

export interface Counters {
  events: number;
  transactions: number;
  /** Index and sequential scans of fm_events (each processor read, stream read, version check). */
  eventScans: number;
  /** Scans and updates of fm_processor_positions: the processors' reads of their position, and their moves. */
  positionScans: number;
  positionUpdates: number;
  /** Scans of migration_slots: every try of a live migration to take its slots (and the host API's reads). */
  slotScans: number;
  slotInserts: number;
}

/** Backends flush their statistics at most once a second: call after 1 s of quiet. */
async function databaseCounters(db: BenchDatabase): Promise<Counters> {
  const { rows } = await db.pool.query<Record<string, string>>(
    `SELECT (SELECT coalesce(max(global_position), 0) FROM fm_events) AS events,
            (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xacts,
            t.relname, coalesce(t.seq_scan, 0) + coalesce(t.idx_scan, 0) AS scans, t.n_tup_upd AS upd, t.n_tup_ins AS ins
       FROM pg_stat_user_tables t
      WHERE t.relname IN ('fm_events', 'fm_processor_positions', 'migration_slots')`,
  );
  const of = (table: string, column: string) => Number(rows.find((r) => r.relname === table)?.[column] ?? 0);
  return {
    events: Number(rows[0]?.events ?? 0),
    transactions: Number(rows[0]?.xacts ?? 0),
    eventScans: of('fm_events', 'scans'),
    positionScans: of('fm_processor_positions', 'scans'),
    positionUpdates: of('fm_processor_positions', 'upd'),
    slotScans: of('migration_slots', 'scans'),
    slotInserts: of('migration_slots', 'ins'),
  };
}

function counterDelta(a: Counters, b: Counters): Counters {
  return Object.fromEntries(
    Object.keys(a).map((k) => [k, b[k as keyof Counters] - a[k as keyof Counters]]),
  ) as unknown as Counters;
}

const ms = (from: string | null, to: string | null) => (from && to ? Date.parse(to) - Date.parse(from) : 0);

// ——— 1. throughput with the zero-latency simulator ———

export interface UpgradeThroughputOptions {
  nodes: number;
  vmsPerNode: number;
  setupConcurrency: number;
  vmMemoryMb: number;
  logicalProcessors: number;
  memoryMb: number;
  pollMs: number;
}

export interface UpgradeThroughputResult {
  nodes: number;
  vms: number;
  setupMs: number;
  /** POST rolling-upgrades → the upgrade read as Completed (client side). */
  wallMs: number;
  /** The upgrade's own startedAt → finishedAt (server clock). */
  upgradeMs: number;
  moved: number;
  perVmMs: number;
  nodeP50Ms: number;
  nodeMinMs: number;
  nodeMaxMs: number;
  /** Sums over every node of each step's startedAt → finishedAt. */
  stepMs: Record<string, number>;
  raiseMs: number;
  /** Drain step time ÷ VMs the drains moved. */
  drainPerVmMs: number;
  /** Wall time not inside any step: the process manager between steps and nodes. */
  betweenStepsMs: number;
  stepsCount: number;
  betweenStepP50Ms: number;
  betweenStepP99Ms: number;
  movedPerNode: number[];
  estimatedDurationMs: number;
  serviceRssPeakMb: number;
  cpu: WindowCost;
  serviceCpuShare: number;
  redisCpuShare: number;
  eventsAppended: number;
  transactions: number;
  /** The window's database counters (differences). */
  counters: Counters;
  /** Processors registered in the service (each is woken by every append). */
  processors: number;
  /** The service's own count of its transactions in the window, by calling code (query-census.ts). */
  census: CensusLine[];
  checks: string[];
}

export async function measureUpgradeThroughput(
  db: BenchDatabase,
  options: UpgradeThroughputOptions,
  probe: Probe,
): Promise<UpgradeThroughputResult> {
  const port = await freePort();
  const census = censusEnv();
  const child = spawnService(db, {
    PORT: String(port),
    REDIS_PREFIX: `fmbench:${process.pid}:${Date.now()}:ru`,
    SIMULATOR_TIME_SCALE: '0',
    ...census,
  });
  try {
    await waitReady(child, port);
    const client = benchClient(`http://127.0.0.1:${port}`);
    const setupStarted = performance.now();
    const { clusterId, hostIds, vmIds } = await buildCluster(client, {
      name: `RU${options.nodes}X${options.vmsPerNode}`,
      nodes: options.nodes,
      vmsPerNode: options.vmsPerNode,
      logicalProcessors: options.logicalProcessors,
      memoryMb: options.memoryMb,
      vmMemoryMb: options.vmMemoryMb,
      concurrency: options.setupConcurrency,
      subnet: 30 + options.nodes,
    });
    const plan = await client.post('/v1/clusters/{id}/rolling-upgrades', {
      params: { path: { id: clusterId } },
      body: { targetOsVersion: 'WS2016', raiseFunctionalLevel: true, dryRun: true },
    });
    if (!('blockers' in plan)) throw new Error('the dry run started an upgrade instead of answering its plan');
    if (plan.blockers.length > 0) throw new Error(`the plan has blockers: ${plan.blockers.join('; ')}`);
    const setupMs = performance.now() - setupStarted;
    // Let the processors go quiet and the backends flush their statistics.
    await sleep(1500);

    const censusBefore = await readCensus(census.BENCH_QUERY_CENSUS);
    const countersBefore = await databaseCounters(db);
    const before = await probe.snapshot();
    const t0 = performance.now();
    const upgradeId = await startUpgrade(client, clusterId);
    const upgrade = await until(
      'the upgrade to end',
      600_000,
      async () => {
        const u = await readUpgrade(client, upgradeId);
        return u && ENDED.includes(u.state) ? u : undefined;
      },
      options.pollMs,
    );
    const wallMs = performance.now() - t0;
    const after = await probe.snapshot();
    const serviceRssPeakMb = peakRssMb(child.pid!);
    const redis = redisPids();
    if (upgrade.state !== 'Completed') throw new Error(`the upgrade ended ${upgrade.state}: ${JSON.stringify(upgrade.failure)}`);
    const censusAfter = await readCensus(census.BENCH_QUERY_CENSUS);
    await sleep(1200);
    const countersAfter = await databaseCounters(db);
    // The readiness probe is outside the versioned API the client covers.
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as { processors?: unknown[] };
    const processors = (ready.processors ?? []).length;

    const checks: string[] = [];
    const history = await upgradeHistory(client, upgradeId);
    const order: string[] = upgrade.nodes.map((n: any) => n.hostId);
    const problems = stepsExactlyOnce(history, order, true);
    if (problems.length > 0) throw new Error(`the upgrade's history: ${problems.join('; ')}`);
    if (!upgrade.functionalLevelRaised) throw new Error('the functional level was not raised');
    checks.push(`upgrade Completed, each of its ${order.length * NODE_STEPS.length + 1} steps started and completed once`);
    checks.push(...(await checkOutcome(client, clusterId, hostIds, vmIds)));

    const nodeMs = upgrade.nodes.map((n: any) => n.durationMs as number);
    const stepMs: Record<string, number> = Object.fromEntries(NODE_STEPS.map((s) => [s, 0]));
    const spans: Array<{ from: number; to: number }> = [];
    for (const node of upgrade.nodes) {
      for (const s of node.steps) {
        stepMs[s.step] += ms(s.startedAt, s.finishedAt);
        spans.push({ from: Date.parse(s.startedAt), to: Date.parse(s.finishedAt) });
      }
    }
    const raise = upgrade.clusterSteps.find((s: any) => s.step === 'raise-functional-level');
    const raiseMs = raise ? ms(raise.startedAt, raise.finishedAt) : 0;
    if (raise) spans.push({ from: Date.parse(raise.startedAt), to: Date.parse(raise.finishedAt) });
    spans.sort((a, b) => a.from - b.from);
    // Gaps: the upgrade's start → first step, each step's end → the next step's start, last step → finished.
    const gaps: number[] = [];
    let cursor = Date.parse(upgrade.startedAt);
    for (const span of spans) {
      gaps.push(Math.max(0, span.from - cursor));
      cursor = Math.max(cursor, span.to);
    }
    gaps.push(Math.max(0, Date.parse(upgrade.finishedAt) - cursor));
    const movedPerNode: number[] = upgrade.nodes.map((n: any) => n.vmsMoved.length);
    const moved = movedPerNode.reduce((s, n) => s + n, 0);
    if (moved !== upgrade.vmsMoved) throw new Error(`vmsMoved ${upgrade.vmsMoved} ≠ the nodes' sum ${moved}`);
    return {
      nodes: options.nodes,
      vms: vmIds.length,
      setupMs,
      wallMs,
      upgradeMs: ms(upgrade.startedAt, upgrade.finishedAt),
      moved,
      perVmMs: wallMs / moved,
      nodeP50Ms: percentile(nodeMs, 50),
      nodeMinMs: Math.min(...nodeMs),
      nodeMaxMs: Math.max(...nodeMs),
      stepMs,
      raiseMs,
      drainPerVmMs: stepMs.drain / moved,
      betweenStepsMs: gaps.reduce((s, g) => s + g, 0),
      stepsCount: spans.length,
      betweenStepP50Ms: percentile(gaps, 50),
      betweenStepP99Ms: percentile(gaps, 99),
      movedPerNode,
      estimatedDurationMs: plan.estimatedRealWorldMs,
      serviceRssPeakMb,
      cpu: cost([[before, after]], moved),
      serviceCpuShare: ((ticksOf(after, [child.pid!]) - ticksOf(before, [child.pid!])) * TICK_MS) / (after.at - before.at),
      redisCpuShare: ((ticksOf(after, redis) - ticksOf(before, redis)) * TICK_MS) / (after.at - before.at),
      eventsAppended: countersAfter.events - countersBefore.events,
      transactions: countersAfter.transactions - countersBefore.transactions,
      counters: counterDelta(countersBefore, countersAfter),
      processors,
      census: censusDelta(censusBefore, censusAfter),
      checks,
    };
  } finally {
    await stopService(child);
  }
}

// ——— 2. resume after kill -9 of the worker running the upgrade's process manager ———

export interface UpgradeResumeOptions {
  nodes: number;
  vmsPerNode: number;
  vmMemoryMb: number;
  timeScale: number;
  /** BullMQ lock of a running job: a job whose worker died is taken over once it lapses. */
  jobLockMs: number;
  /** Kill points, in order; each is taken at the first chance after the previous kill's replacement is ready. */
  kills: ReadonlyArray<'drain' | 'reinstall'>;
}

export interface KillRecord {
  label: string;
  victim: string;
  /** Processors the victim ran when it was killed. */
  held: string[];
  at: number;
  /** The upgrade's step in flight at the kill. */
  step: string;
  node: number;
  /** Kill → the next RollingUpgradeStep…, RollingUpgradeNode… or RollingUpgradeCompleted event of the upgrade. */
  resumeMs: number;
  nextEvent: string;
  /** Which live process took rolling-upgrades over (found after the resume). */
  takenOverBy: string;
  /** The step in flight's own job: the gap in its events around the kill (a long one: the killed worker was running it). */
  jobSilenceMs: number | null;
  note: string;
}

export interface UpgradeResumeResult {
  nodes: number;
  vms: number;
  kills: KillRecord[];
  worstMs: number;
  medianMs: number;
  upgradeMs: number;
  /** Per step kind, the median startedAt → finishedAt over the steps no kill fell into: what a step takes anyway. */
  undisturbedStepMs: Record<string, number>;
  apiRestarts: number;
  checks: string[];
}

interface ServiceProcess {
  name: string;
  role: 'api' | 'worker';
  child: ChildProcess;
  port: number;
  output: string[];
  killed: boolean;
}

export async function measureUpgradeResume(
  db: BenchDatabase,
  options: UpgradeResumeOptions,
  log: (line: string) => void,
): Promise<UpgradeResumeResult> {
  const prefix = `fmbench:${process.pid}:${Date.now()}:rukill`;
  const processes: ServiceProcess[] = [];
  let counter = 0;
  const alive = (p: ServiceProcess) => p.child.exitCode === null && p.child.signalCode === null;
  const start = async (role: 'api' | 'worker'): Promise<ServiceProcess> => {
    const port = await freePort();
    const name = `fm-bench-${role}-${++counter}`;
    const url = new URL(db.settings.url);
    url.searchParams.set('application_name', name);
    const output: string[] = [];
    const child = spawnService(
      db,
      {
        ROLE: role,
        PORT: String(port),
        DATABASE_URL: url.toString(),
        REDIS_PREFIX: prefix,
        SIMULATOR_TIME_SCALE: String(options.timeScale),
        JOB_LOCK_MS: String(options.jobLockMs),
        HEALTH_PROBE_MS: '200',
        DB_POOL_SIZE: '10',
      },
      output,
    );
    const p: ServiceProcess = { name, role, child, port, output, killed: false };
    processes.push(p);
    return p;
  };
  /** Processor name → the live process running it, from each process's /health/ready. */
  const runners = async (): Promise<Map<string, ServiceProcess>> => {
    const map = new Map<string, ServiceProcess>();
    await Promise.all(
      processes
        .filter((p) => alive(p) && !p.killed)
        .map(async (p) => {
          try {
            const r = await fetch(`http://127.0.0.1:${p.port}/health/ready`);
            const body: any = await r.json();
            for (const s of body.processors ?? []) if (s.runningHere) map.set(s.name, p);
          } catch {
            // starting or stopping
          }
        }),
    );
    return map;
  };
  const runnerOf = async (name: string) => (await runners()).get(name);
  let api_: ServiceProcess;
  const client = benchClient(() => `http://127.0.0.1:${api_.port}`);
  const pg = await db.connectClient();

  /** The upgrade as its stream tells it, read straight from the store (the API may be restarting). */
  const facts = async (upgradeId: string) => {
    const { rows } = await pg.query<{ type: string; data: any; recorded_at: Date; global_position: string }>(
      'SELECT type, data, recorded_at, global_position FROM fm_events WHERE stream_id = $1 ORDER BY stream_version',
      [`rolling-upgrade-${upgradeId}`],
    );
    let inFlight: { hostId: string | null; step: string; jobId: string; position: number } | null = null;
    let ended: string | null = null;
    for (const row of rows) {
      if (row.type === 'RollingUpgradeStepStarted') inFlight = { ...row.data, position: Number(row.global_position) };
      else if (
        ['RollingUpgradeStepCompleted', 'RollingUpgradeStepFailed'].includes(row.type) &&
        inFlight?.jobId === row.data.jobId
      )
        inFlight = null;
      else if (['RollingUpgradeCompleted', 'RollingUpgradeCancelled', 'RollingUpgradePaused'].includes(row.type))
        ended = row.type;
    }
    return { inFlight, ended, events: rows };
  };
  const jobEvents = async (jobId: string) =>
    (
      await pg.query<{ type: string; recorded_at: Date }>(
        'SELECT type, recorded_at FROM fm_events WHERE stream_id = $1 ORDER BY stream_version',
        [`job-${jobId}`],
      )
    ).rows;
  const vmsOnHost = async (hostId: string) =>
    (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM sim_vms WHERE host_id = $1', [hostId])).rows[0].n;
  const movedOffSince = async (hostId: string, position: number) =>
    (
      await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM fm_events WHERE global_position > $2 AND type = 'VmMigrated' AND data->>'fromHostId' = $1`,
        [hostId, position],
      )
    ).rows[0].n;

  /** A graceful restart of the API process, when it (not a worker) has won `rolling-upgrades`. */
  let apiRestarts = 0;
  const keepUpgradeInWorkers = async () => {
    const holder = await until('a runner of rolling-upgrades', 10_000, () => runnerOf('rolling-upgrades'), 50).catch(
      () => undefined,
    );
    if (!holder || holder.role !== 'api') return;
    const old = api_;
    old.killed = true;
    await stopService(old.child);
    await until('rolling-upgrades to move to a worker', 15_000, async () => {
      const h = await runnerOf('rolling-upgrades');
      return h && h.role === 'worker' ? h : undefined;
    });
    const next = await start('api');
    await waitReady(next.child, next.port);
    api_ = next;
    apiRestarts++;
  };

  try {
    // Workers first, so that the processors start out in worker processes; then the API.
    const workers = [await start('worker'), await start('worker')];
    await Promise.all(workers.map((w) => waitReady(w.child, w.port, '/health/live')));
    await until(
      'the workers to run every processor',
      20_000,
      async () => {
        const map = await runners();
        const all = await fetch(`http://127.0.0.1:${workers[0].port}/health/ready`).then((r) => r.json() as Promise<any>);
        const names: string[] = (all.processors ?? []).map((p: any) => p.name);
        return names.length > 0 && names.every((n) => map.has(n)) ? true : undefined;
      },
      100,
    );
    api_ = await start('api');
    await waitReady(api_.child, api_.port);

    const { clusterId, hostIds, vmIds } = await buildCluster(client, {
      name: 'RU-KILL',
      nodes: options.nodes,
      vmsPerNode: options.vmsPerNode,
      logicalProcessors: 32,
      memoryMb: 65_536,
      vmMemoryMb: options.vmMemoryMb,
      concurrency: 4,
      subnet: 90,
    });
    await keepUpgradeInWorkers();

    const upgradeId = await startUpgrade(client, clusterId);
    const order: string[] = (
      await until('the upgrade to be readable', 10_000, () => readUpgrade(client, upgradeId), 10)
    ).nodes.map((n: any) => n.hostId);
    const t0 = Date.now();

    const kills: Array<Omit<KillRecord, 'resumeMs' | 'nextEvent' | 'takenOverBy' | 'jobSilenceMs'> & { jobId: string }> = [];
    const takenOver: string[] = [];
    const killedSteps = new Set<string>();
    for (const point of options.kills) {
      // The next chance: the step `point` of a node not yet killed into, with the runner a worker.
      const chance = await until(
        `a chance to kill during a ${point}`,
        60_000,
        async () => {
          const f = await facts(upgradeId);
          if (f.ended) return { ended: f.ended };
          const step = f.inFlight;
          if (!step || step.step !== point || killedSteps.has(step.jobId)) return undefined;
          if (point === 'drain') {
            // Mid-drain: some of the node's VMs gone, some not.
            const [left, moved] = await Promise.all([vmsOnHost(step.hostId!), movedOffSince(step.hostId!, step.position)]);
            return left > 0 && moved > 0 ? { step, note: `${moved} VMs had left the node, ${left} still on it` } : undefined;
          }
          const types = (await jobEvents(step.jobId)).map((e) => e.type);
          return types.includes('JobStarted') && !types.some((t) => ['JobSucceeded', 'JobFailed'].includes(t))
            ? { step, note: `reinstall job running` }
            : undefined;
        },
        10,
      );
      if ('ended' in chance) break;
      const victim = await runnerOf('rolling-upgrades');
      if (!victim || victim.role !== 'worker') {
        log(`  no worker runs rolling-upgrades at the ${point} of node ${order.indexOf(chance.step.hostId!) + 1}; kill skipped`);
        continue;
      }
      const held = [...(await runners()).entries()]
        .filter(([, p]) => p === victim)
        .map(([n]) => n)
        .sort();
      victim.killed = true;
      const at = Date.now();
      victim.child.kill('SIGKILL');
      killedSteps.add(chance.step.jobId);
      const replacement = await start('worker');
      const label = `during the ${point} of node ${order.indexOf(chance.step.hostId!) + 1}`;
      kills.push({
        label,
        victim: victim.name,
        held,
        at,
        step: point,
        node: order.indexOf(chance.step.hostId!) + 1,
        note: chance.note,
        jobId: chance.step.jobId,
      });
      // Who takes it over (for the record), then the replacement gets ready; the API gives it up if it won it.
      const heir = await until('rolling-upgrades to be taken over', 30_000, () => runnerOf('rolling-upgrades'), 250).catch(
        () => undefined,
      );
      takenOver.push(heir ? `${heir.name} (${heir.role})` : 'unknown');
      await waitReady(replacement.child, replacement.port, '/health/live');
      await keepUpgradeInWorkers();
    }

    const done = await until(
      'the upgrade to complete',
      180_000,
      async () => {
        const u = await readUpgrade(client, upgradeId);
        if (!u) return undefined;
        if (['Paused', 'Failed', 'Cancelled'].includes(u.state))
          throw new Error(`the upgrade stopped ${u.state}: ${JSON.stringify(u.failure)}`);
        return u.state === 'Completed' ? u : undefined;
      },
      50,
    );
    const upgradeMs = Date.now() - t0;
    const checks: string[] = [];
    const history = await upgradeHistory(client, upgradeId);
    const problems = stepsExactlyOnce(history, order, true);
    if (problems.length > 0) throw new Error(`the upgrade's history after the kills: ${problems.join('; ')}`);
    checks.push(
      `upgrade Completed; each of its ${order.length * NODE_STEPS.length + 1} steps started and completed exactly once, none failed or retried`,
    );
    checks.push(...(await checkOutcome(client, clusterId, hostIds, vmIds)));
    const migrations = (
      await collect(client.paginate('/v1/jobs', { params: { query: { kind: 'migrate-vm', limit: 500 } } }))
    ).filter((j) => j.status === 'Failed');
    if (migrations.length > 0) throw new Error(`${migrations.length} migration jobs Failed`);
    checks.push('no migration job Failed');

    const stepEvents = history.filter((e) => /^RollingUpgrade(Step|Node)/.test(e.type) || e.type === 'RollingUpgradeCompleted');
    const records: KillRecord[] = [];
    for (const [i, k] of kills.entries()) {
      const next = stepEvents.find((e) => Date.parse(e.recordedAt) > k.at);
      const job = await jobEvents(k.jobId);
      const t = (e: { recorded_at: Date }) => e.recorded_at.getTime();
      const lastBefore = [...job].reverse().find((e) => t(e) <= k.at);
      const firstAfter = job.find((e) => t(e) > k.at);
      records.push({
        label: k.label,
        victim: k.victim,
        held: k.held,
        at: k.at,
        step: k.step,
        node: k.node,
        note: k.note,
        resumeMs: next ? Date.parse(next.recordedAt) - k.at : Infinity,
        nextEvent: next ? `${next.type}${next.data.step ? ` ${next.data.step}` : ''}` : 'none',
        takenOverBy: takenOver[i],
        jobSilenceMs: firstAfter && lastBefore ? t(firstAfter) - t(lastBefore) : null,
      });
    }
    // What each kind of step takes when no kill falls into it.
    const undisturbed: Record<string, number[]> = {};
    for (const node of done.nodes) {
      for (const s of node.steps) {
        if (kills.some((k) => k.jobId === s.jobId)) continue;
        (undisturbed[s.step] ??= []).push(ms(s.startedAt, s.finishedAt));
      }
    }
    const resumes = records.map((r) => r.resumeMs);
    return {
      nodes: options.nodes,
      vms: vmIds.length,
      kills: records,
      worstMs: resumes.length > 0 ? Math.max(...resumes) : NaN,
      medianMs: percentile(resumes, 50),
      upgradeMs,
      undisturbedStepMs: Object.fromEntries(Object.entries(undisturbed).map(([k, v]) => [k, percentile(v, 50)])),
      apiRestarts,
      checks,
    };
  } catch (error) {
    const tail = processes.map((p) => `${p.name}: ${p.output.join('').split('\n').slice(-5).join(' | ')}`).join('\n');
    throw new Error(`${(error as Error).message}${tail.trim() ? `\nservice stderr:\n${tail}` : ''}`, { cause: error });
  } finally {
    await pg.end().catch(() => undefined);
    await Promise.all(processes.map((p) => killAndWait(p.child)));
  }
}
