/**
 * The optional access code (issue 10 §4) over real HTTP on a real SQLite file: the 401 without
 * a session, signing in and out, the session cookie's attributes, Bearer codes, the wrong-code
 * limit per address, and sessions ending when the code changes. The server trusts one proxy, so
 * each test picks its own client address with `X-Forwarded-For`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAccessCode } from '../../src/server/access-code.js';
import { WRONG_CODE_MAX } from '../../src/server/access-gate.js';
import { RECHECK_MS } from '../../src/server/instance.js';
import type { Store } from '../../src/storage/store.js';
import { bootTestApp, startApiServer } from '../support/api-server.js';
import type { RunningApi } from '../support/api-server.js';
import { uniqueSlug } from '../support/factories.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const START = Date.parse('2026-02-14T00:30:00Z');
const LATER = '2026-02-20';
const FRONT_DESK = 'front-desk';
const CODE = 'blue-door-42';
const ADMIN_TOKEN = 'admin-token-for-the-access-code-tests';

let now = START;
let store: Store;
let sut: RunningApi;
let cleanupStore: () => Promise<void> | void;
let addressCounter = 0;
/** Hashed once for the whole file: scrypt is slow by design, and a hash may serve many instances. */
const hashes = new Map<string, string>();
const CODES = [CODE, 'green-door', 'old-code', 'new-code'];

/** A client address of the test's own, so wrong-code counts never leak between tests. */
const newAddress = () => `198.51.100.${(addressCounter += 1)}`;

