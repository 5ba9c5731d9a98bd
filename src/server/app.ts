/**
 * The whole HTTP API as one Hono app (STYLE.md 8). The Node server, the Vercel function and the
 * tests all hand requests to `createApp(...)`; none of them adds behaviour.
 * Pipeline (PRODUCT.md §4): security headers → CORS → rate limit → route (method, validation, store).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HourbookError } from '../core/errors.js';
import type { Store } from '../storage/store.js';
import type { AppEnv } from './app-env.js';
import { respondWithError } from './error-responses.js';
import { createInstanceAccess } from './instance.js';
import { cors } from './middleware/cors.js';
import { rateLimit } from './middleware/rate-limit.js';
import type { RateLimitFallback } from './middleware/rate-limit.js';
import { securityHeaders } from './middleware/security-headers.js';
import { bookingRoutes } from './routes/bookings.route.js';
import { configRoutes } from './routes/config.route.js';
import { healthRoutes } from './routes/health.route.js';

export const MAX_BODY_BYTES = 16 * 1024;

export interface AppOptions {
  store: Store;
  slug: string;
  allowedOrigins: readonly string[];
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

  app.onError(respondWithError);
  app.use('*', securityHeaders());
  app.use('/api/*', cors({ allowedOrigins: options.allowedOrigins }));
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
  // Only methods with a body: touching a GET's body would make the Node adapter build a full
  // Request object on the polling hot path.
  app.on(
    ['POST', 'PUT', 'DELETE', 'PATCH'],
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HourbookError('too_large', `Request body too large (limit ${MAX_BODY_BYTES} bytes)`);
      },
    }),
  );
  app.route('/api/health', healthRoutes());
  app.route('/api/config', configRoutes());
  app.route('/api/bookings', bookingRoutes());
  app.all('/api/*', (c) => c.json({ error: 'Not found' }, 404));
  options.mountExtras?.(app);
  return app;
}
