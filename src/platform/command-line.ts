import { parseArgs, ParseArgsConfig } from 'node:util';

/** A mistake in a command line, told in one line. */
export class UsageError extends Error {}

export type CommandLineOptions = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  help: boolean;
}

/**
 * `node:util` parseArgs, strict, with `--help`/`-h` on every tool and its refusals rewritten as
 * one line that names the argument (its own messages also explain `--` for positionals).
 */
export function parseCommandLine(
  argv: readonly string[],
  options: CommandLineOptions,
  { positionals = 0 }: { positionals?: number } = {},
): CommandLine {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals > 0,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(oneLine(error as Error & { code?: string }));
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (!help && parsed.positionals.length > positionals) {
    throw new UsageError(`Unexpected argument ${parsed.positionals[positionals]}`);
  }
  return { values, positionals: parsed.positionals, help: help === true };
}

function oneLine(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      if (/argument missing|ambiguous/.test(error.message)) return `${option} needs a value`;
      if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
      return error.message.split('. ')[0];
    }
    default:
      return error.message.split('\n')[0];
  }
}

/** How a tool refuses a command line: one line on stderr, exit code 2. */
export function refuseUsage(tool: string, error: UsageError): number {
  process.stderr.write(`${tool}: ${error.message} (--help shows the usage)\n`);
  return 2;
}
