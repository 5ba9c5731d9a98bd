/**
 * Domain errors with a `code`; the server maps each code to a status and body in one place
 * (src/server/error-responses.ts). Transport errors (405, 413, 429…) live in the server.
 */

import type { AffectedBooking } from './instance-change.js';

export type ErrorCode = 'invalid' | 'conflict' | 'not_found' | 'unavailable';

/** Base of every Hourbook error: a stable `code` plus the human message. */
export class HourbookError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HourbookError';
  }
}

/** Input that fails validation; `fields` says which field and why, e.g. `{ user: 'not a user of this instance' }`. */
export class ValidationError extends HourbookError {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super('invalid', message);
    this.name = 'ValidationError';
  }
}

/** The slot or the hours asked for are taken. */
export class ConflictError extends HourbookError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ConflictError';
  }
}

/**
 * A config change refused because bookings from today on would no longer fit it (issue 10 §2);
 * `affected` lists them, e.g. `[{ dateKey: '2030-05-10', timeKey: '12:00', user: 'Ann', duration: 2 }]`.
 */
export class BookingsAffectedError extends HourbookError {
  constructor(readonly affected: readonly AffectedBooking[]) {
    super('conflict', 'Change affects existing bookings');
    this.name = 'BookingsAffectedError';
  }
}

/** No booking (or instance) is where the request points. */
export class NotFoundError extends HourbookError {
  constructor(message = 'Booking not found') {
    super('not_found', message);
    this.name = 'NotFoundError';
  }
}

/** The store cannot be reached or failed; the request may be retried. */
export class StorageUnavailableError extends HourbookError {
  constructor(message = 'Storage unavailable', options?: { cause?: unknown }) {
    super('unavailable', message, options);
    this.name = 'StorageUnavailableError';
  }
}
