import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  EventMetadata,
  EventStore,
  NewEvent,
  RecordedEvent,
  StreamAppend,
  WrongExpectedVersionError,
} from '../event-store/event-store.port';
import { loadAggregate, loadForCommand } from '../event-store/aggregate-stream';
import { jobDecider } from '../jobs/domain/job.decider';
import { intentAsRecorded, jobCommandIdOfIntent, jobCommandOfIntent } from '../jobs/domain/job-intent';
import { APP_CONFIG } from './tokens';
import { AppConfig } from './config';
import { Decider, DomainEvent } from './domain/decider';
import { deterministicUuid } from './deterministic-id';
import { Metrics } from './metrics';

/** Who sends a command and under which request; becomes the events' metadata. */
export interface CommandContext {
  /** Unique per command; the same id re-sent is recognised and not executed twice. */
  commandId: string;
  actor: string;
  role: string;
  correlationId: string;
  causationId: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
  /** The client's If-Match: the version it last saw. Then a race is the client's to resolve. */
  expectedVersion?: number;
  /** Only for events re-derived after a crash (see AppendOptions); client commands are durable. */
  durability?: 'durable' | 'relaxed';
}

export interface CommandOutcome {
  streamId: string;
  events: RecordedEvent[];
  streamVersion: number;
  /** Global position of the last event written (or of the stream's last event for a no-op). */
  position: number;
  /** The command id had already been handled; nothing new was written. */
  alreadyHandled: boolean;
}

/** The one command that every aggregate's commands travel in. */
export class DecideCommand<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  constructor(
    readonly decider: Decider<Command, Event, State>,
    readonly streamId: string,
    readonly command: Command,
    readonly context: CommandContext,
  ) {}
}

/** Id of the n-th event a command appends to a stream: a re-sent command writes the same ids. */
export function commandEventId(commandId: string, index: number): string {
  return deterministicUuid(`${commandId}/${index}`);
}

/**
 * Load, decide, append — for every aggregate, in one transaction: the stream is read once, and the
 * events go to the store together with the job their intent asks for (one multi-stream append), so
 * an accepted command is never without its job. A re-sent command is recognised by the id of its
 * first event, not by reading its stream. Without If-Match a version race is resolved here by
 * deciding again on the fresh state, a bounded number of times.
 */
@Injectable()
@CommandHandler(DecideCommand)
export class GenericCommandHandler implements ICommandHandler<DecideCommand, CommandOutcome> {
  /** The last command queued for each stream in this process. */
  private readonly queued = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Commands for one stream run one after another in this process: twenty clients changing one VM
   * at once would otherwise all read the same version and all but one lose the race, again and
   * again. Races with other processes remain, and are retried.
   */
  execute<C, E extends DomainEvent, S>(message: DecideCommand<C, E, S>): Promise<CommandOutcome> {
    const before = this.queued.get(message.streamId) ?? Promise.resolve();
    const run = before.then(
      () => this.decideAndAppend(message),
      () => this.decideAndAppend(message),
    );
    const settled = run.catch(() => undefined);
    this.queued.set(message.streamId, settled);
    void settled.then(() => {
      if (this.queued.get(message.streamId) === settled) this.queued.delete(message.streamId);
    });
    return run;
  }

