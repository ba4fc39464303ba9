import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { expect } from 'expect';
import { Pool } from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { RecordedEvent } from '../../event-store/event-store.port';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-environment';
import { GenericCommandHandler } from '../../platform/command-handler';
import { loadConfig } from '../../platform/config';
import { createDataSource, createPool, DatabaseSettings, migrate } from '../../platform/database';
import { Metrics } from '../../platform/metrics';
import { SystemCommands } from '../../platform/system-commands';
import { JobRoute, JobRoutes, RoutedCommand } from '../job-routes';
import { jobStreamId } from '../domain/job.events';
import { jobOutcomeRouter, routeJobOutcome } from './job-outcome-router';

/*
 * A job's outcome reaches its target once: the worker brings it there at once, and the outcome
 * router, woken by the same append, leaves to the worker what the worker is bringing already.
 */

// A target that records each job outcome it is told of, once per job.
type Settle = { type: 'Settle'; jobId: string };
type Settled = { type: 'ThingSettled'; data: { jobId: string } };
const thing = {
  initialState: [] as string[],
  evolve: (settled: string[], event: Settled) => [...settled, event.data.jobId],
  decide: (command: Settle, settled: string[]): Settled[] =>
    settled.includes(command.jobId) ? [] : [{ type: 'ThingSettled', data: { jobId: command.jobId } }],
};

/** The route of `thing` targets; counts the outcomes it was asked to turn into commands. */
class ThingRoute implements JobRoute {
  asked = 0;
  /** The first outcome fails like a lost connection would. */
  failFirst = false;

  succeeded(targetId: string, outcome: { jobId: string }): RoutedCommand {
    this.asked++;
    if (this.failFirst && this.asked === 1) throw new Error('connection lost');
    return { decider: thing, streamId: `thing-${targetId}`, command: { type: 'Settle', jobId: outcome.jobId } };
  }
  failed(targetId: string, outcome: { jobId: string }): RoutedCommand {
    return this.succeeded(targetId, outcome);
  }
  settled(): Promise<boolean> {
    return Promise.resolve(false);
  }
  retry(): Promise<RoutedCommand> {
    return Promise.reject(new Error('not used'));
  }
}

describe('job outcomes brought to their targets', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let commands: SystemCommands;
  const logger = pino({ level: 'silent' });

  before(async () => {
    database = await createTestDatabase('job_outcome_router');
    const settings: DatabaseSettings = { url: database.url, poolSize: 5, statementTimeoutMs: 10000, idleInTransactionTimeoutMs: 10000 };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    pool = createPool(settings, () => undefined);
    store = new PostgresEventStore({ pool });
    commands = new SystemCommands(new GenericCommandHandler(store, loadConfig({}), new Metrics()));
  });
  after(async () => {
    await store?.close();
    await pool?.end();
    await dataSource?.destroy();
    await database?.drop();
  });

  /** A job's JobSucceeded for a `thing`, as stored. */
  async function succeededJob(thingId: string): Promise<{ jobId: string; recorded: RecordedEvent }> {
    const jobId = randomUUID();
    const data = { jobId, kind: 'thing-work', target: { type: 'thing', id: thingId }, attempt: 1, at: new Date().toISOString(), result: {} };
    const metadata = { actor: 'test', role: 'system', correlationId: jobId, causationId: null, requestId: null, idempotencyKey: null };
    await store.append(jobStreamId(jobId), [{ eventId: randomUUID(), type: 'JobSucceeded', schemaVersion: 1, data, metadata }], 'any');
    const [recorded] = await store.readStream(jobStreamId(jobId));
    return { jobId, recorded };
  }

  function routesWith(route: ThingRoute): JobRoutes {
    const routes = new JobRoutes();
    routes.register('thing', route);
    return routes;
  }

  it('the router meeting an outcome the worker is still bringing to its target waits for it instead of sending it again', async () => {
    const route = new ThingRoute();
    const routes = routesWith(route);
    const thingId = randomUUID();
    const { jobId, recorded } = await succeededJob(thingId);

    // As in the service: the append wakes the router while the worker's command is under way.
    await Promise.all([
      routeJobOutcome(recorded, commands, routes, logger),
      jobOutcomeRouter(commands, routes, logger).handle([recorded], undefined as never),
    ]);

    expect(route.asked).toBe(1);
    expect((await store.readStream(`thing-${thingId}`)).map((e) => e.data)).toEqual([{ jobId }]);
  });

  it('the router brings the outcome itself when the worker could not', async () => {
    const route = new ThingRoute();
    route.failFirst = true;
    const routes = routesWith(route);
    const thingId = randomUUID();
    const { jobId, recorded } = await succeededJob(thingId);

    const [byWorker] = await Promise.allSettled([
      routeJobOutcome(recorded, commands, routes, logger),
      jobOutcomeRouter(commands, routes, logger).handle([recorded], undefined as never),
    ]);

    expect(byWorker.status).toBe('rejected');
    expect(route.asked).toBe(2);
    expect((await store.readStream(`thing-${thingId}`)).map((e) => e.data)).toEqual([{ jobId }]);
  });

  it('the router leaves alone an outcome the worker has brought already, and brings one the worker never met', async () => {
    const route = new ThingRoute();
    const routes = routesWith(route);
    const [first, second] = [randomUUID(), randomUUID()];
    const routedByWorker = await succeededJob(first);
    const unseen = await succeededJob(second);

    await routeJobOutcome(routedByWorker.recorded, commands, routes, logger);
    await jobOutcomeRouter(commands, routes, logger).handle([routedByWorker.recorded, unseen.recorded], undefined as never);

    expect(route.asked).toBe(2);
    expect((await store.readStream(`thing-${first}`)).map((e) => e.data)).toEqual([{ jobId: routedByWorker.jobId }]);
    expect((await store.readStream(`thing-${second}`)).map((e) => e.data)).toEqual([{ jobId: unseen.jobId }]);
  });
});
