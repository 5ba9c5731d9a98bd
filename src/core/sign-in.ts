/**
 * The sign-in request of an instance with an access code (issue 10 §4), `POST …/session` with
 * `{"code":"…"}`: checked here once for the server and the client's code prompt.
 */
import { ValidationError } from './errors.js';

/** Longer codes are refused unchecked: hashing megabytes would be a cheap way to load the server. */
export const ACCESS_CODE_MAX_LENGTH = 200;

export const SIGN_IN_FIELDS_ERROR = 'Missing or invalid field: code';

/** The code of a sign-in body, e.g. `{ code: 'blue-door' }` → `'blue-door'`; throws `ValidationError`. */
export function parseSignIn(body: Record<string, unknown>): string {
  const code = body.code;
  if (typeof code !== 'string' || code.length === 0) {
    throw new ValidationError(SIGN_IN_FIELDS_ERROR, { code: 'must be a non-empty string' });
  }
  if (code.length > ACCESS_CODE_MAX_LENGTH) {
    throw new ValidationError(SIGN_IN_FIELDS_ERROR, { code: `must be at most ${ACCESS_CODE_MAX_LENGTH} characters` });
  }
  return code;
}
