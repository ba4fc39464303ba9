import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { UpcasterRegistry } from '../upcasting';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/** KurrentDB could not be used: the message is one line, fit to print as it is. */
export class KurrentDbUnreachableError extends Error {}

export interface OpenKurrentDbOptions {
  upcasters?: UpcasterRegistry;
  /** How long the first read may take before the server counts as unreachable. */
  timeoutMs?: number;
}

/**
 * Connects and proves the server answers with one read, so that a wrong URL or a stopped server
 * is found at start-up, in one line, rather than by the first command.
 */
export async function openKurrentDbEventStore(url: string, options: OpenKurrentDbOptions = {}): Promise<KurrentDbEventStore> {
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(url);
  } catch (error) {
    throw new KurrentDbUnreachableError(`KURRENTDB_URL ${redactKurrentDbUrl(url)} is not usable: ${firstLine(error)}`);
  }
  const store = new KurrentDbEventStore({ client, upcasters: options.upcasters });
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.headPosition(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await store.close().catch(() => undefined);
    const hint = /[?&]tls=false\b/i.test(url) ? '' : ' (add ?tls=false for a server started with --insecure)';
    throw new KurrentDbUnreachableError(
      `Cannot reach KurrentDB at ${redactKurrentDbUrl(url)} (${reasonOf(error)}): start it or set KURRENTDB_URL${hint}`,
    );
  } finally {
    clearTimeout(timer);
  }
  return store;
}

/** Hides the password of `kurrentdb://user:password@host:port,...`; the URL may list several hosts. */
export function redactKurrentDbUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:@/]+):[^@/]*@/i, '$1:***@');
}

function reasonOf(error: unknown): string {
  const type = (error as { type?: string }).type;
  return type ?? firstLine(error);
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0];
}
