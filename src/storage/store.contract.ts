/**
 * The contract every `BookingStore` backend must honour, written once (STYLE.md 4). A backend's
 * test file calls `describeStoreContract` with a factory; each test uses its own slug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { slot, uniqueSlug } from '../../test/support/factories.js';
import type { BookingStore } from './store.js';

const RULES = { closeHour: 22 } as const;
const DAY = '2030-03-04';

export interface StoreFixture {
  store: BookingStore;
  /** Removes what the fixture created (files, keys); never touches anything else. */
  cleanup: () => Promise<void>;
}

export function describeStoreContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`${name} store contract`, () => {
    let fixture: StoreFixture;
    let sut: BookingStore;

    beforeAll(async () => {
      fixture = await makeFixture();
      sut = fixture.store;
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    it('answers ping', async () => {
      await expect(sut.ping()).resolves.toBeUndefined();
    });

    it('returns null config for an instance that has none, then what was stored', async () => {
      const slug = uniqueSlug();
      expect(await sut.getConfig(slug)).toBeNull();
      const config = { slug, title: 'Room', users: [{ name: 'Ann', key: 'a' }], createdAt: '2026-01-01T00:00:00.000Z' };
      await sut.setConfig(slug, config);
      expect(await sut.getConfig(slug)).toEqual(config);
    });

    it('lists nothing as an empty object', async () => {
      expect(await sut.listBookings(uniqueSlug())).toEqual({});
    });

    it('creates bookings and lists them in the wire shape', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      await sut.createBooking(slug, slot('2030-03-05', '14:00'), { user: 'Bonnie', duration: 1 }, RULES);
      expect(await sut.listBookings(slug)).toEqual({
        [DAY]: { '09:00': { user: 'Jack', duration: 2 } },
        '2030-03-05': { '14:00': { user: 'Bonnie', duration: 1 } },
      });
    });

    it('lists only the inclusive date range asked for', async () => {
      const slug = uniqueSlug();
      for (const date of ['2030-03-01', '2030-03-02', '2030-03-08', '2030-03-09']) {
        await sut.createBooking(slug, slot(date, '10:00'), { user: 'Jack', duration: 1 }, RULES);
      }
      const week = await sut.listBookings(slug, { from: '2030-03-02' as never, to: '2030-03-08' as never });
      expect(Object.keys(week).sort()).toEqual(['2030-03-02', '2030-03-08']);
    });

    it('rejects a start hour that is booked with "Slot already booked"', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await expect(sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Rue', duration: 1 }, RULES)).rejects.toThrow(
        new ConflictError('Slot already booked'),
      );
    });

    it('rejects a start hour covered by an earlier multi-hour booking', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 3 }, RULES);
      await expect(sut.createBooking(slug, slot(DAY, '10:00'), { user: 'Rue', duration: 1 }, RULES)).rejects.toThrow(
        new ConflictError('Slot already booked'),
      );
    });

    it('names the first later hour that is taken', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '11:00'), { user: 'Jack', duration: 1 }, RULES);
      await expect(sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Rue', duration: 4 }, RULES)).rejects.toThrow(
        new ConflictError('Slot 11:00 conflicts with booking duration'),
      );
    });

    it('allows back-to-back bookings (half-open intervals)', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      await sut.createBooking(slug, slot(DAY, '11:00'), { user: 'Rue', duration: 2 }, RULES);
      await sut.createBooking(slug, slot(DAY, '08:00'), { user: 'Joel', duration: 1 }, RULES);
      expect(Object.keys((await sut.listBookings(slug))[DAY as never] ?? {}).sort()).toEqual([
        '08:00',
        '09:00',
        '11:00',
      ]);
    });

    it('rejects a booking that would end after closing', async () => {
      const slug = uniqueSlug();
      await expect(sut.createBooking(slug, slot(DAY, '21:00'), { user: 'Jack', duration: 2 }, RULES)).rejects.toThrow(
        ConflictError,
      );
      expect(await sut.listBookings(slug)).toEqual({});
    });

    it('updates the user without a time check and returns the merged booking', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      expect(await sut.updateBooking(slug, slot(DAY, '09:00'), { user: 'Bonnie' }, RULES)).toEqual({
        user: 'Bonnie',
        duration: 2,
      });
      expect((await sut.listBookings(slug))[DAY as never]).toEqual({ '09:00': { user: 'Bonnie', duration: 2 } });
    });

    it('extends into free hours, checking only the new hours and never itself', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '10:00'), { user: 'Jack', duration: 2 }, RULES);
      await sut.createBooking(slug, slot(DAY, '13:00'), { user: 'Rue', duration: 1 }, RULES);
      expect(await sut.updateBooking(slug, slot(DAY, '10:00'), { duration: 3 }, RULES)).toEqual({
        user: 'Jack',
        duration: 3,
      });
      await expect(sut.updateBooking(slug, slot(DAY, '10:00'), { duration: 4 }, RULES)).rejects.toThrow(
        new ConflictError('Cannot extend: slot 13:00 is already booked'),
      );
    });

    it('always allows shrinking', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '10:00'), { user: 'Jack', duration: 4 }, RULES);
      await sut.updateBooking(slug, slot(DAY, '10:00'), { duration: 1 }, RULES);
      await sut.createBooking(slug, slot(DAY, '11:00'), { user: 'Rue', duration: 1 }, RULES);
      expect(Object.keys((await sut.listBookings(slug))[DAY as never] ?? {}).sort()).toEqual(['10:00', '11:00']);
    });

    it('reports a missing booking on update and delete, including a covered hour', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      await expect(sut.updateBooking(slug, slot(DAY, '10:00'), { user: 'Rue' }, RULES)).rejects.toThrow(NotFoundError);
      await expect(sut.deleteBooking(slug, slot(DAY, '10:00'))).rejects.toThrow(NotFoundError);
    });

    it('deletes a booking and drops the date once it is empty', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.createBooking(slug, slot(DAY, '12:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.deleteBooking(slug, slot(DAY, '09:00'));
      expect(await sut.listBookings(slug)).toEqual({ [DAY]: { '12:00': { user: 'Jack', duration: 1 } } });
      await sut.deleteBooking(slug, slot(DAY, '12:00'));
      expect(await sut.listBookings(slug)).toEqual({});
    });

    it('changes the revision on every mutation and only then', async () => {
      const slug = uniqueSlug();
      const seen = new Set([await sut.getRevision(slug)]);
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const afterCreate = await sut.getRevision(slug);
      expect(await sut.getRevision(slug)).toBe(afterCreate);
      seen.add(afterCreate);
      await sut.updateBooking(slug, slot(DAY, '09:00'), { duration: 2 }, RULES);
      seen.add(await sut.getRevision(slug));
      await sut.deleteBooking(slug, slot(DAY, '09:00'));
      seen.add(await sut.getRevision(slug));
      expect(seen.size).toBe(4);
      await expect(sut.createBooking(slug, slot(DAY, '21:00'), { user: 'Jack', duration: 5 }, RULES)).rejects.toThrow();
      expect(seen.has(await sut.getRevision(slug))).toBe(true);
    });

    it('keeps instances apart by slug', async () => {
      const [mine, theirs] = [uniqueSlug(), uniqueSlug()];
      await sut.createBooking(mine, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.setConfig(mine, { title: 'mine' });
      expect(await sut.listBookings(theirs)).toEqual({});
      expect(await sut.getConfig(theirs)).toBeNull();
      await expect(sut.deleteBooking(theirs, slot(DAY, '09:00'))).rejects.toThrow(NotFoundError);
      await sut.createBooking(theirs, slot(DAY, '09:00'), { user: 'Rue', duration: 1 }, RULES);
      expect((await sut.listBookings(mine))[DAY as never]).toEqual({ '09:00': { user: 'Jack', duration: 1 } });
    });

    it('replaces all bookings of an instance at once, keeping data as given', async () => {
      const slug = uniqueSlug();
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const legacy = {
        '2030-01-01': { '09:00': { user: 'Ann', duration: 3 }, '10:00': { user: 'Bob', duration: 1 } },
      };
      await sut.replaceBookings(slug, legacy as never);
      expect(await sut.listBookings(slug)).toEqual(legacy);
    });

    it('lets exactly one of many concurrent creates of one slot win', async () => {
      const slug = uniqueSlug();
      const attempts = Array.from({ length: 20 }, (_, index) =>
        sut.createBooking(slug, slot(DAY, '09:00'), { user: `U${index}`, duration: 1 + (index % 3) }, RULES),
      );
      const results = await Promise.allSettled(attempts);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(Object.keys((await sut.listBookings(slug))[DAY as never] ?? {})).toEqual(['09:00']);
    });

    it('counts a read and reads the revision in one step', async () => {
      const slug = uniqueSlug();
      const bucket = `ratelimit:read:${uniqueSlug()}`;
      const first = await sut.hitRateLimitAndGetRevision(bucket, 60_000, 5_000, slug);
      expect(first).toEqual({ hit: { count: 1, windowStart: 5_000 }, revision: await sut.getRevision(slug) });
      await sut.createBooking(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const second = await sut.hitRateLimitAndGetRevision(bucket, 60_000, 6_000, slug);
      expect(second.hit).toEqual({ count: 2, windowStart: 5_000 });
      expect(second.revision).toBe(await sut.getRevision(slug));
      expect(second.revision).not.toBe(first.revision);
    });

    it('counts rate-limit hits in a fixed window that restarts after it ends', async () => {
      const bucket = `ratelimit:${uniqueSlug()}`;
      const start = 1_000_000;
      expect(await sut.hitRateLimit(bucket, 60_000, start)).toEqual({ count: 1, windowStart: start });
      expect(await sut.hitRateLimit(bucket, 60_000, start + 1_000)).toEqual({ count: 2, windowStart: start });
      expect(await sut.hitRateLimit(bucket, 60_000, start + 59_999)).toEqual({ count: 3, windowStart: start });
      expect(await sut.hitRateLimit(bucket, 60_000, start + 60_000)).toEqual({ count: 1, windowStart: start + 60_000 });
    });
  });
}
