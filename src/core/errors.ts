/**
 * Domain errors with a `code`; the server maps each code to a status and body in one place
 * (src/server/error-responses.ts). Transport errors (405, 413, 429…) live in the server.
 */

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

/** No booking starts where the request points. */
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
