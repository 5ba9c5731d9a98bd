/**
 * The whole HTTP API as one Hono app (STYLE.md 8), the one factory: src/server/boot.ts calls it
 * for the Node server, the Vercel functions, the benchmark and the tests; none of them adds
 * behaviour.
 * Pipeline (PRODUCT.md §4): security headers → CORS (preflight ends here) → public host (421) →
 * rate limit → same-origin writes (403) → body limit (413) → route (405, validation, store).
 * The refusals run inside the rate limiter so their answers carry `X-RateLimit-Remaining`; the
 * 421 runs before it, as a misdirected request is never served and costs no store call.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '../storage/store.js';
import type { AppEnv } from './app-env.js';
import { respondWithError } from './error-responses.js';
import { PayloadTooLargeError, RouteNotFoundError } from './http-errors.js';
import { createInstanceAccess } from './instance.js';
import { cors } from './middleware/cors.js';
import { publicHost } from './middleware/public-host.js';
import { rateLimit } from './middleware/rate-limit.js';
import { sameOriginWrites } from './middleware/same-origin-writes.js';
import { securityHeaders } from './middleware/security-headers.js';
import type { LiveUpdates } from './live-updates.js';
import { bookingRoutes } from './routes/bookings.route.js';
import { eventRoutes } from './routes/events.route.js';
import { configRoutes } from './routes/config.route.js';
import { healthRoutes } from './routes/health.route.js';
import type { Settings } from './settings.js';
import { mountStaticClient } from './static-client.js';

const MAX_BODY_BYTES = 16 * 1024;

export interface AppOptions {
  store: Store;
  /** Parsed settings (src/server/settings.ts): instance, origins, public URL, rate limits. */
  settings: Settings;
  /** The client's address for rate limiting; the entry point decides what to trust. */
  clientAddress: (c: Context) => string;
  /** Current instant in epoch ms; tests pass a fixed clock. */
  clock?: () => number;
  /** Folder of the built web client, served after the API when given. */
  clientRoot?: string;
  /** The change stream's hub (the boot makes it); absent with `LIVE_UPDATES=off`. */
  live?: LiveUpdates;
}

/** Builds the API app around one store and the instance the settings name. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { settings } = options;
  const slug = settings.INSTANCE_SLUG;
  const clock = options.clock ?? Date.now;
  const startedAt = new Date(clock()).toISOString();
  const instance = createInstanceAccess(options.store, slug, startedAt);
  const publicUrl = settings.PUBLIC_URL;
  const app = new Hono<AppEnv>();

  app.onError(respondWithError);
  app.notFound((c) => respondWithError(new RouteNotFoundError(), c));
  app.use('*', securityHeaders());
  app.use('/api/*', cors({ allowedOrigins: settings.ALLOWED_ORIGINS }));
  if (publicUrl) app.use('*', publicHost({ publicUrl, exempt: ['/api/health'] }));
  app.use('/api/*', async function provideContext(c, next) {
    c.set('store', options.store);
    c.set('slug', slug);
    c.set('now', clock);
    c.set('instance', instance);
    await next();
  });
  app.use(
    '/api/*',
    rateLimit({
      writeMax: settings.RATE_LIMIT_MAX,
      readMax: settings.RATE_LIMIT_READ_MAX,
      windowMs: settings.RATE_LIMIT_WINDOW_S * 1000,
      onStoreError: settings.RATE_LIMIT_ON_STORE_ERROR,
      store: options.store,
      clock,
      clientAddress: options.clientAddress,
    }),
  );
  app.use('/api/*', sameOriginWrites({ allowedOrigins: settings.ALLOWED_ORIGINS, publicUrl }));
  // Only methods with a body: touching a GET's body would make the Node adapter build a full
  // Request object on the polling hot path.
  app.on(
    ['POST', 'PUT', 'DELETE', 'PATCH'],
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new PayloadTooLargeError(MAX_BODY_BYTES);
      },
    }),
  );
  app.route('/api/health', healthRoutes());
  app.route('/api/config', configRoutes());
  app.route('/api/bookings', bookingRoutes());
  app.route(
    '/api/events',
    eventRoutes({
      live: options.live,
      clientAddress: options.clientAddress,
      heartbeatMs: settings.EVENTS_HEARTBEAT_S * 1000,
      maxMs: (settings.EVENTS_MAX_S ?? 0) * 1000,
    }),
  );
  app.all('/api/*', () => {
    throw new RouteNotFoundError();
  });
  if (options.clientRoot !== undefined) mountStaticClient(app, { root: options.clientRoot });
  return app;
}
