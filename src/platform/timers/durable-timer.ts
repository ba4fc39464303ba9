import { DiscoveryService } from '@nestjs/core';

/**
 * A timer: what fires (`kind`), which one it is among those of its kind (`key`), when (`at`), and
 * whatever its owner needs to act on it.
 */
export interface DurableTimer {
  kind: string;
  key: string;
  at: string;
  [field: string]: unknown;
}

/**
 * The timers of one process (quarantine ends, step timeouts…): what to do when one fires, and
 * which ones its state still owes (read by the sweep, so a timer Redis lost is scheduled again).
 * Firing sends a command with an id derived from the timer, so a timer fired twice acts once.
 */
export interface TimerKinds<T extends DurableTimer = DurableTimer> {
  readonly kinds: readonly string[];
  fire(timer: T): Promise<void>;
  owed(): Promise<T[]>;
}

/** Marks a provider implementing `TimerKinds`; the durable timers find every one at start-up. */
export const DurableTimerKinds = DiscoveryService.createDecorator<void>();

/** The timer's identity, also its BullMQ job id (which may not contain ':'). */
export function timerId(timer: DurableTimer): string {
  return `${timer.kind}-${timer.key}-${Date.parse(timer.at)}`;
}
