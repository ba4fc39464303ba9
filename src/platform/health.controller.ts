import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Pool } from 'pg';
import { Redis } from 'ioredis';
import { ProcessingService } from '../processing/processing.service';
import { Metrics } from './metrics';
import { AppConfig } from './config';
import { APP_CONFIG, PG_POOL, REDIS } from './tokens';
import { EVENT_STORE, EventStore, HeldHorizon } from '../event-store/event-store.port';

/** An appending transaction older than this is reported: readers of the event order wait for it. */
const HORIZON_REPORTED_AFTER_MS = 1000;
import { Public } from './auth/principal';

interface Check {
  status: 'up' | 'down';
  detail?: string;
}

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<Check> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: (error as Error).message };
  }
}

/** Unauthenticated probes for orchestrators and Prometheus. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly processing: ProcessingService,
    private readonly metrics: Metrics,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis, kurrentdb] = await Promise.all([
      check(() => this.pool.query('SELECT 1')),
      check(() => this.redis.ping()),
      // When KurrentDB holds the events, the service is no more ready than it is.
      this.config.eventStore === 'kurrentdb' ? check(() => this.eventStore.headPosition()) : Promise.resolve(null),
    ]);
    const processors = postgres.status === 'up' ? await this.processing.status() : [];
    const ready = postgres.status === 'up' && redis.status === 'up' && (kurrentdb === null || kurrentdb.status === 'up');
    void reply.status(ready ? 200 : 503);
    const horizon = postgres.status === 'up' && this.config.eventStore === 'postgres' ? await this.heldHorizon() : null;
    const checks = { postgres, redis, ...(kurrentdb ? { kurrentdb } : {}) };
    return { status: ready ? 'up' : 'down', checks, processors, ...(horizon ? { horizon } : {}) };
  }

  /** The transaction that holds every reader of the event order back, when one has for a while. */
  private async heldHorizon(): Promise<(HeldHorizon & { status: 'held' }) | null> {
    const held = await this.eventStore.heldHorizon?.().catch(() => null);
    return held && held.heldForMs >= HORIZON_REPORTED_AFTER_MS ? { status: 'held', ...held } : null;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metricsText(): Promise<string> {
    for (const status of await this.processing.status().catch(() => [])) {
      this.metrics.processorLag.set({ processor: status.name }, status.lagEvents);
    }
    return this.metrics.registry.metrics();
  }
}
