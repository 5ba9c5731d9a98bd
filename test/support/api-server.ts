/**
 * The app as tests meet it, always built by the one boot (src/server/boot.ts): in-process
 * (`bootTestApp`, for everything that is not about sockets) or over real HTTP on a free loopback
 * port (`startApiServer`). Limits are generous unless a test sets its own; they reach the boot
 * as environment variables, exactly as in production.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { bootHourbook } from '../../src/server/boot.js';
import type { BootOverrides, Hourbook } from '../../src/server/boot.js';
import type { RateLimitFallback } from '../../src/server/middleware/rate-limit.js';
import type { Store } from '../../src/storage/store.js';
import { createTempSqliteStore } from './sqlite-fixture.js';

export interface RunningApi {
  url: string;
  close: () => Promise<void>;
}

export interface ApiServerOptions extends Omit<BootOverrides, 'store'> {
  store: Store;
  /** Instance served; default `cps-software`. */
  slug?: string;
  allowedOrigins?: readonly string[];
  rateLimit?: { writeMax: number; readMax: number; windowMs: number; onStoreError?: RateLimitFallback };
  trustProxy?: boolean;
  /** Any other variable, e.g. `{ RATE_LIMIT_ON_STORE_ERROR: 'closed' }`. */
  env?: Record<string, string>;
}

/** The environment a test's options stand for. */
function testEnv(options: Omit<ApiServerOptions, 'store'>): Record<string, string> {
  const limits = options.rateLimit ?? { writeMax: 100_000, readMax: 100_000, windowMs: 60_000 };
  return {
    INSTANCE_SLUG: options.slug ?? 'cps-software',
    ALLOWED_ORIGINS: (options.allowedOrigins ?? ['http://localhost:5173']).join(','),
    RATE_LIMIT_MAX: String(limits.writeMax),
    RATE_LIMIT_READ_MAX: String(limits.readMax),
    RATE_LIMIT_WINDOW_S: String(Math.ceil(limits.windowMs / 1000)),
    ...(limits.onStoreError ? { RATE_LIMIT_ON_STORE_ERROR: limits.onStoreError } : {}),
    TRUST_PROXY: options.trustProxy ? '1' : '0',
    ...options.env,
  };
}

/** Boots the app around `options.store` with the test's settings. */
export function bootWithStore(options: ApiServerOptions): Promise<Hourbook> {
  const { store, clock, clientRoot, platform, warn, ...settings } = options;
  return bootHourbook(testEnv(settings), { store, clock, clientRoot, platform, warn });
}

export interface TestApp extends Hourbook {
  /** Removes the temp store. */
  dispose: () => Promise<void>;
}

/** The app in-process on a fresh SQLite file of its own: `sut.app.request('/api/config')`. */
export async function bootTestApp(options: Partial<ApiServerOptions> = {}): Promise<TestApp> {
  const temp = options.store ? undefined : createTempSqliteStore();
  const hourbook = await bootWithStore({ ...options, store: options.store ?? temp!.store });
  return { ...hourbook, dispose: async () => temp?.cleanup() };
}

/** Listens on a free loopback port (or `port`); closing also cuts keep-alive sockets. */
export async function listenOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
  port = 0,
): Promise<{ server: Server; url: string; port: number; close: () => Promise<void> }> {
  const server = serve({ fetch, port, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the API around `options.store` over real HTTP. */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApi> {
  const { app } = await bootWithStore(options);
  const { url, close } = await listenOnLoopback(app.fetch);
  return { url, close };
}
