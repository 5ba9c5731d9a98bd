/**
 * Durable home of the offline queue: its own localStorage key, never `cps-bookings` (PRODUCT.md
 * §5.2). Storage errors are ignored: the queue then lives in memory only.
 */
import { isWriteOp } from './write-op.js';
import type { WriteOp } from './write-op.js';

export const OFFLINE_QUEUE_KEY = 'hourbook-offline-queue';

export interface QueueStorage {
  load(): WriteOp[];
  save(ops: readonly WriteOp[]): void;
}

/** A queue store over `window.localStorage`. */
export function createLocalQueueStorage(key = OFFLINE_QUEUE_KEY): QueueStorage {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isWriteOp).map((op) => ({ ...op, offline: true })) : [];
      } catch {
        return [];
      }
    },
    save(ops) {
      try {
        if (ops.length === 0) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify(ops));
      } catch {
        // Quota or privacy mode: keep going in memory.
      }
    },
  };
}
