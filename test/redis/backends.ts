/**
 * Every backend, opened the way production opens it, for tests that must hold on all of them:
 * SQLite on a fresh file, native Redis and Upstash REST on a private `redis-server`.
 */
import { Redis } from 'ioredis';
import { createRedisStore } from '../../src/storage/redis/redis.store.js';
import { storeConfigFromEnv } from '../../src/storage/select-store.js';
import type { Store } from '../../src/storage/store.js';
import { createUpstashStore } from '../../src/storage/upstash/upstash.store.js';
import { startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';
import { startUpstashRestServer } from '../support/upstash-rest-server.js';
import type { TestUpstashServer } from '../support/upstash-rest-server.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

export type BackendName = 'sqlite' | 'redis' | 'upstash';

export interface OpenBackend {
  store: Store;
  /** The private Redis behind the store (not for SQLite). */
  redis?: TestRedis;
  rest?: TestUpstashServer;
  /** A plain client on that Redis, for looking at keys directly. */
  inspect?: Redis;
  close: () => Promise<void>;
}

export interface OpenBackendOptions {
  /**
   * `production` (default) uses the shipped timeouts, for outage tests; `patient` allows 5 s per
   * command, so tests of atomicity and data cannot fail because a busy CI machine is slow.
   */
  timeouts?: 'production' | 'patient';
}

/** Opens backend `name`. */
export async function openBackend(name: BackendName, options: OpenBackendOptions = {}): Promise<OpenBackend> {
  if (name === 'sqlite') {
    const { store, cleanup } = createTempSqliteStore();
    return { store, close: cleanup };
  }
  const redis = await startTestRedis();
  const inspect = new Redis(redis.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  inspect.on('error', () => {
    // Outage tests stop this Redis on purpose.
  });
  const rest = name === 'upstash' ? await startUpstashRestServer(redis.url) : undefined;
  // Production defaults, as select-store.ts derives them from the environment.
  const patience = options.timeouts === 'patient' ? { REDIS_COMMAND_TIMEOUT_MS: '5000' } : {};
  const config = storeConfigFromEnv({
    ...(rest ? { KV_REST_API_URL: rest.url, KV_REST_API_TOKEN: rest.token } : { REDIS_URL: redis.url }),
    ...patience,
  });
  const store =
    config.kind === 'upstash'
      ? createUpstashStore(config)
      : config.kind === 'redis'
        ? await createRedisStore(config)
        : undefined;
  if (!store) throw new Error(`unexpected store kind ${config.kind}`);
  return {
    store,
    redis,
    rest,
    inspect,
    close: async () => {
      await store.close();
      await rest?.close();
      inspect.disconnect(false);
      await redis.close();
    },
  };
}
