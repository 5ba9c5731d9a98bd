/**
 * Redis over the Upstash REST API (`@upstash/redis`'s commands, carried over Node's http by ./node-requester.ts):
 * Vercel KV and Upstash from serverless functions. Same scripts and keys as the native backend;
 * every HTTP call is bounded by one timeout covering its retry, so an unreachable endpoint
 * answers 503 within a second. One HTTP call per command: no auto-pipelining of unrelated ones.
 */
import { Redis } from '@upstash/redis';
import type { Requester } from '@upstash/redis';
import { createScriptStore } from '../redis/script-store.js';
import { createNodeRequester } from './node-requester.js';
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
function upstashTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * The library's client with its HTTP leg swapped for ./node-requester.ts. Its public constructor
 * takes either a config (options, but `fetch`) or a requester (but default options, which would
 * JSON-parse our values), so a subclass sets the protected `client` the commands go through.
 */
class NodeRequesterRedis extends Redis {
  constructor(options: UpstashStoreOptions, requester: Requester) {
    super({
      url: options.url,
      token: options.token,
      // Values are our own JSON; parse them ourselves rather than let the client guess.
      automaticDeserialization: false,
      enableTelemetry: false,
      // One HTTP call per command, each with its own deadline, rather than batches of unrelated ones.
      enableAutoPipelining: false,
    });
    this.client = requester;
  }
}

function createUpstashTransport(options: UpstashStoreOptions): RedisTransport {
  const requester = createNodeRequester(options);
  const client = new NodeRequesterRedis(options, requester);
  return {
    evalsha: (sha1, keys, args) => client.evalsha(sha1, keys, args),
    eval: (script, keys, args) => client.eval(script, keys, args),
    get: (key) => client.get<string>(key),
    set: async (key, value) => void (await client.set(key, value)),
    ping: async () => void (await client.ping()),
    scan: async (pattern) => {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await client.scan(cursor, { match: pattern, count: 1000 });
        keys.push(...batch);
        cursor = String(next);
      } while (cursor !== '0');
      return keys;
    },
    close: async () => requester.close(),
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
