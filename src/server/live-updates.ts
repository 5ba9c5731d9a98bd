/**
 * The per-process hub of the change stream (issue 8 §1): one `store.changes.watch` for the
 * instance while at least one stream is open, fanned out in memory to every open stream, the
 * per-address cap on open streams, and the clean end of every stream on shutdown.
 */
import type { ChangeNotice, Store } from '../storage/store.js';
import { TooManyStreamsError } from './http-errors.js';

export interface LiveUpdatesOptions {
  store: Store;
  slug: string;
  /** Open streams per client address, e.g. 20; one more throws `TooManyStreamsError`. */
  maxPerClient: number;
}

/** An open stream as the hub sees it. */
export interface LiveStream {
  /** Hears one change (or `resync`) broadcast to every stream. */
  deliver(notice: ChangeNotice): void;
  /** Says `bye` with a short `retry` and ends: the server is going away. */
  shutDown(): void;
}

export interface LiveUpdates {
  /**
   * Registers `stream` for `client` to hear every change broadcast from now on; returns its close
   * function (idempotent). Throws `TooManyStreamsError` when the address already holds the maximum.
   */
  open(client: string, stream: LiveStream): () => void;
  /**
   * Makes sure the store is watched, from `revision` (what an opening stream just read) when the
   * watch starts now: no change after it can fall between that read and the watch's own start.
   */
  follow(revision: string): void;
  /** Streams open in this process. */
  openStreams(): number;
  /**
   * Shutdown: every open stream, and any opened from now on, says `bye` and ends, so its client
   * reconnects at once (elsewhere) with `Last-Event-ID`. Resolves once every stream has closed.
   */
  shutDown(): Promise<void>;
}

/** The hub of `options.slug` over `options.store`. */
export function createLiveUpdates(options: LiveUpdatesOptions): LiveUpdates {
  const streams = new Set<LiveStream>();
  const perClient = new Map<string, number>();
  let unwatch: (() => void) | undefined;
  let shuttingDown = false;
  let allClosed: (() => void) | undefined;

  function broadcast(notice: ChangeNotice): void {
    for (const stream of [...streams]) stream.deliver(notice);
  }

  return {
    open(client, stream) {
      const held = perClient.get(client) ?? 0;
      if (held >= options.maxPerClient) throw new TooManyStreamsError(options.maxPerClient);
      perClient.set(client, held + 1);
      streams.add(stream);
      if (shuttingDown) stream.shutDown();
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        streams.delete(stream);
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
        // Nobody listens: stop the store's watch loop (on REST, its polling).
        if (streams.size === 0) {
          unwatch?.();
          unwatch = undefined;
          allClosed?.();
        }
      };
    },
    follow(revision) {
      if (streams.size > 0) unwatch ??= options.store.changes.watch(options.slug, broadcast, { after: revision });
    },
    openStreams: () => streams.size,
    shutDown() {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => (allClosed = resolve));
      if (streams.size === 0) return Promise.resolve();
      for (const stream of [...streams]) stream.shutDown();
      return closed;
    },
  };
}

/** Every instance's hub in this process, each made on first use, shut down together. */
export interface LiveHubs {
  forInstance(slug: string): LiveUpdates;
  /** Shuts every hub down (see `LiveUpdates.shutDown`); a hub made afterwards starts shut. */
  shutDown(): Promise<void>;
}

export function createLiveHubs(options: Omit<LiveUpdatesOptions, 'slug'>): LiveHubs {
  const hubs = new Map<string, LiveUpdates>();
  let shuttingDown = false;
  return {
    forInstance(slug) {
      let hub = hubs.get(slug);
      if (!hub) {
        hub = createLiveUpdates({ ...options, slug });
        hubs.set(slug, hub);
        if (shuttingDown) void hub.shutDown();
      }
      return hub;
    },
    async shutDown() {
      shuttingDown = true;
      await Promise.all([...hubs.values()].map((hub) => hub.shutDown()));
    },
  };
}
