/**
 * The admin API of issue 10 §2 over real HTTP on a real SQLite file: the token (none, wrong,
 * right, and the limit on wrong ones per address), each instance route, validation messages,
 * and the orphan check with and without `?force=1`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessCode } from '../../src/server/access-code.js';
import { MAX_FAILURES } from '../../src/server/middleware/admin-token.js';
import type { Store } from '../../src/storage/store.js';
import { bootTestApp, startApiServer } from '../support/api-server.js';
import type { RunningApi } from '../support/api-server.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const TOKEN = 'test-admin-token-0123456789';
// 10:00 in Brisbane on 2030-05-10: "today" for the orphan check.
const NOW = Date.parse('2030-05-10T00:00:00Z');
const RULES = { closeHour: 22 } as const;

const configOf = (slug: string, overrides: Record<string, unknown> = {}) => ({
  slug,
  title: 'Room 4',
  users: [
    { name: 'Ann', key: 'a' },
    { name: 'Ben', key: 'e', colorIndex: 2 },
  ],
  ...overrides,
});

describe('admin API', () => {
  let store: Store;
  let api: RunningApi;
  let cleanup: () => Promise<void>;

  /** A request to the API from client address `from` (forwarded by the one trusted proxy). */
  const call = (path: string, init: RequestInit & { token?: string | null; from?: string } = {}) => {
    const { token = TOKEN, from = '203.0.113.1', ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    headers.set('X-Forwarded-For', from);
    if (rest.body !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(`${api.url}${path}`, { ...rest, headers });
  };
  const send = (method: string, path: string, body: unknown) => call(path, { method, body: JSON.stringify(body) });
  const storedOf = async (slug: string) => JSON.parse((await store.instances.getConfig(slug)).text ?? 'null');

  beforeAll(async () => {
    ({ store, cleanup } = createTempSqliteStore());
    api = await startApiServer({ store, clock: () => NOW, trustProxy: true, env: { ADMIN_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await api?.close();
    await cleanup?.();
  });

  describe('token', () => {
    it('is off without ADMIN_TOKEN: every admin path is 404', async () => {
      const sut = await bootTestApp();
      try {
        for (const [method, path] of [
          ['GET', '/api/admin/instances'],
          ['POST', '/api/admin/instances'],
          ['DELETE', '/api/admin/instances/team-a'],
        ] as const) {
          const response = await sut.app.request(path, { method, headers: { Authorization: `Bearer ${TOKEN}` } });
          expect(response.status).toBe(404);
        }
      } finally {
        await sut.close();
        await sut.dispose();
      }
    });

    it('answers 401 with WWW-Authenticate for a missing, wrong or non-Bearer token', async () => {
      for (const init of [
        { token: null },
        { token: 'wrong-token-0123456789' },
        { token: null, headers: { Authorization: `Basic ${TOKEN}` } },
      ]) {
        const response = await call('/api/admin/instances', { ...init, from: '203.0.113.50' });
        expect(response.status).toBe(401);
        expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
        expect(await response.json()).toEqual({ error: 'Unauthorized' });
      }
    });

    it('refuses an address with 429 after too many wrong tokens, even with the right one, but not others', async () => {
      const guesser = '198.51.100.9';
      for (let attempt = 1; attempt <= MAX_FAILURES; attempt += 1) {
        expect(
          (await call('/api/admin/instances', { token: `guess-${attempt}-0123456789`, from: guesser })).status,
        ).toBe(401);
      }
      const limited = await call('/api/admin/instances', { token: 'one-more-guess-0123456789', from: guesser });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect((await call('/api/admin/instances', { from: guesser })).status).toBe(429);
      expect((await call('/api/admin/instances', { from: '198.51.100.10' })).status).toBe(200);
    });
  });

  describe('instances', () => {
    it('creates an instance, storing its access code only as a hash and never returning it', async () => {
      const slug = uniqueSlug('team');
      const created = await send('POST', '/api/admin/instances', configOf(slug, { accessCode: 'blue-door' }));
      expect(created.status).toBe(201);
      const { instance } = await created.json();
      expect(instance).toEqual({ ...configOf(slug), createdAt: new Date(NOW).toISOString() });
      const stored = await storedOf(slug);
      await expect(verifyAccessCode('blue-door', stored.accessCodeHash)).resolves.toBe(true);
      expect(JSON.stringify(stored)).not.toContain('blue-door');

      const shown = await (await call(`/api/admin/instances/${slug}`)).json();
      expect(shown).toEqual({ instance });
      const listed = await (await call('/api/admin/instances')).json();
      expect(listed.instances).toContainEqual(instance);
      expect(JSON.stringify(listed)).not.toContain('accessCode');
    });

    it('lists the default instance on its default roster when none is stored', async () => {
      const { instances } = await (await call('/api/admin/instances')).json();
      const defaults = instances.find((instance: { slug: string }) => instance.slug === 'cps-software');
      expect(defaults.users.map((user: { name: string }) => user.name)).toEqual([
        'Jack',
        'Bonnie',
        'Giuliano',
        'John',
        'Rue',
        'Joel',
      ]);
      const slugs = instances.map((instance: { slug: string }) => instance.slug);
      expect(slugs).toEqual([...slugs].sort());
    });

    it('refuses a second instance with the same slug with 409', async () => {
      const slug = uniqueSlug('team');
      expect((await send('POST', '/api/admin/instances', configOf(slug))).status).toBe(201);
      const again = await send('POST', '/api/admin/instances', configOf(slug, { title: 'Other' }));
      expect(again.status).toBe(409);
      expect(await again.json()).toEqual({ error: 'Instance already exists' });
      expect((await storedOf(slug)).title).toBe('Room 4');
    });

    it('refuses an invalid config with 400 and a message per field', async () => {
      const response = await send(
        'POST',
        '/api/admin/instances',
        configOf('Bad Slug', { users: [{ name: 'Ann', key: 'm' }], openHour: 20, closeHour: 8 }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'Invalid config',
        fields: {
          slug: 'slug must be 1-64 characters from a-z, 0-9 and -',
          'users.0.key': 'key "m" is reserved for Move',
          closeHour: 'closeHour must be after openHour',
        },
      });
      const malformed = await call('/api/admin/instances', { method: 'POST', body: '{"slug":' });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ error: 'Invalid config', fields: { body: 'malformed JSON' } });
    });

    it('answers 404 "Instance not found" for a slug that is none', async () => {
      for (const [method, path] of [
        ['GET', '/api/admin/instances/no-such-team'],
        ['PUT', '/api/admin/instances/no-such-team'],
        ['DELETE', '/api/admin/instances/no-such-team'],
        ['GET', '/api/admin/instances/NOT%20A%20SLUG'],
      ] as const) {
        const response = await call(path, {
          method,
          body: method === 'PUT' ? JSON.stringify(configOf('x')) : undefined,
        });
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: 'Instance not found' });
      }
    });

    it('deletes an instance with its bookings, and never the default one', async () => {
      const slug = uniqueSlug('team');
      await send('POST', '/api/admin/instances', configOf(slug));
      await store.bookings.create(slug, slot('2030-05-12', '09:00'), { user: 'Ann', duration: 1 }, RULES);
      const deleted = await call(`/api/admin/instances/${slug}`, { method: 'DELETE' });
      expect(deleted.status).toBe(200);
      expect(await deleted.json()).toEqual({ success: true });
      expect((await call(`/api/admin/instances/${slug}`)).status).toBe(404);
      expect((await store.bookings.list(slug)).bookings).toEqual({});

      const refused = await call('/api/admin/instances/cps-software', { method: 'DELETE' });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({ error: 'The default instance cannot be deleted' });
    });
  });

  describe('update', () => {
    async function teamWithBookings(): Promise<string> {
      const slug = uniqueSlug('team');
      await send('POST', '/api/admin/instances', configOf(slug, { accessCode: 'blue-door' }));
      await store.bookings.create(slug, slot('2030-05-09', '09:00'), { user: 'Ann', duration: 1 }, RULES);
      await store.bookings.create(slug, slot('2030-05-10', '07:00'), { user: 'Ben', duration: 2 }, RULES);
      await store.bookings.create(slug, slot('2030-05-11', '12:00'), { user: 'Ann', duration: 3 }, RULES);
      return slug;
    }

    it('refuses a change that would orphan bookings from today on with 409 and the list, changing nothing', async () => {
      const slug = await teamWithBookings();
      const before = await storedOf(slug);
      const response = await send('PUT', `/api/admin/instances/${slug}`, {
        ...configOf(slug, { users: [{ name: 'Ben', key: 'e' }] }),
        openHour: 8,
      });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        error: 'Change affects existing bookings',
        affected: [
          { dateKey: '2030-05-10', timeKey: '07:00', user: 'Ben', duration: 2 },
          { dateKey: '2030-05-11', timeKey: '12:00', user: 'Ann', duration: 3 },
        ],
      });
      expect(await storedOf(slug)).toEqual(before);
    });

    it('applies it with ?force=1, reporting the same list and keeping the bookings and the access code', async () => {
      const slug = await teamWithBookings();
      const { accessCodeHash } = await storedOf(slug);
      const response = await send('PUT', `/api/admin/instances/${slug}?force=1`, configOf(slug, { maxDuration: 2 }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        instance: { ...configOf(slug), maxDuration: 2, createdAt: new Date(NOW).toISOString() },
        affected: [{ dateKey: '2030-05-11', timeKey: '12:00', user: 'Ann', duration: 3 }],
      });
      expect(await storedOf(slug)).toMatchObject({ maxDuration: 2, accessCodeHash });
      expect(Object.keys((await store.bookings.list(slug)).bookings)).toHaveLength(3);
    });

    it('applies a change every booking still fits, and removes the access code when it is null', async () => {
      const slug = await teamWithBookings();
      const response = await send('PUT', `/api/admin/instances/${slug}`, {
        title: 'Studio',
        users: [...configOf(slug).users, { name: 'Cat', key: 'c' }],
        accessCode: null,
      });
      expect(response.status).toBe(200);
      expect((await response.json()).affected).toEqual([]);
      const stored = await storedOf(slug);
      expect(stored.title).toBe('Studio');
      expect(stored).not.toHaveProperty('accessCodeHash');
    });

    it('keeps the access code hash of the default instance out of GET /api/config', async () => {
      const put = await send(
        'PUT',
        '/api/admin/instances/cps-software',
        configOf('cps-software', { accessCode: 'x-door' }),
      );
      expect(put.status).toBe(200);
      expect((await storedOf('cps-software')).accessCodeHash).toMatch(/^scrypt\$/);
      const served = await (await fetch(`${api.url}/api/config`)).json();
      expect(served.title).toBe('Room 4');
      expect(served).not.toHaveProperty('accessCodeHash');
    });
  });
});
