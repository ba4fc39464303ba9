import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config';
import { APP_CONFIG, REDIS } from '../tokens';

/**
 * A fixed one-second window per API key, counted in Redis so every process shares it. When Redis
 * is not answering the limit is not enforced: availability of the API comes first.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one request; returns null when allowed, or the seconds to wait. */
  async hit(keyId: string): Promise<number | null> {
    const limit = this.config.rateLimitPerSecond;
    if (limit === 0 || this.redis.status !== 'ready') return null;
    const second = Math.floor(Date.now() / 1000);
    const key = `${this.config.redisPrefix}:rate:${keyId}:${second}`;
    try {
      const results = await this.redis.multi().incr(key).expire(key, 2).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return count > limit ? 1 : null;
    } catch {
      return null;
    }
  }
}
