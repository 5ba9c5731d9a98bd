/**
 * The native Redis watch loop across an outage (issue 8 §2): the blocking `XREAD` fails with the
 * server, the loop reconnects by itself, and a listener hears what happened meanwhile: a
 * `resync` when the server came back empty (another epoch), then every change one by one again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisStore } from '../../src/storage/redis/redis.store.js';
import type { ChangeNotice, Store } from '../../src/storage/store.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis, startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';

const RULES = { closeHour: 22 } as const;
const DAY = '2031-04-01';

describe.skipIf(shouldSkipRedis())('redis change watch', () => {
  let redis: TestRedis;
  let sut: Store;

  beforeAll(async () => {
    redis = await startTestRedis();
    sut = await createRedisStore({ url: redis.url, connectTimeoutMs: 1000, commandTimeoutMs: 2000 });
  });
  afterAll(async () => {
    await sut?.close();
    await redis?.close();
  });

  it('keeps delivering after the server restarts, with a resync for the state it lost', async () => {
    const slug = uniqueSlug('watch');
    const heard: ChangeNotice[] = [];
    const unwatch = sut.changes.watch(slug, (notice) => heard.push(notice));
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Ann', duration: 1 }, RULES);
      await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 2000, interval: 10 });

      await redis.stop();
      await redis.restart();
      await vi.waitFor(() => sut.bookings.create(slug, slot(DAY, '10:00'), { user: 'Ann', duration: 1 }, RULES), {
        timeout: 3000,
        interval: 100,
      });
      const afterRestart = await sut.bookings.revision(slug);
      await vi.waitFor(() => expect(heard[1]).toEqual({ type: 'resync', revision: afterRestart }), {
        timeout: 3000,
        interval: 10,
      });
      await sut.bookings.delete(slug, slot(DAY, '10:00'));
      await vi.waitFor(() => expect(heard).toHaveLength(3), { timeout: 2000, interval: 10 });
      expect(heard[2]).toMatchObject({ type: 'change', change: { timeKey: '10:00', booking: null } });
    } finally {
      unwatch();
    }
  });

  it('hears a change at once when watched again right after the last watcher left (the block let go)', async () => {
    const slug = uniqueSlug('rewatch');
    const first = sut.changes.watch(slug, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    first();
    const heard: ChangeNotice[] = [];
    const unwatch = sut.changes.watch(slug, (notice) => heard.push(notice));
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = performance.now();
      await sut.bookings.create(slug, slot(DAY, '09:00'), { user: 'Ann', duration: 1 }, RULES);
      await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 3000, interval: 5 });
      expect(performance.now() - startedAt).toBeLessThan(500);
    } finally {
      unwatch();
    }
  });
});
