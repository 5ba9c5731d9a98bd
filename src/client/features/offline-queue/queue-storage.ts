/**
 * Durable home of the offline queue: its own localStorage key, never `cps-bookings` (PRODUCT.md
 * §5.2). The stored list is the source of truth for every tab's offline ops: a tab only ever
 * appends its own ops (re-read, merge by id, write) and removes one op by id once its replay has
 * an outcome, so one tab never overwrites another's changes. The format is unchanged: a JSON
 * array of ops under `hourbook-offline-queue`.
 *
 * Storage errors (quota, privacy mode) never lose an op: what could not be written is kept in
 * memory for the page's life and merged into every read.
 */
import { isWriteOp } from '../../lib/write-op.js';
import type { WriteOp } from '../../lib/write-op.js';

export const OFFLINE_QUEUE_KEY = 'hourbook-offline-queue';

export interface QueueStorage {
  /** Every stored op, oldest first, each marked `offline`. */
  load(): WriteOp[];
  /** Adds `ops` after the stored ones (an op whose id is already stored is not added twice). */
  append(ops: readonly WriteOp[]): void;
  /** Removes the op with this id, leaving every other op in place. */
  remove(id: string): void;
  /** Calls `listener` when another tab changes the stored queue; returns the unsubscribe. */
  subscribe?(listener: () => void): () => void;
}

/** The part of `Storage` the queue needs; tests pass an in-memory one shared by two engines. */
export type QueueBackingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): QueueBackingStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // access itself throws in some privacy modes
  }
}

/** A queue store over `localStorage` (or `storage`), listening to `storage` events when in a window. */
export function createLocalQueueStorage(
  key = OFFLINE_QUEUE_KEY,
  storage: QueueBackingStorage | undefined = browserStorage(),
): QueueStorage {
  /** Ops that could not be written: kept here so that they are still replayed. */
  let unsaved: WriteOp[] = [];

  const readStored = (): WriteOp[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isWriteOp).map((op) => ({ ...op, offline: true })) : [];
    } catch {
      return [];
    }
  };

  const write = (ops: readonly WriteOp[]): boolean => {
    if (!storage) return false;
    try {
      if (ops.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(ops));
      return true;
    } catch {
      return false;
    }
  };

  const merge = (base: readonly WriteOp[], extra: readonly WriteOp[]): WriteOp[] => {
    const ids = new Set(base.map((op) => op.id));
    return [...base, ...extra.filter((op) => !ids.has(op.id))];
  };

  return {
    load() {
      return merge(readStored(), unsaved);
    },
    append(ops) {
      const marked = ops.map((op) => ({ ...op, offline: true }));
      const stored = readStored();
      if (write(merge(stored, marked))) {
        unsaved = unsaved.filter((op) => !marked.some((added) => added.id === op.id));
      } else {
        unsaved = merge(unsaved, marked);
      }
    },
    remove(id) {
      unsaved = unsaved.filter((op) => op.id !== id);
      const stored = readStored();
      if (stored.some((op) => op.id === id)) write(stored.filter((op) => op.id !== id));
    },
    subscribe(listener) {
      if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return () => undefined;
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener();
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

/** A queue kept in memory only: demo mode and engines given no storage. */
export function createMemoryQueueStorage(): QueueStorage {
  let ops: WriteOp[] = [];
  return {
    load: () => ops.map((op) => ({ ...op })),
    append(added) {
      const ids = new Set(ops.map((op) => op.id));
      ops = [...ops, ...added.filter((op) => !ids.has(op.id)).map((op) => ({ ...op, offline: true }))];
    },
    remove(id) {
      ops = ops.filter((op) => op.id !== id);
    },
  };
}
