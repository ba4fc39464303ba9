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
    // Set by a batch that ends while the positions are being looked at, so that it is not missed.
    let woken: boolean;
    let wake: (() => void) | null = null;
    const unsubscribe = this.host?.onAdvance((name) => {
      if (!names.includes(name)) return;
      woken = true;
      wake?.();
    });
    try {
      for (;;) {
        woken = false;
        if (await this.haveReached(names, position)) return true;
        const remaining = deadline - Date.now();
        if (remaining <= 0) return false;
        if (woken) continue;
        const elsewhere = names.some((name) => !this.host?.runsHere(name));
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

  private async haveReached(names: readonly string[], position: number): Promise<boolean> {
    const rows: Array<{ name: string; cursor: string | null }> = await this.dataSource.query(
      'SELECT name, cursor FROM fm_processor_positions WHERE name = ANY($1)',
      [names],
    );
    if (rows.length !== names.length) return false;
    for (const row of rows) {
      if (!(await processorHasReached(this.eventStore, row.cursor, position, this.registry.find(row.name)?.eventTypes)))
        return false;
    }
    return true;
  }

  async status(): Promise<ProcessorStatus[]> {
    return this.host ? this.host.status() : [];
  }
}
