import type { Store } from '../storage/store.js';

/**
 * Where the store lives, as `/api/health` and the logs show it: a SQLite file by its name only
 * (`hourbook.db`), since an absolute path tells a stranger how the host is laid out; Redis and
 * REST targets as the store gives them (host and port, never a secret).
 */
export function publicTarget(store: Pick<Store, 'kind' | 'target'>): string {
  if (store.kind !== 'sqlite') return store.target;
  return store.target.split(/[\\/]/).pop() || store.target;
}
