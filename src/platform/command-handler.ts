import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LRUCache } from 'lru-cache';
import {
  AppendResult,
  EVENT_STORE,
  EventMetadata,
  EventStore,
  NewEvent,
  DuplicateEventIdError,
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

/** What the sender knows about the command's stream before it is read. */
export interface DecideHints {
  /**
   * The stream is named by an id this very command drew (a new VM's id, say): it cannot exist
   * unless this command was handled already. Then the command is decided on the initial state and
   * appended expecting no stream, without reading it first; a re-send is recognised by the append
   * itself (its event ids are stored), and any other surprise falls back to the usual read.
   */
  newStream?: boolean;
  /**
   * The stream as the sender read it a moment ago (to check who may send the command, or to build
   * it): the command is decided on that state and appended expecting its version instead of
   * reading the stream a second time; if the stream moved since, it is read as usual.
   */
  read?: { state: unknown; version: number; position: number };
}

/** How many streams' last known states a process keeps (the least recently used go first). */
const KNOWN_STREAMS = 4096;

/** A stream's state as this process's last append to it left it, with the decider that folded it. */
interface KnownState {
  decider: object;
  state: unknown;
  version: number;
  position: number;
}

/**
 * What a stream's known state is made of: a state and the events appended after it, folded only
 * when a command needs it (most streams a process appends to are not its next command's).
 */
interface KnownStream {
  decider: Pick<Decider<unknown, DomainEvent, unknown>, 'evolve'>;
  before: unknown;
  appended: readonly RecordedEvent[];
  version: number;
  position: number;
}

/** The one command that every aggregate's commands travel in. */
export class DecideCommand<Command = unknown, Event extends DomainEvent = DomainEvent, State = unknown> {
  constructor(
    readonly decider: Decider<Command, Event, State>,
    readonly streamId: string,
    readonly command: Command,
    readonly context: CommandContext,
    readonly hints: DecideHints = {},
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
 *
 * The read is skipped when the stream's state is known: a stream the command names itself is new,
 * and a stream this process appended to last (a job it created, a VM whose job it runs) is as that
 * append left it. The append then expects that version, so a stale guess costs one refused append
 * and the usual read, never a decision on a wrong state.
 */
@Injectable()
@CommandHandler(DecideCommand)
export class GenericCommandHandler implements ICommandHandler<DecideCommand, CommandOutcome> {
  /** The last command queued for each stream in this process. */
  private readonly queued = new Map<string, Promise<unknown>>();
  /** Streams' states after this process's last append to them (see decideAndAppend). */
  private readonly known = new LRUCache<string, KnownStream>({ max: KNOWN_STREAMS });

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
    // Without If-Match the stream need not be read when its state is known: a stream this command
    // names itself is new, and one this process appended to last is as it left it. Such a guess is
    // only acted on through an append that expects its version; whatever else happens (a version
    // or event id conflict, a refusal, nothing to do) drops it for the usual read.
    let guess: KnownState | null =
      context.expectedVersion !== undefined
        ? null
        : message.hints.newStream === true
          ? { decider, state: decider.initialState, version: 0, position: 0 }
          : message.hints.read !== undefined
            ? { decider, ...message.hints.read }
            : this.knownStateOf(streamId, decider);
    for (let attempt = 0; ; attempt++) {
      // One read of the stream: it also tells whether this command id was handled already (a
      // re-send, or, after a lost race, the same command sent at once by another process).
      const loaded =
        guess !== null
          ? { ...guess, state: guess.state as S, alreadyAppended: null }
          : await loadForCommand(this.eventStore, decider, streamId, {
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
        if (guess !== null) {
          // Refused on a guessed state: the stored one (or a re-send of this command) decides. The
          // state stays known: a refusal says nothing against it, and an append checks it anyway.
          guess = null;
          attempt--;
          continue;
        }
        this.metrics.commands.inc({ type: commandType, outcome: 'rejected' });
        throw error;
      }
      if (decided.length === 0) {
        if (guess !== null) {
          // Nothing to do on the guessed state: the stored one (or a re-send) decides, as above.
          guess = null;
          attempt--;
          continue;
        }
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
        const jobs: Array<{ streamId: string; state: unknown }> = [];
        for (const intent of envelopes) {
          const job = await this.impliedJob(intent, context, readJobStreams);
          if (!job) continue;
          appends.push(job.append);
          jobs.push({ streamId: job.append.streamId, state: job.state });
          // The job's PowerShell is recorded once, with the job; the intent names the job's steps.
          intent.data = intentAsRecorded(intent.data);
        }
        const [result, ...implied] = await this.eventStore.appendMany(appends, {
          durability: context.durability ?? 'durable',
        });
        this.metrics.commands.inc({ type: commandType, outcome: 'accepted' });
        if (result.duplicate) {
          this.known.delete(streamId);
        } else {
          this.metrics.appendedEvents.inc(result.events.length + implied.reduce((sum, r) => sum + r.events.length, 0));
          this.remember(streamId, decider, state, result);
          jobs.forEach((job, index) => this.remember(job.streamId, jobDecider, job.state, implied[index]));
        }
        return outcome(streamId, result.events, result.streamVersion, result.duplicate);
      } catch (error) {
        if (guess !== null && (error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError)) {
          // The stream is not as guessed (or part of this command is stored): read it and decide again.
          guess = this.dropGuess(streamId);
          attempt--;
          continue;
        }
        this.known.delete(streamId);
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.metrics.conflicts.inc();
        if (error.streamId !== streamId) readJobStreams = true;
        if (context.expectedVersion !== undefined || attempt >= this.config.commandRetries) throw error;
        // Writers that lost together would collide again at once; a random pause spreads them out.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 4 * 2 ** attempt)));
      }
    }
  }

  /** The state this process left a stream in, when it was folded by the same decider. */
  private knownStateOf(streamId: string, decider: object): KnownState | null {
    const known = this.known.get(streamId);
    if (known === undefined || known.decider !== decider) return null;
    // The events are folded as a read would fold them: their data as JSON gives it back.
    let state = known.before;
    for (const event of known.appended) {
      state = known.decider.evolve(state, { ...event, data: JSON.parse(JSON.stringify(event.data)) as object } as DomainEvent);
    }
    this.known.set(streamId, { ...known, before: state, appended: [] });
    return { decider, state, version: known.version, position: known.position };
  }

  private dropGuess(streamId: string): null {
    this.known.delete(streamId);
    return null;
  }

  /** Keeps the state a stream is in after this process's append, for the next command on it. */
  private remember(
    streamId: string,
    decider: Pick<Decider<unknown, DomainEvent, unknown>, 'evolve'>,
    before: unknown,
    appended: AppendResult,
  ): void {
    this.known.set(streamId, {
      decider,
      before,
      appended: appended.events,
      version: appended.streamVersion,
      position: appended.globalPosition,
    });
  }

  /**
   * The job stream's share of the append when an intent asks for a job: the same events, ids and
   * metadata the job creator would record from the stored intent, so whichever comes first wins.
   */
  private async impliedJob(
    intent: NewEvent,
    context: CommandContext,
    readStream: boolean,
  ): Promise<{ append: StreamAppend; state: unknown } | null> {
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
    const append: StreamAppend = {
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
    return { append, state: loaded.state };
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
