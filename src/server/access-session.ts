/**
 * Session cookies of instances with an access code (issue 10 §4). A session is
 * `<expiry>.<signature>`: an HMAC-SHA256 of the instance and the expiry, keyed by the stored
 * `accessCodeHash`. Nothing is stored per session, and since a new code always has a new salted
 * hash, changing the code ends every session of that instance at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

/** How long a session lasts: thirty days, then the code is asked again. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** The cookie of `slug`'s sessions, e.g. `hourbook_session_team-a`: one name per instance. */
export function sessionCookieName(slug: string): string {
  return `hourbook_session_${slug}`;
}

function signatureOf(accessCodeHash: string, slug: string, expiresAtS: number): Buffer {
  return createHmac('sha256', accessCodeHash).update(`hourbook-session\n${slug}\n${expiresAtS}`).digest();
}

/** A new session token of `slug` valid until `expiresAtS` (epoch seconds). */
export function signSession(accessCodeHash: string, slug: string, expiresAtS: number): string {
  return `${expiresAtS}.${signatureOf(accessCodeHash, slug, expiresAtS).toString('base64url')}`;
}

/** Whether `token` is a session of `slug` signed with the current hash and not yet expired. */
export function isValidSession(token: string, accessCodeHash: string, slug: string, nowMs: number): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expiresAtS = Number(match[1]);
  if (expiresAtS * 1000 <= nowMs) return false;
  const given = Buffer.from(match[2]!, 'base64url');
  return timingSafeEqual(given, signatureOf(accessCodeHash, slug, expiresAtS));
}

/**
 * Every value the request's `Cookie` header holds for `name`: a browser may send two cookies of
 * one name when their paths differ (RFC 6265 §5.4), e.g. `/api` and `/api/i/<default slug>`.
 */
export function cookieValues(c: Context, name: string): string[] {
  const header = c.req.header('Cookie');
  if (!header) return [];
  return header.split(';').flatMap((pair) => {
    const at = pair.indexOf('=');
    return at > 0 && pair.slice(0, at).trim() === name ? [pair.slice(at + 1).trim()] : [];
  });
}

export interface SessionCookieOptions {
  /** The API prefix the session covers: `/api/i/<slug>`, or `/api` for the default's original paths. */
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAgeS: number;
}

/** The `Set-Cookie` value: HttpOnly, SameSite=Strict, limited to the instance's API path. */
export function sessionCookie(name: string, value: string, options: SessionCookieOptions): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeS}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
