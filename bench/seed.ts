/**
 * The data a benchmark starts from: `count` bookings, eight a day from `SEED_START`, written into
 * the store before the production server starts on it.
 */
import type { BookingsBlob } from '../src/core/bookings.js';
import { addDays, timeKeyOfHour } from '../src/core/time.js';
import type { DateKey } from '../src/core/time.js';
import { readSettings } from '../src/server/settings.js';
import { createStore } from '../src/storage/select-store.js';

/** First seeded date; benchmark POSTs go to dates after every seeded one. */
export const SEED_START = '2030-01-06' as DateKey;
/** Eight non-overlapping bookings a day: 06:00, 08:00, … 20:00, one or two hours each. */
export const BOOKINGS_PER_DAY = 8;

/** `count` non-overlapping bookings from `SEED_START` on. */
export function seedBlob(count: number): BookingsBlob {
  const blob: BookingsBlob = {};
  for (let index = 0; index < count; index += 1) {
    const dateKey = addDays(SEED_START, Math.floor(index / BOOKINGS_PER_DAY));
    const hour = 6 + 2 * (index % BOOKINGS_PER_DAY);
    (blob[dateKey] ??= {})[timeKeyOfHour(hour)] = { user: index % 2 ? 'Jack' : 'Bonnie', duration: 1 + (index % 2) };
  }
  return blob;
}

/**
 * Seeds `count` bookings for the instance and store the environment names, through the same
 * settings schema and store selection as the server; the store is closed again afterwards.
 */
export async function seedStore(env: Record<string, string | undefined>, count: number): Promise<void> {
  const settings = readSettings(env);
  const store = await createStore(settings.store);
  try {
    await store.bookings.replace(settings.INSTANCE_SLUG, seedBlob(count));
  } finally {
    await store.close();
  }
}
