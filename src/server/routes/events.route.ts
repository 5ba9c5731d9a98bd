import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { createEventSession } from '../event-session.js';
import { LiveUpdatesOffError } from '../http-errors.js';
import type { LiveUpdates } from '../live-updates.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { openEventSink } from '../server-sent-events.js';

export interface EventRoutesOptions {
  /** The hub of an instance; absent with `LIVE_UPDATES=off`, when the route answers 404. */
  live?: (slug: string) => LiveUpdates;
  clientAddress: (c: Context) => string;
  heartbeatMs: number;
  /** End the stream with `bye` after this long (0 = never), e.g. before Vercel's 300 s limit. */
  maxMs: number;
}

/** `/api/events`: the change stream of issue 8 §1 (Server-Sent Events; see ../event-session.ts). */
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
      // Registered before the read: what is heard meanwhile is queued and sent after `hello`.
      const session = createEventSession({ store, slug, heartbeatMs: options.heartbeatMs, maxMs: options.maxMs });
      const close = live.open(options.clientAddress(c), session);
      let start;
      try {
        // Opening a stream is one read: its count rides on this one store call.
        start = await store.changes.since(slug, asked, { charge: budget.charge() });
        budget.enforce();
      } catch (error) {
        close();
        throw error;
      }
      live.follow(start.revision);
      const { sink, response } = openEventSink(c);
      session.begin(sink, start, asked, close);
      return response;
    })
    .all('/', methodNotAllowed(['GET', 'HEAD']));
}
