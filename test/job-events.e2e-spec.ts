import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Accepted, FabricClient, Job } from '../src/client';
import { byId, fabricClient, hostBody, vmBody, vmWhere } from './support/fabric';
import { startTestApp, TestApp, eventually } from './support/test-app';

/**
 * A job's durable record is its intent, its step boundaries and its outcome: however many
 * progress figures the driver reports while a step runs, none of them is an event.
 */
describe('what a job records', () => {
  let t: TestApp;
  let fabric: FabricClient;
  let hostId: string;

  before(async () => {
    // Slow enough that the simulated driver reports all nine progress ticks of every operation.
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.01' });
    fabric = fabricClient(t);
    hostId = (await fabric.post('/v1/hosts', { body: hostBody() })).id;
  });
  after(async () => {
    await t?.close();
  });

  const finished = (jobId: string) =>
    eventually(
      async () => {
        const job = await fabric.get('/v1/jobs/{id}', byId(jobId));
        return ['Succeeded', 'Failed', 'Cancelled'].includes(job.status) ? job : undefined;
      },
      30_000,
      `job ${jobId}`,
    );

  /** A command's answer, which must be its 202: accepted, its job to follow. */
  async function accepted(send: Promise<{ data?: Accepted | Job; response: Response }>): Promise<Accepted> {
    const { data, response } = await send;
    expect(response.status).toBe(202);
    return data as Accepted;
  }

  const jobEventTypes = async (jobId: string): Promise<string[]> =>
    (
      await t.infrastructure.dataSource.query('SELECT type FROM fm_events WHERE stream_id = $1 ORDER BY stream_version', [
        `job-${jobId}`,
      ])
    ).map((row: { type: string }) => row.type);

  const progressReports = async (kind: string): Promise<number> => {
    const text = (await t.request('GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`fm_job_progress_reports_total{kind="${kind}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('records a job as its start, its step boundaries and its outcome, while its progress reports stay live data', async (context) => {
    const jobs: Array<{ kind: string; jobId: string }> = [];
    const created = await accepted(fabric.raw.POST('/v1/vms', { body: vmBody({ hostId }, { name: 'app01' }) }));
    jobs.push({ kind: 'create-vm', jobId: created.jobId });
    expect(await finished(created.jobId)).toMatchObject({ status: 'Succeeded', progress: 100 });
    const vmId = created.resource.id;
    await vmWhere(fabric, vmId, (vm) => vm.state === 'Off', 'to be Off');

    const reportsBefore = await progressReports('start-vm');
    const start = await accepted(fabric.raw.POST('/v1/vms/{id}/start', byId(vmId)));
    jobs.push({ kind: 'start-vm', jobId: start.jobId });
    expect(await finished(start.jobId)).toMatchObject({ status: 'Succeeded', progress: 100 });
    expect((await progressReports('start-vm')) - reportsBefore).toBe(9);
    expect(await jobEventTypes(start.jobId)).toEqual([
      'JobCreated',
      'JobStarted',
      'JobStepStarted',
      'JobStepSucceeded',
      'JobSucceeded',
    ]);

    await vmWhere(fabric, vmId, (vm) => vm.state === 'Running', 'to be Running');
    const stop = await accepted(fabric.raw.POST('/v1/vms/{id}/stop', { ...byId(vmId), body: {} }));
    jobs.push({ kind: 'stop-vm', jobId: stop.jobId });
    await finished(stop.jobId);

    let events = 0;
    for (const job of jobs) {
      const types = await jobEventTypes(job.jobId);
      // The driver runs the whole operation in one call: its later steps finish with the first.
      const steps = (await fabric.get('/v1/jobs/{id}', byId(job.jobId))).steps.length;
      expect(types).toEqual([
        'JobCreated',
        'JobStarted',
        'JobStepStarted',
        ...Array(steps).fill('JobStepSucceeded'),
        'JobSucceeded',
      ]);
      context.diagnostic(`${job.kind}: ${types.length} events (${types.join(', ')})`);
      events += types.length;
    }
    context.diagnostic(`events per job: ${(events / jobs.length).toFixed(1)}`);
  });
});
