/**
 * One open change stream (issue 8 §1): what it sends and in which order. It opens with `retry`,
 * then the replay of what a reconnecting client missed (or `resync`), then `hello` at the live
 * revision; then each change once and in revision order, `: heartbeat` comments, and `bye` at
 * its time limit or when the server shuts down.
 */
import { placeOfRevision } from '../core/revision.js';
import type { BookingChange, ChangeNotice, ChangesSince, Store } from '../storage/store.js';
import type { LiveStream } from './live-updates.js';
import { encodeServerSentComment, encodeServerSentEvent } from './server-sent-events.js';
import type { EventSink, ServerSentEvent } from './server-sent-events.js';

/** How long the browser waits before reconnecting after a drop (the SSE `retry` field). */
const RETRY_MS = 2000;
/** On shutdown: reconnect almost at once, to another server behind the same address. */
export const SHUTDOWN_RETRY_MS = 250;

export interface EventSessionOptions {
  store: Store;
  slug: string;
  heartbeatMs: number;
  /** Say `bye` after this long (0 = never), e.g. before Vercel's 300 s limit. */
  maxMs: number;
}

export interface EventSession extends LiveStream {
  /**
   * Starts sending into `sink` from `start` (what the store held when the stream opened); the
   * replay is sent when the client `asked` for a revision. `onClosed` runs once the sink closes.
   */
  begin(sink: EventSink, start: ChangesSince, asked: string, onClosed: () => void): void;
}

function changeEvent(change: BookingChange): ServerSentEvent {
  return { event: 'change', id: change.revision, data: JSON.stringify(change) };
}

function revisionEvent(event: 'hello' | 'resync' | 'bye', revision: string): ServerSentEvent {
  return { event, id: revision, data: JSON.stringify({ revision }) };
}

/** A session that queues what it hears until `begin`. */
export function createEventSession(options: EventSessionOptions): EventSession {
  const { store, slug } = options;
  let sink: EventSink | undefined;
  let last = '';
  const heard: ChangeNotice[] = [];
  let shutDownAsked = false;
  // Sends run one after another: a gap's catch-up must not let a later change overtake it.
  let queue = Promise.resolve();

  const write = (message: ServerSentEvent) => sink!.write(encodeServerSentEvent(message));
  const enqueue = (task: () => Promise<void> | void) => {
    // A failed catch-up (the store is down) ends the stream: the client reconnects with its id.
    queue = queue.then(task).catch(() => sink!.end());
  };

  async function send(notice: ChangeNotice): Promise<void> {
    if (notice.type === 'resync') {
      last = notice.revision;
      write(revisionEvent('resync', notice.revision));
      return;
    }
    const place = placeOfRevision(notice.change.revision, last);
    if (place === 'seen') return;
    if (place === 'next') {
      last = notice.change.revision;
      write(changeEvent(notice.change));
      return;
    }
    // A gap: another epoch, or changes this stream has not heard (rare: only while it was opening).
    const missed = await store.changes.since(slug, last);
    if (missed.revision === last) return;
    last = missed.revision;
    if (!missed.changes) write(revisionEvent('resync', missed.revision));
    else for (const change of missed.changes) write(changeEvent(change));
  }

  function sayBye(retryMs?: number): void {
    enqueue(() => {
      if (retryMs !== undefined) write({ retry: retryMs });
      write(revisionEvent('bye', last));
      sink!.end();
    });
  }

  return {
    deliver(notice) {
      if (sink) enqueue(() => send(notice));
      else heard.push(notice);
    },
    shutDown() {
      if (sink) sayBye(SHUTDOWN_RETRY_MS);
      else shutDownAsked = true;
    },
    begin(opened, start, asked, onClosed) {
      sink = opened;
      last = start.revision;
      const heartbeat = setInterval(() => opened.write(encodeServerSentComment('heartbeat')), options.heartbeatMs);
      const limit = options.maxMs > 0 ? setTimeout(() => sayBye(), options.maxMs) : undefined;
      opened.onClose(() => {
        clearInterval(heartbeat);
        clearTimeout(limit);
        onClosed();
      });
      write({ retry: RETRY_MS });
      if (asked !== '') {
        if (start.changes) for (const change of start.changes) write(changeEvent(change));
        else write(revisionEvent('resync', start.revision));
      }
      // Sent after a replay too, so a client always learns the live revision.
      write(revisionEvent('hello', start.revision));
      for (const notice of heard.splice(0)) enqueue(() => send(notice));
      if (shutDownAsked) sayBye(SHUTDOWN_RETRY_MS);
    },
  };
}
