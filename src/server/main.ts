/**
 * Node entry: `npm start`. Reads the environment once, opens the chosen store and serves the
 * API (and the built web client, when present) until SIGTERM/SIGINT.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createStore, storeConfigFromEnv } from '../storage/select-store.js';
import { migrateLegacyBookings } from '../storage/legacy-migration.js';
import { createAppFromSettings } from './app-from-settings.js';
import { clientAddressResolver } from './client-address.js';
import { answerClientErrors } from './node-client-errors.js';
import { readSettings } from './settings.js';
import { mountStaticClient } from './static-client.js';

// Resolved from this file, so `npm start` serves the client whatever the working directory.
const CLIENT_ROOT = fileURLToPath(new URL('../../dist', import.meta.url));

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const store = await createStore(storeConfigFromEnv(process.env));
  const hasClient = existsSync(join(CLIENT_ROOT, 'index.html'));
  await migrateLegacyBookings(store, settings.INSTANCE_SLUG).catch((error: unknown) => {
    // Serve anyway: requests answer 503 while the store is down, and the next start retries.
    console.warn(`Legacy migration skipped: ${error instanceof Error ? error.message : String(error)}`);
  });
  const app = createAppFromSettings(settings, store, {
    clientAddress: clientAddressResolver({
      trustProxy: settings.TRUST_PROXY,
      socketAddress: (c) => getConnInfo(c).remote.address,
    }),
    mountExtras: hasClient ? (app) => mountStaticClient(app, { root: CLIENT_ROOT }) : undefined,
  });

  const server = serve({ fetch: app.fetch, port: settings.PORT, hostname: settings.HOST }, (info) => {
    console.log(`Hourbook listening on http://localhost:${info.port}`);
    console.log(`  store: ${store.kind} (${store.target})`);
    console.log(`  instance: ${settings.INSTANCE_SLUG}`);
    console.log(hasClient ? '  client: dist/' : '  client: not built (run `npm run build`), serving the API only');
  });
  answerClientErrors(server);

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
