import type { Context } from 'hono';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import { placeOfRevision } from '../../core/revision.js';
import type { BookingChange, ChangeNotice } from '../../storage/store.js';
import type { AppEnv } from '../app-env.js';
import { LiveUpdatesOffError } from '../http-errors.js';
import type { LiveUpdates } from '../live-updates.js';
import { methodNotAllowed } from '../method-not-allowed.js';

export interface EventRoutesOptions {
  /** The hub of an instance; absent with `LIVE_UPDATES=off`, when the route answers 404. */
  live?: (slug: string) => LiveUpdates;
  clientAddress: (c: Context) => string;
  heartbeatMs: number;
  /** End the stream with `bye` after this long (0 = never), e.g. before Vercel's 300 s limit. */
  maxMs: number;
}

/** How long the browser waits before reconnecting after a drop (the SSE `retry` field). */
const RETRY_MS = 2000;

function changeEvent(change: BookingChange) {
  return { event: 'change', id: change.revision, data: JSON.stringify(change) };
}

function revisionEvent(event: 'hello' | 'resync' | 'bye', revision: string) {
  return { event, id: revision, data: JSON.stringify({ revision }) };
}

/** `/api/events`: the change stream of issue 8 §1 (Server-Sent Events). */
export function eventRoutes(options: EventRoutesOptions): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      if (!options.live) throw new LiveUpdatesOffError();
      const store = c.get('store');
      const slug = c.get('slug');
      const live = options.live(slug);
      const asked = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId') ?? '';
      const budget = c.get('budget');
      // HEAD says what a GET would answer (counted as one read), without opening or watching a stream.
      if (c.req.method === 'HEAD') {
        await store.changes.since(slug, asked, { charge: budget.charge() });
        budget.enforce();
        return c.body(null, 200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      }
      // Heard before the stream starts are queued; the stream then sends them in order.
      let pending: ChangeNotice[] = [];
      let deliver: ((notice: ChangeNotice) => void) | undefined;
      const close = live.open(options.clientAddress(c), (notice) => (deliver ? deliver(notice) : pending.push(notice)));
      let found;
      try {
        // Opening a stream is one read: its count rides on this one store call.
        found = await store.changes.since(slug, asked, { charge: budget.charge() });
        budget.enforce();
      } catch (error) {
        close();
        throw error;
      }
      const start = found;
      live.follow(start.revision);

      return streamSSE(c, async (stream: SSEStreamingApi) => {
        let last = start.revision;
        let ended: () => void = () => undefined;
        const done = new Promise<void>((resolve) => (ended = resolve));
        let queue = Promise.resolve();

        async function send(notice: ChangeNotice): Promise<void> {
          if (notice.type === 'resync') {
            last = notice.revision;
            await stream.writeSSE(revisionEvent('resync', notice.revision));
            return;
          }
          // A gap: another epoch, or changes this stream has not heard (e.g. made while it was opening).
          const place = placeOfRevision(notice.change.revision, last);
          if (place === 'seen') return;
          if (place === 'next') {
            last = notice.change.revision;
            await stream.writeSSE(changeEvent(notice.change));
            return;
          }
          // A gap: ask the log for what this stream missed (rare: only while it was opening).
          const missed = await store.changes.since(slug, last);
          if (missed.revision === last) return;
          last = missed.revision;
          if (!missed.changes) await stream.writeSSE(revisionEvent('resync', missed.revision));
          else for (const change of missed.changes) await stream.writeSSE(changeEvent(change));
        }

        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), options.heartbeatMs);
        const limit = options.maxMs > 0 ? setTimeout(finish, options.maxMs) : undefined;
        function finish(): void {
          queue = queue.then(() => stream.writeSSE(revisionEvent('bye', last))).finally(ended);
        }
        stream.onAbort(() => ended());

        try {
          await stream.write(`retry: ${RETRY_MS}\n\n`);
          if (asked !== '') {
            if (start.changes) for (const change of start.changes) await stream.writeSSE(changeEvent(change));
            else await stream.writeSSE(revisionEvent('resync', start.revision));
          }
          // Sent after a replay too, so a client always learns the live revision.
          await stream.writeSSE(revisionEvent('hello', start.revision));
          deliver = (notice) => {
            queue = queue.then(() => send(notice)).catch(() => ended());
          };
          for (const notice of pending) deliver(notice);
          pending = [];
          await done;
        } finally {
          clearInterval(heartbeat);
          clearTimeout(limit);
          close();
        }
      });
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
