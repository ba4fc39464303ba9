import { Command, Option } from 'commander';
import type { RollingUpgrade, UpgradePlan } from '../../client';
import { CliContext } from '../context';
import { WorkFailed } from '../exit-codes';
import { Column } from '../output';
import { watchUpgrade } from '../watch';
import { OS_VERSIONS, UPGRADE_STATES } from '../schema-values';
import { act, integer, osVersion, OsVersion, printHistory } from './common';

const UPGRADE_COLUMNS: Column<RollingUpgrade>[] = [
  { header: 'ID', value: (u) => u.id },
  { header: 'CLUSTER', value: (u) => u.clusterId },
  { header: 'TARGET', value: (u) => u.targetOsVersion },
  { header: 'STATE', value: (u) => u.state },
  {
    header: 'NODES DONE',
    value: (u) => `${u.nodes.filter((n) => n.state === 'Completed' || n.state === 'Skipped').length}/${u.nodes.length}`,
  },
  { header: 'STEP', value: (u) => u.currentStep },
  { header: 'VMS MOVED', value: (u) => u.vmsMoved },
];

type StartFlags = { to: OsVersion; raiseLevel?: boolean; order?: string[]; stepTimeout?: number };

function startOptions(command: Command): Command {
  return command
    .argument('<cluster>', 'name or id')
    .requiredOption('--to <version>', `the OS to upgrade to: ${OS_VERSIONS.join(', ')}`, osVersion)
    .option('--raise-level', 'raise the functional level after the last node (irreversible)')
    .option('--order <hosts...>', 'node order (names or ids); unlisted nodes follow')
    .addOption(new Option('--step-timeout <seconds>', 'a step that takes longer pauses the upgrade').argParser(integer));
}

