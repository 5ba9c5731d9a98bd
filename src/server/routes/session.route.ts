import { Hono } from 'hono';
import type { Context } from 'hono';
import { parseSignIn, SIGN_IN_FIELDS_ERROR } from '../../core/sign-in.js';
import type { AccessGate } from '../access-gate.js';
import { SESSION_MAX_AGE_S, sessionCookie, sessionCookieName, signSession } from '../access-session.js';
import type { AppEnv } from '../app-env.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { readJsonObject } from '../read-json.js';

export interface SessionRoutesOptions {
  gate: AccessGate;
  /** Whether the request came over HTTPS, for the cookie's `Secure`. */
  isHttps: (c: Context) => boolean;
}

/**
 * The API prefix the request came through, which the cookie's `Path` covers: `/api/i/team-a`,
 * or `/api` on the default instance's original paths (`/api/config`, `/api/bookings`… share
 * nothing narrower). The page itself is the same static file for every instance and needs none.
 */
function apiPrefixOf(c: Context): string {
  return c.req.path.replace(/\/session\/?$/, '');
}

/** `POST …/session` signs in with the access code, `DELETE …/session` signs out (issue 10 §4). */
export function sessionRoutes(options: SessionRoutesOptions): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const code = parseSignIn(await readJsonObject(c, SIGN_IN_FIELDS_ERROR));
      const slug = c.get('slug');
      const { instance } = await c.get('instance').cached();
      // An open instance has nothing to unlock: the prompt's request after the code was removed.
      if (instance.accessCodeHash === null) return c.json({ success: true });
      await options.gate.checkCode(c, slug, instance.accessCodeHash, code);
      const expiresAtS = Math.floor(c.get('now')() / 1000) + SESSION_MAX_AGE_S;
      const token = signSession(instance.accessCodeHash, slug, expiresAtS);
      const cookieOptions = { path: apiPrefixOf(c), secure: options.isHttps(c), maxAgeS: SESSION_MAX_AGE_S };
      c.header('Set-Cookie', sessionCookie(sessionCookieName(slug), token, cookieOptions));
      c.header('Cache-Control', 'no-store');
      return c.json({ success: true });
    })
    .delete('/', (c) => {
      const cookieOptions = { path: apiPrefixOf(c), secure: options.isHttps(c), maxAgeS: 0 };
      c.header('Set-Cookie', sessionCookie(sessionCookieName(c.get('slug')), '', cookieOptions));
      return c.json({ success: true });
    })
    .all('/', methodNotAllowed(['POST', 'DELETE']));
}
