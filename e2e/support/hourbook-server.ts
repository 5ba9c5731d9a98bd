/**
 * The server side of a browser test: the real app in-process on a real SQLite file in a temp
 * folder, a fixed clock, and the built client mounted next to the API. Also a variant whose
 * listener can be stopped and started again on the same port (the offline test), and a
 * static-only server with no API at all (the demo build).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import type { AppEnv } from '../../src/server/app-env.js';
import { clientAddressResolver } from '../../src/server/client-address.js';
import { securityHeaders } from '../../src/server/middleware/security-headers.js';
import { mountStaticClient } from '../../src/server/static-client.js';
import type { BookingStore } from '../../src/storage/store.js';
import { startApiServer } from '../../test/support/api-server.js';
import { createTempSqliteStore } from '../../test/support/sqlite-fixture.js';

export interface HourbookServer {
  url: string;
  store: BookingStore;
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
}

function openTempStore(): { store: BookingStore; dispose: () => Promise<void> } {
  const { store, cleanup } = createTempSqliteStore();
  return { store, dispose: cleanup };
}

/** Starts the API and the client on a free loopback port with the clock fixed at `now`. */
export async function startHourbook(options: ServerOptions): Promise<HourbookServer> {
  const { store, dispose } = openTempStore();
  let now = options.now;
  const api = await startApiServer({
    store,
    clock: () => now,
    mountExtras: (app) => mountStaticClient(app, { root: options.clientDir }),
  });
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

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number): Promise<Server> {
  const server = serve({ fetch, port, hostname: '127.0.0.1' }) as Server;
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Keep-alive sockets from the browser would otherwise keep the "stopped" API answering.
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Like `startHourbook`, but the listener can be stopped and restarted on the same port. */
export async function startRestartableHourbook(options: ServerOptions): Promise<RestartableHourbookServer> {
  const { store, dispose } = openTempStore();
  let now = options.now;
  // The same generous limits as test/support/api-server.ts: the tests are not about rate limits.
  const app = createApp({
    store,
    slug: 'cps-software',
    allowedOrigins: [],
    rateLimit: { writeMax: 100_000, readMax: 100_000, windowMs: 60_000 },
    clientAddress: clientAddressResolver({ trustProxy: false, socketAddress: (c) => getConnInfo(c).remote.address }),
    clock: () => now,
    mountExtras: (hono) => mountStaticClient(hono, { root: options.clientDir }),
  });
  let server: Server | undefined = await listen(app.fetch, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    setNow: (instant) => (now = instant),
    stop: async () => {
      if (server) await closeServer(server);
      server = undefined;
    },
    restart: async () => {
      server ??= await listen(app.fetch, port);
    },
    close: async () => {
      if (server) await closeServer(server);
      server = undefined;
      await dispose();
    },
  };
}

/** Serves only the built files (with the same security headers): no `/api` route exists. */
export async function startStaticOnly(clientDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders());
  mountStaticClient(app, { root: clientDir });
  const server = await listen(app.fetch, 0);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}
