/**
 * An instance with an access code in real Chromium (issue 10 §4): served at `/i/{slug}/`, the
 * page shows the code prompt instead of the calendar, a wrong code is announced, the right one
 * opens the instance's own calendar (its API under `/api/i/{slug}`), a reload stays signed in
 * by the cookie alone, and changing the code signs the page out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashAccessCode } from '../src/server/access-code.js';
import { skipBrowserSuites } from './support/browser.js';
import { NOW, TODAY, useCalendarSuite } from './support/calendar-suite.js';
import { waitForCalendar } from './support/page.js';

const SLUG = 'design-team';
const TITLE = 'Design studio';

async function storeInstance(suite: ReturnType<typeof useCalendarSuite>, accessCodeHash: string): Promise<void> {
  await suite.server.store.instances.setConfig(SLUG, {
    slug: SLUG,
    title: TITLE,
    users: [{ name: 'Ann', key: 'a', colorIndex: 2 }],
    createdAt: '2026-01-01T00:00:00.000Z',
    accessCodeHash,
  });
}

const prompt = (page: Page) => page.getByRole('heading', { name: 'Access code required' });
const codeField = (page: Page) => page.getByLabel('Access code', { exact: true });

describe.skipIf(skipBrowserSuites)('access code', { timeout: 60_000 }, () => {
  const suite = useCalendarSuite();

  it('asks for the code, refuses a wrong one, opens on the right one, stays open on reload, and closes when the code changes', async () => {
    const [blueDoor, greenDoor] = await Promise.all([hashAccessCode('blue-door'), hashAccessCode('green-door')]);
    await storeInstance(suite, blueDoor);
    await suite.server.store.bookings.replace(SLUG, { [TODAY]: { '14:00': { user: 'Ann', duration: 1 } } });
    const { page, context } = await suite.newPage({ now: NOW });
    const apiPaths: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/')) apiPaths.push(path);
    });

    await page.goto(`${suite.server.url}/i/${SLUG}/`);
    await prompt(page).waitFor();
    // Keyboard first: the field has focus at once, Enter sends it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('access-code');
    await page.keyboard.type('red-door');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 5000 })
      .toBe('That code is not right. Try again.');
    expect(await codeField(page).getAttribute('aria-invalid')).toBe('true');

    await page.keyboard.type('blue-door');
    await page.keyboard.press('Enter');
    await waitForCalendar(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await page.getByRole('button', { name: /^Booking by Ann/ }).waitFor();
    expect(apiPaths.filter((path) => !path.startsWith(`/api/i/${SLUG}/`))).toEqual([]);
    // The page keeps nothing but the HttpOnly cookie, which its scripts cannot read.
    expect(await page.evaluate(() => [document.cookie, JSON.stringify(localStorage)])).toEqual(['', '{}']);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: `hourbook_session_${SLUG}`,
      path: `/api/i/${SLUG}`,
      httpOnly: true,
      sameSite: 'Strict',
    });

    await page.reload();
    await waitForCalendar(page);
    expect(await prompt(page).count()).toBe(0);

    await storeInstance(suite, greenDoor);
    await page.reload();
    await prompt(page).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Access code required');
  });
});
