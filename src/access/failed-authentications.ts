import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../platform/config';
import { APP_CONFIG } from '../platform/tokens';

const TRACKED_ADDRESSES = 50_000;

/**
 * Counts failed authentications per client address in one-second windows. Past the limit, the
 * address gets 429 before its secret is looked up, so a flood of random keys costs no database
 * round trip. Addresses of well-behaved clients never fail, so they are never counted.
 */
@Injectable()
export class FailedAuthentications {
  private readonly windows = new LRUCache<string, { second: number; failures: number }>({ max: TRACKED_ADDRESSES });

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Seconds to wait before this address may try an unknown secret again, or null. */
  retryAfter(address: string): number | null {
    const limit = this.config.unauthenticatedPerSecond;
    if (limit === 0) return null;
    const window = this.windows.get(address);
    return window && window.second === currentSecond() && window.failures >= limit ? 1 : null;
  }

  failed(address: string): void {
    const second = currentSecond();
    const window = this.windows.get(address);
    if (window && window.second === second) window.failures++;
    else this.windows.set(address, { second, failures: 1 });
  }
}

function currentSecond(): number {
  return Math.floor(Date.now() / 1000);
}
