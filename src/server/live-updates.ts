/**
 * The per-process hub of the change stream (issue 8 §1): one `store.changes.watch` for the
 * instance while at least one stream is open, fanned out in memory to every open stream, and the
 * per-address cap on open streams.
 */
import type { ChangeNotice, Store } from '../storage/store.js';
import { TooManyStreamsError } from './http-errors.js';

export interface LiveUpdatesOptions {
  store: Store;
  slug: string;
  /** Open streams per client address, e.g. 20; one more throws `TooManyStreamsError`. */
  maxPerClient: number;
}

export interface LiveUpdates {
  /**
   * Opens a stream for `client` that hears every change broadcast from now on; returns its close
   * function (idempotent). Throws `TooManyStreamsError` when the address already holds the maximum.
   */
  open(client: string, listener: (notice: ChangeNotice) => void): () => void;
  /**
   * Makes sure the store is watched, from `revision` (what an opening stream just read) when the
   * watch starts now: no change after it can fall between that read and the watch's own start.
   */
  follow(revision: string): void;
  /** Streams open in this process. */
  openStreams(): number;
}

/** The hub of `options.slug` over `options.store`. */
export function createLiveUpdates(options: LiveUpdatesOptions): LiveUpdates {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const perClient = new Map<string, number>();
  let unwatch: (() => void) | undefined;

  function broadcast(notice: ChangeNotice): void {
    for (const listener of [...listeners]) listener(notice);
  }

  return {
    open(client, listener) {
      const held = perClient.get(client) ?? 0;
      if (held >= options.maxPerClient) throw new TooManyStreamsError(options.maxPerClient);
      perClient.set(client, held + 1);
      listeners.add(listener);
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        listeners.delete(listener);
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
        // Nobody listens: stop the store's watch loop (on REST, its polling).
        if (listeners.size === 0) {
          unwatch?.();
          unwatch = undefined;
        }
      };
    },
    follow(revision) {
      if (listeners.size > 0) unwatch ??= options.store.changes.watch(options.slug, broadcast, { after: revision });
    },
    openStreams: () => listeners.size,
  };
}
