import { readdirSync, readFileSync } from 'node:fs';
import { Pool } from 'pg';

/**
 * Where the time of a timed window went: CPU of this Node process, CPU of every PostgreSQL
 * process on the machine, the whole machine's CPU, and the WAL written (pg_stat_wal is
 * cluster-wide, so a neighbour's writes would show up too).
 */
export interface ProbeSnapshot {
  at: number;
  nodeCpuUs: number;
  /** CPU ticks per PostgreSQL process: backends of the bench database and the shared auxiliary processes. */
  postgresTicks: Map<number, number>;
  /** CPU ticks of every other process on the machine (a neighbour's tests, compilers...). */
  otherTicks: Map<number, number>;
  machineBusyTicks: number;
  machineTotalTicks: number;
  walBytes: number;
  walFpi: number;
  walRecords: number;
}

export interface WindowCost {
  seconds: number;
  /** Share of all cores together that was busy, 0..1. */
  machineBusy: number;
  /** Shares of one core. */
  nodeCpuShare: number;
  postgresCpuShare: number;
  othersCpuShare: number;
  nodeCpuUsPerOp: number;
  postgresCpuUsPerOp: number;
  walBytesPerOp: number;
  walFpiPerOp: number;
  walRecordsPerOp: number;
}

const TICK_US = 10_000; // USER_HZ = 100 on Linux
const AUXILIARY =
  /: (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|archiver|stats collector)/;

/** CPU ticks of every process, split into "ours" (bench database + PostgreSQL auxiliaries) and the rest. */
function processTicks(database: string): { postgres: Map<number, number>; other: Map<number, number> } {
  const postgres = new Map<number, number>();
  const other = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return { postgres, other };
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      let ours = false;
      if (comm.startsWith('postgres')) {
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        ours = title.includes(` ${database} `) || AUXILIARY.test(title);
      }
      (ours ? postgres : other).set(pid, ticks);
    } catch {
      // the process ended
    }
  }
  return { postgres, other };
}

/** Ticks spent between a and b by the processes alive at b (a process that ended in between is lost). */
function delta(a: Map<number, number>, b: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of b) sum += Math.max(0, ticks - (a.get(pid) ?? 0));
  return sum;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((s, n) => s + n, 0);
    const idle = v[3] + (v[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export async function snapshot(pool: Pool, database: string): Promise<ProbeSnapshot> {
  const { rows } = await pool.query<{ wal_bytes: string; wal_fpi: string; wal_records: string }>(
    'SELECT wal_bytes, wal_fpi, wal_records FROM pg_stat_wal',
  );
  const cpu = process.cpuUsage();
  const machine = machineTicks();
  const ticks = processTicks(database);
  return {
    at: performance.now(),
    nodeCpuUs: cpu.user + cpu.system,
    postgresTicks: ticks.postgres,
    otherTicks: ticks.other,
    machineBusyTicks: machine.busy,
    machineTotalTicks: machine.total,
    walBytes: Number(rows[0].wal_bytes),
    walFpi: Number(rows[0].wal_fpi),
    walRecords: Number(rows[0].wal_records),
  };
}

/** Cost of one or more windows taken together (each given by its start and end snapshots). */
export function cost(windows: readonly [ProbeSnapshot, ProbeSnapshot][], ops: number): WindowCost {
  let wallUs = 0;
  let nodeUs = 0;
  let pgUs = 0;
  let otherUs = 0;
  let busy = 0;
  let total = 0;
  let wal = 0;
  let fpi = 0;
  let records = 0;
  for (const [a, b] of windows) {
    wallUs += (b.at - a.at) * 1000;
    nodeUs += b.nodeCpuUs - a.nodeCpuUs;
    pgUs += delta(a.postgresTicks, b.postgresTicks) * TICK_US;
    otherUs += delta(a.otherTicks, b.otherTicks) * TICK_US;
    busy += b.machineBusyTicks - a.machineBusyTicks;
    total += b.machineTotalTicks - a.machineTotalTicks;
    wal += b.walBytes - a.walBytes;
    fpi += b.walFpi - a.walFpi;
    records += b.walRecords - a.walRecords;
  }
  const per = (n: number) => (ops > 0 ? n / ops : 0);
  return {
    seconds: wallUs / 1e6,
    machineBusy: total > 0 ? busy / total : 0,
    nodeCpuShare: nodeUs / wallUs,
    postgresCpuShare: pgUs / wallUs,
    othersCpuShare: otherUs / wallUs,
    nodeCpuUsPerOp: per(nodeUs),
    postgresCpuUsPerOp: per(pgUs),
    walBytesPerOp: per(wal),
    walFpiPerOp: per(fpi),
    walRecordsPerOp: per(records),
  };
}

/** Takes snapshots around timed windows of one database. */
export class Probe {
  constructor(
    private readonly pool: Pool,
    private readonly database: string,
  ) {}

  snapshot(): Promise<ProbeSnapshot> {
    return snapshot(this.pool, this.database);
  }

  /** Runs `work` between two snapshots. */
  async around<T>(work: () => Promise<T>): Promise<{ result: T; window: [ProbeSnapshot, ProbeSnapshot] }> {
    const a = await this.snapshot();
    const result = await work();
    const b = await this.snapshot();
    return { result, window: [a, b] };
  }
}

/** Wraps a pool to count the NOTIFY round trips the event store makes next to its appends. */
export function countingPool(pool: Pool): { pool: Pool; counts: { notifies: number; appends: number } } {
  const counts = { notifies: 0, appends: 0 };
  const proxy = new Proxy(pool, {
    get(target, property) {
      if (property === 'query') {
        return (...args: unknown[]) => {
          const first = args[0] as string | { name?: string; text?: string };
          const text = typeof first === 'string' ? first : (first?.text ?? '');
          if (text.includes('pg_notify')) counts.notifies++;
          else if (text.includes('fm_append_events')) counts.appends++;
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { pool: proxy, counts };
}

const pct = (share: number) => `${(share * 100).toFixed(0)}%`;

export function describeCost(c: WindowCost): string {
  return (
    `CPU in % of one core: bench Node ${pct(c.nodeCpuShare)}, its PostgreSQL ${pct(c.postgresCpuShare)}, other processes ${pct(c.othersCpuShare)} ` +
    `(whole machine ${pct(c.machineBusy)} of all cores busy); ` +
    `per op: Node ${c.nodeCpuUsPerOp.toFixed(0)} µs CPU, PostgreSQL ${c.postgresCpuUsPerOp.toFixed(0)} µs CPU, ` +
    `WAL ${Math.round(c.walBytesPerOp).toLocaleString('en-US')} B in ${c.walRecordsPerOp.toFixed(1)} records (${c.walFpiPerOp.toFixed(2)} full-page images)`
  );
}
