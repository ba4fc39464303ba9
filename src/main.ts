import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { openInfrastructure, StartupError } from './platform/infrastructure';
import { createHttpApp } from './platform/http/create-http-app';
import { READ_MODEL_ENTITIES } from './app.module';
import { isUnavailable } from './platform/unavailable';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`${problem}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  // Background work (processors, sweeps, timers) runs again on its own schedule, so a lost or refused
  // PostgreSQL or Redis connection that escapes it must not take the process down; anything else is
  // a defect, and the process stops rather than run on in an unknown state.
  process.on('unhandledRejection', (reason) => {
    if (isUnavailable(reason)) {
      logger.error({ err: reason }, 'background work lost its database or Redis connection; it runs again on its schedule');
      return;
    }
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  let infrastructure;
  try {
    infrastructure = await openInfrastructure(config, logger, READ_MODEL_ENTITIES);
  } catch (error) {
    if (error instanceof StartupError) {
      process.stderr.write(`Start-up error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createHttpApp(infrastructure);
  app.enableShutdownHooks();
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    process.stderr.write(
      `Start-up error: cannot listen on ${config.host}:${config.port} (${(error as Error).message}): set PORT\n`,
    );
    await app.close();
    await infrastructure.close();
    process.exit(1);
  }
  logger.info({ port: config.port, role: config.role }, `Fabric Manager listening on http://localhost:${config.port}`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await infrastructure.close();
    process.exit(0);
  };
  // The embedded PostgreSQL package installs its own signal hooks that stop the database at once;
  // this shutdown stops it too, but only after the processors and workers have finished.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
