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
// The original's keys untagged; Hourbook's booking keys tagged with the slug (issue 8 §6).
const KEY_SHAPE =
  /^(instance:[a-z0-9-]+:(config|bookings(:backup-legacy|:migrated)?)|instance:\{[a-z0-9-]+\}:(dates|rev|changes|day:\d{4}-\d{2}-\d{2})|ratelimit:.+)$/;

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
      await backend.store.instances.setConfig(slug, config);
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
      expect(keys.filter((key) => key.includes(slug) && key.startsWith('instance:')).sort()).toEqual([
        `instance:${slug}:config`,
        `instance:{${slug}}:changes`,
        `instance:{${slug}}:dates`,
        `instance:{${slug}}:day:2031-03-03`,
        `instance:{${slug}}:rev`,
      ]);
      // Requests are counted in the instance's own budget, in its slot.
      expect(keys.some((key) => key.startsWith(`ratelimit:{${slug}}:w:`))).toBe(true);
      expect(JSON.parse((await backend.inspect!.get(`instance:${slug}:config`))!)).toEqual(config);
    } finally {
      await api.close();
    }
  });

  it.skipIf(skipRedis)('never merges an update into a damaged entry that has no user', async () => {
    const slug = uniqueSlug('damaged');
    await backend.store.bookings.create(slug, slot('2031-05-05', '09:00'), { user: 'Ann', duration: 1 }, RULES);
    await backend.inspect!.hset(`instance:{${slug}}:day:2031-05-05`, '09:00', '{"duration":1}');
    await expect(
      backend.store.bookings.update(slug, slot('2031-05-05', '09:00'), { duration: 2 }, RULES),
    ).rejects.toThrow('Booking not found');
    expect(await backend.inspect!.hget(`instance:{${slug}}:day:2031-05-05`, '09:00')).toBe('{"duration":1}');
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
      await backend.store.bookings.create(
        slug,
        slot(addDays('2031-01-01', day), '09:00'),
        { user: 'Jack', duration: 1 },
        RULES,
      );
    }
    await backend.inspect!.config('RESETSTAT');
    const week = (await backend.store.bookings.list(slug, { from: '2031-02-03' as never, to: '2031-02-09' as never }))
      .bookings;
    const calls = await commandCalls(backend);

    expect(Object.keys(week)).toHaveLength(7);
    expect(calls.hgetall).toBe(7);
    expect(calls.zrange ?? 0).toBe(0);
  });

  it.skipIf(skipRedis)(
    'answers a revision read with one GET, and changes it even after the keys are wiped',
    async () => {
      const slug = uniqueSlug('rev');
      await backend.store.bookings.create(slug, slot('2031-05-05', '09:00'), { user: 'Jack', duration: 1 }, RULES);
      const before = await backend.store.bookings.revision(slug);
      await backend.inspect!.config('RESETSTAT');
      expect(await backend.store.bookings.revision(slug)).toBe(before);
      const calls = await commandCalls(backend);
      expect(Object.entries(calls).filter(([name]) => name !== 'config|resetstat' && name !== 'info')).toEqual([
        ['get', 1],
      ]);

      await backend.inspect!.del(...(await backend.inspect!.keys(`instance:{${slug}}:*`)));
      await backend.store.bookings.create(slug, slot('2031-05-05', '09:00'), { user: 'Jack', duration: 1 }, RULES);
      expect(await backend.store.bookings.revision(slug)).not.toBe(before);
    },
  );

  it.skipIf(skipRedis)('keeps the rate-limit record in the original format with a TTL of two windows', async () => {
    const client = uniqueSlug('ip');
    const now = Date.now();
    await backend.store.rateLimits.hit({ budget: 'write', client }, 60_000, now);
    await backend.store.rateLimits.hit({ budget: 'write', client }, 60_000, now + 5);
    const key = `ratelimit:w:${client}`;
    expect(JSON.parse((await backend.inspect!.get(key))!)).toEqual({ count: 2, windowStart: now });
    const ttl = await backend.inspect!.pttl(key);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it.skipIf(skipRedis)('names buckets apart by budget and keeps keys short whatever the client string', async () => {
    const client = uniqueSlug('ip');
    const now = Date.now();
    await backend.store.rateLimits.hit({ budget: 'read', client }, 60_000, now);
    await backend.store.rateLimits.hit({ budget: 'write', client: `read:${client}` }, 60_000, now);
    await backend.store.rateLimits.hit({ budget: 'write', client: `${client}${'9'.repeat(10_000)}` }, 60_000, now);
    const keys = (await backend.inspect!.keys('ratelimit:*')).filter(
      (key) => key.includes(client) || key.includes('#'),
    );
    expect(keys).toContain(`ratelimit:r:${client}`);
    expect(keys).toContain(`ratelimit:w:read:${client}`);
    expect(keys.filter((key) => key.startsWith('ratelimit:w:#'))).toHaveLength(1);
    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(80);
  });

  it.skipIf(skipRedis)('counts a poll, reads the revision and skips a known listing in one command', async () => {
    const slug = uniqueSlug('poll');
    const sut = backend.store;
    const now = Date.now();
    const hits: unknown[] = [];
    const charge = { bucket: { budget: 'read', client: uniqueSlug('ip') }, windowMs: 60_000, now, max: 600 } as const;
    const record = (hit: unknown) => void hits.push(hit);
    await sut.bookings.create(slug, slot('2031-05-07', '09:00'), { user: 'Jack', duration: 1 }, RULES);
    const revision = await sut.bookings.revision(slug);
    await backend.inspect!.config('RESETSTAT');
    const polled = await sut.bookings.read(slug, { unlessRevision: [revision], charge: { ...charge, record } });
    expect(polled).toEqual({ revision });
    expect(hits).toEqual([{ count: 1, windowStart: now }]);
    const calls = await commandCalls(backend);
    expect(calls.evalsha).toBe(1);
    expect(calls.hgetall ?? 0).toBe(0);
  });

  it.skipIf(skipRedis)('reloads its scripts when Redis has forgotten them', async () => {
    const slug = uniqueSlug('noscript');
    await backend.store.bookings.create(slug, slot('2031-05-06', '09:00'), { user: 'Jack', duration: 1 }, RULES);
    await backend.inspect!.script('FLUSH');
    await backend.store.bookings.create(slug, slot('2031-05-06', '10:00'), { user: 'Jack', duration: 1 }, RULES);
    expect(Object.keys((await backend.store.bookings.list(slug)).bookings['2031-05-06' as never] ?? {})).toEqual([
      '09:00',
      '10:00',
    ]);
  });
});

