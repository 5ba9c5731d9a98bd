/**
 * The `bookings.move` part of the store contract (issue 9 §9), run by `describeStoreContract` on
 * every backend: the create rule at the new slot with the booking's own hours never blocking it,
 * one atomic step with its conditions, and a log that reads as the old slot emptied, then the new
 * one booked.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { slot, uniqueSlug } from '../../test/support/factories.js';
import { ConfigChangedError } from './store.js';
import type { RateLimitHit, Store } from './store.js';
import type { StoreFixture } from './store.contract.js';
import { configVersionOf } from './stored-values.js';

const RULES = { closeHour: 22 } as const;
const DAY = '2030-03-04';
const NEXT_DAY = '2030-03-05';
const jack = { user: 'Jack', duration: 2 };

/** Registers the move tests; `fixture()` is the suite's fixture once its `beforeAll` has run. */
export function describeMoveContract(fixture: () => StoreFixture): void {
  describe('moves', () => {
    const sut = (): Store => fixture().store;
    const bookingsOf = async (slug: string) => (await sut().bookings.list(slug)).bookings;

    it('moves a booking to another date with the changes merged, dropping the date it left', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), jack, RULES);
      const moved = await sut().bookings.move(
        slug,
        slot(DAY, '09:00'),
        slot(NEXT_DAY, '14:00'),
        { user: 'Rue' },
        RULES,
      );
      expect(moved).toEqual({ user: 'Rue', duration: 2 });
      expect(await bookingsOf(slug)).toEqual({ [NEXT_DAY]: { '14:00': { user: 'Rue', duration: 2 } } });
    });

    it('lets a booking move over its own hours, never over another booking, which it names', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 3 }, RULES);
      await sut().bookings.create(slug, slot(DAY, '13:00'), { user: 'Bonnie', duration: 1 }, RULES);
      await sut().bookings.move(slug, slot(DAY, '09:00'), slot(DAY, '10:00'), {}, RULES);
      const revision = await sut().bookings.revision(slug);
      await expect(sut().bookings.move(slug, slot(DAY, '10:00'), slot(DAY, '11:00'), {}, RULES)).rejects.toThrow(
        new ConflictError('Cannot move: slot 13:00 is already booked'),
      );
      await expect(
        sut().bookings.move(slug, slot(DAY, '13:00'), slot(DAY, '08:00'), { duration: 3 }, RULES),
      ).rejects.toThrow(new ConflictError('Cannot move: slot 10:00 is already booked'));
      expect(await sut().bookings.revision(slug)).toBe(revision);
      expect(await bookingsOf(slug)).toEqual({
        [DAY]: { '10:00': { user: 'Jack', duration: 3 }, '13:00': { user: 'Bonnie', duration: 1 } },
      });
    });

    it('checks the start hour at the new slot, covered hours included, and closing time', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), jack, RULES);
      await sut().bookings.create(slug, slot(NEXT_DAY, '09:00'), { user: 'Rue', duration: 3 }, RULES);
      await expect(sut().bookings.move(slug, slot(DAY, '09:00'), slot(NEXT_DAY, '10:00'), {}, RULES)).rejects.toThrow(
        new ConflictError('Cannot move: slot 10:00 is already booked'),
      );
      await expect(sut().bookings.move(slug, slot(DAY, '09:00'), slot(DAY, '21:00'), {}, RULES)).rejects.toThrow(
        new ConflictError('Cannot move: booking must end by 22:00'),
      );
      expect((await bookingsOf(slug))[DAY as never]).toEqual({ '09:00': jack });
    });

    it('reports a missing or damaged booking as not found, leaving the damaged entry as it was', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), jack, RULES);
      await expect(sut().bookings.move(slug, slot(DAY, '10:00'), slot(DAY, '15:00'), {}, RULES)).rejects.toThrow(
        NotFoundError,
      );
      await fixture().damageBooking(slug, DAY, '12:00');
      await expect(
        sut().bookings.move(slug, slot(DAY, '12:00'), slot(DAY, '15:00'), { user: 'Rue' }, RULES),
      ).rejects.toThrow(NotFoundError);
      const listing = await sut().bookings.list(slug);
      expect(listing.damaged).toMatchObject([{ dateKey: DAY, timeKey: '12:00' }]);
      expect(listing.bookings).toEqual({ [DAY]: { '09:00': jack } });
    });

    it('logs a move as the old slot emptied, then the new one booked, each under its own revision', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), jack, RULES);
      const before = await sut().bookings.revision(slug);
      await sut().bookings.move(slug, slot(DAY, '09:00'), slot(NEXT_DAY, '09:00'), { duration: 1 }, RULES);
      const after = await sut().bookings.revision(slug);
      const found = await sut().changes.since(slug, before);
      expect(found).toEqual({
        revision: after,
        changes: [
          { revision: expect.any(String), dateKey: DAY, timeKey: '09:00', booking: null },
          { revision: after, dateKey: NEXT_DAY, timeKey: '09:00', booking: { user: 'Jack', duration: 1 } },
        ],
      });
      const counters = found.changes!.map((change) => Number(change.revision.split('-').pop()));
      expect(counters[1]).toBe(counters[0]! + 1);
    });

    it('refuses a move validated against another config, and counts its charge like any write', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), jack, RULES);
      const stale = { configVersion: configVersionOf('{"title":"before"}') };
      await expect(sut().bookings.move(slug, slot(DAY, '09:00'), slot(DAY, '15:00'), {}, RULES, stale)).rejects.toThrow(
        ConfigChangedError,
      );
      const hits: RateLimitHit[] = [];
      const charge = {
        bucket: { budget: 'write' as const, client: uniqueSlug('client') },
        windowMs: 60_000,
        now: 1_000_000,
        max: 60,
        record: (hit: RateLimitHit) => hits.push(hit),
      };
      await sut().bookings.move(slug, slot(DAY, '09:00'), slot(DAY, '15:00'), {}, RULES, { charge });
      await expect(
        sut().bookings.move(slug, slot(DAY, '09:00'), slot(DAY, '16:00'), {}, RULES, { charge }),
      ).rejects.toThrow(NotFoundError);
      expect(hits.map((hit) => hit.count)).toEqual([1, 2]);
      expect(await bookingsOf(slug)).toEqual({ [DAY]: { '15:00': jack } });
    });

    it('lets exactly one of a move and a create racing for one slot win, every time', async () => {
      for (let round = 0; round < 8; round += 1) {
        const slug = uniqueSlug();
        await sut().bookings.create(slug, slot(DAY, '09:00'), jack, RULES);
        const results = await Promise.allSettled([
          sut().bookings.move(slug, slot(DAY, '09:00'), slot(NEXT_DAY, '10:00'), {}, RULES),
          sut().bookings.create(slug, slot(NEXT_DAY, '11:00'), { user: 'Rue', duration: 1 }, RULES),
        ]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const stored = await bookingsOf(slug);
        const winner =
          results[0]!.status === 'fulfilled' ? { '10:00': jack } : { '11:00': { user: 'Rue', duration: 1 } };
        expect(stored[NEXT_DAY as never]).toEqual(winner);
      }
    });
  });
}
