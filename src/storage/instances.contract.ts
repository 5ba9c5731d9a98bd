/**
 * The instances part of the store contract (issue 10 §1–2): listing, creating if absent, and
 * removing everything of an instance. `describeStoreContract` runs it on every backend.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../core/errors.js';
import { slot, uniqueSlug } from '../../test/support/factories.js';
import { ConfigChangedError, INSTANCE_EXISTS } from './store.js';
import type { RateLimitCharge, RateLimitHit, Store } from './store.js';

const RULES = { closeHour: 22 } as const;
const DAY = '2030-03-04';

const configOf = (slug: string, title = 'Room') => ({
  slug,
  title,
  users: [{ name: 'Ann', key: 'a' }],
  createdAt: '2030-01-01T00:00:00.000Z',
});

/** A write charge on `slug`'s budget for one client, keeping every count it is handed. */
function writeCharge(slug: string, client: string): RateLimitCharge & { hits: RateLimitHit[] } {
  const hits: RateLimitHit[] = [];
  return {
    bucket: { budget: 'write', client, instance: slug },
    windowMs: 60_000,
    now: 1_000_000,
    max: 60,
    hits,
    record: (hit) => hits.push(hit),
  };
}

/** Cases of `InstancesStore.list`, `create` and `remove` on the store `store()` returns. */
export function describeInstancesContract(store: () => Store): void {
  describe('instances', () => {
    const ownListed = async (slugs: string[]) =>
      (await store().instances.list()).filter((instance) => slugs.includes(instance.slug));

    it('lists every instance with a stored config, sorted, with its text and version', async () => {
      const [first, second] = [uniqueSlug('list-b'), uniqueSlug('list-a')];
      await store().instances.create(first, configOf(first));
      await store().instances.setConfig(second, configOf(second, 'Set by hand'));
      const sut = await ownListed([first, second]);
      expect(sut.map((instance) => instance.slug)).toEqual([second, first]);
      expect(JSON.parse(sut[0]!.config.text!)).toEqual(configOf(second, 'Set by hand'));
      expect(sut[1]!.config).toEqual(await store().instances.getConfig(first));
    });

    it('creates an instance only when none exists, keeping the first config', async () => {
      const slug = uniqueSlug();
      await store().instances.create(slug, configOf(slug, 'First'));
      await expect(store().instances.create(slug, configOf(slug, 'Second'))).rejects.toThrow(
        new ConflictError(INSTANCE_EXISTS),
      );
      const byHand = uniqueSlug();
      await store().instances.setConfig(byHand, configOf(byHand, 'Original'));
      await expect(store().instances.create(byHand, configOf(byHand))).rejects.toThrow(ConflictError);
      expect(JSON.parse((await store().instances.getConfig(slug)).text!).title).toBe('First');
      expect(JSON.parse((await store().instances.getConfig(byHand)).text!).title).toBe('Original');
    });

    it('lets exactly one of many concurrent creates of one slug win', async () => {
      const slug = uniqueSlug();
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5].map((n) => store().instances.create(slug, configOf(slug, `Team ${n}`))),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const winner = results.findIndex((result) => result.status === 'fulfilled') + 1;
      expect(JSON.parse((await store().instances.getConfig(slug)).text!).title).toBe(`Team ${winner}`);
    });

    it('removes the config, bookings, revision, change log and counts of one instance only', async () => {
      const [slug, other] = [uniqueSlug(), uniqueSlug()];
      const client = uniqueSlug('client');
      for (const each of [slug, other]) {
        await store().instances.create(each, configOf(each));
        await store().bookings.create(each, slot(DAY, '09:00'), { user: 'Ann', duration: 1 }, RULES, {
          charge: writeCharge(each, client),
        });
      }
      const otherRevision = await store().bookings.revision(other);

      expect(await store().instances.remove(slug)).toBe(true);

      expect(await store().instances.getConfig(slug)).toEqual({ text: null, version: 'none' });
      expect(await ownListed([slug, other])).toHaveLength(1);
      expect((await store().bookings.list(slug)).bookings).toEqual({});
      expect(await store().bookings.revision(slug)).toBe('empty');
      expect(await store().changes.since(slug, 'empty')).toEqual({ revision: 'empty', changes: [] });
      // Recreated, the slug starts clean: no bookings and its write budget counted afresh.
      await store().instances.create(slug, configOf(slug, 'Again'));
      const charge = writeCharge(slug, client);
      await store().bookings.create(slug, slot(DAY, '09:00'), { user: 'Ann', duration: 1 }, RULES, { charge });
      expect(charge.hits.map((hit) => hit.count)).toEqual([1]);
      expect((await store().bookings.list(other)).bookings).toEqual({
        [DAY]: { '09:00': { user: 'Ann', duration: 1 } },
      });
      expect(await store().bookings.revision(other)).toBe(otherRevision);
    });

    it('refuses a write validated against the removed config, storing nothing', async () => {
      const slug = uniqueSlug();
      await store().instances.create(slug, configOf(slug));
      const { version } = await store().instances.getConfig(slug);
      await store().instances.remove(slug);
      const inFlight = store().bookings.create(slug, slot(DAY, '10:00'), { user: 'Ann', duration: 1 }, RULES, {
        configVersion: version,
      });
      await expect(inFlight).rejects.toThrow(ConfigChangedError);
      await expect(inFlight).rejects.toMatchObject({ current: { text: null, version: 'none' } });
      expect((await store().bookings.list(slug)).bookings).toEqual({});
    });

    it('answers false when there was nothing to remove, and can run again', async () => {
      const slug = uniqueSlug();
      expect(await store().instances.remove(slug)).toBe(false);
      await store().instances.create(slug, configOf(slug));
      expect(await store().instances.remove(slug)).toBe(true);
      expect(await store().instances.remove(slug)).toBe(false);
    });
  });
}
