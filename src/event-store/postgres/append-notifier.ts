import { Client, PoolClient } from 'pg';

const NOTIFY_WINDOW_MS = 3;

/**
 * Wakes readers after appends. In-process listeners hear at once; other processes hear through
 * NOTIFY, sent at most once per few milliseconds because every NOTIFY is a round trip and takes
 * a cluster-wide lock at commit that would otherwise serialise concurrent writers.
 */
export class AppendNotifier {
  private readonly listeners = new Set<() => void>();
  private publishTimer: NodeJS.Timeout | null = null;
  private listenerClient: Client | PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly options: {
      channel: string;
      publish: () => Promise<void>;
      connectListener?: () => Promise<Client | PoolClient>;
    },
  ) {}

  appended(): void {
    this.wakeLocal();
    this.publish();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.ensureListening();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.listeners.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.listenerClient;
    this.listenerClient = null;
    if (client) {
      client.removeAllListeners('notification');
      if ('release' in client) client.release(true);
      else await client.end().catch(() => undefined);
    }
  }

  private wakeLocal(): void {
    for (const listener of this.listeners) listener();
  }

  /** At most one NOTIFY per window: under load one notification covers many appends. */
  private publish(): void {
    if (!this.options.connectListener || this.publishTimer || this.closed) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      this.options.publish().catch(() => undefined);
    }, NOTIFY_WINDOW_MS);
    this.publishTimer.unref();
  }

  private ensureListening(): Promise<void> {
    if (!this.options.connectListener || this.listenerClient || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      try {
        const client = await this.options.connectListener!();
        client.on('notification', () => this.wakeLocal());
        client.on('error', () => this.dropListener(client));
        await client.query(`LISTEN ${this.options.channel}`);
        if (this.closed) {
          if ('release' in client) client.release(true);
          else await client.end();
          return;
        }
        this.listenerClient = client;
      } catch {
        // Polling keeps readers going; try to listen again shortly.
        setTimeout(() => void this.ensureListening(), 1000).unref();
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private dropListener(client: Client | PoolClient): void {
    if (this.listenerClient !== client) return;
    this.listenerClient = null;
    setTimeout(() => void this.ensureListening(), 1000).unref();
  }
}
