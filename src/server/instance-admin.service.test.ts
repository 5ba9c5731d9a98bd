import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingsAffectedError } from '../core/errors.js';
import type { Store } from '../storage/store.js';
import { slot, uniqueSlug } from '../../test/support/factories.js';
import { createTempSqliteStore } from '../../test/support/sqlite-fixture.js';
import { createInstanceAdmin } from './instance-admin.service.js';

// 23:30 on 2030-05-10 in UTC is already 2030-05-11 in Brisbane, the zone the bookings are in.
const NOW = Date.parse('2030-05-10T23:30:00Z');
const team = (slug: string, users = [{ name: 'Ann', key: 'a' }]) => ({ slug, title: 'Room', users });

describe('instance admin service', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const changes: string[] = [];
  const sut = () =>
    createInstanceAdmin({ store, defaultSlug: 'home', clock: () => NOW, onChange: (slug) => changes.push(slug) });

  beforeAll(() => {
    ({ store, cleanup } = createTempSqliteStore());
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('tells onChange of every create, update and remove', async () => {
    const slug = uniqueSlug();
    changes.length = 0;
    await sut().create(team(slug));
    await sut().update(slug, team(slug));
    await sut().remove(slug);
    expect(changes).toEqual([slug, slug, slug]);
  });

  it('stores the default instance on its first update, and shows it on its default roster before', async () => {
    expect((await sut().get('home')).title).toBe('CPS Software Booking');
    await sut().update('home', { title: 'Home', users: [{ name: 'Ann', key: 'a' }] });
    expect(JSON.parse((await store.instances.getConfig('home')).text!)).toMatchObject({ slug: 'home', title: 'Home' });
  });

  it('shows a stored config that is not an object as the config the instance runs on', async () => {
    const slug = uniqueSlug();
    await store.instances.setConfig(slug, ['not', 'a', 'config']);
    expect(await sut().get(slug)).toMatchObject({ slug, title: 'CPS Software Booking' });
  });

  it('reckons "from today on" in the instance time zone, leaving out its yesterday', async () => {
    const slug = uniqueSlug();
    await sut().create(
      team(slug, [
        { name: 'Ann', key: 'a' },
        { name: 'Ben', key: 'b' },
      ]),
    );
    await store.bookings.create(slug, slot('2030-05-10', '09:00'), { user: 'Ann', duration: 1 }, { closeHour: 22 });
    await store.bookings.create(slug, slot('2030-05-11', '09:00'), { user: 'Ann', duration: 1 }, { closeHour: 22 });
    const refused = sut().update(slug, team(slug, [{ name: 'Ben', key: 'b' }]));
    await expect(refused).rejects.toThrow(BookingsAffectedError);
    await expect(refused).rejects.toMatchObject({
      affected: [{ dateKey: '2030-05-11', timeKey: '09:00', user: 'Ann', duration: 1 }],
    });
  });
});
