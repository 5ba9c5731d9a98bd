import type { Store } from '../storage/store.js';
import type { AccessGate } from './access-gate.js';
import type { InstanceAccess, InstanceRegistry } from './instance.js';
import type { RequestBudget } from './middleware/rate-limit.js';

/** What every route can reach through `c.var`. */
export interface AppEnv {
  Variables: {
    store: Store;
    /** The instance the path names: `/api/i/{slug}/…`, else `INSTANCE_SLUG`. */
    slug: string;
    now: () => number;
    /** The instance's cached config and the stored-data problems seen (shared by all requests). */
    instance: InstanceAccess;
    /** Every instance this process serves, e.g. to drop one from the cache after changing it. */
    instances: InstanceRegistry;
    /** Who may use an instance with an access code. */
    accessGate: AccessGate;
    /** This request's rate-limit budget, whose count rides on the request's store call. */
    budget: RequestBudget;
  };
}
