/**
 * The week view by keyboard and the shortcut help in real Chromium against the real server
 * (issue 9 §10, §12): the week is an ARIA grid with one roving cell; arrows, Home/End and
 * PageUp/PageDown move it, Enter books a free hour or opens a booking; `?` (or the header's `?`
 * button) lists the current mode's shortcuts from the one shortcut table, Esc closes it.
 * Shared setup: support/calendar-suite.ts (Tuesday 24 Nov 2026, 10:20 in Brisbane).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserSuites } from './support/browser.js';
import { useCalendarSuite } from './support/calendar-suite.js';
import { saveScreenshot } from './support/page.js';
import { bookingPanel, bookingPopup, slotRow, weekGrid } from './support/queries.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 812 };
const WEDNESDAY = '2026-11-25';

const helpDialog = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const helpButton = (page: Page) => page.getByRole('button', { name: '? Keyboard shortcuts' });
/** The accessible name of the focused element, e.g. `Tue 24 Nov, 10 AM, available`. */
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
const focusInGrid = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[role="grid"]') !== null && document.activeElement !== null);

/** Tabs forward like a person until the focus lands in the week grid (its one tab stop). */
async function tabIntoGrid(page: Page): Promise<void> {
  for (let presses = 0; presses < 30; presses += 1) {
    await page.keyboard.press('Tab');
    if (await focusInGrid(page)) return;
  }
  throw new Error('Tab never reached the week grid');
}

async function openWeek(page: Page): Promise<void> {
  await page.keyboard.press('w');
  await weekGrid(page).waitFor();
}

