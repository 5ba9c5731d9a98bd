/**
 * A booking write in one store round trip (issue 7 §6): validated against the instance config
 * cached in process, sent with that config's version and the request's rate-limit charge, and
 * refused atomically by the store when either is spent. A changed config is re-validated and
 * the write retried once, unless it removed the instance or the request no longer proves its
 * (new) access code.
 */
import type { Context } from 'hono';
import { NotFoundError, StorageUnavailableError } from '../core/errors.js';
import { StoreFailure } from '../storage/store-failure.js';
import { ConfigChangedError, OverBudgetError } from '../storage/store.js';
import type { WriteConditions } from '../storage/store.js';
import type { AppEnv } from './app-env.js';
import type { Instance } from './instance.js';

/**
 * Runs `attempt` (validate with the instance, then call the store with `conditions`) and returns
 * its result; throws what it throws, or `RateLimitedError` when the budget is spent.
 */
export async function checkedWrite<T>(
  c: Context<AppEnv>,
  attempt: (instance: Instance, conditions: WriteConditions) => Promise<T>,
): Promise<T> {
  const access = c.get('instance');
  const budget = c.get('budget');
  let current = await access.cached();
  for (let round = 1; ; round += 1) {
    try {
      return await attempt(current.instance, { configVersion: current.version, charge: budget.charge() });
    } catch (error) {
      if (error instanceof OverBudgetError) budget.enforce();
      if (!(error instanceof ConfigChangedError)) throw error;
      // Edited again between our two tries: say so rather than loop.
      if (round === 2) {
        throw new StorageUnavailableError(undefined, {
          cause: new StoreFailure('config-kept-changing', c.get('store').target),
        });
      }
      current = access.adopt(error.current);
      if (!current.instance.exists) throw new NotFoundError('Instance not found');
      await c.get('accessGate').admit(c, c.get('slug'), current.instance);
    }
  }
}
