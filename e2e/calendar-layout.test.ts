/**
 * Layout of the web client at the three widths of the original's screenshots (issue 9, items 1–7):
 * dialogs that fit, a header as short as the original's, labels that never show through
 * bookings, opaque toasts, a phone week whose time column stays, the bundled font faces and
 * touch screens without hover or key hints. Screenshots of each state go to test-results/e2e/.
 * Shared setup: support/calendar-suite.ts (one browser, one server; live updates off so a
 * conflict can be staged behind the page's back without the stream telling it first).
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForAnimations } from './support/axe.js';
import { skipBrowserSuites } from './support/browser.js';
import { TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { saveScreenshot } from './support/page.js';
import {
  bookingBlock,
  bookingPanel,
  bookingPopup,
  bookNowButton,
  dateHeading,
  personButton,
  slotRow,
  slotRows,
  syncIndicator,
  timezoneToggle,
  todayBadge,
  viewToggle,
  weekGrid,
} from './support/queries.js';

const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 768, height: 1024 };
const PHONE = { width: 375, height: 812 };
const YESTERDAY = '2026-11-23';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'element has a box').not.toBeNull();
  return box!;
}

interface Viewport {
  width: number;
  height: number;
}

/** The boxes of the dialog's shown buttons, each first scrolled into view when `scroll` is set. */
function buttonBoxes(dialog: Locator, scroll: boolean): Promise<{ name: string; box: Box }[]> {
  return dialog.evaluate((element, scrollFirst) => {
    const buttons = [...element.querySelectorAll('button')].filter((button) => button.checkVisibility());
    return buttons.map((button) => {
      if (scrollFirst) button.scrollIntoView({ block: 'nearest' });
      const { x, y, width, height } = button.getBoundingClientRect();
      return { name: button.textContent?.trim() ?? '', box: { x, y, width, height } };
    });
  }, scroll);
}

function expectInside(name: string, box: Box, viewport: Viewport) {
  expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(viewport.height);
}

/** Every button of `dialog` lies wholly inside the viewport as drawn, with nothing to scroll. */
async function expectControlsOnScreen(dialog: Locator, viewport: Viewport) {
  const boxes = await buttonBoxes(dialog, false);
  expect(boxes.length).toBeGreaterThan(12);
  for (const { name, box } of boxes) expectInside(name, box, viewport);
  expect(await dialog.evaluate((element) => element.scrollHeight - element.clientHeight)).toBeLessThanOrEqual(0);
}

/** On a phone the dialog scrolls itself: each button, scrolled to, is inside the viewport. */
async function expectControlsReachable(dialog: Locator, viewport: Viewport) {
  expectInside('dialog', await boxOf(dialog), { width: viewport.width, height: viewport.height + 0.5 });
  const boxes = await buttonBoxes(dialog, true);
  expect(boxes.length).toBeGreaterThan(12);
  for (const { name, box } of boxes) expectInside(name, box, viewport);
}

