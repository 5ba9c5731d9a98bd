/**
 * Short, specific words for a rejected change (issue 4: "10:00 was just booked by Bonnie"),
 * worked out after the re-sync from who now holds the hour.
 */
import { bookingCovering } from '../../../core/bookings.js';
import type { BookingsBlob } from '../../../core/bookings.js';
import { hourOfTimeKey, timeKeyOfHour } from '../../../core/time.js';
import type { WriteOp } from '../../lib/write-op.js';

/** The hour named by a 409 body (`Slot 11:00 conflicts…`, `Cannot extend: slot 12:00…`), else undefined. */
function hourInError(error: string): number | undefined {
  const match = /slot (\d{2}):00/i.exec(error);
  return match ? Number(match[1]) : undefined;
}

function holderOf(blob: BookingsBlob, op: WriteOp, hour: number): string | undefined {
  return bookingCovering(blob[op.dateKey] ?? {}, hour)?.booking.user;
}

/** The message for `op` refused with `status`/`error`, given the synced `blob`. */
export function describeRejection(op: WriteOp, status: number, error: string, blob: BookingsBlob): string {
  const prefix = op.offline ? `Offline change for ${op.dateKey} not saved: ` : '';
  const start = hourOfTimeKey(op.timeKey);
  if (status === 409 && op.kind === 'create') {
    const hour = hourInError(error) ?? start;
    const holder = holderOf(blob, op, hour);
    if (holder) return `${prefix}${timeKeyOfHour(hour)} was just booked by ${holder}`;
  }
  if (status === 409 && op.kind === 'update') {
    const hour = hourInError(error);
    const holder = hour === undefined ? undefined : holderOf(blob, op, hour);
    if (hour !== undefined && holder)
      return `${prefix}Cannot extend: ${timeKeyOfHour(hour)} was just booked by ${holder}`;
  }
  // A move's refusal names the hour itself (issue 9 §9): the server's words are the message.
  if (status === 409 && op.kind === 'move') return `${prefix}${error}`;
  if (status === 404) return `${prefix}The ${op.timeKey} booking was already removed`;
  return `${prefix}Could not save: ${error}`;
}
