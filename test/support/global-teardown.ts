import { Redis } from 'ioredis';
import { databasePrefix, dropRunDatabases, runId, TEST_REDIS_URL } from './test-environment';

export default async function globalTeardown(): Promise<void> {
  await dropRunDatabases(databasePrefix());
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `fmtest:${runId()}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis is not needed by every test; nothing to clean when it is absent.
  } finally {
    redis.disconnect();
  }
}
