import { describe } from 'vitest';
import { shouldSkipRedis, startTestRedis } from '../../../test/support/redis-server.js';
import { startUpstashRestServer } from '../../../test/support/upstash-rest-server.js';
import { damageRedisBooking } from '../../../test/redis/damage.js';
import { describeStoreContract } from '../store.contract.js';
import { createUpstashStore } from './upstash.store.js';

describe.skipIf(shouldSkipRedis())('upstash backend', () => {
  describeStoreContract('upstash', async () => {
    const redis = await startTestRedis();
    const rest = await startUpstashRestServer(redis.url);
    const store = createUpstashStore({ url: rest.url, token: rest.token, timeoutMs: 5000 });
    return {
      store,
      damageBooking: (slug, dateKey, timeKey) => damageRedisBooking(redis.url, slug, dateKey, timeKey),
      cleanup: async () => {
        await store.close();
        await rest.close();
        await redis.close();
      },
    };
  });
});
