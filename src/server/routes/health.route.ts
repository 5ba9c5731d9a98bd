import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { respondWithError } from '../error-responses.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { publicTarget } from '../public-target.js';

/** `GET /api/health`: 200 when the store answers, 503 (the error table's body) when it does not. */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const store = c.get('store');
      const shown = { store: store.kind, target: publicTarget(store) };
      try {
        await store.ping();
        return c.json({ ok: true, ...shown });
      } catch (error) {
        return respondWithError(error, c, { ok: false, ...shown });
      }
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
