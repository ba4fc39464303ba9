import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { createFabricClient, FabricProblem, FabricUnreachable } from '../client';
import type { AuditEvent, Host, Job, UpgradePlan } from '../client';
import { deterministicUuid } from '../platform/deterministic-id';

/**
 * `npm run demo`: starts the service on the embedded defaults (simulated fleet, embedded
 * PostgreSQL under ./.data, Redis on 127.0.0.1:6379), then drives it over REST the way an
 * orchestration tool would (through the typed client) — hosts, VMs, power operations, a fault and its recovery, then a rolling
 * OS upgrade of a 4-node WS2012R2 cluster with running VMs to WS2016 — printing progress as it goes.
 *
 * It authenticates with ADMIN_API_KEY when set; otherwise it hands the service a fresh admin key for
 * this run and revokes it at the end (unless it is the only admin key of the database).
 */
const PORT = Number(process.env.DEMO_PORT ?? 3100);
const BASE = `http://127.0.0.1:${PORT}`;
/** At 0.005 a host reinstall (10 min in the latency model) takes 3 s, so the whole demo takes about half a minute. */
const TIME_SCALE = process.env.SIMULATOR_TIME_SCALE ?? '0.005';
const OWN_KEY = !process.env.ADMIN_API_KEY;
const API_KEY = process.env.ADMIN_API_KEY || `fm_demo_${randomBytes(24).toString('base64url')}`;
/** The id the service gives a configured ADMIN_API_KEY (see BootstrapAdminKey). */
const API_KEY_ID = deterministicUuid(`admin-api-key/${createHash('sha256').update(API_KEY).digest('hex')}`);

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

/** The service this demo started. */
let service: ChildProcess | undefined;
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

const fabric = createFabricClient({ baseUrl: BASE, apiKey: API_KEY });
/** The path parameters of a resource addressed by its id. */
const byId = (id: string) => ({ params: { path: { id } } });

function bar(progress: number): string {
  const filled = Math.round(progress / 5);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(progress).padStart(3)}%`;
}

/** Follows jobs to their end, printing a line whenever one moves; answers each job as it ended. */
async function follow(jobs: Array<{ jobId: string; label: string; position?: number }>): Promise<Map<string, Job>> {
  const ended = await Promise.all(
    jobs.map(async ({ jobId, label, position }) => {
      let last = '';
      const print = (job: Job) => {
        const line = `${label.padEnd(28)} ${job.kind.padEnd(14)} ${bar(job.progress)} ${job.status}`;
        if (line !== last) console.log(`  ${line}`);
        last = line;
      };
      const job = await fabric.followJob(jobId, { allowFailure: true, minPosition: position, onProgress: print });
      print(job);
      return [jobId, job] as const;
    }),
  );
  return new Map(ended);
}

/** The readiness probe is not part of the versioned API the client covers, so it is a plain fetch. */
async function waitUntilReady(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (!running(child))
      throw new Error(`the service exited (${child.signalCode ?? `code ${child.exitCode}`}); see its message above`);
    try {
      const ready = await fetch(`${BASE}/health/ready`);
      if (ready.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the service did not become ready within 2 minutes');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const realWorld = (ms: number) => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : `${Math.round(ms / 60_000)} min`);

/** Polls `probe` until it answers something, or fails with `what` after `timeoutMs`. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}`);
    await sleep(100);
  }
}

/** Every event of one type recorded since `from` (all pages). */
async function eventsOfType(type: string, from: string): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  for await (const event of fabric.paginate('/v1/events', { params: { query: { type, from, limit: 500 } } })) items.push(event);
  return items;
}

/** Why the demo failed, in one line: a refusal's code and detail, or what became of the service. */
function describeFailure(error: unknown): string {
  if (error instanceof FabricUnreachable) {
    const gone =
      service && !running(service)
        ? `the service has exited (${service.signalCode ?? `code ${service.exitCode}`})`
        : 'the service did not answer';
    return `${gone} (${error.message})`;
  }
  if (error instanceof FabricProblem) return `${error.status} ${error.code}: ${error.detail} (${error.problem.instance ?? ''})`;
  return (error as Error).message;
}

