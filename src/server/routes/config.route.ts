import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { methodNotAllowed } from '../method-not-allowed.js';

/** `GET /api/config`: the instance's config as stored, else the default (PRODUCT.md §4.1). */
export function configRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const instance = await c.get('loadInstance')();
      return c.json(instance.raw);
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
