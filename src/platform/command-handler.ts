import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, NewEvent, RecordedEvent, WrongExpectedVersionError } from '../event-store/event-store.port';
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

/**
 * Load, fold, decide, append — for every aggregate. Without If-Match a version race is resolved
 * here by deciding again on the fresh state, a bounded number of times.
 */
@Injectable()
@CommandHandler(DecideCommand)
export class GenericCommandHandler implements ICommandHandler<DecideCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async execute<C, E extends DomainEvent, S>(message: DecideCommand<C, E, S>): Promise<CommandOutcome> {
    const { decider, streamId, command, context } = message;
    const commandType = (command as { type?: string }).type ?? 'unknown';
    for (let attempt = 0; ; attempt++) {
      const history = await this.eventStore.readStream(streamId);
      const previous = history.filter((event) => event.metadata.commandId === context.commandId);
      const version = history.length === 0 ? 0 : history[history.length - 1].streamVersion;
      if (previous.length > 0) {
        return outcome(streamId, previous, previous[previous.length - 1].streamVersion, true);
      }
      if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
        throw new WrongExpectedVersionError(streamId, context.expectedVersion, version);
      }
      let state = decider.initialState;
      for (const event of history) state = decider.evolve(state, event as unknown as E);
      let decided: E[];
      try {
        decided = decider.decide(command, state);
      } catch (error) {
        this.metrics.commands.inc({ type: commandType, outcome: 'rejected' });
        throw error;
      }
      if (decided.length === 0) {
        this.metrics.commands.inc({ type: commandType, outcome: 'no-op' });
        return outcome(streamId, history.slice(-1), version, false, []);
      }
      const envelopes: NewEvent[] = decided.map((event, index) => ({
        eventId: deterministicUuid(`${context.commandId}/${index}`),
        type: event.type,
        schemaVersion: decider.schemaVersions?.[event.type] ?? 1,
        data: event.data as Record<string, unknown>,
        metadata: {
          actor: context.actor,
          role: context.role,
          correlationId: context.correlationId,
          causationId: context.causationId,
          requestId: context.requestId,
          idempotencyKey: context.idempotencyKey,
          commandId: context.commandId,
        },
      }));
      try {
        const result = await this.eventStore.append(streamId, envelopes, version, {
          durability: context.durability ?? 'durable',
        });
        this.metrics.commands.inc({ type: commandType, outcome: 'accepted' });
        if (!result.duplicate) this.metrics.appendedEvents.inc(result.events.length);
        return outcome(streamId, result.events, result.streamVersion, result.duplicate);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.metrics.conflicts.inc();
        if (context.expectedVersion !== undefined || attempt >= this.config.commandRetries) throw error;
      }
    }
  }
}

function outcome(
  streamId: string,
  events: RecordedEvent[],
  streamVersion: number,
  alreadyHandled: boolean,
  written: RecordedEvent[] = events,
): CommandOutcome {
  const last = events[events.length - 1];
  return { streamId, events: written, streamVersion, position: last?.globalPosition ?? 0, alreadyHandled };
}
