/**
 * The server side of a browser test: the real app (the one boot) in-process on a real SQLite file
 * in a temp folder, a fixed clock, and the built client served next to the API. Also a variant whose
 * listener can be stopped and started again on the same port (the offline test), and a
 * static-only server with no API at all (the demo build).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/server/app-env.js';
import { securityHeaders } from '../../src/server/middleware/security-headers.js';
import { mountStaticClient } from '../../src/server/static-client.js';
import type { Store } from '../../src/storage/store.js';
import { bootWithStore, listenOnLoopback, startApiServer } from '../../test/support/api-server.js';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite.store.js';
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

/** Two servers, as two processes would be: each app on its own store instance over one SQLite file. */
export interface HourbookPair {
  /** The server the test writes through. */
  a: HourbookServer;
  /** The server the browser follows, whose open change streams the test can cut. */
  b: HourbookServer & { dropEventStreams: () => void };
  close: () => Promise<void>;
}

/**
 * Starts two apps over two SQLite connections to one file: a change through A reaches B's
 * streams only through the file (the cross-process watch), never through shared memory.
 */
export async function startHourbookPair(options: ServerOptions): Promise<HourbookPair> {
  const first = createTempSqliteStore();
  const second = createSqliteStore({ file: first.file });
  let now = options.now;
  const boot = (store: Store) =>
    bootWithStore({ store, allowedOrigins: [], clock: () => now, clientRoot: options.clientDir, env: options.env });
  const [appA, appB] = await Promise.all([boot(first.store), boot(second)]);
  const listenerA = await listenOnLoopback(appA.app.fetch);
  const listenerB = await listenOnLoopback(appB.app.fetch);
  const streams = new Set<ServerResponse>();
  listenerB.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.startsWith('/api/events')) return;
    streams.add(response);
    response.on('close', () => streams.delete(response));
  });
  const setNow = (instant: number) => (now = instant);
  return {
    a: { url: listenerA.url, store: first.store, setNow, close: listenerA.close },
    b: {
      url: listenerB.url,
      store: second,
      setNow,
      close: listenerB.close,
      // As a proxy timing out a long request would: the socket goes, the server stays.
      dropEventStreams: () => {
        for (const response of streams) response.socket?.destroy();
      },
    },
    close: async () => {
      await listenerA.close();
      await listenerB.close();
      await second.close();
      await first.cleanup();
    },
  };
}
