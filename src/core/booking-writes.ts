/**
 * A parsed write applied to a bookings blob under the conflict rules (PRODUCT.md §4.3): what a
 * store does inside its transaction, as pure functions. Demo mode runs them in the browser.
 */
import { createConflictMessage, extendConflictMessage, findCreateConflict, findDurationConflict } from './bookings.js';
import { findMoveConflict, moveConflictMessage } from './bookings.js';
import { withBooking, withoutBooking } from './bookings.js';
import type { Booking, BookingsBlob } from './bookings.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { CreateBookingCommand, SlotRef, UpdateBookingCommand } from './requests.js';
import type { BookingRules } from './rules.js';

/** The blob with the new booking; throws `ConflictError` with the §4.2 text when an hour is taken. */
export function applyCreateBooking(
  blob: BookingsBlob,
  command: CreateBookingCommand,
  rules: Pick<BookingRules, 'closeHour'>,
): BookingsBlob {
  const conflict = findCreateConflict(blob[command.dateKey] ?? {}, command.hour, command.booking.duration, rules);
  if (conflict) throw new ConflictError(createConflictMessage(conflict));
  return withBooking(blob, command.dateKey, command.timeKey, command.booking);
}

/**
 * The blob with the changes merged into the booking that starts at the slot (moved to the
 * command's target, if any), and the merged booking. Throws `NotFoundError` when none starts
 * there, `ConflictError` when an extension meets another booking (only the added hours are
 * checked) or the target's hours are taken by another one.
 */
export function applyUpdateBooking(
  blob: BookingsBlob,
  command: UpdateBookingCommand,
  rules: Pick<BookingRules, 'closeHour'>,
): { blob: BookingsBlob; booking: Booking } {
  const day = blob[command.dateKey] ?? {};
  const current = day[command.timeKey];
  if (!current) throw new NotFoundError();
  if (command.target) return applyMove(blob, command, { ...current, ...command.changes }, command.target, rules);
  if (command.changes.duration !== undefined) {
    const conflict = findDurationConflict(day, command.hour, command.changes.duration, rules);
    if (conflict) throw new ConflictError(extendConflictMessage(conflict));
  }
  const booking = { ...current, ...command.changes };
  return { blob: withBooking(blob, command.dateKey, command.timeKey, booking), booking };
}

/** A move (issue 9 §9): the old slot emptied and `booking` placed at `target`, checked as one step. */
function applyMove(
  blob: BookingsBlob,
  from: SlotRef,
  booking: Booking,
  target: SlotRef,
  rules: Pick<BookingRules, 'closeHour'>,
): { blob: BookingsBlob; booking: Booking } {
  const ownStart = target.dateKey === from.dateKey ? from.hour : undefined;
  const conflict = findMoveConflict(blob[target.dateKey] ?? {}, target.hour, booking.duration, rules, ownStart);
  if (conflict) throw new ConflictError(moveConflictMessage(conflict, rules));
  const emptied = withoutBooking(blob, from.dateKey, from.timeKey);
  return { blob: withBooking(emptied, target.dateKey, target.timeKey, booking), booking };
}

/** The blob without the booking that starts at `slot`, empty dates dropped; `NotFoundError` if none. */
export function applyDeleteBooking(blob: BookingsBlob, slot: SlotRef): BookingsBlob {
  if (!blob[slot.dateKey]?.[slot.timeKey]) throw new NotFoundError();
  return withoutBooking(blob, slot.dateKey, slot.timeKey);
}
