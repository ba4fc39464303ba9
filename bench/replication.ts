import { BenchDatabase } from './db';
import { cost, Probe, ProbeSnapshot, WindowCost } from './probe';
import { freePort, peakRssMb, startService, stopService } from './rest';
import { benchClient, inParallel, until } from './http-client';
import { sleep } from './util';

/**
 * Replication at fleet size through the real service (ROLE=all): `vms` VMs replicate every 30 s
 * with the simulator scaled by `timeScale`, so that vms / (30 s × timeScale) relationships' cycles
 * fall due each second. Hyper-V (the simulated fleet) runs the cycles; the service polls every
 * `pollMs`. The window lasts one simulated hour, so it holds each relationship's hourly recovery
 * point. Measured: cycles done (the statistics the primaries report), events appended, PostgreSQL
 * transactions, the service's CPU; checked: every relationship Normal with a last replication no
 * older than two intervals.
 */
export interface ReplicationBenchOptions {
  vms: number;
  primaries: number;
  timeScale: number;
  pollMs: number;
  setupConcurrency: number;
}

export interface ReplicationBenchResult {
  vms: number;
  intervalMs: number;
  duePerSecond: number;
  setupMs: number;
  windowMs: number;
  cyclesDone: number;
  cyclesFailed: number;
  cyclesMissed: number;
  cyclesPerSecond: number;
  eventsAppended: number;
  eventTypes: Record<string, number>;
  eventsPerCycle: number;
  transactions: number;
  transactionsPerSecond: number;
  serviceCpuShare: number;
  serviceCpuUsPerCycle: number;
  serviceRssPeakMb: number;
  cpu: WindowCost;
  /** The oldest last replication at the end, in intervals, as of the primary's last report of it. */
  oldestReplicationIntervals: number;
  notNormal: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux
const FREQUENCY_SECONDS = 30;

function ticksOf(snapshot: ProbeSnapshot, pid: number): number {
  return snapshot.otherTicks.get(pid) ?? 0;
}

async function totals(db: BenchDatabase) {
  const { rows } = await db.pool.query<{
    events: string;
    xacts: string;
    done: string;
    failed: string;
    missed: string;
    relationships: string;
  }>(
    `SELECT (SELECT coalesce(max(global_position), 0) FROM fm_events) AS events,
            (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS xacts,
            (SELECT coalesce(sum(successful_cycles), 0) FROM rm_replication_statistics) AS done,
            (SELECT coalesce(sum(failed_cycles), 0) FROM rm_replication_statistics) AS failed,
            (SELECT coalesce(sum(missed_cycles), 0) FROM rm_replication_statistics) AS missed,
            (SELECT count(*) FROM rm_replication_statistics) AS relationships`,
  );
  const r = rows[0];
  return {
    events: Number(r.events),
    transactions: Number(r.xacts),
    done: Number(r.done),
    failed: Number(r.failed),
    missed: Number(r.missed),
    relationships: Number(r.relationships),
  };
}

export async function measureReplication(
  db: BenchDatabase,
  options: ReplicationBenchOptions,
  probe: Probe,
): Promise<ReplicationBenchResult> {
  const intervalMs = FREQUENCY_SECONDS * 1000 * options.timeScale;
  const hourMs = 3_600_000 * options.timeScale;
  const port = await freePort();
  const child = await startService(db, port, {
    SIMULATOR_TIME_SCALE: String(options.timeScale),
    REPLICATION_POLL_MS: String(options.pollMs),
  });
  const client = benchClient(`http://127.0.0.1:${port}`);
  try {
    const setupStarted = performance.now();
    const host = async (role: string, i: number) =>
      (
        await client.post('/v1/hosts', {
          body: {
            name: `bench-${role}-${String(i + 1).padStart(2, '0')}`,
            address: `10.${role === 'primary' ? 30 : 31}.0.${i + 1}`,
            osVersion: 'WS2016',
            slat: true,
            cpuVendor: 'Intel',
            logicalProcessors: 64,
            memoryMb: 1_048_576,
          },
        })
      ).id;
    const indexes = Array.from({ length: options.primaries }, (_, i) => i);
    const primaries = await inParallel(indexes, options.setupConcurrency, (i) => host('primary', i));
    const replicas = await inParallel(indexes, options.setupConcurrency, (i) => host('replica', i));
    await inParallel(
      Array.from({ length: options.vms }, (_, i) => i),
      options.setupConcurrency,
      async (i) => {
        const wait = { waitSeconds: 60 };
        const created = await client.command(
          'post',
          '/v1/vms',
          {
            body: {
              name: `repl-${String(i).padStart(5, '0')}`,
              tenant: 'bench',
              hostId: primaries[i % options.primaries],
              generation: 2,
              guestOs: { family: 'windows' },
              memory: { startupMb: 1024 },
              processorCount: 1,
            },
          },
          wait,
        );
        await client.command(
          'post',
          '/v1/vms/{id}/replication',
          {
            params: { path: { id: created.job!.target.id } },
            body: { replicaHostId: replicas[i % options.primaries], frequencySeconds: FREQUENCY_SECONDS },
          },
          wait,
        );
      },
    );
    await until(
      `${options.vms} relationships observed`,
      120_000,
      async () => {
        const t = await totals(db);
        return t.relationships === options.vms ? t : undefined;
      },
      500,
    );
    const setupMs = performance.now() - setupStarted;
    // Settle, and let the backends flush their statistics. A window of one simulated hour holds
    // exactly one hour boundary, wherever it starts: one round of hourly recovery points.
    await sleep(1100);

    const before = await totals(db);
    const snapshotBefore = await probe.snapshot();
    const t0 = performance.now();
    await sleep(hourMs);
    const windowMs = performance.now() - t0;
    const snapshotAfter = await probe.snapshot();
    await sleep(1100); // the backends flush their statistics
    const after = await totals(db);
    const serviceRssPeakMb = peakRssMb(child.pid!);

    const { rows: typeRows } = await db.pool.query<{ type: string; n: string }>(
      'SELECT type, count(*) AS n FROM fm_events WHERE global_position > $1 AND global_position <= $2 GROUP BY type ORDER BY type',
      [before.events, after.events],
    );
    const eventTypes = Object.fromEntries(typeRows.map((r) => [r.type, Number(r.n)]));
    const { rows: health } = await db.pool.query<{ not_normal: string; oldest_ms: string }>(
      `SELECT (SELECT count(*) FROM rm_replications WHERE health <> 'Normal' OR state <> 'Replicating') AS not_normal,
              (SELECT max(extract(epoch FROM observed_at - last_replicated_at)) * 1000 FROM rm_replication_statistics) AS oldest_ms`,
    );
    const cyclesDone = after.done - before.done;
    const eventsAppended = after.events - before.events;
    const serviceMs = (ticksOf(snapshotAfter, child.pid!) - ticksOf(snapshotBefore, child.pid!)) * TICK_MS;
    return {
      vms: options.vms,
      intervalMs,
      duePerSecond: options.vms / (intervalMs / 1000),
      setupMs,
      windowMs,
      cyclesDone,
      cyclesFailed: after.failed - before.failed,
      cyclesMissed: after.missed - before.missed,
      cyclesPerSecond: cyclesDone / (windowMs / 1000),
      eventsAppended,
      eventTypes,
      eventsPerCycle: cyclesDone > 0 ? eventsAppended / cyclesDone : Number.NaN,
      transactions: after.transactions - before.transactions,
      transactionsPerSecond: (after.transactions - before.transactions) / (windowMs / 1000),
      serviceCpuShare: serviceMs / windowMs,
      serviceCpuUsPerCycle: cyclesDone > 0 ? (serviceMs * 1000) / cyclesDone : Number.NaN,
      serviceRssPeakMb,
      cpu: cost([[snapshotBefore, snapshotAfter]], cyclesDone),
      oldestReplicationIntervals: Number(health[0].oldest_ms) / intervalMs,
      notNormal: Number(health[0].not_normal),
    };
  } finally {
    await stopService(child);
  }
}