describe.skipIf(skipRedis)('upstash wire cost per request', () => {
  let backend: OpenBackend;
  let api: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    backend = await openBackend('upstash', { timeouts: 'patient' });
    api = await startApiServer({ store: backend.store, slug: uniqueSlug('cost') });
  });
  afterAll(async () => {
    await api?.close();
    await backend?.close();
  });

  /** The REST calls (one command each) the front received while `request` ran. */
  async function callsFor(request: () => Promise<Response>): Promise<{ status: number; calls: string[] }> {
    backend.rest!.commandLog.length = 0;
    const response = await request();
    await response.arrayBuffer();
    return { status: response.status, calls: [...backend.rest!.commandLog] };
  }

  const send = (method: string, path: string, body: unknown) =>
    fetch(`${api.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  /** Every kind of request once, so Redis has cached each script and the config is cached in process. */
  async function warmUp(): Promise<void> {
    const booking = { dateKey: '2031-06-01', timeKey: '09:00', user: 'Jack', duration: 1 };
    const slotOnly = { dateKey: booking.dateKey, timeKey: booking.timeKey };
    await send('POST', '/api/bookings', booking);
    await send('PUT', '/api/bookings/update', { ...slotOnly, updates: { duration: 2 } });
    await send('DELETE', '/api/bookings/update', slotOnly);
    await send('POST', '/api/bookings', { ...booking, user: 'Nobody' });
    await fetch(`${api.url}/api/bookings`);
    await fetch(`${api.url}/api/config`);
  }

  it('costs one REST call for each of POST, PUT, DELETE, GET (200) and GET (304), errors from the store included', async () => {
    await warmUp();
    const booking = { dateKey: '2031-06-02', timeKey: '09:00', user: 'Jack', duration: 1 };
    const slotOnly = { dateKey: booking.dateKey, timeKey: booking.timeKey };

    expect(await callsFor(() => send('POST', '/api/bookings', booking))).toEqual({ status: 201, calls: ['EVALSHA'] });
    expect(await callsFor(() => send('POST', '/api/bookings', booking))).toEqual({ status: 409, calls: ['EVALSHA'] });
    const put = { ...slotOnly, updates: { duration: 2 } };
    expect(await callsFor(() => send('PUT', '/api/bookings/update', put))).toEqual({ status: 200, calls: ['EVALSHA'] });
    const first = await callsFor(() => fetch(`${api.url}/api/bookings`));
    expect(first).toEqual({ status: 200, calls: ['EVALSHA'] });
    const etag = (await fetch(`${api.url}/api/bookings`)).headers.get('ETag')!;
    const poll = () => fetch(`${api.url}/api/bookings`, { headers: { 'If-None-Match': etag } });
    expect(await callsFor(poll)).toEqual({ status: 304, calls: ['EVALSHA'] });
    expect(await callsFor(() => send('DELETE', '/api/bookings/update', slotOnly))).toEqual({
      status: 200,
      calls: ['EVALSHA'],
    });
    expect(await callsFor(() => send('DELETE', '/api/bookings/update', slotOnly))).toEqual({
      status: 404,
      calls: ['EVALSHA'],
    });
    // After a change, the next full read lists once, in the same single call.
    expect(await callsFor(() => fetch(`${api.url}/api/bookings`))).toEqual({ status: 200, calls: ['EVALSHA'] });
    expect(await callsFor(() => fetch(`${api.url}/api/config`))).toEqual({ status: 200, calls: ['EVALSHA'] });
  });

  it('counts a write that fails validation with one call of its own', async () => {
    const invalid = { dateKey: '2031-06-02', timeKey: '09:00', user: 'Nobody', duration: 1 };
    await warmUp();
    expect(await callsFor(() => send('POST', '/api/bookings', invalid))).toEqual({ status: 400, calls: ['EVALSHA'] });
  });
});

describe('redisTarget', () => {
  it('drops the user name and password from the URL it reports', () => {
    expect(redisTarget('rediss://default:s3cret@eu1-kv.example.com:6380')).toBe('rediss://eu1-kv.example.com:6380');
    expect(redisTarget('redis://localhost')).toBe('redis://localhost:6379');
  });
});
