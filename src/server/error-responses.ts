/**
 * The one place where errors become HTTP responses (STYLE.md 6): domain errors from src/core,
 * transport errors from ./http-errors.ts, and anything else as a 500. Bodies keep the original's
 * exact `error` strings (PRODUCT.md §4.2); Hourbook adds `fields` on validation errors.
 * `respondWithError` serves Hono; `errorReply` and `errorResponse` serve the places with no
 * Hono context (the Node parser's `clientError`, the Vercel adapter before the app exists).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BookingsAffectedError, HourbookError, ValidationError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';
import { failureCode } from '../storage/store-failure.js';
import type { Store } from '../storage/store.js';
import {
  ClientDisconnectedError,
  HttpError,
  MethodNotAllowedError,
  RateLimitedError,
  UnauthorizedError,
} from './http-errors.js';
import type { HttpErrorCode } from './http-errors.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';
import { publicTarget } from './public-target.js';

const STATUS_BY_CODE: Record<ErrorCode | HttpErrorCode, ContentfulStatusCode> = {
  invalid: 400,
  bad_request: 400,
  // Nobody reads this answer; 400 keeps it out of the 5xx a monitor would page on.
  client_disconnected: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  route_not_found: 404,
  live_updates_off: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  too_large: 413,
  misdirected: 421,
  rate_limited: 429,
  too_many_streams: 429,
  headers_too_large: 431,
  unavailable: 503,
};

/** Codes whose request was not (fully) read, so the connection cannot carry another one. */
const CLOSES_CONNECTION = new Set<ErrorCode | HttpErrorCode>([
  'bad_request',
  'client_disconnected',
  'request_timeout',
  'too_large',
  'headers_too_large',
]);

/** An error as a status, the headers it needs, and its JSON body, before any transport. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function replyParts(error: unknown, extra: Record<string, unknown> = {}) {
  if (!(error instanceof HourbookError || error instanceof HttpError)) {
    return { status: 500 as ContentfulStatusCode, headers: {}, body: { ...extra, error: 'Internal server error' } };
  }
  const headers: Record<string, string> = {};
  if (error instanceof RateLimitedError) headers['Retry-After'] = String(error.retryAfterSeconds);
  if (error instanceof MethodNotAllowedError) headers.Allow = error.allow.join(', ');
  if (error instanceof UnauthorizedError) headers['WWW-Authenticate'] = error.challenge;
  if (CLOSES_CONNECTION.has(error.code)) headers.Connection = 'close';
  const body: Record<string, unknown> = { ...extra, error: error.message };
  if (error instanceof ValidationError && Object.keys(error.fields).length > 0) body.fields = error.fields;
  if (error instanceof BookingsAffectedError) body.affected = error.affected;
  return { status: STATUS_BY_CODE[error.code], headers, body };
}

/**
 * The full answer for a place with no Hono context: status, every header (security headers
 * and `Content-Type` included) and the body text, e.g. to write on a raw socket.
 */
export function errorReply(error: unknown): ErrorReply {
  const { status, headers, body } = replyParts(error);
  return {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** `errorReply` as a web `Response`, e.g. for the Vercel adapter when the app cannot boot. */
export function errorResponse(error: unknown): Response {
  const { status, headers, body } = errorReply(error);
  return new Response(body, { status, headers });
}

/**
 * Turns any thrown value into the JSON response the API contract names for it, keeping the
 * headers middleware already prepared (security, CORS, `X-RateLimit-Remaining`). `extra`
 * fields go before `error`, e.g. the health route's `{ ok: false, store, target }`.
 */
export function respondWithError(error: unknown, c: Context, extra?: Record<string, unknown>): Response {
  const typed = recognise(error, c);
  logError(typed, c);
  const { status, headers, body } = replyParts(typed, extra);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(body, status);
}

/** A body read that failed because the client hung up is the client's doing, not a bug. */
function recognise(error: unknown, c: Context): unknown {
  if (error instanceof HourbookError || error instanceof HttpError) return error;
  const aborted = c.req.raw.signal.aborted || (hasCode(error, 'ECONNRESET') && (error as Error).message === 'aborted');
  return aborted ? new ClientDisconnectedError({ cause: error }) : error;
}

function logError(error: unknown, c: Context): void {
  if (!(error instanceof HourbookError || error instanceof HttpError)) {
    console.error('Unhandled error', error);
    return;
  }
  if (error.code === 'client_disconnected') {
    console.warn(`Client disconnected before its request body arrived: ${c.req.method} ${c.req.path}`);
  } else if (error.code === 'unavailable') {
    const store = c.get('store') as Store | undefined;
    const where = store ? `${store.kind} ${publicTarget(store)}` : 'store';
    console.warn(`Storage unavailable: ${failureCode(error.cause)} (${where})`);
  }
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
