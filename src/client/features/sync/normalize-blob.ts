/**
 * Defensive reading of a bookings body (PRODUCT.md §9 #30): a non-object is ignored, malformed
 * dates, hours and entries are treated as absent, never as a crash.
 */
import type { Booking, BookingsBlob, DayBookings } from '../../../core/bookings.js';
import { isDateKey, isTimeKey } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';

function isBooking(value: unknown): value is Booking {
  if (!value || typeof value !== 'object') return false;
  const { user, duration } = value as Record<string, unknown>;
  return typeof user === 'string' && typeof duration === 'number' && Number.isInteger(duration) && duration >= 1;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The well-formed part of `body` as a blob, or null when `body` is not a plain object. */
export function normalizeBlob(body: unknown): BookingsBlob | null {
  if (!isPlainObject(body)) return null;
  const blob: BookingsBlob = {};
  for (const [dateKey, day] of Object.entries(body)) {
    if (!isDateKey(dateKey) || !isPlainObject(day)) continue;
    const clean: DayBookings = {};
    for (const [timeKey, booking] of Object.entries(day)) {
      if (isTimeKey(timeKey) && isBooking(booking))
        clean[timeKey as TimeKey] = { user: booking.user, duration: booking.duration };
    }
    if (Object.keys(clean).length > 0) blob[dateKey as DateKey] = clean;
  }
  return blob;
}
