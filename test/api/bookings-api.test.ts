/**
 * The HTTP contract of PRODUCT.md §4, in-process (`app.request`) against a real SQLite file of
 * each test's own: no test depends on another's data. Sockets are the subject elsewhere
 * (test/api/cross-cutting.test.ts, test/server/node-entry.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootTestApp } from '../support/api-server.js';
import type { TestApp } from '../support/api-server.js';

const NOW = Date.parse('2026-02-14T00:30:00Z'); // Saturday 14 Feb 2026, 10:30 in Brisbane
const TODAY = '2026-02-14';
const LATER = '2026-02-20';

let sut: TestApp;

beforeEach(async () => {
  sut = await bootTestApp({ clock: () => NOW });
});
afterEach(async () => {
  await sut.dispose();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return sut.app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const create = (dateKey: string, timeKey: string, user = 'Jack', duration: unknown = 1) =>
  call('POST', '/api/bookings', { dateKey, timeKey, user, duration });

/** Jack's two hours from 09:00 on LATER, the booking most tests below start from. */
async function bookLater(): Promise<void> {
  expect((await create(LATER, '09:00', 'Jack', 2)).status).toBe(201);
}

describe('GET /api/config', () => {
  it('serves the original default roster when none is stored', async () => {
    const response = await call('GET', '/api/config');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.slug).toBe('cps-software');
    expect(body.title).toBe('CPS Software Booking');
    expect(body.users.map((user: { name: string; key: string }) => `${user.key}:${user.name}`)).toEqual([
      'j:Jack',
      'b:Bonnie',
      'g:Giuliano',
      'h:John',
      'r:Rue',
      'l:Joel',
    ]);
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
  });
});

describe('POST /api/bookings', () => {
  it('creates a booking and answers 201 with the sanitised values', async () => {
    const response = await create(LATER, '09:00', '<b>Jack</b>', '2');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      success: true,
      booking: { dateKey: LATER, timeKey: '09:00', user: 'Jack', duration: 2 },
    });
  });

  it('answers 409 "Slot already booked" for a start covered by an earlier booking', async () => {
    await bookLater();
    const response = await create(LATER, '10:00');
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'Slot already booked' });
  });

  it('answers 409 naming the first taken hour', async () => {
    await bookLater();
    const response = await create(LATER, '07:00', 'Rue', 3);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'Slot 09:00 conflicts with booking duration' });
  });

  it('answers 400 with the original message and the bad fields', async () => {
    const response = await create('2026-02-30', '09:00', 'Mallory', 9);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'Missing or invalid fields: dateKey, timeKey, user, duration',
      fields: {
        dateKey: 'not a real calendar date',
        user: 'not a user of this instance',
        duration: 'must be a whole number of hours from 1 to 8',
      },
    });
  });

  it('refuses a slot that already ended, but takes the current hour', async () => {
    expect((await create(TODAY, '09:00')).status).toBe(400);
    expect((await create(TODAY, '10:00')).status).toBe(201);
  });

  it.each([
    ['malformed JSON', '{"dateKey":'],
    ['an array', '[1,2]'],
    ['a string', '"hello"'],
    ['an empty body', ''],
  ])('answers 400, never 5xx, for %s', async (_name, raw) => {
    const response = await call('POST', '/api/bookings', raw);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('Missing or invalid fields: dateKey, timeKey, user, duration');
  });

  it('answers 413 for a body over 16 KiB and stores nothing', async () => {
    const response = await call('POST', '/api/bookings', {
      dateKey: '2026-03-01',
      timeKey: '09:00',
      user: 'Jack',
      duration: 1,
      padding: 'x'.repeat(17 * 1024),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/too large/);
    expect(await (await call('GET', '/api/bookings?from=2026-03-01&to=2026-03-01')).json()).toEqual({});
  });
});

