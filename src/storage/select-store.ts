/**
 * The one place that maps configuration to a store (STYLE.md 3). Nothing else reads storage
 * variables. Precedence (issue 3 §1): Upstash REST (`KV_REST_API_*`, else `UPSTASH_REDIS_REST_*`),
 * then native Redis (`KV_REDIS_URL`, else `REDIS_URL`), then SQLite in `DATA_DIR`.
 */
import { join } from 'node:path';
import type { Store } from './store.js';

export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'redis'; url: string; connectTimeoutMs: number; commandTimeoutMs: number }
  | { kind: 'upstash'; url: string; token: string; timeoutMs: number };

type Env = Record<string, string | undefined>;

const DEFAULT_CONNECT_TIMEOUT_MS = 1000;
const DEFAULT_COMMAND_TIMEOUT_MS = 700;

/** An environment variable, with empty meaning unset (as in src/server/settings.ts). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function milliseconds(env: Env, name: string, fallback: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 60_000) {
    throw new Error(`${name}: must be a whole number of milliseconds from 1 to 60000, got "${value}"`);
  }
  return parsed;
}

function checkUrl(name: string, value: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: not a valid URL`);
  }
  if (!protocols.includes(url.protocol) || !url.hostname) {
    throw new Error(`${name}: must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL with a host`);
  }
  return value;
}

/** The REST pair in use, or undefined when neither variable of either pair is set. */
function restPair(env: Env): { url: string; token: string } | undefined {
  for (const [urlName, tokenName] of [
    ['KV_REST_API_URL', 'KV_REST_API_TOKEN'],
    ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
  ] as const) {
    const url = read(env, urlName);
    const token = read(env, tokenName);
    if (!url && !token) continue;
    if (!url) throw new Error(`${urlName}: missing (${tokenName} is set)`);
    if (!token) throw new Error(`${tokenName}: missing (${urlName} is set)`);
    return { url: checkUrl(urlName, url, ['https:', 'http:']), token };
  }
  return undefined;
}

/**
 * Reads which backend to use from the environment; throws a one-line error naming a bad variable.
 * Timeouts: `REDIS_CONNECT_TIMEOUT_MS` (default 1000), `REDIS_COMMAND_TIMEOUT_MS` (default 700,
 * also the REST call timeout).
 */
export function storeConfigFromEnv(env: Env): StoreConfig {
  const rest = restPair(env);
  if (rest) {
    return {
      kind: 'upstash',
      ...rest,
      timeoutMs: milliseconds(env, 'REDIS_COMMAND_TIMEOUT_MS', DEFAULT_COMMAND_TIMEOUT_MS),
    };
  }
  const redisName = read(env, 'KV_REDIS_URL') ? 'KV_REDIS_URL' : read(env, 'REDIS_URL') ? 'REDIS_URL' : undefined;
  if (redisName) {
    return {
      kind: 'redis',
      url: checkUrl(redisName, read(env, redisName) as string, ['redis:', 'rediss:']),
      connectTimeoutMs: milliseconds(env, 'REDIS_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS),
      commandTimeoutMs: milliseconds(env, 'REDIS_COMMAND_TIMEOUT_MS', DEFAULT_COMMAND_TIMEOUT_MS),
    };
  }
  return { kind: 'sqlite', file: join(read(env, 'DATA_DIR') ?? './data', 'hourbook.db') };
}

/**
 * Opens the store a config names. Backends load lazily, so a deployment never loads a driver it
 * does not use (the Vercel functions never load SQLite's native module).
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'upstash': {
      const { createUpstashStore } = await import('./upstash/upstash.store.js');
      return createUpstashStore(config);
    }
    case 'redis': {
      const { createRedisStore } = await import('./redis/redis.store.js');
      return createRedisStore(config);
    }
    case 'sqlite': {
      const { createSqliteStore } = await import('./sqlite/sqlite.store.js');
      return createSqliteStore({ file: config.file });
    }
  }
}