describe.skipIf(skipBrowserSuites)('web client layout', { timeout: 120_000 }, () => {
  const suite = useCalendarSuite({ env: { LIVE_UPDATES: 'off' } });
  const { open, seed } = suite;

  it.each([
    ['1440×900', DESKTOP],
    ['768×1024', TABLET],
  ])('shows every panel and popup control without scrolling at %s, with the date', async (_, viewport) => {
    await seed({ [TODAY]: { '11:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport });
    await slotRow(page, '10:00 AM', 'Available').click();
    const panel = bookingPanel(page);
    await panel.waitFor();
    await page.keyboard.press('j');
    await waitForAnimations(page);
    expect(await panel.textContent()).toContain('Tue 24 Nov');
    await expectControlsOnScreen(panel, viewport);
    await saveScreenshot(page, `layout-panel-${viewport.width}`, { fullPage: false });

    await page.keyboard.press('Escape');
    await bookingBlock(page, 'Jack', '11 AM', '1 PM').click();
    const popup = bookingPopup(page);
    await popup.waitFor();
    await waitForAnimations(page);
    expect(await popup.textContent()).toContain('Tue 24 Nov');
    await expectControlsOnScreen(popup, viewport);
    await saveScreenshot(page, `layout-popup-${viewport.width}`, { fullPage: false });
  });

  it('lets the phone panel and popup scroll inside themselves, with a close button on top', async () => {
    await seed({ [TODAY]: { '11:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport: PHONE });
    await slotRow(page, '10:00 AM', 'Available').click();
    const panel = bookingPanel(page);
    await panel.waitFor();
    await waitForAnimations(page);
    const close = panel.getByRole('button', { name: 'Close' });
    const closeBox = await boxOf(close);
    expect(closeBox.y + closeBox.height).toBeLessThanOrEqual(100);
    expect(closeBox.x + closeBox.width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'layout-panel-375', { fullPage: false });
    await expectControlsReachable(panel, PHONE);
    await close.click();
    await panel.waitFor({ state: 'hidden' });

    await bookingBlock(page, 'Jack', '11 AM', '1 PM').click();
    const popup = bookingPopup(page);
    await popup.waitFor();
    await waitForAnimations(page);
    await saveScreenshot(page, 'layout-popup-375', { fullPage: false });
    await expectControlsReachable(popup, PHONE);
  });

  it("keeps the original's header height with the date tools and status folded into its rows", async () => {
    const { page } = await open({ viewport: DESKTOP });
    const firstRow = await boxOf(slotRow(page, '10:00 AM', 'Available'));
    expect(firstRow.y).toBeLessThanOrEqual(200);
    const next = await boxOf(page.getByRole('button', { name: 'Next day' }));
    const status = await boxOf(syncIndicator(page));
    expect(status.y + status.height).toBeLessThanOrEqual(next.y);
    for (const button of [bookNowButton(page), viewToggle(page), timezoneToggle(page)]) {
      expect((await boxOf(button)).height).toBeCloseTo(40, 0);
    }
    const picker = await boxOf(page.getByLabel('Go to date'));
    expect(picker.y).toBeGreaterThanOrEqual(next.y - 1);
    expect(picker.y + picker.height).toBeLessThanOrEqual(next.y + next.height + 1);
    await saveScreenshot(page, 'layout-header-1440');

    // Another day: `Today` takes the badge's place beside the date, never one above the other.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => dateHeading(page).textContent()).toContain('Wednesday, November 25, 2026');
    const today = await boxOf(page.getByRole('button', { name: 'Go to today' }));
    expect(today.y).toBeGreaterThanOrEqual(next.y - 1);
    expect(today.y + today.height).toBeLessThanOrEqual(next.y + next.height + 1);
    expect(await todayBadge(page).count()).toBe(0);
    expect((await boxOf(slotRow(page, '6:00 AM', 'Available'))).y).toBeLessThanOrEqual(200);

    // 769 px with the panel open: the panel covers the right 340 px, the date stays whole.
    await page.setViewportSize({ width: 769, height: 900 });
    await slotRow(page, '9:00 AM', 'Available').click();
    const panel = bookingPanel(page);
    await panel.waitFor();
    await waitForAnimations(page);
    const heading = dateHeading(page);
    const [date, panelBox] = [await boxOf(heading), await boxOf(panel)];
    expect(date.x).toBeGreaterThanOrEqual(0);
    expect(date.x + date.width).toBeLessThanOrEqual(panelBox.x);
    expect(await heading.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'layout-panel-769', { fullPage: false });
  });

  it('hides the hour labels under bookings on a past date', async () => {
    await seed({ [YESTERDAY]: { '09:00': { user: 'Joel', duration: 2 }, '13:00': { user: 'Rue', duration: 1 } } });
    const { page } = await open({ viewport: DESKTOP });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => dateHeading(page).textContent()).toContain('Monday, November 23, 2026');
    expect(await slotRows(page, 'Past').count()).toBe(16);
    const blocks = [page.getByTitle('Joel (9-11 AM)'), page.getByTitle('Rue (1-2 PM)')];
    const blockBoxes = await Promise.all(blocks.map(boxOf));
    // Every label still drawn (not hidden under a booking), with its box.
    const labels = await page
      .locator('.slot__label')
      .evaluateAll((elements) =>
        elements
          .filter((element) => element.checkVisibility({ visibilityProperty: true }))
          .map((element) => ({ text: element.textContent, rect: element.getBoundingClientRect().toJSON() as Box })),
      );
    for (const { text, rect } of labels) {
      for (const block of blockBoxes) {
        const overlaps = rect.y < block.y + block.height && block.y < rect.y + rect.height;
        expect(overlaps, `${text} under a booking`).toBe(false);
      }
    }
    expect(labels).toHaveLength(13);
    await saveScreenshot(page, 'layout-past-day');
  });

  it('shows a rejected change in an opaque toast with its Dismiss button inside', async () => {
    const { page } = await open({ viewport: DESKTOP });
    await slotRow(page, '11:00 AM', 'Available').click();
    await personButton(bookingPanel(page), 'Bonnie').click();
    await seed({ [TODAY]: { '11:00': { user: 'Joel', duration: 1 } } });
    await page.keyboard.press('1');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    const text = page.getByText(/was just booked by Joel/);
    // The toast is the nearest element under the text that paints a background.
    const toast = await text.evaluate((element) => {
      let box: Element | null = element;
      while (box && getComputedStyle(box).backgroundColor.replace(/\s/g, '') === 'rgba(0,0,0,0)') {
        box = box.parentElement;
      }
      const rect = box!.getBoundingClientRect();
      return {
        background: getComputedStyle(box!).backgroundColor,
        x: rect.x,
        y: rect.y,
        w: rect.width,
        h: rect.height,
      };
    });
    expect(toast.background).toMatch(/^rgb\(/);
    expect(toast.w).toBeLessThan(DESKTOP.width);
    const button = await boxOf(dismiss);
    expect(button.x).toBeGreaterThanOrEqual(toast.x);
    expect(button.y).toBeGreaterThanOrEqual(toast.y);
    expect(button.x + button.width).toBeLessThanOrEqual(toast.x + toast.w);
    expect(button.y + button.height).toBeLessThanOrEqual(toast.y + toast.h);
    await saveScreenshot(page, 'layout-toast', { fullPage: false });
  });

  it('keeps the mono time column on screen while a phone week scrolls, with readable block labels', async () => {
    await seed({ '2026-11-29': { '11:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport: PHONE });
    await page.keyboard.press('w');
    const grid = weekGrid(page);
    await grid.waitFor();
    await waitForAnimations(page);
    await grid.evaluate((element) => {
      const scroller = element.parentElement as HTMLElement;
      scroller.scrollLeft = scroller.scrollWidth;
    });
    const time = grid.getByRole('rowheader', { name: '9:00 AM' });
    const timeBox = await boxOf(time);
    expect(timeBox.x).toBeGreaterThanOrEqual(0);
    expect(timeBox.x + timeBox.width).toBeLessThanOrEqual(PHONE.width);
    expect(await time.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^"?JetBrains Mono/);

    const block = bookingBlock(page, 'Jack', '11 AM', '1 PM');
    const blockBox = await boxOf(block);
    expect(blockBox.x).toBeGreaterThan(timeBox.x + timeBox.width - 1);
    const label = await block.evaluate((element) => {
      const text = element.querySelector('.block__label') as HTMLElement;
      return {
        text: text.innerText,
        size: parseFloat(getComputedStyle(text).fontSize),
        cut: text.scrollWidth > text.clientWidth,
      };
    });
    expect(label.text).toContain('Jack');
    expect(label.size).toBeGreaterThanOrEqual(10);
    expect(label.cut).toBe(false);
    await saveScreenshot(page, 'layout-week-375', { fullPage: false });

    // Wide, the grid keeps the original's 20 px margins and its header starts where it did (~173 px).
    await page.setViewportSize(DESKTOP);
    const frame = await boxOf(grid.locator('xpath=..'));
    expect(frame.x).toBeCloseTo(20, 0);
    expect(DESKTOP.width - frame.x - frame.width).toBeCloseTo(20, 0);
    expect(frame.y).toBeLessThanOrEqual(180);
    await saveScreenshot(page, 'layout-week-1440');
  });

  it('draws only bundled font faces and keeps the chosen colour dot visible on the accent fill', async () => {
    await seed({ [TODAY]: { '11:00': { user: 'Jack', duration: 2 } } });
    const { page } = await open({ viewport: DESKTOP });
    await bookingBlock(page, 'Jack', '11 AM', '1 PM').click();
    await bookingPopup(page).waitFor();
    const faked = await page.evaluate(async () => {
      await document.fonts.ready;
      // A face the page declares is fetched when needed; a weight with none is synthesised.
      const faces = [...document.fonts];
      const drawn = new Set<string>();
      for (const element of document.querySelectorAll('body *')) {
        // Letters and digits: the bundled latin subsets have them (arrows come from a system font).
        const hasText = [...element.childNodes].some(
          (node) => node.nodeType === 3 && /\w/.test(node.textContent ?? ''),
        );
        if (!hasText || !element.checkVisibility()) continue;
        const style = getComputedStyle(element);
        const family = style.fontFamily.split(',')[0]!.replace(/["']/g, '').trim();
        drawn.add(`${family} ${style.fontWeight}`);
      }
      return [...drawn].filter(
        (pair) => !faces.some((face) => `${face.family.replace(/["']/g, '')} ${face.weight}` === pair),
      );
    });
    expect(faked).toEqual([]);

    const chosen = personButton(bookingPopup(page), 'Jack');
    expect(await chosen.getAttribute('aria-pressed')).toBe('true');
    // The dot's ring must stand out from the accent fill (contrast ≥ 3:1, WCAG 1.4.11).
    const contrast = await chosen.evaluate((element) => {
      const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (color: string) => {
        const [r, g, b] = channels(color).map((value) => {
          const s = value / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const swatch = element.querySelector('[class*="swatch"]') as HTMLElement;
      const ring = getComputedStyle(swatch).outlineColor;
      const width = parseFloat(getComputedStyle(swatch).outlineWidth);
      const [light, dark] = [luminance(getComputedStyle(element).backgroundColor), luminance(ring)].sort(
        (a, b) => b - a,
      );
      return width >= 2 ? (light! + 0.05) / (dark! + 0.05) : 0;
    });
    expect(contrast).toBeGreaterThanOrEqual(3);
  });

  it('shows no key hints and no stuck hover on a touch screen', async () => {
    const { page } = await open({ viewport: PHONE, touch: true });
    expect(await page.evaluate(() => matchMedia('(hover: hover)').matches)).toBe(false);
    await slotRow(page, '10:00 AM', 'Available').tap();
    const panel = bookingPanel(page);
    await panel.waitFor();
    await waitForAnimations(page);
    expect(await page.getByText('[Esc]').isVisible()).toBe(false);
    expect(await page.getByText('[J]').isVisible()).toBe(false);
    const jack = personButton(panel, 'Jack');
    await jack.tap();
    await expect.poll(() => jack.getAttribute('aria-pressed')).toBe('true');
    expect(await jack.evaluate((element) => getComputedStyle(element).transform)).toBe('none');
    await saveScreenshot(page, 'layout-touch-panel', { fullPage: false });
  });
});
