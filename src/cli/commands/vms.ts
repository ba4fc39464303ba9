import { Command, InvalidArgumentError, Option } from 'commander';
import type { CheckpointTree, components, Vm } from '../../client';
import { CliContext } from '../context';
import { UsageError, WorkFailed } from '../exit-codes';
import { Column } from '../output';
import {
  CHECKPOINT_TYPES,
  GENERATIONS,
  generationOf,
  GUEST_OS_FAMILIES,
  HEARTBEATS,
  INTEGRATION_SERVICES,
  SECURE_BOOT_TEMPLATES,
  VM_STATES,
} from '../schema-values';
import { watchJobs } from '../watch';
import {
  act,
  integer,
  jobFlags,
  jobOptions,
  oneOf,
  onOff,
  printHistory,
  timeTravelOptions,
  timeTravelQuery,
} from './common';

type Schemas = components['schemas'];
type Flags = { wait?: boolean; watch?: boolean };
type VmFilter = Schemas['VmFilterDto'];


const VM_COLUMNS: Column<Vm>[] = [
  { header: 'ID', value: (v) => v.id },
  { header: 'NAME', value: (v) => v.name },
  { header: 'TENANT', value: (v) => v.tenant },
  { header: 'STATE', value: (v) => v.state },
  { header: 'HOST', value: (v) => v.hostId },
  { header: 'GEN', value: (v) => v.generation },
  { header: 'VERSION', value: (v) => v.configVersion },
  { header: 'HEARTBEAT', value: (v) => v.heartbeat },
];

/** `min:max[:buffer]` in MB and percent. */
function dynamicMemory(value: string): Schemas['DynamicMemoryDto'] {
  const match = /^(\d+):(\d+)(?::(\d+))?$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be <minimumMb>:<maximumMb>[:<bufferPercent>]');
  return { minimumMb: Number(match[1]), maximumMb: Number(match[2]), ...(match[3] ? { bufferPercent: Number(match[3]) } : {}) };
}

