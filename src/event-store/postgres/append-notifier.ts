import { randomUUID } from 'node:crypto';
import { Client, PoolClient } from 'pg';

const NOTIFY_WINDOW_MS = 3;
/** How old the answer to "does any other process listen?" may be when a NOTIFY is due. */
const OTHERS_CHECK_MS = 1000;
/**
 * A new listener counts as hearing every append only after this long: until then, processes that
 * last looked before it came may still leave out their NOTIFY (longer than OTHERS_CHECK_MS).
 */
const LISTENER_SETTLE_MS = 2 * OTHERS_CHECK_MS;
/** NOTIFY payloads stop at 8000 bytes; beyond this the notification names no types and wakes everyone. */
const MAX_PAYLOAD = 7000;
/**
 * The last entry of a payload names the notifier that sent it, as a pseudo type no reader waits
 * for (so a process that does not know the mark just ignores it).
 */
const ORIGIN_MARK = '@origin:';

interface Subscription {
  listener: () => void;
  /** Null: every append. */
  types: ReadonlySet<string> | null;
}

/**
 * Wakes readers after appends, and only the readers that wait for one of the appended event types:
 * an idle processor costs nothing per append. In-process listeners hear at once; other processes
 * hear through NOTIFY carrying the types, sent at most once per few milliseconds because every
 * NOTIFY is a round trip and takes a cluster-wide lock at commit that would otherwise serialise
 * concurrent writers.
 */
export class AppendNotifier {
  private readonly subscriptions = new Set<Subscription>();
  private publishTimer: NodeJS.Timeout | null = null;
  private pendingTypes = new Set<string>();
  private listenerClient: Client | PoolClient | null = null;
  private listeningSince = 0;
  private connecting: Promise<void> | null = null;
  private closed = false;
  /** Tells this notifier's own NOTIFYs from others': its readers were woken at the append already. */
  private readonly origin = `${ORIGIN_MARK}${randomUUID()}`;
  /** Whether another process listened when last looked (unknown: assume so), and when that was. */
  private others: { listening: boolean; at: number } | null = null;

  constructor(
    private readonly options: {
      channel: string;
      publish: (payload: string) => Promise<void>;
      connectListener?: () => Promise<Client | PoolClient>;
      /** Marks the listening session as one, for other processes' `othersListening` (held while it lives). */
      announceListener?: (client: Client | PoolClient) => Promise<void>;
      /** Whether a session other than `ownListenerPid` listens; without it, every window sends its NOTIFY. */
      othersListening?: (ownListenerPid: number | null) => Promise<boolean>;
    },
  ) {}

  appended(types: Iterable<string>): void {
    const appended = new Set(types);
    this.wakeLocal(appended);
    this.publish(appended);
  }

  /** True while the LISTEN connection is up (and has been for long enough): appends of other processes are heard. */
  get listening(): boolean {
    return this.listenerClient !== null && Date.now() - this.listeningSince >= LISTENER_SETTLE_MS;
  }

  subscribe(listener: () => void, types?: readonly string[]): () => void {
    const subscription: Subscription = { listener, types: types ? new Set(types) : null };
    this.subscriptions.add(subscription);
    void this.ensureListening();
    return () => this.subscriptions.delete(subscription);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.subscriptions.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.listenerClient;
    this.listenerClient = null;
    if (client) {
      client.removeAllListeners('notification');
      if ('release' in client) client.release(true);
      else await client.end().catch(() => undefined);
    }
  }

  /**
   * A notification: another process appended (or a notifier of this process that is not this one).
   * Its own NOTIFYs come back too, and are dropped: waking the readers again would make each of
   * them read once more for nothing.
   */
  private heard(payload: string | undefined): void {
    if (!payload) return this.wakeLocal(null);
    const entries = payload.split(',');
    const last = entries[entries.length - 1];
    if (last === this.origin) return;
    if (last.startsWith(ORIGIN_MARK)) entries.pop();
    // Only the mark: a payload too long to carry its types (see publish).
    this.wakeLocal(entries.length === 0 ? null : new Set(entries));
  }

  /** `appended` null: the types are unknown, so everyone wakes. */
  private wakeLocal(appended: ReadonlySet<string> | null): void {
    for (const { listener, types } of this.subscriptions) {
      if (appended === null || types === null || [...appended].some((type) => types.has(type))) listener();
    }
  }

  /**
   * At most one NOTIFY per window: under load one notification covers many appends. None at all
   * while no other process listens (a single-process deployment hears its appends in process).
   */
  private publish(types: ReadonlySet<string>): void {
    if (!this.options.connectListener || this.closed) return;
    for (const type of types) this.pendingTypes.add(type);
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      const types = [...this.pendingTypes].join(',');
      this.pendingTypes = new Set();
      const payload = types.length > MAX_PAYLOAD ? this.origin : `${types},${this.origin}`;
      this.notifyOthers(payload).catch(() => undefined);
    }, NOTIFY_WINDOW_MS);
    this.publishTimer.unref();
  }

  private async notifyOthers(payload: string): Promise<void> {
    const { othersListening } = this.options;
    if (othersListening && (this.others === null || Date.now() - this.others.at >= OTHERS_CHECK_MS)) {
      const at = Date.now();
      const ownPid = (this.listenerClient as { processID?: number } | null)?.processID ?? null;
      this.others = { listening: await othersListening(ownPid).catch(() => true), at };
    }
    if (this.others?.listening === false) return;
    await this.options.publish(payload);
  }

  private ensureListening(): Promise<void> {
    if (!this.options.connectListener || this.listenerClient || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      try {
        const client = await this.options.connectListener!();
        client.on('notification', (message) => this.heard(message.payload));
        client.on('error', () => this.dropListener(client));
        await this.options.announceListener?.(client);
        await client.query(`LISTEN ${this.options.channel}`);
        if (this.closed) {
          if ('release' in client) client.release(true);
          else await client.end();
          return;
        }
        this.listenerClient = client;
        this.listeningSince = Date.now();
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
