/**
 * Browser-side helpers: a context whose clock is fixed to the same instant as the server's, a
 * record of everything the page complained about, screenshots under `test-results/`, and a
 * direct look at the API the way any other client would see it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 740 };

/** The instant of a Brisbane wall-clock time (UTC+10, no DST): `brisbane('2026-11-24 10:20')`. */
export function brisbane(wallClock: string): number {
  return Date.parse(`${wallClock.replace(' ', 'T')}:00+10:00`);
}

/** What a page logged as an error, threw, or had blocked by its Content-Security-Policy. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
}

/** Starts recording a page's problems; CSP violations come from the DOM event as well as the console. */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    problems.consoleErrors.push(message.text());
    if (/Content Security Policy/i.test(message.text())) problems.cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  await page.exposeFunction('__hourbookCspViolation', (text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __hourbookCspViolation: (text: string) => void }).__hourbookCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return problems;
}

export interface CalendarOptions {
  now: number;
  viewport?: { width: number; height: number };
  /** Only for the axe scan: its injected script is inline and the strict CSP would block it. */
  bypassCSP?: boolean;
  /** Device time zone; the client must use Brisbane time whatever this is (PRODUCT.md §2.1). */
  timezoneId?: string;
  /** Keeps the real `performance` object as `window.__hourbookPerformance` for timing (see below). */
  keepNativePerformance?: boolean;
  /** A phone or tablet: touch events, `(hover: none)` and `(pointer: coarse)`. */
  touch?: boolean;
}

/**
 * The browser's own `performance` (times in ms since navigation start), saved before the fake
 * clock replaces it with one whose `now()` counts from the `setFixedTime` call and whose
 * entries are empty.
 */
export type NativePerformanceWindow = Window & { __hourbookPerformance: Performance };

export interface OpenCalendar {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A new context with its clock fixed at `options.now`, and a page that has not navigated yet. */
export async function newCalendarPage(browser: Browser, options: CalendarOptions): Promise<OpenCalendar> {
  const contextOptions: BrowserContextOptions = {
    viewport: options.viewport ?? DESKTOP,
    locale: 'en-US',
    timezoneId: options.timezoneId ?? 'UTC',
    bypassCSP: options.bypassCSP ?? false,
    hasTouch: options.touch ?? false,
    isMobile: options.touch ?? false,
  };
  const context = await browser.newContext(contextOptions);
  // Fail within the test's own budget with a useful message, not at Playwright's 30 s default.
  context.setDefaultTimeout(10_000);
  if (options.keepNativePerformance) {
    // Init scripts run in the order they were added, so this one runs before the fake clock's.
    await context.addInitScript(() => {
      (window as unknown as NativePerformanceWindow).__hourbookPerformance = performance;
    });
  }
  // Date is frozen but timers keep running in real time, so the 7 s poll still fires.
  await context.clock.setFixedTime(options.now);
  const page = await context.newPage();
  const problems = await watchProblems(page);
  return { context, page, problems };
}

/** Opens the calendar and waits until the day view is rendered (the loading state is gone). */
export async function openCalendar(browser: Browser, url: string, options: CalendarOptions): Promise<OpenCalendar> {
  const opened = await newCalendarPage(browser, options);
  await opened.page.goto(url);
  await waitForCalendar(opened.page);
  return opened;
}

/** Resolves once the header's date heading shows, i.e. config has loaded and a view rendered. */
export async function waitForCalendar(page: Page): Promise<void> {
  await page
    .getByRole('heading', { level: 2, name: /^[A-Z][a-z]+day, / })
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 });
  await page.getByText('Loading configuration...').waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Saves a screenshot as `test-results/e2e/<name>.png`: the whole page, or only the viewport when
 * a fixed dialog is open (a full-page shot would show the page running on under it).
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Blurred glass over a whole screen is slow to paint without a GPU: a busy machine needs more than 10 s.
  await page.screenshot({ path, fullPage, animations: 'disabled', timeout: 30_000 });
  return path;
}

/** The stored bookings blob, read over HTTP like any other client. */
export async function fetchBookings(url: string): Promise<Record<string, Record<string, unknown>>> {
  const response = await fetch(`${url}/api/bookings`);
  if (!response.ok) throw new Error(`GET /api/bookings → ${response.status}`);
  return (await response.json()) as Record<string, Record<string, unknown>>;
}

/** Makes the page report itself hidden or visible, as switching tabs does. */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((isHidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (isHidden ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
