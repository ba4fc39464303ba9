import { Command, Option } from 'commander';
import type { Host } from '../../client';
import { Column } from '../output';
import { CPU_VENDORS, OS_VERSIONS } from '../schema-values';
import {
  act,
  integer,
  jobFlags,
  jobOptions,
  osVersion,
  printHistory,
  timeTravelOptions,
  timeTravelQuery,
} from './common';

export const HOST_COLUMNS: Column<Host>[] = [
  { header: 'ID', value: (h) => h.id },
  { header: 'NAME', value: (h) => h.name },
  { header: 'OS', value: (h) => h.osVersion },
  { header: 'STATE', value: (h) => h.state },
  { header: 'CLUSTER', value: (h) => h.clusterId },
  { header: 'MEMORY MB', value: (h) => `${h.memoryUsedMb}/${h.memoryMb}` },
];

export function hostsCommand(): Command {
  const hosts = new Command('hosts').alias('host').description('Hyper-V hosts: register, list, reinstall');

  hosts
    .command('list')
    .description('list hosts')
    .addOption(new Option('--os <version>', 'only hosts on this OS').choices(OS_VERSIONS))
    .option('--cluster <cluster>', 'only nodes of this cluster (name or id)')
    .action(
      act(async (context, options: { os?: (typeof OS_VERSIONS)[number]; cluster?: string }) => {
        const clusterId = options.cluster ? await context.clusterId(options.cluster) : undefined;
        const items: Host[] = [];
        for await (const host of context.fabric.paginate('/v1/hosts', {
          params: { query: { limit: 500, osVersion: options.os, clusterId } },
        }))
          items.push(host);
        context.out.list(items, HOST_COLUMNS);
      }),
    );

  timeTravelOptions(hosts.command('show').description('show a host').argument('<host>', 'name or id')).action(
    act(async (context, ref: string, options: { asOf?: string; atPosition?: number }) => {
      const id = await context.hostId(ref);
      context.out.record(
        await context.fabric.get('/v1/hosts/{id}', { params: { path: { id }, query: timeTravelQuery(options) } }),
      );
    }),
  );

  hosts
    .command('register')
    .description('register a host with the fabric')
    .argument('<name>', 'host name, 1-63 characters')
    .requiredOption('--address <address>', 'management address (DNS name or IP)')
    .requiredOption('--os <version>', `its OS: ${OS_VERSIONS.join(', ')}`, osVersion)
    .option('--no-slat', 'the host has no Second Level Address Translation')
    .addOption(new Option('--cpu <vendor>', 'processor vendor').choices(CPU_VENDORS).default('Intel'))
    .requiredOption('--processors <n>', 'logical processors', integer)
    .requiredOption('--memory <MB>', 'memory in MB', integer)
    .option('--max-migrations <n>', 'simultaneous live migrations (default 2)', integer)
    .action(
      act(
        async (
          context,
          name: string,
          o: {
            address: string;
            os: (typeof OS_VERSIONS)[number];
            slat: boolean;
            cpu: 'Intel' | 'AMD';
            processors: number;
            memory: number;
            maxMigrations?: number;
          },
        ) => {
          const host = await context.fabric.post('/v1/hosts', {
            body: {
              name,
              address: o.address,
              osVersion: o.os,
              slat: o.slat,
              cpuVendor: o.cpu,
              logicalProcessors: o.processors,
              memoryMb: o.memory,
              ...(o.maxMigrations !== undefined ? { maximumLiveMigrations: o.maxMigrations } : {}),
            },
          });
          if (context.out.format === 'table') context.out.line(`registered host ${host.name} ${host.id}`);
          else context.out.data(host);
        },
      ),
    );

  jobOptions(
    hosts
      .command('reinstall')
      .description('clean-install another OS on a host')
      .argument('<host>', 'name or id')
      .requiredOption('--os <version>', 'the OS to install', osVersion),
  ).action(
    act(async (context, ref: string, o: { os: (typeof OS_VERSIONS)[number]; wait?: boolean; watch?: boolean }) => {
      const id = await context.hostId(ref);
      await context.runJob(
        'post',
        '/v1/hosts/{id}/reinstall',
        { params: { path: { id } }, body: { osVersion: o.os } },
        jobFlags(o),
      );
    }),
  );

  hosts
    .command('history')
    .description("a host's events, with actor and cause")
    .argument('<host>', 'name or id')
    .action(act(async (context, ref: string) => printHistory(context, 'hosts', await context.hostId(ref))));

  return hosts;
}
