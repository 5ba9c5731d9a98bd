/**
 * Redis over the Upstash REST API (`@upstash/redis`): Vercel KV and Upstash from serverless
 * functions. Same scripts and keys as the native backend; every HTTP call is bounded by one
 * timeout covering its retry, so an unreachable endpoint answers 503 within a second.
 */
import { Redis } from '@upstash/redis';
import { createScriptStore } from '../redis/script-store.js';
import type { RedisTransport } from '../redis/script-store.js';
import type { Store } from '../store.js';

export interface UpstashStoreOptions {
  /** REST endpoint, e.g. `https://eu1-example.upstash.io`. */
  url: string;
  token: string;
  /** Longest wait for one HTTP call, retry included, e.g. 800. */
  timeoutMs: number;
}

/** `https://host` of a REST URL, for logs and `/api/health`; the token is never part of it. */
export function upstashTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

function createUpstashTransport(options: UpstashStoreOptions): RedisTransport {
  const client = new Redis({
    url: options.url,
    token: options.token,
    // Values are our own JSON; parse them ourselves rather than let the client guess.
    automaticDeserialization: false,
    enableTelemetry: false,
    // One HTTP call per command, each with its own deadline, rather than batches of unrelated ones.
    enableAutoPipelining: false,
    // A function, so each call gets its own deadline (a shared signal would abort once, forever);
    // the deadline spans the client's retry too.
    signal: () => AbortSignal.timeout(options.timeoutMs),
    retry: { retries: 1, backoff: () => 50 },
  });

  return {
    evalsha: (sha1, keys, args) => client.evalsha(sha1, keys, args),
    eval: (script, keys, args) => client.eval(script, keys, args),
    get: (key) => client.get<string>(key),
    set: async (key, value) => void (await client.set(key, value)),
    ping: async () => void (await client.ping()),
    close: async () => undefined,
  };
}

/** A store on the Upstash REST endpoint at `options.url`; no connection is held between calls. */
export function createUpstashStore(options: UpstashStoreOptions): Store {
  return createScriptStore({
    kind: 'upstash',
    target: upstashTarget(options.url),
    transport: createUpstashTransport(options),
  });
}
