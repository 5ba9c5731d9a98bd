import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { methodNotAllowed } from '../method-not-allowed.js';

/** `GET /api/config`: the instance's config as stored, else the default (PRODUCT.md §4.1). */
export function configRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      // Read afresh, so a change made with the CLI shows at once; one store call with the count.
      const budget = c.get('budget');
      const instance = await c.get('instance').load(budget.charge());
      budget.enforce();
      return c.json(instance.raw);
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
