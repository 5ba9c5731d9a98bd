/**
 * The web client in real Chromium against the real server, first look: today's day view in
 * Brisbane time whatever the device's zone, the strict CSP, the hours that have elapsed (at start-up
 * and as the clock passes the hour), and the stored instance's title and roster.
 * Shared setup: support/calendar-suite.ts.
 */
import { describe, expect, it } from 'vitest';
import { skipBrowserSuites } from './support/browser.js';
import { SLUG, TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { brisbane } from './support/page.js';
import {
  bookNowButton,
  bookingPanel,
  dateHeading,
  personButton,
  slotRow,
  slotRows,
  syncIndicator,
  todayBadge,
  weekGrid,
} from './support/queries.js';

describe.skipIf(skipBrowserSuites)('web client against the server', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite();
  const { open, pollServer } = suite;

  describe('start-up', () => {
    it("renders today's day view in Brisbane time with Book Now and a live sync indicator", async () => {
      const { page } = await open();

      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('CPS Software Booking');
      expect(await dateHeading(page).textContent()).toContain('Tuesday, November 24, 2026');
      expect(await todayBadge(page).isVisible()).toBe(true);
      // 10:20: the 10:00 hour is still bookable (end-of-hour rule); 06:00–09:00 are gone.
      expect(await slotRows(page, 'Available').count()).toBe(12);
      expect(await slotRow(page, '10:00 AM', 'Available').isVisible()).toBe(true);
      expect(await slotRow(page, '9:00 AM', 'Available').count()).toBe(0);
      expect(await bookNowButton(page).textContent()).toContain('[B] Book Now');
      await expect.poll(() => syncIndicator(page).getAttribute('data-sync-state')).toBe('live');
      expect(await syncIndicator(page).getAttribute('role')).toBe('status');
    });

    it('uses Brisbane dates and hours when the device is in another time zone', async () => {
      // Los Angeles is still on Monday 23 Nov, 16:20 at this instant (PRODUCT.md §2.1, §10.16–17).
      const { page } = await open({ timezoneId: 'America/Los_Angeles' });

      expect(await dateHeading(page).textContent()).toContain('Tuesday, November 24, 2026');
      expect(await slotRows(page, 'Available').count()).toBe(12);
      await page.keyboard.press('b');
      expect(await bookingPanel(page).textContent()).toContain('10:00 AM');
    });

    it('runs under the strict CSP with no violation or console error while used', async () => {
      const { page, problems } = await open();

      await page.keyboard.press('b');
      await bookingPanel(page).waitFor();
      await page.keyboard.press('j');
      await page.keyboard.press('Escape');
      await page.keyboard.press('w');
      await weekGrid(page).waitFor();
      await page.keyboard.press('t');
      await page.keyboard.press('w');
      await page.keyboard.press('t');
      await slotRow(page, '10:00 AM', 'Available').waitFor();

      expect(problems.cspViolations).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
    });
  });

  describe('keyboard and edge cases', () => {
    it('drops the elapsed hour at 11:00:00 without any interaction', async () => {
      const { page, context } = await open();
      await slotRow(page, '10:00 AM', 'Available').waitFor();

      suite.server.setNow(brisbane('2026-11-24 11:00'));
      await context.clock.setFixedTime(brisbane('2026-11-24 11:00'));
      // Fires the hourly refresh (and any other due timer) once, as after 40 minutes idle.
      await context.clock.fastForward('40:00');

      await slotRow(page, '10:00 AM', 'Available').waitFor({ state: 'detached' });
      expect(await slotRows(page, 'Available').count()).toBe(11);
      await page.keyboard.press('b');
      expect(await bookingPanel(page).textContent()).toContain('11:00 AM');
    });

    it('shows no rows and no Book Now after 22:00, and every row but no Book Now before 06:00', async () => {
      const late = await open({ now: brisbane('2026-11-24 22:10') });
      expect(await slotRows(late.page, 'Available').count()).toBe(0);
      expect(await bookNowButton(late.page).count()).toBe(0);

      const early = await open({ now: brisbane('2026-11-24 05:30') });
      expect(await slotRows(early.page, 'Available').count()).toBe(16);
      expect(await bookNowButton(early.page).count()).toBe(0);
    });

    it("uses the stored instance's title and roster: hotkeys for the first six only", async () => {
      await suite.server.store.instances.setConfig(SLUG, {
        slug: SLUG,
        title: 'Studio B',
        users: ['Ann:a', 'Ben:e', 'Cat:c', 'Dan:n', 'Eve:v', 'Fay:f', 'Gus:g'].map((entry) => {
          const [name, key] = entry.split(':');
          return { name, key };
        }),
        createdAt: '2026-11-01T00:00:00.000Z',
      });
      try {
        const { page } = await open();
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Studio B');

        await page.keyboard.press('b');
        const panel = bookingPanel(page);
        await panel.waitFor();
        expect(await panel.getByRole('button', { name: 'Gus', exact: true }).count()).toBe(1);
        expect(await personButton(panel, 'Fay').textContent()).toContain('[F]');
        await page.keyboard.press('g');
        expect(await personButton(panel, 'Gus').getAttribute('aria-pressed')).toBe('false');
        await page.keyboard.press('e');
        expect(await personButton(panel, 'Ben').getAttribute('aria-pressed')).toBe('true');
        await page.keyboard.press('1');
        await pollServer().toEqual({ [TODAY]: { '10:00': { user: 'Ben', duration: 1 } } });
      } finally {
        await suite.server.store.instances.setConfig(SLUG, null);
      }
    });
  });
});
