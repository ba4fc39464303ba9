import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { WrongExpectedVersionError } from '../event-store/event-store.port';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { CommandContext, DecideCommand, GenericCommandHandler } from './command-handler';
import { loadConfig } from './config';
import { createDataSource, createPool, DatabaseSettings, migrate } from './database';
import { Decider, DomainEvent } from './domain/decider';
import { DomainError } from './domain/domain-error';
import { Metrics } from './metrics';

// A tiny aggregate: a counter that refuses to go past a limit.
type Incremented = DomainEvent<'Incremented', { by: number }>;
type Increment = { type: 'Increment'; by: number; limit: number };
const counter: Decider<Increment, Incremented, number> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > command.limit) throw new DomainError('LIMIT_REACHED', 'too far');
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
};

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: randomUUID(),
  actor: 'tester',
  role: 'admin',
  correlationId: randomUUID(),
  causationId: null,
  requestId: null,
  idempotencyKey: null,
  ...overrides,
});

describe('generic command handler', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let handler: GenericCommandHandler;

  before(async () => {
    database = await createTestDatabase('commands');
    const settings: DatabaseSettings = {
      url: database.url,
      poolSize: 20,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    };
    dataSource = createDataSource(settings, []);
    await dataSource.initialize();
    await migrate(dataSource, settings);
    pool = createPool(settings, () => undefined);
    store = new PostgresEventStore({ pool });
    handler = new GenericCommandHandler(store, loadConfig({ COMMAND_RETRIES: '20' }), new Metrics());
  });
  after(async () => {
    await store?.close();
    await pool?.end();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('resolves version races itself when the client sent no If-Match', async () => {
    const stream = `counter-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 100 }, context())),
      ),
    );
    expect(outcomes.map((o) => o.streamVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const events = await store.readStream(stream);
    expect(events.reduce((sum, e) => sum + (e.data.by as number), 0)).toBe(20);
  });

  it('decides again on the fresh state after a race, so rules hold under concurrency', async () => {
    const stream = `counter-${randomUUID()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 3 }, context())),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => (r.reason as DomainError).code === 'LIMIT_REACHED')).toBe(true);
  });

  it('refuses a stale If-Match without retrying', async () => {
    const stream = `counter-${randomUUID()}`;
    await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 10 }, context()));
    await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 10 }, context()));
    const stale = handler.execute(
      new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 10 }, context({ expectedVersion: 1 })),
    );
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const fresh = await handler.execute(
      new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 10 }, context({ expectedVersion: 2 })),
    );
    expect(fresh.streamVersion).toBe(3);
  });

  it('recognises a re-sent command by its id and writes nothing twice', async () => {
    const stream = `counter-${randomUUID()}`;
    const ctx = context();
    const first = await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 5, limit: 10 }, ctx));
    const again = await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 5, limit: 10 }, ctx));
    expect(first.alreadyHandled).toBe(false);
    expect(again.alreadyHandled).toBe(true);
    expect(again.position).toBe(first.position);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('records who sent the command on every event', async () => {
    const stream = `counter-${randomUUID()}`;
    const ctx = context({ actor: 'alice', role: 'fabric-admin', requestId: 'req-1', idempotencyKey: 'key-1' });
    await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 10 }, ctx));
    const [event] = await store.readStream(stream);
    expect(event.metadata).toMatchObject({
      actor: 'alice',
      role: 'fabric-admin',
      correlationId: ctx.correlationId,
      requestId: 'req-1',
      idempotencyKey: 'key-1',
      commandId: ctx.commandId,
    });
  });
});
