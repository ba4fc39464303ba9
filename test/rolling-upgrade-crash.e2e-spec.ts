import { after, before, describe, it, TestContext } from 'node:test';
import { expect } from 'expect';
import { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { freePort, startService, stopProcess } from './support/processes';
import { createTestDatabase, redisPrefix, runId, TEST_REDIS_URL, TestDatabase } from './support/test-environment';
import { AuditEvent, createFabricClient, FabricClient, UpgradeAccepted } from '../src/client';
import { byId, hostBody, vmBody } from './support/fabric';
import { TEST_ADMIN_KEY } from './support/test-app';

/**
 * Issue 7, crash test. The service runs as separate OS processes on one database and one Redis:
 * an API process that the test talks to and two workers. Processors (projections, the job
 * dispatcher, the upgrade's process manager, the drain orchestrator) are elected per processor
 * across all three; jobs run in the workers. A worker is killed with SIGKILL at several points of a
 * rolling upgrade — during a drain, between nodes, during two reinstalls — and a replacement starts
 * after each kill. The upgrade must complete with every step exactly once in its history and no VM
 * lost or duplicated. The time from each kill to the upgrade's next step event is printed, never
 * asserted (timing belongs to the bench), and so is what the fabric was waiting for whenever the
 * upgrade went 5 s without an event.
 *
 * The upgrade cannot outrun the kills, however slow the machine: the test holds the simulated
 * operations it kills around (see `hold`) and lets each go only once the kill is done and its
 * replacement worker answers. One live migration of the first drain waits for the test, so the
 * drain is caught with migrations done and one still going; the reinstalls of the first two nodes
 * wait for it, so a worker is killed while it runs the first, the second node cannot complete
 * before the kill between nodes, and another worker is killed while the second runs. A held
 * operation waits inside the simulator's own last transaction, so the session waiting tells the
 * test which worker runs it. Nodes 3 and 4 run unheld.
 *
 * The test tells the processes apart in PostgreSQL: each runs with its own application_name, so
 * pg_locks shows which one holds each processor's advisory lock and pg_stat_activity which one
 * waits for a hold. It watches the upgrade, the jobs and the simulated fleet straight from the
 * database, so that it keeps watching while it restarts the API. On failure it prints the
 * upgrade's stream, the jobs, the holds and every process's log.
 */

const VM_COUNT = 12;
const NODE_STEPS = ['drain', 'evict', 'reinstall', 'add', 'resume'];
/** The processors that carry an upgrade forward (the others are read models). */
const WORKFLOW_PROCESSORS = ['rolling-upgrades', 'node-moves', 'job-creator', 'job-enqueuer', 'job-outcomes', 'cluster-timers'];
const GRACEFUL_STOP_MS = 15_000;
/** No upgrade event for this long: the test records what the fabric is waiting for (never asserted). */
const STALL_REPORT_MS = 5_000;

const COMMON_ENV: Record<string, string> = {
  REDIS_URL: TEST_REDIS_URL,
  ADMIN_API_KEY: TEST_ADMIN_KEY,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  // 10 real minutes of reinstall → 300 ms; a 2 GB live migration → 2.5 ms.
  SIMULATOR_TIME_SCALE: '0.0005',
  HEALTH_PROBE_MS: '200',
  PROCESSOR_POLL_MS: '100',
  // A job whose worker died is taken over once its BullMQ lock lapses.
  JOB_LOCK_MS: '2000',
  // Up to six processes at once (a replacement starting, an API restarting) share one PostgreSQL.
  DB_POOL_SIZE: '5',
  RATE_LIMIT_PER_SECOND: '0',
};

interface ServiceProcess {
  name: string;
  role: 'api' | 'worker';
  child: ChildProcess;
  port: number;
  startedAt: number;
  ready: boolean;
  output: string[];
  killedAt: number | null;
}

interface Kill {
  label: string;
  victim: string;
  why: string;
  heldBefore: string[];
  at: number;
  note: string;
}

/** A simulator row the test holds (see `hold`); `release` lets the operation waiting for it finish. */
interface Hold {
  label: string;
  /** The test's session holding the row. */
  pid: number;
  heldAt: number;
  releasedAt: number | null;
  release(): Promise<void>;
}

const processes: ServiceProcess[] = [];
// Even if the runner dies without running `after`, leave no service behind.
process.on('exit', () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
});

