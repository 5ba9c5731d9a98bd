/**
 * A change as the stream and `?since=` send it (issue 8 §1), read defensively like a bookings
 * body (PRODUCT.md §9 #30): anything malformed is null, never a crash.
 */
import { withBooking, withoutBooking } from '../../../core/bookings.js';
import type { Booking, BookingsBlob } from '../../../core/bookings.js';
import { isDateKey, isTimeKey } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import { normalizeBlob } from './normalize-blob.js';

export interface BookingChange {
  revision: string;
  dateKey: DateKey;
  timeKey: TimeKey;
  booking: Booking | null;
}

/** The change in `data`, or null when it is not one. */
export function parseBookingChange(data: unknown): BookingChange | null {
  if (!data || typeof data !== 'object') return null;
  const { revision, dateKey, timeKey, booking } = data as Record<string, unknown>;
  if (typeof revision !== 'string' || !isDateKey(dateKey) || !isTimeKey(timeKey)) return null;
  if (booking === null) return { revision, dateKey, timeKey, booking: null };
  const checked = normalizeBlob({ [dateKey]: { [timeKey]: booking } })?.[dateKey]?.[timeKey];
  return checked ? { revision, dateKey, timeKey, booking: checked } : null;
}

/** `blob` with the slot of `change` set to its booking, or emptied for a delete. */
export function applyBookingChange(blob: BookingsBlob, change: BookingChange): BookingsBlob {
  return change.booking
    ? withBooking(blob, change.dateKey, change.timeKey, change.booking)
    : withoutBooking(blob, change.dateKey, change.timeKey);
}

/** A `?since=` answer: the changes in order, or the whole state (`full`). */
export type ChangesAnswer =
  | { kind: 'changes'; revision: string; changes: BookingChange[] }
  | { kind: 'full'; revision: string; bookings: unknown };

/** Reads a `?since=` body; null when it is neither shape. */
export function parseChangesAnswer(body: unknown): ChangesAnswer | null {
  if (!body || typeof body !== 'object') return null;
  const { revision, changes, full, bookings } = body as Record<string, unknown>;
  if (typeof revision !== 'string') return null;
  if (full === true) return { kind: 'full', revision, bookings };
  if (!Array.isArray(changes)) return null;
  const parsed = changes.map(parseBookingChange);
  if (parsed.some((change) => change === null)) return null;
  return { kind: 'changes', revision, changes: parsed as BookingChange[] };
}