/**
 * Follows a rolling upgrade until it completes: one line per step start and finish (at the times
 * the upgrade's stream recorded them), and one whenever the cluster's mixed mode or functional
 * level changes. Also samples the cluster's VM states, to catch any VM that is Off. A pause (a
 * failed step), a cancel, a failure or a timeout ends the demo with the reason.
 */
async function followUpgrade(upgradeId: string, clusterId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const seen = new Map<string, string>();
  let clusterMode = '';
  let maxOff = 0;
  let polls = 0;
  for (;;) {
    const [upgrade, cluster] = await Promise.all([
      fabric.get('/v1/rolling-upgrades/{id}', byId(upgradeId)),
      fabric.get('/v1/clusters/{id}', byId(clusterId)),
    ]);
    polls++;
    const t0 = Date.parse(upgrade.startedAt);
    const at = (iso: string) => `+${seconds(Date.parse(iso) - t0).padStart(6)}`;

    const lines: Array<{ when: number; text: string }> = [];
    const steps = [
      ...upgrade.nodes.flatMap((node) => node.steps.map((s) => ({ node, s }))),
      ...upgrade.clusterSteps.map((s) => ({ node: { name: cluster.name, vmsMoved: [] as string[] }, s })),
    ];
    for (const { node, s } of steps) {
      const key = `${node.name}/${s.step}/${s.attempt}`;
      const label = `${node.name.padEnd(12)} ${s.step.padEnd(22)}`;
      if (!seen.has(key))
        lines.push({
          when: Date.parse(s.startedAt),
          text: `  ${at(s.startedAt)}  ${label} started${s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}`,
        });
      if (s.status !== 'Running' && seen.get(key) !== s.status) {
        const took = seconds(Date.parse(s.finishedAt!) - Date.parse(s.startedAt));
        const extra = s.step === 'drain' ? ` — ${node.vmsMoved.length} VM(s) moved off` : s.detail ? ` — ${s.detail}` : '';
        lines.push({
          when: Date.parse(s.finishedAt!),
          text: `  ${at(s.finishedAt!)}  ${label} ${s.status === 'Succeeded' ? 'done' : s.status} in ${took}${extra}`,
        });
      }
      seen.set(key, s.status);
    }
    for (const line of lines.sort((a, b) => a.when - b.when)) console.log(line.text);

    // The cluster's mode: a line when it changes (a node on the new OS makes it mixed, the level raise ends it).
    const mode = `${cluster.functionalLevel}/${cluster.mixedMode}`;
    if (mode !== clusterMode) {
      const newer = cluster.nodes.filter((n) => n.osVersion === upgrade.targetOsVersion).map((n) => n.name);
      const text = cluster.mixedMode
        ? `MIXED MODE: functional level ${cluster.functionalLevel}, ${upgrade.targetOsVersion} on ${newer.join(', ')}`
        : `not mixed: functional level ${cluster.functionalLevel}, every node on ${cluster.nodes[0]?.osVersion}`;
      console.log(`  +${seconds(Date.now() - t0).padStart(6)}  ${bold(`cluster ${cluster.name} ${text}`)}`);
      clusterMode = mode;
    }
    maxOff = Math.max(maxOff, cluster.capacity?.vmsByState.Off ?? 0);

    if (upgrade.state === 'Completed') return { upgrade, cluster, maxOff, polls };
    if (upgrade.state === 'Paused' && upgrade.failure) {
      const f = upgrade.failure;
      throw new Error(
        `the upgrade paused: step ${f.step} failed (${f.code}: ${f.reason}); steer it with POST /v1/rolling-upgrades/${upgradeId}/retry-step or /cancel`,
      );
    }
    if (['Failed', 'Cancelled'].includes(upgrade.state)) throw new Error(`the upgrade ended ${upgrade.state}`);
    if (Date.now() > deadline)
      throw new Error(
        `the upgrade did not complete within ${seconds(timeoutMs)} (state ${upgrade.state}, step ${upgrade.currentStep})`,
      );
    await sleep(250);
  }
}

/** A rolling-upgrade request answers a plan (dry run, 200) or the started upgrade (202). */
function isPlan<T extends object>(answer: T): answer is Extract<T, { blockers: string[] }> {
  return 'blockers' in answer;
}

