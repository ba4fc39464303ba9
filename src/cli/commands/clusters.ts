import { Command } from 'commander';
import type { Cluster } from '../../client';
import { Column } from '../output';
import { act, integer, jobFlags, jobOptions, printHistory, timeTravelOptions, timeTravelQuery } from './common';

const CLUSTER_COLUMNS: Column<Cluster>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'NAME', value: (c) => c.name },
  { header: 'STATUS', value: (c) => c.status },
  { header: 'LEVEL', value: (c) => c.functionalLevel },
  { header: 'MIXED', value: (c) => (c.mixedMode ? 'yes' : 'no') },
  { header: 'NODES', value: (c) => c.nodes.map((n) => `${n.name}:${n.osVersion}:${n.state}`).join(' ') },
  { header: 'VMS', value: (c) => c.capacity?.vmCount },
];

type Flags = { wait?: boolean; watch?: boolean };

export function clustersCommand(): Command {
  const clusters = new Command('clusters')
    .alias('cluster')
    .description('failover clusters: create, grow, drain, evict, functional level');

  clusters
    .command('list')
    .description('list clusters')
    .action(
      act(async (context) => {
        const items: Cluster[] = [];
        for await (const cluster of context.fabric.paginate('/v1/clusters', { params: { query: { limit: 500 } } }))
          items.push(cluster);
        context.out.list(items, CLUSTER_COLUMNS);
      }),
    );

  timeTravelOptions(
    clusters.command('show').description('show a cluster, its nodes and capacity').argument('<cluster>', 'name or id'),
  ).action(
    act(async (context, ref: string, options: { asOf?: string; atPosition?: number }) => {
      const id = await context.clusterId(ref);
      const cluster = await context.fabric.get('/v1/clusters/{id}', {
        params: { path: { id }, query: timeTravelQuery(options) },
      });
      if (context.out.format !== 'table') return context.out.data(cluster);
      const { nodes, ...rest } = cluster;
      context.out.record(rest);
      context.out.line('');
      context.out.list(nodes, [
        { header: 'NODE', value: (n) => n.name },
        { header: 'HOST ID', value: (n) => n.hostId },
        { header: 'OS', value: (n) => n.osVersion },
        { header: 'STATE', value: (n) => n.state },
        { header: 'VMS', value: (n) => n.vmCount },
        { header: 'MEMORY MB', value: (n) => `${n.memoryUsedMb}/${n.memoryMb}` },
      ]);
    }),
  );

  jobOptions(
    clusters
      .command('create')
      .description('create a cluster from Up hosts of one OS')
      .argument('<name>', 'cluster name (NetBIOS style, at most 15 characters)')
      .requiredOption('--node <host...>', 'the nodes (names or ids)'),
  ).action(
    act(async (context, name: string, o: { node: string[] } & Flags) => {
      const nodeIds = await Promise.all(o.node.map((ref) => context.hostId(ref)));
      await context.runJob('post', '/v1/clusters', { body: { name, nodeIds } }, jobFlags(o));
    }),
  );

  jobOptions(
    clusters
      .command('add-node')
      .description('add a host as a node')
      .argument('<cluster>', 'name or id')
      .argument('<host>', 'name or id'),
  ).action(
    act(async (context, clusterRef: string, hostRef: string, o: Flags) => {
      const [id, hostId] = [await context.clusterId(clusterRef), await context.hostId(hostRef)];
      await context.runJob('post', '/v1/clusters/{id}/nodes', { params: { path: { id } }, body: { hostId } }, jobFlags(o));
    }),
  );

  jobOptions(
    clusters
      .command('pause')
      .description('pause a node, draining its VMs to the other nodes')
      .argument('<cluster>', 'name or id')
      .argument('<host>', 'the node (name or id)')
      .option('--no-drain', 'pause without moving the VMs away'),
  ).action(
    act(async (context, clusterRef: string, hostRef: string, o: { drain: boolean } & Flags) => {
      const [id, hostId] = [await context.clusterId(clusterRef), await context.hostId(hostRef)];
      await context.runJob(
        'post',
        '/v1/clusters/{id}/nodes/{hostId}/pause',
        { params: { path: { id, hostId } }, body: { drain: o.drain } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    clusters
      .command('resume')
      .description('resume a paused node')
      .argument('<cluster>', 'name or id')
      .argument('<host>', 'the node (name or id)')
      .option('--failback', 'move the drained VMs back'),
  ).action(
    act(async (context, clusterRef: string, hostRef: string, o: { failback?: boolean } & Flags) => {
      const [id, hostId] = [await context.clusterId(clusterRef), await context.hostId(hostRef)];
      await context.runJob(
        'post',
        '/v1/clusters/{id}/nodes/{hostId}/resume',
        { params: { path: { id, hostId } }, body: { failback: o.failback === true } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    clusters
      .command('evict')
      .description('evict a paused, empty node')
      .argument('<cluster>', 'name or id')
      .argument('<host>', 'the node (name or id)')
      .option('--force', 'evict a Down node'),
  ).action(
    act(async (context, clusterRef: string, hostRef: string, o: { force?: boolean } & Flags) => {
      const [id, hostId] = [await context.clusterId(clusterRef), await context.hostId(hostRef)];
      await context.runJob(
        'delete',
        '/v1/clusters/{id}/nodes/{hostId}',
        { params: { path: { id, hostId }, query: o.force ? { force: true } : {} } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    clusters
      .command('clear-quarantine')
      .description('let a quarantined node rejoin')
      .argument('<cluster>', 'name or id')
      .argument('<host>', 'the node (name or id)'),
  ).action(
    act(async (context, clusterRef: string, hostRef: string, o: Flags) => {
      const [id, hostId] = [await context.clusterId(clusterRef), await context.hostId(hostRef)];
      await context.runJob(
        'post',
        '/v1/clusters/{id}/nodes/{hostId}/clear-quarantine',
        { params: { path: { id, hostId } } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    clusters
      .command('raise-level')
      .description("raise the functional level to the nodes' OS (irreversible)")
      .argument('<cluster>', 'name or id')
      .option('--what-if', 'only say whether it can be raised, and what blocks it'),
  ).action(
    act(async (context, ref: string, o: { whatIf?: boolean } & Flags) => {
      const id = await context.clusterId(ref);
      if (o.whatIf) {
        const verdict = (await context.fabric.post('/v1/clusters/{id}/functional-level', {
          params: { path: { id } },
          body: { whatIf: true },
        })) as { fromLevel: number; toLevel: number; canRaise: boolean; blockers: string[] };
        if (context.out.format !== 'table') return context.out.data(verdict);
        context.out.line(
          `functional level ${verdict.fromLevel} -> ${verdict.toLevel}: ${verdict.canRaise ? 'can be raised' : 'blocked'}`,
        );
        for (const blocker of verdict.blockers) context.out.line(`  blocker: ${blocker}`);
        return;
      }
      await context.runJob(
        'post',
        '/v1/clusters/{id}/functional-level',
        { params: { path: { id } }, body: { whatIf: false } },
        jobFlags(o),
      );
    }),
  );

  clusters
    .command('resiliency')
    .description('set the compute resiliency of a cluster')
    .argument('<cluster>', 'name or id')
    .requiredOption('--level <level>', 'AlwaysIsolate or IsolateOnSpecialHeartbeat')
    .requiredOption('--period <seconds>', 'resiliency period', integer)
    .requiredOption('--quarantine-threshold <n>', 'failures within an hour that quarantine a node', integer)
    .requiredOption('--quarantine-duration <seconds>', 'how long a node stays quarantined', integer)
    .action(
      act(
        async (
          context,
          ref: string,
          o: { level: string; period: number; quarantineThreshold: number; quarantineDuration: number },
        ) => {
          const id = await context.clusterId(ref);
          const answer = await context.fabric.put('/v1/clusters/{id}/resiliency', {
            params: { path: { id } },
            body: {
              resiliencyLevel: o.level,
              resiliencyPeriodSeconds: o.period,
              quarantineThreshold: o.quarantineThreshold,
              quarantineDurationSeconds: o.quarantineDuration,
            } as never,
          });
          context.out.record(answer as object);
        },
      ),
    );

  clusters
    .command('history')
    .description("a cluster's events, with actor and cause")
    .argument('<cluster>', 'name or id')
    .action(act(async (context, ref: string) => printHistory(context, 'clusters', await context.clusterId(ref))));

  return clusters;
}
