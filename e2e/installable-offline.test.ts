/**
 * Installable and offline from the first byte (issue 9 §13), in real Chromium against a real
 * server: the manifest is linked and valid, the service worker installs and controls the page,
 * and a reload with the server stopped shows the last known bookings and *Offline*, while API
 * requests still fail rather than being answered from the worker's cache; the restarted server
 * brings the page back live with the server's state.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShellWorker } from '../src/pwa/vite-plugin.js';
import { launchChromium, skipBrowserSuites } from './support/browser.js';
import { buildClient } from './support/build-client.js';
import { startRestartableHourbook } from './support/hourbook-server.js';
import { brisbane, newCalendarPage, saveScreenshot, waitForCalendar } from './support/page.js';
import { bookingBlock, syncIndicator } from './support/queries.js';

const NOW = brisbane('2026-11-24 10:20');
const TODAY = '2026-11-24';
const SLUG = 'cps-software';
/** One poll interval (PRODUCT.md §6.3) plus the time a poll and a render take on a slow machine. */
const SYNC_WAIT_MS = 7000 + 1500;

let browser: Browser;

interface FetchedManifest {
  status: number;
  contentType: string | null;
  body: {
    name: string;
    short_name: string;
    start_url: string;
    scope: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };
  icons: { src: string; status: number; type: string | null; width: number; height: number }[];
}

/** The manifest the page links, and each icon it lists as the browser decodes it. */
function fetchLinkedManifest(page: Page): Promise<FetchedManifest> {
  return page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? '';
    const response = await fetch(href);
    const body = (await response.json()) as FetchedManifest['body'];
    const icons = await Promise.all(
      body.icons.map(async (icon) => {
        const answer = await fetch(new URL(icon.src, href));
        const bitmap = await createImageBitmap(await answer.blob());
        return {
          src: icon.src,
          status: answer.status,
          type: answer.headers.get('content-type'),
          width: bitmap.width,
          height: bitmap.height,
        };
      }),
    );
    return { status: response.status, contentType: response.headers.get('content-type'), body, icons };
  });
}

/** The names of the page's caches (the worker's shell caches). */
function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

/** What a page-made `/api` request gets now: its status, or `failed` when the network failed. */
function apiAnswer(page: Page, path: string): Promise<string> {
  return page.evaluate(
    (url) =>
      fetch(url, { cache: 'no-store' }).then(
        (response) => `status ${response.status}`,
        () => 'failed',
      ),
    path,
  );
}

