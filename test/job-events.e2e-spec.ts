import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startTestApp, TestApp, eventually } from './support/test-app';
import { hostBody, vmBody } from './support/fabric';

/**
 * A job's durable record is its intent, its step boundaries and its outcome: however many
 * progress figures the driver reports while a step runs, none of them is an event.
 */
describe('what a job records', () => {
  let t: TestApp;
  let hostId: string;

  before(async () => {
    // Slow enough that the simulated driver reports all nine progress ticks of every operation.
    t = await startTestApp({ SIMULATOR_TIME_SCALE: '0.01' });
    hostId = (await t.request('POST', '/v1/hosts', { body: hostBody() })).body.id;
  });
  after(async () => {
    await t?.close();
  });

  const finished = (jobId: string) =>
    eventually(
      async () => {
        const job = (await t.request('GET', `/v1/jobs/${jobId}`)).body;
        return ['Succeeded', 'Failed', 'Cancelled'].includes(job?.status) ? job : undefined;
      },
      30_000,
      `job ${jobId}`,
    );

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
    const created = await t.request('POST', '/v1/vms', { body: vmBody({ hostId }, { name: 'app01' }) });
    expect(created.status).toBe(202);
    jobs.push({ kind: 'create-vm', jobId: created.body.jobId });
    expect(await finished(created.body.jobId)).toMatchObject({ status: 'Succeeded', progress: 100 });
    const vmId = created.body.resource.id;
    await eventually(async () => ((await t.request('GET', `/v1/vms/${vmId}`)).body?.state === 'Off' ? true : undefined));

    const reportsBefore = await progressReports('start-vm');
    const start = await t.request('POST', `/v1/vms/${vmId}/start`, { body: {} });
    expect(start.status).toBe(202);
    jobs.push({ kind: 'start-vm', jobId: start.body.jobId });
    expect(await finished(start.body.jobId)).toMatchObject({ status: 'Succeeded', progress: 100 });
    expect((await progressReports('start-vm')) - reportsBefore).toBe(9);
    expect(await jobEventTypes(start.body.jobId)).toEqual([
      'JobCreated',
      'JobStarted',
      'JobStepStarted',
      'JobStepSucceeded',
      'JobSucceeded',
    ]);

    await eventually(async () => ((await t.request('GET', `/v1/vms/${vmId}`)).body?.state === 'Running' ? true : undefined));
    const stop = await t.request('POST', `/v1/vms/${vmId}/stop`, { body: {} });
    expect(stop.status).toBe(202);
    jobs.push({ kind: 'stop-vm', jobId: stop.body.jobId });
    await finished(stop.body.jobId);

    let events = 0;
    for (const job of jobs) {
      const types = await jobEventTypes(job.jobId);
      // The driver runs the whole operation in one call: its later steps finish with the first.
      const steps = (await t.request('GET', `/v1/jobs/${job.jobId}`)).body.steps.length;
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
