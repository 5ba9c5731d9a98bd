/**
 * The whole HTTP API as one Hono app (STYLE.md 8). The Node server, the Vercel function and the
 * tests all hand requests to `createApp(...)`; none of them adds behaviour.
 * Pipeline (PRODUCT.md §4): security headers → CORS (preflight ends here) → public host (421) →
 * rate limit → same-origin writes (403) → body limit (413) → route (405, validation, store).
 * The refusals run after the rate limiter so their answers carry `X-RateLimit-Remaining`; the
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
import type { RateLimitFallback } from './middleware/rate-limit.js';
import { sameOriginWrites } from './middleware/same-origin-writes.js';
import { securityHeaders } from './middleware/security-headers.js';
import { bookingRoutes } from './routes/bookings.route.js';
import { configRoutes } from './routes/config.route.js';
import { healthRoutes } from './routes/health.route.js';

export const MAX_BODY_BYTES = 16 * 1024;

export interface AppOptions {
  store: Store;
  slug: string;
  allowedOrigins: readonly string[];
  /** `PUBLIC_URL`, e.g. `https://rooms.example.com`: the one origin writes come from and the one host served. */
  publicUrl?: string;
  rateLimit: { writeMax: number; readMax: number; windowMs: number; onStoreError?: RateLimitFallback };
  /** The client's address for rate limiting; the entry point decides what to trust. */
  clientAddress: (c: Context) => string;
  /** Current instant in epoch ms; tests pass a fixed clock. */
  clock?: () => number;
  /** Extra routes mounted after the API, e.g. the web client's static files. */
  mountExtras?: (app: Hono<AppEnv>) => void;
}

/** Builds the API app around one store and one instance slug. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const clock = options.clock ?? Date.now;
  const startedAt = new Date(clock()).toISOString();
  const instance = createInstanceAccess(options.store, options.slug, startedAt);
  const app = new Hono<AppEnv>();

  const publicUrl = options.publicUrl === undefined ? undefined : new URL(options.publicUrl).origin;
  app.onError(respondWithError);
  app.notFound((c) => respondWithError(new RouteNotFoundError(), c));
  app.use('*', securityHeaders());
  app.use('/api/*', cors({ allowedOrigins: options.allowedOrigins }));
  if (publicUrl) app.use('*', publicHost({ publicUrl, exempt: ['/api/health'] }));
  app.use('/api/*', async function provideContext(c, next) {
    c.set('store', options.store);
    c.set('slug', options.slug);
    c.set('now', clock);
    c.set('instance', instance);
    await next();
  });
  app.use(
    '/api/*',
    rateLimit({
      ...options.rateLimit,
      store: options.store,
      clock,
      clientAddress: options.clientAddress,
    }),
  );
  app.use('/api/*', sameOriginWrites({ allowedOrigins: options.allowedOrigins, publicUrl }));
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
  app.all('/api/*', () => {
    throw new RouteNotFoundError();
  });
  options.mountExtras?.(app);
  return app;
}
