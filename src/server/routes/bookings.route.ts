import { Hono } from 'hono';
import type { Context } from 'hono';
import { ValidationError } from '../../core/errors.js';
import { parseCreateBooking, parseDateRange, parseDeleteBooking, parseUpdateBooking } from '../../core/requests.js';
import { CREATE_FIELDS_ERROR, DELETE_FIELDS_ERROR, UPDATE_FIELDS_ERROR } from '../../core/requests.js';
import type { AppEnv } from '../app-env.js';
import { checkedWrite } from '../checked-write.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { readJsonObject } from '../read-json.js';
import { createRevisionCache } from '../revision-cache.js';

/** The entity tags of an `If-None-Match` header, unquoted (RFC 9110 §13.1.2: weak comparison). */
function entityTags(ifNoneMatch: string | undefined): string[] {
  if (!ifNoneMatch) return [];
  return ifNoneMatch.split(',').map((candidate) => candidate.trim().replace(/^W\//, ''));
}

/**
 * `GET /api/bookings?since=<revision>` (issue 8 §5): the changes after `revision` while the log
 * holds them, else the whole state flagged `full`, so a tab waking from sleep catches up cheaply.
 */
async function changesSince(c: Context<AppEnv>, since: string): Promise<Response> {
  if (c.req.query('from') !== undefined || c.req.query('to') !== undefined) {
    throw new ValidationError('since cannot be combined with from or to', { since: 'use since alone' });
  }
  const store = c.get('store');
  const slug = c.get('slug');
  const budget = c.get('budget');
  const found = await store.changes.since(slug, since, { charge: budget.charge() });
  budget.enforce();
  c.header('Cache-Control', 'no-cache');
  if (found.changes) {
    c.header('ETag', `"${found.revision}"`);
    return c.json({ since, revision: found.revision, changes: found.changes });
  }
  // The listing's own revision: a write may have landed since the log was asked.
  const read = await store.bookings.read(slug, {});
  c.header('ETag', `"${read.revision}"`);
  return c.json({ full: true, revision: read.revision, bookings: read.listing?.bookings ?? {} });
}

/** `/api/bookings` and `/api/bookings/update` (PRODUCT.md §4.1). */
export function bookingRoutes(): Hono<AppEnv> {
  // Many tabs poll the same week: after a change, one store read serves them all. Keys name the
  // instance: revisions (`empty` above all) repeat across instances.
  const bodies = createRevisionCache({ maxEntries: 64, maxChars: 32 * 1024 * 1024 });
  const latestRevisions = new Map<string, string>();
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const since = c.req.query('since');
      if (since !== undefined) return changesSince(c, since);
      const range = parseDateRange({ from: c.req.query('from'), to: c.req.query('to') });
      const tags = entityTags(c.req.header('If-None-Match'));
      const slug = c.get('slug');
      const rangeKey = `|${range?.from ?? ''}|${range?.to ?? ''}|${slug}`;
      const latestRevision = latestRevisions.get(slug);
      const budget = c.get('budget');
      // One store call answers the poll: count, revision, and the listing only if neither the
      // client (If-None-Match) nor our cache holds that revision already.
      const known = tags.map((tag) => tag.replace(/^"|"$/g, ''));
      if (latestRevision !== undefined && bodies.get(`${latestRevision}${rangeKey}`) !== undefined) {
        known.push(latestRevision);
      }
      const read = await c.get('store').bookings.read(slug, { range, unlessRevision: known, charge: budget.charge() });
      budget.enforce();
      latestRevisions.set(slug, read.revision);
      const etag = `"${read.revision}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'no-cache');
      // RFC 9110 §15.4.5: a 304 carries the ETag it would have sent with a 200, and no body.
      if (tags.includes('*') || tags.includes(etag)) return c.body(null, 304);
      const key = `${read.revision}${rangeKey}`;
      let body = bodies.get(key);
      if (read.listing) {
        c.get('instance').problems.noteBookings(range, read.listing.damaged);
        body = JSON.stringify(read.listing.bookings);
        bodies.set(key, body);
      } else if (body === undefined) {
        // Evicted between the check and now: read again (rare).
        const listing = await c.get('store').bookings.list(slug, range);
        body = JSON.stringify(listing.bookings);
      }
      c.header('Content-Type', 'application/json');
      return c.body(body);
    })
    .post('/', async (c) => {
      const body = await readJsonObject(c, CREATE_FIELDS_ERROR);
      const created = await checkedWrite(c, async ({ config, rules }, conditions) => {
        const command = parseCreateBooking(body, { config, rules, now: c.get('now')() });
        const store = c.get('store');
        return {
          command,
          booking: await store.bookings.create(c.get('slug'), command, command.booking, rules, conditions),
        };
      });
      const { dateKey, timeKey } = created.command;
      const { user, duration } = created.booking;
      return c.json({ success: true, booking: { dateKey, timeKey, user, duration } }, 201);
    })
    .all('/', methodNotAllowed(['GET', 'HEAD', 'POST']))
    .put('/update', async (c) => {
      const body = await readJsonObject(c, UPDATE_FIELDS_ERROR);
      const { target, booking } = await checkedWrite(c, async ({ config, rules }, conditions) => {
        const command = parseUpdateBooking(body, { config, rules, now: c.get('now')() });
        const { bookings } = c.get('store');
        const slug = c.get('slug');
        const { target, changes } = command;
        return {
          target,
          booking: target
            ? await bookings.move(slug, command, target, changes, rules, conditions)
            : await bookings.update(slug, command, changes, rules, conditions),
        };
      });
      // A move (issue 9 §9) says where the booking now starts, as a create does.
      if (target)
        return c.json({ success: true, booking: { dateKey: target.dateKey, timeKey: target.timeKey, ...booking } });
      return c.json({ success: true, booking });
    })
    .delete('/update', async (c) => {
      const body = await readJsonObject(c, DELETE_FIELDS_ERROR);
      await checkedWrite(c, ({ rules }, conditions) =>
        c.get('store').bookings.delete(c.get('slug'), parseDeleteBooking(body, { rules }), conditions),
      );
      return c.json({ success: true });
    })
    .all('/update', methodNotAllowed(['PUT', 'DELETE']));
}
