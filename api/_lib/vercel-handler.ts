/**
 * The Vercel function behind every `/api/*` file: boots Hourbook once per cold start with the
 * one boot the Node server uses (src/server/boot.ts, platform `vercel`), then hands each web
 * `Request` to the app, like Hono's own Vercel adapter (STYLE.md 8).
 */
import { bootHourbook } from '../../src/server/boot.js';
import { errorResponse } from '../../src/server/error-responses.js';

type FetchHandler = (request: Request) => Promise<Response>;

async function boot(env: Record<string, string | undefined>): Promise<FetchHandler> {
  const { app, store, settings } = await bootHourbook(env, { platform: 'vercel' });
  console.log(`Hourbook function: store ${store.kind} (${store.target}), instance ${settings.INSTANCE_SLUG}`);
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
