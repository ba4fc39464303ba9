import { Command, Option } from 'commander';
import type { Job } from '../../client';
import { WorkFailed } from '../exit-codes';
import { Column } from '../output';
import { JOB_STATUSES } from '../schema-values';
import { watchJob } from '../watch';
import { act, jobFlags, jobOptions } from './common';

const JOB_COLUMNS: Column<Job>[] = [
  { header: 'ID', value: (j) => j.id },
  { header: 'KIND', value: (j) => j.kind },
  { header: 'STATUS', value: (j) => j.status },
  { header: 'PROGRESS', value: (j) => `${j.progress}%` },
  { header: 'TARGET', value: (j) => `${j.target.type} ${j.target.id}` },
  { header: 'CREATED', value: (j) => j.createdAt },
  { header: 'ERROR', value: (j) => j.error?.code },
];

export function jobsCommand(): Command {
  const jobs = new Command('jobs').alias('job').description('host work: list, show, watch, cancel, restart');

  jobs
    .command('list')
    .description('list jobs, newest first')
    .addOption(
      new Option('--status <status>', 'in this status').choices(JOB_STATUSES),
    )
    .option('--kind <kind>', 'of this kind, e.g. start-vm')
    .option('--target <id>', 'on this resource')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .action(
      act(async (context, o: { status?: Job['status']; kind?: string; target?: string; limit: number }) => {
        const items: Job[] = [];
        for await (const job of context.fabric.paginate('/v1/jobs', {
          params: { query: { status: o.status, kind: o.kind, targetId: o.target, limit: Math.min(o.limit, 500) } },
        })) {
          items.push(job);
          if (items.length >= o.limit) break;
        }
        context.out.list(items, JOB_COLUMNS);
      }),
    );

  jobs
    .command('show')
    .description('a job with its steps and the PowerShell of each')
    .argument('<id>', 'job id')
    .action(
      act(async (context, id: string) => {
        const job = await context.fabric.get('/v1/jobs/{id}', { params: { path: { id } } });
        if (context.out.format !== 'table') return context.out.data(job);
        const { steps, ...rest } = job;
        context.out.record(rest);
        context.out.line('');
        context.out.list(steps, [
          { header: 'STEP', value: (s) => s.name },
          { header: 'STATUS', value: (s) => s.status },
          { header: 'POWERSHELL', value: (s) => s.powershell },
        ]);
      }),
    );

  jobs
    .command('watch')
    .description("follow a job's steps live to its end (exit code 1 when it fails)")
    .argument('<id>', 'job id')
    .action(act(async (context, id: string) => context.printJob(await watchJob(context, id))));

  jobs
    .command('cancel')
    .description('cancel a job (succeeds once it is Cancelled)')
    .argument('<id>', 'job id')
    .option('--no-wait', 'answer once the cancellation is accepted')
    .action(
      act(async (context, id: string, o: { wait?: boolean }) => {
        const accepted = await context.fabric.post('/v1/jobs/{id}/cancel', { params: { path: { id } } });
        if (o.wait === false) {
          if (context.out.format === 'table') context.out.line(`cancellation of job ${id} accepted`);
          else context.out.data(accepted);
          return;
        }
        const job = await context.fabric.followJob(id, { allowFailure: true });
        if (context.out.format === 'table')
          context.out.line(`${job.kind} ${job.status}: ${job.target.type} ${job.target.id} (job ${job.id})`);
        else context.out.data(job);
        if (job.status !== 'Cancelled') throw new WorkFailed(`job ${id} ended ${job.status} before the cancellation took effect`);
      }),
    );

  jobOptions(jobs.command('restart').description('restart a failed or cancelled job').argument('<id>', 'job id')).action(
    act(async (context, id: string, o: { wait?: boolean; watch?: boolean }) => {
      await context.runJob('post', '/v1/jobs/{id}/restart', { params: { path: { id } } }, jobFlags(o));
    }),
  );
  return jobs;
}
