/**
 * Redis over its native protocol (ioredis): any `redis://` or TLS `rediss://` server, including
 * Upstash's and Vercel KV's TCP endpoints. Commands fail fast while the connection is down, so an
 * outage answers 503 within a second (issue 3 §6), and the client keeps reconnecting in the
 * background so the next request after recovery succeeds without a restart. The same holds for
 * a Redis Cluster (issue 8 §6), reached through any one of its nodes.
 */
import { Cluster, Redis } from 'ioredis';
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
  /**
   * Connect as a Redis Cluster client, with `url` as the seed node; undefined asks the server
   * (`INFO cluster`) at start-up.
   */
  cluster?: boolean;
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

const reconnectDelay = (attempt: number) => Math.min(50 * attempt, MAX_RECONNECT_DELAY_MS);

function nodeOptions(options: RedisStoreOptions) {
  return {
    connectTimeout: options.connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs,
    // Fail fast instead of queueing while disconnected, and never resend after a drop.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelay,
    // RESP2 works with every Redis-compatible host; the scripts' replies are the same either way.
    protocol: 2 as const,
    // close() should not linger on a socket that never finished its handshake.
    disconnectTimeout: 500,
  };
}

/**
 * A cluster client seeded by the node `url` names, its credentials and TLS used for every node.
 * `forBlocking`: for the change watch's blocking reads, with no command timeout (the block is
 * longer) and commands queued until the cluster is reachable.
 */
function createClusterClient(options: RedisStoreOptions, forBlocking = false): Cluster {
  const seed = new URL(options.url);
  const { commandTimeout, ...untimed } = nodeOptions(options);
  return new Cluster([{ host: seed.hostname, port: Number(seed.port || 6379) }], {
    enableOfflineQueue: forBlocking,
    clusterRetryStrategy: reconnectDelay,
    slotsRefreshTimeout: options.connectTimeoutMs,
    // A moved slot is followed at once; a failover waits for the cluster no longer than a request may.
    retryDelayOnMoved: 0,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    redisOptions: {
      ...(forBlocking ? { ...untimed, enableOfflineQueue: true } : { ...untimed, commandTimeout }),
      username: seed.username ? decodeURIComponent(seed.username) : undefined,
      password: seed.password ? decodeURIComponent(seed.password) : undefined,
      tls: seed.protocol === 'rediss:' ? { servername: seed.hostname } : undefined,
    },
  });
}

/**
 * Whether the server at `url` is a cluster node (`cluster_enabled:1` in `INFO cluster`); false,
 * with a warning, when it cannot be asked now.
 */
async function detectCluster(options: RedisStoreOptions): Promise<boolean> {
  const probe = new Redis(options.url, { ...nodeOptions(options), lazyConnect: true, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return /^cluster_enabled:1\b/m.test(await probe.info('cluster'));
  } catch (error) {
    console.warn(
      `Redis (${redisTarget(options.url)}): cannot tell whether it is a cluster (${failureCode(error)}); ` +
        'assuming a single server, set REDIS_CLUSTER to decide',
    );
    return false;
  } finally {
    probe.disconnect(false);
  }
}

/** SCAN's batch size: few round trips, each short enough not to hold the server up. */
const SCAN_COUNT = 1000;

async function scanNode(node: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

function createIoredisTransport(
  options: RedisStoreOptions,
  cluster: boolean,
): {
  transport: RedisTransport;
  firstConnection: () => Promise<void>;
} {
  const client = cluster ? createClusterClient(options) : new Redis(options.url, nodeOptions(options));

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
  // On a cluster the read goes to the shard of the instance's log, so that client is a cluster too.
  let blocking: Redis | Cluster | undefined;
  function blockingClient(): Redis | Cluster {
    if (blocking) return blocking;
    blocking = cluster
      ? createClusterClient(options, true)
      : new Redis(options.url, {
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
      // fast instead of each waiting out the timeout, and reconnect in the background. Not on a
      // cluster: that would cut every shard, and instances on the healthy ones would fail too.
      if (!cluster && error instanceof Error && /timed out/i.test(error.message)) client.disconnect(true);
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
    // Each master holds its own slots' keys: a cluster is scanned node by node.
    scan: (pattern) =>
      send(async () => {
        const nodes = client instanceof Cluster ? client.nodes('master') : [client];
        return (await Promise.all(nodes.map((node) => scanNode(node, pattern)))).flat();
      }),
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
  const cluster = options.cluster ?? (await detectCluster(options));
  const { transport, firstConnection } = createIoredisTransport(options, cluster);
  await firstConnection().catch((error: unknown) => {
    console.warn(
      `Redis (${redisTarget(options.url)}): not reachable yet (${failureCode(error)}); retrying in the background`,
    );
  });
  return createScriptStore({ kind: 'redis', target: redisTarget(options.url), transport, cluster });
}
