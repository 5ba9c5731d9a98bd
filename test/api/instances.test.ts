/**
 * Instances side by side (issue 10 §1) over real HTTP, one server on a real SQLite file: every
 * instance's API under `/api/i/{slug}`, the default one on the original paths too, and nothing
 * of one instance (bookings, change events, rate-limit budgets) visible through another.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/storage/store.js';
import { startApiServer } from '../support/api-server.js';
import type { RunningApi } from '../support/api-server.js';
import { uniqueSlug } from '../support/factories.js';
import { dataOf, openEventStream } from '../support/sse-client.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const NOW = Date.parse('2026-02-14T00:30:00Z');
const LATER = '2026-02-20';
const DEFAULT_SLUG = 'cps-software';
const WRITE_MAX = 3;
const INDEX_HTML = '<!doctype html><title>Hourbook</title><div id="app"></div>';

let store: Store;
let sut: RunningApi;
let clientRoot: string;
let cleanupStore: () => Promise<void> | void;

beforeAll(async () => {
  const temp = createTempSqliteStore();
  store = temp.store;
  cleanupStore = temp.cleanup;
  clientRoot = mkdtempSync(join(tmpdir(), 'hourbook-instances-'));
  writeFileSync(join(clientRoot, 'index.html'), INDEX_HTML);
  sut = await startApiServer({
    store,
    clock: () => NOW,
    clientRoot,
    rateLimit: { writeMax: WRITE_MAX, readMax: 100_000, windowMs: 60_000 },
  });
});

afterAll(async () => {
  await sut.close();
  await cleanupStore();
  rmSync(clientRoot, { recursive: true, force: true });
});

/** Stores an instance's config the way the admin API does, and returns its slug. */
async function createInstance(title = 'Team room'): Promise<string> {
  const slug = uniqueSlug('team');
  const users = [
    { name: 'Ann', key: 'a' },
    { name: 'Bob', key: 'b' },
  ];
  await store.instances.setConfig(slug, { slug, title, users, createdAt: '2026-01-01T00:00:00.000Z' });
  return slug;
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${sut.url}${path}`, { headers });
const send = (method: string, path: string, body: unknown) =>
  fetch(`${sut.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const book = (base: string, timeKey: string, user: string) =>
  send('POST', `${base}/bookings`, { dateKey: LATER, timeKey, user, duration: 1 });

describe('instances side by side', () => {
  it('serves the default instance on the original paths and under /api/i/{INSTANCE_SLUG} alike', async () => {
    expect((await book('/api', '08:00', 'Jack')).status).toBe(201);
    const original = await (await get('/api/bookings')).json();
    const named = await (await get(`/api/i/${DEFAULT_SLUG}/bookings`)).json();
    expect(named).toEqual(original);
    expect(named[LATER]['08:00']).toEqual({ user: 'Jack', duration: 1 });
    expect(await (await get(`/api/i/${DEFAULT_SLUG}/config`)).json()).toEqual(await (await get('/api/config')).json());
  });

  it("keeps one instance's config and bookings out of every other, the default included", async () => {
    const [teamA, teamB] = [await createInstance('Room A'), await createInstance('Room B')];
    expect((await book(`/api/i/${teamA}`, '10:00', 'Ann')).status).toBe(201);

    expect((await (await get(`/api/i/${teamA}/config`)).json()).title).toBe('Room A');
    expect((await (await get(`/api/i/${teamB}/config`)).json()).title).toBe('Room B');
    expect((await (await get(`/api/i/${teamA}/bookings`)).json())[LATER]['10:00']).toEqual({
      user: 'Ann',
      duration: 1,
    });
    expect(await (await get(`/api/i/${teamB}/bookings`)).json()).toEqual({});
    expect((await (await get('/api/bookings')).json())[LATER]?.['10:00']).toBeUndefined();
    // Each roster is its instance's own: Ann is nobody on the default instance.
    expect((await book('/api', '10:00', 'Ann')).status).toBe(400);
    const removed = await send('DELETE', `/api/i/${teamB}/bookings/update`, { dateKey: LATER, timeKey: '10:00' });
    expect(removed.status).toBe(404);
    expect((await (await get(`/api/i/${teamA}/bookings`)).json())[LATER]['10:00']).toEqual({
      user: 'Ann',
      duration: 1,
    });
  });

  it("sends an instance's changes on its own event stream only", async () => {
    const [teamA, teamB] = [await createInstance(), await createInstance()];
    // A first booking starts each instance's revisions, so the next change follows on the stream.
    expect((await book(`/api/i/${teamA}`, '08:00', 'Ann')).status).toBe(201);
    expect((await book(`/api/i/${teamB}`, '08:00', 'Bob')).status).toBe(201);
    const streamA = await openEventStream(`${sut.url}/api/i/${teamA}/events`);
    const streamB = await openEventStream(`${sut.url}/api/i/${teamB}/events`);
    try {
      // `retry`, then `hello`.
      await streamA.waitForEvents(2);
      await streamB.waitForEvents(2);
      expect((await book(`/api/i/${teamA}`, '11:00', 'Ann')).status).toBe(201);
      const changeA = (await streamA.waitForEvents(3))[2];
      expect(dataOf(changeA)).toMatchObject({ timeKey: '11:00', booking: { user: 'Ann' } });
      // B's own change arrives after anything A's could have sent it, so B's list is complete.
      expect((await book(`/api/i/${teamB}`, '12:00', 'Bob')).status).toBe(201);
      const eventsB = await streamB.waitForEvents(3);
      expect(eventsB.map((event) => event.event)).toEqual([undefined, 'hello', 'change']);
      expect(dataOf(eventsB[2]!)).toMatchObject({ timeKey: '12:00', booking: { user: 'Bob' } });
    } finally {
      streamA.close();
      streamB.close();
    }
  });

  it('counts rate-limit budgets per instance', async () => {
    const [teamA, teamB] = [await createInstance(), await createInstance()];
    for (let spent = 1; spent <= WRITE_MAX; spent += 1) {
      const response = await send('POST', `/api/i/${teamA}/bookings`, {});
      expect(response.headers.get('X-RateLimit-Remaining')).toBe(String(WRITE_MAX - spent));
    }
    expect((await book(`/api/i/${teamA}`, '13:00', 'Ann')).status).toBe(429);
    const other = await book(`/api/i/${teamB}`, '13:00', 'Ann');
    expect(other.status).toBe(201);
    expect(other.headers.get('X-RateLimit-Remaining')).toBe(String(WRITE_MAX - 1));
  });

  it('answers 404 "Instance not found" for an unknown slug on every route, with no calendar made for it', async () => {
    const unknown = uniqueSlug('nobody');
    const answers = [
      await get(`/api/i/${unknown}/config`),
      await get(`/api/i/${unknown}/bookings`),
      await get(`/api/i/${unknown}/events`, { Accept: 'text/event-stream' }),
      await book(`/api/i/${unknown}`, '09:00', 'Jack'),
      await send('PUT', `/api/i/${unknown}/bookings/update`, { dateKey: LATER, timeKey: '09:00', updates: {} }),
      await send('POST', `/api/i/${unknown}/session`, { code: 'guess' }),
      await get('/api/i/Not_A_Slug/config'),
      await get(`/api/i/${'a'.repeat(65)}/config`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({ error: 'Instance not found' });
    }
    expect((await store.bookings.list(unknown)).bookings).toEqual({});
    expect((await store.instances.getConfig(unknown)).text).toBeNull();
  });

  it('finds an instance created after its slug was asked for (unknown slugs are not cached)', async () => {
    const slug = uniqueSlug('later');
    expect((await get(`/api/i/${slug}/config`)).status).toBe(404);
    await store.instances.setConfig(slug, {
      slug,
      title: 'Late room',
      users: [{ name: 'Cy', key: 'c' }],
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await (await get(`/api/i/${slug}/config`)).json()).title).toBe('Late room');
    expect((await book(`/api/i/${slug}`, '09:00', 'Cy')).status).toBe(201);
  });

  it('refuses a write to an instance removed by another process (the config version rides on the write)', async () => {
    const slug = await createInstance();
    expect((await book(`/api/i/${slug}`, '09:00', 'Ann')).status).toBe(201);
    // The CLI's way: straight through the store, so this server's cache still holds the instance.
    await store.instances.remove(slug);
    const write = await book(`/api/i/${slug}`, '10:00', 'Ann');
    expect(write.status).toBe(404);
    expect(await write.json()).toEqual({ error: 'Instance not found' });
    expect((await store.bookings.list(slug)).bookings).toEqual({});
    expect((await get(`/api/i/${slug}/config`)).status).toBe(404);
  });

  it('serves the web client at /i/{slug}/ for an instance, and a small 404 page for an unknown slug', async () => {
    const slug = await createInstance();
    const page = await get(`/i/${slug}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    expect((await get(`/i/${DEFAULT_SLUG}/`)).status).toBe(200);

    for (const path of [`/i/${uniqueSlug('nobody')}/`, '/i/Not_A_Slug/', `/i/${uniqueSlug('nobody')}/week`]) {
      const missing = await get(path);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('Content-Type')).toMatch(/^text\/html/);
      const html = await missing.text();
      expect(html).toContain('<h1>Instance not found</h1>');
      expect(html).not.toContain('id="app"');
    }
  });
});
