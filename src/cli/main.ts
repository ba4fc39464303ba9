#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FabricJobFailed, FabricProblem, FabricUnreachable } from '../client';
import { clustersCommand } from './commands/clusters';
import { eventsCommand } from './commands/events';
import { hostsCommand } from './commands/hosts';
import { jobsCommand } from './commands/jobs';
import { keysCommand } from './commands/keys';
import { replicationCommand } from './commands/replication';
import { upgradesCommand } from './commands/upgrades';
import { vmsCommand } from './commands/vms';
import { ExitCode, UsageError, WorkFailed } from './exit-codes';
import { OUTPUT_FORMATS } from './output';

function version(): string {
  try {
    return (JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(): Command {
  const program = new Command('fabric')
    .description('Operate a Fabric Manager fabric from the shell.')
    .addHelpText(
      'after',
      [
        '',
        'Connection: --url and --api-key, else FABRIC_URL and FABRIC_API_KEY, else a profile of the',
        'profile file (FABRIC_PROFILES, default ~/.config/fabric/profiles.yaml). Hosts, clusters and',
        'VMs may be given by name or id. Every command has --help.',
        '',
        'Exit codes: 0 done; 1 the work failed (a job or an upgrade); 2 bad arguments or configuration;',
        '3 refused by the service (its code and detail are printed); 4 the service cannot be reached.',
      ].join('\n'),
    )
    .version(version())
    .option('--url <url>', 'the service, e.g. http://localhost:3000')
    .option('--api-key <key>', 'the API key')
    .option('--profile <name>', 'a profile of the profile file')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'));
  for (const command of [
    hostsCommand(),
    clustersCommand(),
    vmsCommand(),
    upgradesCommand(),
    replicationCommand(),
    jobsCommand(),
    eventsCommand(),
    keysCommand(),
  ])
    program.addCommand(command);
  configureAll(program);
  return program;
}

/** No command exits the process itself: run() turns every outcome into an exit code. */
function configureAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) configureAll(sub);
}

/** Runs the CLI and answers the exit code; errors are one line on stderr (the service's code and detail for a refusal). */
export async function run(argv: string[], stderr: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message, or the help or version that were asked for.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Ok;
      return ExitCode.Usage;
    }
    if (error instanceof UsageError) {
      stderr(`fabric: ${error.message}\n`);
      return ExitCode.Usage;
    }
    if (error instanceof FabricProblem) {
      stderr(`error: ${error.code} (${error.status}): ${error.detail}\n`);
      for (const item of error.problem.errors ?? []) stderr(`  ${item.path}: ${item.message}\n`);
      return ExitCode.Refused;
    }
    if (error instanceof FabricUnreachable) {
      stderr(`error: ${error.message}\n`);
      return ExitCode.Unreachable;
    }
    if (error instanceof WorkFailed || error instanceof FabricJobFailed) {
      stderr(`failed: ${error.message}\n`);
      return ExitCode.Failed;
    }
    stderr(`fabric: unexpected error: ${(error as Error).stack ?? error}\n`);
    return ExitCode.Internal;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    // Exit once stdout is flushed, without waiting for idle keep-alive connections to time out.
    process.stdout.write('', () => process.exit(code));
  });
}
