import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run demo`: starts the service on the embedded defaults (simulated fleet, embedded
 * PostgreSQL under ./.data, Redis on 127.0.0.1:6379), then drives it over REST the way an
 * orchestration tool would — hosts, VMs, power operations, a fault and its recovery — printing
 * job progress as it goes.
 */
const PORT = Number(process.env.DEMO_PORT ?? 3100);
const BASE = `http://127.0.0.1:${PORT}`;
const TIME_SCALE = process.env.SIMULATOR_TIME_SCALE ?? '0.1';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${BASE}${url}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (response.status >= 400)
    throw new Error(`${method} ${url} → ${response.status} ${json?.code ?? ''}: ${json?.detail ?? text}`);
  return json;
}

function bar(progress: number): string {
  const filled = Math.round(progress / 5);
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${String(progress).padStart(3)}%`;
}

/** Polls jobs and prints a line whenever one moves, until all have ended. */
async function follow(
  jobs: Array<{ jobId: string; label: string }>,
): Promise<Map<string, { status: string; error: { code: string; detail: string } | null }>> {
  const last = new Map<string, string>();
  const done = new Map<string, { status: string; error: { code: string; detail: string } | null }>();
  while (done.size < jobs.length) {
    for (const { jobId, label } of jobs) {
      if (done.has(jobId)) continue;
      const job = await call('GET', `/v1/jobs/${jobId}`);
      const line = `${label.padEnd(28)} ${job.kind.padEnd(14)} ${bar(job.progress)} ${job.status}`;
      if (last.get(jobId) !== line) {
        console.log(`  ${line}`);
        last.set(jobId, line);
      }
      if (['Succeeded', 'Failed', 'Cancelled'].includes(job.status)) done.set(jobId, { status: job.status, error: job.error });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return done;
}

async function waitUntilReady(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}; see its message above`);
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

async function main(): Promise<void> {
  console.log(bold(`Starting Fabric Manager on ${BASE} (simulated fleet, time scale ${TIME_SCALE}) …`));
  const child = spawn(process.execPath, [path.resolve(__dirname, '../main.js')], {
    env: { ...process.env, PORT: String(PORT), SIMULATOR_TIME_SCALE: TIME_SCALE, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = () => child.exitCode === null && child.kill('SIGTERM');
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    await waitUntilReady(child);
    const run = Date.now().toString(36).slice(-4);

    console.log(bold('\n1. Register three WS2016 hosts'));
    const hosts = [];
    for (const n of [1, 2, 3]) {
      const host = await call('POST', '/v1/hosts', {
        name: `hv-${run}-0${n}`,
        address: `10.0.0.${10 + n}`,
        osVersion: 'WS2016',
        slat: true,
        cpuVendor: 'Intel',
        logicalProcessors: 32,
        memoryMb: 131072,
      });
      hosts.push(host);
      console.log(`  ${host.name}  ${host.id}  ${host.osVersion}  ${host.memoryMb} MB`);
    }

    console.log(bold('\n2. Create four VMs (jobs run on the simulated fleet)'));
    const specs = [
      { name: 'web01', memory: 4096, host: 0, family: 'windows' },
      { name: 'web02', memory: 4096, host: 1, family: 'windows' },
      { name: 'sql01', memory: 16384, host: 2, family: 'windows' },
      { name: 'app01', memory: 8192, host: 0, family: 'linux' },
    ];
    const creations = [];
    for (const spec of specs) {
      const accepted = await call('POST', '/v1/vms', {
        name: spec.name,
        tenant: 'contoso',
        hostId: hosts[spec.host].id,
        generation: 2,
        guestOs: { family: spec.family },
        memory: { startupMb: spec.memory },
        processorCount: 4,
        networkAdapters: [{ name: 'Frontend', switchName: 'External' }],
        disks: [{ name: 'os', sizeGb: 80 }],
      });
      creations.push({ jobId: accepted.jobId, label: `${spec.name} on ${hosts[spec.host].name}`, vmId: accepted.resource.id });
    }
    await follow(creations);

    console.log(bold('\n3. Start them all'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const starts = [];
    for (const c of creations) {
      const accepted = await call('POST', `/v1/vms/${c.vmId}/start`, {});
      starts.push({ jobId: accepted.jobId, label: c.label });
    }
    await follow(starts);

    console.log(bold('\n4. Inject a fault: save-vm fails on the first host'));
    await call('PUT', '/v1/simulator/faults', { hostId: hosts[0].id, failOperations: ['save-vm'] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const save = await call('POST', `/v1/vms/${creations[0].vmId}/save`, {});
    const saved = await follow([{ jobId: save.jobId, label: creations[0].label }]);
    const failure = saved.get(save.jobId);
    console.log(`  → ${failure?.status}: ${failure?.error?.code} — ${failure?.error?.detail}`);
    const job = await call('GET', `/v1/jobs/${save.jobId}`);
    console.log(dim(`  PowerShell equivalent: ${job.steps[0].powershell}`));

    console.log(bold('\n5. Clear the fault and restart the failed job'));
    await call('DELETE', `/v1/simulator/faults?hostId=${hosts[0].id}`);
    await call('POST', `/v1/jobs/${save.jobId}/restart`, {});
    await follow([{ jobId: save.jobId, label: creations[0].label }]);

    console.log(bold('\n6. The fleet as the read models see it'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const host of hosts) {
      const h = await call('GET', `/v1/hosts/${host.id}`);
      console.log(`  ${h.name}  ${h.state}  memory in use ${h.memoryUsedMb}/${h.memoryMb} MB`);
    }
    const vms = await call('GET', '/v1/vms?tenant=contoso&limit=500');
    for (const c of creations) {
      const vm = vms.items.find((v: { id: string }) => v.id === c.vmId);
      console.log(`  ${vm.name.padEnd(6)} ${vm.state.padEnd(8)} v${vm.configVersion}  heartbeat ${vm.heartbeat}`);
    }
    console.log(
      bold('\nDone.'),
      `Every step above is an event: ${BASE}/v1/jobs, ${BASE}/docs. Run the service yourself with \`npm start\`.`,
    );
  } finally {
    stop();
  }
}

main().catch((error) => {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
});
