import { Command, InvalidArgumentError } from 'commander';
import type { AuditEvent } from '../../client';
import { CliContext } from '../context';
import { act, EVENT_COLUMNS, integer, repeatable } from './common';

type EventFilters = { stream?: string; type?: string[]; actor?: string; correlation?: string; since?: string; until?: string };

/** `--since`: an ISO-8601 instant, or a duration back from now (`30s`, `15m`, `2h`, `1d`). */
export function since(value: string, now = Date.now()): string {
  const relative = /^(\d+)(s|m|h|d)$/.exec(value);
  if (relative) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now - Number(relative[1]) * unit).toISOString();
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new InvalidArgumentError('must be an ISO-8601 time or a duration such as 15m, 2h, 1d');
  return new Date(at).toISOString();
}

function filterOptions(command: Command): Command {
  return command
    .option('--stream <streamId>', 'only this stream, e.g. vm-<id>')
    .option('--type <type>', 'only events of this type (repeatable)', repeatable)
    .option('--actor <actor>', 'only events caused by this actor (an API key name)')
    .option('--correlation <id>', 'only events of this correlation id (X-Request-Id)')
    .option('--since <time>', 'recorded at or after this time, or this long ago (15m, 2h, 1d)', (v) => since(v))
    .option('--until <time>', 'recorded at or before this time', (v) => since(v));
}

function query(o: EventFilters) {
  return {
    ...(o.stream ? { streamId: o.stream } : {}),
    ...(o.type ? { type: o.type.join(',') } : {}),
    ...(o.actor ? { actor: o.actor } : {}),
    ...(o.correlation ? { correlationId: o.correlation } : {}),
    ...(o.since ? { from: o.since } : {}),
    ...(o.until ? { to: o.until } : {}),
  };
}

function printEvent(context: CliContext, event: AuditEvent): void {
  if (context.out.format === 'json') context.out.line(JSON.stringify(event));
  else if (context.out.format === 'yaml') context.out.data([event]);
  else
    context.out.line(
      `${event.globalPosition}  ${event.recordedAt}  ${event.type}  ${event.streamId}  ${event.metadata.actor}  ${JSON.stringify(event.data)}`,
    );
}

export function eventsCommand(): Command {
  const events = new Command('events').description('the audit history and the live event stream');

  filterOptions(events.command('list').description('events in order (the audit history)'))
    .option('--after <position>', 'after this global position', integer)
    .option('--limit <n>', 'at most this many', integer, 100)
    .action(
      act(async (context, o: EventFilters & { after?: number; limit: number }) => {
        const items: AuditEvent[] = [];
        for await (const event of context.fabric.paginate('/v1/events', {
          params: { query: { ...query(o), ...(o.after !== undefined ? { after: o.after } : {}), limit: Math.min(o.limit, 500) } },
        })) {
          items.push(event);
          if (items.length >= o.limit) break;
        }
        context.out.list(items, EVENT_COLUMNS);
      }),
    );

  filterOptions(
    events
      .command('tail')
      .description('follow the live stream (from now, or from --since / --after), one event a line; JSON lines with -o json'),
  )
    .option('--after <position>', 'after this global position', integer)
    .option('--count <n>', 'stop after this many events', integer)
    .action(
      act(async (context, o: EventFilters & { after?: number; count?: number }) => {
        const filters = query(o);
        const start = o.after === undefined && !filters.from ? { from: new Date().toISOString() } : {};
        let seen = 0;
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        for await (const event of context.fabric.events({
          ...filters,
          ...start,
          ...(o.after !== undefined ? { after: o.after } : {}),
          signal: stop.signal,
        })) {
          printEvent(context, event);
          if (o.count !== undefined && ++seen >= o.count) break;
        }
      }),
    );

  return events;
}
