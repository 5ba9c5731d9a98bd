/**
 * How stored values are read and named, the same on every backend: config versions, booking
 * entries that may have been damaged by hand, and rate-limit bucket names.
 */
import { createHash } from 'node:crypto';
import type { Booking } from '../core/bookings.js';
import { isTimeKey } from '../core/time.js';
import type { RateLimitBucket, RateLimitHit } from './store.js';

/** The version of a stored config text: its SHA-1 in hex (what Lua's `redis.sha1hex` gives), or `none`. */
export function configVersionOf(text: string | null): string {
  return text === null ? 'none' : createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * A stored booking entry read back: `{"user":"Jack","duration":2}` at `09:00` → the booking;
 * anything else → the reason it is not one, e.g. `not valid JSON`.
 */
export function readStoredBooking(timeKey: string, text: string): Booking | { damaged: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { damaged: 'not valid JSON' };
  }
  return checkStoredBooking(timeKey, value);
}

/** `readStoredBooking` for a value already decoded (a SQLite row). */
export function checkStoredBooking(timeKey: string, value: unknown): Booking | { damaged: string } {
  if (!isTimeKey(timeKey)) return { damaged: 'time is not HH:00' };
  if (typeof value !== 'object' || value === null) return { damaged: 'not an object with user and duration' };
  const { user, duration } = value as Record<string, unknown>;
  if (typeof user !== 'string' || user.trim() === '') return { damaged: 'user is not a non-empty string' };
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 24) {
    return { damaged: 'duration is not a whole number 1-24' };
  }
  return { user, duration };
}

// Addresses (IPv4, IPv6, `unknown`) are kept readable; anything else is hashed, and '#' marks a
// hash, so no client string can produce another's bucket name (issue 7 §5.2).
const READABLE_CLIENT = /^[0-9A-Za-z.:-]{1,64}$/;

/** The bucket's name: `r:203.0.113.9`, `w:::1`, or `w:#<32 hex>` for a long or unusual client string. */
export function bucketName(bucket: RateLimitBucket): string {
  const prefix = bucket.budget === 'read' ? 'r' : 'w';
  if (READABLE_CLIENT.test(bucket.client)) return `${prefix}:${bucket.client}`;
  return `${prefix}:#${createHash('sha256').update(bucket.client, 'utf8').digest('hex').slice(0, 32)}`;
}

/**
 * An in-process fixed-window counter with the stores' semantics (a window starts at its first
 * hit and ends `windowMs` later); bounded by dropping ended windows once it holds 10,000 buckets.
 */
export function createWindowCounter(): (name: string, windowMs: number, now: number) => RateLimitHit {
  const windows = new Map<string, RateLimitHit>();
  return function hitInProcess(name, windowMs, now) {
    const current = windows.get(name);
    const hit =
      !current || current.windowStart <= now - windowMs
        ? { count: 1, windowStart: now }
        : { count: current.count + 1, windowStart: current.windowStart };
    windows.set(name, hit);
    if (windows.size > 10_000) {
      for (const [key, value] of windows) if (value.windowStart <= now - windowMs) windows.delete(key);
    }
    return hit;
  };
}