async function storeInstance(slug: string, accessCode: string | null): Promise<void> {
  const config: Record<string, unknown> = {
    slug,
    title: `Room ${slug}`,
    users: [{ name: 'Ann', key: 'a' }],
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  if (accessCode !== null) config.accessCodeHash = hashes.get(accessCode)!;
  await store.instances.setConfig(slug, config);
}

async function protectedInstance(code = CODE): Promise<string> {
  const slug = uniqueSlug('locked');
  await storeInstance(slug, code);
  return slug;
}

beforeAll(async () => {
  const temp = createTempSqliteStore();
  store = temp.store;
  cleanupStore = temp.cleanup;
  for (const [code, hash] of await Promise.all(
    CODES.map(async (code) => [code, await hashAccessCode(code)] as const),
  )) {
    hashes.set(code, hash);
  }
  await storeInstance(FRONT_DESK, CODE);
  sut = await startApiServer({
    store,
    slug: FRONT_DESK,
    clock: () => now,
    trustProxy: true,
    env: { ADMIN_TOKEN },
  });
});

afterAll(async () => {
  await sut.close();
  await cleanupStore();
});

function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'X-Forwarded-For': init.headers?.['X-Forwarded-For'] ?? newAddress() };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${sut.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...headers, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const signIn = (base: string, code: string, headers: Record<string, string> = {}) =>
  call(`${base}/session`, { method: 'POST', body: { code }, headers });

/** The `name=value` of a sign-in answer's cookie, to send back as a browser would. */
function cookieOf(response: Response): string {
  return response.headers.get('Set-Cookie')!.split(';')[0]!;
}

describe('an instance with an access code', () => {
  it('answers 401 "Access code required" on every route without a session, and names Bearer', async () => {
    const base = `/api/i/${await protectedInstance()}`;
    const answers = [
      await call(`${base}/config`),
      await call(`${base}/bookings`),
      await call(`${base}/events`, { headers: { Accept: 'text/event-stream' } }),
      await call(`${base}/bookings`, {
        method: 'POST',
        body: { dateKey: LATER, timeKey: '09:00', user: 'Ann', duration: 1 },
      }),
      await call('/api/bookings'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
      expect(await answer.json()).toEqual({ error: 'Access code required' });
    }
  });

  it('signs in with the right code: an HttpOnly, SameSite=Strict cookie limited to the instance, which opens its API', async () => {
    const slug = await protectedInstance();
    const response = await signIn(`/api/i/${slug}`, CODE);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    const attributes = response.headers.get('Set-Cookie')!.split('; ');
    expect(attributes[0]).toMatch(new RegExp(`^hourbook_session_${slug}=\\d+\\.[\\w-]{43}$`));
    expect(attributes.slice(1).sort()).toEqual([
      'HttpOnly',
      'Max-Age=2592000',
      `Path=/api/i/${slug}`,
      'SameSite=Strict',
    ]);

    const cookie = cookieOf(response);
    const config = await call(`/api/i/${slug}/config`, { headers: { Cookie: cookie } });
    expect(config.status).toBe(200);
    const served = await config.json();
    expect(served.title).toBe(`Room ${slug}`);
    expect(served).not.toHaveProperty('accessCodeHash');
    const booked = await call(`/api/i/${slug}/bookings`, {
      method: 'POST',
      body: { dateKey: LATER, timeKey: '09:00', user: 'Ann', duration: 1 },
      headers: { Cookie: cookie },
    });
    expect(booked.status).toBe(201);
    // A session of one instance opens no other.
    const other = await protectedInstance();
    expect((await call(`/api/i/${other}/bookings`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('marks the cookie Secure when served over HTTPS (a trusted proxy says so)', async () => {
    const slug = await protectedInstance();
    const response = await signIn(`/api/i/${slug}`, CODE, { 'X-Forwarded-Proto': 'https' });
    expect(response.headers.get('Set-Cookie')!.split('; ')).toContain('Secure');
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const slug = uniqueSlug('locked');
    const sutHttps = await bootTestApp({ clock: () => now, env: { PUBLIC_URL: 'https://rooms.example.com' } });
    try {
      await sutHttps.store.instances.setConfig(slug, {
        slug,
        title: 'Secure room',
        users: [{ name: 'Ann', key: 'a' }],
        createdAt: '2026-01-01T00:00:00.000Z',
        accessCodeHash: hashes.get(CODE),
      });
      const response = await sutHttps.app.request(`https://rooms.example.com/api/i/${slug}/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://rooms.example.com' },
        body: JSON.stringify({ code: CODE }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('Set-Cookie')!.split('; ')).toContain('Secure');
    } finally {
      await sutHttps.dispose();
    }
  });

  it('gives the default instance one cookie for its original /api paths, and one for /api/i/{slug}', async () => {
    const original = await signIn('/api', CODE);
    expect(original.headers.get('Set-Cookie')).toContain('; Path=/api;');
    expect((await call('/api/bookings', { headers: { Cookie: cookieOf(original) } })).status).toBe(200);
    const named = await signIn(`/api/i/${FRONT_DESK}`, CODE);
    expect(named.headers.get('Set-Cookie')).toContain(`; Path=/api/i/${FRONT_DESK};`);
    expect((await call(`/api/i/${FRONT_DESK}/bookings`, { headers: { Cookie: cookieOf(named) } })).status).toBe(200);
  });

  it('takes Authorization: Bearer <code> instead of a cookie; a wrong one is 401 "Invalid access code"', async () => {
    const base = `/api/i/${await protectedInstance()}`;
    expect((await call(`${base}/bookings`, { headers: { Authorization: `Bearer ${CODE}` } })).status).toBe(200);
    const wrong = await call(`${base}/bookings`, { headers: { Authorization: 'Bearer red-door' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'Invalid access code' });
  });

  it('marks its answers private, no-store (no shared cache, no copy in the browser); an open instance keeps no-cache', async () => {
    const base = `/api/i/${await protectedInstance()}`;
    const bearer = { Authorization: `Bearer ${CODE}` };
    for (const path of ['/config', '/bookings']) {
      const answer = await call(`${base}${path}`, { headers: bearer });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('Cache-Control')).toBe('private, no-store');
    }
    const open = uniqueSlug('open');
    await storeInstance(open, null);
    const answer = await call(`/api/i/${open}/bookings`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Cache-Control')).toBe('no-cache');
  });

  it('refuses a wrong code with 401, and more than five from one address in 15 minutes with 429, the right code too', async () => {
    const base = `/api/i/${await protectedInstance()}`;
    const address = { 'X-Forwarded-For': newAddress() };
    for (let wrong = 1; wrong <= WRONG_CODE_MAX; wrong += 1) {
      const response = await signIn(base, `guess-${wrong}`, address);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Invalid access code' });
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    const sixth = await signIn(base, 'guess-6', address);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('Retry-After'))).toBeGreaterThan(14 * 60);
    expect((await signIn(base, CODE, address)).status).toBe(429);
    expect((await call(`${base}/bookings`, { headers: { ...address, Authorization: `Bearer ${CODE}` } })).status).toBe(
      429,
    );
    // Another address is not locked out.
    expect((await signIn(base, CODE)).status).toBe(200);
  });

  it('signs out with DELETE …/session, which clears the cookie', async () => {
    const slug = await protectedInstance();
    const response = await call(`/api/i/${slug}/session`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true });
    const attributes = response.headers.get('Set-Cookie')!.split('; ');
    expect(attributes).toContain(`hourbook_session_${slug}=`);
    expect(attributes).toContain('Max-Age=0');
    expect(attributes).toContain(`Path=/api/i/${slug}`);
  });

  it('ends every session when the code changes: at once for a write or a config read, within RECHECK_MS for a poll', async () => {
    const slug = await protectedInstance();
    const base = `/api/i/${slug}`;
    const cookie = { Cookie: cookieOf(await signIn(base, CODE)) };
    expect((await call(`${base}/bookings`, { headers: cookie })).status).toBe(200);

    await storeInstance(slug, 'green-door');
    const write = await call(`${base}/bookings`, {
      method: 'POST',
      body: { dateKey: LATER, timeKey: '10:00', user: 'Ann', duration: 1 },
      headers: cookie,
    });
    expect(write.status).toBe(401);
    expect((await store.bookings.list(slug)).bookings).toEqual({});
    expect((await call(`${base}/config`, { headers: cookie })).status).toBe(401);

    const again = await protectedInstance('old-code');
    const pollCookie = { Cookie: cookieOf(await signIn(`/api/i/${again}`, 'old-code')) };
    await storeInstance(again, 'new-code');
    now += RECHECK_MS;
    expect((await call(`/api/i/${again}/bookings`, { headers: pollCookie })).status).toBe(401);
    expect((await signIn(`/api/i/${again}`, 'new-code')).status).toBe(200);
  });
});

describe('a code changed through the admin API', () => {
  it('ends the sessions this process serves at once, polls included', async () => {
    const slug = await protectedInstance();
    const base = `/api/i/${slug}`;
    const cookie = { Cookie: cookieOf(await signIn(base, CODE)) };
    expect((await call(`${base}/bookings`, { headers: cookie })).status).toBe(200);
    const put = await call(`/api/admin/instances/${slug}`, {
      method: 'PUT',
      body: { slug, title: 'Renamed', users: [{ name: 'Ann', key: 'a' }], accessCode: 'yellow-door' },
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(put.status).toBe(200);
    expect((await call(`${base}/bookings`, { headers: cookie })).status).toBe(401);
  });
});

describe('an instance without an access code', () => {
  it('stays open as the original, and a sign-in there is a no-op', async () => {
    const slug = uniqueSlug('open');
    await storeInstance(slug, null);
    expect((await call(`/api/i/${slug}/bookings`)).status).toBe(200);
    const response = await signIn(`/api/i/${slug}`, 'anything');
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('answers 400 to a sign-in without a code', async () => {
    const response = await call(`/api/i/${FRONT_DESK}/session`, { method: 'POST', body: { code: '' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'Missing or invalid field: code' });
  });
});
