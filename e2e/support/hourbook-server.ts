/**
 * The server side of a browser test: the real app (the one boot) in-process on a real SQLite file
 * in a temp folder, a fixed clock, and the built client served next to the API. Also a variant whose
 * listener can be stopped and started again on the same port (the offline test), a
 * static-only server with no API at all (the demo build), and two production server processes
 * on one Redis (the live-update test).
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/server/app-env.js';
import { securityHeaders } from '../../src/server/middleware/security-headers.js';
import { mountStaticClient } from '../../src/server/static-client.js';
import type { Store } from '../../src/storage/store.js';
import { bootWithStore, listenOnLoopback, startApiServer } from '../../test/support/api-server.js';
import { ensureBuilt } from '../../test/support/built-tree.js';
import { startServerProcess } from '../../test/support/server-process.js';
import type { ServerProcess } from '../../test/support/server-process.js';
import { createTempSqliteStore } from '../../test/support/sqlite-fixture.js';

export interface HourbookServer {
  url: string;
  store: Store;
  /** Moves the server's clock; the browser's is set separately (see page.ts). */
  setNow: (instant: number) => void;
  close: () => Promise<void>;
}

export interface RestartableHourbookServer extends HourbookServer {
  port: number;
  /** Closes the listener and every open connection: the browser sees a dead API. */
  stop: () => Promise<void>;
  /** Listens again on the same port with the same app and store. */
  restart: () => Promise<void>;
}

interface ServerOptions {
  clientDir: string;
  now: number;
  /** Any other variable, e.g. `{ LIVE_UPDATES: 'off' }`. */
  env?: Record<string, string>;
}

function openTempStore(): { store: Store; dispose: () => Promise<void> } {
  const { store, cleanup } = createTempSqliteStore();
  return { store, dispose: cleanup };
}

/** Starts the API and the client on a free loopback port with the clock fixed at `now`. */
export async function startHourbook(options: ServerOptions): Promise<HourbookServer> {
  const { store, dispose } = openTempStore();
  let now = options.now;
  const api = await startApiServer({ store, clock: () => now, clientRoot: options.clientDir, env: options.env });
  return {
    url: api.url,
    store,
    setNow: (instant) => (now = instant),
    close: async () => {
      await api.close();
      await dispose();
    },
  };
}

/** Like `startHourbook`, but the listener can be stopped and restarted on the same port. */
export async function startRestartableHourbook(options: ServerOptions): Promise<RestartableHourbookServer> {
  const { store, dispose } = openTempStore();
  let now = options.now;
  // The same generous limits as test/support/api-server.ts: the tests are not about rate limits.
  const { app } = await bootWithStore({ store, allowedOrigins: [], clock: () => now, clientRoot: options.clientDir });
  // Closing also cuts keep-alive sockets, which would otherwise keep the "stopped" API answering.
  let listener: Awaited<ReturnType<typeof listenOnLoopback>> | undefined = await listenOnLoopback(app.fetch);
  const { port, url } = listener;
  return {
    url,
    port,
    store,
    setNow: (instant) => (now = instant),
    stop: async () => {
      await listener?.close();
      listener = undefined;
    },
    restart: async () => {
      listener ??= await listenOnLoopback(app.fetch, port);
    },
    close: async () => {
      await listener?.close();
      listener = undefined;
      await dispose();
    },
  };
}

/** Serves only the built files (with the same security headers): no `/api` route exists. */
export async function startStaticOnly(clientDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders());
  mountStaticClient(app, { root: clientDir });
  const { url, close } = await listenOnLoopback(app.fetch);
  return { url, close };
}

/** Two server processes on one Redis; the browser reaches B through a proxy that can cut its streams. */
export interface HourbookProcessPair {
  /** The server the test writes through. */
  a: ServerProcess;
  /** The server the browser follows (its `url` is the proxy's). */
  b: ServerProcess & {
    /** Cuts B's open change streams, as a proxy timing out a long request would; B stays up. */
    dropEventStreams: () => void;
  };
  close: () => Promise<void>;
}

/**
 * Starts two production servers (`node build/server/main.js`) on the Redis at `redisUrl`: a
 * change through A reaches B's streams only through Redis. They run on the real clock.
 */
export async function startHourbookProcessPair(options: {
  redisUrl: string;
  slug: string;
  /** Any other variable, e.g. `{ EVENTS_MAX_PER_CLIENT: '3' }`. */
  env?: Record<string, string>;
}): Promise<HourbookProcessPair> {
  await ensureBuilt();
  const env = {
    KV_REDIS_URL: options.redisUrl,
    INSTANCE_SLUG: options.slug,
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_READ_MAX: '100000',
    ...options.env,
  };
  const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const proxy = await proxyTo(b.port);
  return {
    a,
    b: { ...b, url: proxy.url, dropEventStreams: proxy.dropEventStreams },
    close: async () => {
      await proxy.close();
      await Promise.all([a.stop(), b.stop()]);
    },
  };
}

/** A TCP proxy on a free loopback port to `port`, which knows the connections that carry a stream. */
async function proxyTo(
  port: number,
): Promise<{ url: string; dropEventStreams: () => void; close: () => Promise<void> }> {
  const connections = new Set<Socket>();
  const streams = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    connections.add(client);
    client.on('data', (chunk: Buffer) => {
      if (chunk.toString('latin1', 0, 16).startsWith('GET /api/events')) streams.add(client);
    });
    client.pipe(upstream).pipe(client);
    const forget = () => {
      connections.delete(client);
      streams.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    dropEventStreams: () => {
      for (const client of streams) client.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of connections) client.destroy();
        server.close(() => resolve());
      }),
  };
}
