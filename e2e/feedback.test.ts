/**
 * Feedback in the web client against the real server (issue 9 §4, §11): messages write times as
 * the calendar shows them and follow the time-zone toggle; a refused offline change says which
 * one it was and stays until dismissed; a replay says how many changes it saved; the now line
 * sits at the current minute of today's column; a new booking glows once confirmed.
 * Shared setup: support/calendar-suite.ts (the clock fixed at Tue 24 Nov 2026, 10:20 Brisbane).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserSuites } from './support/browser.js';
import { NOW, TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { saveScreenshot, setHidden, waitForCalendar } from './support/page.js';
import {
  bookingBlock,
  bookingPanel,
  durationButton,
  personButton,
  slotRow,
  syncIndicator,
  timezoneToggle,
  viewToggle,
  weekGrid,
} from './support/queries.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 812 };

const alertText = (page: Page) => page.getByRole('alert').textContent();
const nowLine = (page: Page) => page.locator('.now-line');

/** Books through the panel with the mouse: row, person, duration. */
async function bookByClicking(page: Page, time: string, person: string, hours: number): Promise<void> {
  await slotRow(page, time, 'Available').click();
  await personButton(bookingPanel(page), person).click();
  await durationButton(bookingPanel(page), hours).click();
  await bookingPanel(page).waitFor({ state: 'hidden' });
}

/** The vertical centre of the now line and the box of the row it should fall in. */
async function lineAndRow(page: Page, row: ReturnType<Page['locator']>) {
  const [line, box] = await Promise.all([nowLine(page).boundingBox(), row.boundingBox()]);
  expect(line, 'the now line has a box').not.toBeNull();
  expect(box, 'the row has a box').not.toBeNull();
  return { line: line!, row: box!, centre: line!.y + line!.height / 2 };
}

