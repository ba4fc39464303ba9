import { Command, InvalidArgumentError, Option } from 'commander';
import type { AuditEvent } from '../../client';
import { CliContext, JobFlags } from '../context';
import { Column } from '../output';
import { OS_VERSIONS } from '../schema-values';

/** An action with the context built from the global flags (after the arguments were parsed). */
export function act<A extends unknown[]>(handler: (context: CliContext, ...args: A) => Promise<void>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    await handler(CliContext.of(this), ...(args.slice(0, -1) as A));
  };
}

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

export function onOff(value: string): boolean {
  if (value === 'on' || value === 'true') return true;
  if (value === 'off' || value === 'false') return false;
  throw new InvalidArgumentError('must be on or off');
}

export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--no-wait` and `--watch` for a command that starts host work. */
export function jobOptions(command: Command): Command {
  return command
    .option('--no-wait', 'answer as soon as the job is accepted (prints the job id)')
    .option('--watch', "show the job's steps live while waiting");
}

export function jobFlags(options: { wait?: boolean; watch?: boolean }): JobFlags {
  return { wait: options.wait !== false, watch: options.watch === true };
}

/** `--as-of` and `--at-position`: a single resource as it was. */
export function timeTravelOptions(command: Command): Command {
  return command
    .option('--as-of <time>', 'the state at this instant (ISO-8601, e.g. 2026-01-01T10:00Z)')
    .addOption(new Option('--at-position <n>', 'the state after the event at this global position').argParser(integer));
}

export function timeTravelQuery(options: { asOf?: string; atPosition?: number }): { asOf?: string; atPosition?: number } {
  return {
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.atPosition !== undefined ? { atPosition: options.atPosition } : {}),
  };
}

export type OsVersion = (typeof OS_VERSIONS)[number];

export function osVersion(value: string): OsVersion {
  if (!(OS_VERSIONS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${OS_VERSIONS.join(', ')}`);
  return value as OsVersion;
}

export function oneOf<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${values.join(', ')}`);
    return value as T;
  };
}

export const EVENT_COLUMNS: Column<AuditEvent>[] = [
  { header: 'POSITION', value: (e) => e.globalPosition },
  { header: 'RECORDED', value: (e) => e.recordedAt },
  { header: 'TYPE', value: (e) => e.type },
  { header: 'STREAM', value: (e) => e.streamId },
  { header: 'ACTOR', value: (e) => e.metadata.actor },
];

/** `<kind> history <id>`: one resource's events with actor and cause. */
export async function printHistory(context: CliContext, kind: string, id: string): Promise<void> {
  const events: AuditEvent[] = [];
  for await (const event of context.fabric.paginate('/v1/{kind}/{id}/history', {
    params: { path: { kind, id }, query: { limit: 500 } },
  }))
    events.push(event);
  context.out.list(events, EVENT_COLUMNS);
}
