/**
 * Redis over its native protocol (ioredis): any `redis://` or TLS `rediss://` server, including
 * Upstash's and Vercel KV's TCP endpoints. Commands fail fast while the connection is down, so an
 * outage answers 503 within a second (issue 3 §6), and the client keeps reconnecting in the
 * background so the next request after recovery succeeds without a restart.
 */
import { Redis } from 'ioredis';
import type { Store } from '../store.js';
import { failureCode } from '../store-failure.js';
import { createScriptStore } from './script-store.js';
import type { RedisTransport } from './script-store.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Longest wait for a TCP/TLS connection, e.g. 1000. */
  connectTimeoutMs: number;
  /** Longest wait for one command's reply, e.g. 700. */
  commandTimeoutMs: number;
}

/** `redis://host:port` of a Redis URL, with no credentials, for logs and `/api/health`. */
export function redisTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`;
}

/** The longest a request waits for a connection that is being opened right now. */
const READY_WAIT_CAP_MS = 300;
/** Reconnect quickly and forever: a recovered server is picked up within half a second. */
const MAX_RECONNECT_DELAY_MS = 500;

function createIoredisTransport(options: RedisStoreOptions): {
  transport: RedisTransport;
  firstConnection: () => Promise<void>;
} {
  const client = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs,
    // Fail fast instead of queueing while disconnected, and never resend after a drop.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(50 * attempt, MAX_RECONNECT_DELAY_MS),
    // RESP2 works with every Redis-compatible host; the scripts' replies are the same either way.
    protocol: 2,
    // close() should not linger on a socket that never finished its handshake.
    disconnectTimeout: 500,
  });

  let lastError = '';
  // Without a listener ioredis reports every failed reconnect; log each distinct failure once,
  // as a code only: ioredis messages can carry the command and its arguments (issue 7 §5.8).
  client.on('error', (error: Error) => {
    const code = failureCode(error);
    if (code === lastError) return;
    lastError = code;
    console.warn(`Redis (${redisTarget(options.url)}): ${code}`);
  });
  client.on('ready', () => {
    if (lastError) console.warn(`Redis (${redisTarget(options.url)}): connection restored`);
    lastError = '';
  });

  // Blocking reads get a connection of their own (a blocked connection answers nothing else),
  // opened on the first watch, with no command timeout (the block is longer) and no retries.
  let blocking: Redis | undefined;
  function blockingClient(): Redis {
    if (blocking) return blocking;
    blocking = new Redis(options.url, {
      connectTimeout: options.connectTimeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(50 * attempt, MAX_RECONNECT_DELAY_MS),
      protocol: 2,
      disconnectTimeout: 500,
    });
    // The main connection reports failures; the watch loop retries on its own.
    blocking.on('error', () => undefined);
    return blocking;
  }

  const readyWaitMs = Math.min(options.connectTimeoutMs, READY_WAIT_CAP_MS);

  /** Waits briefly for a connection in progress; rejects at once while the server is down. */
  function whenReady(waitMs = readyWaitMs): Promise<void> {
    if (client.status === 'ready') return Promise.resolve();
    if (client.status !== 'connecting' && client.status !== 'connect') {
      return Promise.reject(
        Object.assign(new Error(`Redis connection is ${client.status}`), { code: 'NOT_CONNECTED' }),
      );
    }
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error(`Redis connection timed out: not ready after ${waitMs} ms`));
      }, waitMs);
      client.once('ready', onReady);
    });
  }

  async function send<T>(command: () => Promise<T>): Promise<T> {
    await whenReady();
    try {
      return await command();
    } catch (error) {
      // A server that stopped answering keeps the socket open; drop it so the next commands fail
      // fast instead of each waiting out the timeout, and reconnect in the background.
      if (error instanceof Error && /timed out/i.test(error.message)) client.disconnect(true);
      throw error;
    }
  }

  const transport: RedisTransport = {
    // One argument array, not spread: an import can pass hundreds of thousands of arguments.
    evalsha: (sha1, keys, args) => send(() => client.call('EVALSHA', [sha1, keys.length, ...keys, ...args])),
    eval: (script, keys, args) => send(() => client.call('EVAL', [script, keys.length, ...keys, ...args])),
    get: (key) => send(() => client.get(key)),
    set: async (key, value) => void (await send(() => client.set(key, value))),
    ping: async () => void (await send(() => client.ping())),
    waitForEntry: async (key, afterId, blockMs, signal) => {
      const connection = blockingClient();
      // A block cannot be cancelled: drop its connection, or the next watch would queue behind it.
      const letGo = () => {
        if (blocking === connection) blocking = undefined;
        connection.disconnect(false);
      };
      if (signal.aborted) return;
      signal.addEventListener('abort', letGo, { once: true });
      try {
        await connection.call('XREAD', ['BLOCK', blockMs, 'COUNT', 1, 'STREAMS', key, afterId]);
      } finally {
        signal.removeEventListener('abort', letGo);
      }
    },
    close: async () => {
      client.disconnect(false);
      blocking?.disconnect(false);
    },
  };
  return { transport, firstConnection: () => whenReady(options.connectTimeoutMs) };
}

/**
 * Connects to Redis at `options.url` (waiting up to the connect timeout for the first
 * connection, then continuing anyway: requests answer 503 until the server is reachable).
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<Store> {
  const { transport, firstConnection } = createIoredisTransport(options);
  await firstConnection().catch((error: unknown) => {
    console.warn(
      `Redis (${redisTarget(options.url)}): not reachable yet (${failureCode(error)}); retrying in the background`,
    );
  });
  return createScriptStore({ kind: 'redis', target: redisTarget(options.url), transport });
}
