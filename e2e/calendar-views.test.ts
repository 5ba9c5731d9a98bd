/**
 * Views and navigation in the web client against the real server: the week view, moving between
 * days and weeks, the Sydney time-zone toggle, and a 375 px phone.
 * Shared setup: support/calendar-suite.ts.
 */
import { describe, expect, it } from 'vitest';
import { waitForAnimations } from './support/axe.js';
import { skipBrowserSuites } from './support/browser.js';
import { expectToSpan, recordWrites, TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { MOBILE, saveScreenshot, waitForCalendar } from './support/page.js';
import {
  bookingBlock,
  bookingPanel,
  dateHeading,
  durationButton,
  personButton,
  slotRow,
  slotRows,
  timezoneToggle,
  todayBadge,
  viewToggle,
  weekGrid,
} from './support/queries.js';

describe.skipIf(skipBrowserSuites)('web client against the server', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite();
  const { open, seed, pollServer } = suite;

  describe('views and navigation', () => {
    it('shows the Monday–Sunday week with blocks and tooltips, and opens a day from its header', async () => {
      await seed({
        [TODAY]: { '12:00': { user: 'Jack', duration: 2 } },
        '2026-11-26': { '09:00': { user: 'Bonnie', duration: 3 } },
      });
      const { page } = await open();

      await page.keyboard.press('w');
      const grid = weekGrid(page);
      await grid.waitFor();
      expect(await viewToggle(page).textContent()).toContain('[W] Day View');
      expect(await viewToggle(page).getAttribute('aria-pressed')).toBe('true');
      for (const day of ['Monday, November 23, 2026', 'Sunday, November 29, 2026']) {
        expect(await page.getByRole('button', { name: day }).count()).toBe(1);
      }
      await bookingBlock(page, 'Bonnie', '9 AM', '12 PM').waitFor();
      await bookingBlock(page, 'Jack', '12 PM', '2 PM').waitFor();
      expect(await page.locator('[title="9:00 AM: Bonnie (3hr)"]').count()).toBe(1);
      await expectToSpan(
        bookingBlock(page, 'Bonnie', '9 AM', '12 PM'),
        page.locator('[title="9:00 AM: Bonnie (3hr)"]'),
        page.locator('[title="11:00 AM: Blocked by Bonnie"]'),
      );
      expect(await page.locator('[title="10:00 AM: Blocked by Bonnie"]').count()).toBe(1);
      expect(await page.locator('[title="9:00 AM: Available"]').count()).toBeGreaterThanOrEqual(4);
      expect(await page.getByRole('button', { name: 'Next week' }).count()).toBe(1);
      await saveScreenshot(page, 'week-view');

      // No row focus in the week view: ↓ and Enter do nothing (PRODUCT.md §9.26).
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await bookingPanel(page).count()).toBe(0);
      expect(await weekGrid(page).isVisible()).toBe(true);

      await page.keyboard.press('ArrowRight');
      await page.getByRole('button', { name: 'Monday, November 30, 2026' }).waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.getByRole('button', { name: 'Thursday, November 26, 2026' }).click();

      await weekGrid(page).waitFor({ state: 'hidden' });
      expect(await dateHeading(page).textContent()).toContain('Thursday, November 26, 2026');
      expect(await todayBadge(page).count()).toBe(0);
      await bookingBlock(page, 'Bonnie', '9 AM', '12 PM').waitFor();
      expect(await slotRows(page, 'Available').count()).toBe(13);
      expect(await viewToggle(page).textContent()).toContain('[W] Week View');
    });

    it('opens the day view with the panel on that hour when an available week row is clicked', async () => {
      const { page } = await open();

      await page.keyboard.press('w');
      await page.keyboard.press('ArrowRight');
      await page.getByRole('button', { name: 'Monday, November 30, 2026' }).waitFor();
      await page.locator('[title="9:00 AM: Available"]').first().click();

      await bookingPanel(page).waitFor();
      expect(await dateHeading(page).textContent()).toContain('Monday, November 30, 2026');
      expect(await bookingPanel(page).textContent()).toContain('9:00 AM');
    });

    it('moves a day with the arrow keys and buttons, jumps to a date and back to today', async () => {
      const { page } = await open();
      const heading = dateHeading(page);

      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => heading.textContent()).toContain('Monday, November 23, 2026');
      expect(await slotRows(page, 'Past').count()).toBe(16);
      expect(await slotRows(page, 'Available').count()).toBe(0);

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => heading.textContent()).toContain('Wednesday, November 25, 2026');
      expect(await slotRows(page, 'Available').count()).toBe(16);

      await page.getByRole('button', { name: 'Previous day' }).click();
      await expect.poll(() => heading.textContent()).toContain('Tuesday, November 24, 2026');
      await page.getByRole('button', { name: 'Next day' }).click();
      await expect.poll(() => heading.textContent()).toContain('Wednesday, November 25, 2026');

      await page.getByLabel('Go to date').fill('2026-12-25');
      await expect.poll(() => heading.textContent()).toContain('Friday, December 25, 2026');
      await page.getByRole('button', { name: 'Go to today' }).click();
      await expect.poll(() => heading.textContent()).toContain('Tuesday, November 24, 2026');
      expect(await todayBadge(page).isVisible()).toBe(true);
    });

    it('shows Sydney daylight time (+1 h) when T is pressed, keeping stored hours and the choice', async () => {
      await seed({ [TODAY]: { '14:00': { user: 'Jack', duration: 1 } } });
      const { page } = await open();
      const writes = recordWrites(page);
      const toggle = timezoneToggle(page);
      expect(await toggle.textContent()).toContain('[T] QLD');
      expect(await bookingBlock(page, 'Jack', '2 PM', '3 PM').textContent()).toContain('Jack (2-3 PM)');

      await page.keyboard.press('t');

      await expect.poll(() => toggle.textContent()).toContain('[T] NSW +1h');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await bookingBlock(page, 'Jack', '3 PM', '4 PM').textContent()).toContain('Jack (3-4 PM)');
      expect(await slotRow(page, '11:00 AM', 'Available').isVisible()).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('cps-timezone-preference'))).toBe('NSW');
      expect(writes).toEqual([]);

      // Stored 21:00 reads 10:00 PM and is still bookable, for one hour only (PRODUCT.md §9.16).
      await slotRow(page, '10:00 PM', 'Available').click();
      const panel = bookingPanel(page);
      expect(await panel.textContent()).toContain('10:00 PM');
      await personButton(panel, 'Joel').click();
      expect(await durationButton(panel, 2).isDisabled()).toBe(true);
      await durationButton(panel, 1).click();
      await pollServer().toMatchObject({ [TODAY]: { '21:00': { user: 'Joel', duration: 1 } } });

      await page.reload();
      await waitForCalendar(page);
      expect(await timezoneToggle(page).textContent()).toContain('[T] NSW +1h');
      await bookingBlock(page, 'Joel', '10 PM', '11 PM').waitFor();
      await page.keyboard.press('t');
      await expect.poll(() => timezoneToggle(page).textContent()).toContain('[T] QLD');
      await bookingBlock(page, 'Joel', '9 PM', '10 PM').waitFor();
    });

    it('fits a 375 px phone: no sideways scroll, full-width panel', async () => {
      await seed({ '2026-11-26': { '09:00': { user: 'Bonnie', duration: 3 } } });
      const { page } = await open({ viewport: MOBILE });
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

      expect(await overflow()).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'mobile-day');
      // ≤600 px hides the view toggle; W still works (PRODUCT.md §8.7).
      expect(await viewToggle(page).isVisible()).toBe(false);

      await slotRow(page, '1:00 PM', 'Available').click();
      const panel = bookingPanel(page);
      await panel.waitFor();
      await waitForAnimations(page); // the 300 ms slide-in
      const box = await panel.boundingBox();
      expect(box?.x).toBeCloseTo(0, 0);
      expect(box?.width).toBeCloseTo(MOBILE.width, 0);
      await saveScreenshot(page, 'mobile-panel', { fullPage: false });
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });

      await page.keyboard.press('w');
      await weekGrid(page).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'mobile-week');
      // Rows are 28 px here; the original's blocks drifted by assuming 30 (PRODUCT.md §10.28).
      const blockOnPhone = bookingBlock(page, 'Bonnie', '9 AM', '12 PM');
      await blockOnPhone.scrollIntoViewIfNeeded();
      await expectToSpan(
        blockOnPhone,
        page.locator('[title="9:00 AM: Bonnie (3hr)"]'),
        page.locator('[title="11:00 AM: Blocked by Bonnie"]'),
      );
    });
  });

  describe('keyboard and edge cases', () => {
    it('shows NSW +0h and unshifted times on a date outside Sydney daylight time', async () => {
      const { page } = await open();
      await page.keyboard.press('t');
      await expect.poll(() => timezoneToggle(page).textContent()).toContain('NSW +1h');

      await page.getByLabel('Go to date').fill('2027-07-01');
      await expect.poll(() => dateHeading(page).textContent()).toContain('Thursday, July 1, 2027');

      // PRODUCT.md §2.7 (offset for the date displayed) and §9.44.
      expect(await slotRow(page, '6:00 AM', 'Available').count()).toBe(1);
      expect(await timezoneToggle(page).textContent()).toContain('NSW +0h');
    });
  });
});
