import { readdirSync, readFileSync } from 'node:fs';
import { BenchDatabase } from './db';
import { cost, Probe, ProbeSnapshot, WindowCost } from './probe';
import { freePort, peakRssMb, startService, stopService } from './rest';
import { FabricClient, isAccepted, isJob, type AuditEvent, type Job } from '../src/client';
import { benchClient, collect, inParallel, until } from './http-client';
import { percentile, sleep } from './util';
import { censusDelta, censusEnv, CensusLine, readCensus } from './census-reader';

/**
 * Drain of a loaded cluster node through the real service (ROLE=all, zero-latency simulator), as
 * DESIGN.md "Targets" and issue 6 ask: `nodes` WS2016 hosts in one cluster, `vms` running VMs on
 * the first node, then POST .../pause {drain: true} timed until the drain job is Succeeded. With
 * SIMULATOR_TIME_SCALE=0 the hypervisor takes no time, so all of that time is orchestration.
 * Afterwards it checks the outcome (node Paused and empty, every VM Running elsewhere) and takes
 * from the recorded events each migration's timing and the live migrations at once per host.
 */
export interface DrainOptions {
  nodes: number;
  vms: number;
  /** Concurrent clients creating and starting the VMs before the measurement. */
  setupConcurrency: number;
  vmMemoryMb: number;
  /**
   * How the client learns that the drain ended: polling GET /v1/jobs/{id} every 20 ms (the default),
   * or Prefer: wait=60 on the command, whose waiter re-reads the drain job's stream on every append
   * in the service and so adds its own work to the window.
   */
  follow?: 'wait' | 'poll';
}

export interface DrainResult {
  nodes: number;
  vms: number;
  setupMs: number;
  /** POST pause → the drain job read as Succeeded (client side). */
  wallMs: number;
  /** The drain job's own createdAt → finishedAt (server clock). */
  jobMs: number;
  moved: number;
  perVmMs: number;
  /** Per migrate-vm job, from the recorded events. */
  runP50Ms: number;
  runP99Ms: number;
  queuedP50Ms: number;
  queuedP99Ms: number;
  /** Drain POST (server) → first migration started, last migration succeeded → drain job finished. */
  firstStartMs: number;
  tailMs: number;
  /** Peak live migrations at once per host, counting both ends; the highest over the cluster. */
  peakPerHost: number;
  peakOnSource: number;
  limit: number;
  /** Time-weighted mean of the migrations running on the source between the first start and the last end. */
  sourceMeanConcurrency: number;
  /** Source slot freed (a JobSucceeded) → next migration on the source started (JobStarted). */
  slotGapP50Ms: number;
  slotGapP99Ms: number;
  destinations: number;
  serviceRssPeakMb: number;
  /** Where the drain window's CPU went (the bench process is idle in it; the service is one of the others). */
  cpu: WindowCost;
  /** Shares of one core during the drain window. */
  serviceCpuShare: number;
  redisCpuShare: number;
  /** Events appended and PostgreSQL transactions committed in the bench database during the drain. */
  eventsAppended: number;
  transactions: number;
  eventRowsRead: number;
  checks: string[];
  /** PostgreSQL transactions and statements of the service in the drain window, by calling code. */
  census: CensusLine[];
  /** Commands the service handled in the window, by command type and outcome (its fm_commands_total), biggest first. */
  commands: Array<{ type: string; outcome: string; count: number }>;
}

function eventsSince(client: FabricClient, types: string[], fromIso: string): Promise<AuditEvent[]> {
  return collect(client.paginate('/v1/events', { params: { query: { type: types.join(','), from: fromIso, limit: 500 } } }));
}

/** Highest number of intervals open at once; an end and a start at the same instant: the end first. */
function peakOverlap(intervals: ReadonlyArray<{ from: number; to: number }>): number {
  const points = intervals.flatMap((i) => [
    { at: i.from, delta: 1 },
    { at: i.to, delta: -1 },
  ]);
  points.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const p of points) peak = Math.max(peak, (running += p.delta));
  return peak;
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

interface Counters {
  events: number;
  transactions: number;
  /** Rows of fm_events read, by index or by scan. */
  eventRowsRead: number;
}

