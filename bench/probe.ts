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
  postgresCpuTicks: number;
  machineBusyTicks: number;
  machineTotalTicks: number;
  walBytes: number;
  walFpi: number;
  walRecords: number;
}

export interface WindowCost {
  seconds: number;
  /** Share of both cores together that was busy, 0..1. */
  machineBusy: number;
  nodeCpuShare: number;
  postgresCpuShare: number;
  nodeCpuUsPerOp: number;
  postgresCpuUsPerOp: number;
  walBytesPerOp: number;
  walFpiPerOp: number;
  walRecordsPerOp: number;
}

const TICK_US = 10_000; // USER_HZ = 100 on Linux

function postgresTicks(): number {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
        const fields = stat.slice(close + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        // the process ended
      }
    }
  } catch {
    return 0;
  }
  return ticks;
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

export async function snapshot(pool: Pool): Promise<ProbeSnapshot> {
  const { rows } = await pool.query<{ wal_bytes: string; wal_fpi: string; wal_records: string }>(
    'SELECT wal_bytes, wal_fpi, wal_records FROM pg_stat_wal',
  );
  const cpu = process.cpuUsage();
  const machine = machineTicks();
  return {
    at: performance.now(),
    nodeCpuUs: cpu.user + cpu.system,
    postgresCpuTicks: postgresTicks(),
    machineBusyTicks: machine.busy,
    machineTotalTicks: machine.total,
    walBytes: Number(rows[0].wal_bytes),
    walFpi: Number(rows[0].wal_fpi),
    walRecords: Number(rows[0].wal_records),
  };
}

export function cost(a: ProbeSnapshot, b: ProbeSnapshot, ops: number): WindowCost {
  const seconds = (b.at - a.at) / 1000;
  const wallUs = seconds * 1e6;
  const nodeUs = b.nodeCpuUs - a.nodeCpuUs;
  const pgUs = (b.postgresCpuTicks - a.postgresCpuTicks) * TICK_US;
  const total = b.machineTotalTicks - a.machineTotalTicks;
  const per = (n: number) => (ops > 0 ? n / ops : 0);
  return {
    seconds,
    machineBusy: total > 0 ? (b.machineBusyTicks - a.machineBusyTicks) / total : 0,
    nodeCpuShare: nodeUs / wallUs,
    postgresCpuShare: pgUs / wallUs,
    nodeCpuUsPerOp: per(nodeUs),
    postgresCpuUsPerOp: per(pgUs),
    walBytesPerOp: per(b.walBytes - a.walBytes),
    walFpiPerOp: per(b.walFpi - a.walFpi),
    walRecordsPerOp: per(b.walRecords - a.walRecords),
  };
}

export function describeCost(c: WindowCost): string {
  return (
    `machine CPU ${(c.machineBusy * 100).toFixed(0)}% busy (Node ${(c.nodeCpuShare * 100).toFixed(0)}%, PostgreSQL ${(c.postgresCpuShare * 100).toFixed(0)}% of one core); ` +
    `per op: Node ${c.nodeCpuUsPerOp.toFixed(0)} µs CPU, PostgreSQL ${c.postgresCpuUsPerOp.toFixed(0)} µs CPU, ` +
    `WAL ${Math.round(c.walBytesPerOp).toLocaleString('en-US')} B in ${c.walRecordsPerOp.toFixed(1)} records (${c.walFpiPerOp.toFixed(2)} full-page images)`
  );
}