describe.skipIf(skipBrowserSuites)('week view by keyboard and shortcut help', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite({ env: { LIVE_UPDATES: 'off' } });
  const { open, seed, pollServer } = suite;

  it('is an ARIA grid with one tab stop, whose cells say date, hour and state', async () => {
    await seed({ [WEDNESDAY]: { '12:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport: DESKTOP });
    await openWeek(page);

    const grid = page.getByRole('grid', { name: 'Week of November 23, 2026' });
    expect(await grid.getByRole('columnheader').count()).toBe(7);
    expect(await grid.getByRole('rowheader').count()).toBe(16);
    expect(await grid.getByRole('gridcell', { name: 'Wed 25 Nov, 1 PM, booked by Jack' }).count()).toBe(1);
    expect(await grid.getByRole('gridcell', { name: 'Mon 23 Nov, 9 AM, available, past' }).count()).toBe(1);
    expect(await grid.locator('[tabindex="0"]').count()).toBe(1);

    await tabIntoGrid(page);
    expect(await focusedLabel(page)).toBe('Tue 24 Nov, 10 AM, available');
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel(page)).toBe('Wed 25 Nov, 10 AM, available');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedLabel(page)).toBe('Wed 25 Nov, 12 PM, booked by Jack');
    // Still one tab stop, now on the focused cell.
    expect(await grid.locator('[tabindex="0"]').getAttribute('aria-label')).toBe('Wed 25 Nov, 12 PM, booked by Jack');
    await saveScreenshot(page, 'week-keys-focus-1440');

    await page.keyboard.press('Enter');
    await bookingPopup(page).waitFor();
    expect(await bookingPopup(page).textContent()).toContain('12:00 PM - 2:00 PM');
    await page.keyboard.press('Escape');
    await bookingPopup(page).waitFor({ state: 'hidden' });
    await expect.poll(() => focusInGrid(page)).toBe(true);
  });

  it('books a free week cell by keyboard: arrows, Enter, a person key and a duration', async () => {
    await seed({ [WEDNESDAY]: { '12:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport: DESKTOP });
    await openWeek(page);
    await tabIntoGrid(page);

    await page.keyboard.press('ArrowRight');
    for (let hour = 10; hour < 14; hour += 1) await page.keyboard.press('ArrowDown');
    expect(await focusedLabel(page)).toBe('Wed 25 Nov, 2 PM, available');
    await page.keyboard.press('Enter');

    const panel = bookingPanel(page);
    await panel.waitFor();
    expect(await panel.textContent()).toContain('2:00 PM');
    expect(await panel.textContent()).toContain('Wed 25 Nov');
    await page.keyboard.press('b');
    await page.keyboard.press('3');
    await pollServer().toMatchObject({
      [WEDNESDAY]: { '12:00': { user: 'Jack', duration: 2 }, '14:00': { user: 'Bonnie', duration: 3 } },
    });
  });

  it('moves a week with PageDown and PageUp, to Monday and Sunday with Home and End, and refuses past hours', async () => {
    const { page } = await open({ viewport: DESKTOP });
    await openWeek(page);
    await tabIntoGrid(page);

    await page.keyboard.press('PageDown');
    await page.getByRole('grid', { name: 'Week of November 30, 2026' }).waitFor();
    expect(await focusedLabel(page)).toBe('Tue 1 Dec, 10 AM, available');
    await page.keyboard.press('End');
    expect(await focusedLabel(page)).toBe('Sun 6 Dec, 10 AM, available');
    await page.keyboard.press('PageUp');
    await page.getByRole('grid', { name: 'Week of November 23, 2026' }).waitFor();
    expect(await focusedLabel(page)).toBe('Sun 29 Nov, 10 AM, available');

    // Ended hours are refused as in the day view: Enter leaves the week as it is.
    await page.keyboard.press('Home');
    expect(await focusedLabel(page)).toBe('Mon 23 Nov, 10 AM, available, past');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    expect(await focusedLabel(page)).toBe('Tue 24 Nov, 9 AM, available, past');
    await page.keyboard.press('Enter');
    expect(await bookingPanel(page).count()).toBe(0);
    expect(await weekGrid(page).isVisible()).toBe(true);
  });

  it('lists the shortcuts of the mode on ?, closes on Esc with focus back, and opens from the ? button', async () => {
    const { page } = await open({ viewport: DESKTOP });

    await page.keyboard.press('?');
    const help = helpDialog(page);
    await help.waitFor();
    expect(await help.getAttribute('aria-modal')).toBe('true');
    const dayHelp = await help.textContent();
    expect(dayHelp).toContain('Previous or next day');
    expect(dayHelp).toContain('Book the focused hour');
    expect(dayHelp).not.toContain('Delete the booking');
    // Other shortcuts rest while the help is open.
    await page.keyboard.press('w');
    expect(await weekGrid(page).count()).toBe(0);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await slotRow(page, '11:00 AM', 'Available').click();
    await bookingPanel(page).waitFor();
    await page.keyboard.press('?');
    const panelHelp = await help.textContent();
    expect(panelHelp).toContain('Choose the person');
    expect(panelHelp).toContain('Book for that many hours');
    expect(panelHelp).not.toContain('Previous or next day');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    expect(await bookingPanel(page).isVisible()).toBe(true);
    expect(
      await page.evaluate(() => document.activeElement?.closest('[role="dialog"]')?.getAttribute('aria-labelledby')),
    ).toBe('panel-title');
    await page.keyboard.press('Escape');
    await bookingPanel(page).waitFor({ state: 'hidden' });

    await openWeek(page);
    await helpButton(page).click();
    await help.waitFor();
    const weekHelp = await help.textContent();
    expect(weekHelp).toContain('Previous or next week, same day and hour');
    expect(weekHelp).toContain('Book the free hour, or edit the booking');
    await saveScreenshot(page, 'week-keys-help-1440', { fullPage: false });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('? Keyboard shortcuts');
  });

  it('fits the ? button into the header’s existing rows on a 768 px tablet', async () => {
    const { page } = await open({ viewport: { width: 768, height: 1024 } });
    const box = (selector: string) => page.locator(selector).boundingBox();
    const [button, dateRow, topRow] = await Promise.all([
      helpButton(page).boundingBox(),
      box('.date-nav'),
      box('.header__top'),
    ]);
    // In the date row, and the title row stays one 40 px row (the title did not wrap).
    expect(button!.y).toBeGreaterThanOrEqual(dateRow!.y);
    expect(button!.y + button!.height).toBeLessThanOrEqual(dateRow!.y + dateRow!.height);
    expect(topRow!.height).toBeLessThanOrEqual(44);
  });

  it('shows the week focus and the help on a 375×812 phone', async () => {
    const { page } = await open({ viewport: PHONE });
    await openWeek(page);
    await tabIntoGrid(page);
    await page.keyboard.press('ArrowDown');
    expect(await focusedLabel(page)).toBe('Tue 24 Nov, 11 AM, available');
    await saveScreenshot(page, 'week-keys-focus-375', { fullPage: false });
    // The days scroll under a time column that stays put: focus brings its cell out from under it.
    const focusedBox = () =>
      page.evaluate(() => {
        const box = document.activeElement?.getBoundingClientRect();
        return box ? { left: box.left, right: box.right } : null;
      });
    const timeColumnRight = async () => {
      const box = (await page.getByRole('rowheader', { name: '11:00 AM' }).boundingBox())!;
      return box.x + box.width;
    };
    await page.keyboard.press('End');
    expect(await focusedLabel(page)).toBe('Sun 29 Nov, 11 AM, available');
    expect((await focusedBox())!.right).toBeLessThanOrEqual(PHONE.width);
    for (let day = 0; day < 4; day += 1) await page.keyboard.press('ArrowLeft');
    expect(await focusedLabel(page)).toBe('Wed 25 Nov, 11 AM, available');
    expect((await focusedBox())!.left).toBeGreaterThanOrEqual(await timeColumnRight());

    await helpButton(page).click();
    const help = helpDialog(page);
    await help.waitFor();
    const box = await help.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'week-keys-help-375', { fullPage: false });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });
});
