import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/**
 * `GET /api/health`: 200 when the store answers, 503 when it does not; `problems` lists stored
 * values left out because they are damaged (issue 7 §5.1). Reading the config is the ping, so
 * the check is one store call and always reports the config as it is now.
 */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const store = c.get('store');
    const budget = c.get('budget');
    const instance = c.get('instance');
    try {
      await instance.load(budget.charge());
    } catch {
      return c.json({ ok: false, store: store.kind, target: store.target, error: 'Storage unavailable' }, 503);
    }
    budget.enforce();
    return c.json({ ok: true, store: store.kind, target: store.target, problems: instance.problems.list() });
  });
}
