import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { WrongExpectedVersionError } from '../event-store/event-store.port';
import { createTestDatabase, TestDatabase } from '../../test/support/test-environment';
import { commandEventId, CommandContext, DecideCommand, GenericCommandHandler } from './command-handler';
import { jobDecider } from '../jobs/domain/job.decider';
import { loadConfig } from './config';
import { createDataSource, createPool, DatabaseSettings, migrate } from './database';
import { Decider, DomainEvent } from './domain/decider';
import { DomainError } from './domain/domain-error';
import { Metrics } from './metrics';
import { JobRequest, jobStreamId } from '../jobs/domain/job.events';
import { decodeCursor } from '../event-store/postgres/cursor';

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

// An aggregate whose command records an intent that asks for a job.
type Requested = DomainEvent<'WorkRequested', { job: JobRequest }>;
type RequestWork = { type: 'RequestWork'; job: JobRequest };
const worker: Decider<RequestWork, Requested, null> = {
  initialState: null,
  evolve: (state) => state,
  decide: (command) => [{ type: 'WorkRequested', data: { job: command.job } }],
};
const jobRequest = (overrides: Partial<JobRequest> = {}): JobRequest => ({
  jobId: randomUUID(),
  attempt: 1,
  kind: 'vm.start',
  target: { type: 'vm', id: randomUUID() },
  steps: [{ name: 'Start the VM', powershell: 'Start-VM -Name web-1' }],
  operation: { type: 'start-vm', vmId: randomUUID() } as unknown as JobRequest['operation'],
  requestedBy: { actor: 'tester', role: 'admin' },
  ...overrides,
});

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

  it('runs twenty concurrent commands on one stream within the default retries (issue: 20-way contention exhausted them)', async () => {
    const defaults = new GenericCommandHandler(store, loadConfig({}), new Metrics());
    const stream = `counter-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        defaults.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 100 }, context())),
      ),
    );
    expect(outcomes.map((o) => o.streamVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
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

  it("writes an intent and the job it asks for in one transaction, with the job creator's ids", async () => {
    const stream = `worker-${randomUUID()}`;
    const job = jobRequest();
    const ctx = context();
    const outcome = await handler.execute(new DecideCommand(worker, stream, { type: 'RequestWork', job }, ctx));

    const [intent] = outcome.events;
    const [created] = await store.readStream(jobStreamId(job.jobId));
    expect(created).toMatchObject({
      eventId: commandEventId(`dispatch/${intent.eventId}`, 0),
      type: 'JobCreated',
      streamVersion: 1,
      data: { ...job, createdAt: expect.any(String) },
      metadata: {
        actor: 'system:job-dispatcher',
        role: 'system',
        correlationId: ctx.correlationId,
        causationId: intent.eventId,
        commandId: `dispatch/${intent.eventId}`,
      },
    });
    expect(decodeCursor(created.cursor).transactionId).toBe(decodeCursor(intent.cursor).transactionId);

    // The job creator, meeting the stored intent later, finds the job recorded and writes nothing.
    const again = await handler.execute(
      new DecideCommand(
        jobDecider,
        jobStreamId(job.jobId),
        { type: 'CreateJob', request: job, now: new Date().toISOString() },
        {
          ...context(),
          commandId: `dispatch/${intent.eventId}`,
        },
      ),
    );
    expect(again.alreadyHandled).toBe(true);
    expect(await store.readStream(jobStreamId(job.jobId))).toHaveLength(1);
  });

  it('records the intent alone when its job is recorded already, after one lost race on the job stream', async () => {
    const stream = `worker-${randomUUID()}`;
    const job = jobRequest();
    const { commandId: _, ...metadata } = context();
    await store.append(
      jobStreamId(job.jobId),
      [
        {
          eventId: randomUUID(),
          type: 'JobCreated',
          schemaVersion: 1,
          data: { ...job, createdAt: new Date().toISOString() },
          metadata,
        },
      ],
      'no-stream',
    );
    const outcome = await handler.execute(new DecideCommand(worker, stream, { type: 'RequestWork', job }, context()));

    expect(outcome.events.map((e) => e.type)).toEqual(['WorkRequested']);
    expect((await store.readStream(jobStreamId(job.jobId))).map((e) => e.type)).toEqual(['JobCreated']);
  });

  it('finds a re-sent command without reading its stream, however long the stream is', async () => {
    const stream = `counter-${randomUUID()}`;
    const first = context();
    await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 1000 }, first));
    for (let i = 0; i < 40; i++) {
      await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 1000 }, context()));
    }
    const reads: string[] = [];
    const original = store.readStream.bind(store);
    store.readStream = (streamId, options) => {
      reads.push(streamId);
      return original(streamId, options);
    };
    try {
      const again = await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 1, limit: 1000 }, first));
      expect(again).toMatchObject({ alreadyHandled: true, streamVersion: 1 });
      expect(reads).toEqual([]);
    } finally {
      store.readStream = original;
    }
  });

  describe('a command on a stream it names itself (newStream)', () => {
    /** Counts the reads a command makes of its stream before deciding. */
    async function countingDecisionReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: string[] }> {
      const reads: string[] = [];
      const original = store.readForDecision.bind(store);
      store.readForDecision = (streamId, options) => {
        reads.push(streamId);
        return original(streamId, options);
      };
      try {
        return { result: await work(), reads };
      } finally {
        store.readForDecision = original;
      }
    }

    it('appends with its job without reading the stream first', async () => {
      const stream = `worker-${randomUUID()}`;
      const job = jobRequest();
      const { result, reads } = await countingDecisionReads(() =>
        handler.execute(new DecideCommand(worker, stream, { type: 'RequestWork', job }, context(), { newStream: true })),
      );
      expect(reads).toEqual([]);
      expect(result).toMatchObject({ alreadyHandled: false, streamVersion: 1 });
      expect((await store.readStream(jobStreamId(job.jobId))).map((e) => e.type)).toEqual(['JobCreated']);
    });

    it('recognises a re-send by its stored events and writes nothing twice', async () => {
      const stream = `worker-${randomUUID()}`;
      const job = jobRequest();
      const ctx = context();
      const first = await handler.execute(
        new DecideCommand(worker, stream, { type: 'RequestWork', job }, ctx, { newStream: true }),
      );
      const again = await handler.execute(
        new DecideCommand(worker, stream, { type: 'RequestWork', job }, ctx, { newStream: true }),
      );
      expect(again).toMatchObject({ alreadyHandled: true, streamVersion: 1, position: first.position });
      expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
      expect(await store.readStream(stream)).toHaveLength(1);
      expect(await store.readStream(jobStreamId(job.jobId))).toHaveLength(1);
    });

    it('reads the stream and decides on its real state when the stream exists after all', async () => {
      const stream = `counter-${randomUUID()}`;
      await handler.execute(new DecideCommand(counter, stream, { type: 'Increment', by: 3, limit: 10 }, context()));
      // Decided on the initial state this would pass; on the stored total of 3 it must be refused.
      const refused = handler.execute(
        new DecideCommand(counter, stream, { type: 'Increment', by: 8, limit: 10 }, context(), { newStream: true }),
      );
      await expect(refused).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
      const { result, reads } = await countingDecisionReads(() =>
        handler.execute(
          new DecideCommand(counter, stream, { type: 'Increment', by: 2, limit: 10 }, context(), { newStream: true }),
        ),
      );
      expect(reads).toEqual([stream]);
      expect(result).toMatchObject({ alreadyHandled: false, streamVersion: 2 });
    });

    it('lets one of two concurrent creations of the same new stream win, and the other decide on it', async () => {
      const stream = `counter-${randomUUID()}`;
      const results = await Promise.allSettled([
        new GenericCommandHandler(store, loadConfig({}), new Metrics()).execute(
          new DecideCommand(counter, stream, { type: 'Increment', by: 6, limit: 10 }, context(), { newStream: true }),
        ),
        new GenericCommandHandler(store, loadConfig({}), new Metrics()).execute(
          new DecideCommand(counter, stream, { type: 'Increment', by: 6, limit: 10 }, context(), { newStream: true }),
        ),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((await store.readStream(stream)).map((e) => e.data.by)).toEqual([6]);
    });
  });

  describe("a stream's state known from this process's last append to it", () => {
    /** Counts the reads commands make of their streams before deciding. */
    async function countingReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: string[] }> {
      const reads: string[] = [];
      const original = store.readForDecision.bind(store);
      store.readForDecision = (streamId, options) => {
        reads.push(streamId);
        return original(streamId, options);
      };
      try {
        return { result: await work(), reads };
      } finally {
        store.readForDecision = original;
      }
    }
    const increment = (by: number, limit = 100) => ({ type: 'Increment' as const, by, limit });

    it('decides the next command without reading the stream again', async () => {
      const stream = `counter-${randomUUID()}`;
      await handler.execute(new DecideCommand(counter, stream, increment(3, 10), context()));
      const { result, reads } = await countingReads(() =>
        handler.execute(new DecideCommand(counter, stream, increment(3, 10), context())),
      );
      expect(reads).toEqual([]);
      expect(result).toMatchObject({ alreadyHandled: false, streamVersion: 2 });
      // The known state is the stored one: the limit still holds.
      await expect(handler.execute(new DecideCommand(counter, stream, increment(5, 10), context()))).rejects.toMatchObject({
        code: 'LIMIT_REACHED',
      });
      expect((await store.readStream(stream)).map((e) => e.data.by)).toEqual([3, 3]);
    });

    it('decides on the stored state when another process appended since', async () => {
      const stream = `counter-${randomUUID()}`;
      const other = new GenericCommandHandler(store, loadConfig({}), new Metrics());
      await handler.execute(new DecideCommand(counter, stream, increment(3, 10), context()));
      await other.execute(new DecideCommand(counter, stream, increment(5, 10), context()));
      // On the state this handler knows (3) it would pass; on the stored one (8) it must not.
      const { result, reads } = await countingReads(() =>
        handler.execute(new DecideCommand(counter, stream, increment(3, 10), context())).catch((error: unknown) => error),
      );
      expect(result).toMatchObject({ code: 'LIMIT_REACHED' });
      expect(reads).toEqual([stream]);
      // And one the known state would refuse is decided on the stored state too.
      await other.execute(new DecideCommand(counter, stream, increment(-6, 10), context()));
      const accepted = await handler.execute(new DecideCommand(counter, stream, increment(3, 10), context()));
      expect(accepted).toMatchObject({ alreadyHandled: false, streamVersion: 4 });
      expect((await store.readStream(stream)).map((e) => e.data.by)).toEqual([3, 5, -6, 3]);
    });

    it('recognises a re-send of an earlier command on a stream whose state it knows', async () => {
      const stream = `counter-${randomUUID()}`;
      const first = context();
      const sent = await handler.execute(new DecideCommand(counter, stream, increment(1), first));
      await handler.execute(new DecideCommand(counter, stream, increment(1), context()));
      const again = await handler.execute(new DecideCommand(counter, stream, increment(1), first));
      expect(again).toMatchObject({ alreadyHandled: true, streamVersion: 1, position: sent.position });
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('knows the job stream its command created: the job starts without reading it', async () => {
      const stream = `worker-${randomUUID()}`;
      const job = jobRequest();
      await handler.execute(new DecideCommand(worker, stream, { type: 'RequestWork', job }, context()));
      const { result, reads } = await countingReads(() =>
        handler.execute(
          new DecideCommand(
            jobDecider,
            jobStreamId(job.jobId),
            { type: 'StartJob', attempt: 1, now: new Date().toISOString() },
            context(),
          ),
        ),
      );
      expect(reads).toEqual([]);
      expect(result.events.map((e) => e.type)).toEqual(['JobStarted']);
      expect((await store.readStream(jobStreamId(job.jobId))).map((e) => e.type)).toEqual(['JobCreated', 'JobStarted']);
    });

    it('keeps the job stream known when the job creator finds the job recorded already', async () => {
      const stream = `worker-${randomUUID()}`;
      const job = jobRequest();
      const outcome = await handler.execute(new DecideCommand(worker, stream, { type: 'RequestWork', job }, context()));
      const [intent] = outcome.events;
      // What the job creator sends for the stored intent: a re-send of the job's creation.
      const again = await handler.execute(
        new DecideCommand(
          jobDecider,
          jobStreamId(job.jobId),
          { type: 'CreateJob', request: job, now: new Date().toISOString() },
          context({ commandId: `dispatch/${intent.eventId}` }),
        ),
      );
      expect(again.alreadyHandled).toBe(true);
      const { reads } = await countingReads(() =>
        handler.execute(
          new DecideCommand(
            jobDecider,
            jobStreamId(job.jobId),
            { type: 'StartJob', attempt: 1, now: new Date().toISOString() },
            context(),
          ),
        ),
      );
      expect(reads).toEqual([]);
      expect((await store.readStream(jobStreamId(job.jobId))).map((e) => e.type)).toEqual(['JobCreated', 'JobStarted']);
    });

    it('decides on the state its sender read without reading the stream again, and reads it when it moved since', async () => {
      const stream = `counter-${randomUUID()}`;
      const other = new GenericCommandHandler(store, loadConfig({}), new Metrics());
      await other.execute(new DecideCommand(counter, stream, increment(3, 10), context()));
      const read = { state: 3, version: 1, position: (await store.readStream(stream))[0].globalPosition };
      const first = await countingReads(() =>
        handler.execute(new DecideCommand(counter, stream, increment(3, 10), context(), { read })),
      );
      expect(first.reads).toEqual([]);
      expect(first.result).toMatchObject({ streamVersion: 2 });
      // The same read is stale now (the stream is at 6, version 2): on it the command would pass.
      const second = await countingReads(() =>
        handler
          .execute(new DecideCommand(counter, stream, increment(5, 10), context(), { read }))
          .catch((error: unknown) => error),
      );
      expect(second.result).toMatchObject({ code: 'LIMIT_REACHED' });
      expect(second.reads).toEqual([stream]);
      expect((await store.readStream(stream)).map((e) => e.data.by)).toEqual([3, 3]);
    });
  });
});
