/**
 * Polling, the fallback when the change stream is off (issue 4 §4, issue 8 §3): polls carry the
 * ETag, a hidden tab stops polling, and showing it again polls at once, in real Chromium against
 * the real server with LIVE_UPDATES=off.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipBrowserSuites } from './support/browser.js';
import { useCalendarSuite } from './support/calendar-suite.js';
import { setHidden } from './support/page.js';
import { syncIndicator } from './support/queries.js';

/** Every poll the page sends, with the time it was sent (real ms). */
function recordPolls(page: Page): Array<{ at: number; ifNoneMatch: string | undefined }> {
  const polls: Array<{ at: number; ifNoneMatch: string | undefined }> = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/bookings') {
      polls.push({ at: Date.now(), ifNoneMatch: request.headers()['if-none-match'] });
    }
  });
  return polls;
}

describe.skipIf(skipBrowserSuites)('polling', { timeout: 60_000 }, () => {
  const { open } = useCalendarSuite({ env: { LIVE_UPDATES: 'off' } });

  it('stops while the tab is hidden and polls at once when it is shown again', async () => {
    const { page } = await open();
    const polls = recordPolls(page);
    // The stream answered 404: the indicator says so, and polls take over.
    await expect.poll(() => syncIndicator(page).getAttribute('data-sync-state'), { timeout: 3000 }).toBe('polling');
    expect(await syncIndicator(page).textContent()).toBe('Polling');
    // One ordinary poll first: it is conditional, carrying the ETag of the first load.
    await expect.poll(() => polls.length, { timeout: 9000, interval: 100 }).toBeGreaterThanOrEqual(1);
    expect(polls[0]!.ifNoneMatch).toMatch(/^".+"$/);

    await setHidden(page, true);
    const hiddenAt = Date.now();
    await page.waitForTimeout(8000);
    expect(polls.filter((poll) => poll.at > hiddenAt + 100)).toEqual([]);

    // Within 600 ms: the 7 s timer alone would land in that window less than one time in ten.
    const shownAt = Date.now();
    await setHidden(page, false);
    await expect
      .poll(() => polls.filter((poll) => poll.at >= shownAt).length, { timeout: 600, interval: 20 })
      .toBeGreaterThanOrEqual(1);
  });
});
