/**
 * Transport-level errors: what went wrong with the request as HTTP, not with the booking.
 * Domain errors stay in src/core/errors.ts; src/server/error-responses.ts maps both kinds to a
 * status and body in one table (STYLE.md 6).
 */

export type HttpErrorCode =
  | 'bad_request'
  | 'client_disconnected'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'request_timeout'
  | 'too_large'
  | 'misdirected'
  | 'unauthorized'
  | 'forbidden_origin'
  | 'rate_limited'
  | 'too_many_streams'
  | 'live_updates_off'
  | 'headers_too_large';

/** Base of every transport error: a stable `code`, the message sent as `error`, and the `cause`. */
export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

/** A request the HTTP parser or the adapter could not read (bad framing, a backslash path, no Host). */
export class BadRequestError extends HttpError {
  constructor(options?: { cause?: unknown }) {
    super('bad_request', 'Bad request', options);
    this.name = 'BadRequestError';
  }
}

/** The client closed the connection before its request body arrived; nobody reads the answer. */
export class ClientDisconnectedError extends HttpError {
  constructor(options?: { cause?: unknown }) {
    super('client_disconnected', 'Request body incomplete', options);
    this.name = 'ClientDisconnectedError';
  }
}

/** No route or file answers this path. */
export class RouteNotFoundError extends HttpError {
  constructor() {
    super('route_not_found', 'Not found');
    this.name = 'RouteNotFoundError';
  }
}

/** The path exists but not for this method; `allow` lists the methods it serves (RFC 9110 §15.5.6). */
export class MethodNotAllowedError extends HttpError {
  constructor(readonly allow: readonly string[]) {
    super('method_not_allowed', 'Method not allowed');
    this.name = 'MethodNotAllowedError';
  }
}

/** The request did not arrive in time (Node's `headersTimeout` / `requestTimeout`). */
export class RequestTimeoutError extends HttpError {
  constructor(options?: { cause?: unknown }) {
    super('request_timeout', 'Request timeout', options);
    this.name = 'RequestTimeoutError';
  }
}

/** The body is over `limitBytes`; the connection is closed after the answer, as the rest is unread. */
export class PayloadTooLargeError extends HttpError {
  constructor(readonly limitBytes: number) {
    super('too_large', `Request body too large (limit ${limitBytes} bytes)`);
    this.name = 'PayloadTooLargeError';
  }
}

/** The request names a host this server does not serve (`PUBLIC_URL`), e.g. after DNS rebinding. */
export class MisdirectedRequestError extends HttpError {
  constructor() {
    super('misdirected', 'Misdirected request');
    this.name = 'MisdirectedRequestError';
  }
}

/**
 * The request lacks the credentials a route needs (RFC 9110 §11.6.1: a 401 names the scheme in
 * `WWW-Authenticate`), e.g. a missing or wrong admin token: `new UnauthorizedError()`.
 */
export class UnauthorizedError extends HttpError {
  constructor(
    message = 'Unauthorized',
    readonly challenge = 'Bearer',
  ) {
    super('unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

/** A state-changing request from an origin that is neither this site nor in `ALLOWED_ORIGINS`. */
export class ForbiddenOriginError extends HttpError {
  constructor() {
    super('forbidden_origin', 'Origin not allowed');
    this.name = 'ForbiddenOriginError';
  }
}

/** The client used up its request budget; `retryAfterSeconds` says when the window resets. */
export class RateLimitedError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'Too many requests. Please try again later.');
    this.name = 'RateLimitedError';
  }
}

/** The request's headers are over Node's `maxHeaderSize`. */
export class HeadersTooLargeError extends HttpError {
  constructor(options?: { cause?: unknown }) {
    super('headers_too_large', 'Request headers too large', options);
    this.name = 'HeadersTooLargeError';
  }
}

/** The client address already holds `EVENTS_MAX_PER_CLIENT` open change streams. */
export class TooManyStreamsError extends HttpError {
  constructor(readonly max: number) {
    super('too_many_streams', `Too many open event streams (at most ${max} per client)`);
    this.name = 'TooManyStreamsError';
  }
}

/** `LIVE_UPDATES=off`: there is no change stream; clients poll. */
export class LiveUpdatesOffError extends HttpError {
  constructor() {
    super('live_updates_off', 'Live updates are off');
    this.name = 'LiveUpdatesOffError';
  }
}
