/**
 * What the Redis backends write and what they cost (issue 3 §2, §3, §5): keys stay in the
 * original's namespace, instances cannot see each other, a week's read touches only that week,
 * an unchanged poll is one revision read, and the rate-limit record keeps the original's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTarget } from '../../src/storage/redis/redis.store.js';
import { startApiServer } from '../support/api-server.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis } from '../support/redis-server.js';
import { openBackend } from './backends.js';
import type { OpenBackend } from './backends.js';

const skipRedis = shouldSkipRedis();
const RULES = { closeHour: 22 } as const;
const KEY_SHAPE =
  /^(instance:[a-z0-9-]+:(config|dates|rev|day:\d{4}-\d{2}-\d{2}|bookings(:backup-legacy|:migrated)?)|ratelimit:.+)$/;

function addDays(dateKey: string, days: number): string {
  return new Date(Date.parse(`${dateKey}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Calls per command from `INFO commandstats` (script-internal calls included). */
async function commandCalls(backend: OpenBackend): Promise<Record<string, number>> {
  const info = await backend.inspect!.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]!] = Number(match[2]);
  return calls;
}

describe.each(['redis', 'upstash'] as const)('%s keys and costs', (backendName) => {
  let backend: OpenBackend;

  beforeAll(async () => {
    if (!skipRedis) backend = await openBackend(backendName, { timeouts: 'patient' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it.skipIf(skipRedis)('writes only keys in the original namespace, config as the same JSON', async () => {
    const slug = uniqueSlug('keys');
    const api = await startApiServer({ store: backend.store, slug });
    const config = { slug, title: 'Room', users: [{ name: 'Ann', key: 'a' }], createdAt: '2026-01-01T00:00:00.000Z' };
    try {
      await backend.store.setConfig(slug, config);
      const post = (body: unknown, path = '/api/bookings', method = 'POST') =>
        fetch(`${api.url}${path}`, {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post({ dateKey: '2031-03-03', timeKey: '09:00', user: 'Ann', duration: 2 })).status).toBe(201);
      expect((await post({ dateKey: '2031-03-04', timeKey: '09:00', user: 'Ann', duration: 2 })).status).toBe(201);
      const put = { dateKey: '2031-03-03', timeKey: '09:00', updates: { duration: 3 } };
      expect((await post(put, '/api/bookings/update', 'PUT')).status).toBe(200);
      const remove = { dateKey: '2031-03-04', timeKey: '09:00' };
      expect((await post(remove, '/api/bookings/update', 'DELETE')).status).toBe(200);

      const keys = await backend.inspect!.keys('*');
      expect(keys.filter((key) => !KEY_SHAPE.test(key))).toEqual([]);
      expect(keys.filter((key) => key.startsWith(`instance:${slug}:`)).sort()).toEqual([
        `instance:${slug}:config`,
        `instance:${slug}:dates`,
        `instance:${slug}:day:2031-03-03`,
        `instance:${slug}:rev`,
      ]);
      expect(JSON.parse((await backend.inspect!.get(`instance:${slug}:config`))!)).toEqual(config);
    } finally {
      await api.close();
    }
  });

  it.skipIf(skipRedis)('never merges an update into a damaged entry that has no user', async () => {
    const slug = uniqueSlug('damaged');
    await backend.store.createBooking(slug, slot('2031-05-05', '09:00'), { user: 'Ann', duration: 1 }, RULES);
    await backend.inspect!.hset(`instance:${slug}:day:2031-05-05`, '09:00', '{"duration":1}');
    await expect(
      backend.store.updateBooking(slug, slot('2031-05-05', '09:00'), { duration: 2 }, RULES),
    ).rejects.toThrow('Booking not found');
    expect(await backend.inspect!.hget(`instance:${slug}:day:2031-05-05`, '09:00')).toBe('{"duration":1}');
  });

  it.skipIf(skipRedis)(
    'keeps instances apart over HTTP: nothing one writes is visible or changeable through another',
    async () => {
      const [mine, theirs] = [uniqueSlug('iso'), uniqueSlug('iso')];
      const [a, b] = await Promise.all([
        startApiServer({ store: backend.store, slug: mine }),
        startApiServer({ store: backend.store, slug: theirs }),
      ]);
      const send = (url: string, method: string, path: string, body: unknown) =>
        fetch(`${url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      try {
        const booking = { dateKey: '2031-04-07', timeKey: '10:00', user: 'Jack', duration: 2 };
        expect((await send(a.url, 'POST', '/api/bookings', booking)).status).toBe(201);
        const myEtag = (await fetch(`${a.url}/api/bookings`)).headers.get('ETag');

        expect(await (await fetch(`${b.url}/api/bookings`)).json()).toEqual({});
        const slotOnly = { dateKey: booking.dateKey, timeKey: booking.timeKey };
        expect((await send(b.url, 'DELETE', '/api/bookings/update', slotOnly)).status).toBe(404);
        expect(
          (await send(b.url, 'PUT', '/api/bookings/update', { ...slotOnly, updates: { user: 'Rue' } })).status,
        ).toBe(404);
        expect((await send(b.url, 'POST', '/api/bookings', { ...booking, user: 'Rue' })).status).toBe(201);

        expect(await (await fetch(`${a.url}/api/bookings`)).json()).toEqual({
          '2031-04-07': { '10:00': { user: 'Jack', duration: 2 } },
        });
        expect((await fetch(`${a.url}/api/bookings`)).headers.get('ETag')).toBe(myEtag);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    },
  );

  it.skipIf(skipRedis)('reads only the dates of the week asked for, however many dates exist', async () => {
    const slug = uniqueSlug('week');
    for (let day = 0; day < 60; day += 1) {
      await backend.store.createBooking(
        slug,
        slot(addDays('2031-01-01', day), '09:00'),
        { user: 'Jack', duration: 1 },
        RULES,
      );
    }
    await backend.inspect!.config('RESETSTAT');
    const week = await backend.store.listBookings(slug, { from: '2031-02-03' as never, to: '2031-02-09' as never });
    const calls = await commandCalls(backend);

    expect(Object.keys(week)).toHaveLength(7);
    expect(calls.hgetall).toBe(7);
    expect(calls.zrange ?? 0).toBe(0);
  });

  it.skipIf(skipRedis)(
    'answers a revision read with one GET, and changes it even after the keys are wiped',
    async () => {
      const slug = uniqueSlug('rev');
      await backend.store.createBooking(slug, slot('2031-05-05', '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const before = await backend.store.getRevision(slug);
      await backend.inspect!.config('RESETSTAT');
      expect(await backend.store.getRevision(slug)).toBe(before);
      const calls = await commandCalls(backend);
      expect(Object.entries(calls).filter(([name]) => name !== 'config|resetstat' && name !== 'info')).toEqual([
        ['get', 1],
      ]);

      await backend.inspect!.del(...(await backend.inspect!.keys(`instance:${slug}:*`)));
      await backend.store.createBooking(slug, slot('2031-05-05', '09:00'), { user: 'Jack', duration: 1 }, RULES);
      expect(await backend.store.getRevision(slug)).not.toBe(before);
    },
  );

  it.skipIf(skipRedis)('keeps the rate-limit record in the original format with a TTL of two windows', async () => {
    const bucket = `ratelimit:${uniqueSlug('ip')}`;
    const now = Date.now();
    await backend.store.hitRateLimit(bucket, 60_000, now);
    await backend.store.hitRateLimit(bucket, 60_000, now + 5);
    expect(JSON.parse((await backend.inspect!.get(bucket))!)).toEqual({ count: 2, windowStart: now });
    const ttl = await backend.inspect!.pttl(bucket);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
    expect(await backend.inspect!.exists(`ratelimit:${bucket}`)).toBe(0);
  });

  it.skipIf(skipRedis)('counts a poll and reads the revision in one command (proposal for the GET route)', async () => {
    const slug = uniqueSlug('poll');
    const bucket = `ratelimit:read:${uniqueSlug('ip')}`;
    const sut = backend.store;
    const now = Date.now();
    expect(await sut.hitRateLimitAndGetRevision(bucket, 60_000, now, slug)).toEqual({
      hit: { count: 1, windowStart: now },
      revision: 'empty',
    });
    await sut.createBooking(slug, slot('2031-05-07', '09:00'), { user: 'Jack', duration: 1 }, RULES);
    await backend.inspect!.config('RESETSTAT');
    const polled = await sut.hitRateLimitAndGetRevision(bucket, 60_000, now + 1, slug);
    expect(polled).toEqual({ hit: { count: 2, windowStart: now }, revision: await sut.getRevision(slug) });
    expect((await commandCalls(backend)).evalsha).toBe(1);
  });

  it.skipIf(skipRedis)('reloads its scripts when Redis has forgotten them', async () => {
    const slug = uniqueSlug('noscript');
    await backend.store.createBooking(slug, slot('2031-05-06', '09:00'), { user: 'Jack', duration: 1 }, RULES);
    await backend.inspect!.script('FLUSH');
    await backend.store.createBooking(slug, slot('2031-05-06', '10:00'), { user: 'Jack', duration: 1 }, RULES);
    expect(Object.keys((await backend.store.listBookings(slug))['2031-05-06' as never] ?? {})).toEqual([
      '09:00',
      '10:00',
    ]);
  });
});

describe.skipIf(skipRedis)('upstash wire cost of an unchanged poll', () => {
  let backend: OpenBackend;
  beforeAll(async () => {
    backend = await openBackend('upstash', { timeouts: 'patient' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('answers an unchanged poll (304) with one billed Redis command', async () => {
    const slug = uniqueSlug('poll');
    const api = await startApiServer({ store: backend.store, slug });
    try {
      const first = await fetch(`${api.url}/api/bookings`);
      const etag = first.headers.get('ETag')!;
      backend.rest!.commandLog.length = 0;
      const poll = await fetch(`${api.url}/api/bookings`, { headers: { 'If-None-Match': etag } });
      expect(poll.status).toBe(304);
      expect(backend.rest!.commandLog).toEqual(['EVALSHA']);
    } finally {
      await api.close();
    }
  });
});

describe('redisTarget', () => {
  it('drops the user name and password from the URL it reports', () => {
    expect(redisTarget('rediss://default:s3cret@eu1-kv.example.com:6380')).toBe('rediss://eu1-kv.example.com:6380');
    expect(redisTarget('redis://localhost')).toBe('redis://localhost:6379');
  });
});
