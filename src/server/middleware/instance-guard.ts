import type { MiddlewareHandler } from 'hono';
import { NotFoundError } from '../../core/errors.js';
import type { AppEnv } from '../app-env.js';

export interface InstanceGuardOptions {
  /** Read the config from the store rather than trust the cache (`GET …/config`, sign-in). */
  fresh: boolean;
  /** Ask for the access code when the instance has one (every route but the session's). */
  admit: boolean;
}

/**
 * Runs after the rate limiter, before a per-instance route (issue 10 §1, §4): an unknown slug is
 * 404 `Instance not found`, and an instance with an access code answers 401 to a request that
 * proves no code. The lookup comes from the process's cache; when it must read the store, the
 * request's rate-limit count rides on that read.
 */
export function instanceGuard(options: InstanceGuardOptions): MiddlewareHandler<AppEnv> {
  return async function guardInstance(c, next) {
    const access = c.get('instance');
    const budget = c.get('budget');
    const instance = options.fresh
      ? await access.load(budget.charge())
      : (await access.cached(budget.charge())).instance;
    budget.enforce();
    if (!instance.exists) throw new NotFoundError('Instance not found');
    if (options.admit) await c.get('accessGate').admit(c, c.get('slug'), instance);
    await next();
    // A protected instance's answers are for this visitor only: no shared cache, and no copy in the
    // browser either (the client keeps no last known state of a response marked no-store).
    if (instance.accessCodeHash !== null && !c.res.headers.get('Content-Type')?.startsWith('text/event-stream')) {
      c.header('Cache-Control', 'private, no-store');
    }
  };
}
