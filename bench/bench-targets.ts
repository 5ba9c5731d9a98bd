/**
 * Backends benchmarked besides SQLite: a native Redis started for the run (never the machine's
 * shared one) and the same Redis behind the in-repo Upstash REST front. `BENCH_STORES` picks
 * (default `sqlite,redis,upstash`; Redis targets need `redis-server` on PATH).
 */
import { redisUnavailableReason, startTestRedis } from '../test/support/redis-server.js';
import { startUpstashRestServer } from '../test/support/upstash-rest-server.js';
import type { BenchTarget } from './bench.js';

// Seeding 100,000 bookings is one script of about a second: allow it, and the unranged reads.
const PATIENT = { REDIS_COMMAND_TIMEOUT_MS: '30000', REDIS_CONNECT_TIMEOUT_MS: '5000' };
const NO_SQLITE_OR_REST = {
  KV_REST_API_URL: '',
  KV_REST_API_TOKEN: '',
  UPSTASH_REDIS_REST_URL: '',
  UPSTASH_REDIS_REST_TOKEN: '',
};

/** The Redis-backed targets named in `stores`, each with its own server. */
export async function extraBenchTargets(stores: readonly string[]): Promise<BenchTarget[]> {
  const wanted = stores.filter((store) => store === 'redis' || store === 'upstash');
  if (wanted.length === 0) return [];
  const reason = redisUnavailableReason();
  if (reason) {
    console.error(`Skipping Redis benchmarks: ${reason}`);
    return [];
  }
  const targets: BenchTarget[] = [];
  if (wanted.includes('redis')) {
    const redis = await startTestRedis();
    targets.push({
      name: 'redis',
      env: { ...PATIENT, ...NO_SQLITE_OR_REST, KV_REDIS_URL: redis.url, REDIS_URL: '' },
      cleanup: () => redis.close(),
    });
  }
  if (wanted.includes('upstash')) {
    const redis = await startTestRedis();
    const rest = await startUpstashRestServer(redis.url, { commandTimeoutMs: 30_000 });
    targets.push({
      name: 'upstash (REST)',
      env: { ...PATIENT, ...NO_SQLITE_OR_REST, KV_REST_API_URL: rest.url, KV_REST_API_TOKEN: rest.token },
      cleanup: async () => {
        await rest.close();
        await redis.close();
      },
    });
  }
  return targets;
}
