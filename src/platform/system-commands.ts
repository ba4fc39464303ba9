import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '../event-store/event-store.port';
import { CommandOutcome, DecideCommand, DecideHints, GenericCommandHandler } from './command-handler';
import { Decider, DomainEvent } from './domain/decider';

export interface SystemCause {
  /** Deterministic: derived from what triggered the command, so a replay never acts twice. */
  commandId: string;
  /** The component acting, recorded as actor `system:<name>`. */
  actor: string;
  /** The event that caused the command: its id becomes the causation, its correlation is kept. */
  event?: RecordedEvent;
  correlationId?: string;
  /** 'relaxed' for events that are re-derived after a crash. */
  durability?: 'durable' | 'relaxed';
}

/** Commands sent by processors and workers rather than by a client. */
@Injectable()
export class SystemCommands {
  constructor(private readonly handler: GenericCommandHandler) {}

  send<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    cause: SystemCause,
    hints: DecideHints = {},
  ): Promise<CommandOutcome> {
    return this.handler.execute(
      new DecideCommand(
        decider,
        streamId,
        command,
        {
        commandId: cause.commandId,
        actor: `system:${cause.actor}`,
        role: 'system',
        correlationId: cause.event?.metadata.correlationId ?? cause.correlationId ?? cause.commandId,
        causationId: cause.event?.eventId ?? null,
        requestId: null,
        idempotencyKey: null,
        durability: cause.durability,
        },
        hints,
      ),
    );
  }
}
