/** The HTTP API as a bookings backend, one request per file under src/client/api. */
import { createBooking } from '../../api/create-booking.js';
import { deleteBooking } from '../../api/delete-booking.js';
import { getBookings } from '../../api/get-bookings.js';
import { getChangesSince } from '../../api/get-changes-since.js';
import { openEvents } from '../../api/open-events.js';
import { takePrefetchedBookings } from '../../api/prefetch.js';
import { updateBooking } from '../../api/update-booking.js';
import type { WriteOp } from '../../lib/write-op.js';
import type { BookingsBackend } from './backend.js';

function sendOp(op: WriteOp) {
  const { dateKey, timeKey } = op;
  switch (op.kind) {
    case 'create':
      return createBooking({ dateKey, timeKey, ...op.booking });
    case 'update':
      return updateBooking({ dateKey, timeKey, updates: op.updates });
    case 'move':
      return updateBooking({ dateKey, timeKey, updates: { ...op.updates, ...op.to } });
    case 'delete':
      return deleteBooking({ dateKey, timeKey });
  }
}

export function createApiBackend(): BookingsBackend {
  return {
    polls: true,
    fetchBookings: (etag) => takePrefetchedBookings() ?? getBookings(etag),
    fetchChangesSince: getChangesSince,
    openStream: openEvents,
    send: sendOp,
  };
}
