/**
 * The client without its API (issue 4, PRODUCT.md §5.2): the API going away and coming back on
 * the same port with a queued booking, and the `VITE_USE_API=false` build served as plain files.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserSuites } from './support/browser.js';
import { buildClient } from './support/build-client.js';
import { startHourbook, startRestartableHourbook, startStaticOnly } from './support/hourbook-server.js';
import { brisbane, fetchBookings, newCalendarPage, saveScreenshot, waitForCalendar } from './support/page.js';
import {
  bookNowButton,
  bookingBlock,
  bookingPanel,
  durationButton,
  personButton,
  slotRow,
  syncIndicator,
} from './support/queries.js';

const NOW = brisbane('2026-11-24 10:20');
const TODAY = '2026-11-24';
/** One poll interval (PRODUCT.md §6.3) plus the time a poll and a render take on a slow machine. */
const SYNC_WAIT_MS = 7000 + 1500;

let browser: Browser;

/** Books through the panel with the mouse: row, person, duration. */
async function bookByClicking(page: Page, time: string, person: string, hours: number): Promise<void> {
  await slotRow(page, time, 'Available').click();
  await personButton(bookingPanel(page), person).click();
  await durationButton(bookingPanel(page), hours).click();
  await bookingPanel(page).waitFor({ state: 'hidden' });
}

describe.skipIf(skipBrowserSuites)('web client without its API', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('queues bookings while the API is down and replays them when it is back on the same port', async () => {
    const server = await startRestartableHourbook({ clientDir: await buildClient('api'), now: NOW });
    const { context, page } = await newCalendarPage(browser, { now: NOW });
    const storedValues = () => page.evaluate(() => Object.values({ ...localStorage }));
    try {
      await page.goto(server.url);
      await waitForCalendar(page);
      await expect.poll(() => syncIndicator(page).getAttribute('data-sync-state')).toBe('live');

      // The change stream breaks with the server: Offline within 2 s, not after the next poll (issue 8).
      const stoppedAt = Date.now();
      await server.stop();
      await expect
        .poll(() => syncIndicator(page).getAttribute('data-sync-state'), { timeout: 2000, interval: 50 })
        .toBe('offline');
      console.log(`[e2e] dead server shown Offline after ${Date.now() - stoppedAt} ms`);
      expect(await syncIndicator(page).textContent()).toContain('Offline');

      await bookByClicking(page, '3:00 PM', 'Joel', 2);
      await bookingBlock(page, 'Joel', '3 PM', '5 PM').waitFor();
      await bookByClicking(page, '6:00 PM', 'Rue', 1);
      await bookingBlock(page, 'Rue', '6 PM', '7 PM').waitFor();
      console.log(`[e2e] offline indicator: "${await syncIndicator(page).textContent()}"`);
      await saveScreenshot(page, 'offline-queued');
      // Queued durably under its own key; API mode never touches the demo key (PRODUCT.md §5.2).
      expect(await page.evaluate(() => localStorage.getItem('cps-bookings'))).toBeNull();
      expect((await storedValues()).some((value) => value.includes('Joel') && value.includes('15:00'))).toBe(true);
      // Meanwhile someone else took 18:00 (written straight to the store: the API is down).
      await server.store.bookings.replace('cps-software', { [TODAY]: { '18:00': { user: 'Bonnie', duration: 1 } } });

      await server.restart();
      await expect
        .poll(() => fetchBookings(server.url), { timeout: 2 * SYNC_WAIT_MS, interval: 250 })
        .toEqual({ [TODAY]: { '15:00': { user: 'Joel', duration: 2 }, '18:00': { user: 'Bonnie', duration: 1 } } });
      await expect
        .poll(() => syncIndicator(page).getAttribute('data-sync-state'), { timeout: SYNC_WAIT_MS, interval: 200 })
        .toBe('live');
      // The change that lost is reported, not dropped silently, and the winner is shown.
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 5000 });
      console.log(`[e2e] replay conflict message: "${await alert.textContent()}"`);
      expect(await alert.textContent()).toContain('Bonnie');
      await bookingBlock(page, 'Bonnie', '6 PM', '7 PM').waitFor();
      expect(await bookingBlock(page, 'Rue', '6 PM', '7 PM').count()).toBe(0);
      expect(await bookingBlock(page, 'Joel', '3 PM', '5 PM').isVisible()).toBe(true);
      expect(await syncIndicator(page).textContent()).not.toContain('queued');
      // The queue is empty (the last known bookings, issue 9 §13, may name Joel: he is booked now).
      expect(await page.evaluate(() => localStorage.getItem('hourbook-offline-queue'))).toBeNull();
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('keeps a queued booking across a reload while the API is unreachable and replays it later', async () => {
    const server = await startHourbook({ clientDir: await buildClient('api'), now: NOW });
    const { context, page } = await newCalendarPage(browser, { now: NOW });
    try {
      await page.goto(server.url);
      await waitForCalendar(page);
      // The page itself stays reachable; only its API calls fail, as behind a broken proxy (the
      // open change stream survives the route: the failed write is what finds the API gone).
      await context.route('**/api/**', (route) => route.abort('connectionrefused'));
      await bookByClicking(page, '12:00 PM', 'Giuliano', 1);
      await expect
        .poll(() => syncIndicator(page).getAttribute('data-sync-state'), { timeout: SYNC_WAIT_MS, interval: 200 })
        .toBe('offline');

      await page.reload();
      await waitForCalendar(page);
      await expect
        .poll(() => syncIndicator(page).textContent(), { timeout: SYNC_WAIT_MS, interval: 200 })
        .toContain('1 queued');
      expect(await fetchBookings(server.url)).toEqual({});

      await context.unroute('**/api/**');
      await expect
        .poll(() => fetchBookings(server.url), { timeout: 2 * SYNC_WAIT_MS, interval: 250 })
        .toEqual({ [TODAY]: { '12:00': { user: 'Giuliano', duration: 1 } } });
      await bookingBlock(page, 'Giuliano', '12 PM', '1 PM').waitFor({ timeout: SYNC_WAIT_MS });
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('books and keeps bookings in localStorage with the demo build and no API at all', async () => {
    const site = await startStaticOnly(await buildClient('demo'));
    const { context, page, problems } = await newCalendarPage(browser, { now: NOW });
    const apiRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api')) apiRequests.push(request.url());
    });
    try {
      await page.goto(site.url);
      await waitForCalendar(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('CPS Software Booking');

      await page.keyboard.press('b');
      await bookingPanel(page).waitFor();
      await page.keyboard.press('j');
      await page.keyboard.press('1');
      await bookingBlock(page, 'Jack', '10 AM', '11 AM').waitFor();

      const stored = await page.evaluate(() => localStorage.getItem('cps-bookings'));
      expect(JSON.parse(stored ?? 'null')).toEqual({ [TODAY]: { '10:00': { user: 'Jack', duration: 1 } } });
      await page.reload();
      await waitForCalendar(page);
      await bookingBlock(page, 'Jack', '10 AM', '11 AM').waitFor();
      expect(await bookNowButton(page).count()).toBe(0);
      expect(apiRequests).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await context.close();
      await site.close();
    }
  });
});
