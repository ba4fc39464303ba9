import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { Processor } from './processor';
import { ProcessorPositions } from './processor-positions';
import { ProcessorRunner } from './processor-runner';
import { tryLockProcessor } from './processor-locks';

export interface ProcessorHostOptions {
  batchSize: number;
  pollMs: number;
  /** How often a standby tries to take over processors that nobody here runs. */
  standbyMs: number;
  connectLeaderClient: () => Promise<Client>;
  log: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
  onBatch?: (processor: string, events: readonly RecordedEvent[], durationMs: number) => void;
}

export interface ProcessorStatus {
  name: string;
  /** This process holds the processor's lock and runs it. */
  runningHere: boolean;
  globalPosition: number;
  eventsProcessed: number;
  lagEvents: number;
  lastError: string | null;
}

/**
 * Elects one runner per processor across all processes with PostgreSQL session advisory locks,
 * held on one dedicated connection: when the process or its connection dies, the locks go with
 * it and a standby takes over at its next attempt.
 */
export class ProcessorHost {
  private readonly runners = new Map<string, ProcessorRunner>();
  private readonly lastErrors = new Map<string, string>();
  private readonly positions: ProcessorPositions;
  private leaderClient: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private electing: Promise<void> | null = null;
  private readonly advanceListeners = new Set<(processor: string) => void>();

  constructor(
    private readonly processors: readonly Processor[],
    private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly options: ProcessorHostOptions,
  ) {
    const names = new Set<string>();
    for (const processor of processors) {
      if (names.has(processor.name)) throw new Error(`Two processors are named ${processor.name}`);
      names.add(processor.name);
    }
    this.positions = new ProcessorPositions(dataSource);
  }

  async start(): Promise<void> {
    this.stopped = false;
    for (const processor of this.processors) await this.positions.ensure(processor.name);
    await this.elect();
    this.timer = setInterval(() => void this.elect(), this.options.standbyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.electing;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
    const client = this.leaderClient;
    this.leaderClient = null;
    // Closing the session releases every advisory lock it held.
    await client?.end().catch(() => undefined);
  }

  /** Calls back whenever a processor run here moves its position; returns an unsubscribe function. */
  onAdvance(listener: (processor: string) => void): () => void {
    this.advanceListeners.add(listener);
    return () => this.advanceListeners.delete(listener);
  }

  /** Processors this process runs right now. */
  runningHere(): string[] {
    return [...this.runners.keys()];
  }

  runsHere(name: string): boolean {
    return this.runners.has(name);
  }

  async status(): Promise<ProcessorStatus[]> {
    const [positions, head] = await Promise.all([this.positions.readAll(), this.eventStore.headPosition()]);
    const byName = new Map(positions.map((p) => [p.name, p]));
    return this.processors.map((processor) => {
      const position = byName.get(processor.name);
      const runner = this.runners.get(processor.name);
      const globalPosition = position?.globalPosition ?? 0;
      return {
        name: processor.name,
        runningHere: runner !== undefined,
        globalPosition,
        eventsProcessed: position?.eventsProcessed ?? 0,
        lagEvents: runner?.isCaughtUp ? 0 : Math.max(0, head - globalPosition),
        lastError: this.lastErrors.get(processor.name) ?? null,
      };
    });
  }

  private elect(): Promise<void> {
    this.electing ??= this.tryTakeOver().finally(() => {
      this.electing = null;
    });
    return this.electing;
  }

  private async tryTakeOver(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.ensureLeaderClient();
      for (const processor of this.processors) {
        if (this.stopped || this.runners.has(processor.name)) continue;
        if (!(await tryLockProcessor(client, processor.name))) continue;
        const runner = new ProcessorRunner(processor, this.dataSource, this.eventStore, this.positions, {
          batchSize: this.options.batchSize,
          pollMs: this.options.pollMs,
          onBatch: this.options.onBatch,
          onAdvance: (name) => {
            for (const listener of this.advanceListeners) listener(name);
          },
          onError: (name, error) => {
            const message = error instanceof Error ? error.message : String(error);
            this.lastErrors.set(name, message);
            this.options.log('error', `processor ${name} failed a batch; retrying`, { error: message });
          },
        });
        this.runners.set(processor.name, runner);
        runner.start();
        this.options.log('info', `processor ${processor.name} runs in this process`);
      }
    } catch (error) {
      this.options.log('warn', 'processor election failed; retrying', { error: (error as Error).message });
    }
  }

  private async ensureLeaderClient(): Promise<Client> {
    if (this.leaderClient) return this.leaderClient;
    const client = await this.options.connectLeaderClient();
    const lose = () => void this.loseLeadership(client);
    client.on('error', lose);
    client.on('end', lose);
    this.leaderClient = client;
    return client;
  }

  /** The lock connection is gone, so the locks are gone: stop at once and stand by again. */
  private async loseLeadership(client: Client): Promise<void> {
    if (this.leaderClient !== client) return;
    this.leaderClient = null;
    const runners = [...this.runners.values()];
    this.runners.clear();
    if (runners.length > 0) {
      this.options.log('warn', 'lost the processor lock connection; standing by', {
        processors: runners.map((r) => r.processor.name),
      });
    }
    await Promise.all(runners.map((runner) => runner.stop()));
    client.end().catch(() => undefined);
  }
}
