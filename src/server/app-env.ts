import type { Store } from '../storage/store.js';
import type { InstanceAccess } from './instance.js';
import type { RequestBudget } from './middleware/rate-limit.js';

/** What every route can reach through `c.var`. */
export interface AppEnv {
  Variables: {
    store: Store;
    slug: string;
    now: () => number;
    /** The instance's cached config and the stored-data problems seen (shared by all requests). */
    instance: InstanceAccess;
    /** This request's rate-limit budget, whose count rides on the request's store call. */
    budget: RequestBudget;
  };
}