describe('rolling upgrade survives kill -9 of worker processes', () => {
  let database: TestDatabase;
  let pg: Pool;
  let prefix: string;
  let api: ServiceProcess;
  let counter = 0;
  const kills: Kill[] = [];
  const holds: Hold[] = [];

  /**
   * The client of the API process of the moment (it restarts, on another port, while the upgrade
   * runs). It never retries a 503: a read that finds the API restarting fails at once, as the
   * watching loops expect, instead of holding them back while the upgrade moves on.
   */
  let apiClient: { port: number; client: FabricClient } | null = null;
  function fabric(): FabricClient {
    if (apiClient?.port !== api.port) {
      const baseUrl = `http://127.0.0.1:${api.port}`;
      apiClient = { port: api.port, client: createFabricClient({ baseUrl, apiKey: TEST_ADMIN_KEY, retries: 0 }) };
    }
    return apiClient.client;
  }

  async function waitUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 15): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  const isAlive = (p: ServiceProcess) => p.child.exitCode === null && p.child.signalCode === null;

  function start(role: 'api' | 'worker'): Promise<ServiceProcess> {
    return freePort().then((port) => {
      const name = `fm-crash-${role}-${++counter}`;
      const url = new URL(database.url);
      // Names the process's PostgreSQL sessions, so pg_locks tells which process runs which processor.
      url.searchParams.set('application_name', name);
      const output: string[] = [];
      const child = startService(
        { ...COMMON_ENV, ROLE: role, PORT: String(port), DATABASE_URL: url.toString(), REDIS_PREFIX: prefix },
        {
          onOutput: (stream, chunk) =>
            output.push(
              ...chunk
                .toString('utf8')
                .split('\n')
                .filter((line) => line.length > 0)
                .map((line) => `[${stream}] ${line}`),
            ),
        },
      );
      const service: ServiceProcess = { name, role, child, port, startedAt: Date.now(), ready: false, output, killedAt: null };
      child.on('exit', (code, signal) => output.push(`[exit] code=${code} signal=${signal} at ${new Date().toISOString()}`));
      processes.push(service);
      return service;
    });
  }

  async function ready(service: ServiceProcess): Promise<void> {
    await waitUntil(
      async () => {
        if (!isAlive(service)) throw new Error(`${service.name} exited while starting:\n${service.output.join('\n')}`);
        try {
          const r = await fetch(`http://127.0.0.1:${service.port}/health/live`);
          return r.status === 200 ? true : undefined;
        } catch {
          return undefined;
        }
      },
      60_000,
      `${service.name} to answer /health/live`,
      50,
    );
    service.ready = true;
  }

  const liveWorkers = () => processes.filter((p) => p.role === 'worker' && isAlive(p) && p.killedAt === null);

  /** processor (or leadership) name → application_name of the process holding its advisory lock. */
  async function holders(): Promise<Map<string, string>> {
    const { rows } = await pg.query<{ name: string; holder: string }>(
      `WITH names AS (SELECT name FROM fm_processor_positions UNION SELECT 'node-health-monitor'),
            keys AS (SELECT name, hashtextextended('fabric-manager:processor:' || name, 0) AS k FROM names)
       SELECT keys.name, a.application_name AS holder
         FROM keys
         JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        AND l.classid::bigint = ((keys.k >> 32) & 4294967295)
                        AND l.objid::bigint = (keys.k & 4294967295)
         JOIN pg_stat_activity a ON a.pid = l.pid`,
    );
    return new Map(rows.map((r) => [r.name, r.holder]));
  }

  function describeHolders(map: Map<string, string>): string {
    const byHolder = new Map<string, string[]>();
    for (const [name, holder] of map) byHolder.set(holder, [...(byHolder.get(holder) ?? []), name]);
    return [...byHolder.entries()].map(([holder, names]) => `${holder}: ${names.sort().join(', ')}`).join(' | ');
  }

  /**
   * The API process takes part in the processor election too. When it has won the processors that
   * move the upgrade, killing a worker would only test the job path: restart the API gracefully
   * (as a deploy would) so that they move to a worker before the next kill. The old API stops
   * first and the new one starts only once the workers hold them, so it finds them taken. The test
   * watches the upgrade through PostgreSQL meanwhile, so this runs in the background.
   */
  async function keepProcessorsInWorkers(t: TestContext): Promise<void> {
    // Right after a kill the election may still be going on.
    const map = await waitUntil(
      async () => {
        const now = await holders();
        return WORKFLOW_PROCESSORS.every((name) => now.has(name)) ? now : undefined;
      },
      5_000,
      'every workflow processor to have a runner',
      50,
    ).catch(() => holders());
    const onApi = WORKFLOW_PROCESSORS.filter((name) => map.get(name) === api.name);
    if (onApi.length === 0) return;
    const old = api;
    const stoppedAt = Date.now();
    const exited = new Promise<void>((resolve) => old.child.once('exit', () => resolve()));
    old.child.kill('SIGTERM');
    const graceful = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), GRACEFUL_STOP_MS)),
    ]);
    if (!graceful) await stopProcess(old.child, 'SIGKILL');
    const stopMs = Date.now() - stoppedAt;
    const moved = await waitUntil(
      async () => {
        const now = await holders();
        return WORKFLOW_PROCESSORS.every((name) => liveWorkers().some((w) => now.get(name) === w.name)) ? now : undefined;
      },
      10_000,
      'the workflow processors to move to workers',
      20,
    ).catch(() => undefined);
    const next = await start('api');
    await ready(next);
    api = next;
    t.diagnostic(
      `${old.name} held [${onApi.join(', ')}]: restarted it as ${next.name} (${graceful ? `stopped gracefully in ${stopMs} ms` : `did not stop within ${GRACEFUL_STOP_MS} ms: killed`}, up again after ${Date.now() - stoppedAt} ms); processors then: ${describeHolders(moved ?? (await holders()))}`,
    );
  }

  /** What the fabric holds while an upgrade makes no progress: its step, the migration slots, the unfinished jobs. */
  async function stallSnapshot(
    facts: { inFlight: { hostId: string | null; step: string; jobId: string } | null },
    idleMs: number,
  ): Promise<string> {
    const slots = (await pg.query('SELECT host_id, job_id, lease_until FROM migration_slots ORDER BY lease_until')).rows;
    const jobs = (
      await pg.query(
        `SELECT s.stream_id, array_agg(e.type || '@' || to_char(e.recorded_at, 'HH24:MI:SS.MS') ORDER BY e.stream_version) AS events
           FROM (SELECT DISTINCT stream_id FROM fm_events WHERE stream_id LIKE 'job-%' AND recorded_at > now() - interval '60 seconds') s
           JOIN fm_events e ON e.stream_id = s.stream_id
          GROUP BY s.stream_id
         HAVING bool_and(e.type NOT IN ('JobSucceeded', 'JobFailed', 'JobCancelled'))
             OR s.stream_id = ANY(SELECT 'job-' || job_id FROM migration_slots)`,
      )
    ).rows;
    const head = (await pg.query<{ head: string }>('SELECT max(global_position)::text AS head FROM fm_events')).rows[0].head;
    const positions = (
      await pg.query<{ name: string; global_position: string }>(
        'SELECT name, global_position::text FROM fm_processor_positions ORDER BY name',
      )
    ).rows;
    // Processors read only below the oldest open transaction of the whole PostgreSQL server.
    const oldest = (
      await pg.query(
        `SELECT datname, application_name, state, round(extract(epoch FROM now() - xact_start) * 1000) AS age_ms, left(query, 80) AS query
           FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() ORDER BY xact_start LIMIT 3`,
      )
    ).rows;
    const lines = [
      `stall: no upgrade event for ${idleMs} ms at ${new Date().toISOString()}, step in flight ${facts.inFlight ? `${facts.inFlight.step} (job ${facts.inFlight.jobId})` : 'none'}; processors: ${describeHolders(await holders())}`,
      `  store head ${head}; positions: ${positions.map((p) => `${p.name}=${p.global_position}`).join(' ')}`,
      `  oldest transactions on the server: ${oldest.map((o) => `${o.datname}/${o.application_name} ${o.state} ${o.age_ms} ms: ${o.query}`).join(' | ') || 'none'}`,
      `  migration slots: ${slots.length === 0 ? 'none' : slots.map((r) => `${r.host_id}/${r.job_id} until ${new Date(r.lease_until).toISOString()}`).join('; ')}`,
      ...jobs.map((r) => `  ${r.stream_id}: ${r.events.join(', ')}`),
    ];
    // A hold stops the upgrade on purpose until the kill it waits for is done.
    for (const held of holds.filter((h) => h.releasedAt === null))
      lines.push(
        `  the test holds ${held.label} (for ${Date.now() - held.heldAt} ms; waiting: ${(await waitingFor(held)).join(', ') || 'nobody'})`,
      );
    return lines.join('\n');
  }

  /** Live-migration slots still held by jobs that had ended before `before` (a worker releases them right after). */
  async function slotsOfEndedJobs(before: number): Promise<string[]> {
    const { rows } = await pg.query<{ host_id: string; job_id: string; lease_until: Date; ended_at: Date }>(
      `SELECT m.host_id, m.job_id, m.lease_until, e.recorded_at AS ended_at
         FROM migration_slots m
         JOIN fm_events e ON e.stream_id = 'job-' || m.job_id AND e.type IN ('JobSucceeded', 'JobFailed', 'JobCancelled')
        WHERE e.recorded_at < $1`,
      [new Date(before)],
    );
    return rows.map(
      (r) => `host ${r.host_id} job ${r.job_id} (ended ${r.ended_at.toISOString()}) until ${r.lease_until.toISOString()}`,
    );
  }

  /** The upgrade as its own stream tells it (read straight from the store: the API may be restarting). */
  async function upgradeFacts(upgradeId: string) {
    const { rows } = await pg.query<{ type: string; data: any; recorded_at: Date }>(
      'SELECT type, data, recorded_at FROM fm_events WHERE stream_id = $1 ORDER BY stream_version',
      [`rolling-upgrade-${upgradeId}`],
    );
    let inFlight: { hostId: string | null; step: string; jobId: string } | null = null;
    let nodesDone = 0;
    let ended: string | null = null;
    for (const row of rows) {
      if (row.type === 'RollingUpgradeStepStarted') inFlight = row.data;
      else if (
        (row.type === 'RollingUpgradeStepCompleted' || row.type === 'RollingUpgradeStepFailed') &&
        inFlight?.jobId === row.data.jobId
      )
        inFlight = null;
      else if (row.type === 'RollingUpgradeNodeCompleted') nodesDone++;
      else if (['RollingUpgradeCompleted', 'RollingUpgradeCancelled', 'RollingUpgradePaused'].includes(row.type)) {
        ended = row.type === 'RollingUpgradePaused' ? `RollingUpgradePaused (${row.data.reason})` : row.type;
      }
    }
    return { inFlight, nodesDone, ended, events: rows };
  }

  async function jobEvents(jobId: string) {
    const { rows } = await pg.query<{ type: string; data: any; recorded_at: Date }>(
      'SELECT type, data, recorded_at FROM fm_events WHERE stream_id = $1 ORDER BY stream_version',
      [`job-${jobId}`],
    );
    return rows;
  }

  /** Live migrations off a host whose job has succeeded. */
  async function migrationsSucceededFrom(hostId: string): Promise<number> {
    const { rows } = await pg.query<{ count: number }>(
      `SELECT count(*)::int AS count
         FROM fm_events s
         JOIN fm_events c ON c.stream_id = s.stream_id AND c.type = 'JobCreated'
        WHERE s.type = 'JobSucceeded' AND s.data->>'kind' = 'migrate-vm' AND c.data->'operation'->'host'->>'hostId' = $1`,
      [hostId],
    );
    return rows[0].count;
  }

  async function simulatedVmsOn(hostId: string): Promise<number> {
    const { rows } = await pg.query<{ count: number }>('SELECT count(*)::int AS count FROM sim_vms WHERE host_id = $1', [hostId]);
    return rows[0].count;
  }

  /** What decides the worker to kill. */
  type Target =
    | { holderOf: string[] }
    /** This worker (the reinstall job's runner). */
    | { worker: ServiceProcess; why: string }
    /** Any ready worker but this one (the reinstall job's runner), the holder of `preferHolderOf` first. */
    | { except: ServiceProcess; preferHolderOf: string[] };

  /**
   * Picks the ready worker to kill by `target`; when that names none, the one holding most
   * workflow processors, else the oldest.
   */
  async function pickVictim(target: Target): Promise<{ victim: ServiceProcess; held: string[]; why: string }> {
    const workers = liveWorkers().filter((w) => w.ready);
    const map = await holders();
    const heldBy = (w: ServiceProcess) =>
      [...map.entries()]
        .filter(([, holder]) => holder === w.name)
        .map(([name]) => name)
        .sort();
    const chosen = (victim: ServiceProcess, why: string) => ({ victim, held: heldBy(victim), why });
    const holderAmong = (candidates: ServiceProcess[], names: string[]) => {
      for (const name of names) {
        const holder = candidates.find((w) => map.get(name) === w.name);
        if (holder) return chosen(holder, `it holds ${name}`);
      }
      return undefined;
    };
    let pick: { victim: ServiceProcess; held: string[]; why: string } | undefined;
    if ('holderOf' in target) pick = holderAmong(workers, target.holderOf);
    else if ('worker' in target) {
      if (!workers.includes(target.worker))
        throw new Error(`${target.worker.name}, to be killed as ${target.why}, is not a ready worker`);
      pick = chosen(target.worker, target.why);
    } else {
      const others = workers.filter((w) => w !== target.except);
      pick = holderAmong(others, target.preferHolderOf);
      if (!pick && others.length > 0) pick = chosen(others[0], `it is not ${target.except.name}, which runs the reinstall job`);
    }
    if (pick) return pick;
    const ranked = workers
      .map((w) => ({ w, n: heldBy(w).filter((name) => WORKFLOW_PROCESSORS.includes(name)).length }))
      .sort((a, b) => b.n - a.n || a.w.startedAt - b.w.startedAt);
    return chosen(ranked[0].w, `it holds the most workflow processors (${ranked[0].n}; processors: ${describeHolders(map)})`);
  }

  /** SIGKILLs a worker and starts its replacement at once; the replacement gets ready in the background. */
  async function killWorker(t: TestContext, label: string, target: Target, note: () => Promise<string>) {
    const { victim, held, why } = await pickVictim(target);
    const at = Date.now();
    victim.killedAt = at;
    await stopProcess(victim.child, 'SIGKILL');
    const replacement = await start('worker');
    const replacementReady = ready(replacement);
    replacementReady.catch(() => undefined);
    const kill: Kill = { label, victim: victim.name, why, heldBefore: held, at, note: '' };
    kills.push(kill);
    kill.note = await note().catch((error: Error) => `(${error.message})`);
    t.diagnostic(
      `kill ${kills.length} (${label}) at ${new Date(at).toISOString()}: SIGKILL ${victim.name}, as ${why}; it held [${held.join(', ')}]; ${kill.note}; replacement ${replacement.name}`,
    );
    return { kill, replacement, replacementReady };
  }

  /**
   * Holds one row of the simulator's tables FOR KEY SHARE, in a transaction of the test's own kept
   * open until `release`. That lock mode conflicts only with FOR UPDATE (and deletes): the simulator
   * takes a host's row FOR UPDATE only in the last transaction of a reinstall, and a VM's row FOR
   * UPDATE in the last transaction of an operation on that VM (here its live migration), while VM
   * moves to and from the host, membership changes and reads take weaker locks that go on. So a
   * hold stops exactly that operation, just before it changes anything, until the test lets it
   * go; a worker that runs it meanwhile (the first, or the one that takes the job over) waits
   * there too. The transaction appends no event, so it holds no processor back. A wait longer than
   * the services' statement timeout fails that statement, not the job: BullMQ runs the job again,
   * and it waits again.
   */
  async function hold(table: 'sim_hosts' | 'sim_vms', id: string, label: string): Promise<Hold> {
    const client = new Client({ connectionString: database.url, application_name: 'fm-crash-test-hold' });
    client.on('error', () => undefined);
    await client.connect();
    // Held as long as the test needs it, whatever the server's defaults.
    await client.query('SET statement_timeout = 0');
    await client.query('SET idle_in_transaction_session_timeout = 0');
    await client.query('BEGIN');
    const column = table === 'sim_hosts' ? 'host_id' : 'vm_id';
    const locked = await client.query(`SELECT 1 FROM ${table} WHERE ${column} = $1 FOR KEY SHARE`, [id]);
    if (locked.rowCount !== 1) throw new Error(`no ${table} row ${id} to hold for ${label}`);
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const held: Hold = {
      label,
      pid: rows[0].pid,
      heldAt: Date.now(),
      releasedAt: null,
      release: async () => {
        if (held.releasedAt !== null) return;
        held.releasedAt = Date.now();
        await client.query('COMMIT').catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
    holds.push(held);
    return held;
  }

  /**
   * The processes whose sessions wait for the hold: directly, or queued behind another waiter
   * (a killed worker's session waits on until the hold ends, ahead of the one that took its job over).
   */
  async function waitingFor(held: Hold): Promise<string[]> {
    const { rows } = await pg.query<{ application_name: string }>(
      `WITH RECURSIVE waiting AS (
         SELECT a.pid, a.application_name FROM pg_stat_activity a WHERE $1::int = ANY (pg_blocking_pids(a.pid))
         UNION
         SELECT a.pid, a.application_name FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid))
       )
       SELECT DISTINCT application_name FROM waiting ORDER BY application_name`,
      [held.pid],
    );
    return rows.map((r) => r.application_name);
  }

  /** The live workers running the held operation (their sessions wait for the hold). */
  async function runnersOf(held: Hold): Promise<ServiceProcess[]> {
    const waiting = await waitingFor(held);
    return liveWorkers().filter((w) => waiting.includes(w.name));
  }

  async function upgrade(upgradeId: string) {
    return fabric().get('/v1/rolling-upgrades/{id}', byId(upgradeId));
  }

  /** Every item of a list, read page after page. */
  async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
    const collected: T[] = [];
    for await (const item of items) collected.push(item);
    return collected;
  }

  const history = (upgradeId: string) =>
    all(
      fabric().paginate('/v1/{kind}/{id}/history', {
        params: { path: { kind: 'rolling-upgrades', id: upgradeId }, query: { limit: 500 } },
      }),
    );
  const allJobs = (kind?: string) =>
    all(fabric().paginate('/v1/jobs', { params: { query: { limit: 500, ...(kind ? { kind } : {}) } } }));
  const allEvents = (type: string) => all(fabric().paginate('/v1/events', { params: { query: { type, limit: 500 } } }));
  /** What an event says about a VM's move or stop (the fields the assertions read). */
  const vmEventData = (e: AuditEvent) => e.data as { vmId: string; jobId?: string };

  before(async () => {
    database = await createTestDatabase('rucrash');
    prefix = redisPrefix('rucrash');
    // Workers first, so that the processors start out in worker processes.
    const workers = [await start('worker'), await start('worker')];
    await Promise.all(workers.map(ready));
    // The test's own sessions (a pool: the samplers query while the test waits).
    pg = new Pool({ connectionString: database.url, application_name: 'fm-crash-test', max: 4 });
    // pool.end() resolves before its sessions are closed; dropping the database may end them first.
    pg.on('connect', (client) => client.on('error', () => undefined));
    pg.on('error', () => undefined);
    const { rows } = await pg.query<{ name: string }>('SELECT name FROM fm_processor_positions');
    const names = [...rows.map((r) => r.name), 'node-health-monitor'];
    await waitUntil(
      async () => {
        const map = await holders();
        return names.every((n) => map.has(n)) ? true : undefined;
      },
      15_000,
      'the workers to hold every processor',
      100,
    ).catch(() => undefined);
    api = await start('api');
    await ready(api);
  });

  after(async () => {
    for (const p of processes) await stopProcess(p.child, 'SIGKILL').catch(() => undefined);
    for (const held of holds) await held.release();
    await pg?.end().catch(() => undefined);
    await database?.drop().catch(() => undefined);
  });

  it(
    'completes a 4-node WS2012R2 → WS2016 upgrade with workers killed during a drain, between nodes and during reinstalls',
    { timeout: 300_000 },
    async (t) => {
      let upgradeId: string | null = null;
      let clusterId: string | null = null;
      const anomalies: string[] = [];
      let sampling = true;
      let sampler: Promise<void> = Promise.resolve();
      let stallWatch: Promise<void> = Promise.resolve();
      const stalls: string[] = [];
      let peakSessions = 0;
      try {
        t.diagnostic(`processors at start: ${describeHolders(await holders())}`);

        // A 4-node WS2012R2 cluster with 12 running VMs.
        const nodes: string[] = [];
        for (let i = 0; i < 4; i++) {
          const host = await fabric().post('/v1/hosts', {
            body: hostBody({ name: `crash${i + 1}`, osVersion: 'WS2012R2', logicalProcessors: 32 }),
          });
          nodes.push(host.id);
        }
        const cluster = await fabric().command('post', '/v1/clusters', { body: { name: 'RU-CRASH', nodeIds: nodes } });
        clusterId = cluster.job!.target.id;
        const vmIds: string[] = [];
        for (let i = 0; i < VM_COUNT; i++) {
          const created = await fabric().command('post', '/v1/vms', {
            body: vmBody(
              { clusterId },
              {
                name: `crash-vm${i}`,
                guestOs: { family: 'windows' },
                memory: { startupMb: 2048 },
                networkAdapters: [],
                disks: [],
              },
            ),
          });
          const vmId = created.job!.target.id;
          vmIds.push(vmId);
          await fabric().command('post', '/v1/vms/{id}/start', byId(vmId));
        }
        const vmsOn = async (hostId: string): Promise<number> => {
          const fleet = await fabric().get('/v1/simulator');
          return (fleet.hosts.find((h) => h.hostId === hostId)?.vms ?? []).length;
        };
        // The first node must have VMs to drain: the nodes in order of VM count, most first.
        const counts = await Promise.all(nodes.map(async (n) => ({ n, count: await vmsOn(n) })));
        const order = counts.sort((a, b) => b.count - a.count).map((c) => c.n);
        const firstNodeVms = counts[0].count;
        t.diagnostic(`VMs per node, in upgrade order: ${counts.map((c) => c.count).join(', ')}`);
        expect(firstNodeVms).toBeGreaterThanOrEqual(2);

        // While it runs, every VM stays Running on exactly one simulated host (sampled from the simulator's tables).
        sampler = (async () => {
          while (sampling) {
            const sample = await pg
              .query<{ total: number; running: number }>(
                "SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'Running')::int AS running FROM sim_vms WHERE vm_id = ANY($1)",
                [vmIds],
              )
              .catch(() => null);
            const counted = sample?.rows[0];
            if (counted && (counted.total !== VM_COUNT || counted.running !== VM_COUNT)) {
              anomalies.push(
                `${new Date().toISOString()}: ${counted.total} of ${VM_COUNT} VMs in the simulator, ${counted.running} Running`,
              );
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        })();

        // Held until the kills around them are done (see `hold`): the live migration of one VM off
        // the first node, and the reinstalls of the first two nodes.
        const heldVm = (
          await pg.query<{ vm_id: string }>('SELECT vm_id FROM sim_vms WHERE host_id = $1 ORDER BY vm_id LIMIT 1', [order[0]])
        ).rows[0].vm_id;
        const migrationHold = await hold('sim_vms', heldVm, `the live migration of VM ${heldVm} off node 1`);
        const reinstallHolds = [
          await hold('sim_hosts', order[0], 'the reinstall of node 1'),
          await hold('sim_hosts', order[1], 'the reinstall of node 2'),
        ];
        const started = await fabric().raw.POST('/v1/clusters/{id}/rolling-upgrades', {
          ...byId(clusterId),
          body: { targetOsVersion: 'WS2016', raiseFunctionalLevel: true, nodeOrder: order },
        });
        expect(started.response.status).toBe(202);
        upgradeId = (started.data as UpgradeAccepted).id;
        const id = upgradeId;
        const t0 = Date.now();
        const indexOf = (hostId: string | null | undefined) => order.indexOf(hostId ?? '');
        // Evidence for a reader when the upgrade stops moving for a while (timing is not asserted).
        stallWatch = (async () => {
          let reported = -1;
          let reportedIdle = 0;
          while (sampling) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            const sessions = await pg
              .query<{ count: number }>('SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database()')
              .catch(() => null);
            peakSessions = Math.max(peakSessions, sessions?.rows[0].count ?? 0);
            const facts = await upgradeFacts(id).catch(() => null);
            if (!facts || facts.ended || facts.events.length === 0) continue;
            const last = facts.events[facts.events.length - 1];
            const idleMs = Date.now() - last.recorded_at.getTime();
            // One snapshot when a stall begins, another every 10 s it lasts.
            if (idleMs < STALL_REPORT_MS || (reported === facts.events.length && idleMs < reportedIdle + 10_000)) continue;
            reported = facts.events.length;
            reportedIdle = idleMs;
            stalls.push(await stallSnapshot(facts, idleMs).catch((error: Error) => `(stall snapshot failed: ${error.message})`));
          }
        })();
        const notEnded = (facts: { ended: string | null }, what: string) => {
          if (facts.ended) throw new Error(`the upgrade reached ${facts.ended} before ${what}`);
        };
        let apiRestarts: Promise<void> = Promise.resolve();
        const rebalance = () => {
          apiRestarts = apiRestarts.then(() => keepProcessorsInWorkers(t));
        };

        /**
         * Waits until the reinstall of node `index + 1` is the step in flight and a live worker waits
         * for its hold: the worker running the reinstall job.
         */
        const heldReinstall = (index: number, held: Hold) =>
          waitUntil(
            async () => {
              const facts = await upgradeFacts(id);
              notEnded(facts, `the kill during the reinstall of node ${index + 1}`);
              if (facts.nodesDone > index) throw new Error(`node ${index + 1} completed while its reinstall was held`);
              const step = facts.inFlight;
              if (step?.step !== 'reinstall' || step.hostId !== order[index]) return undefined;
              const runners = await runnersOf(held);
              return runners.length > 0 ? { jobId: step.jobId, runner: runners[0], runners } : undefined;
            },
            60_000,
            `a worker to run the held reinstall of node ${index + 1}`,
            20,
          );
        /** The reinstall job's progress as the API shows it (live data; the API may be restarting, so it is only told). */
        const progressOf = (jobId: string) =>
          fabric()
            .get('/v1/jobs/{id}', byId(jobId))
            .then(
              (job) => `${job.progress}%`,
              () => 'unknown (the API was restarting)',
            );
        const reinstallKills: Array<{ kill: Kill; jobId: string; runner: string; takenOverBy: string | null }> = [];

        // (1) During the first node's drain: one of its live migrations has succeeded while another,
        // held, is still going.
        const inDrain = await waitUntil(
          async () => {
            const facts = await upgradeFacts(id);
            notEnded(facts, 'the first drain');
            const step = facts.inFlight;
            if (!step) return undefined;
            if (step.hostId !== order[0] || step.step !== 'drain')
              throw new Error(`missed the drain of the first node: now at ${step.step} of node ${indexOf(step.hostId) + 1}`);
            const done = await migrationsSucceededFrom(order[0]);
            if (done === 0) return undefined;
            const runners = await runnersOf(migrationHold);
            if (runners.length === 0) return undefined;
            return { done, left: await simulatedVmsOn(order[0]), runners: runners.map((w) => w.name) };
          },
          30_000,
          'a migration of the first drain to succeed while the held one runs',
          10,
        );
        const first = await killWorker(
          t,
          'during the drain of node 1',
          { holderOf: ['node-moves', 'rolling-upgrades'] },
          async () => {
            return `${inDrain.done} live migration job(s) off node 1 had succeeded, ${inDrain.left} VM(s) still on it, the held one's migration run by ${inDrain.runners.join(', ')}`;
          },
        );
        await migrationHold.release();
        rebalance();
        await first.replacementReady;
        // A live-migration slot of a job that had already ended when its worker died stays taken
        // until its lease runs out (printed for the reader, not asserted).
        const ended = await slotsOfEndedJobs(first.kill.at);
        if (ended.length > 0)
          t.diagnostic(
            `after the drain kill, live-migration slots still held by jobs that had ended before the kill (freed when their lease runs out): ${ended.join('; ')}`,
          );

        // (2) During the first node's reinstall, the worker running its job (a job-runner crash).
        // Another worker takes the job over and comes to the same hold before it is let go.
        const firstReinstall = await heldReinstall(0, reinstallHolds[0]);
        const runnerKill = await killWorker(
          t,
          'during the reinstall of node 1',
          { worker: firstReinstall.runner, why: 'it runs the reinstall job (its session waits for the held host row)' },
          async () => `the reinstall job's progress was ${await progressOf(firstReinstall.jobId)}`,
        );
        rebalance();
        await runnerKill.replacementReady;
        const takenOverBy = await waitUntil(
          async () => (await runnersOf(reinstallHolds[0]))[0],
          60_000,
          'another worker to take the reinstall job of node 1 over',
          20,
        );
        reinstallKills.push({
          kill: runnerKill.kill,
          jobId: firstReinstall.jobId,
          runner: firstReinstall.runner.name,
          takenOverBy: takenOverBy.name,
        });
        await reinstallHolds[0].release();

        // (3) Between nodes (a crash of the upgrade's process manager): node 1 has completed, and
        // node 2 cannot complete while its reinstall is held.
        await waitUntil(
          async () => {
            const facts = await upgradeFacts(id);
            notEnded(facts, 'the kill between nodes');
            return facts.nodesDone >= 1 ? true : undefined;
          },
          60_000,
          'node 1 to complete',
          10,
        );
        const between = await killWorker(
          t,
          'between node 1 and node 2',
          { holderOf: ['rolling-upgrades', 'node-moves'] },
          async () => {
            const facts = await upgradeFacts(id);
            const step = facts.inFlight;
            return `${facts.nodesDone} node(s) done; ${step ? `the upgrade is at ${step.step} of node ${indexOf(step.hostId) + 1}` : 'no step in flight'}`;
          },
        );
        rebalance();
        await between.replacementReady;

        // (4) During the second node's reinstall, a worker not running it (the holder of the
        // upgrade's process manager if that is another worker): a processor crash while the job goes on.
        const secondReinstall = await heldReinstall(1, reinstallHolds[1]);
        const otherKill = await killWorker(
          t,
          'during the reinstall of node 2',
          { except: secondReinstall.runner, preferHolderOf: ['rolling-upgrades'] },
          async () =>
            `the reinstall job's progress was ${await progressOf(secondReinstall.jobId)}, run by ${secondReinstall.runner.name}`,
        );
        rebalance();
        await otherKill.replacementReady;
        reinstallKills.push({
          kill: otherKill.kill,
          jobId: secondReinstall.jobId,
          runner: secondReinstall.runner.name,
          takenOverBy: null,
        });
        await reinstallHolds[1].release();
        await apiRestarts;

        // The upgrade completes.
        const done = await waitUntil(
          async () => {
            const u = await upgrade(id);
            if (u.state === 'Paused' || u.state === 'Failed' || u.state === 'Cancelled') {
              throw new Error(`the upgrade stopped in state ${u.state}: ${JSON.stringify(u.failure)}`);
            }
            return u.state === 'Completed' ? u : undefined;
          },
          120_000,
          'the upgrade to complete',
          50,
        );
        sampling = false;
        await sampler;
        await stallWatch;
        t.diagnostic(
          `upgrade completed ${Date.now() - t0} ms after it started; at most ${peakSessions} PostgreSQL sessions on the test database`,
        );
        for (const stall of stalls) t.diagnostic(stall);

        // Timing (printed, not asserted): from each kill to the upgrade's next step event.
        const events = await history(id);
        const stepEvents = events.filter(
          (e) => /^RollingUpgrade(Step|Node)/.test(e.type) || e.type === 'RollingUpgradeCompleted',
        );
        for (const kill of kills) {
          const next = stepEvents.find((e) => Date.parse(e.recordedAt) > kill.at);
          const before = [...stepEvents].reverse().find((e) => Date.parse(e.recordedAt) <= kill.at);
          // A hold let go between the kill and that event is part of the time (the test's, not the fabric's).
          const letGo = holds.filter(
            (h) => h.releasedAt !== null && h.releasedAt > kill.at && (!next || h.releasedAt <= Date.parse(next.recordedAt)),
          );
          t.diagnostic(
            `resume after kill "${kill.label}" (${kill.victim}): next step event ${next ? `${next.type} ${next.data.step ?? ''} ${Date.parse(next.recordedAt) - kill.at} ms after the kill` : 'none'}` +
              (before && next
                ? `; ${Date.parse(next.recordedAt) - Date.parse(before.recordedAt)} ms between the step events around the kill`
                : '') +
              letGo.map((h) => `; the test let ${h.label} go ${h.releasedAt! - kill.at} ms after the kill`).join(''),
          );
        }
        for (const { kill, jobId, runner, takenOverBy } of reinstallKills) {
          const events = await jobEvents(jobId);
          const end = events.find((e) => ['JobSucceeded', 'JobFailed', 'JobCancelled'].includes(e.type));
          t.diagnostic(
            `reinstall job of "${kill.label}": ${end ? `${end.type} ${end.recorded_at.getTime() - kill.at} ms after the kill` : 'never ended'}; ` +
              (takenOverBy
                ? `the killed ${kill.victim} was running it and ${takenOverBy} took it over`
                : `it was running in ${runner}, which was not killed`),
          );
        }
        for (const held of holds) t.diagnostic(`held ${held.label} for ${(held.releasedAt ?? Date.now()) - held.heldAt} ms`);
        t.diagnostic(`processors at the end: ${describeHolders(await holders())}`);

        // The process: every node done, the level raised.
        expect(done.nodes.map((n) => n.hostId)).toEqual(order);
        expect(done.nodes.every((n) => n.state === 'Completed')).toBe(true);
        expect(done.functionalLevelRaised).toBe(true);
        expect(done.failure).toBeNull();

        // Every step exactly once in the history: one start and one completion per (node, step), no failure.
        const expected = [...order.flatMap((n) => NODE_STEPS.map((s) => `${n}/${s}`)), 'cluster/raise-functional-level'].sort();
        const keyOf = (e: AuditEvent) => `${(e.data.hostId as string | undefined) ?? 'cluster'}/${e.data.step as string}`;
        expect(
          events
            .filter((e) => e.type === 'RollingUpgradeStepStarted')
            .map(keyOf)
            .sort(),
        ).toEqual(expected);
        expect(
          events
            .filter((e) => e.type === 'RollingUpgradeStepCompleted')
            .map(keyOf)
            .sort(),
        ).toEqual(expected);
        expect(
          events.filter((e) =>
            ['RollingUpgradeStepFailed', 'RollingUpgradePaused', 'RollingUpgradeStepRetried'].includes(e.type),
          ),
        ).toEqual([]);
        expect(events.filter((e) => e.type === 'RollingUpgradeNodeCompleted').map((e) => e.data.hostId)).toEqual(order);
        expect(events.filter((e) => e.type === 'RollingUpgradeCompleted')).toHaveLength(1);

        // The cluster: level 9, every node WS2016 and Up.
        const upgraded = await fabric().get('/v1/clusters/{id}', byId(clusterId));
        expect(upgraded).toMatchObject({ functionalLevel: 9, mixedMode: false });
        expect(upgraded.nodes.map((n) => n.hostId).sort()).toEqual([...nodes].sort());
        expect(upgraded.nodes.every((n) => n.osVersion === 'WS2016' && n.state === 'Up')).toBe(true);

        // Every VM exactly once, Running on a node of the cluster, and on that host in the simulator.
        const vms = await all(fabric().paginate('/v1/vms', { params: { query: { limit: 500 } } }));
        expect(vms).toHaveLength(VM_COUNT);
        expect(new Set(vms.map((v) => v.id))).toEqual(new Set(vmIds));
        for (const vm of vms) {
          expect(nodes).toContain(vm.hostId);
          expect(vm.state).toBe('Running');
        }
        const fleet = await fabric().get('/v1/simulator');
        const simulated = fleet.hosts.flatMap((h) => h.vms.map((v) => ({ vmId: v.vmId, hostId: h.hostId, state: v.state })));
        expect(simulated).toHaveLength(VM_COUNT);
        for (const vm of vms) {
          expect(simulated.filter((s) => s.vmId === vm.id)).toEqual([{ vmId: vm.id, hostId: vm.hostId, state: 'Running' }]);
        }
        expect(
          fleet.hosts.filter((h) => nodes.includes(h.hostId)).every((h) => h.osVersion === 'WS2016' && h.state === 'Up'),
        ).toBe(true);

        // No migration failed or ran twice, no VM was stopped or seen Off.
        const migrationJobs = await allJobs('migrate-vm');
        const byStatus: Record<string, number> = {};
        for (const job of migrationJobs) byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
        t.diagnostic(`migration jobs: ${JSON.stringify(byStatus)}`);
        expect(migrationJobs.filter((j) => j.status === 'Failed')).toEqual([]);
        const perJob = new Map<string | undefined, number>();
        for (const { vmId, jobId } of (await allEvents('VmMigrated')).map(vmEventData))
          if (vmIds.includes(vmId)) perJob.set(jobId, (perJob.get(jobId) ?? 0) + 1);
        expect([...perJob.entries()].filter(([, n]) => n > 1)).toEqual([]);
        expect((await allEvents('VmStopRequested')).filter((e) => vmIds.includes(vmEventData(e).vmId))).toEqual([]);
        expect(anomalies).toEqual([]);
      } catch (error) {
        sampling = false;
        await sampler.catch(() => undefined);
        await stallWatch.catch(() => undefined);
        for (const stall of stalls) t.diagnostic(stall);
        await report(t, upgradeId, clusterId);
        throw error;
      }
    },
  );

  /** What a reader needs when it fails: the kills, the upgrade and its history, the jobs, the processors, every process's log. */
  async function report(t: TestContext, upgradeId: string | null, clusterId: string | null) {
    const lines: string[] = [];
    const safe = async (label: string, what: () => Promise<unknown>) => {
      try {
        lines.push(`--- ${label}\n${JSON.stringify(await what(), null, 1)}`);
      } catch (error) {
        lines.push(`--- ${label}: ${(error as Error).message}`);
      }
    };
    lines.push(
      `--- kills\n${JSON.stringify(
        kills.map((k) => ({ ...k, at: new Date(k.at).toISOString() })),
        null,
        1,
      )}`,
    );
    await safe('processor holders', async () => Object.fromEntries(await holders()));
    await safe('holds', async () =>
      Promise.all(
        holds.map(async (held) => ({
          label: held.label,
          heldAt: new Date(held.heldAt).toISOString(),
          releasedAt: held.releasedAt === null ? null : new Date(held.releasedAt).toISOString(),
          waiting: held.releasedAt === null ? await waitingFor(held) : [],
        })),
      ),
    );
    if (upgradeId) {
      await safe('upgrade', () => upgrade(upgradeId));
      // From the store itself, so that it shows even while the API restarts.
      await safe('upgrade stream', async () =>
        (await upgradeFacts(upgradeId)).events.map(
          (e) =>
            `${e.recorded_at.toISOString()} ${e.type} ${e.data.hostId ?? ''} ${e.data.step ?? ''} ${e.data.attempt ?? ''} ${e.data.jobId ?? ''} ${e.data.code ?? ''} ${e.data.reason ?? ''}`,
        ),
      );
    }
    if (clusterId) await safe('cluster', () => fabric().get('/v1/clusters/{id}', byId(clusterId)));
    await safe('simulator', async () =>
      (await fabric().get('/v1/simulator')).hosts.map((h) => ({
        hostId: h.hostId,
        osVersion: h.osVersion,
        state: h.state,
        vms: h.vms.map((v) => `${v.vmId} ${v.state}`),
      })),
    );
    await safe('jobs not Succeeded', async () =>
      (await allJobs())
        .filter((j) => j.status !== 'Succeeded')
        .map((j) => ({
          id: j.id,
          kind: j.kind,
          status: j.status,
          attempt: j.attempt,
          target: j.target,
          error: j.error,
          startedAt: j.startedAt,
        })),
    );
    await safe(
      'processor positions',
      async () => (await pg.query('SELECT name, global_position, updated_at FROM fm_processor_positions ORDER BY name')).rows,
    );
    for (const p of processes) {
      lines.push(
        `--- output of ${p.name} (${p.role}, pid ${p.child.pid}${p.killedAt ? `, killed ${new Date(p.killedAt).toISOString()}` : ''})`,
      );
      lines.push(...p.output.slice(-300));
    }
    const file = path.join(tmpdir(), `rolling-upgrade-crash-${runId()}-${process.pid}.log`);
    writeFileSync(file, lines.join('\n'));
    t.diagnostic(`failure report (also in ${file}):\n${lines.join('\n')}`);
  }
});
