/**
 * The admin API's guard (issue 10 §2): `Authorization: Bearer <ADMIN_TOKEN>`, compared in
 * constant time; anything else is 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3). Wrong
 * tokens are counted per client address in the store (shared by every process); past
 * `MAX_FAILURES` in a window the address gets 429 for the rest of it, right token or not, so
 * guessing cannot go on at full speed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Store, RateLimitHit } from '../../storage/store.js';
import { createWindowCounter } from '../../storage/stored-values.js';
import { RateLimitedError, UnauthorizedError } from '../http-errors.js';

/** Wrong tokens one address may send per window before it is refused outright. */
export const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Locked addresses kept in process at most; ended locks are dropped first. */
const MAX_LOCKS = 10_000;

export interface AdminTokenOptions {
  token: string;
  store: Store;
  clock: () => number;
  clientAddress: (c: Context) => string;
}

const digestOf = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 9110 §11.1). */
function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
  return match ? match[1]! : null;
}

/** Middleware letting through only requests that carry `options.token`. */
export function adminToken(options: AdminTokenOptions): MiddlewareHandler {
  // Digests have one length, so the comparison takes the same time whatever was sent.
  const expected = digestOf(options.token);
  const lockedUntil = new Map<string, number>();
  const countLocally = createWindowCounter();

  /** Counts one wrong token for `address`; the store's count when it answers, else this process's. */
  async function countFailure(address: string, now: number): Promise<RateLimitHit> {
    const bucket = { budget: 'write' as const, client: `admin-token:${address}` };
    try {
      return await options.store.rateLimits.hit(bucket, FAILURE_WINDOW_MS, now);
    } catch {
      return countLocally(bucket.client, FAILURE_WINDOW_MS, now);
    }
  }

  function lock(address: string, until: number, now: number): void {
    if (lockedUntil.size >= MAX_LOCKS) {
      for (const [locked, end] of lockedUntil) if (end <= now) lockedUntil.delete(locked);
      if (lockedUntil.size >= MAX_LOCKS) lockedUntil.clear();
    }
    lockedUntil.set(address, until);
  }

  return async function adminTokenMiddleware(c, next) {
    const address = options.clientAddress(c);
    const now = options.clock();
    const until = lockedUntil.get(address);
    if (until !== undefined && until > now) throw new RateLimitedError(Math.ceil((until - now) / 1000));
    const presented = bearerToken(c.req.header('Authorization'));
    if (presented !== null && timingSafeEqual(digestOf(presented), expected)) {
      await next();
      return;
    }
    const failures = await countFailure(address, now);
    if (failures.count > MAX_FAILURES) {
      const end = failures.windowStart + FAILURE_WINDOW_MS;
      lock(address, end, now);
      throw new RateLimitedError(Math.max(1, Math.ceil((end - now) / 1000)));
    }
    throw new UnauthorizedError();
  };
}
