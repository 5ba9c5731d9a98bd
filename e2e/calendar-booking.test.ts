/**
 * Booking in the web client against the real server: the panel and the popup driven by keyboard and
 * by mouse, what is sent to the API, and the keys the panel and popup take or ignore.
 * Shared setup: support/calendar-suite.ts.
 */
import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserSuites } from './support/browser.js';
import { expectToSpan, recordWrites, TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { fetchBookings, saveScreenshot } from './support/page.js';
import {
  bookNowButton,
  bookingBlock,
  bookingBlocksOf,
  bookingPanel,
  bookingPopup,
  dateHeading,
  durationButton,
  personButton,
  slotRow,
  timezoneToggle,
  weekGrid,
} from './support/queries.js';

describe.skipIf(skipBrowserSuites)('web client against the server', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite();
  const { open, seed, pollServer } = suite;

  describe('booking', () => {
    it('creates a 2-hour booking for the current hour when B, j and 2 are pressed', async () => {
      const { page } = await open();
      const writes = recordWrites(page);

      await page.keyboard.press('b');
      const panel = bookingPanel(page);
      await panel.waitFor();
      expect(await panel.textContent()).toContain('10:00 AM');
      expect(await durationButton(panel, 2).isDisabled()).toBe(true);
      await page.keyboard.press('j');
      await expect.poll(() => personButton(panel, 'Jack').getAttribute('aria-pressed')).toBe('true');
      expect(await durationButton(panel, 2).isEnabled()).toBe(true);
      await saveScreenshot(page, 'panel', { fullPage: false });
      await page.keyboard.press('2');

      await panel.waitFor({ state: 'hidden' });
      const block = bookingBlock(page, 'Jack', '10 AM', '12 PM');
      await block.waitFor();
      expect(await block.textContent()).toContain('Jack (10 AM-12 PM)');
      await expectToSpan(block, slotRow(page, '10:00 AM', 'Occupied'), slotRow(page, '11:00 AM', 'Occupied'));
      await pollServer().toEqual({ [TODAY]: { '10:00': { user: 'Jack', duration: 2 } } });
      expect(writes).toEqual(['POST /api/bookings']);
      // Book Now is not rendered once the current hour is taken (PRODUCT.md §6.5).
      expect(await bookNowButton(page).count()).toBe(0);
      await saveScreenshot(page, 'day-view');
    });

    it('books by clicking a row, a person and a duration, then edits, caps, shrinks and deletes it', async () => {
      await seed({ [TODAY]: { '16:00': { user: 'Bonnie', duration: 1 } } });
      const { page } = await open();
      const writes = recordWrites(page);

      await slotRow(page, '2:00 PM', 'Available').click();
      const panel = bookingPanel(page);
      await panel.waitFor();
      expect(await durationButton(panel, 1).isDisabled()).toBe(true);
      await personButton(panel, 'Jack').click();
      expect(await durationButton(panel, 2).isEnabled()).toBe(true);
      // 14:00 + 3 h would cover Bonnie's 16:00.
      expect(await durationButton(panel, 3).isDisabled()).toBe(true);
      await durationButton(panel, 2).click();
      await panel.waitFor({ state: 'hidden' });
      await bookingBlock(page, 'Jack', '2 PM', '4 PM').waitFor();
      await pollServer().toEqual({
        [TODAY]: { '14:00': { user: 'Jack', duration: 2 }, '16:00': { user: 'Bonnie', duration: 1 } },
      });

      await bookingBlock(page, 'Jack', '2 PM', '4 PM').click();
      const popup = bookingPopup(page);
      await popup.waitFor();
      expect(await popup.getAttribute('aria-modal')).toBe('true');
      expect(await popup.textContent()).toContain('2:00 PM - 4:00 PM');
      expect(await personButton(popup, 'Jack').getAttribute('aria-pressed')).toBe('true');
      await saveScreenshot(page, 'popup', { fullPage: false });

      await personButton(popup, 'Giuliano').click();
      await pollServer().toMatchObject({ [TODAY]: { '14:00': { user: 'Giuliano', duration: 2 } } });
      expect(await popup.isVisible()).toBe(true);
      await bookingBlock(page, 'Giuliano', '2 PM', '4 PM').waitFor();

      const writesBeforeExtend = writes.length;
      expect(await durationButton(popup, 3).isDisabled()).toBe(true);
      await page.keyboard.press('3');
      await page.waitForTimeout(300);
      expect(writes.length).toBe(writesBeforeExtend);
      expect((await fetchBookings(suite.server.url))[TODAY]?.['14:00']).toEqual({ user: 'Giuliano', duration: 2 });

      await durationButton(popup, 1).click();
      await pollServer().toMatchObject({ [TODAY]: { '14:00': { user: 'Giuliano', duration: 1 } } });
      await bookingBlock(page, 'Giuliano', '2 PM', '3 PM').waitFor();
      // The freed hour is immediately available again (PRODUCT.md §9.33).
      expect(await durationButton(popup, 2).isEnabled()).toBe(true);

      await page.keyboard.press('d');
      await popup.waitFor({ state: 'hidden' });
      await pollServer().toEqual({ [TODAY]: { '16:00': { user: 'Bonnie', duration: 1 } } });
      expect(await bookingBlocksOf(page, 'Giuliano').count()).toBe(0);
      expect(await slotRow(page, '2:00 PM', 'Available').isVisible()).toBe(true);
      expect(writes).toEqual([
        'POST /api/bookings',
        'PUT /api/bookings/update',
        'PUT /api/bookings/update',
        'DELETE /api/bookings/update',
      ]);
    });

    it('ends with no booking, here and on the server, when one is created and at once deleted', async () => {
      const { page } = await open();
      const isWrite = (method: string) => (response: Response) =>
        response.request().method() === method && new URL(response.url()).pathname.startsWith('/api/bookings');
      const created = page.waitForResponse(isWrite('POST'));
      const deleted = page.waitForResponse(isWrite('DELETE'));

      await page.keyboard.press('b');
      await page.keyboard.press('r');
      await page.keyboard.press('1');
      // No waiting for the POST: open the new block and delete it straight away (PRODUCT.md §9.21).
      await bookingBlock(page, 'Rue', '10 AM', '11 AM').click();
      await bookingPopup(page).waitFor();
      await page.keyboard.press('d');

      await bookingPopup(page).waitFor({ state: 'hidden' });
      expect((await created).status()).toBe(201);
      expect((await deleted).status()).toBe(200);
      expect(await fetchBookings(suite.server.url)).toEqual({});
      await page.waitForTimeout(500);
      expect(await bookingBlocksOf(page, 'Rue').count()).toBe(0);
      expect(await bookNowButton(page).count()).toBe(1);
    });

    it('closes the panel with Esc and sends nothing when a person was chosen', async () => {
      const { page } = await open();
      const writes = recordWrites(page);

      await slotRow(page, '11:00 AM', 'Available').click();
      await personButton(bookingPanel(page), 'Rue').click();
      await page.keyboard.press('Escape');

      await bookingPanel(page).waitFor({ state: 'hidden' });
      expect(writes).toEqual([]);
      expect(await fetchBookings(suite.server.url)).toEqual({});
    });
  });

  describe('keyboard and edge cases', () => {
    it('moves the keyboard focus over available rows only and opens the panel on Enter', async () => {
      // 14:00 booked for 3 hours: from 13:00, ↓ skips 14:00–16:00 (PRODUCT.md §9.25).
      await seed({ [TODAY]: { '14:00': { user: 'John', duration: 3 } } });
      const { page } = await open();

      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      // ↑ without focus lands on the last row (21:00); ↓ then wraps to the first (10:00).
      expect(await bookingPanel(page).textContent()).toContain('10:00 AM');
      await page.keyboard.press('Escape');
      await bookingPanel(page).waitFor({ state: 'hidden' });

      for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await bookingPanel(page).textContent()).toContain('1:00 PM');
      await page.keyboard.press('Escape');
      for (let step = 0; step < 5; step += 1) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await bookingPanel(page).textContent()).toContain('5:00 PM');
    });

    it('traps the keys in the popup: W, T and arrows do nothing, Ctrl+D does not delete, Enter closes', async () => {
      await seed({ [TODAY]: { '15:00': { user: 'Rue', duration: 1 } } });
      const { page } = await open();
      const writes = recordWrites(page);

      await bookingBlock(page, 'Rue', '3 PM', '4 PM').click();
      const popup = bookingPopup(page);
      await popup.waitFor();
      // Not B: in the popup it is Bonnie's person key (PRODUCT.md §7), so it would reassign.
      for (const key of ['w', 't', 'ArrowRight', 'ArrowDown', 'Control+d']) await page.keyboard.press(key);

      expect(await popup.isVisible()).toBe(true);
      expect(await weekGrid(page).count()).toBe(0);
      expect(await timezoneToggle(page).textContent()).toContain('QLD');
      expect(await dateHeading(page).textContent()).toContain('Tuesday, November 24, 2026');
      // Re-choosing the current person or duration sends nothing (PRODUCT.md §9.47).
      await personButton(popup, 'Rue').click();
      await durationButton(popup, 1).click();
      // Tab stays inside the modal.
      for (let step = 0; step < 12; step += 1) {
        await page.keyboard.press('Tab');
        expect(await popup.evaluate((element) => element.contains(document.activeElement))).toBe(true);
      }
      expect(writes).toEqual([]);
      await page.keyboard.press('Enter');
      await popup.waitFor({ state: 'hidden' });
      expect(await fetchBookings(suite.server.url)).toEqual({ [TODAY]: { '15:00': { user: 'Rue', duration: 1 } } });
    });

    it('ignores shortcuts while typing in the date field', async () => {
      const { page } = await open();

      await page.getByLabel('Go to date').focus();
      await page.keyboard.press('w');
      await page.keyboard.press('b');

      expect(await weekGrid(page).count()).toBe(0);
      expect(await bookingPanel(page).count()).toBe(0);
    });

    it('hides Book Now while an earlier booking covers the current hour and draws its remainder', async () => {
      // 09:00 × 2 covers 10:00–11:00; at 10:20 only 10–11 AM is left to draw (PRODUCT.md §6.6, §9.38).
      await seed({ [TODAY]: { '09:00': { user: 'Jack', duration: 2 } } });
      const { page } = await open();

      const block = bookingBlock(page, 'Jack', '10 AM', '11 AM');
      await block.waitFor();
      expect(await block.textContent()).toContain('Jack (10-11 AM)');
      expect(await bookNowButton(page).count()).toBe(0);
      expect(await slotRow(page, '10:00 AM', 'Occupied').count()).toBe(1);
      await page.keyboard.press('b');
      expect(await bookingPanel(page).count()).toBe(0);
    });

    it("goes to today's day view with the panel on the current hour when B is pressed in another week", async () => {
      const { page } = await open();

      await page.keyboard.press('w');
      await page.keyboard.press('ArrowRight');
      await page.getByRole('button', { name: 'Monday, November 30, 2026' }).waitFor();
      await page.keyboard.press('b');

      await bookingPanel(page).waitFor();
      expect(await weekGrid(page).count()).toBe(0);
      expect(await dateHeading(page).textContent()).toContain('Tuesday, November 24, 2026');
      expect(await bookingPanel(page).textContent()).toContain('10:00 AM');
    });
  });
});