/** Backends flush their statistics at most once a second: call after 1 s of quiet, or the counts lag. */
async function databaseCounters(db: BenchDatabase): Promise<Counters> {
  const { rows } = await db.pool.query<{ events: string; xacts: string; fetched: string }>(
    `SELECT (SELECT coalesce(max(global_position), 0) FROM fm_events) AS events,
            (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xacts,
            (SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) FROM pg_stat_user_tables WHERE relname = 'fm_events') AS fetched`,
  );
  return { events: Number(rows[0].events), transactions: Number(rows[0].xacts), eventRowsRead: Number(rows[0].fetched) };
}

/** The service's count of the commands it handled (fm_commands_total), by `type/outcome`. */
async function commandCounts(port: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^fm_commands_total\{([^}]*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(match[1])?.[1] ?? '?';
    counts.set(`${label('type')}/${label('outcome')}`, Number(match[2]));
  }
  return counts;
}

/** Set-up commands hold their answer until the job has ended (`Prefer: wait=60`). */
const WAIT = { waitSeconds: 60 };

export async function measureDrain(db: BenchDatabase, options: DrainOptions, probe: Probe): Promise<DrainResult> {
  const port = await freePort();
  const census = censusEnv();
  const child = await startService(db, port, census);
  const client = benchClient(`http://127.0.0.1:${port}`);
  try {
    // Set-up, outside the measured window.
    const setupStarted = performance.now();
    const hosts = await inParallel(
      Array.from({ length: options.nodes }, (_, i) => i),
      options.setupConcurrency,
      async (i) =>
        await client.post('/v1/hosts', {
          body: {
            name: `bench-node-${String(i + 1).padStart(2, '0')}`,
            address: `10.20.0.${i + 1}`,
            osVersion: 'WS2016',
            slat: true,
            cpuVendor: 'Intel',
            logicalProcessors: 64,
            memoryMb: 524_288,
          },
        }),
    );
    const hostIds = hosts.map((h) => h.id);
    const source = hostIds[0];
    const created = await client.command('post', '/v1/clusters', { body: { name: 'BENCH-DRAIN', nodeIds: hostIds } }, WAIT);
    const clusterId = created.job!.target.id;
    const readCluster = () => client.get('/v1/clusters/{id}', { params: { path: { id: clusterId } } });
    await until('the cluster to be Active with every node Up', 20_000, async () => {
      const c = await readCluster();
      return c.status === 'Active' && c.nodes.length === options.nodes && c.nodes.every((n) => n.state === 'Up') ? c : undefined;
    });
    const vmIds = await inParallel(
      Array.from({ length: options.vms }, (_, i) => i),
      options.setupConcurrency,
      async (i) =>
        (
          await client.command(
            'post',
            '/v1/vms',
            {
              body: {
                name: `drain-${String(i).padStart(3, '0')}`,
                tenant: 'bench',
                hostId: source,
                generation: 2,
                guestOs: { family: 'windows' },
                memory: { startupMb: options.vmMemoryMb },
                processorCount: 2,
              },
            },
            WAIT,
          )
        ).job!.target.id,
    );
    await inParallel(vmIds, options.setupConcurrency, (id) =>
      client.command('post', '/v1/vms/{id}/start', { params: { path: { id } } }, WAIT),
    );
    await until(`${options.vms} running VMs on the source node`, 30_000, async () => {
      const vms = await collect(client.paginate('/v1/vms', { params: { query: { hostId: source, limit: 500 } } }));
      return vms.length === options.vms && vms.every((v) => v.state === 'Running' && v.pendingJobId === null) ? vms : undefined;
    });
    await until('the cluster read model to count the VMs', 20_000, async () => {
      const c = await readCluster();
      return c.nodes.find((n) => n.hostId === source)?.vmCount === options.vms && c.pendingJobIds.length === 0 ? c : undefined;
    });
    const setupMs = performance.now() - setupStarted;
    // Let the processors go quiet so that the set-up's tail does not run inside the window, and
    // the backends flush their statistics.
    await sleep(1500);

    // The measured window: the drain command until its job is Succeeded.
    const fromIso = new Date(Date.now() - 1000).toISOString();
    const follow = options.follow ?? 'poll';
    const censusBefore = await readCensus(census.BENCH_QUERY_CENSUS);
    const commandsBefore = await commandCounts(port);
    const countersBefore = await databaseCounters(db);
    const before = await probe.snapshot();
    const t0 = performance.now();
    // Not `client.command`: its back-off between polls would blur the end of the window, which is
    // found here by polling every 20 ms (or by the service's own wait).
    const first: unknown = await client.post('/v1/clusters/{id}/nodes/{hostId}/pause', {
      params: { path: { id: clusterId, hostId: source } },
      body: { drain: true },
      headers: follow === 'wait' ? { prefer: 'wait=60' } : {},
    });
    let job: Job;
    if (isJob(first)) job = first;
    else if (isAccepted(first)) {
      // Accepted (polling, or Prefer: wait ran out): follow the job's read model until it ends.
      const jobId = first.jobId;
      job = await until(
        'the drain job to end',
        120_000,
        async () => {
          const j = await client.get('/v1/jobs/{id}', { params: { path: { id: jobId } } });
          return ['Succeeded', 'Failed', 'Cancelled'].includes(j.status) ? j : undefined;
        },
        20,
      );
    } else {
      throw new Error(`drain answered neither a job nor an accepted job: ${JSON.stringify(first).slice(0, 300)}`);
    }
    const wallMs = performance.now() - t0;
    const after = await probe.snapshot();
    const servicePids = [child.pid!];
    const redis = redisPids();
    if (job.kind !== 'drain-node' || job.status !== 'Succeeded') {
      throw new Error(`drain job ${job.id} (${job.kind}) ended ${job.status}: ${JSON.stringify(job.error)}`);
    }
    const serviceRssPeakMb = peakRssMb(child.pid!);

    const censusAfter = await readCensus(census.BENCH_QUERY_CENSUS);
    const commandsAfter = await commandCounts(port);
    await sleep(1200);
    const countersAfter = await databaseCounters(db);

    // Correctness: the node Paused and empty, every VM Running elsewhere, one step per VM moved.
    const checks: string[] = [];
    const moveSteps = job.steps.slice(1);
    if (moveSteps.length !== options.vms || !moveSteps.every((s) => s.status === 'Succeeded')) {
      throw new Error(`the drain job has ${moveSteps.length} move steps, not ${options.vms} Succeeded ones`);
    }
    checks.push(`drain job Succeeded with ${moveSteps.length} move steps`);
    const cluster = await until('the source node to be Paused and empty', 10_000, async () => {
      const c = await readCluster();
      const node = c.nodes.find((n) => n.hostId === source);
      return node?.state === 'Paused' && node.vmCount === 0 && c.pendingJobIds.length === 0 ? c : undefined;
    });
    checks.push('source node Paused with 0 VMs');
    const vms = await collect(client.paginate('/v1/vms', { params: { query: { tenant: 'bench', limit: 500 } } }));
    const ours = vms.filter((v) => vmIds.includes(v.id));
    if (ours.length !== options.vms) throw new Error(`${ours.length} of the ${options.vms} VMs listed after the drain`);
    const misplaced = ours.filter((v) => v.hostId === source || v.state !== 'Running' || !hostIds.includes(v.hostId));
    if (misplaced.length > 0) {
      throw new Error(`${misplaced.length} VMs not Running on another node, e.g. ${JSON.stringify(misplaced[0]).slice(0, 200)}`);
    }
    const destinations = new Set(ours.map((v) => v.hostId)).size;
    checks.push(`all ${options.vms} VMs Running on ${destinations} other nodes`);
    const vmCountSum = cluster.nodes.reduce((s, n) => s + n.vmCount, 0);
    if (vmCountSum !== options.vms) throw new Error(`the cluster read model counts ${vmCountSum} VMs, not ${options.vms}`);

    // From the recorded events: each migration's queueing and run, the slots per host.
    const events = await eventsSince(client, ['VmMigrated', 'JobCreated', 'JobStarted', 'JobSucceeded'], fromIso);
    const migrated = events.filter(
      (e) => e.type === 'VmMigrated' && (e.data.initiator as { jobId?: string } | undefined)?.jobId === job.id,
    );
    if (migrated.length !== options.vms)
      throw new Error(`${migrated.length} VmMigrated events for the drain, not ${options.vms}`);
    const at = (type: string) =>
      new Map<string, number>(
        events.filter((e) => e.type === type).map((e) => [e.data.jobId as string, Date.parse(e.recordedAt)]),
      );
    const createdAt = at('JobCreated');
    const startedAt = at('JobStarted');
    const succeededAt = at('JobSucceeded');
    const moves = migrated.map((m) => {
      const id = m.data.jobId as string;
      const [c, s, e] = [createdAt.get(id), startedAt.get(id), succeededAt.get(id)];
      if (c === undefined || s === undefined || e === undefined)
        throw new Error(`migration job ${id} lacks its JobCreated/Started/Succeeded`);
      return { hosts: [m.data.fromHostId as string, m.data.hostId as string], created: c, from: s, to: e };
    });
    if (!moves.every((m) => m.hosts[0] === source && m.created <= m.from && m.from <= m.to)) {
      throw new Error('a migration did not leave the source, or its events are out of order');
    }
    let peakPerHost = 0;
    for (const host of hostIds) peakPerHost = Math.max(peakPerHost, peakOverlap(moves.filter((m) => m.hosts.includes(host))));
    const limit = Math.min(...hosts.map((h) => h.maximumLiveMigrations ?? 2)); // the default, 2, as registered
    // Reported as a figure against the limit rather than thrown, so that a breach shows in the report.
    const peakOnSource = peakOverlap(moves);
    const firstStart = Math.min(...moves.map((m) => m.from));
    const lastEnd = Math.max(...moves.map((m) => m.to));
    const busy = moves.reduce((s, m) => s + (m.to - m.from), 0);
    // Each freed source slot → the next start after it (the queue's reaction time).
    const starts = moves.map((m) => m.from).sort((a, b) => a - b);
    const ends = moves.map((m) => m.to).sort((a, b) => a - b);
    const gaps: number[] = [];
    let si = 0;
    for (const end of ends) {
      while (si < starts.length && starts[si] < end) si++;
      if (si >= starts.length) break;
      gaps.push(starts[si] - end);
      si++;
    }
    const drainCreated = Date.parse(job.createdAt);
    const drainFinished = Date.parse(job.finishedAt!);
    const run = moves.map((m) => m.to - m.from);
    const queued = moves.map((m) => m.from - m.created);
    return {
      nodes: options.nodes,
      vms: options.vms,
      setupMs,
      wallMs,
      jobMs: drainFinished - drainCreated,
      moved: migrated.length,
      perVmMs: wallMs / migrated.length,
      runP50Ms: percentile(run, 50),
      runP99Ms: percentile(run, 99),
      queuedP50Ms: percentile(queued, 50),
      queuedP99Ms: percentile(queued, 99),
      firstStartMs: firstStart - drainCreated,
      tailMs: drainFinished - lastEnd,
      peakPerHost,
      peakOnSource,
      limit,
      sourceMeanConcurrency: lastEnd > firstStart ? busy / (lastEnd - firstStart) : 0,
      slotGapP50Ms: percentile(gaps, 50),
      slotGapP99Ms: percentile(gaps, 99),
      destinations,
      serviceRssPeakMb,
      cpu: cost([[before, after]], migrated.length),
      serviceCpuShare: ((ticksOf(after, servicePids) - ticksOf(before, servicePids)) * TICK_MS) / (after.at - before.at),
      redisCpuShare: ((ticksOf(after, redis) - ticksOf(before, redis)) * TICK_MS) / (after.at - before.at),
      eventsAppended: countersAfter.events - countersBefore.events,
      transactions: countersAfter.transactions - countersBefore.transactions,
      eventRowsRead: countersAfter.eventRowsRead - countersBefore.eventRowsRead,
      checks,
      census: censusDelta(censusBefore, censusAfter),
      commands: [...commandsAfter]
        .map(([key, count]) => {
          const [type, outcome] = key.split('/');
          return { type, outcome, count: count - (commandsBefore.get(key) ?? 0) };
        })
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count),
    };
  } finally {
    await stopService(child);
  }
}