/** `name:switch` */
function adapter(value: string, previous: Schemas['NetworkAdapterDto'][] | undefined): Schemas['NetworkAdapterDto'][] {
  const match = /^([^:]+):(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be <name>:<switch>');
  return [...(previous ?? []), { name: match[1], switchName: match[2] }];
}

/** `name:sizeGb` */
function disk(value: string, previous: Array<{ name: string; sizeGb: number }> | undefined) {
  const match = /^([^:]+):(\d+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('must be <name>:<sizeGb>');
  return [...(previous ?? []), { name: match[1], sizeGb: Number(match[2]) }];
}

/** The list filters of `GET /v1/vms`, shared by `vms list` and the bulk actions. */
function filterOptions(command: Command): Command {
  return command
    .option('--host <host>', 'on this host (name or id)')
    .option('--cluster <cluster>', 'in this cluster (name or id)')
    .option('--tenant <tenant>', 'of this tenant')
    .addOption(new Option('--state <state>', 'in this state').choices(VM_STATES))
    .addOption(new Option('--heartbeat <status>', 'reporting this heartbeat').choices(HEARTBEATS))
    .option('--config-version <version>', 'at this configuration version, e.g. 8.0')
    .addOption(new Option('--generation <n>', 'of this generation').choices(GENERATIONS));
}

type FilterFlags = {
  host?: string;
  cluster?: string;
  tenant?: string;
  state?: VmFilter['state'];
  heartbeat?: VmFilter['heartbeat'];
  configVersion?: string;
  generation?: (typeof GENERATIONS)[number];
};

async function filterOf(context: CliContext, o: FilterFlags): Promise<VmFilter> {
  const filter: VmFilter = {};
  if (o.host) filter.hostId = await context.hostId(o.host);
  if (o.cluster) filter.clusterId = await context.clusterId(o.cluster);
  if (o.tenant) filter.tenant = o.tenant;
  if (o.state) filter.state = o.state;
  if (o.heartbeat) filter.heartbeat = o.heartbeat;
  if (o.configVersion) filter.configVersion = o.configVersion;
  if (o.generation) filter.generation = generationOf(o.generation);
  return filter;
}

/** A VM command that takes only the VM and starts a job. */
function simple(
  parent: Command,
  name: string,
  description: string,
  path:
    '/v1/vms/{id}/start' | '/v1/vms/{id}/save' | '/v1/vms/{id}/pause' | '/v1/vms/{id}/resume' | '/v1/vms/{id}/upgrade-version',
) {
  jobOptions(parent.command(name).description(description).argument('<vm>', 'name or id')).action(
    act(async (context, ref: string, o: Flags) => {
      const id = await context.vmId(ref);
      await context.runJob('post', path as '/v1/vms/{id}/start', { params: { path: { id } } }, jobFlags(o));
    }),
  );
}

export function vmsCommand(): Command {
  const vms = new Command('vms').alias('vm').description('virtual machines: lifecycle, configuration, checkpoints, bulk actions');

  filterOptions(vms.command('list').description('list VMs, with the filters of the API')).action(
    act(async (context, o: FilterFlags) => {
      const filter = await filterOf(context, o);
      const items: Vm[] = [];
      for await (const vm of context.fabric.paginate('/v1/vms', { params: { query: { limit: 500, ...filter } } })) items.push(vm);
      context.out.list(items, VM_COLUMNS);
    }),
  );

  timeTravelOptions(vms.command('show').description('show a VM (as it is, or as it was)').argument('<vm>', 'name or id')).action(
    act(async (context, ref: string, options: { asOf?: string; atPosition?: number }) => {
      const id = await context.vmId(ref);
      context.out.record(await context.fabric.get('/v1/vms/{id}', { params: { path: { id }, query: timeTravelQuery(options) } }));
    }),
  );

  jobOptions(
    vms
      .command('create')
      .description('create a VM on a host, or on a cluster node placement picks')
      .argument('<name>', 'VM name')
      .requiredOption('--tenant <tenant>', 'the tenant it belongs to')
      .option('--host <host>', 'on this host (name or id)')
      .option('--cluster <cluster>', 'on a node of this cluster (name or id)')
      .addOption(new Option('--generation <n>', 'VM generation').choices(GENERATIONS).default('2'))
      .option('--config-version <version>', "configuration version (default: the host's)")
      .addOption(new Option('--os <family>', 'guest OS family').choices(GUEST_OS_FAMILIES).default('windows'))
      .option('--os-version <version>', 'guest OS version')
      .option('--memory <MB>', 'static startup memory', integer, 4096)
      .option('--dynamic-memory <min:max[:buffer]>', 'dynamic memory instead (MB, MB, percent)', dynamicMemory)
      .option('--cpus <n>', 'virtual processors', integer, 2)
      .option('--nic <name:switch>', 'a network adapter (repeatable)', adapter)
      .option('--disk <name:sizeGb>', 'a disk (repeatable)', disk)
      .option('--secure-boot <on|off>', 'Secure Boot (Generation 2)', onOff)
      .addOption(new Option('--secure-boot-template <template>', 'Secure Boot template').choices(SECURE_BOOT_TEMPLATES))
      .addOption(new Option('--checkpoint-type <type>', 'checkpoint type').choices(CHECKPOINT_TYPES)),
  ).action(
    act(
      async (
        context,
        name: string,
        o: Flags & {
          tenant: string;
          host?: string;
          cluster?: string;
          generation: (typeof GENERATIONS)[number];
          configVersion?: string;
          os: (typeof GUEST_OS_FAMILIES)[number];
          osVersion?: string;
          memory: number;
          dynamicMemory?: Schemas['DynamicMemoryDto'];
          cpus: number;
          nic?: Schemas['NetworkAdapterDto'][];
          disk?: Array<{ name: string; sizeGb: number }>;
          secureBoot?: boolean;
          secureBootTemplate?: (typeof SECURE_BOOT_TEMPLATES)[number];
          checkpointType?: (typeof CHECKPOINT_TYPES)[number];
        },
      ) => {
        if (!o.host === !o.cluster) throw new UsageError('give exactly one of --host and --cluster');
        const placement = o.host ? { hostId: await context.hostId(o.host) } : { clusterId: await context.clusterId(o.cluster!) };
        const firmware =
          o.secureBoot !== undefined || o.secureBootTemplate
            ? {
                secureBoot: o.secureBoot ?? true,
                secureBootTemplate:
                  o.secureBootTemplate ?? (o.os === 'linux' ? 'MicrosoftUEFICertificateAuthority' : 'MicrosoftWindows'),
              }
            : undefined;
        const body: Schemas['CreateVmDto'] = {
          name,
          tenant: o.tenant,
          ...placement,
          generation: generationOf(o.generation),
          ...(o.configVersion ? { configVersion: o.configVersion } : {}),
          guestOs: { family: o.os, ...(o.osVersion ? { version: o.osVersion } : {}) },
          memory: {
            startupMb: o.dynamicMemory ? o.dynamicMemory.minimumMb : o.memory,
            ...(o.dynamicMemory ? { dynamic: o.dynamicMemory } : {}),
          },
          processorCount: o.cpus,
          ...(o.nic ? { networkAdapters: o.nic } : {}),
          ...(o.disk ? { disks: o.disk } : {}),
          ...(firmware ? { firmware } : {}),
          ...(o.checkpointType ? { checkpointType: o.checkpointType } : {}),
        };
        await context.runJob('post', '/v1/vms', { body }, jobFlags(o));
      },
    ),
  );

  simple(vms, 'start', 'start a VM', '/v1/vms/{id}/start');
  jobOptions(
    vms
      .command('stop')
      .description('stop a VM (guest shutdown, or --turn-off)')
      .argument('<vm>', 'name or id')
      .option('--turn-off', 'turn it off instead of shutting the guest down'),
  ).action(
    act(async (context, ref: string, o: Flags & { turnOff?: boolean }) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'post',
        '/v1/vms/{id}/stop',
        { params: { path: { id } }, body: { mode: o.turnOff ? 'turn-off' : 'shutdown' } },
        jobFlags(o),
      );
    }),
  );
  simple(vms, 'save', 'save a VM (its memory to disk)', '/v1/vms/{id}/save');
  simple(vms, 'pause', 'pause a VM', '/v1/vms/{id}/pause');
  simple(vms, 'resume', 'resume a paused VM', '/v1/vms/{id}/resume');
  simple(vms, 'upgrade-version', 'update the configuration version (Off or Saved)', '/v1/vms/{id}/upgrade-version');

  jobOptions(vms.command('delete').description('remove a VM (Off only)').argument('<vm>', 'name or id')).action(
    act(async (context, ref: string, o: Flags) => {
      const id = await context.vmId(ref);
      await context.runJob('delete', '/v1/vms/{id}', { params: { path: { id } } }, jobFlags(o));
    }),
  );

  jobOptions(
    vms
      .command('migrate')
      .description('move a VM to another host')
      .argument('<vm>', 'name or id')
      .argument('<host>', 'destination (name or id)'),
  ).action(
    act(async (context, ref: string, hostRef: string, o: Flags) => {
      const [id, destinationHostId] = [await context.vmId(ref), await context.hostId(hostRef)];
      await context.runJob(
        'post',
        '/v1/vms/{id}/migrate',
        { params: { path: { id } }, body: { destinationHostId } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    vms
      .command('firmware')
      .description('Secure Boot and its template (Generation 2, Off)')
      .argument('<vm>', 'name or id')
      .requiredOption('--secure-boot <on|off>', 'Secure Boot', onOff)
      .addOption(new Option('--template <template>', 'Secure Boot template').choices(SECURE_BOOT_TEMPLATES).makeOptionMandatory()),
  ).action(
    act(async (context, ref: string, o: Flags & { secureBoot: boolean; template: (typeof SECURE_BOOT_TEMPLATES)[number] }) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'put',
        '/v1/vms/{id}/firmware',
        { params: { path: { id } }, body: { secureBoot: o.secureBoot, secureBootTemplate: o.template } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    vms
      .command('memory')
      .description('static memory (--startup) or dynamic memory (--dynamic)')
      .argument('<vm>', 'name or id')
      .option('--startup <MB>', 'static memory in MB', integer)
      .option('--dynamic <min:max[:buffer]>', 'dynamic memory (MB, MB, percent)', dynamicMemory),
  ).action(
    act(async (context, ref: string, o: Flags & { startup?: number; dynamic?: Schemas['DynamicMemoryDto'] }) => {
      if ((o.startup === undefined) === (o.dynamic === undefined))
        throw new UsageError('give exactly one of --startup and --dynamic');
      const id = await context.vmId(ref);
      const body = o.dynamic ? { dynamic: o.dynamic } : { startupMb: o.startup };
      await context.runJob('put', '/v1/vms/{id}/memory', { params: { path: { id } }, body }, jobFlags(o));
    }),
  );

  jobOptions(
    vms
      .command('processor')
      .description('processor count and compatibility for migration (Off only)')
      .argument('<vm>', 'name or id')
      .option('--count <n>', 'virtual processors', integer)
      .option('--compatibility <on|off>', 'processor compatibility for migration', onOff),
  ).action(
    act(async (context, ref: string, o: Flags & { count?: number; compatibility?: boolean }) => {
      const id = await context.vmId(ref);
      const body = {
        ...(o.count !== undefined ? { processorCount: o.count } : {}),
        ...(o.compatibility !== undefined ? { compatibilityForMigration: o.compatibility } : {}),
      };
      await context.runJob('put', '/v1/vms/{id}/processor', { params: { path: { id } }, body }, jobFlags(o));
    }),
  );

  vms
    .command('checkpoint-type')
    .description('the kind of checkpoint the VM takes')
    .argument('<vm>', 'name or id')
    .argument('<type>', CHECKPOINT_TYPES.join(', '), oneOf(CHECKPOINT_TYPES))
    .action(
      act(async (context, ref: string, checkpointType: (typeof CHECKPOINT_TYPES)[number]) => {
        const id = await context.vmId(ref);
        context.out.record(
          await context.fabric.put('/v1/vms/{id}/checkpoint-type', { params: { path: { id } }, body: { checkpointType } }),
        );
      }),
    );

  const nic = vms.command('nic').description('network adapters: hot add and remove');
  jobOptions(
    nic
      .command('add')
      .description('add a network adapter (Running Generation 2 at 6.2+, or Off)')
      .argument('<vm>', 'name or id')
      .argument('<name>', 'adapter name, shown to the guest')
      .requiredOption('--switch <switch>', 'the virtual switch'),
  ).action(
    act(async (context, ref: string, name: string, o: Flags & { switch: string }) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'post',
        '/v1/vms/{id}/network-adapters',
        { params: { path: { id } }, body: { name, switchName: o.switch } },
        jobFlags(o),
      );
    }),
  );
  jobOptions(
    nic
      .command('remove')
      .description('remove a network adapter')
      .argument('<vm>', 'name or id')
      .argument('<adapter>', 'adapter name or id'),
  ).action(
    act(async (context, ref: string, adapterRef: string, o: Flags) => {
      const id = await context.vmId(ref);
      const vm = await context.fabric.get('/v1/vms/{id}', { params: { path: { id } } });
      const adapters = vm.networkAdapters;
      const found = adapters.find((a) => a.id === adapterRef || a.name.toLowerCase() === adapterRef.toLowerCase());
      if (!found)
        throw new UsageError(
          `VM ${vm.name} has no network adapter ${adapterRef} (it has ${adapters.map((a) => a.name).join(', ') || 'none'})`,
        );
      await context.runJob(
        'delete',
        '/v1/vms/{id}/network-adapters/{adapterId}',
        { params: { path: { id, adapterId: found.id } } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    vms
      .command('disk-add')
      .description('add a disk')
      .argument('<vm>', 'name or id')
      .argument('<name>', 'disk name')
      .requiredOption('--size <GB>', 'size in GB', integer)
      .option('--force', 'also in a mixed-mode cluster'),
  ).action(
    act(async (context, ref: string, name: string, o: Flags & { size: number; force?: boolean }) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'post',
        '/v1/vms/{id}/disks',
        { params: { path: { id } }, body: { name, sizeGb: o.size, force: o.force === true } },
        jobFlags(o),
      );
    }),
  );

  jobOptions(
    vms
      .command('integration-service')
      .description('turn an integration service on or off')
      .argument('<vm>', 'name or id')
      .argument('<service>', INTEGRATION_SERVICES.join(', '), oneOf(INTEGRATION_SERVICES))
      .argument('<on|off>', 'on or off', onOff),
  ).action(
    act(async (context, ref: string, service: string, enabled: boolean, o: Flags) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'put',
        '/v1/vms/{id}/integration-services/{service}',
        { params: { path: { id, service } }, body: { enabled } },
        jobFlags(o),
      );
    }),
  );

  filterOptions(
    vms
      .command('bulk-integration-service')
      .description('turn an integration service on or off on every VM matching the filters, as one command')
      .argument('<service>', INTEGRATION_SERVICES.join(', '), oneOf(INTEGRATION_SERVICES))
      .argument('<on|off>', 'on or off', onOff)
      .option('--no-wait', 'answer once the jobs are accepted')
      .option('--watch', 'show the jobs live while waiting'),
  ).action(
    act(async (context, service: (typeof INTEGRATION_SERVICES)[number], enabled: boolean, o: FilterFlags & Flags) => {
      const filter = await filterOf(context, o);
      const accepted = await context.fabric.post('/v1/vms/integration-services/bulk', { body: { filter, service, enabled } });
      const { summary, jobs, refused } = accepted;
      if (context.out.format === 'table') {
        context.out.line(`${summary.matched} VMs matched, ${summary.accepted} jobs accepted, ${summary.refusedCount} refused`);
        for (const refusal of refused) context.out.line(`  refused ${refusal.vmId}: ${refusal.code}: ${refusal.detail}`);
      }
      if (o.wait === false || jobs.length === 0) {
        if (context.out.format !== 'table') context.out.data(accepted);
        if (refused.length > 0) throw new WorkFailed(`${refused.length} of ${summary.matched} VMs refused`);
        return;
      }
      let ended;
      if (o.watch)
        ended = await watchJobs(
          context,
          jobs.map((j) => ({ jobId: j.jobId, label: j.vmId })),
        );
      else ended = await Promise.all(jobs.map((j) => context.fabric.followJob(j.jobId, { allowFailure: true })));
      const failed = ended.filter((job) => job.status !== 'Succeeded');
      if (context.out.format === 'table') {
        context.out.line(`${ended.length - failed.length} of ${jobs.length} jobs succeeded`);
        for (const job of failed)
          context.out.line(`  ${job.target.id}: ${job.status} ${job.error?.code ?? ''} ${job.error?.detail ?? ''}`.trimEnd());
      } else context.out.data({ ...accepted, jobs: ended });
      if (failed.length > 0 || refused.length > 0)
        throw new WorkFailed(`${failed.length} jobs failed, ${refused.length} VMs refused`);
    }),
  );

  const checkpoint = vms.command('checkpoint').description('checkpoints: create, apply, delete, tree');
  jobOptions(
    checkpoint
      .command('create')
      .description('take a checkpoint')
      .argument('<vm>', 'name or id')
      .option('--name <name>', 'checkpoint name'),
  ).action(
    act(async (context, ref: string, o: Flags & { name?: string }) => {
      const id = await context.vmId(ref);
      await context.runJob(
        'post',
        '/v1/vms/{id}/checkpoints',
        { params: { path: { id } }, body: o.name ? { name: o.name } : {} },
        jobFlags(o),
      );
    }),
  );
  jobOptions(
    checkpoint
      .command('apply')
      .description('apply a checkpoint')
      .argument('<vm>', 'name or id')
      .argument('<checkpoint>', 'checkpoint name or id'),
  ).action(
    act(async (context, ref: string, checkpointRef: string, o: Flags) => {
      const id = await context.vmId(ref);
      const checkpointId = await checkpointIdOf(context, id, checkpointRef);
      await context.runJob(
        'post',
        '/v1/vms/{id}/checkpoints/{checkpointId}/apply',
        { params: { path: { id, checkpointId } } },
        jobFlags(o),
      );
    }),
  );
  jobOptions(
    checkpoint
      .command('delete')
      .description('delete a checkpoint (merged into its parent)')
      .argument('<vm>', 'name or id')
      .argument('<checkpoint>', 'checkpoint name or id')
      .option('--subtree', 'also every checkpoint below it'),
  ).action(
    act(async (context, ref: string, checkpointRef: string, o: Flags & { subtree?: boolean }) => {
      const id = await context.vmId(ref);
      const checkpointId = await checkpointIdOf(context, id, checkpointRef);
      await context.runJob(
        'delete',
        '/v1/vms/{id}/checkpoints/{checkpointId}',
        { params: { path: { id, checkpointId }, query: o.subtree ? { subtree: true } : {} } },
        jobFlags(o),
      );
    }),
  );
  checkpoint
    .command('tree')
    .description("the VM's checkpoints as a tree")
    .argument('<vm>', 'name or id')
    .action(
      act(async (context, ref: string) => {
        const id = await context.vmId(ref);
        const tree = await context.fabric.get('/v1/vms/{id}/checkpoints', { params: { path: { id } } });
        if (context.out.format !== 'table') return context.out.data(tree);
        if (tree.checkpoints.length === 0) return context.out.line('(no checkpoints)');
        const lines: string[] = [];
        const draw = (nodes: CheckpointTree['checkpoints'], depth: number) => {
          for (const node of nodes) {
            lines.push(
              `${'  '.repeat(depth)}${node.name}  [${node.kind}${node.includesState ? ', with state' : ''}]${node.isCurrent ? '  <- current' : ''}  ${node.id}`,
            );
            draw(node.children, depth + 1);
          }
        };
        draw(tree.checkpoints, 0);
        context.out.line(lines.join('\n'));
      }),
    );

  vms
    .command('history')
    .description("a VM's events, with actor and cause")
    .argument('<vm>', 'name or id')
    .action(act(async (context, ref: string) => printHistory(context, 'vms', await context.vmId(ref))));

  return vms;
}

async function checkpointIdOf(context: CliContext, vmId: string, ref: string): Promise<string> {
  const tree = await context.fabric.get('/v1/vms/{id}/checkpoints', { params: { path: { id: vmId } } });
  const all: Array<{ id: string; name: string }> = [];
  const walk = (nodes: CheckpointTree['checkpoints']) => nodes.forEach((n) => (all.push(n), walk(n.children)));
  walk(tree.checkpoints);
  const found = all.filter((c) => c.id === ref || c.name === ref);
  if (found.length === 1) return found[0].id;
  throw new UsageError(
    found.length === 0 ? `the VM has no checkpoint ${ref}` : `${found.length} checkpoints are named ${ref}: use an id`,
  );
}
