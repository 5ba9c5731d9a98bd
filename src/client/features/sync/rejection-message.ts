/**
 * Short, specific words for a rejected change (issue 4: "10:00 AM was just booked by Bonnie"),
 * worked out after the re-sync from who now holds the hour. Every time is written as the calendar
 * shows it, in the zone it shows (issue 9 §4); a refused offline change also says which change it
 * was, since the user did not see it fail.
 */
import { bookingCovering } from '../../../core/bookings.js';
import type { Booking, BookingsBlob } from '../../../core/bookings.js';
import {
  formatBlockRange,
  formatHourKeysIn,
  formatHours,
  formatShortDate,
  formatTimeLabel,
} from '../../../core/format.js';
import { hourOfTimeKey } from '../../../core/time.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import type { WriteOp } from '../../lib/write-op.js';

/** The display offset of a date in the zone the calendar shows (0 in the business zone). */
export type OffsetOf = (dateKey: DateKey) => number;

/** A message of the sync engine, worded when shown so its times follow the time-zone toggle. */
export interface SyncMessage {
  describe(offsetOf: OffsetOf): string;
  /** Stays until dismissed: a refused offline change the user may not be looking for. */
  sticky: boolean;
  /** Good news rather than a refusal (the replay's count). */
  news?: boolean;
}

/** The state around a refusal: the blob the change was made against, and the server's after it. */
export interface RejectionContext {
  before: BookingsBlob;
  after: BookingsBlob;
}

/** The hour named by a 409 body (`Slot 11:00 conflicts…`, `Cannot extend: slot 12:00…`), else undefined. */
function hourInError(error: string): number | undefined {
  const match = /slot (\d{2}):00/i.exec(error);
  return match ? Number(match[1]) : undefined;
}

function holderOf(blob: BookingsBlob, dateKey: DateKey, hour: number): string | undefined {
  return bookingCovering(blob[dateKey] ?? {}, hour)?.booking.user;
}

/** Why the server refused `op`, with its times as shown; `offline` drops the verb a summary already says. */
function reasonOf(op: WriteOp, status: number, error: string, after: BookingsBlob, offsetOf: OffsetOf): string {
  const offset = offsetOf(op.dateKey);
  const start = hourOfTimeKey(op.timeKey);
  if (status === 409 && (op.kind === 'create' || op.kind === 'update')) {
    const hour = hourInError(error) ?? (op.kind === 'create' ? start : undefined);
    const holder = hour === undefined ? undefined : holderOf(after, op.dateKey, hour);
    if (hour !== undefined && holder) {
      const taken = `${formatTimeLabel(hour, offset)} was just booked by ${holder}`;
      return op.kind === 'update' && !op.offline ? `Cannot extend: ${taken}` : taken;
    }
  }
  // A move's refusal names the hour itself (issue 9 §9): the server's words, with its hour as shown.
  if (status === 409 && op.kind === 'move') {
    const words = formatHourKeysIn(error, offsetOf(op.to.dateKey));
    return op.offline ? words.replace(/^Cannot move: /, '') : words;
  }
  if (status === 404) {
    return op.offline
      ? 'the booking was already removed'
      : `The ${formatTimeLabel(start, offset)} booking was already removed`;
  }
  const words = formatHourKeysIn(error, offset);
  return op.offline ? words : `Could not save: ${words}`;
}

/** `Thu 3 Dec 10 AM-12 PM (2 hours)`: a booking's date, hours and length as the calendar shows them. */
function describeSlot(dateKey: DateKey, timeKey: TimeKey, duration: number | undefined, offsetOf: OffsetOf): string {
  const start = hourOfTimeKey(timeKey);
  const offset = offsetOf(dateKey);
  if (duration === undefined) return `${formatShortDate(dateKey)} ${formatTimeLabel(start, offset)}`;
  return `${formatShortDate(dateKey)} ${formatBlockRange(start, start + duration, offset)} (${formatHours(duration)})`;
}

/** Which offline change this was: who, when and how long, as it was meant to end up. */
function describeOfflineChange(op: WriteOp, before: BookingsBlob, offsetOf: OffsetOf): string {
  const current: Partial<Booking> = before[op.dateKey]?.[op.timeKey] ?? {};
  const owner = current.user ? `${current.user}'s booking` : 'a booking';
  switch (op.kind) {
    case 'create':
      return `Offline booking for ${op.booking.user}, ${describeSlot(op.dateKey, op.timeKey, op.booking.duration, offsetOf)}`;
    case 'update': {
      const duration = op.updates.duration ?? current.duration;
      const reassigned = op.updates.user && op.updates.user !== current.user ? ` to ${op.updates.user}` : '';
      return `Offline change of ${owner}${reassigned}, ${describeSlot(op.dateKey, op.timeKey, duration, offsetOf)}`;
    }
    case 'move': {
      const duration = op.updates.duration ?? current.duration;
      return `Offline move of ${owner} to ${describeSlot(op.to.dateKey, op.to.timeKey, duration, offsetOf)}`;
    }
    case 'delete':
      return `Offline deletion of ${owner}, ${describeSlot(op.dateKey, op.timeKey, current.duration, offsetOf)}`;
  }
}

/**
 * The message for `op` refused with `status`/`error`: `10:00 AM was just booked by Bonnie`, or
 * for an offline change `Offline booking for Jack, Thu 3 Dec 10 AM-12 PM (2 hours), was not
 * saved: 10:00 AM was just booked by Rue`.
 */
export function describeRejection(
  op: WriteOp,
  status: number,
  error: string,
  context: RejectionContext,
  offsetOf: OffsetOf,
): string {
  const reason = reasonOf(op, status, error, context.after, offsetOf);
  if (!op.offline) return reason;
  return `${describeOfflineChange(op, context.before, offsetOf)}, was not saved: ${reason}`;
}

/** `3 offline changes saved` after a replay; `1 offline change saved`. */
export function describeReplaySaved(saved: number): string {
  return saved === 1 ? '1 offline change saved' : `${saved} offline changes saved`;
}
