/**
 * The whole HTTP API as one Hono app (STYLE.md 8), the one factory: src/server/boot.ts calls it
 * for the Node server, the Vercel functions, the benchmark and the tests; none of them adds
 * behaviour.
 * Pipeline (PRODUCT.md §4): security headers → CORS (preflight ends here) → public host (421) →
 * rate limit → same-origin writes (403) → body limit (413) → route (405, validation, store).
 * The refusals run inside the rate limiter so their answers carry `X-RateLimit-Remaining`; the
 * 421 runs before it, as a misdirected request is never served and costs no store call.
 * Instances (issue 10 §1): the per-instance API (instance-api.ts) answers at `/api/i/{slug}/…`
 * and, for `INSTANCE_SLUG`, at the original `/api/…`; its guard (404 unknown, 401 without the
 * access code) runs after the rate limiter, whose budgets are the instance's own.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SLUG_PATTERN } from '../core/config.js';
import { NotFoundError } from '../core/errors.js';
import type { Store } from '../storage/store.js';
import { createAccessGate } from './access-gate.js';
import type { AppEnv } from './app-env.js';
import { respondWithError } from './error-responses.js';
import { PayloadTooLargeError, RouteNotFoundError } from './http-errors.js';
import { httpsResolver } from './forwarded-proto.js';
import { instanceApi } from './instance-api.js';
import { requireInstancePage, unknownInstancePage } from './instance-page.js';
import { createInstanceRegistry } from './instance.js';
import { cors } from './middleware/cors.js';
import { publicHost } from './middleware/public-host.js';
import { rateLimit } from './middleware/rate-limit.js';
import { sameOriginWrites } from './middleware/same-origin-writes.js';
import { securityHeaders } from './middleware/security-headers.js';
import type { LiveHubs } from './live-updates.js';
import { mountAdminApi } from './routes/admin.route.js';
import { healthRoutes } from './routes/health.route.js';
import type { Settings } from './settings.js';
import { mountStaticClient } from './static-client.js';
import { serveWebManifest, unknownInstanceManifest } from './web-manifest.route.js';

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
  /** Whether a request came over HTTPS (session cookies get `Secure`); default from the settings. */
  isHttps?: (c: Context) => boolean;
  /** Every instance's change-stream hub (the boot makes them); absent with `LIVE_UPDATES=off`. */
  live?: LiveHubs;
}

/** Builds the API app around one store and the instance the settings name. */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { settings } = options;
  const slug = settings.INSTANCE_SLUG;
  const clock = options.clock ?? Date.now;
  const startedAt = new Date(clock()).toISOString();
  const instances = createInstanceRegistry({ store: options.store, defaultSlug: slug, createdAt: startedAt, clock });
  const accessGate = createAccessGate({ store: options.store, clock, clientAddress: options.clientAddress });
  const publicUrl = settings.PUBLIC_URL;
  const app = new Hono<AppEnv>();

  app.onError(respondWithError);
  app.notFound((c) => respondWithError(new RouteNotFoundError(), c));
  app.use('*', securityHeaders());
  app.use('/api/*', cors({ allowedOrigins: settings.ALLOWED_ORIGINS }));
  if (publicUrl) app.use('*', publicHost({ publicUrl, exempt: ['/api/health'] }));
  const provideContext: MiddlewareHandler<AppEnv> = async function provideContext(c, next) {
    c.set('store', options.store);
    c.set('slug', slug);
    c.set('now', clock);
    c.set('instance', instances.access(slug));
    c.set('instances', instances);
    c.set('accessGate', accessGate);
    await next();
  };
  // Before the rate limiter, so the budget counted is the named instance's; a slug that cannot
  // exist is refused here with no store call.
  const selectInstance = (unknown: (c: Context) => Response): MiddlewareHandler<AppEnv> =>
    async function selectInstance(c, next) {
      const named = c.req.param('slug') ?? '';
      if (!SLUG_PATTERN.test(named)) return unknown(c);
      c.set('slug', named);
      c.set('instance', instances.access(named));
      await next();
    };
  const limiter = rateLimit({
    writeMax: settings.RATE_LIMIT_MAX,
    readMax: settings.RATE_LIMIT_READ_MAX,
    windowMs: settings.RATE_LIMIT_WINDOW_S * 1000,
    onStoreError: settings.RATE_LIMIT_ON_STORE_ERROR,
    store: options.store,
    clock,
    clientAddress: options.clientAddress,
  });
  app.use('/api/*', provideContext);
  app.use(
    '/api/i/:slug/*',
    selectInstance(() => {
      throw new NotFoundError('Instance not found');
    }),
  );
  app.use('/api/*', limiter);
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
  const { live } = options;
  const perInstance = instanceApi({
    events: {
      live: live ? (instanceSlug: string) => live.forInstance(instanceSlug) : undefined,
      clientAddress: options.clientAddress,
      heartbeatMs: settings.EVENTS_HEARTBEAT_S * 1000,
      maxMs: (settings.EVENTS_MAX_S ?? 0) * 1000,
    },
    gate: accessGate,
    isHttps: options.isHttps ?? httpsResolver({ publicUrl, trustProxy: settings.TRUST_PROXY }),
  });
  app.route('/api/i/:slug', perInstance);
  app.route('/api', perInstance);
  mountAdminApi(app, {
    ...options,
    token: settings.ADMIN_TOKEN,
    defaultSlug: slug,
    clock,
    // This process serves a changed instance at once; others within RECHECK_MS (instance.ts).
    onInstanceChange: (changed) => instances.forget(changed),
  });
  app.all('/api/*', () => {
    throw new RouteNotFoundError();
  });
  // The installable app's manifest (issue 9 §13), per instance like its page; the client links it.
  app.get('/manifest.webmanifest', provideContext, limiter, serveWebManifest);
  app.get(
    '/i/:slug/manifest.webmanifest',
    provideContext,
    selectInstance(unknownInstanceManifest),
    limiter,
    serveWebManifest,
  );
  if (options.clientRoot !== undefined) {
    // `/i/{slug}/…` is the same web client; an unknown slug gets a small page, not an empty calendar.
    app.use('/i/:slug/*', provideContext, selectInstance(unknownInstancePage), limiter, requireInstancePage);
    mountStaticClient(app, { root: options.clientRoot });
  }
  return app;
}
