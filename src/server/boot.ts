/**
 * The one boot (STYLE.md 17): turns an environment into a running Hourbook, in this order:
 * settings (one schema) → store → legacy migration → app. The Node server, the Vercel functions,
 * the benchmark, the e2e servers and the API tests all call `bootHourbook`, so what is tested and
 * measured is what runs. Tests pass overrides (a ready store, a clock, a client folder); limits
 * and the instance come through the environment like in production.
 */
import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { migrateLegacyBookings } from '../storage/legacy-migration.js';
import { createStore } from '../storage/select-store.js';
import type { Store } from '../storage/store.js';
import { createApp } from './app.js';
import type { AppEnv } from './app-env.js';
import { clientAddressResolver } from './client-address.js';
import { httpsResolver } from './forwarded-proto.js';
import { createLiveHubs } from './live-updates.js';
import type { LiveHubs } from './live-updates.js';
import { readSettings } from './settings.js';
import type { Settings } from './settings.js';
import { createUnconfiguredStore, VERCEL_STORE_MISSING } from './unconfigured-store.js';

export type Platform = 'node' | 'vercel';

/** `EVENTS_MAX_S` on Vercel when unset: 20 s before the function's `maxDuration` of 300 s. */
const VERCEL_EVENTS_MAX_S = 280;

export interface BootOverrides {
  /** A store that is already open (tests): the boot uses it and leaves closing it to the caller. */
  store?: Store;
  /** Current instant in epoch ms; tests pass a fixed clock. */
  clock?: () => number;
  /** Folder of the built web client to serve next to the API, e.g. `dist`. */
  clientRoot?: string;
  /** Where the app runs; default `vercel` when `VERCEL` is set, else `node`. */
  platform?: Platform;
  /** The peer address of a request; default the Node socket's. In-process tests pass their own. */
  socketAddress?: (c: Context) => string | undefined;
  /** Where a warning goes (a failed migration, a missing store); default `console.warn`. */
  warn?: (line: string) => void;
}

export interface Hourbook {
  app: Hono<AppEnv>;
  settings: Settings;
  store: Store;
  /** The change stream's hub, whose `shutDown` ends open streams cleanly; absent with `LIVE_UPDATES=off`. */
  live?: LiveHubs;
  /** Closes the store the boot opened (SQLite checkpoints its WAL); a store passed in is left open. */
  close: () => Promise<void>;
}

/** The peer address of a request served by @hono/node-server; none in-process or on Vercel. */
function nodeSocketAddress(c: Context): string | undefined {
  return (c.env as { incoming?: unknown } | undefined)?.incoming ? getConnInfo(c).remote.address : undefined;
}

/**
 * Boots Hourbook from `env` (e.g. `process.env`); throws `InvalidSettingsError` listing every bad
 * variable, or the store's own error when it cannot be opened.
 * Example: `const { app } = await bootHourbook({ RATE_LIMIT_MAX: '3' }, { store, clock: () => NOW })`.
 */
export async function bootHourbook(
  env: Record<string, string | undefined>,
  overrides: BootOverrides = {},
): Promise<Hourbook> {
  const parsed = readSettings(env);
  const platform = overrides.platform ?? (parsed.VERCEL ? 'vercel' : 'node');
  // A Vercel function's stream is cut at its maxDuration (300 s, vercel.json): end it cleanly first.
  const settings = {
    ...parsed,
    EVENTS_MAX_S: parsed.EVENTS_MAX_S ?? (platform === 'vercel' ? VERCEL_EVENTS_MAX_S : 0),
  };
  const warn = overrides.warn ?? ((line: string) => console.warn(line));
  // On Vercel never SQLite: its disk is read-only, so a missing KV/Redis gets a clear 503 instead.
  const unconfigured = !overrides.store && platform === 'vercel' && settings.store.kind === 'sqlite';
  if (unconfigured) warn(VERCEL_STORE_MISSING);
  const store =
    overrides.store ??
    (unconfigured ? createUnconfiguredStore(VERCEL_STORE_MISSING) : await createStore(settings.store));
  if (!unconfigured) {
    await migrateLegacyBookings(store, settings.INSTANCE_SLUG).catch((error: unknown) => {
      // Serve anyway: requests answer 503 while the store is down, and the next start retries.
      warn(`Legacy migration skipped: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  // Vercel's edge overwrites X-Forwarded-For with the caller's address (one entry), so one trusted
  // hop reads exactly what the edge wrote: no TRUST_PROXY to set, and nothing a caller can forge.
  const trustProxy = platform === 'vercel' ? 1 : settings.TRUST_PROXY;
  const live =
    settings.LIVE_UPDATES === 'on'
      ? createLiveHubs({ store, maxPerClient: settings.EVENTS_MAX_PER_CLIENT })
      : undefined;
  const app = createApp({
    store,
    live,
    settings,
    isHttps: httpsResolver({ publicUrl: settings.PUBLIC_URL, trustProxy }),
    clock: overrides.clock,
    clientRoot: overrides.clientRoot,
    clientAddress: clientAddressResolver({
      trustProxy,
      socketAddress: overrides.socketAddress ?? nodeSocketAddress,
    }),
  });
  return { app, settings, store, live, close: overrides.store ? async () => undefined : () => store.close() };
}
