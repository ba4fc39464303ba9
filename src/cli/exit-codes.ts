/** The exit codes scripts can rely on; README "From the command line" lists them. */
export const ExitCode = {
  Ok: 0,
  /** The work ran and failed: a job or a rolling upgrade ended Failed or Cancelled. */
  Failed: 1,
  /** Bad arguments or configuration: nothing was sent. */
  Usage: 2,
  /** The service refused the request (a problem document). */
  Refused: 3,
  /** The service could not be reached. */
  Unreachable: 4,
  /** A fault of the CLI itself. */
  Internal: 70,
} as const;

/** Bad input caught before anything is sent. */
export class UsageError extends Error {}

/** The work ended without succeeding; the message says how. */
export class WorkFailed extends Error {}
