import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule, READ_MODEL_ENTITIES } from '../app.module';
import { CommandLine, parseCommandLine, refuseUsage, UsageError } from '../platform/command-line';
import { ConfigError, loadConfig } from '../platform/config';
import { openInfrastructure, StartupError } from '../platform/infrastructure';
import { createLogger } from '../platform/logger';
import { ProcessorRegistry } from './processor-registry';
import { rebuildProcessor } from './processor-rebuild';

const USAGE = `Usage: npm run projections:rebuild -- <projection|all>

Replays a projection (or every one) from the first event. Safe while the service runs: the running
service then does the replay and this command follows its progress.

  -h, --help   show this usage`;

/**
 * `npm run projections:rebuild -- <name|all>`: replays projections from zero. Safe while the
 * service runs: the running service then does the replay and this command follows its progress.
 */
async function main(): Promise<number> {
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(process.argv.slice(2), {}, { positionals: 1 });
  } catch (error) {
    if (error instanceof UsageError) return refuseUsage('projections:rebuild', error);
    throw error;
  }
  if (commandLine.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const target = commandLine.positionals[0];
  const config = loadConfig();
  const logger = createLogger({ logLevel: 'warn' });
  const infrastructure = await openInfrastructure(config, logger, READ_MODEL_ENTITIES, { requireRedis: false });
  try {
    const context = await NestFactory.createApplicationContext(AppModule.register(infrastructure, { runProcessors: false }), {
      logger: false,
    });
    const registry = context.get(ProcessorRegistry);
    const rebuildable = registry.all().filter((p) => p.reset);
    const names = rebuildable.map((p) => p.name);
    if (!target) {
      process.stderr.write(`Usage: npm run projections:rebuild -- <${[...names, 'all'].join('|')}>\n`);
      return 2;
    }
    const selected = target === 'all' ? rebuildable : rebuildable.filter((p) => p.name === target);
    if (selected.length === 0) {
      const known = registry.find(target);
      process.stderr.write(
        known
          ? `${target} has effects outside its tables and is never replayed\n`
          : `No projection named ${target}; known: ${names.join(', ')}\n`,
      );
      return 2;
    }
    for (const processor of selected) {
      const result = await rebuildProcessor(
        processor,
        infrastructure.dataSource,
        infrastructure.eventStore,
        infrastructure.connectClient,
        {
          batchSize: 2000,
          onProgress: (p) =>
            process.stdout.write(`${p.processor}: ${p.eventsRead} events, position ${p.globalPosition}/${p.headPosition}\n`),
        },
      );
      const seconds = result.elapsedMs / 1000;
      process.stdout.write(
        `${result.processor}: rebuilt by ${result.replayedBy} up to position ${result.headPosition} ` +
          `(${result.eventsRead} events in ${seconds.toFixed(1)} s)\n`,
      );
    }
    await context.close();
    return 0;
  } finally {
    await infrastructure.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.problems.join('\n')}\n`);
    else if (error instanceof StartupError) process.stderr.write(`Start-up error: ${error.message}\n`);
    else process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
