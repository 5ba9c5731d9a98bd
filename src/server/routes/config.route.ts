import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { methodNotAllowed } from '../method-not-allowed.js';

/**
 * `GET /api/config`: the instance's config as stored, else the default (PRODUCT.md §4.1). The
 * instance guard has just read it afresh (so a change made with the CLI shows at once), in one
 * store call with the request's count.
 */
export function configRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json((await c.get('instance').cached()).instance.raw))
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
