/**
 * A stand-in for a store that cannot exist here: on Vercel, with no KV/Redis configured, SQLite
 * would try to create `./data` on a read-only disk. The app runs over this stand-in instead, so
 * every request gets the app's own 503 (the error table renders the message) saying what to set.
 */
import { StorageUnavailableError } from '../core/errors.js';
import type { Store } from '../storage/store.js';

/** What Vercel needs: its KV integration sets the REST pair, a Redis integration the URL. */
export const VERCEL_STORE_MISSING =
  'Storage not configured: set KV_REST_API_URL and KV_REST_API_TOKEN (Vercel KV), or KV_REDIS_URL';

/** Marks the stand-in's refusals, so the health route can show their text (it hides others'). */
export class StorageNotConfiguredError extends StorageUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'StorageNotConfiguredError';
  }
}

/** A store whose every call rejects with `StorageNotConfiguredError(message)`; `close` succeeds. */
export function createUnconfiguredStore(message: string): Store {
  const refuse = async (): Promise<never> => {
    throw new StorageNotConfiguredError(message);
  };
  return {
    kind: 'upstash',
    target: 'not configured',
    bookings: {
      list: refuse,
      revision: refuse,
      read: refuse,
      create: refuse,
      update: refuse,
      move: refuse,
      delete: refuse,
      replace: refuse,
    },
    instances: { getConfig: refuse, setConfig: refuse, list: refuse, create: refuse, remove: refuse },
    rateLimits: { hit: refuse },
    migrations: { migrateLegacy: refuse, upgradeLayout: refuse },
    // Nothing can change here, so a watcher never hears anything.
    changes: { since: refuse, watch: () => () => undefined },
    ping: refuse,
    close: async () => undefined,
  };
}
