/**
 * The contract every `Store` backend must honour, written once (STYLE.md 4), part by part. A
 * backend's test file calls `describeStoreContract` with a factory; each test uses its own slug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../core/errors.js';
import type { DateRange } from '../core/requests.js';
import { chargeFor, slot, uniqueSlug } from '../../test/support/factories.js';
import { describeInstancesContract } from './instances.contract.js';
import { ConfigChangedError, OverBudgetError } from './store.js';
import type { RateLimitBucket, Store } from './store.js';
import { configVersionOf } from './stored-values.js';
import { describeChangesContract } from './store-changes.contract.js';
import { describeMoveContract } from './store-moves.contract.js';

const RULES = { closeHour: 22 } as const;
const DAY = '2030-03-04';

export interface StoreFixture {
  store: Store;
  /** Writes a booking entry that is not a booking (bad JSON, or a row with no user) at `dateKey timeKey`. */
  damageBooking: (slug: string, dateKey: string, timeKey: string) => Promise<void>;
  /** Removes what the fixture created (files, keys); never touches anything else. */
  cleanup: () => Promise<void>;
}

export function describeStoreContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`${name} store contract`, () => {
    let fixture: StoreFixture;
    let sut: Store;
    const bookingsOf = async (slug: string, range?: DateRange) => (await sut.bookings.list(slug, range)).bookings;

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

    it('returns no config for an instance that has none, then the JSON stored, versioned by its SHA-1', async () => {
      const slug = uniqueSlug();
      expect(await sut.instances.getConfig(slug)).toEqual({ text: null, version: 'none' });
      const config = { slug, title: 'Room', users: [{ name: 'Ann', key: 'a' }], createdAt: '2026-01-01T00:00:00.000Z' };
      await sut.instances.setConfig(slug, config);
      const stored = await sut.instances.getConfig(slug);
      expect(JSON.parse(stored.text!)).toEqual(config);
      expect(stored.version).toBe(configVersionOf(stored.text));
      expect(stored.version).toMatch(/^[0-9a-f]{40}$/);
    });

    it('counts a charged config read in the same call', async () => {
      const charge = chargeFor('read');
      const slug = uniqueSlug();
      await sut.instances.getConfig(slug, { charge });
      await sut.instances.getConfig(slug, { charge: { ...charge, now: charge.now + 1 } });
      expect(charge.hits).toEqual([
        { count: 1, windowStart: charge.now },
        { count: 2, windowStart: charge.now },
      ]);
    });

    it('lists nothing as an empty object', async () => {
      expect(await bookingsOf(uniqueSlug())).toEqual({});
    });

    it('creates bookings and lists them in the wire shape', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      await sut.bookings.create(slug, slot('2030-03-05', '14:00'), { user: 'Bonnie', duration: 1 }, RULES);
      expect(await bookingsOf(slug)).toEqual({
        [DAY]: { '09:00': { user: 'Jack', duration: 2 } },
        '2030-03-05': { '14:00': { user: 'Bonnie', duration: 1 } },
      });
    });

    it('lists only the inclusive date range asked for', async () => {
      const slug = uniqueSlug();
      for (const date of ['2030-03-01', '2030-03-02', '2030-03-08', '2030-03-09']) {
        await sut.bookings.create(slug, slot(date, '10:00'), { user: 'Jack', duration: 1 }, RULES);
      }
      const week = await bookingsOf(slug, { from: '2030-03-02' as never, to: '2030-03-08' as never });
      expect(Object.keys(week).sort()).toEqual(['2030-03-02', '2030-03-08']);
    });

    it('rejects a start hour that is booked with "Slot already booked"', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await expect(sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Rue', duration: 1 }, RULES)).rejects.toThrow(
        new ConflictError('Slot already booked'),
      );
    });

    it('rejects a start hour covered by an earlier multi-hour booking', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 3 }, RULES);
      await expect(sut.bookings.create(slug, slot(DAY, '10:00'), { user: 'Rue', duration: 1 }, RULES)).rejects.toThrow(
        new ConflictError('Slot already booked'),
      );
    });

    it('names the first later hour that is taken', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '11:00'), { user: 'Jack', duration: 1 }, RULES);
      await expect(sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Rue', duration: 4 }, RULES)).rejects.toThrow(
        new ConflictError('Slot 11:00 conflicts with booking duration'),
      );
    });

    it('allows back-to-back bookings (half-open intervals)', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      await sut.bookings.create(slug, slot(DAY, '11:00'), { user: 'Rue', duration: 2 }, RULES);
      await sut.bookings.create(slug, slot(DAY, '08:00'), { user: 'Joel', duration: 1 }, RULES);
      expect(Object.keys((await bookingsOf(slug))[DAY as never] ?? {}).sort()).toEqual(['08:00', '09:00', '11:00']);
    });

    it('rejects a booking that would end after closing', async () => {
      const slug = uniqueSlug();
      await expect(sut.bookings.create(slug, slot(DAY, '21:00'), { user: 'Jack', duration: 2 }, RULES)).rejects.toThrow(
        ConflictError,
      );
      expect(await bookingsOf(slug)).toEqual({});
    });

    it('updates the user without a time check and returns the merged booking', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      expect(await sut.bookings.update(slug, slot(DAY, '09:00'), { user: 'Bonnie' }, RULES)).toEqual({
        user: 'Bonnie',
        duration: 2,
      });
      expect((await bookingsOf(slug))[DAY as never]).toEqual({ '09:00': { user: 'Bonnie', duration: 2 } });
    });

    it('extends into free hours, checking only the new hours and never itself', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '10:00'), { user: 'Jack', duration: 2 }, RULES);
      await sut.bookings.create(slug, slot(DAY, '13:00'), { user: 'Rue', duration: 1 }, RULES);
      expect(await sut.bookings.update(slug, slot(DAY, '10:00'), { duration: 3 }, RULES)).toEqual({
        user: 'Jack',
        duration: 3,
      });
      await expect(sut.bookings.update(slug, slot(DAY, '10:00'), { duration: 4 }, RULES)).rejects.toThrow(
        new ConflictError('Cannot extend: slot 13:00 is already booked'),
      );
    });

    it('always allows shrinking', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '10:00'), { user: 'Jack', duration: 4 }, RULES);
      await sut.bookings.update(slug, slot(DAY, '10:00'), { duration: 1 }, RULES);
      await sut.bookings.create(slug, slot(DAY, '11:00'), { user: 'Rue', duration: 1 }, RULES);
      expect(Object.keys((await bookingsOf(slug))[DAY as never] ?? {}).sort()).toEqual(['10:00', '11:00']);
    });

    it('reports a missing booking on update and delete, including a covered hour', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 2 }, RULES);
      await expect(sut.bookings.update(slug, slot(DAY, '10:00'), { user: 'Rue' }, RULES)).rejects.toThrow(
        NotFoundError,
      );
      await expect(sut.bookings.delete(slug, slot(DAY, '10:00'))).rejects.toThrow(NotFoundError);
    });

    it('deletes a booking and drops the date once it is empty', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.bookings.create(slug, slot(DAY, '12:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.bookings.delete(slug, slot(DAY, '09:00'));
      expect(await bookingsOf(slug)).toEqual({ [DAY]: { '12:00': { user: 'Jack', duration: 1 } } });
      await sut.bookings.delete(slug, slot(DAY, '12:00'));
      expect(await bookingsOf(slug)).toEqual({});
    });

    it('changes the revision on every mutation and only then', async () => {
      const slug = uniqueSlug();
      const seen = new Set([await sut.bookings.revision(slug)]);
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const afterCreate = await sut.bookings.revision(slug);
      expect(await sut.bookings.revision(slug)).toBe(afterCreate);
      seen.add(afterCreate);
      await sut.bookings.update(slug, slot(DAY, '09:00'), { duration: 2 }, RULES);
      seen.add(await sut.bookings.revision(slug));
      await sut.bookings.delete(slug, slot(DAY, '09:00'));
      seen.add(await sut.bookings.revision(slug));
      expect(seen.size).toBe(4);
      await expect(
        sut.bookings.create(slug, slot(DAY, '21:00'), { user: 'Jack', duration: 5 }, RULES),
      ).rejects.toThrow();
      expect(seen.has(await sut.bookings.revision(slug))).toBe(true);
    });

    it('keeps instances apart by slug', async () => {
      const [mine, theirs] = [uniqueSlug(), uniqueSlug()];
      await sut.bookings.create(mine, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.instances.setConfig(mine, { title: 'mine' });
      expect(await bookingsOf(theirs)).toEqual({});
      expect((await sut.instances.getConfig(theirs)).text).toBeNull();
      await expect(sut.bookings.delete(theirs, slot(DAY, '09:00'))).rejects.toThrow(NotFoundError);
      await sut.bookings.create(theirs, slot(DAY, '09:00'), { user: 'Rue', duration: 1 }, RULES);
      expect((await bookingsOf(mine))[DAY as never]).toEqual({ '09:00': { user: 'Jack', duration: 1 } });
    });

    it('replaces all bookings of an instance at once, keeping data as given', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const legacy = {
        '2030-01-01': { '09:00': { user: 'Ann', duration: 3 }, '10:00': { user: 'Bob', duration: 1 } },
      };
      await sut.bookings.replace(slug, legacy as never);
      expect(await bookingsOf(slug)).toEqual(legacy);
    });

    it('lets exactly one of many concurrent creates of one slot win', async () => {
      const slug = uniqueSlug();
      const attempts = Array.from({ length: 20 }, (_, index) =>
        sut.bookings.create(slug, slot(DAY, '09:00'), { user: `U${index}`, duration: 1 + (index % 3) }, RULES),
      );
      const results = await Promise.allSettled(attempts);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(Object.keys((await bookingsOf(slug))[DAY as never] ?? {})).toEqual(['09:00']);
    });

    it('reads the revision and the listing in one step, skipping the listing when the revision is known', async () => {
      const slug = uniqueSlug();
      const empty = await sut.bookings.read(slug, {});
      expect(empty).toEqual({ revision: await sut.bookings.revision(slug), listing: { bookings: {}, damaged: [] } });
      expect(await sut.bookings.read(slug, { unlessRevision: [empty.revision] })).toEqual({ revision: empty.revision });
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES);
      await sut.bookings.create(slug, slot('2030-04-01', '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const range = { from: DAY, to: DAY } as DateRange;
      const changed = await sut.bookings.read(slug, { range, unlessRevision: [empty.revision, 'other'] });
      expect(changed.revision).not.toBe(empty.revision);
      expect(changed.listing).toEqual({ bookings: { [DAY]: { '09:00': { user: 'Jack', duration: 1 } } }, damaged: [] });
    });

    it('counts a charged read in the same step, in a window that restarts after it ends', async () => {
      const charge = chargeFor('read');
      const slug = uniqueSlug();
      await sut.bookings.read(slug, { charge });
      await sut.bookings.read(slug, { charge: { ...charge, now: charge.now + 59_999 } });
      await sut.bookings.read(slug, { charge: { ...charge, now: charge.now + 60_000 } });
      expect(charge.hits).toEqual([
        { count: 1, windowStart: charge.now },
        { count: 2, windowStart: charge.now },
        { count: 1, windowStart: charge.now + 60_000 },
      ]);
    });

    it('leaves a damaged entry out of reads and reports it, and never writes over it', async () => {
      const slug = uniqueSlug();
      await sut.bookings.create(slug, slot(DAY, '12:00'), { user: 'Jack', duration: 1 }, RULES);
      await fixture.damageBooking(slug, DAY, '09:00');
      expect(await sut.bookings.list(slug)).toEqual({
        bookings: { [DAY]: { '12:00': { user: 'Jack', duration: 1 } } },
        damaged: [{ dateKey: DAY, timeKey: '09:00', reason: expect.any(String) }],
      });
      expect((await sut.bookings.read(slug, {})).listing?.damaged).toHaveLength(1);
      await expect(sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Rue', duration: 1 }, RULES)).rejects.toThrow(
        new ConflictError('Slot already booked'),
      );
      await expect(sut.bookings.update(slug, slot(DAY, '09:00'), { duration: 2 }, RULES)).rejects.toThrow(
        NotFoundError,
      );
      expect((await sut.bookings.list(slug)).damaged).toHaveLength(1);
    });

    describeMoveContract(() => fixture);

    describe('write conditions', () => {
      it('refuses a write validated against another config version, with the current config, counting nothing', async () => {
        const slug = uniqueSlug();
        await sut.instances.setConfig(slug, { title: 'now' });
        const current = await sut.instances.getConfig(slug);
        const charge = chargeFor('write');
        const stale = { configVersion: configVersionOf('{"title":"before"}'), charge };
        const refusal = await sut.bookings
          .create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES, stale)
          .catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(ConfigChangedError);
        expect((refusal as ConfigChangedError).current).toEqual(current);
        await expect(sut.bookings.delete(slug, slot(DAY, '09:00'), stale)).rejects.toThrow(ConfigChangedError);
        expect(charge.hits).toEqual([]);
        expect(await bookingsOf(slug)).toEqual({});
      });

      it('writes when the config version still matches, missing config included', async () => {
        const slug = uniqueSlug();
        const none = { configVersion: 'none' };
        await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES, none);
        await sut.instances.setConfig(slug, { title: 'room' });
        const { version } = await sut.instances.getConfig(slug);
        await sut.bookings.update(slug, slot(DAY, '09:00'), { user: 'Rue' }, RULES, { configVersion: version });
        await sut.bookings.delete(slug, slot(DAY, '09:00'), { configVersion: version });
        await expect(
          sut.bookings.create(slug, slot(DAY, '10:00'), { user: 'Jack', duration: 1 }, RULES, none),
        ).rejects.toThrow(ConfigChangedError);
      });

      it('counts a charged write in the same step, also when the write is refused as a conflict or missing', async () => {
        const slug = uniqueSlug();
        const charge = chargeFor('write');
        await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES, { charge });
        await expect(
          sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Rue', duration: 1 }, RULES, { charge }),
        ).rejects.toThrow(ConflictError);
        await expect(sut.bookings.update(slug, slot(DAY, '11:00'), { user: 'Rue' }, RULES, { charge })).rejects.toThrow(
          NotFoundError,
        );
        await sut.bookings.update(slug, slot(DAY, '09:00'), { user: 'Rue' }, RULES, { charge });
        await sut.bookings.delete(slug, slot(DAY, '09:00'), { charge });
        expect(charge.hits.map((hit) => hit.count)).toEqual([1, 2, 3, 4, 5]);
      });

      it('refuses a write over budget without changing anything, keeping the count', async () => {
        const slug = uniqueSlug();
        const charge = chargeFor('write', 1);
        await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Jack', duration: 1 }, RULES, { charge });
        const revision = await sut.bookings.revision(slug);
        const refusal = await sut.bookings
          .create(slug, slot(DAY, '10:00'), { user: 'Rue', duration: 1 }, RULES, { charge })
          .catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(OverBudgetError);
        expect((refusal as OverBudgetError).hit).toEqual({ count: 2, windowStart: charge.now });
        await expect(sut.bookings.delete(slug, slot(DAY, '09:00'), { charge })).rejects.toThrow(OverBudgetError);
        expect(charge.hits.map((hit) => hit.count)).toEqual([1, 2, 3]);
        expect(await sut.bookings.revision(slug)).toBe(revision);
        expect(await bookingsOf(slug)).toEqual({ [DAY]: { '09:00': { user: 'Jack', duration: 1 } } });
      });
    });

    describe('rate limits', () => {
      it('counts hits in a fixed window that restarts after it ends', async () => {
        const bucket: RateLimitBucket = { budget: 'write', client: uniqueSlug('client') };
        const start = 1_000_000;
        expect(await sut.rateLimits.hit(bucket, 60_000, start)).toEqual({ count: 1, windowStart: start });
        expect(await sut.rateLimits.hit(bucket, 60_000, start + 1_000)).toEqual({ count: 2, windowStart: start });
        expect(await sut.rateLimits.hit(bucket, 60_000, start + 59_999)).toEqual({ count: 3, windowStart: start });
        expect(await sut.rateLimits.hit(bucket, 60_000, start + 60_000)).toEqual({
          count: 1,
          windowStart: start + 60_000,
        });
      });

      it("counts a charge riding on an instance's call and a hit of that instance's bucket in one budget", async () => {
        const slug = uniqueSlug();
        const charge = chargeFor('read');
        const bucket = { ...charge.bucket, instance: slug };
        await sut.instances.getConfig(slug, { charge: { ...charge, bucket } });
        expect(await sut.rateLimits.hit(bucket, 60_000, charge.now + 1)).toEqual({ count: 2, windowStart: charge.now });
      });

      it("keeps one instance's budget apart from another's and from the unscoped one (issue 10 §1)", async () => {
        const client = uniqueSlug('client');
        const [teamA, teamB] = [uniqueSlug(), uniqueSlug()];
        for (const budget of ['read', 'write'] as const) {
          await sut.rateLimits.hit({ budget, client, instance: teamA }, 60_000, 1_000);
          await sut.rateLimits.hit({ budget, client, instance: teamA }, 60_000, 1_000);
          expect(await sut.rateLimits.hit({ budget, client, instance: teamB }, 60_000, 1_000)).toMatchObject({
            count: 1,
          });
          expect(await sut.rateLimits.hit({ budget, client }, 60_000, 1_000)).toMatchObject({ count: 1 });
        }
      });

      it('keeps read and write budgets apart, and a client string that names another budget apart too', async () => {
        const client = uniqueSlug('client');
        await sut.rateLimits.hit({ budget: 'write', client }, 60_000, 1_000);
        expect(await sut.rateLimits.hit({ budget: 'read', client }, 60_000, 1_000)).toMatchObject({ count: 1 });
        expect(await sut.rateLimits.hit({ budget: 'read', client: `w:${client}` }, 60_000, 1_000)).toMatchObject({
          count: 1,
        });
        expect(await sut.rateLimits.hit({ budget: 'write', client: `read:${client}` }, 60_000, 1_000)).toMatchObject({
          count: 1,
        });
      });

      it('counts a client string of any length, apart from a similar one', async () => {
        const long = `${uniqueSlug()}${'x'.repeat(5_000)}`;
        await sut.rateLimits.hit({ budget: 'write', client: long }, 60_000, 1_000);
        expect(await sut.rateLimits.hit({ budget: 'write', client: long }, 60_000, 1_001)).toMatchObject({ count: 2 });
        expect(await sut.rateLimits.hit({ budget: 'write', client: `${long}y` }, 60_000, 1_001)).toMatchObject({
          count: 1,
        });
      });
    });

    describeChangesContract(() => sut);

    describeInstancesContract(() => sut);

    describe('migrations', () => {
      it('reports nothing to migrate for an instance without the original data, changing nothing', async () => {
        const slug = uniqueSlug();
        const report = await sut.migrations.migrateLegacy(slug);
        expect(['no-legacy-data', 'not-applicable']).toContain(report.status);
        expect(report.migrated).toBe(0);
        expect(await bookingsOf(slug)).toEqual({});
      });
    });
  });
}
