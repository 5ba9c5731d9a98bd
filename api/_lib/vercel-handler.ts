/**
 * The Vercel function behind every `/api/*` file: reads the environment once per cold start,
 * opens the store it names (Upstash REST on Vercel KV), migrates the original's blob if one is
 * there, and hands each web `Request` to the same `createApp` the Node server uses (STYLE.md 8).
 */
import { createAppFromSettings } from '../../src/server/app-from-settings.js';
import { clientAddressResolver } from '../../src/server/client-address.js';
import { errorResponse } from '../../src/server/error-responses.js';
import { readSettings } from '../../src/server/settings.js';
import { migrateLegacyBookings } from '../../src/storage/legacy-migration.js';
import { createStore, storeConfigFromEnv } from '../../src/storage/select-store.js';

type FetchHandler = (request: Request) => Promise<Response>;

async function boot(env: Record<string, string | undefined>): Promise<FetchHandler> {
  const settings = readSettings(env);
  const store = await createStore(storeConfigFromEnv(env));
  console.log(`Hourbook function: store ${store.kind} (${store.target}), instance ${settings.INSTANCE_SLUG}`);
  try {
    await migrateLegacyBookings(store, settings.INSTANCE_SLUG);
  } catch (error) {
    // Serve anyway: requests answer 503 while the store is down, and the next cold start retries.
    console.warn(`Legacy migration skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
  const app = createAppFromSettings(settings, store, {
    // Vercel's edge overwrites X-Forwarded-For with the caller's address (one entry), so one trusted
    // hop reads exactly what the edge wrote; no TRUST_PROXY to set, and nothing a caller can forge.
    clientAddress: clientAddressResolver({ trustProxy: true, socketAddress: () => undefined }),
  });
  return async (request) => app.fetch(request);
}

/** A fetch handler for Vercel's Node runtime, booting lazily on the first request of an instance. */
export function createVercelHandler(env: Record<string, string | undefined>): FetchHandler {
  let booting: Promise<FetchHandler> | undefined;
  return async function handleVercelRequest(request) {
    booting ??= boot(env).catch((error: unknown) => {
      booting = undefined;
      throw error;
    });
    try {
      return await (
        await booting
      )(request);
    } catch (error) {
      console.error('Hourbook function failed to start:', error instanceof Error ? error.message : error);
      return errorResponse(error);
    }
  };
}
