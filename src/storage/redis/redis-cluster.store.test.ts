import { describe } from 'vitest';
import { Cluster } from 'ioredis';
import { shouldSkipCluster, startTestCluster } from '../../../test/support/redis-cluster.js';
import { describeStoreContract } from '../store.contract.js';
import { instanceKeys } from './keyspace.js';
import { createRedisStore } from './redis.store.js';

describe.skipIf(shouldSkipCluster())('redis cluster backend', () => {
  describeStoreContract('redis cluster', async () => {
    const cluster = await startTestCluster();
    // Detected from `INFO cluster`, as a deployment without REDIS_CLUSTER set would.
    const store = await createRedisStore({ url: cluster.url, connectTimeoutMs: 1000, commandTimeoutMs: 5000 });
    const inspect = new Cluster([{ host: '127.0.0.1', port: cluster.ports[0]! }]);
    return {
      store,
      damageBooking: async (slug, dateKey, timeKey) => {
        const keys = instanceKeys(slug);
        await inspect.hset(`${keys.dayPrefix}${dateKey}`, timeKey, '{"user":"Jack","duration":1,}');
        await inspect.zadd(keys.dates, 0, dateKey);
      },
      cleanup: async () => {
        inspect.disconnect(false);
        await store.close();
        await cluster.close();
      },
    };
  });
});
