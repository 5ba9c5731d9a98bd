import { describe } from 'vitest';
import { shouldSkipRedis, startTestRedis } from '../../../test/support/redis-server.js';
import { damageRedisBooking } from '../../../test/redis/damage.js';
import { describeStoreContract } from '../store.contract.js';
import { createRedisStore } from './redis.store.js';

describe.skipIf(shouldSkipRedis())('redis backend', () => {
  describeStoreContract('redis', async () => {
    const redis = await startTestRedis();
    const store = await createRedisStore({ url: redis.url, connectTimeoutMs: 1000, commandTimeoutMs: 5000 });
    return {
      store,
      damageBooking: (slug, dateKey, timeKey) => damageRedisBooking(redis.url, slug, dateKey, timeKey),
      cleanup: async () => {
        await store.close();
        await redis.close();
      },
    };
  });
});
