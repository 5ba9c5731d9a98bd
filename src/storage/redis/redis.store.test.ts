import { describe } from 'vitest';
import { shouldSkipRedis, startTestRedis } from '../../../test/support/redis-server.js';
import { describeStoreContract } from '../store.contract.js';
import { createRedisStore } from './redis.store.js';

describe.skipIf(shouldSkipRedis())('redis backend', () => {
  describeStoreContract('redis', async () => {
    const redis = await startTestRedis();
    const store = await createRedisStore({ url: redis.url, connectTimeoutMs: 1000, commandTimeoutMs: 5000 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await redis.close();
      },
    };
  });
});
