import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { respondWithError } from '../error-responses.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { publicTarget } from '../public-target.js';

/**
 * `GET /api/health`: 200 when the store answers, 503 (the error table's body) when it does not;
 * `problems` lists stored values left out because they are damaged (issue 7 §5.1). Reading the
 * config is the ping, so the check is one store call and always reports the config as it is now.
 */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const store = c.get('store');
      const budget = c.get('budget');
      const instance = c.get('instance');
      const shown = { store: store.kind, target: publicTarget(store) };
      try {
        await instance.load(budget.charge());
      } catch (error) {
        return respondWithError(error, c, { ok: false, ...shown });
      }
      budget.enforce();
      return c.json({ ok: true, ...shown, problems: instance.problems.list() });
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
