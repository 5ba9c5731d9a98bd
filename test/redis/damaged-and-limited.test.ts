/**
 * The write path and damaged stored values on every backend (issue 7 §5.1, §6): a hand-edited
 * config that is not JSON, or a booking entry that does not parse, never takes the API down; a
 * write over budget changes nothing; the in-process config cache follows edits made elsewhere.
 */
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { instanceKeys } from '../../src/storage/redis/keyspace.js';
import { startApiServer } from '../support/api-server.js';
import type { ApiServerOptions } from '../support/api-server.js';
import { uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis } from '../support/redis-server.js';
import { openBackend } from './backends.js';
import type { BackendName, OpenBackend } from './backends.js';
import { damageRedisBooking } from './damage.js';

const skipRedis = shouldSkipRedis();
const backends: BackendName[] = skipRedis ? ['sqlite'] : ['sqlite', 'redis', 'upstash'];
const NOW = Date.parse('2031-03-01T00:30:00Z');
const ROSTER = [{ name: 'Ann', key: 'a' }];

describe.each(backends)('%s: damaged values and the write path', (backendName) => {
  let backend: OpenBackend;
  let sqliteFile: string | undefined;
  const apis: Array<{ close: () => Promise<void> }> = [];

  beforeAll(async () => {
    backend = await openBackend(backendName, { timeouts: 'patient' });
    sqliteFile = backend.store.kind === 'sqlite' ? backend.store.target : undefined;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const api of apis.splice(0)) await api.close();
  });
  afterAll(async () => {
    await backend?.close();
  });

  async function start(slug: string, options: Partial<ApiServerOptions> = {}) {
    const api = await startApiServer({ store: backend.store, slug, clock: () => NOW, trustProxy: true, ...options });
    apis.push(api);
    // Each test is its own client, so budgets never carry over between tests sharing the store.
    const client = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${api.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    return { ...api, send };
  }

  /** Writes raw text where the instance's config lives, as a hand edit would. */
  async function writeRawConfig(slug: string, text: string): Promise<void> {
    if (sqliteFile) {
      const db = new Database(sqliteFile);
      db.prepare('INSERT OR REPLACE INTO configs (slug, json) VALUES (?, ?)').run(slug, text);
      db.close();
      return;
    }
    const client = new Redis(backend.redis!.url);
    await client.set(instanceKeys(slug).config, text);
    client.disconnect(false);
  }

  async function damageBooking(slug: string, dateKey: string, timeKey: string): Promise<void> {
    if (!sqliteFile) return damageRedisBooking(backend.redis!.url, slug, dateKey, timeKey);
    const db = new Database(sqliteFile);
    db.prepare("INSERT INTO bookings (slug, date_key, time_key, user, duration) VALUES (?, ?, ?, '', 1)").run(
      slug,
      dateKey,
      timeKey,
    );
    db.close();
  }

  it('serves the default roster for a config that is not JSON, keeps writing, and reports it once', async () => {
    const slug = uniqueSlug('badconfig');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await writeRawConfig(slug, '{"slug":"x","title":"Lab","users":[{"name":"Ann","key":"a"},],}');
    const api = await start(slug);

    const config = await api.send('GET', '/api/config');
    expect(config.status).toBe(200);
    expect(((await config.json()) as { users: unknown[] }).users).toHaveLength(6);
    const created = await api.send('POST', '/api/bookings', {
      dateKey: '2031-03-03',
      timeKey: '09:00',
      user: 'Jack',
      duration: 1,
    });
    expect(created.status).toBe(201);
    const health = await api.send('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      ok: true,
      problems: [`instance config for ${slug} is not valid JSON`],
    });
    await api.send('GET', '/api/config');
    const lines = warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes(slug));
    expect(lines).toEqual([`Stored data: instance config for ${slug} is not valid JSON`]);

    await backend.store.instances.setConfig(slug, {
      slug,
      title: 'Lab',
      users: ROSTER,
      createdAt: '2031-01-01T00:00:00Z',
    });
    expect(await (await api.send('GET', '/api/health')).json()).toMatchObject({ ok: true, problems: [] });
  });

  it('leaves a booking entry that does not parse out of reads and reports it, never overwriting it', async () => {
    const slug = uniqueSlug('badentry');
    const api = await start(slug);
    await api.send('POST', '/api/bookings', { dateKey: '2031-03-03', timeKey: '12:00', user: 'Jack', duration: 1 });
    await damageBooking(slug, '2031-03-03', '09:00');

    const full = await api.send('GET', '/api/bookings');
    expect(full.status).toBe(200);
    expect(await full.json()).toEqual({ '2031-03-03': { '12:00': { user: 'Jack', duration: 1 } } });
    const week = await api.send('GET', '/api/bookings?from=2031-03-02&to=2031-03-08');
    expect(week.status).toBe(200);
    const over = await api.send('POST', '/api/bookings', {
      dateKey: '2031-03-03',
      timeKey: '09:00',
      user: 'Rue',
      duration: 1,
    });
    expect(over.status).toBe(409);
    expect(await (await api.send('GET', '/api/health')).json()).toMatchObject({
      problems: [expect.stringContaining(`booking 2031-03-03 09:00 of ${slug} is left out`)],
    });
  });

  it('answers a write over budget with 429 and changes nothing; every answer says what is left', async () => {
    const slug = uniqueSlug('budget');
    const api = await start(slug, { rateLimit: { writeMax: 3, readMax: 100, windowMs: 60_000 } });
    const booking = { dateKey: '2031-03-03', timeKey: '09:00', user: 'Jack', duration: 1 };
    const answers = [
      await api.send('POST', '/api/bookings', booking),
      await api.send('POST', '/api/bookings', booking),
      await api.send('DELETE', '/api/bookings/update', { dateKey: '2031-03-03', timeKey: '10:00' }),
      await api.send('POST', '/api/bookings', { ...booking, timeKey: '11:00' }),
      await api.send('DELETE', '/api/bookings/update', { dateKey: '2031-03-03', timeKey: '09:00' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 409, 404, 429, 429]);
    expect(answers.map((answer) => answer.headers.get('X-RateLimit-Remaining'))).toEqual(['2', '1', '0', '0', '0']);
    expect(await (await api.send('GET', '/api/bookings')).json()).toEqual({
      '2031-03-03': { '09:00': { user: 'Jack', duration: 1 } },
    });
  });

  it('counts writes that fail validation, so they cannot dodge the budget', async () => {
    const slug = uniqueSlug('invalid');
    const api = await start(slug, { rateLimit: { writeMax: 2, readMax: 100, windowMs: 60_000 } });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await api.send('POST', '/api/bookings', { dateKey: 'nope' })).status);
    }
    expect(statuses).toEqual([400, 400, 429]);
  });

  it('follows a config changed elsewhere: the next write is validated against the new roster', async () => {
    const slug = uniqueSlug('roster');
    const api = await start(slug);
    const booking = { dateKey: '2031-03-03', timeKey: '09:00', user: 'Jack', duration: 1 };
    expect((await api.send('POST', '/api/bookings', booking)).status).toBe(201);
    // Another process (the CLI) replaces the roster: Jack is gone, Ann is in.
    await backend.store.instances.setConfig(slug, {
      slug,
      title: 'Lab',
      users: ROSTER,
      createdAt: '2031-01-01T00:00:00Z',
    });
    expect((await api.send('POST', '/api/bookings', { ...booking, timeKey: '10:00' })).status).toBe(400);
    expect((await api.send('POST', '/api/bookings', { ...booking, timeKey: '10:00', user: 'Ann' })).status).toBe(201);
  });
});
