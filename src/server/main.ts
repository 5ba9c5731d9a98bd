/**
 * Node entry: `npm start`. Reads the environment once, opens the chosen store and serves the
 * API (and the built web client, when present) until SIGTERM/SIGINT.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createStore, storeConfigFromEnv } from '../storage/select-store.js';
import { createApp } from './app.js';
import { clientAddressResolver } from './client-address.js';
import { readSettings } from './settings.js';

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const store = await createStore(storeConfigFromEnv(process.env));
  const app = createApp({
    store,
    slug: settings.INSTANCE_SLUG,
    allowedOrigins: settings.ALLOWED_ORIGINS,
    rateLimit: {
      writeMax: settings.RATE_LIMIT_MAX,
      readMax: settings.RATE_LIMIT_READ_MAX,
      windowMs: settings.RATE_LIMIT_WINDOW_S * 1000,
      onStoreError: settings.RATE_LIMIT_ON_STORE_ERROR,
    },
    clientAddress: clientAddressResolver({
      trustProxy: settings.TRUST_PROXY,
      socketAddress: (c) => getConnInfo(c).remote.address,
    }),
  });

  const server = serve({ fetch: app.fetch, port: settings.PORT, hostname: settings.HOST }, (info) => {
    console.log(`Hourbook listening on http://localhost:${info.port}`);
    console.log(`  store: ${store.kind} (${store.target})`);
    console.log(`  instance: ${settings.INSTANCE_SLUG}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    // Keep-alive sockets may hold close() open; do not wait on them forever.
    setTimeout(() => void store.close().then(() => process.exit(0)), 3000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
