/**
 * Undo (issue 9 §8): for a delete, a change of user or duration, or a move, the change that puts
 * the booking back exactly, and the words of the message that offers it. The undo goes through
 * the API like any change, so the server checks it (and may refuse it) under the same rules.
 */
import { isSlotPast } from '../../../core/bookings.js';
import type { Booking, BookingsBlob } from '../../../core/bookings.js';
import { formatBlockRange, formatLongDate } from '../../../core/format.js';
import type { BookingRules } from '../../../core/rules.js';
import { hourOfTimeKey } from '../../../core/time.js';
import type { DateKey } from '../../../core/time.js';
import type { WriteChange } from '../../lib/write-op.js';

/** A change that can be taken back: what to tell the user, and the change that reverses it. */
export interface Undoable {
  text: string;
  undo: WriteChange;
}

export interface UndoContext {
  rules: Pick<BookingRules, 'timeZone'>;
  now: number;
  /** Minutes the shown zone is ahead of the business zone on a date (the calendar's labels). */
  offsetOf(dateKey: DateKey): number;
}

/** Only the fields `updates` changed, as they were in `before`: `{ user: 'Jack' }`. */
function restoring(before: Booking, updates: Partial<Booking>): Partial<Booking> {
  const back: Partial<Booking> = {};
  if (updates.user !== undefined) back.user = before.user;
  if (updates.duration !== undefined) back.duration = before.duration;
  return back;
}

/**
 * How to take back `change` about to be made on `blob` (the state the user saw), or null when it
 * is not a change of an existing booking, or would put it back into a slot that has ended (the
 * server refuses those). Deleting Jack's 10:00 × 2 → `Deleted Jack (10 AM-12 PM)` and a create.
 */
export function undoableOf(change: WriteChange, blob: BookingsBlob, context: UndoContext): Undoable | null {
  if (change.kind === 'create') return null;
  const before = blob[change.dateKey]?.[change.timeKey];
  if (!before) return null;
  const start = hourOfTimeKey(change.timeKey);
  const range = (from: number, booking: Booking, dateKey: DateKey) =>
    formatBlockRange(from, from + booking.duration, context.offsetOf(dateKey));
  const ended = isSlotPast(change.dateKey, start, context.now, context.rules.timeZone);
  switch (change.kind) {
    case 'delete':
      if (ended) return null;
      return {
        text: `Deleted ${before.user} (${range(start, before, change.dateKey)})`,
        undo: { kind: 'create', dateKey: change.dateKey, timeKey: change.timeKey, booking: before },
      };
    case 'update': {
      const after = { ...before, ...change.updates };
      const text =
        change.updates.user !== undefined && change.updates.user !== before.user
          ? `Gave ${before.user}'s booking (${range(start, before, change.dateKey)}) to ${after.user}`
          : `${after.user}'s booking is now ${range(start, after, change.dateKey)}`;
      return {
        text,
        undo: {
          kind: 'update',
          dateKey: change.dateKey,
          timeKey: change.timeKey,
          updates: restoring(before, change.updates),
        },
      };
    }
    case 'move': {
      if (ended) return null;
      const after = { ...before, ...change.updates };
      const to = change.to;
      const toStart = hourOfTimeKey(to.timeKey);
      const day = to.dateKey === change.dateKey ? '' : ` on ${formatLongDate(to.dateKey)}`;
      return {
        text: `Moved ${after.user}'s booking to ${range(toStart, after, to.dateKey)}${day}`,
        undo: {
          kind: 'move',
          dateKey: to.dateKey,
          timeKey: to.timeKey,
          to: { dateKey: change.dateKey, timeKey: change.timeKey },
          updates: restoring(before, change.updates),
        },
      };
    }
  }
}
