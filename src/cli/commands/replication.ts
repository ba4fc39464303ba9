import { Command, Option } from 'commander';
import { UsageError } from '../exit-codes';
import { REPLICATION_FREQUENCIES } from '../schema-values';
import { act, integer, jobFlags, jobOptions, repeatable } from './common';

type Flags = { wait?: boolean; watch?: boolean };

const OPERATIONS = [
  ['suspend', '/v1/vms/{id}/replication/suspend', 'suspend replication'],
  ['resume', '/v1/vms/{id}/replication/resume', 'resume suspended replication'],
  ['resynchronize', '/v1/vms/{id}/replication/resynchronize', 'resynchronize broken replication'],
  ['planned-failover', '/v1/vms/{id}/replication/planned-failover', 'planned failover (the primary must be Off)'],
  ['commit', '/v1/vms/{id}/replication/commit', 'commit a failover (the other recovery points are discarded)'],
  ['stop-test-failover', '/v1/vms/{id}/replication/stop-test-failover', 'remove the test failover VM'],
  ['reverse', '/v1/vms/{id}/replication/reverse', 'reverse the direction after a failover'],
] as const;

export function replicationCommand(): Command {
  const replication = new Command('replication').description('Hyper-V Replica: enable, status, failovers');

  jobOptions(
    replication
      .command('enable')
      .description('replicate a VM to a replica host or cluster')
      .argument('<vm>', 'name or id')
      .option('--replica <host>', 'the replica host (name or id)')
      .option('--replica-cluster <cluster>', 'a replica cluster (placement picks the node)')
      .addOption(new Option('--frequency <seconds>', 'replication frequency').choices(REPLICATION_FREQUENCIES).default('300'))
      .option('--recovery-points <n>', 'additional hourly recovery points (0-24)', integer)
      .option('--application-consistent', 'application-consistent recovery points')
      .option('--disk <diskId>', 'replicate only these disks (repeatable)', repeatable),
  ).action(
    act(
      async (
        context,
        ref: string,
        o: Flags & {
          replica?: string;
          replicaCluster?: string;
          frequency: string;
          recoveryPoints?: number;
          applicationConsistent?: boolean;
          disk?: string[];
        },
      ) => {
        if (!o.replica === !o.replicaCluster) throw new UsageError('give exactly one of --replica and --replica-cluster');
        const id = await context.vmId(ref);
        const body = {
          ...(o.replica
            ? { replicaHostId: await context.hostId(o.replica) }
            : { replicaClusterId: await context.clusterId(o.replicaCluster!) }),
          frequencySeconds: Number(o.frequency) as 30 | 300 | 900,
          ...(o.recoveryPoints !== undefined ? { recoveryPoints: o.recoveryPoints } : {}),
          ...(o.applicationConsistent ? { applicationConsistent: true } : {}),
          ...(o.disk ? { includeDiskIds: o.disk } : {}),
        };
        await context.runJob('post', '/v1/vms/{id}/replication', { params: { path: { id } }, body }, jobFlags(o));
      },
    ),
  );

  replication
    .command('status')
    .description('state, health, last cycle, recovery points')
    .argument('<vm>', 'name or id')
    .action(
      act(async (context, ref: string) => {
        const id = await context.vmId(ref);
        context.out.record(await context.fabric.get('/v1/vms/{id}/replication', { params: { path: { id } } }));
      }),
    );

  for (const [name, path, description] of OPERATIONS) {
    jobOptions(replication.command(name).description(description).argument('<vm>', 'name or id')).action(
      act(async (context, ref: string, o: Flags) => {
        const id = await context.vmId(ref);
        await context.runJob('post', path, { params: { path: { id } } }, jobFlags(o));
      }),
    );
  }

  for (const [name, path, description] of [
    ['failover', '/v1/vms/{id}/replication/failover', 'unplanned failover on the replica (latest recovery point by default)'],
    ['test-failover', '/v1/vms/{id}/replication/test-failover', 'start a test VM on the replica while replication goes on'],
  ] as const) {
    jobOptions(
      replication
        .command(name)
        .description(description)
        .argument('<vm>', 'name or id')
        .option('--recovery-point <id>', 'from this recovery point'),
    ).action(
      act(async (context, ref: string, o: Flags & { recoveryPoint?: string }) => {
        const id = await context.vmId(ref);
        await context.runJob(
          'post',
          path,
          { params: { path: { id } }, body: o.recoveryPoint ? { recoveryPointId: o.recoveryPoint } : {} },
          jobFlags(o),
        );
      }),
    );
  }

  jobOptions(
    replication
      .command('disks')
      .description('the disks to replicate')
      .argument('<vm>', 'name or id')
      .requiredOption('--disk <diskId>', 'a disk (repeatable)', repeatable),
  ).action(
    act(async (context, ref: string, o: Flags & { disk: string[] }) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'put',
        '/v1/vms/{id}/replication/disks',
        { params: { path: { id } }, body: { includeDiskIds: o.disk } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(replication.command('remove').description('remove replication').argument('<vm>', 'name or id')).action(
    act(async (context, ref: string, o: Flags) => {
      const id = await context.vmId(ref);
      await context.runJob('delete', '/v1/vms/{id}/replication', { params: { path: { id } } }, jobFlags(o));
    }),
  );

  return replication;
}
