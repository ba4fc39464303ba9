import { CommandLineOptions, parseCommandLine, UsageError } from '../../platform/command-line';
import { StoreKind } from './event-store-copy';

export interface StoreAddress {
  kind: StoreKind;
  url: string;
}

export interface CopyArguments {
  from: StoreAddress;
  to: StoreAddress;
  /** PostgreSQL database whose processor positions move onto the target's cursors. */
  positionsDatabase: string | null;
  verifyOnly: boolean;
  pageSize: number;
}

export const USAGE = `Usage: npm run event-store:copy -- --from <postgres|kurrentdb> --to <postgres|kurrentdb> [options]

Copies every event of one event store into another, in order, with the same ids, types, data,
metadata and stream versions, then verifies the copy. Re-running continues where it stopped.

  --from-url <url>             source (default: DATABASE_URL for postgres, KURRENTDB_URL for kurrentdb)
  --to-url <url>               target (same defaults)
  --positions-database <url>   also move the processor positions kept in this PostgreSQL database
                               (the service's DATABASE_URL) onto the target's cursors
  --verify-only                only compare the two stores
  --page-size <n>              events read per page (default 1000)
  -h, --help                   show this usage`;

export { UsageError };

const KINDS: readonly StoreKind[] = ['postgres', 'kurrentdb'];

const OPTIONS: CommandLineOptions = {
  from: { type: 'string' },
  to: { type: 'string' },
  'from-url': { type: 'string' },
  'to-url': { type: 'string' },
  'positions-database': { type: 'string' },
  'verify-only': { type: 'boolean' },
  'page-size': { type: 'string' },
};

/** The copy's arguments, or `'help'` when the usage was asked for. */
export function parseCopyArguments(argv: readonly string[], env: NodeJS.ProcessEnv): CopyArguments | 'help' {
  const commandLine = parseCommandLine(argv, OPTIONS);
  if (commandLine.help) return 'help';
  // Keyed by the flag as typed, so that every message names it that way.
  const values = new Map<string, string>(
    Object.entries(commandLine.values)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => [`--${name}`, value]),
  );
  const verifyOnly = commandLine.values['verify-only'] === true;
  const kindOf = (flag: string): StoreKind => {
    const kind = values.get(flag);
    if (kind === undefined) throw new UsageError(`${flag} is required`);
    if (!KINDS.includes(kind as StoreKind)) throw new UsageError(`${flag} must be postgres or kurrentdb (got "${kind}")`);
    return kind as StoreKind;
  };
  const kinds = { from: kindOf('--from'), to: kindOf('--to') };
  const addressOf = (side: 'from' | 'to'): StoreAddress => {
    const kind = kinds[side];
    const variable = kind === 'postgres' ? 'DATABASE_URL' : 'KURRENTDB_URL';
    const url = values.get(`--${side}-url`) ?? env[variable];
    if (!url) throw new UsageError(`--${side}-url is required (or set ${variable})`);
    return { kind, url };
  };
  const from = addressOf('from');
  const to = addressOf('to');
  if (from.kind === to.kind && from.url === to.url) throw new UsageError('The source and the target are the same store');
  const pageSizeText = values.get('--page-size') ?? '1000';
  const pageSize = Number(pageSizeText);
  if (!/^\d+$/.test(pageSizeText) || pageSize < 1 || pageSize > 10_000) {
    throw new UsageError(`--page-size must be a whole number between 1 and 10000 (got "${pageSizeText}")`);
  }
  return { from, to, positionsDatabase: values.get('--positions-database') ?? null, verifyOnly, pageSize };
}