describe.skipIf(skipBrowserSuites)('installable app that opens offline', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('installs, then reloads with the server down into the last known bookings and Offline', async () => {
    const server = await startRestartableHourbook({ clientDir: await buildClient('api'), now: NOW });
    await server.store.bookings.replace(SLUG, { [TODAY]: { '14:00': { user: 'Joel', duration: 2 } } });
    const { context, page, problems } = await newCalendarPage(browser, {
      now: NOW,
      viewport: { width: 1440, height: 900 },
    });
    try {
      await page.goto(server.url);
      await waitForCalendar(page);
      await bookingBlock(page, 'Joel', '2 PM', '4 PM').waitFor();

      const manifest = await fetchLinkedManifest(page);
      expect(manifest.status).toBe(200);
      expect(manifest.contentType).toMatch(/^application\/manifest\+json/);
      expect(manifest.body).toMatchObject({
        name: 'CPS Software Booking',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0a1628',
      });
      expect(manifest.body.short_name.length).toBeLessThanOrEqual(12);
      expect(manifest.icons.map(({ src, status, type, width }) => ({ src, status, type, width }))).toEqual(
        manifest.body.icons.map((icon) => ({
          src: icon.src,
          status: 200,
          type: 'image/png',
          width: Number(icon.sizes.split('x')[0]),
        })),
      );
      expect(new Set(manifest.body.icons.map((icon) => `${icon.sizes} ${icon.purpose}`))).toEqual(
        new Set(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']),
      );

      // The worker installs (precaching the shell) and takes over the page it was registered from.
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 10_000 })
        .toBe(`${server.url}/sw.js`);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(`${server.url}/`);
      // Chromium's own reading of the manifest: no parse errors, and what it says it would install.
      const cdp = await context.newCDPSession(page);
      const parsed = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
      expect(parsed).toMatchObject({ errors: [], url: `${server.url}/manifest.webmanifest` });
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      // A test browser context is off the record, which alone keeps Chromium from offering the install.
      expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
      const stored = () => page.evaluate(() => localStorage.getItem('hourbook-last-bookings'));
      expect(JSON.parse((await stored()) ?? 'null')).toEqual({ [TODAY]: { '14:00': { user: 'Joel', duration: 2 } } });

      await server.stop();
      // Meanwhile Joel's booking is replaced by Rue's (straight in the store: the API is down).
      await server.store.bookings.replace(SLUG, { [TODAY]: { '16:00': { user: 'Rue', duration: 1 } } });
      await page.reload();
      await waitForCalendar(page);
      await bookingBlock(page, 'Joel', '2 PM', '4 PM').waitFor();
      await expect.poll(() => syncIndicator(page).getAttribute('data-sync-state')).toBe('offline');
      expect(await syncIndicator(page).textContent()).toContain('Offline');
      await saveScreenshot(page, 'installable-offline-reload');

      // The API is not answered from the worker's cache: the request fails, as the server is gone.
      expect(await apiAnswer(page, '/api/bookings')).toBe('failed');
      expect(await apiAnswer(page, '/api/config')).toBe('failed');
      const cachedUrls = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
      });
      expect(cachedUrls).toContain('/index.html');
      expect(cachedUrls.filter((path) => path.startsWith('/api'))).toEqual([]);
      // What was shown from the last known state was not stored again as the server's.
      expect(JSON.parse((await stored()) ?? 'null')).toEqual({ [TODAY]: { '14:00': { user: 'Joel', duration: 2 } } });

      await server.restart();
      await expect
        .poll(() => syncIndicator(page).getAttribute('data-sync-state'), { timeout: 2 * SYNC_WAIT_MS, interval: 200 })
        .toBe('live');
      await bookingBlock(page, 'Rue', '4 PM', '5 PM').waitFor();
      expect(await bookingBlock(page, 'Joel', '2 PM', '4 PM').count()).toBe(0);
      expect(JSON.parse((await stored()) ?? 'null')).toEqual({ [TODAY]: { '16:00': { user: 'Rue', duration: 1 } } });
      // The manifest and the worker live under the site's strict CSP (default-src 'self').
      expect(problems.cspViolations).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('gives another instance its own manifest, worker scope and last known bookings', async () => {
    const server = await startRestartableHourbook({ clientDir: await buildClient('api'), now: NOW });
    const users = [{ name: 'Ann', key: 'a' }];
    const createdAt = '2026-01-01T00:00:00.000Z';
    await server.store.instances.setConfig('team-a', { slug: 'team-a', title: 'Team A room', users, createdAt });
    await server.store.bookings.replace('team-a', { [TODAY]: { '13:00': { user: 'Ann', duration: 1 } } });
    const { context, page } = await newCalendarPage(browser, { now: NOW });
    try {
      await page.goto(`${server.url}/i/team-a/`);
      await waitForCalendar(page);
      await bookingBlock(page, 'Ann', '1 PM', '2 PM').waitFor();

      const manifest = await fetchLinkedManifest(page);
      expect(manifest.body).toMatchObject({ name: 'Team A room', start_url: '/i/team-a/', scope: '/i/team-a/' });
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), { timeout: 10_000 })
        .toBe(`${server.url}/sw.js`);
      expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(
        `${server.url}/i/team-a/`,
      );
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('hourbook-last-bookings:team-a')))
        .toContain('Ann');
      expect(await page.evaluate(() => localStorage.getItem('hourbook-last-bookings'))).toBeNull();

      await server.stop();
      await page.reload();
      await waitForCalendar(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Team A room');
      await bookingBlock(page, 'Ann', '1 PM', '2 PM').waitFor();
      await expect.poll(() => syncIndicator(page).getAttribute('data-sync-state')).toBe('offline');
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('installs the next build on the next visit and deletes the cache of the one before', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'hourbook-pwa-'));
    cpSync(await buildClient('api'), clientDir, { recursive: true });
    const server = await startRestartableHourbook({ clientDir, now: NOW });
    const { context, page } = await newCalendarPage(browser, { now: NOW });
    try {
      await page.goto(server.url);
      await waitForCalendar(page);
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 })
        .toBe(true);
      const [first, ...others] = await cacheNames(page);
      expect(others).toEqual([]);
      expect(first).toMatch(/^hourbook-shell:\/:[0-9a-f]{12}$/);

      // A new build: its page changed, so its worker carries a new version.
      const indexFile = join(clientDir, 'index.html');
      writeFileSync(
        indexFile,
        readFileSync(indexFile, 'utf8').replace('<head>', '<head><meta name="build" content="next" />'),
      );
      await writeShellWorker(clientDir);
      await page.reload();
      await waitForCalendar(page);
      // The worker checks for an update on each navigation; the new one takes over and cleans up.
      const replaced = async () => {
        const names = await cacheNames(page);
        return names.length === 1 && names[0] !== first && /^hourbook-shell:\/:[0-9a-f]{12}$/.test(names[0]!);
      };
      await expect.poll(replaced, { timeout: 10_000 }).toBe(true);

      // Offline, the shell is the new build's.
      await server.stop();
      await page.reload();
      await waitForCalendar(page);
      expect(await page.locator('meta[name="build"]').getAttribute('content')).toBe('next');
    } finally {
      await context.close();
      await server.close();
      rmSync(clientDir, { recursive: true, force: true });
    }
  });
});
