/**
 * Debian's Chromium driven by playwright-core: no browser download, ever. Without the binary the
 * browser suites skip with a reason, except under `CI=true`, where they fail (STYLE.md 4).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser suites cannot run here, or undefined when they can. */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM_PATH)
  ? undefined
  : `${CHROMIUM_PATH} not found (apt-get install chromium, or set CHROMIUM_PATH)`;

/** True when the suites must skip: no browser, and not in CI (where a skip would hide a gap). */
export const skipBrowserSuites = chromiumMissing !== undefined && process.env.CI !== 'true';

if (skipBrowserSuites) console.warn(`e2e skipped: ${chromiumMissing}`);

/** Launches headless Chromium; throws with the reason when it is missing (the CI path). */
export async function launchChromium(): Promise<Browser> {
  if (chromiumMissing) throw new Error(`Browser tests cannot run: ${chromiumMissing}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
