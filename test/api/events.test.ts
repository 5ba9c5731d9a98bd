/**
 * The change stream `GET /api/events` and `GET /api/bookings?since=` (issue 8 §1, §4, §5) over
 * real HTTP on a real SQLite file of each test's own: SSE clients read the stream as a browser
 * would, and every change goes through the API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_LOG_LIMIT } from '../../src/storage/store.js';
import type { Store } from '../../src/storage/store.js';
import { readFileSync } from 'node:fs';
import { bootWithStore, listenOnLoopback, startApiServer } from '../support/api-server.js';
import type { ApiServerOptions, RunningApi } from '../support/api-server.js';
import { slot } from '../support/factories.js';
import { dataOf, openEventStream, readEventStream } from '../support/sse-client.js';
import type { SseStream } from '../support/sse-client.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const NOW = Date.parse('2026-02-14T00:30:00Z');
const LATER = '2026-02-20';
const SLUG = 'cps-software';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<ApiServerOptions> = {}): Promise<{ api: RunningApi; store: Store }> {
  const temp = createTempSqliteStore();
  cleanups.push(temp.cleanup);
  const api = await startApiServer({ store: temp.store, clock: () => NOW, ...options });
  cleanups.push(api.close);
  return { api, store: temp.store };
}

async function open(api: RunningApi, headers: Record<string, string> = {}, query = ''): Promise<SseStream> {
  const stream = await openEventStream(`${api.url}/api/events${query}`, headers);
  cleanups.push(() => stream.close());
  return stream;
}

function send(api: RunningApi, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const book = (api: RunningApi, timeKey: string, user = 'Jack', duration = 1) =>
  send(api, 'POST', '/api/bookings', { dateKey: LATER, timeKey, user, duration });

async function revisionOf(api: RunningApi): Promise<string> {
  const response = await fetch(`${api.url}/api/bookings`);
  return response.headers.get('ETag')!.replace(/"/g, '');
}

describe('GET /api/events', () => {
  it('opens with retry and hello at the current revision, as an SSE answer with the usual headers', async () => {
    const { api } = await start({ allowedOrigins: ['http://localhost:5173'] });
    expect((await book(api, '09:00')).status).toBe(201);
    const revision = await revisionOf(api);

    const sut = await open(api, { Origin: 'http://localhost:5173' });

    expect(sut.status).toBe(200);
    expect(sut.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    expect(sut.headers.get('Cache-Control')).toBe('no-cache');
    expect(sut.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(sut.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    // Two reads of 100,000: the revision asked above, and opening the stream.
    expect(sut.headers.get('X-RateLimit-Remaining')).toBe('99998');
    const [first, hello] = await sut.waitForEvents(2);
    expect(first).toEqual({ retry: '2000' });
    expect(hello).toEqual({ event: 'hello', id: revision, data: JSON.stringify({ revision }) });
  });

  it('sends every create, update and delete once, in order, with its revision and payload, to every stream', async () => {
    const { api } = await start();
    const streams = [await open(api), await open(api)];
    await Promise.all(streams.map((stream) => stream.waitForEvents(2)));

    expect((await book(api, '09:00', 'Jack', 2)).status).toBe(201);
    const afterCreate = await revisionOf(api);
    const update = { dateKey: LATER, timeKey: '09:00', updates: { user: 'Bonnie' } };
    expect((await send(api, 'PUT', '/api/bookings/update', update)).status).toBe(200);
    const afterUpdate = await revisionOf(api);
    expect((await send(api, 'DELETE', '/api/bookings/update', { dateKey: LATER, timeKey: '09:00' })).status).toBe(200);
    const afterDelete = await revisionOf(api);

    for (const sut of streams) {
      const events = (await sut.waitForEvents(5)).slice(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sut.events).toHaveLength(5);
      expect(events.map((event) => [event.event, event.id, dataOf(event)])).toEqual([
        [
          'change',
          afterCreate,
          { revision: afterCreate, dateKey: LATER, timeKey: '09:00', booking: { user: 'Jack', duration: 2 } },
        ],
        [
          'change',
          afterUpdate,
          { revision: afterUpdate, dateKey: LATER, timeKey: '09:00', booking: { user: 'Bonnie', duration: 2 } },
        ],
        ['change', afterDelete, { revision: afterDelete, dateKey: LATER, timeKey: '09:00', booking: null }],
      ]);
    }
  });

  it('replays what a reconnecting client missed, in order, then hello; the Last-Event-ID header wins over the query', async () => {
    const { api } = await start();
    expect((await book(api, '09:00')).status).toBe(201);
    const seen = await revisionOf(api);
    expect((await book(api, '11:00')).status).toBe(201);
    expect((await book(api, '13:00')).status).toBe(201);
    const current = await revisionOf(api);

    const sut = await open(api, { 'Last-Event-ID': seen }, '?lastEventId=other-1');

    const events = (await sut.waitForEvents(4)).slice(1);
    expect(events.map((event) => [event.event, (dataOf(event) as { timeKey?: string }).timeKey])).toEqual([
      ['change', '11:00'],
      ['change', '13:00'],
      ['hello', undefined],
    ]);
    expect(events[1]!.id).toBe(current);
    expect(events[2]!.id).toBe(current);
    const byQuery = await open(api, {}, `?lastEventId=${encodeURIComponent(seen)}`);
    expect((await byQuery.waitForEvents(4))[1]).toMatchObject({ event: 'change' });
  });

  it('sends resync for a revision of another epoch, or one the bounded log no longer holds', async () => {
    const { api, store } = await start();
    expect((await book(api, '09:00')).status).toBe(201);
    const old = await revisionOf(api);
    const other = await open(api, { 'Last-Event-ID': 'zzzz-1' });
    expect((await other.waitForEvents(3))[1]).toMatchObject({ event: 'resync', id: old });

    // Book and unbook one slot straight in the store until the log has dropped `old`.
    for (let index = 0; index < CHANGE_LOG_LIMIT / 2 + 1; index += 1) {
      await store.bookings.create(SLUG, slot(LATER, '20:00'), { user: 'Jack', duration: 1 }, { closeHour: 22 });
      await store.bookings.delete(SLUG, slot(LATER, '20:00'));
    }
    const current = await revisionOf(api);
    const sut = await open(api, { 'Last-Event-ID': old });

    const events = (await sut.waitForEvents(3)).slice(1);
    expect(events.map((event) => [event.event, event.id, dataOf(event)])).toEqual([
      ['resync', current, { revision: current }],
      ['hello', current, { revision: current }],
    ]);
  });

  it('sends resync to every stream when all bookings are replaced (an import)', async () => {
    const { api, store } = await start();
    const streams = [await open(api), await open(api)];
    await Promise.all(streams.map((stream) => stream.waitForEvents(2)));
    await store.bookings.replace(SLUG, {});
    const current = await revisionOf(api);
    for (const sut of streams) expect((await sut.waitForEvents(3))[2]).toMatchObject({ event: 'resync', id: current });
  });

  it('keeps an idle stream alive with heartbeat comments', async () => {
    const { api } = await start({ env: { EVENTS_HEARTBEAT_S: '0.05' } });
    const sut = await open(api);
    await sut.waitForEvents(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(sut.comments.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sut.comments)).toEqual(new Set(['heartbeat']));
  });

  it('caps open streams per client address with a 429 in JSON, and frees a place when one closes', async () => {
    const { api } = await start({ env: { EVENTS_MAX_PER_CLIENT: '2' } });
    const first = await open(api);
    await open(api);

    const sut = await open(api);

    expect(sut.status).toBe(429);
    expect(sut.json).toEqual({ error: 'Too many open event streams (at most 2 per client)' });
    first.close();
    await expect
      .poll(async () => {
        const again = await open(api);
        again.close();
        return again.status;
      })
      .toBe(200);
  });

  it('ends the stream with bye after EVENTS_MAX_S, so the client reconnects with Last-Event-ID', async () => {
    const { api } = await start({ env: { EVENTS_MAX_S: '0.2' } });
    const revision = await revisionOf(api);
    const sut = await open(api);
    await sut.ended;
    expect(sut.events.at(-1)).toEqual({ event: 'bye', id: revision, data: JSON.stringify({ revision }) });
  });

  it('answers 404 in JSON with LIVE_UPDATES=off', async () => {
    const { api } = await start({ env: { LIVE_UPDATES: 'off' } });
    const sut = await open(api);
    expect(sut.status).toBe(404);
    expect(sut.json).toEqual({ error: 'Live updates are off' });
  });

  it('ends streams on Vercel after 280 s by default, before the function maxDuration in vercel.json', async () => {
    const temp = createTempSqliteStore();
    cleanups.push(temp.cleanup);
    const onVercel = await bootWithStore({ store: temp.store, platform: 'vercel' });
    const onNode = await bootWithStore({ store: temp.store, platform: 'node' });
    const vercel = JSON.parse(readFileSync(new URL('../../vercel.json', import.meta.url), 'utf8'));

    expect(onVercel.settings.EVENTS_MAX_S).toBe(280);
    expect(onNode.settings.EVENTS_MAX_S).toBe(0);
    expect(vercel.functions['api/events.ts'].maxDuration).toBe(300);
  });

  it('counts opening a stream as one read, answering 429 over the read budget', async () => {
    const { api } = await start({ rateLimit: { writeMax: 10, readMax: 1, windowMs: 60_000 } });
    const first = await open(api);
    expect(first.headers.get('X-RateLimit-Remaining')).toBe('0');

    const sut = await open(api);

    expect(sut.status).toBe(429);
    expect(sut.json).toEqual({ error: 'Too many requests. Please try again later.' });
  });

  it('answers the same headers and events in-process (a Fetch stream, as on Vercel) as on Node, where it writes the response itself', async () => {
    const temp = createTempSqliteStore();
    cleanups.push(temp.cleanup);
    const { app } = await bootWithStore({
      store: temp.store,
      clock: () => NOW,
      allowedOrigins: ['http://localhost:5173'],
    });
    const listener = await listenOnLoopback(app.fetch);
    cleanups.push(listener.close);
    const api = { url: listener.url, close: listener.close };
    const asked = { Origin: 'http://localhost:5173', 'Last-Event-ID': 'elsewhere-1' };
    const overNode = await open(api, asked);
    const inProcess = await readEventStream(await app.request('/api/events', { headers: asked }));
    cleanups.push(inProcess.close);
    await Promise.all([overNode.waitForEvents(3), inProcess.waitForEvents(3)]);

    expect((await book(api, '11:00')).status).toBe(201);

    const [events] = await Promise.all([overNode.waitForEvents(4), inProcess.waitForEvents(4)]);
    expect(events.map((event) => event.event)).toEqual([undefined, 'resync', 'hello', 'change']);
    expect(inProcess.events).toEqual(overNode.events);
    // Transport headers are Node's own; everything the app sets must be the same on both paths.
    const appHeaders = (headers: Headers) =>
      Object.fromEntries(
        [...headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)),
      );
    const [node, fetched] = [appHeaders(overNode.headers), appHeaders(inProcess.headers)];
    expect(node['x-ratelimit-remaining']).toMatch(/^\d+$/);
    expect({ ...fetched, 'x-ratelimit-remaining': '' }).toEqual({ ...node, 'x-ratelimit-remaining': '' });
    expect(node).toMatchObject({
      'content-type': 'text/event-stream',
      'access-control-allow-origin': 'http://localhost:5173',
      'content-security-policy': "default-src 'self'",
      vary: 'Origin',
    });
  });

  it('answers HEAD with the stream headers and no stream held open', async () => {
    const { api } = await start({ env: { EVENTS_MAX_PER_CLIENT: '1' } });
    const sut = await fetch(`${api.url}/api/events`, { method: 'HEAD' });
    expect(sut.status).toBe(200);
    expect(sut.headers.get('Content-Type')).toBe('text/event-stream');
    expect((await open(api)).status).toBe(200);
  });
});

describe('GET /api/bookings?since=', () => {
  it('returns the changes since a revision while the log holds them, with the revision as ETag', async () => {
    const { api } = await start();
    expect((await book(api, '09:00')).status).toBe(201);
    const since = await revisionOf(api);
    expect((await book(api, '11:00', 'Rue', 2)).status).toBe(201);
    const current = await revisionOf(api);

    const sut = await fetch(`${api.url}/api/bookings?since=${since}`);

    expect(sut.status).toBe(200);
    expect(sut.headers.get('ETag')).toBe(`"${current}"`);
    expect(await sut.json()).toEqual({
      since,
      revision: current,
      changes: [{ revision: current, dateKey: LATER, timeKey: '11:00', booking: { user: 'Rue', duration: 2 } }],
    });
  });

  it('returns the full state, flagged, when the log cannot tell', async () => {
    const { api } = await start();
    expect((await book(api, '09:00')).status).toBe(201);
    const current = await revisionOf(api);

    const sut = await fetch(`${api.url}/api/bookings?since=gone-3`);

    expect(await sut.json()).toEqual({
      full: true,
      revision: current,
      bookings: { [LATER]: { '09:00': { user: 'Jack', duration: 1 } } },
    });
  });

  it('refuses since combined with from or to with a 400', async () => {
    const { api } = await start();
    const sut = await fetch(`${api.url}/api/bookings?since=x-1&from=2026-02-01&to=2026-02-07`);
    expect(sut.status).toBe(400);
    expect(await sut.json()).toMatchObject({ error: 'since cannot be combined with from or to' });
  });
});
