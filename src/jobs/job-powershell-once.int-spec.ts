import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { DecideCommand, GenericCommandHandler } from '../platform/command-handler';
import { loadConfig } from '../platform/config';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../platform/database';
import { Metrics } from '../platform/metrics';
import { SystemCommands } from '../platform/system-commands';
import { JobRequest, jobStreamId } from './domain/job.events';
import { createJobFor } from './workflows/job-dispatcher';
import { foldJob } from './projections/job.projection';

/* The PowerShell of a job is recorded once, in the job's own record; its intent names the job and its steps. */

// An aggregate whose command records an intent that asks for a job, as the VM, host and cluster deciders do.
type Requested = { type: 'WorkRequested'; data: { job: JobRequest } };
type RequestWork = { type: 'RequestWork'; job: JobRequest };
const requester = {
  initialState: null,
  evolve: (state: null) => state,
  decide: (command: RequestWork): Requested[] => [{ type: 'WorkRequested', data: { job: command.job } }],
};

const steps = [
  { name: 'Move web01 to hv02', powershell: 'Move-VM -Name "web01" -ComputerName "hv01" -DestinationHost "hv02"' },
  { name: 'Make web01 a role of cluster CLU02', powershell: 'Add-ClusterVirtualMachineRole -Cluster "CLU02" -VMName "web01"' },
];
const jobRequest = (): JobRequest => ({
  jobId: randomUUID(),
  attempt: 1,
  kind: 'migrate-vm',
  target: { type: 'vm', id: randomUUID() },
  steps,
  operation: {
    kind: 'migrate-vm',
    host: { hostId: randomUUID(), name: 'hv01', osVersion: 'WS2016', memoryMb: 65536 },
    vm: { vmId: randomUUID(), name: 'web01', generation: 2, configVersion: '8.0', memoryMb: 2048, processorCount: 2 },
    destination: { hostId: randomUUID(), name: 'hv02', osVersion: 'WS2016', memoryMb: 65536 },
    migrationType: 'Live',
    cluster: null,
    limits: { source: 2, destination: 2 },
  },
  requestedBy: { actor: 'alice', role: 'admin' },
});
const context = () => ({
  commandId: randomUUID(),
  actor: 'alice',
  role: 'admin',
  correlationId: randomUUID(),
  causationId: null,
  requestId: null,
  idempotencyKey: null,
});

describe('a job’s PowerShell, recorded once', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let handler: GenericCommandHandler;

  before(async () => {
    database = await createTestDatabase('powershell_once');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 5,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    pool = createPool(settings, () => undefined);
    store = new PostgresEventStore({ pool });
    handler = new GenericCommandHandler(store, loadConfig({}), new Metrics());
  });
  after(async () => {
    await store?.close();
    await pool?.end();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('stores the intent with the job’s id and step names, and the job with the steps’ PowerShell', async () => {
    const job = jobRequest();
    const stream = `work-${randomUUID()}`;
    await handler.execute(new DecideCommand(requester, stream, { type: 'RequestWork', job }, context()));

    const [intent] = await store.readStream(stream);
    const { steps: _steps, ...rest } = job;
    expect(intent.data).toEqual({ job: { ...rest, steps: steps.map(({ name }) => ({ name })) } });
    const jobEvents = await store.readStream(jobStreamId(job.jobId));
    expect(jobEvents.map((e) => e.type)).toEqual(['JobCreated']);
    expect(jobEvents[0].data).toEqual({ ...job, createdAt: expect.any(String) });
    // The job as clients read it (GET /v1/jobs/{id}) shows each step's PowerShell.
    expect(foldJob(jobEvents)?.steps.map((s) => s.powershell)).toEqual(steps.map((s) => s.powershell));

    // The job creator meeting the stored intent finds its job recorded and writes nothing.
    await createJobFor(intent, new SystemCommands(handler));
    expect(await store.readStream(jobStreamId(job.jobId))).toHaveLength(1);
  });

  it('creates the job of an intent stored with a copy of the PowerShell from that copy', async () => {
    const stored = JSON.parse(
      readFileSync(
        join(__dirname, '..', '..', '..', 'src', 'jobs', 'fixtures', 'vm-start-requested-with-powershell.v1.json'),
        'utf8',
      ),
    ) as { type: string; schemaVersion: number; data: { vmId: string; job: JobRequest } };
    const vmId = randomUUID();
    const job = { ...stored.data.job, jobId: randomUUID(), target: { type: 'vm' as const, id: vmId } };
    const { commandId: _commandId, ...metadata } = context();
    await store.append(
      `vm-${vmId}`,
      [
        {
          eventId: randomUUID(),
          type: stored.type,
          schemaVersion: stored.schemaVersion,
          data: { ...stored.data, vmId, job },
          metadata,
        },
      ],
      'any',
    );
    const [intent] = await store.readStream(`vm-${vmId}`);
    await createJobFor(intent, new SystemCommands(handler));
    const jobEvents = await store.readStream(jobStreamId(job.jobId));
    expect(jobEvents.map((e) => e.type)).toEqual(['JobCreated']);
    expect(foldJob(jobEvents)?.steps.map((s) => s.powershell)).toEqual([
      'Start-VM -Name "web01" -ComputerName "hv01" # as planned when stored',
    ]);
  });
});
