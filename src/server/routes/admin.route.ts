import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Store } from '../../storage/store.js';
import type { AppEnv } from '../app-env.js';
import { createInstanceAdmin } from '../instance-admin.service.js';
import type { InstanceAdmin } from '../instance-admin.service.js';
import { adminToken } from '../middleware/admin-token.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { readJsonObject } from '../read-json.js';

const INVALID_CONFIG = 'Invalid config';

/**
 * `/api/admin/instances[/{slug}]` (issue 10 §2), over the instance admin service; the guard
 * (middleware/admin-token.ts) runs before. `?force=1` on PUT applies a change that affects bookings.
 */
export function adminRoutes(admin: InstanceAdmin): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/instances', async (c) => c.json({ instances: await admin.list() }))
    .post('/instances', async (c) => {
      const instance = await admin.create(await readJsonObject(c, INVALID_CONFIG));
      return c.json({ instance }, 201);
    })
    .all('/instances', methodNotAllowed(['GET', 'HEAD', 'POST']))
    .get('/instances/:slug', async (c) => c.json({ instance: await admin.get(c.req.param('slug')) }))
    .put('/instances/:slug', async (c) => {
      const input = await readJsonObject(c, INVALID_CONFIG);
      const force = c.req.query('force') === '1';
      return c.json(await admin.update(c.req.param('slug'), input, { force }));
    })
    .delete('/instances/:slug', async (c) => {
      await admin.remove(c.req.param('slug'));
      return c.json({ success: true });
    })
    .all('/instances/:slug', methodNotAllowed(['GET', 'HEAD', 'PUT', 'DELETE']));
}

export interface AdminApiOptions {
  /** `ADMIN_TOKEN`; without one the admin API is not mounted and its paths answer 404. */
  token: string | undefined;
  store: Store;
  /** `INSTANCE_SLUG`, the instance that cannot be deleted. */
  defaultSlug: string;
  clock: () => number;
  clientAddress: (c: Context) => string;
  /** Called after an instance was created, changed or removed (the process's instance cache). */
  onInstanceChange?: (slug: string) => void;
}

/** Mounts the admin API at `/api/admin` behind its token, when `options.token` is set. */
export function mountAdminApi(app: Hono<AppEnv>, options: AdminApiOptions): void {
  if (options.token === undefined) return;
  const { token, store, clock, clientAddress } = options;
  app.use('/api/admin/*', adminToken({ token, store, clock, clientAddress }));
  const admin = createInstanceAdmin({
    store,
    defaultSlug: options.defaultSlug,
    clock,
    onChange: options.onInstanceChange,
  });
  app.route('/api/admin', adminRoutes(admin));
}
