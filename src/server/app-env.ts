import type { BookingStore } from '../storage/store.js';
import type { Instance } from './instance.js';

/** What every route can reach through `c.var`. */
export interface AppEnv {
  Variables: {
    store: BookingStore;
    slug: string;
    now: () => number;
    loadInstance: () => Promise<Instance>;
    /** The bookings revision, when the rate limiter already read it with the read-budget hit. */
    revision?: string;
  };
}
