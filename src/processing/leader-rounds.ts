import { Client } from 'pg';
import { tryLockProcessor } from './processor-locks';

/**
 * Periodic rounds that one process at a time runs: the leader holds a PostgreSQL advisory lock on
 * a connection of its own; the others stand by and ask for the lock every round on the same
 * connection (one error listener per connection). A lost connection loses the lead with it.
 */
export class LeaderRounds {
  private timer: NodeJS.Timeout | null = null;
  private client: Client | null = null;
  private leader = false;
  private round: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly lock: string,
    private readonly connectClient: () => Promise<Client>,
    /** Called when this process takes the lead it did not hold: another process may have acted since. */
    private readonly onLeadershipTaken: () => void = () => undefined,
  ) {}

  /** Runs `round` every `intervalMs`, never two at once; a failed round is reported and the next one runs. */
  start(intervalMs: number, round: () => Promise<unknown>, onError: (error: Error) => void): void {
    this.timer = setInterval(() => {
      this.round ??= round()
        .catch(onError)
        .finally(() => (this.round = null));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.round;
    await this.client?.end().catch(() => undefined);
  }

  /** Whether this process runs the rounds now, taking the lead when it is free; false once stopped. */
  async lead(): Promise<boolean> {
    if (this.stopped) return false;
    if (this.leader && this.client) return true;
    if (!this.client) {
      const client = await this.connectClient();
      client.on('error', () => {
        this.leader = false;
        if (this.client === client) this.client = null;
      });
      this.client = client;
    }
    const wasLeader = this.leader;
    this.leader = await tryLockProcessor(this.client, this.lock);
    if (this.leader && !wasLeader) this.onLeadershipTaken();
    return this.leader;
  }
}