async function main(): Promise<void> {
  console.log(bold(`Starting Fabric Manager on ${BASE} (simulated fleet, time scale ${TIME_SCALE}) …`));
  const child = (service = spawn(process.execPath, [path.resolve(__dirname, '../main.js')], {
    env: {
      ...process.env,
      PORT: String(PORT),
      SIMULATOR_TIME_SCALE: TIME_SCALE,
      ADMIN_API_KEY: API_KEY,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  }));
  const stop = () => running(child) && child.kill('SIGTERM');
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  /** Revokes this run's admin key (unless it is the database's only one), then stops the service and waits for it. */
  const shutdown = async () => {
    if (OWN_KEY && running(child)) {
      try {
        await fabric.delete('/v1/api-keys/{id}', byId(API_KEY_ID));
      } catch (error) {
        if (error instanceof FabricProblem && error.code === 'LAST_ADMIN_KEY') {
          console.log(dim(`\n  The demo's admin key is the only admin key of this database, so it stays valid: ${API_KEY}`));
        } else if (!(error instanceof FabricUnreachable) && !(error instanceof FabricProblem && error.code === 'NOT_FOUND')) {
          console.error(`  (could not revoke the demo's admin key: ${describeFailure(error)})`);
        }
      }
    }
    if (!stop()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilReady(child);
    const run = Date.now().toString(36).slice(-4);

    console.log(bold('\n1. Register three WS2016 hosts'));
    const hosts: Host[] = [];
    for (const n of [1, 2, 3]) {
      const host = await fabric.post('/v1/hosts', {
        body: {
          name: `hv-${run}-0${n}`,
          address: `10.0.0.${10 + n}`,
          osVersion: 'WS2016',
          slat: true,
          cpuVendor: 'Intel',
          logicalProcessors: 32,
          memoryMb: 131072,
        },
      });
      hosts.push(host);
      console.log(`  ${host.name}  ${host.id}  ${host.osVersion}  ${host.memoryMb} MB`);
    }

    console.log(bold('\n2. Create four VMs (jobs run on the simulated fleet)'));
    const specs = [
      { name: 'web01', memory: 4096, host: 0, family: 'windows' as const },
      { name: 'web02', memory: 4096, host: 1, family: 'windows' as const },
      { name: 'sql01', memory: 16384, host: 2, family: 'windows' as const },
      { name: 'app01', memory: 8192, host: 0, family: 'linux' as const },
    ];
    const creations = [];
    for (const spec of specs) {
      const accepted = await fabric.post('/v1/vms', {
        body: {
          name: spec.name,
          tenant: 'contoso',
          hostId: hosts[spec.host].id,
          generation: 2,
          guestOs: { family: spec.family },
          memory: { startupMb: spec.memory },
          processorCount: 4,
          networkAdapters: [{ name: 'Frontend', switchName: 'External' }],
          disks: [{ name: 'os', sizeGb: 80 }],
        },
      });
      creations.push({
        jobId: accepted.jobId,
        position: accepted.position,
        label: `${spec.name} on ${hosts[spec.host].name}`,
        vmId: accepted.resource.id,
      });
    }
    await follow(creations);

    console.log(bold('\n3. Start them all'));
    const starts = [];
    for (const c of creations) {
      const accepted = await fabric.post('/v1/vms/{id}/start', byId(c.vmId));
      starts.push({ jobId: accepted.jobId, position: accepted.position, label: c.label });
    }
    await follow(starts);

    console.log(bold('\n4. Inject a fault: save-vm fails on the first host'));
    await fabric.put('/v1/simulator/faults', { body: { hostId: hosts[0].id, failOperations: ['save-vm'] } });
    const save = await fabric.post('/v1/vms/{id}/save', byId(creations[0].vmId));
    const saved = await follow([{ jobId: save.jobId, position: save.position, label: creations[0].label }]);
    const failure = saved.get(save.jobId)!;
    console.log(`  → ${failure.status}: ${failure.error?.code} — ${failure.error?.detail}`);
    console.log(dim(`  PowerShell equivalent: ${failure.steps[0].powershell}`));

    console.log(bold('\n5. Clear the fault and restart the failed job'));
    await fabric.delete('/v1/simulator/faults', { params: { query: { hostId: hosts[0].id } } });
    const restarted = await fabric.post('/v1/jobs/{id}/restart', byId(save.jobId));
    await follow([{ jobId: save.jobId, position: restarted.position, label: creations[0].label }]);

    console.log(bold('\n6. The fleet as the read models see it'));
    const seenAt = Math.max(...starts.map((s) => s.position), restarted.position);
    for (const host of hosts) {
      const h = await fabric.get('/v1/hosts/{id}', { ...byId(host.id), minPosition: seenAt });
      console.log(`  ${h.name}  ${h.state}  memory in use ${h.memoryUsedMb}/${h.memoryMb} MB`);
    }
    for (const c of creations) {
      const vm = await fabric.get('/v1/vms/{id}', { ...byId(c.vmId), minPosition: seenAt });
      console.log(`  ${vm.name.padEnd(6)} ${vm.state.padEnd(8)} v${vm.configVersion}  heartbeat ${vm.heartbeat}`);
    }

    // ── Rolling cluster OS upgrade ──────────────────────────────────────────────────────────
    const since = new Date().toISOString();
    console.log(bold('\n7. Register four WS2012R2 hosts and form a failover cluster'));
    const nodeIds: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const host = await fabric.post('/v1/hosts', {
        body: {
          name: `hv-${run}-n${n}`,
          address: `10.0.1.${10 + n}`,
          osVersion: 'WS2012R2',
          slat: true,
          cpuVendor: 'Intel',
          logicalProcessors: 32,
          memoryMb: 65536,
        },
      });
      nodeIds.push(host.id);
    }
    const formed = await fabric.command('post', '/v1/clusters', { body: { name: `CLU-${run}`.toUpperCase(), nodeIds } });
    const clusterId = formed.job!.target.id;
    const formedCluster = await fabric.get('/v1/clusters/{id}', byId(clusterId));
    const nodeName = new Map(formedCluster.nodes.map((n) => [n.hostId, n.name]));
    console.log(
      `  ${formedCluster.name}  functional level ${formedCluster.functionalLevel}  nodes ${formedCluster.nodes
        .map((n) => `${n.name} (${n.osVersion})`)
        .join(', ')}`,
    );

    const VM_COUNT = 8;
    console.log(bold(`\n8. Create and start ${VM_COUNT} VMs; the cluster places them`));
    const began = Date.now();
    // One after the other: the cluster places each VM by the load it sees, which includes the previous ones.
    const clusterVmIds: string[] = [];
    for (let i = 1; i <= VM_COUNT; i++) {
      const created = await fabric.command('post', '/v1/vms', {
        body: {
          name: `app${String(i).padStart(2, '0')}`,
          tenant: 'fabrikam',
          clusterId,
          generation: 2,
          guestOs: { family: 'windows' },
          memory: { startupMb: 4096 },
          processorCount: 2,
        },
      });
      const vmId = created.job!.target.id;
      await fabric.command('post', '/v1/vms/{id}/start', byId(vmId));
      clusterVmIds.push(vmId);
    }
    const placed = new Map<string, string[]>();
    for (const vmId of clusterVmIds) {
      const vm = await eventually(
        async () => {
          const v = await fabric.get('/v1/vms/{id}', byId(vmId));
          return v.state === 'Running' ? v : undefined;
        },
        10_000,
        `VM ${vmId} to show as Running`,
      );
      placed.set(vm.hostId!, [...(placed.get(vm.hostId!) ?? []), vm.name]);
    }
    for (const id of nodeIds) console.log(`  ${nodeName.get(id)}: ${(placed.get(id) ?? []).join(', ') || '—'}`);
    console.log(dim(`  ${VM_COUNT} VMs created and Running in ${seconds(Date.now() - began)}`));

    console.log(bold('\n9. Dry run: the plan for WS2016 (changes nothing)'));
    const upgradeRequest = { targetOsVersion: 'WS2016' as const, raiseFunctionalLevel: true };
    const planned = await fabric.post('/v1/clusters/{id}/rolling-upgrades', {
      ...byId(clusterId),
      body: { ...upgradeRequest, dryRun: true },
    });
    if (!isPlan(planned)) throw new Error('the dry run started an upgrade instead of answering its plan');
    const plan: UpgradePlan = planned;
    plan.nodes.forEach((n, i) => {
      const moves = n.moves.map((m) => `${m.vmName}→${m.toHostName} (${m.migrationType})`).join(', ');
      console.log(`  ${i + 1}. ${n.name.padEnd(12)} drain moves ${n.moves.length}: ${moves || '—'}`);
    });
    console.log(
      `  functional level ${plan.functionalLevel.current} → ${plan.functionalLevel.afterUpgrade}${plan.functionalLevel.raise ? ' (raised at the end)' : ''}`,
    );
    console.log(`  capacity: ${plan.capacity.ok ? 'ok' : 'NOT OK'} — ${plan.capacity.detail}`);
    console.log(`  blockers: ${plan.blockers.length ? plan.blockers.join('; ') : 'none'}`);
    console.log(
      `  estimated duration: ${realWorld(plan.estimatedRealWorldMs)} real world, ${seconds(plan.estimatedDurationMs)} at time scale ${TIME_SCALE}`,
    );
    if (plan.blockers.length) throw new Error(`the upgrade is blocked: ${plan.blockers.join('; ')}`);

    console.log(bold('\n10. Rolling upgrade to WS2016, raising the functional level at the end'));
    const accepted = await fabric.post('/v1/clusters/{id}/rolling-upgrades', { ...byId(clusterId), body: upgradeRequest });
    if (isPlan(accepted)) throw new Error('the upgrade answered a plan instead of starting');
    // The 202 comes from the command; reading at its position waits for the read model to have it.
    await fabric.get('/v1/rolling-upgrades/{id}', { ...byId(accepted.id), minPosition: accepted.position });
    console.log(dim(`  upgrade ${accepted.id}; follow it at ${BASE}/v1/rolling-upgrades/${accepted.id}`));
    const { upgrade, cluster, maxOff, polls } = await followUpgrade(
      accepted.id,
      clusterId,
      3 * plan.estimatedDurationMs + 60_000,
    );

    console.log(bold('\n11. Result'));
    const took = Date.parse(upgrade.finishedAt!) - Date.parse(upgrade.startedAt);
    console.log(
      `  upgrade ${upgrade.state} in ${seconds(took)} (estimated ${seconds(plan.estimatedDurationMs)}); ${upgrade.vmsMoved} VM moves`,
    );
    for (const n of cluster.nodes)
      console.log(`  ${n.name.padEnd(12)} ${n.osVersion.padEnd(8)} ${n.state.padEnd(6)} ${n.vmCount} VM(s)`);
    console.log(`  ${cluster.name}: functional level ${cluster.functionalLevel}, mixed mode ${cluster.mixedMode ? 'yes' : 'no'}`);
    const states = await Promise.all(clusterVmIds.map(async (id) => (await fabric.get('/v1/vms/{id}', byId(id))).state));
    const stops = (await eventsOfType('VmStopRequested', since)).filter((e) => clusterVmIds.includes(e.data.vmId as string));
    const allWs2016 = cluster.nodes.every((n) => n.osVersion === 'WS2016');
    const allRunning = states.every((s) => s === 'Running');
    console.log(
      `  VMs: ${states.filter((s) => s === 'Running').length}/${VM_COUNT} Running now; ` +
        `${maxOff ? `up to ${maxOff} Off` : 'none Off'} in ${polls} samples of the cluster during the upgrade; ` +
        `${stops.length} stop request(s) for them in the event log`,
    );
    if (!allWs2016 || cluster.functionalLevel !== 9 || cluster.mixedMode || !allRunning || maxOff > 0 || stops.length > 0) {
      throw new Error('the cluster did not end as expected (see the result above)');
    }
    console.log(
      bold('\nDone.'),
      `Every step above is an event: ${BASE}/v1/jobs, ${BASE}/v1/rolling-upgrades/${upgrade.id}/history, ${BASE}/docs. Run the service yourself with \`npm start\`.`,
    );
  } finally {
    await shutdown();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\ndemo failed: ${describeFailure(error)}`);
    process.exit(1);
  },
);
