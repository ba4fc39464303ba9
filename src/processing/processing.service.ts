import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Logger } from 'pino';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { AppConfig } from '../platform/config';
import { Metrics } from '../platform/metrics';
import { APP_CONFIG, CONNECT_PG_CLIENT, LOGGER, PLATFORM_OPTIONS, PlatformOptions } from '../platform/tokens';

import { ProcessorHost, ProcessorStatus } from './processor-host';
import { ProcessorRegistry } from './processor-registry';
import { processorHasReached } from './processor-reach';

/** How often read-your-writes looks at the position of a processor that another process runs. */
const ELSEWHERE_POLL_MS = 25;

/** Starts the processor host once every module has registered its processors. */
@Injectable()
export class ProcessingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private host: ProcessorHost | null = null;

  constructor(
    private readonly registry: ProcessorRegistry,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONNECT_PG_CLIENT) private readonly connectClient: () => Promise<Client>,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runProcessors) return;
    this.host = new ProcessorHost(this.registry.all(), this.dataSource, this.eventStore, {
      batchSize: this.config.processorBatchSize,
      pollMs: this.config.processorPollMs,
      standbyMs: 1000,
      connectLeaderClient: this.connectClient,
      log: (level, message, details) => this.logger[level](details ?? {}, message),
      onBatch: (name, events, durationMs) => {
        this.metrics.processorEvents.inc({ processor: name }, events.length);
        this.metrics.processorBatchSeconds.observe({ processor: name }, durationMs / 1000);
      },
    });
    await this.host.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host?.stop();
  }

  /** Names of the processors whose effects are read models (they can be rebuilt). */
  projectionNames(): string[] {
    return this.registry
      .all()
      .filter((p) => p.reset)
      .map((p) => p.name);
  }

  /**
   * Read-your-writes: waits until every named processor has applied the event at `position`.
   * Returns false when `timeoutMs` passes first. It looks again whenever a processor run in this
   * process moves its position; one run by another process moves unseen, so while any of them is
   * elsewhere it also looks every few milliseconds.
   */
  async waitFor(names: readonly string[], position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // Positions only move forward: a processor that has reached the position is not looked at again.
    const pending = new Set(names);
    // Set by a batch that ends while the positions are being looked at, so that it is not missed.
    let woken: boolean;
    let wake: (() => void) | null = null;
    const unsubscribe = this.host?.onAdvance((name) => {
      if (!pending.has(name)) return;
      woken = true;
      wake?.();
    });
    try {
      for (;;) {
        woken = false;
        for (const name of await this.reached([...pending], position)) pending.delete(name);
        if (pending.size === 0) return true;
        const remaining = deadline - Date.now();
        if (remaining <= 0) return false;
        if (woken) continue;
        const elsewhere = [...pending].some((name) => !this.host?.runsHere(name));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, elsewhere ? Math.min(remaining, ELSEWHERE_POLL_MS) : remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      unsubscribe?.();
    }
  }

  /** Those of the named processors that have applied everything they handle up to `position`. */
  private async reached(names: readonly string[], position: number): Promise<string[]> {
    const rows: Array<{ name: string; cursor: string | null }> = await this.dataSource.query(
      'SELECT name, cursor FROM fm_processor_positions WHERE name = ANY($1)',
      [names],
    );
    const reached = await Promise.all(
      rows.map((row) => processorHasReached(this.eventStore, row.cursor, position, this.registry.find(row.name)?.eventTypes)),
    );
    return rows.filter((_, index) => reached[index]).map((row) => row.name);
  }

  async status(): Promise<ProcessorStatus[]> {
    return this.host ? this.host.status() : [];
  }
}
