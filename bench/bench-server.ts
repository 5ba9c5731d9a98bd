/**
 * The server under benchmark, in its own process so its memory can be read from /proc.
 * Boots Hourbook with the one boot (store from the environment, limits high enough not to
 * interfere), seeds `BENCH_BOOKINGS` bookings for instance `INSTANCE_SLUG`, then serves it.
 */
import { serve } from '@hono/node-server';
import type { BookingsBlob } from '../src/core/bookings.js';
import { addDays, timeKeyOfHour } from '../src/core/time.js';
import type { DateKey } from '../src/core/time.js';
import { bootHourbook } from '../src/server/boot.js';

/** First seeded date; benchmark POSTs go to dates after every seeded one. */
export const SEED_START = '2030-01-06' as DateKey;
/** Eight non-overlapping bookings a day: 06:00, 08:00, … 20:00, one or two hours each. */
export const BOOKINGS_PER_DAY = 8;

export function seedBlob(count: number): BookingsBlob {
  const blob: BookingsBlob = {};
  for (let index = 0; index < count; index += 1) {
    const dateKey = addDays(SEED_START, Math.floor(index / BOOKINGS_PER_DAY));
    const hour = 6 + 2 * (index % BOOKINGS_PER_DAY);
    (blob[dateKey] ??= {})[timeKeyOfHour(hour)] = { user: index % 2 ? 'Jack' : 'Bonnie', duration: 1 + (index % 2) };
  }
  return blob;
}

async function main(): Promise<void> {
  const count = Number(process.env.BENCH_BOOKINGS ?? 1000);
  const { app, settings, store, close } = await bootHourbook({
    ...process.env,
    INSTANCE_SLUG: process.env.INSTANCE_SLUG || 'bench',
    ALLOWED_ORIGINS: '',
    RATE_LIMIT_MAX: '1000000000',
    RATE_LIMIT_READ_MAX: '1000000000',
  });
  await store.bookings.replace(settings.INSTANCE_SLUG, seedBlob(count));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`READY ${info.port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => void close().then(() => process.exit(0))));
}

if (process.argv[1]?.endsWith('bench-server.ts')) void main();
