/** Small factories for test data (STYLE.md 14). */
import { randomUUID } from 'node:crypto';
import type { SlotRef } from '../../src/core/requests.js';
import { hourOfTimeKey } from '../../src/core/time.js';
import type { DateKey, TimeKey } from '../../src/core/time.js';
import type { RateLimitBucket, RateLimitCharge, RateLimitHit } from '../../src/storage/store.js';

/** A slug no other test uses, so each test owns its data (STYLE.md 5). */
export function uniqueSlug(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** A slot reference: `slot('2026-03-02', '09:00')`. */
export function slot(dateKey: string, timeKey: string): SlotRef {
  return { dateKey: dateKey as DateKey, timeKey: timeKey as TimeKey, hour: hourOfTimeKey(timeKey as TimeKey) };
}

/** A charge for a fresh client's budget that keeps every count it is handed. */
export function chargeFor(
  budget: RateLimitBucket['budget'],
  max = 60,
  now = 1_000_000,
): RateLimitCharge & { hits: RateLimitHit[] } {
  const hits: RateLimitHit[] = [];
  return {
    bucket: { budget, client: uniqueSlug('client') },
    windowMs: 60_000,
    now,
    max,
    hits,
    record: (hit) => hits.push(hit),
  };
}
