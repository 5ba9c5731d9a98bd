/**
 * Change-to-screen latency through Redis (issue 8 targets: p50 < 100 ms, p99 < 300 ms): two
 * production servers (`node build/server/main.js`) on one fresh `redis-server`, a real Chromium
 * tab on B following its change stream, writes through A. One sample is the time from sending a
 * create (or delete) to A until the booking appears in (or leaves) the tab's DOM, seen by a
 * MutationObserver. Both ends read the same machine clock (`performance.timeOrigin + now()`,
 * the page's native one). `BENCH_SCREEN_SAMPLES` (default 200) sets the count.
 */
import { addDays } from '../src/core/time.js';
import type { DateKey } from '../src/core/time.js';
import { chromiumMissing, launchChromium } from '../e2e/support/browser.js';
import { brisbane, newCalendarPage, waitForCalendar } from '../e2e/support/page.js';
import type { NativePerformanceWindow } from '../e2e/support/page.js';
import { redisUnavailableReason, startTestRedis } from '../test/support/redis-server.js';
import { startServerProcess } from '../test/support/server-process.js';

const SAMPLES = Number(process.env.BENCH_SCREEN_SAMPLES ?? 200);
const USER = 'Jack';
/** The tab's clock, fixed a week ahead (the servers run on the real one): every hour is bookable. */
const DAY = addDays(new Date().toLocaleDateString('en-CA', { timeZone: 'Australia/Brisbane' }) as DateKey, 7) as string;

type WatchedWindow = NativePerformanceWindow & { __hourbookSeen?: Promise<number> };

const wallClock = () => performance.timeOrigin + performance.now();

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface ScreenLatency extends Percentiles {
  samples: number;
  /** The part the write itself took (sent → its answer back at the benchmark). */
  write: Percentiles;
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (quantile: number) =>
    Math.round(10 * sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]!) / 10;
  return { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1)!) };
}

/** Why it cannot run here (no Redis, no Chromium), or undefined. */
export function screenLatencyUnavailable(): string | undefined {
  return redisUnavailableReason() ?? chromiumMissing;
}

/** Runs the measurement (the built tree must be fresh). */
export async function measureScreenLatency(): Promise<ScreenLatency> {
  const redis = await startTestRedis();
  const env = {
    KV_REDIS_URL: redis.url,
    INSTANCE_SLUG: 'bench-screen',
    RATE_LIMIT_MAX: '1000000000',
    RATE_LIMIT_READ_MAX: '1000000000',
  };
  const servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const [a, b] = servers;
  const browser = await launchChromium();
  try {
    const { page } = await newCalendarPage(browser, {
      now: brisbane(`${DAY} 10:20`),
      keepNativePerformance: true,
    });
    await page.goto(b.url);
    await waitForCalendar(page);
    await page.locator('[data-sync-state="live"]').waitFor({ timeout: 5000 });

    const latencies: number[] = [];
    const writes: number[] = [];
    for (let index = 0; index < SAMPLES; index += 1) {
      const creating = index % 2 === 0;
      const slot = { dateKey: DAY, timeKey: `${String(11 + (Math.floor(index / 2) % 8)).padStart(2, '0')}:00` };
      // Armed before the write is sent: resolves at the first DOM change that shows it.
      await page.evaluate(
        ({ shown, user }) => {
          const tab = window as unknown as WatchedWindow;
          const clock = tab.__hourbookPerformance;
          tab.__hourbookSeen = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
              if ((document.querySelector(`[aria-label^="Booking by ${user} from"]`) !== null) !== shown) return;
              observer.disconnect();
              resolve(clock.timeOrigin + clock.now());
            });
            observer.observe(document.body, { childList: true, subtree: true, attributes: true });
          });
        },
        { shown: creating, user: USER },
      );
      const sentAt = wallClock();
      const response = await fetch(`${a.url}/api/bookings${creating ? '' : '/update'}`, {
        method: creating ? 'POST' : 'DELETE',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(creating ? { ...slot, user: USER, duration: 1 } : slot),
      });
      if (response.status !== (creating ? 201 : 200)) throw new Error(`write answered ${response.status}`);
      writes.push(wallClock() - sentAt);
      const seenAt = await page.evaluate(() => (window as unknown as WatchedWindow).__hourbookSeen!);
      latencies.push(seenAt - sentAt);
    }
    return { samples: latencies.length, ...percentiles(latencies), write: percentiles(writes) };
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.stop()));
    await redis.close();
  }
}