async function startBody(context: CliContext, o: StartFlags, dryRun: boolean) {
  const nodeOrder = o.order ? await Promise.all(o.order.map((ref) => context.hostId(ref))) : undefined;
  return {
    targetOsVersion: o.to,
    dryRun,
    raiseFunctionalLevel: o.raiseLevel === true,
    ...(nodeOrder ? { nodeOrder } : {}),
    ...(o.stepTimeout !== undefined ? { stepTimeoutSeconds: o.stepTimeout } : {}),
  };
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function printPlan(context: CliContext, plan: UpgradePlan): void {
  if (context.out.format !== 'table') return context.out.data(plan);
  const level = plan.functionalLevel;
  context.out.line(`Rolling upgrade of ${plan.clusterName} to ${plan.targetOsVersion}`);
  context.out.line(
    `functional level ${level.current}${level.raise ? ` -> ${level.afterUpgrade} after the last node` : ` (stays; ${level.afterUpgrade} possible with --raise-level)`}`,
  );
  context.out.line('');
  context.out.list(
    plan.nodes.map((node, index) => ({ ...node, order: index + 1 })),
    [
      { header: '#', value: (n) => n.order },
      { header: 'NODE', value: (n) => n.name },
      { header: 'FROM', value: (n) => n.fromOsVersion },
      { header: 'STATE', value: (n) => n.state },
      { header: 'ACTION', value: (n) => n.action },
      { header: 'RUNNING VMS', value: (n) => n.runningVms },
      {
        header: 'VM MOVES',
        value: (n) => n.moves.map((m) => `${m.vmName}->${m.toHostName} (${m.migrationType})`).join(', ') || '-',
      },
      { header: 'ESTIMATE', value: (n) => duration(n.estimatedDurationMs) },
    ],
  );
  context.out.line('');
  context.out.line(`capacity: ${plan.capacity.ok ? 'ok' : 'NOT ENOUGH'}: ${plan.capacity.detail}`);
  context.out.line(
    `estimated duration: ${duration(plan.estimatedRealWorldMs)} (${duration(plan.estimatedDurationMs)} at the simulator's time scale)`,
  );
  if (plan.blockers.length === 0) context.out.line('blockers: none');
  else {
    context.out.line('blockers:');
    for (const blocker of plan.blockers) context.out.line(`  - ${blocker}`);
  }
}

/** Watches to the end; a failed, cancelled, or failure-paused upgrade fails the command. */
async function watchToEnd(context: CliContext, id: string, minPosition?: number): Promise<void> {
  const upgrade = await watchUpgrade(context, id, minPosition);
  if (context.out.format === 'table') {
    context.out.line(
      `rolling upgrade ${upgrade.id} ${upgrade.state}: ${upgrade.vmsMoved} VM moves${upgrade.functionalLevelRaised ? ', functional level raised' : ''}`,
    );
  } else context.out.data(upgrade);
  if (upgrade.state === 'Completed') return;
  const failure = upgrade.failure;
  throw new WorkFailed(
    failure
      ? `${failure.code}: ${failure.reason} (retry-step, skip-node or cancel)`
      : `the upgrade ended ${upgrade.state}`,
  );
}

export function upgradesCommand(): Command {
  const upgrades = new Command('upgrades')
    .aliases(['upgrade', 'rolling-upgrades'])
    .description('rolling cluster OS upgrades: plan, run, watch, steer');

  startOptions(upgrades.command('plan').description('the plan, blockers and estimate of an upgrade; changes nothing')).action(
    act(async (context, ref: string, o: StartFlags) => {
      const id = await context.clusterId(ref);
      const plan = await context.fabric.post('/v1/clusters/{id}/rolling-upgrades', {
        params: { path: { id } },
        body: await startBody(context, o, true),
      });
      if (!('blockers' in plan)) throw new Error(`a dry run answered ${JSON.stringify(plan)} instead of a plan`);
      printPlan(context, plan);
      if (plan.blockers.length > 0) throw new WorkFailed(`${plan.blockers.length} blockers`);
    }),
  );

  startOptions(upgrades.command('start').description('start an upgrade').option('--watch', 'watch it to the end')).action(
    act(async (context, ref: string, o: StartFlags & { watch?: boolean }) => {
      const clusterId = await context.clusterId(ref);
      const accepted = (await context.fabric.post('/v1/clusters/{id}/rolling-upgrades', {
        params: { path: { id: clusterId } },
        body: await startBody(context, o, false),
      })) as { id: string; state: string; position: number };
      if (context.out.format === 'table') context.out.line(`rolling upgrade ${accepted.id} ${accepted.state}`);
      else if (!o.watch) context.out.data(accepted);
      if (o.watch) await watchToEnd(context, accepted.id, accepted.position);
    }),
  );

  upgrades
    .command('list')
    .description('list rolling upgrades')
    .option('--cluster <cluster>', 'of this cluster (name or id)')
    .addOption(new Option('--state <state>', 'in this state').choices(UPGRADE_STATES))
    .action(
      act(async (context, o: { cluster?: string; state?: RollingUpgrade['state'] }) => {
        const clusterId = o.cluster ? await context.clusterId(o.cluster) : undefined;
        const items: RollingUpgrade[] = [];
        for await (const u of context.fabric.paginate('/v1/rolling-upgrades', {
          params: { query: { limit: 500, clusterId, state: o.state } },
        }))
          items.push(u);
        context.out.list(items, UPGRADE_COLUMNS);
      }),
    );

  upgrades
    .command('show')
    .description('an upgrade: state, current node and step, each node with its steps')
    .argument('<id>', 'upgrade id')
    .action(
      act(async (context, id: string) => {
        const upgrade = await context.fabric.get('/v1/rolling-upgrades/{id}', { params: { path: { id } } });
        if (context.out.format !== 'table') return context.out.data(upgrade);
        const { nodes, clusterSteps, ...rest } = upgrade;
        context.out.record(rest);
        context.out.line('');
        context.out.list(nodes, [
          { header: 'NODE', value: (n) => n.name },
          { header: 'FROM', value: (n) => n.fromOsVersion },
          { header: 'STATE', value: (n) => n.state },
          {
            header: 'STEPS',
            value: (n) => n.steps.map((s) => `${s.step}:${s.status}${s.attempt > 1 ? `#${s.attempt}` : ''}`).join(' '),
          },
          { header: 'VMS MOVED', value: (n) => n.vmsMoved.length },
          { header: 'DURATION', value: (n) => (n.durationMs === null ? null : duration(n.durationMs)) },
        ]);
        if (clusterSteps.length > 0)
          context.out.line(`cluster steps: ${clusterSteps.map((s) => `${s.step}:${s.status}`).join(' ')}`);
      }),
    );

  upgrades
    .command('watch')
    .description('follow an upgrade live to its end (exit code 1 when it fails)')
    .argument('<id>', 'upgrade id')
    .action(act(async (context, id: string) => watchToEnd(context, id)));

  for (const [name, path, description] of [
    ['pause', '/v1/rolling-upgrades/{id}/pause', 'pause after the step in progress'],
    ['resume', '/v1/rolling-upgrades/{id}/resume', 'resume a paused upgrade'],
    ['cancel', '/v1/rolling-upgrades/{id}/cancel', 'cancel after the step in progress (the cluster stays valid)'],
    ['retry', '/v1/rolling-upgrades/{id}/retry-step', 'retry the failed step'],
    ['skip', '/v1/rolling-upgrades/{id}/skip-node', 'skip the current node'],
  ] as const) {
    upgrades
      .command(name)
      .description(description)
      .argument('<id>', 'upgrade id')
      .option('--watch', 'then watch it to the end')
      .action(
        act(async (context, id: string, o: { watch?: boolean }) => {
          const answer = await context.fabric.post(path, { params: { path: { id } } });
          if (context.out.format === 'table') context.out.line(`rolling upgrade ${id}: ${name} accepted`);
          else if (!o.watch) context.out.data(answer);
          if (o.watch) await watchToEnd(context, id, (answer as { position?: number }).position);
        }),
      );
  }

  upgrades
    .command('history')
    .description("an upgrade's events")
    .argument('<id>', 'upgrade id')
    .action(act(async (context, id: string) => printHistory(context, 'rolling-upgrades', id)));

  return upgrades;
}
