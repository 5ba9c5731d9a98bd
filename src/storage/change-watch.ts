/**
 * The watching half of every backend's `changes` part: one loop per watched instance per process
 * (not per listener), which waits for the backend's wake-up (a blocking stream read, a poll
 * interval, a local commit), asks the log what came after the last revision it delivered, and
 * hands every listener the changes in order, or a `resync` when the log cannot tell them.
 */
import type { ChangeNotice, ChangesSince } from './store.js';

export interface ChangeWatchOptions {
  /** The log's answer after `revision` (the backend's uncharged `since`). */
  since: (slug: string, revision: string) => Promise<ChangesSince>;
  /**
   * Resolves when there may be something after `revision` (or after a timeout: a spurious wake-up
   * costs one `since`); rejects on a failure, retried after a pause. `signal` aborts when nobody
   * watches any more: a blocking read must let go of its connection then.
   */
  wait: (slug: string, revision: string, signal: AbortSignal) => Promise<void>;
}

export interface ChangeWatch {
  watch(slug: string, listener: (notice: ChangeNotice) => void, options?: { after?: string }): () => void;
  /** Wakes the loop of `slug` now, e.g. right after this process committed a change. */
  poke(slug: string): void;
  /** Stops every loop; listeners hear nothing more. */
  close(): void;
}

/** Pause after a failed wait or read before trying again (the store may be down). */
const RETRY_AFTER_FAILURE_MS = 500;

interface Watched {
  listeners: Set<(notice: ChangeNotice) => void>;
  wake: () => void;
  stopped: AbortController;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Builds the per-process watch loops over one backend's `since` and `wait`. */
export function createChangeWatch(options: ChangeWatchOptions): ChangeWatch {
  const watched = new Map<string, Watched>();
  let closed = false;

  async function run(slug: string, entry: Watched, after: string | undefined): Promise<void> {
    let last = after;
    // After a failure (the store went away), ask the log at once instead of waiting first.
    let recheck = false;
    const active = () => !closed && watched.get(slug) === entry;
    while (active()) {
      try {
        if (last === undefined) {
          // Start from the current revision: a listener hears what happens after it subscribed.
          last = (await options.since(slug, '')).revision;
          continue;
        }
        if (!recheck) {
          const woken = new Promise<void>((resolve) => (entry.wake = resolve));
          await Promise.race([options.wait(slug, last, entry.stopped.signal), woken]);
          if (!active()) return;
        }
        recheck = false;
        const found = await options.since(slug, last);
        if (found.revision === last) continue;
        const notices: ChangeNotice[] = found.changes
          ? found.changes.map((change) => ({ type: 'change', change }))
          : [{ type: 'resync', revision: found.revision }];
        last = found.revision;
        for (const notice of notices) for (const listener of [...entry.listeners]) listener(notice);
      } catch {
        recheck = true;
        await sleep(RETRY_AFTER_FAILURE_MS);
      }
    }
  }

  return {
    watch(slug, listener, { after } = {}) {
      let entry = watched.get(slug);
      if (!entry) {
        entry = { listeners: new Set(), wake: () => undefined, stopped: new AbortController() };
        watched.set(slug, entry);
        void run(slug, entry, after);
      }
      entry.listeners.add(listener);
      const mine = entry;
      return () => {
        mine.listeners.delete(listener);
        if (mine.listeners.size === 0 && watched.get(slug) === mine) {
          watched.delete(slug);
          mine.stopped.abort();
          mine.wake();
        }
      };
    },
    poke(slug) {
      watched.get(slug)?.wake();
    },
    close() {
      closed = true;
      for (const entry of watched.values()) {
        entry.stopped.abort();
        entry.wake();
      }
      watched.clear();
    },
  };
}
