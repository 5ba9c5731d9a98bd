/**
 * Live updates in real Chromium (issue 8 §3): two production server processes on one real Redis
 * (started for this file); the tab follows server B's change stream while bookings are made
 * through server A, so a change reaches it only through Redis. A cut stream falls back to
 * polling and comes back with nothing missed; a stream refused over the per-address cap (429)
 * polls and returns to the stream later; a dead server shows Offline within 2 s.
 * The servers run on the real clock, so the tab's fixed clock is a week ahead, where every hour
 * of the day can still be booked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/storage/redis/redis.store.js';
import type { Store } from '../src/storage/store.js';
import { shouldSkipRedis, startTestRedis } from '../test/support/redis-server.js';
import type { TestRedis } from '../test/support/redis-server.js';
import { openEventStream } from '../test/support/sse-client.js';
import type { SseStream } from '../test/support/sse-client.js';
import { launchChromium, skipBrowserSuites } from './support/browser.js';
import { SLUG } from './support/calendar-suite.js';
import { startHourbookProcessPair } from './support/hourbook-server.js';
import type { HourbookProcessPair } from './support/hourbook-server.js';
import { brisbane, newCalendarPage, setHidden, waitForCalendar } from './support/page.js';
import type { OpenCalendar } from './support/page.js';
import { bookingBlock, syncIndicator } from './support/queries.js';

const DAY = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Australia/Brisbane' });
const NOW = brisbane(`${DAY} 10:20`);
/** Streams B allows one address (the browser and this file share 127.0.0.1). */
const STREAM_CAP = 3;

let browser: Browser;
let redis: TestRedis;
let store: Store;
let pair: HourbookProcessPair;
let opened: OpenCalendar | undefined;

/** Books through server A's API, as another person's browser would. */
async function bookThroughA(timeKey: string, user: string): Promise<void> {
  const response = await fetch(`${pair.a.url}/api/bookings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ dateKey: DAY, timeKey, user, duration: 1 }),
  });
  expect(response.status).toBe(201);
}

const stateOf = (page: Page) => syncIndicator(page).getAttribute('data-sync-state');

/** A tab on server B, its first load done; `watch` sees the page before it navigates. */
async function openOnB(watch?: (page: Page) => void): Promise<OpenCalendar> {
  opened = await newCalendarPage(browser, { now: NOW });
  watch?.(opened.page);
  await opened.page.goto(pair.b.url);
  await waitForCalendar(opened.page);
  return opened;
}

/** Holds `count` streams of B open from this process (waiting for places a closed tab frees). */
async function holdStreams(count: number): Promise<SseStream[]> {
  const held: SseStream[] = [];
  const deadline = Date.now() + 3000;
  while (held.length < count && Date.now() < deadline) {
    const stream = await openEventStream(`${pair.b.url}/api/events`);
    if (stream.status === 200) held.push(stream);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(held).toHaveLength(count);
  return held;
}

describe.skipIf(skipBrowserSuites || shouldSkipRedis())(
  'live updates across two server processes on one Redis',
  { timeout: 60_000 },
  () => {
    beforeAll(async () => {
      browser = await launchChromium();
      redis = await startTestRedis();
      store = await createRedisStore({ url: redis.url, connectTimeoutMs: 2000, commandTimeoutMs: 2000 });
      pair = await startHourbookProcessPair({
        redisUrl: redis.url,
        slug: SLUG,
        env: { EVENTS_MAX_PER_CLIENT: String(STREAM_CAP) },
      });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await pair?.close();
      await store?.close();
      await redis?.close();
    });
    beforeEach(async () => {
      await opened?.context.close();
      opened = undefined;
      await store.bookings.replace(SLUG, {});
    });

    it('shows a booking made through server A in a tab on server B within about a second, without a refetch', async () => {
      const { page } = await openOnB();
      await expect.poll(() => stateOf(page), { timeout: 3000, interval: 50 }).toBe('live');
      const refetches: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/bookings')
          refetches.push(request.url());
      });
      expect(await syncIndicator(page).textContent()).toBe('Live');

      const before = Date.now();
      await bookThroughA('15:00', 'Rue');
      const stored = Date.now();
      await bookingBlock(page, 'Rue', '3 PM', '4 PM').waitFor({ timeout: 1500 });
      console.log(
        `[e2e] server A → Redis → tab on server B: ${Date.now() - stored} ms after the 201 (POST took ${stored - before} ms)`,
      );
      expect(refetches).toEqual([]);
    });

    it('falls back to polling when the stream is cut and returns to it with nothing missed', async () => {
      const { page, context } = await openOnB();
      await expect.poll(() => stateOf(page), { timeout: 3000, interval: 50 }).toBe('live');
      const failedStreams: string[] = [];
      page.on('requestfailed', (request) => {
        if (new URL(request.url()).pathname === '/api/events') failedStreams.push(request.url());
      });
      // The stream cannot get through (as behind a proxy that drops it); the rest of the API can.
      await context.route('**/api/events*', (route) => route.abort('connectionreset'));
      pair.b.dropEventStreams();
      await expect.poll(() => stateOf(page), { timeout: 2000, interval: 50 }).toBe('polling');
      // The browser's own reconnects fail too; after them the client stops trying for a while.
      await expect.poll(() => failedStreams.length, { timeout: 8000, interval: 100 }).toBeGreaterThanOrEqual(2);
      await bookThroughA('12:00', 'Joel');
      await bookingBlock(page, 'Joel', '12 PM', '1 PM').waitFor({ timeout: 8500 }); // by a poll

      // Hidden, the tab does not poll: what is booked now can only come back through the stream.
      await setHidden(page, true);
      await bookThroughA('16:00', 'Bonnie');
      await page.waitForTimeout(500);
      expect(await bookingBlock(page, 'Bonnie', '4 PM', '5 PM').count()).toBe(0);
      await context.unroute('**/api/events*');
      await bookingBlock(page, 'Bonnie', '4 PM', '5 PM').waitFor({ timeout: 12_000 });
      expect(await stateOf(page)).toBe('live');
      expect(await bookingBlock(page, 'Joel', '12 PM', '1 PM').count()).toBe(1);
    });

    it('polls while its stream is refused over the per-address cap (429), then returns to the stream', async () => {
      const held = await holdStreams(STREAM_CAP);
      const refusals: number[] = [];
      const { page } = await openOnB((tab) =>
        tab.on('response', (response) => {
          if (new URL(response.url()).pathname === '/api/events') refusals.push(response.status());
        }),
      );
      await expect.poll(() => stateOf(page), { timeout: 3000, interval: 50 }).toBe('polling');
      expect(refusals).toEqual([429]);

      await bookThroughA('17:00', 'Jack');
      for (const stream of held) stream.close();
      // The client tries the stream again 5 s after the refusal and catches up with what it missed.
      await expect.poll(() => stateOf(page), { timeout: 8000, interval: 100 }).toBe('live');
      await bookingBlock(page, 'Jack', '5 PM', '6 PM').waitFor({ timeout: 1000 });
      expect(refusals.at(-1)).toBe(200);
    });

    // Last: server B does not come back.
    it('shows Offline within 2 s when server B dies', async () => {
      const { page } = await openOnB();
      await expect.poll(() => stateOf(page), { timeout: 3000, interval: 50 }).toBe('live');
      const killedAt = Date.now();
      await pair.b.stop('SIGKILL');
      await expect.poll(() => stateOf(page), { timeout: 2000, interval: 50 }).toBe('offline');
      console.log(`[e2e] dead server process shown Offline after ${Date.now() - killedAt} ms`);
    });
  },
);