describe.skipIf(skipBrowserSuites)('feedback in the web client', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite();
  const { open, seed, pollServer } = suite;

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'writes a conflict’s time as the calendar shows it, and rewrites it when NSW is toggled (%s)',
    async (name, viewport) => {
      const { page } = await open({ viewport });
      await slotRow(page, '11:00 AM', 'Available').click();
      await personButton(bookingPanel(page), 'Bonnie').click();
      // Someone else takes 11:00 behind the page's back (straight into the store, no event).
      await seed({ [TODAY]: { '11:00': { user: 'Joel', duration: 1 } } });
      await page.keyboard.press('1');

      await expect.poll(() => alertText(page)).toContain('11:00 AM was just booked by Joel');
      expect(await alertText(page)).not.toMatch(/\b11:00 was/);
      await timezoneToggle(page).click();
      // Sydney is an hour ahead in November: the same message now says 12:00 PM.
      await expect.poll(() => alertText(page)).toContain('12:00 PM was just booked by Joel');
      await saveScreenshot(page, `feedback-conflict-nsw-${name}`, { fullPage: false });
    },
  );

  it('rewords an undo offer when NSW is toggled', async () => {
    await seed({ [TODAY]: { '14:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport: DESKTOP });
    await bookingBlock(page, 'Jack', '2 PM', '4 PM').click();
    await page.keyboard.press('d');
    await expect.poll(() => alertText(page)).toContain('Deleted Jack (2-4 PM)');
    await timezoneToggle(page).click();
    await expect.poll(() => alertText(page)).toContain('Deleted Jack (3-5 PM)');
  });

  it('names a refused offline change, keeps it past the timeout until dismissed, and counts what the replay saved', async () => {
    const { context, page } = await suite.newPage({ now: NOW, viewport: DESKTOP });
    // Timers under the test's hand (time still flows), so "after 10 s" needs no 10 s wait.
    await page.clock.install({ time: NOW });
    await page.goto(suite.server.url);
    await waitForCalendar(page);

    await context.route('**/api/**', (route) => route.abort('connectionrefused'));
    await bookByClicking(page, '3:00 PM', 'Jack', 2);
    await expect.poll(() => syncIndicator(page).getAttribute('data-sync-state')).toBe('offline');
    await bookByClicking(page, '6:00 PM', 'Rue', 1);
    await bookByClicking(page, '8:00 PM', 'Joel', 1);
    await expect.poll(() => syncIndicator(page).textContent()).toContain('3 queued');
    // Meanwhile someone else took 16:00, inside Jack's 15:00-17:00.
    await seed({ [TODAY]: { '16:00': { user: 'Rue', duration: 1 } } });

    await context.unroute('**/api/**');
    // Showing the tab again polls at once: the API is back and the queue replays.
    await setHidden(page, true);
    await setHidden(page, false);
    await pollServer().toEqual({
      [TODAY]: {
        '16:00': { user: 'Rue', duration: 1 },
        '18:00': { user: 'Rue', duration: 1 },
        '20:00': { user: 'Joel', duration: 1 },
      },
    });
    const refused =
      'Offline booking for Jack, Tue 24 Nov 3-5 PM (2 hours), was not saved: 4:00 PM was just booked by Rue';
    await expect.poll(() => alertText(page)).toContain(refused);
    await expect.poll(() => alertText(page)).toContain('2 offline changes saved');
    // The count is good news, drawn unlike the refusal next to it.
    const saved = page.locator('.message', { hasText: 'offline changes saved' });
    expect(await saved.getAttribute('class')).toContain('message--news');
    expect(await page.locator('.message', { hasText: refused }).getAttribute('class')).not.toContain('message--news');
    await saveScreenshot(page, 'feedback-offline-refused', { fullPage: false });

    // Past the 10 s of an ordinary message: the count is gone, the refused change is still listed.
    await page.clock.fastForward(11_000);
    await expect.poll(() => alertText(page)).not.toContain('offline changes saved');
    expect(await alertText(page)).toContain(refused);

    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });

  it('draws the now line at 10:20 in today’s column of the day and week views, and on no other day', async () => {
    const { page } = await open({ viewport: DESKTOP });
    // Today's first row is the current hour; 20 minutes in is a third of the way down it.
    const dayRow = slotRow(page, '10:00 AM', 'Available');
    const day = await lineAndRow(page, dayRow);
    expect(Math.abs(day.centre - (day.row.y + day.row.height / 3)), `line at ${day.centre}`).toBeLessThanOrEqual(2);
    expect(day.line.x).toBeGreaterThanOrEqual(day.row.x - 1);
    expect(day.line.x + day.line.width).toBeLessThanOrEqual(day.row.x + day.row.width + 1);
    expect(await nowLine(page).getAttribute('aria-hidden')).toBe('true');
    await saveScreenshot(page, 'feedback-now-line-day');

    // In Sydney's display the row reads 11:00 AM; the line marks the same instant.
    await timezoneToggle(page).click();
    // Polled: the toggle re-renders the labels, and the rows may still be settling at the first look.
    await expect
      .poll(async () => Math.abs((await lineAndRow(page, slotRow(page, '11:00 AM', 'Available'))).centre - day.centre))
      .toBeLessThanOrEqual(1);
    await timezoneToggle(page).click();

    await page.getByRole('button', { name: 'Next day' }).click();
    await slotRow(page, '6:00 AM', 'Available').waitFor();
    expect(await nowLine(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Previous day' }).click();
    await nowLine(page).waitFor();

    await viewToggle(page).click();
    const grid = weekGrid(page);
    await grid.waitFor();
    // The columns fade in from the right (§8.8): measure once they stand still.
    await page.waitForFunction(() =>
      document
        .getAnimations()
        .every(
          (animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
        ),
    );
    expect(await nowLine(page).count()).toBe(1);
    const weekRow = grid.locator('tr', { has: page.getByRole('rowheader', { name: '10:00 AM', exact: true }) });
    const week = await lineAndRow(page, weekRow);
    expect(Math.abs(week.centre - (week.row.y + week.row.height / 3)), `line at ${week.centre}`).toBeLessThanOrEqual(2);
    const todayHead = await grid.locator('.week-head--today').boundingBox();
    expect(week.line.x).toBeGreaterThanOrEqual(todayHead!.x - 1);
    expect(week.line.x + week.line.width).toBeLessThanOrEqual(todayHead!.x + todayHead!.width + 1);
    await saveScreenshot(page, 'feedback-now-line-week');

    await page.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => nowLine(page).count()).toBe(0);
  });

  it('moves the now line with the clock', async () => {
    const { page } = await suite.newPage({ now: NOW, viewport: DESKTOP });
    await page.clock.install({ time: NOW });
    await page.goto(suite.server.url);
    await waitForCalendar(page);
    const row = slotRow(page, '10:00 AM', 'Available');
    const before = await lineAndRow(page, row);
    expect(Math.abs(before.centre - (before.row.y + before.row.height / 3))).toBeLessThanOrEqual(2);
    // Half an hour on, 10:50: five sixths of the way down the same row.
    await page.clock.fastForward('30:00');
    await expect
      .poll(async () => {
        const after = await lineAndRow(page, row);
        return Math.abs(after.centre - (after.row.y + (after.row.height * 5) / 6)) <= 2;
      })
      .toBe(true);
  });

  it('draws the now line on a phone too', async () => {
    const { page } = await open({ viewport: PHONE, touch: true });
    const day = await lineAndRow(page, slotRow(page, '10:00 AM', 'Available'));
    expect(Math.abs(day.centre - (day.row.y + day.row.height / 3))).toBeLessThanOrEqual(2);
    await saveScreenshot(page, 'feedback-now-line-phone');
  });

  it('gives a new booking the short confirmation glow once the server has it, then stops', async () => {
    const { page } = await open({ viewport: DESKTOP });
    await bookByClicking(page, '1:00 PM', 'Jack', 2);
    const block = bookingBlock(page, 'Jack', '1 PM', '3 PM');
    await expect.poll(() => block.getAttribute('class')).toContain('block--confirmed');
    await pollServer().toEqual({ [TODAY]: { '13:00': { user: 'Jack', duration: 2 } } });
    await expect.poll(() => block.getAttribute('class'), { timeout: 3000 }).not.toContain('block--confirmed');

    // With reduced motion asked for, the mark still comes but nothing animates.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await bookByClicking(page, '4:00 PM', 'Rue', 1);
    const still = page.locator('.block--confirmed', { hasText: 'Rue' });
    await still.waitFor();
    expect(await still.evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
  });
});
