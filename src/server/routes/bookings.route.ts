import { Hono } from 'hono';
import { parseCreateBooking, parseDateRange, parseDeleteBooking, parseUpdateBooking } from '../../core/requests.js';
import { CREATE_FIELDS_ERROR, DELETE_FIELDS_ERROR, UPDATE_FIELDS_ERROR } from '../../core/requests.js';
import type { AppEnv } from '../app-env.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { readJsonObject } from '../read-json.js';
import { createRevisionCache } from '../revision-cache.js';

/** Whether an `If-None-Match` header names `etag` (RFC 9110 §13.1.2: weak comparison). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** `/api/bookings` and `/api/bookings/update` (PRODUCT.md §4.1). */
export function bookingRoutes(): Hono<AppEnv> {
  // Many tabs poll the same week: after a change, one store read serves them all.
  const bodies = createRevisionCache({ maxEntries: 64, maxChars: 32 * 1024 * 1024 });
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const range = parseDateRange({ from: c.req.query('from'), to: c.req.query('to') });
      const store = c.get('store');
      const slug = c.get('slug');
      // The rate limiter usually read the revision already, in the same store step as its count.
      const revision = c.get('revision') ?? (await store.getRevision(slug));
      const etag = `"${revision}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'no-cache');
      // RFC 9110 §15.4.5: a 304 carries the ETag it would have sent with a 200, and no body.
      if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
      const key = `${revision}|${range?.from ?? ''}|${range?.to ?? ''}`;
      let body = bodies.get(key);
      if (body === undefined) {
        body = JSON.stringify(await store.listBookings(slug, range));
        bodies.set(key, body);
      }
      c.header('Content-Type', 'application/json');
      return c.body(body);
    })
    .post('/', async (c) => {
      const body = await readJsonObject(c, CREATE_FIELDS_ERROR);
      const { config, rules } = await c.get('loadInstance')();
      const command = parseCreateBooking(body, { config, rules, now: c.get('now')() });
      const booking = await c.get('store').createBooking(c.get('slug'), command, command.booking, rules);
      const { dateKey, timeKey } = command;
      return c.json(
        { success: true, booking: { dateKey, timeKey, user: booking.user, duration: booking.duration } },
        201,
      );
    })
    .all('/', methodNotAllowed(['GET', 'HEAD', 'POST']))
    .put('/update', async (c) => {
      const body = await readJsonObject(c, UPDATE_FIELDS_ERROR);
      const { config, rules } = await c.get('loadInstance')();
      const command = parseUpdateBooking(body, { config, rules, now: c.get('now')() });
      const booking = await c.get('store').updateBooking(c.get('slug'), command, command.changes, rules);
      return c.json({ success: true, booking });
    })
    .delete('/update', async (c) => {
      const body = await readJsonObject(c, DELETE_FIELDS_ERROR);
      const { rules } = await c.get('loadInstance')();
      await c.get('store').deleteBooking(c.get('slug'), parseDeleteBooking(body, { rules }));
      return c.json({ success: true });
    })
    .all('/update', methodNotAllowed(['PUT', 'DELETE']));
}
