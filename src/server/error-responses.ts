/**
 * The one place where errors become HTTP responses (STYLE.md 6). Bodies keep the original's
 * exact `error` strings (PRODUCT.md §4.2); Hourbook adds `fields` on validation errors.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HourbookError, RateLimitedError, ValidationError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';

const STATUS_BY_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  invalid: 400,
  forbidden_origin: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** Turns any thrown value into the JSON response the API contract names for it. */
export function respondWithError(error: unknown, c: Context): Response {
  if (!(error instanceof HourbookError)) {
    console.error('Unhandled error', error);
    return c.json({ error: 'Internal server error' }, 500);
  }
  if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
  if (error.code === 'unavailable') console.warn(`Storage unavailable: ${describeCause(error.cause)}`);
  const body: { error: string; fields?: Record<string, string> } = { error: error.message };
  if (error instanceof ValidationError && Object.keys(error.fields).length > 0) body.fields = error.fields;
  return c.json(body, STATUS_BY_CODE[error.code]);
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause ?? 'unknown cause');
}
