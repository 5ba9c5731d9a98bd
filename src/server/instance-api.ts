/**
 * The API of one instance (issue 10 §1), the one table of per-instance routes. app.ts mounts it
 * twice: at `/api/i/{slug}` for every instance, and at `/api` for the default instance's
 * original paths. Each group runs the instance guard first (404 for an unknown slug, 401 without
 * the access code); a new per-instance route is one more line here.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';
import type { AccessGate } from './access-gate.js';
import { instanceGuard } from './middleware/instance-guard.js';
import type { InstanceGuardOptions } from './middleware/instance-guard.js';
import { bookingRoutes } from './routes/bookings.route.js';
import { configRoutes } from './routes/config.route.js';
import { eventRoutes } from './routes/events.route.js';
import type { EventRoutesOptions } from './routes/events.route.js';
import { sessionRoutes } from './routes/session.route.js';

export interface InstanceApiOptions {
  events: EventRoutesOptions;
  gate: AccessGate;
  isHttps: (c: Context) => boolean;
}

export function instanceApi(options: InstanceApiOptions): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const group = (path: string, routes: Hono<AppEnv>, guard: InstanceGuardOptions) =>
    api.route(path, new Hono<AppEnv>().use('*', instanceGuard(guard)).route('/', routes));
  group('/config', configRoutes(), { fresh: true, admit: true });
  group('/bookings', bookingRoutes(), { fresh: false, admit: true });
  group('/events', eventRoutes(options.events), { fresh: false, admit: true });
  group('/session', sessionRoutes({ gate: options.gate, isHttps: options.isHttps }), { fresh: true, admit: false });
  return api;
}