describe('PUT /api/bookings/update', () => {
  it('reassigns the user and returns the merged booking', async () => {
    await bookLater();
    const response = await call('PUT', '/api/bookings/update', {
      dateKey: LATER,
      timeKey: '09:00',
      updates: { user: 'Bonnie' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, booking: { user: 'Bonnie', duration: 2 } });
  });

  it('refuses to extend into another booking with the original message', async () => {
    await bookLater();
    await create(LATER, '12:00', 'Rue', 1);
    const response = await call('PUT', '/api/bookings/update', {
      dateKey: LATER,
      timeKey: '09:00',
      updates: { duration: 4 },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'Cannot extend: slot 12:00 is already booked' });
  });

  it('answers 404 when no booking starts there, even inside another booking', async () => {
    await bookLater();
    const response = await call('PUT', '/api/bookings/update', {
      dateKey: LATER,
      timeKey: '10:00',
      updates: { user: 'Rue' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Booking not found' });
  });

  it('answers 400 for empty updates', async () => {
    const response = await call('PUT', '/api/bookings/update', { dateKey: LATER, timeKey: '09:00', updates: {} });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('Missing or invalid fields: dateKey, timeKey, updates');
  });
});

describe('DELETE /api/bookings/update', () => {
  it('deletes, then answers 404 for the same slot', async () => {
    await create('2026-02-21', '15:00');
    const first = await call('DELETE', '/api/bookings/update', { dateKey: '2026-02-21', timeKey: '15:00' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ success: true });
    const again = await call('DELETE', '/api/bookings/update', { dateKey: '2026-02-21', timeKey: '15:00' });
    expect(again.status).toBe(404);
    const all = await (await call('GET', '/api/bookings')).json();
    expect(all).not.toHaveProperty('2026-02-21');
  });

  it('answers 400 for bad keys', async () => {
    const response = await call('DELETE', '/api/bookings/update', { dateKey: '2026-02-21', timeKey: '15:30' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'Missing or invalid fields: dateKey, timeKey',
      fields: { timeKey: 'must be HH:00' },
    });
  });
});

describe('GET /api/bookings', () => {
  it('returns only the inclusive range asked for', async () => {
    await bookLater();
    await create(TODAY, '10:00');
    await create('2026-02-16', '09:00');
    await create('2026-02-22', '09:00');
    await create('2026-02-23', '09:00');
    const week = await (await call('GET', '/api/bookings?from=2026-02-16&to=2026-02-22')).json();
    expect(Object.keys(week).sort()).toEqual(['2026-02-16', LATER, '2026-02-22']);
    const all = await (await call('GET', '/api/bookings')).json();
    expect(Object.keys(all)).toEqual(expect.arrayContaining([TODAY, LATER, '2026-02-23']));
  });

  it('rejects a malformed range with 400', async () => {
    expect((await call('GET', '/api/bookings?from=2026-02-16')).status).toBe(400);
  });

  it('answers 304 with no body for the current ETag, and a new ETag after a write', async () => {
    const first = await call('GET', '/api/bookings');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await call('GET', '/api/bookings', undefined, { 'If-None-Match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('ETag')).toBe(etag);
    await create('2026-02-24', '09:00');
    const changed = await call('GET', '/api/bookings', undefined, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });
});

describe('methods and paths', () => {
  it.each([
    ['PATCH', '/api/bookings'],
    ['DELETE', '/api/bookings'],
    ['GET', '/api/bookings/update'],
    ['POST', '/api/bookings/update'],
    ['POST', '/api/config'],
  ])('answers 405 to %s %s', async (method, path) => {
    const response = await call(method, path, method === 'GET' ? undefined : {});
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: 'Method not allowed' });
  });
});

describe('GET /api/health', () => {
  it('names the store', async () => {
    const response = await call('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, store: 'sqlite' });
  });
});

describe('concurrent writes', () => {
  it('stores all 50 concurrent creates of distinct slots', async () => {
    const slots = Array.from({ length: 50 }, (_, index) => ({
      dateKey: `2026-04-${String(1 + Math.floor(index / 16)).padStart(2, '0')}`,
      timeKey: `${String(6 + (index % 16)).padStart(2, '0')}:00`,
    }));
    const statuses = await Promise.all(slots.map((s) => create(s.dateKey, s.timeKey).then((r) => r.status)));
    expect(statuses.every((status) => status === 201)).toBe(true);
    const stored = await (await call('GET', '/api/bookings?from=2026-04-01&to=2026-04-30')).json();
    expect(Object.values(stored).reduce((sum: number, day) => sum + Object.keys(day as object).length, 0)).toBe(50);
  });

  it('lets exactly one of 20 concurrent creates of one slot win', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        create('2026-05-05', '09:00', 'Rue', 1 + (index % 3)).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  });
});

describe('defects of the original (PRODUCT.md §10) stay fixed', () => {
  it('#1 refuses a create inside an earlier, longer booking', async () => {
    await create('2026-06-01', '07:00', 'Jack', 3);
    expect((await create('2026-06-01', '08:00')).status).toBe(409);
  });

  it('#3 refuses a PUT that would run past 22:00', async () => {
    await create('2026-06-02', '21:00');
    const response = await call('PUT', '/api/bookings/update', {
      dateKey: '2026-06-02',
      timeKey: '21:00',
      updates: { duration: 8 },
    });
    expect(response.status).toBe(400);
  });

  it.each([['00:00'], ['99:00'], ['05:00']])('#4 refuses the hour %s', async (timeKey) => {
    expect((await create('2026-06-03', timeKey)).status).toBe(400);
  });

  it.each([['3abc'], [2.9], ['1e3']])('#6 refuses the loose duration %j', async (duration) => {
    expect((await create('2026-06-03', '09:00', 'Jack', duration)).status).toBe(400);
  });

  it.each([[42], [true], [{ name: 'Jack' }], ['<b></b>']])('#7 refuses the user %j', async (user) => {
    expect(
      (await call('POST', '/api/bookings', { dateKey: '2026-06-03', timeKey: '09:00', user, duration: 1 })).status,
    ).toBe(400);
  });

  it('#8 never merges a bad update into the stored booking', async () => {
    await create('2026-06-04', '09:00', 'Jack', 2);
    for (const updates of [{ duration: 99 }, { user: '<i></i>' }, {}, { duration: null }]) {
      const response = await call('PUT', '/api/bookings/update', { dateKey: '2026-06-04', timeKey: '09:00', updates });
      expect(response.status).toBe(400);
    }
    const day = (await (await call('GET', '/api/bookings?from=2026-06-04&to=2026-06-04')).json())['2026-06-04'];
    expect(day).toEqual({ '09:00': { user: 'Jack', duration: 2 } });
  });

  it('#32 refuses bookings on past dates', async () => {
    expect((await create('2026-02-13', '15:00')).status).toBe(400);
  });
});
