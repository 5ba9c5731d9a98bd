/**
 * The change-log part of the store contract (issue 8), run by `describeStoreContract` on every
 * backend: every write logged with the revision it produced, `since` within an epoch only, and
 * watches that hear each later change once, in order, and a replace as a resync.
 */
import { describe, expect, it, vi } from 'vitest';
import { chargeFor, slot, uniqueSlug } from '../../test/support/factories.js';
import type { ChangeNotice, Store } from './store.js';

const RULES = { closeHour: 22 } as const;
const DAY = '2030-03-04';

/** Registers the change-log tests; `store()` is the suite's store once its `beforeAll` has run. */
export function describeChangesContract(store: () => Store): void {
  const sut = store;
  describe('changes', () => {
    const ann = { user: 'Ann', duration: 2 };

    it('logs every create, update and delete with the revision it produced, in order', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '09:00'), { user: 'Bob', duration: 1 }, RULES);
      const start = await sut().bookings.revision(slug);
      await sut().bookings.create(slug, slot(DAY, '10:00'), ann, RULES);
      const afterCreate = await sut().bookings.revision(slug);
      await sut().bookings.update(slug, slot(DAY, '10:00'), { duration: 3 }, RULES);
      const afterUpdate = await sut().bookings.revision(slug);
      await sut().bookings.delete(slug, slot(DAY, '09:00'));
      const afterDelete = await sut().bookings.revision(slug);

      expect(await sut().changes.since(slug, start)).toEqual({
        revision: afterDelete,
        changes: [
          { revision: afterCreate, dateKey: DAY, timeKey: '10:00', booking: ann },
          { revision: afterUpdate, dateKey: DAY, timeKey: '10:00', booking: { user: 'Ann', duration: 3 } },
          { revision: afterDelete, dateKey: DAY, timeKey: '09:00', booking: null },
        ],
      });
      expect(await sut().changes.since(slug, afterUpdate)).toMatchObject({ changes: [{ revision: afterDelete }] });
      expect(await sut().changes.since(slug, afterDelete)).toEqual({ revision: afterDelete, changes: [] });
    });

    it('cannot tell the changes after a revision of another epoch, a revision from the future, or none', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '10:00'), ann, RULES);
      const current = await sut().bookings.revision(slug);
      const counter = Number(current.split('-').pop());
      for (const asked of ['other-1', `${current.slice(0, -String(counter).length)}${counter + 5}`, '']) {
        expect(await sut().changes.since(slug, asked)).toEqual({ revision: current, changes: null });
      }
      expect(await sut().changes.since(uniqueSlug(), 'x-1')).toEqual({ revision: 'empty', changes: null });
    });

    it("tells every change after 'empty', the revision of an instance never written", async () => {
      const slug = uniqueSlug();
      expect(await sut().changes.since(slug, 'empty')).toEqual({ revision: 'empty', changes: [] });
      await sut().bookings.create(slug, slot(DAY, '10:00'), ann, RULES);
      const current = await sut().bookings.revision(slug);
      expect(await sut().changes.since(slug, 'empty')).toEqual({
        revision: current,
        changes: [{ revision: current, dateKey: DAY, timeKey: '10:00', booking: ann }],
      });
    });

    it('cannot tell changes across a replace, which listeners must refetch', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '10:00'), ann, RULES);
      const before = await sut().bookings.revision(slug);
      await sut().bookings.replace(slug, {});
      const after = await sut().bookings.revision(slug);
      expect(await sut().changes.since(slug, before)).toEqual({ revision: after, changes: null });
    });

    it('counts a charged read of the log in the same call', async () => {
      const charge = chargeFor('read');
      await sut().changes.since(uniqueSlug(), 'x-1', { charge });
      expect(charge.hits).toEqual([{ count: 1, windowStart: charge.now }]);
    });

    it('starts a watch after the revision it is given, so a change made just before is heard', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '08:00'), ann, RULES);
      const seen = await sut().bookings.revision(slug);
      await sut().bookings.create(slug, slot(DAY, '12:00'), ann, RULES);
      const heard: ChangeNotice[] = [];
      const unwatch = sut().changes.watch(slug, (notice) => heard.push(notice), { after: seen });
      try {
        await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 3000, interval: 20 });
        expect(heard[0]).toMatchObject({ type: 'change', change: { timeKey: '12:00', booking: ann } });
      } finally {
        unwatch();
      }
    });

    it('tells a watcher every later change once, in order, and a replace as a resync', async () => {
      const slug = uniqueSlug();
      await sut().bookings.create(slug, slot(DAY, '08:00'), ann, RULES);
      const heard: ChangeNotice[] = [];
      const unwatch = sut().changes.watch(slug, (notice) => heard.push(notice));
      try {
        // Let the watch loop learn the current revision before changing anything.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await sut().bookings.create(slug, slot(DAY, '12:00'), ann, RULES);
        await sut().bookings.delete(slug, slot(DAY, '08:00'));
        await vi.waitFor(() => expect(heard).toHaveLength(2), { timeout: 3000, interval: 20 });
        expect(
          heard.map((notice) => notice.type === 'change' && [notice.change.timeKey, notice.change.booking]),
        ).toEqual([
          ['12:00', ann],
          ['08:00', null],
        ]);
        await sut().bookings.replace(slug, {});
        const revision = await sut().bookings.revision(slug);
        await vi.waitFor(() => expect(heard[2]).toEqual({ type: 'resync', revision }), {
          timeout: 3000,
          interval: 20,
        });
      } finally {
        unwatch();
      }
    });
  });
}
