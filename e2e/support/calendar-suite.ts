/**
 * The shared setup of the web-client suites (issue 4): the production build served by the app, a
 * real SQLite file, and the same fixed instant for the server and the browser — Tuesday
 * 24 Nov 2026, 10:20 in Brisbane, when Sydney is on daylight time (+1 h).
 * One browser and one server per test file; each test opens its own contexts and starts from an
 * empty store with the server's clock back at NOW.
 *
 * Call `useCalendarSuite()` inside a `describe.skipIf(skipBrowserSuites)(…)` block: it registers
 * the hooks there and returns accessors for the browser, the server and the helpers.
 */
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { BookingsBlob } from '../../src/core/bookings.js';
import { launchChromium } from './browser.js';
import { buildClient } from './build-client.js';
import { startHourbook } from './hourbook-server.js';
import type { HourbookServer } from './hourbook-server.js';
import { brisbane, fetchBookings, newCalendarPage, openCalendar } from './page.js';
import type { CalendarOptions, OpenCalendar } from './page.js';

export const NOW = brisbane('2026-11-24 10:20');
export const TODAY = '2026-11-24';
export const SLUG = 'cps-software';
/** One poll interval (PRODUCT.md §6.3) plus the time a poll and a render take on a slow machine. */
export const SYNC_WAIT_MS = 7000 + 1500;

export interface CalendarSuite {
  /** The file's browser (set once `beforeAll` has run). */
  readonly browser: Browser;
  /** The file's server (set once `beforeAll` has run). */
  readonly server: HourbookServer;
  /** Opens the calendar at NOW (unless `options.now` says otherwise); closed before the next test. */
  open: (options?: Partial<CalendarOptions>) => Promise<OpenCalendar>;
  /** A context and a page that has not navigated yet; closed before the next test. */
  newPage: (options: CalendarOptions) => Promise<OpenCalendar>;
  /** Replaces the stored bookings. */
  seed: (bookings: BookingsBlob) => Promise<void>;
  /** Polls the stored bookings over HTTP until the matcher passes or `timeout` ms have gone. */
  pollServer: (timeout?: number) => ReturnType<typeof pollBookings>;
}

function pollBookings(url: string, timeout: number) {
  return expect.poll(() => fetchBookings(url), { timeout, interval: 100 });
}

/** Registers the suite's hooks in the enclosing `describe` and returns its accessors. */
export function useCalendarSuite(options: { env?: Record<string, string> } = {}): CalendarSuite {
  let browser: Browser | undefined;
  let server: HourbookServer | undefined;
  const opened: OpenCalendar[] = [];

  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`The calendar suite's ${name} is not started (used outside a test?)`);
    return value;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startHourbook({ clientDir: await buildClient('api'), now: NOW, env: options.env });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    await Promise.all(opened.splice(0).map(({ context }) => context.close()));
    await suite.seed({});
    suite.server.setNow(NOW);
  });

  const suite: CalendarSuite = {
    get browser() {
      return started(browser, 'browser');
    },
    get server() {
      return started(server, 'server');
    },
    async open(options = {}) {
      const calendar = await openCalendar(suite.browser, suite.server.url, { now: NOW, ...options });
      opened.push(calendar);
      return calendar;
    },
    async newPage(options) {
      const calendar = await newCalendarPage(suite.browser, options);
      opened.push(calendar);
      return calendar;
    },
    async seed(bookings) {
      await suite.server.store.bookings.replace(SLUG, bookings);
    },
    pollServer: (timeout = 5000) => pollBookings(suite.server.url, timeout),
  };
  return suite;
}

/** The writes a page sends to the API, e.g. `PUT /api/bookings/update`. */
export function recordWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/')) {
      writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    }
  });
  return writes;
}

/** Asserts a block covers exactly the rows from `first` to `last` (±2 px), PRODUCT.md §8.4. */
export async function expectToSpan(block: Locator, first: Locator, last: Locator): Promise<void> {
  const [box, top, bottom] = await Promise.all([block.boundingBox(), first.boundingBox(), last.boundingBox()]);
  expect(box, 'block has a box').not.toBeNull();
  expect(Math.abs(box!.y - top!.y), `block top ${box!.y} vs row top ${top!.y}`).toBeLessThanOrEqual(2);
  const bottomGap = box!.y + box!.height - (bottom!.y + bottom!.height);
  expect(Math.abs(bottomGap), `block bottom off by ${bottomGap} px`).toBeLessThanOrEqual(2);
}
