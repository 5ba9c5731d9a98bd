/**
 * The Vercel functions in `api/`, imported in-process and called with real `Request` objects
 * against a real Redis, the way Vercel's Node runtime calls them (issue 3 §7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVercelHandler } from '../../api/_lib/vercel-handler.js';
import { shouldSkipRedis, startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';
import { startUpstashRestServer } from '../support/upstash-rest-server.js';
import type { TestUpstashServer } from '../support/upstash-rest-server.js';
import { legacyFixture } from './legacy-fixture.js';

const skipRedis = shouldSkipRedis();
const ORIGIN = 'https://hourbook.example.com';
const SLUG = 'vercel-team';

type Entry = { fetch: (request: Request) => Promise<Response> };

const request = (path: string, init: RequestInit & { ip?: string } = {}) =>
  new Request(`https://hourbook.vercel.app${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      'X-Forwarded-For': init.ip ?? '203.0.113.7',
      Origin: ORIGIN,
      ...(init.headers as Record<string, string> | undefined),
    },
  });

describe.skipIf(skipRedis)('vercel functions', () => {
  let redis: TestRedis;
  let rest: TestUpstashServer;
  let routes: { config: Entry; health: Entry; bookings: Entry; update: Entry };
  const fixture = legacyFixture();

  beforeAll(async () => {
    redis = await startTestRedis();
    rest = await startUpstashRestServer(redis.url, { token: 'vercel-secret-token' });
    // The original's data is already in KV when Hourbook is first deployed.
    await fetch(rest.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rest.token}` },
      body: JSON.stringify(['SET', `instance:${SLUG}:bookings`, JSON.stringify(fixture.blob)]),
    });
    Object.assign(process.env, {
      KV_REST_API_URL: rest.url,
      KV_REST_API_TOKEN: rest.token,
      INSTANCE_SLUG: SLUG,
      ALLOWED_ORIGINS: ORIGIN,
      RATE_LIMIT_MAX: '5',
      // These tests are about the functions' answers; the REST front in this process may be slow
      // on a busy machine, which the default deadline would turn into 503s.
      REDIS_COMMAND_TIMEOUT_MS: '5000',
    });
    routes = {
      config: (await import('../../api/config.js')).default,
      health: (await import('../../api/health.js')).default,
      bookings: (await import('../../api/bookings/index.js')).default,
      update: (await import('../../api/bookings/update.js')).default,
    };
  });
  afterAll(async () => {
    await rest?.close();
    await redis?.close();
  });

  it('serves the migrated legacy bookings on the first request of a cold start', async () => {
    const response = await routes.bookings.fetch(request('/api/bookings?from=2025-01-06&to=2025-01-07'));
    expect(response.status).toBe(200);
    const week = (await response.json()) as Record<string, Record<string, unknown>>;
    expect(week['2025-01-06']?.['08:00']).toEqual({ user: 'Rue', duration: 1 });
    expect(Object.keys(week['2025-01-07'] ?? {})).not.toContain('18:00');
  });

  it('creates with 201, then answers 409, 404 and 405 with the exact bodies and headers', async () => {
    const booking = { dateKey: '2031-10-06', timeKey: '09:00', user: 'Jack', duration: 2 };
    const created = await routes.bookings.fetch(
      request('/api/bookings', { method: 'POST', body: JSON.stringify(booking) }),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ success: true, booking });
    expect(created.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(created.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);

    const covered = await routes.bookings.fetch(
      request('/api/bookings', { method: 'POST', body: JSON.stringify({ ...booking, timeKey: '10:00', duration: 1 }) }),
    );
    expect(covered.status).toBe(409);
    expect(await covered.json()).toEqual({ error: 'Slot already booked' });

    const missing = await routes.update.fetch(
      request('/api/bookings/update', {
        method: 'PUT',
        body: JSON.stringify({ dateKey: '2031-10-06', timeKey: '12:00', updates: { user: 'Rue' } }),
      }),
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Booking not found' });

    const patch = await routes.update.fetch(request('/api/bookings/update', { method: 'PATCH', body: '{}' }));
    expect(patch.status).toBe(405);
    expect(await patch.json()).toEqual({ error: 'Method not allowed' });

    const deleted = await routes.update.fetch(
      request('/api/bookings/update', {
        method: 'DELETE',
        body: JSON.stringify({ dateKey: '2031-10-06', timeKey: '09:00' }),
      }),
    );
    expect(deleted.status).toBe(200);
  });

  it('reports the REST backend and its host, never the token, on /api/health', async () => {
    const response = await routes.health.fetch(request('/api/health'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { store: string; target: string };
    expect(body.store).toBe('upstash');
    expect(body.target).toBe(new URL(rest.url).origin);
    expect(JSON.stringify(body)).not.toContain(rest.token);
  });

  it('serves the default config when none is stored', async () => {
    const response = await routes.config.fetch(request('/api/config'));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { slug: string }).slug).toBe(SLUG);
  });

  it('limits each forwarded client address separately, counting in Redis', async () => {
    const write = (ip: string) =>
      routes.update.fetch(
        request('/api/bookings/update', {
          method: 'DELETE',
          ip,
          body: JSON.stringify({ dateKey: '2031-10-07', timeKey: '09:00' }),
        }),
      );
    const first = [];
    for (let attempt = 0; attempt < 6; attempt += 1) first.push((await write('198.51.100.1')).status);
    expect(first).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await write('198.51.100.2')).status).toBe(404);
    const record = await fetch(rest.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rest.token}` },
      body: JSON.stringify(['GET', `ratelimit:{${SLUG}}:w:198.51.100.1`]),
    });
    expect(JSON.parse(((await record.json()) as { result: string }).result)).toMatchObject({ count: 6 });
  });

  it('runs on native Redis too when only KV_REDIS_URL is set', async () => {
    const sut = createVercelHandler({
      KV_REDIS_URL: redis.url,
      INSTANCE_SLUG: 'vercel-native',
      ALLOWED_ORIGINS: ORIGIN,
    });
    const created = await sut(
      request('/api/bookings', {
        method: 'POST',
        body: JSON.stringify({ dateKey: '2031-10-08', timeKey: '09:00', user: 'Jack', duration: 1 }),
      }),
    );
    expect(created.status).toBe(201);
    const health = (await (await sut(request('/api/health'))).json()) as { store: string; target: string };
    expect(health).toMatchObject({ store: 'redis', target: `redis://127.0.0.1:${redis.port}` });
  });

  it('answers 500 with the contract body when the environment is unusable', async () => {
    const sut = createVercelHandler({ KV_REST_API_URL: 'https://kv.example.com' });
    const response = await sut(request('/api/bookings'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Internal server error' });
  });
});