  private async decideAndAppend<C, E extends DomainEvent, S>(message: DecideCommand<C, E, S>): Promise<CommandOutcome> {
    const { decider, streamId, command, context } = message;
    const commandType = (command as { type?: string }).type ?? 'unknown';
    // Set after a race lost on a job stream (a job id already in use): then its stream is read too.
    let readJobStreams = false;
    for (let attempt = 0; ; attempt++) {
      // One read of the stream: it also tells whether this command id was handled already (a
      // re-send, or, after a lost race, the same command sent at once by another process).
      const loaded = await loadForCommand(this.eventStore, decider, streamId, {
        commandId: context.commandId,
        firstEventId: commandEventId(context.commandId, 0),
      });
      if (loaded.alreadyAppended !== null) {
        const previous = loaded.alreadyAppended;
        return outcome(streamId, previous, previous[previous.length - 1].streamVersion, true);
      }
      const { state, version, position } = loaded;
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        throw new WrongExpectedVersionError(streamId, context.expectedVersion, version);
      }
      let decided: E[];
      try {
        decided = decider.decide(command, state);
      } catch (error) {
        this.metrics.commands.inc({ type: commandType, outcome: 'rejected' });
        throw error;
      }
      if (decided.length === 0) {
        this.metrics.commands.inc({ type: commandType, outcome: 'no-op' });
        return { streamId, events: [], streamVersion: version, position, alreadyHandled: false };
      }
      const metadata = metadataOf(context, context.commandId);
      const envelopes: NewEvent[] = decided.map((event, index) => ({
        eventId: commandEventId(context.commandId, index),
        type: event.type,
        schemaVersion: decider.schemaVersions?.[event.type] ?? 1,
        data: event.data as Record<string, unknown>,
        metadata,
      }));
      try {
        const appends: StreamAppend[] = [{ streamId, events: envelopes, expected: version }];
        for (const intent of envelopes) {
          const job = await this.impliedJob(intent, context, readJobStreams);
          if (job) appends.push(job);
          // The job's PowerShell is recorded once, with the job; the intent names the job's steps.
          intent.data = intentAsRecorded(intent.data);
        }
        const [result, ...implied] = await this.eventStore.appendMany(appends, {
          durability: context.durability ?? 'durable',
        });
        this.metrics.commands.inc({ type: commandType, outcome: 'accepted' });
        if (!result.duplicate) {
          this.metrics.appendedEvents.inc(result.events.length + implied.reduce((sum, r) => sum + r.events.length, 0));
        }
        return outcome(streamId, result.events, result.streamVersion, result.duplicate);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.metrics.conflicts.inc();
        if (error.streamId !== streamId) readJobStreams = true;
        if (context.expectedVersion !== undefined || attempt >= this.config.commandRetries) throw error;
        // Writers that lost together would collide again at once; a random pause spreads them out.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 4 * 2 ** attempt)));
      }
    }
  }

  /**
   * The job stream's share of the append when an intent asks for a job: the same events, ids and
   * metadata the job creator would record from the stored intent, so whichever comes first wins.
   */
  private async impliedJob(intent: NewEvent, context: CommandContext, readStream: boolean): Promise<StreamAppend | null> {
    const job = jobCommandOfIntent(intent, new Date().toISOString());
    if (!job) return null;
    const jobCommandId = jobCommandIdOfIntent(intent.eventId);
    // A first attempt creates the stream; only a restart needs to read it.
    const loaded =
      job.command.type === 'CreateJob' && !readStream
        ? { state: jobDecider.initialState, version: 0 }
        : await loadAggregate(this.eventStore, jobDecider, job.streamId);
    const events = jobDecider.decide(job.command, loaded.state);
    if (events.length === 0) return null;
    const metadata = metadataOf(
      {
        actor: 'system:job-dispatcher',
        role: 'system',
        correlationId: context.correlationId,
        causationId: intent.eventId,
        requestId: null,
        idempotencyKey: null,
      },
      jobCommandId,
    );
    return {
      streamId: job.streamId,
      expected: loaded.version,
      events: events.map((event, index) => ({
        eventId: commandEventId(jobCommandId, index),
        type: event.type,
        schemaVersion: jobDecider.schemaVersions?.[event.type] ?? 1,
        data: event.data as Record<string, unknown>,
        metadata,
      })),
    };
  }
}

function metadataOf(
  context: Pick<CommandContext, 'actor' | 'role' | 'correlationId' | 'causationId' | 'requestId' | 'idempotencyKey'>,
  commandId: string,
): EventMetadata {
  return {
    actor: context.actor,
    role: context.role,
    correlationId: context.correlationId,
    causationId: context.causationId,
    requestId: context.requestId,
    idempotencyKey: context.idempotencyKey,
    commandId,
  };
}

function outcome(streamId: string, events: RecordedEvent[], streamVersion: number, alreadyHandled: boolean): CommandOutcome {
  const last = events[events.length - 1];
  return { streamId, events, streamVersion, position: last?.globalPosition ?? 0, alreadyHandled };
}
