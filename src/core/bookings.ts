/**
 * Booking rules (PRODUCT.md §2.3–§2.6). A booking occupies the half-open interval
 * [start, start + duration): back-to-back bookings never overlap.
 */
import type { BookingRules } from './rules.js';
import { hourOfTimeKey, instantOfWallClock, timeKeyOfHour } from './time.js';
import type { DateKey, TimeKey } from './time.js';

/** What is stored for one booking, at its start hour only. */
export interface Booking {
  user: string;
  duration: number;
}

/**
 * One date's bookings keyed by start time key, e.g. `{ "09:00": { user: "Jack", duration: 2 } }`.
 * Keys are plain strings so literals type-check; values are validated where data enters.
 */
export type DayBookings = Record<string, Booking>;

/** All bookings keyed by date key then start: the wire shape of `GET /api/bookings` (§5.1). */
export type BookingsBlob = Record<string, DayBookings>;

export type SlotOccupancy = 'booked' | 'blocked' | 'available';

/** Why a new booking or an extension cannot go where asked. */
export type Conflict = { kind: 'start-taken' } | { kind: 'hour-taken'; hour: number } | { kind: 'past-closing' };

/** The booking whose interval covers `hour`, with its start: 10 under 09:00 × 3 → 09:00. */
export function bookingCovering(day: DayBookings, hour: number): { start: number; booking: Booking } | undefined {
  for (const [timeKey, booking] of Object.entries(day) as [TimeKey, Booking][]) {
    const start = hourOfTimeKey(timeKey);
    if (start <= hour && hour < start + booking.duration) return { start, booking };
  }
  return undefined;
}

/** `booked` if a booking starts at `hour`, `blocked` if one covers it, else `available`. */
export function slotOccupancy(day: DayBookings, hour: number): SlotOccupancy {
  const covering = bookingCovering(day, hour);
  if (!covering) return 'available';
  return covering.start === hour ? 'booked' : 'blocked';
}

/** The first hour in [from, to) that some booking other than `ignoreStart` occupies. */
function firstOccupiedHour(day: DayBookings, from: number, to: number, ignoreStart?: number): number | undefined {
  for (let hour = from; hour < to; hour += 1) {
    const covering = bookingCovering(day, hour);
    if (covering && covering.start !== ignoreStart) return hour;
  }
  return undefined;
}

/**
 * Why a booking of `duration` hours at `start` cannot be made, or undefined when it can.
 * Checks every hour, so an earlier multi-hour booking covering `start` is caught (§10).
 */
export function findCreateConflict(
  day: DayBookings,
  start: number,
  duration: number,
  rules: Pick<BookingRules, 'closeHour'>,
): Conflict | undefined {
  if (start + duration > rules.closeHour) return { kind: 'past-closing' };
  if (bookingCovering(day, start)) return { kind: 'start-taken' };
  const taken = firstOccupiedHour(day, start + 1, start + duration);
  return taken === undefined ? undefined : { kind: 'hour-taken', hour: taken };
}

/**
 * Why the booking at `start` cannot change to `duration` hours, or undefined when it can.
 * Shrinking always succeeds; extending checks only the added hours against other bookings.
 */
export function findDurationConflict(
  day: DayBookings,
  start: number,
  duration: number,
  rules: Pick<BookingRules, 'closeHour'>,
): Conflict | undefined {
  const current = day[timeKeyOfHour(start)]?.duration ?? 0;
  if (duration <= current) return undefined;
  if (start + duration > rules.closeHour) return { kind: 'past-closing' };
  const taken = firstOccupiedHour(day, start + current, start + duration, start);
  return taken === undefined ? undefined : { kind: 'hour-taken', hour: taken };
}

/**
 * Why a booking of `duration` hours cannot move to `start` on `day`, or undefined when it can:
 * the create rule over every hour, except that the moving booking's own hours (`ownStart`, when
 * `day` is the date it leaves) never block it. 09:00 × 3 may move to 10:00 on its own date.
 */
export function findMoveConflict(
  day: DayBookings,
  start: number,
  duration: number,
  rules: Pick<BookingRules, 'closeHour'>,
  ownStart?: number,
): Conflict | undefined {
  if (start + duration > rules.closeHour) return { kind: 'past-closing' };
  const others = ownStart === undefined ? day : withoutStart(day, timeKeyOfHour(ownStart));
  const taken = firstOccupiedHour(others, start, start + duration);
  return taken === undefined ? undefined : { kind: 'hour-taken', hour: taken };
}

function withoutStart(day: DayBookings, timeKey: TimeKey): DayBookings {
  const { [timeKey]: _moving, ...others } = day;
  return others;
}

/** True when `duration` hours at `start` fit: see `findCreateConflict`. */
export function canBook(
  day: DayBookings,
  start: number,
  duration: number,
  rules: Pick<BookingRules, 'closeHour'>,
): boolean {
  return findCreateConflict(day, start, duration, rules) === undefined;
}

/** True when the booking at `start` may become `duration` hours: see `findDurationConflict`. */
export function canChangeDuration(
  day: DayBookings,
  start: number,
  duration: number,
  rules: Pick<BookingRules, 'closeHour'>,
): boolean {
  return findDurationConflict(day, start, duration, rules) === undefined;
}

/** The API's 409 text for a create conflict (§4.2), e.g. `Slot 09:00 conflicts with booking duration`. */
export function createConflictMessage(conflict: Conflict): string {
  if (conflict.kind === 'hour-taken') return `Slot ${timeKeyOfHour(conflict.hour)} conflicts with booking duration`;
  return 'Slot already booked';
}

/** The API's 409 text for an extension conflict (§4.2), e.g. `Cannot extend: slot 12:00 is already booked`. */
export function extendConflictMessage(conflict: Conflict): string {
  const hour = conflict.kind === 'hour-taken' ? conflict.hour : 0;
  return `Cannot extend: slot ${timeKeyOfHour(hour)} is already booked`;
}

/**
 * The API's 409 text for a move conflict (issue 9 §9), e.g. `Cannot move: slot 13:00 is already booked`,
 * or `Cannot move: booking must end by 22:00` when it would run past closing.
 */
export function moveConflictMessage(conflict: Conflict, rules: Pick<BookingRules, 'closeHour'>): string {
  if (conflict.kind === 'hour-taken') return `Cannot move: slot ${timeKeyOfHour(conflict.hour)} is already booked`;
  return `Cannot move: booking must end by ${rules.closeHour}:00`;
}

/**
 * True once the slot has ended: the end-of-hour rule (§2.4) keeps 09:00 bookable until
 * 09:59:59.999 in the business zone.
 */
export function isSlotPast(dateKey: DateKey, hour: number, now: number, timeZone: string): boolean {
  return instantOfWallClock(dateKey, hour + 1, timeZone) <= now;
}

/** The blob with `booking` added at `dateKey`/`timeKey` (no checks: callers check first). */
export function withBooking(blob: BookingsBlob, dateKey: DateKey, timeKey: TimeKey, booking: Booking): BookingsBlob {
  return { ...blob, [dateKey]: { ...blob[dateKey], [timeKey]: booking } };
}

/** The blob without the booking at `dateKey`/`timeKey`, dropping the date when it empties (§2.6). */
export function withoutBooking(blob: BookingsBlob, dateKey: DateKey, timeKey: TimeKey): BookingsBlob {
  const day = blob[dateKey];
  if (!day || !(timeKey in day)) return blob;
  const { [timeKey]: _removed, ...rest } = day;
  const next = { ...blob };
  if (Object.keys(rest).length === 0) delete next[dateKey];
  else next[dateKey] = rest;
  return next;
}
