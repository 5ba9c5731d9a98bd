/**
 * Moving a booking through `PUT /api/bookings/update` (issue 9 §9), in-process against a real
 * SQLite file of each test's own: the answers, the 409 text, the 400 fields, and a change log
 * that a client applying `?since=` ends up right with. Atomicity under races is held on every
 * backend over real HTTP in test/redis/concurrency.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootTestApp } from '../support/api-server.js';
import type { TestApp } from '../support/api-server.js';
import { applyBookingChange, parseChangesAnswer } from '../../src/client/features/sync/booking-change.js';
import type { BookingsBlob } from '../../src/core/bookings.js';

const NOW = Date.parse('2026-02-14T00:30:00Z'); // Saturday 14 Feb 2026, 10:30 in Brisbane
const TODAY = '2026-02-14';
const LATER = '2026-02-20';
const NEXT = '2026-02-21';

let sut: TestApp;

beforeEach(async () => {
  sut = await bootTestApp({ clock: () => NOW });
});
afterEach(async () => {
  await sut.dispose();
});

async function call(method: string, path: string, body?: unknown) {
  return sut.app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const create = (dateKey: string, timeKey: string, user: string, duration: number) =>
  call('POST', '/api/bookings', { dateKey, timeKey, user, duration });
const update = (dateKey: string, timeKey: string, updates: Record<string, unknown>) =>
  call('PUT', '/api/bookings/update', { dateKey, timeKey, updates });
const bookings = async () => (await (await call('GET', '/api/bookings')).json()) as BookingsBlob;

describe('PUT /api/bookings/update with a new date or hour', () => {
  it('moves the booking in one step and says where it now starts', async () => {
    await create(LATER, '09:00', 'Jack', 2);
    const response = await update(LATER, '09:00', { dateKey: NEXT, timeKey: '15:00', user: 'Rue' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      booking: { dateKey: NEXT, timeKey: '15:00', user: 'Rue', duration: 2 },
    });
    expect(await bookings()).toEqual({ [NEXT]: { '15:00': { user: 'Rue', duration: 2 } } });
  });

  it('answers 409 naming the first taken hour, changing nothing', async () => {
    await create(LATER, '09:00', 'Jack', 2);
    await create(LATER, '13:00', 'Bonnie', 1);
    const response = await update(LATER, '09:00', { timeKey: '12:00' });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'Cannot move: slot 13:00 is already booked' });
    expect((await bookings())[LATER]).toEqual({
      '09:00': { user: 'Jack', duration: 2 },
      '13:00': { user: 'Bonnie', duration: 1 },
    });
  });

  it('answers 400 for a target that is malformed or already ended, and 404 when nothing starts there', async () => {
    await create(TODAY, '11:00', 'Jack', 1);
    const past = await update(TODAY, '11:00', { timeKey: '09:00' });
    expect(past.status).toBe(400);
    expect(await past.json()).toEqual({
      error: 'Missing or invalid fields: dateKey, timeKey, updates',
      fields: { 'updates.timeKey': 'slot has already ended' },
    });
    const malformed = await update(TODAY, '11:00', { dateKey: 'tomorrow' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).fields).toEqual({ 'updates.dateKey': 'must be YYYY-MM-DD' });
    expect((await update(LATER, '11:00', { dateKey: NEXT })).status).toBe(404);
  });

  it('answers a request without dateKey or timeKey exactly as before', async () => {
    await create(LATER, '09:00', 'Jack', 2);
    const response = await update(LATER, '09:00', { duration: 3 });
    expect(await response.json()).toEqual({ success: true, booking: { user: 'Jack', duration: 3 } });
  });

  it('logs the move so a client applying the changes since its revision ends up with the stored state', async () => {
    await create(LATER, '09:00', 'Jack', 2);
    const held = await call('GET', '/api/bookings');
    const revision = held.headers.get('ETag')!.replace(/"/g, '');
    let blob = (await held.json()) as BookingsBlob;
    await update(LATER, '09:00', { timeKey: '10:00', duration: 3 });
    const answer = parseChangesAnswer(await (await call('GET', `/api/bookings?since=${revision}`)).json());
    expect(answer?.kind).toBe('changes');
    for (const change of answer?.kind === 'changes' ? answer.changes : []) blob = applyBookingChange(blob, change);
    expect(blob).toEqual({ [LATER]: { '10:00': { user: 'Jack', duration: 3 } } });
    expect(blob).toEqual(await bookings());
  });
});
