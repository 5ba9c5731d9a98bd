/**
 * The offline queue's state machine (PRODUCT.md §5.2, issue 4): what one request's outcome does
 * to the queue. Every queued change ends applied or reported; none is silently dropped.
 */
import type { Booking, BookingsBlob } from '../../../core/bookings.js';
import type { ApiResult } from '../../api/request.js';
import type { WriteOp } from '../../lib/write-op.js';

/**
 * - `applied`: the server took it; drop it from the queue.
 * - `rejected`: the server refused it (409, 404, 400…); drop it, re-sync, tell the user.
 * - `offline`: the API is unreachable; keep it and every later op, marked offline, and stop.
 * - `retry-later`: a queued offline op hit a rate limit; keep it and stop until the next poll.
 * A 401 (the instance asks for its access code, issue 10 §4) keeps the op too: the page shows the
 * code prompt, and the op is sent once a session is open; a live op becomes durable (`offline`).
 */
export type ReplayOutcome = 'applied' | 'rejected' | 'offline' | 'retry-later';

/** What a send's result means for the op at the head of the queue. */
export function outcomeOf(op: WriteOp, result: ApiResult<unknown>): ReplayOutcome {
  switch (result.kind) {
    case 'ok':
    case 'not-modified':
      return 'applied';
    case 'unreachable':
      return 'offline';
    case 'rejected':
      if (result.status === 401) return op.offline ? 'retry-later' : 'offline';
      return op.offline && result.status === 429 ? 'retry-later' : 'rejected';
  }
}

function sameFields(booking: Booking, updates: Partial<Booking>): boolean {
  return (
    (updates.user === undefined || booking.user === updates.user) &&
    (updates.duration === undefined || booking.duration === updates.duration)
  );
}

/**
 * True when `blob` (the server's state, freshly synced) already shows `op`'s intended result:
 * the same booking at that slot for a create, the merged fields for an update (at the new slot,
 * the old one empty, for a move), no booking for a delete. A replayed op refused with 409/404 in that state was applied by an earlier send whose
 * response was lost (or by another tab): it is no conflict.
 */
export function alreadyApplied(op: WriteOp, blob: BookingsBlob): boolean {
  const current = blob[op.dateKey]?.[op.timeKey];
  switch (op.kind) {
    case 'create':
      return !!current && current.user === op.booking.user && current.duration === op.booking.duration;
    case 'update':
      return !!current && sameFields(current, op.updates);
    case 'move': {
      const moved = blob[op.to.dateKey]?.[op.to.timeKey];
      return !current && !!moved && sameFields(moved, op.updates);
    }
    case 'delete':
      return !current;
  }
}
