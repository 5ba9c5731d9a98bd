/**
 * What `hourbook import` would change, worked out before anything is written (and all that
 * `--dry-run` does). Two modes, chosen by the operator:
 * - `merge` (default): the file's bookings are added; one already stored exactly is unchanged;
 *   one that meets a stored booking (or another of the file's, or closing time) is a conflict,
 *   and any conflict refuses the whole import: nothing stored is ever overwritten.
 * - `replace`: the instance's bookings become exactly the file's, in one atomic step; every
 *   stored booking that goes is listed first (`removed`), so nothing disappears unseen.
 */
import { findCreateConflict } from '../core/bookings.js';
import type { BookingsBlob, DayBookings } from '../core/bookings.js';
import type { BookingRules } from '../core/rules.js';
import { hourOfTimeKey, timeKeyOfHour } from '../core/time.js';
import type { TimeKey } from '../core/time.js';
import { entriesOf } from './bookings-file.js';
import type { SlotBooking } from './bookings-file.js';

export type ImportMode = 'merge' | 'replace';

/** A booking of the file that a merge cannot add, with why, e.g. `overlaps Ann's 09:00 × 2`. */
export interface ImportConflict extends SlotBooking {
  reason: string;
}

export interface ImportPlan {
  mode: ImportMode;
  /** Bookings to write. */
  add: SlotBooking[];
  /** Bookings of the file already stored exactly so. */
  unchanged: SlotBooking[];
  /** Merge only: bookings of the file that meet stored ones; any of them stops the import. */
  conflicts: ImportConflict[];
  /** Replace only: stored bookings the file does not hold, which the replace removes. */
  removed: SlotBooking[];
}

const sameBooking = (a: SlotBooking['booking'] | undefined, b: SlotBooking['booking']) =>
  a !== undefined && a.user === b.user && a.duration === b.duration;

function describeSpan(timeKey: string, booking: SlotBooking['booking']): string {
  return `${booking.user}'s ${timeKey} × ${booking.duration}`;
}

/** Why `entry` cannot join `day` (stored bookings plus those already planned), or undefined. */
function conflictReason(
  day: DayBookings,
  entry: SlotBooking,
  rules: Pick<BookingRules, 'closeHour'>,
): string | undefined {
  const start = hourOfTimeKey(entry.timeKey);
  const conflict = findCreateConflict(day, start, entry.booking.duration, rules);
  if (!conflict) return undefined;
  if (conflict.kind === 'past-closing') return `ends after closing time ${timeKeyOfHour(rules.closeHour)}`;
  const hour = conflict.kind === 'hour-taken' ? conflict.hour : start;
  const covering = Object.entries(day).find(([timeKey, booking]) => {
    const from = hourOfTimeKey(timeKey as TimeKey);
    return from <= hour && hour < from + booking.duration;
  });
  return covering
    ? `overlaps ${describeSpan(covering[0], covering[1])}`
    : `meets another booking at ${timeKeyOfHour(hour)}`;
}

function planMerge(entries: SlotBooking[], stored: BookingsBlob, rules: Pick<BookingRules, 'closeHour'>): ImportPlan {
  const plan: ImportPlan = { mode: 'merge', add: [], unchanged: [], conflicts: [], removed: [] };
  // Each day as it will be: stored bookings plus the file's accepted so far, so two bookings of
  // the file that overlap each other are caught as well.
  const days = new Map<string, DayBookings>();
  for (const entry of entries) {
    const day = days.get(entry.dateKey) ?? { ...(stored[entry.dateKey] ?? {}) };
    days.set(entry.dateKey, day);
    if (sameBooking(stored[entry.dateKey]?.[entry.timeKey], entry.booking)) {
      plan.unchanged.push(entry);
      continue;
    }
    const reason = conflictReason(day, entry, rules);
    if (reason) {
      plan.conflicts.push({ ...entry, reason });
      continue;
    }
    day[entry.timeKey] = entry.booking;
    plan.add.push(entry);
  }
  return plan;
}

function planReplace(entries: SlotBooking[], stored: BookingsBlob): ImportPlan {
  const plan: ImportPlan = { mode: 'replace', add: [], unchanged: [], conflicts: [], removed: [] };
  const incoming = new Map(entries.map((entry) => [`${entry.dateKey} ${entry.timeKey}`, entry.booking]));
  for (const entry of entries) {
    (sameBooking(stored[entry.dateKey]?.[entry.timeKey], entry.booking) ? plan.unchanged : plan.add).push(entry);
  }
  for (const entry of entriesOf(stored)) {
    const kept = incoming.get(`${entry.dateKey} ${entry.timeKey}`);
    if (!kept || !sameBooking(kept, entry.booking)) plan.removed.push(entry);
  }
  return plan;
}

/**
 * The plan for importing `entries` (sorted, as `readBookingsFile` gives them) into an instance
 * holding `stored`, e.g. a merge of 09:00 × 2 into a day with 10:00 stored → one conflict.
 */
export function planImport(
  mode: ImportMode,
  entries: SlotBooking[],
  stored: BookingsBlob,
  rules: Pick<BookingRules, 'closeHour'>,
): ImportPlan {
  return mode === 'merge' ? planMerge(entries, stored, rules) : planReplace(entries, stored);
}

/** The entries as a blob, for the store's one-step `replace`. */
export function blobOf(entries: SlotBooking[]): BookingsBlob {
  const blob: BookingsBlob = {};
  for (const { dateKey, timeKey, booking } of entries) (blob[dateKey] ??= {})[timeKey] = booking;
  return blob;
}
