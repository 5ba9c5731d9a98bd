/**
 * Undo and moving a booking in the web client against the real server (issue 9 §8–§9): undo puts
 * the server's state back, a move goes through the UI by keyboard and by click, and a refused
 * move rolls back with the server's words. Live updates are off here and the page is made hidden
 * (no polls), so it learns of a booking made behind its back only when it writes: that is how the
 * refusal is staged.
 * Shared setup: support/calendar-suite.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserSuites } from './support/browser.js';
import { recordWrites, TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { saveScreenshot, setHidden } from './support/page.js';
import { bookingBlock, bookingPopup, personButton, slotRow } from './support/queries.js';

const TOMORROW = '2026-11-25';
const jack = { user: 'Jack', duration: 2 };

const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });
const moveBar = (page: Page) => page.getByRole('region', { name: 'Move booking' });

describe.skipIf(skipBrowserSuites)('undo and move in the web client', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite({ env: { LIVE_UPDATES: 'off' } });
  const { open, seed, pollServer } = suite;

  async function openJacksBooking(page: Page, from: string, to: string) {
    await bookingBlock(page, 'Jack', from, to).click();
    await bookingPopup(page).waitFor();
  }
  /** Opens the popup from the keyboard: the undo offer may lie over the block, not over its focus. */
  async function openFocusedBooking(page: Page, from: string, to: string) {
    await bookingBlock(page, 'Jack', from, to).focus();
    await page.keyboard.press('Enter');
    await bookingPopup(page).waitFor();
  }

  it('undoes a delete with the Undo button and a reassignment with Ctrl+Z, on the server', async () => {
    await seed({ [TODAY]: { '14:00': jack } });
    const { page } = await open();

    await openJacksBooking(page, '2 PM', '4 PM');
    await page.keyboard.press('d');
    await pollServer().toEqual({});
    expect(await page.getByRole('alert').textContent()).toContain('Deleted Jack (2-4 PM)');
    await saveScreenshot(page, 'undo-offer', { fullPage: false });
    await undoButton(page).click();
    await pollServer().toEqual({ [TODAY]: { '14:00': jack } });
    await bookingBlock(page, 'Jack', '2 PM', '4 PM').waitFor();
    expect(await undoButton(page).count()).toBe(0);

    await openJacksBooking(page, '2 PM', '4 PM');
    await personButton(bookingPopup(page), 'Rue').click();
    await pollServer().toEqual({ [TODAY]: { '14:00': { user: 'Rue', duration: 2 } } });
    // The offer (and its Ctrl+Z) comes with the server's answer, which the page may not have yet.
    await undoButton(page).waitFor();
    await page.keyboard.press('Control+z');
    await pollServer().toEqual({ [TODAY]: { '14:00': jack } });
  });

  it('moves a booking by keyboard over its own hours and to the next day, refusing a taken slot', async () => {
    await seed({ [TODAY]: { '14:00': jack, '17:00': { user: 'Rue', duration: 1 } } });
    const { page } = await open();
    const writes = recordWrites(page);

    await openJacksBooking(page, '2 PM', '4 PM');
    await page.keyboard.press('m');
    await moveBar(page).waitFor();
    await bookingPopup(page).waitFor({ state: 'hidden' });
    // 16:00-18:00 would cover Rue's 17:00: shown as refused, and Enter sends nothing.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => moveBar(page).textContent()).toContain('Cannot move to');
    await saveScreenshot(page, 'move-refused-preview', { fullPage: false });
    await page.keyboard.press('Enter');
    expect(await moveBar(page).isVisible()).toBe(true);
    expect(writes).toEqual([]);

    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await moveBar(page).waitFor({ state: 'hidden' });
    await bookingBlock(page, 'Jack', '1 PM', '3 PM').waitFor();
    await pollServer().toEqual({ [TODAY]: { '13:00': jack, '17:00': { user: 'Rue', duration: 1 } } });

    await openFocusedBooking(page, '1 PM', '3 PM');
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await pollServer().toEqual({ [TODAY]: { '17:00': { user: 'Rue', duration: 1 } }, [TOMORROW]: { '13:00': jack } });
    await bookingBlock(page, 'Jack', '1 PM', '3 PM').waitFor();
    expect(writes).toEqual(['PUT /api/bookings/update', 'PUT /api/bookings/update']);

    // Esc leaves move mode with nothing sent.
    await openFocusedBooking(page, '1 PM', '3 PM');
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await moveBar(page).waitFor({ state: 'hidden' });
    expect(writes).toHaveLength(2);
  });

  it('moves a booking by clicking a free hour, and rolls a refused move back with the server’s words', async () => {
    await seed({ [TODAY]: { '14:00': jack } });
    const { page } = await open();

    await openJacksBooking(page, '2 PM', '4 PM');
    await bookingPopup(page).getByRole('button', { name: /Move$/ }).click();
    await moveBar(page).waitFor();
    await slotRow(page, '6:00 PM', 'Available').click();
    await pollServer().toEqual({ [TODAY]: { '18:00': jack } });
    await bookingBlock(page, 'Jack', '6 PM', '8 PM').waitFor();

    // Someone else books 12:00 behind the page's back; the page still shows it free (a hidden
    // page skips its 7 s poll, so it cannot learn of it before the move is sent).
    await setHidden(page, true);
    await seed({ [TODAY]: { '18:00': jack, '12:00': { user: 'Bonnie', duration: 1 } } });
    await openFocusedBooking(page, '6 PM', '8 PM');
    await page.keyboard.press('m');
    await slotRow(page, '11:00 AM', 'Available').click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Cannot move: slot 12:00 PM is already booked');
    await bookingBlock(page, 'Jack', '6 PM', '8 PM').waitFor();
    await bookingBlock(page, 'Bonnie', '12 PM', '1 PM').waitFor();
    await pollServer().toEqual({ [TODAY]: { '18:00': jack, '12:00': { user: 'Bonnie', duration: 1 } } });
  });
});
