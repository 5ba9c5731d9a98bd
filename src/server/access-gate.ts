/**
 * Who may use an instance that has an access code (issue 10 §4): a request with a valid session
 * cookie, or `Authorization: Bearer <code>`. Wrong codes, typed or sent as a bearer, count per
 * client address and instance in the store (the instance's own rate-limit keys); more than
 * `WRONG_CODE_MAX` in `WRONG_CODE_WINDOW_MS` answer 429 without the code being checked at all.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { RateLimitHit, Store } from '../storage/store.js';
import { bucketName, createWindowCounter } from '../storage/stored-values.js';
import { verifyAccessCode } from './access-code.js';
import { cookieValues, isValidSession, sessionCookieName } from './access-session.js';
import { AccessRequiredError, InvalidAccessCodeError, RateLimitedError } from './http-errors.js';
import type { Instance } from './instance.js';

export const WRONG_CODE_MAX = 5;
export const WRONG_CODE_WINDOW_MS = 15 * 60 * 1000;
/** Bearer codes already verified, so polling with one costs no scrypt per request. */
const VERIFIED_CACHE_MAX = 1000;

export interface AccessGateOptions {
  store: Store;
  clock: () => number;
  clientAddress: (c: Context) => string;
}

export interface AccessGate {
  /**
   * Lets the request through when `instance` is open or the request proves the code; throws
   * `AccessRequiredError`, `InvalidAccessCodeError` (a wrong bearer) or `RateLimitedError`.
   */
  admit(c: Context, slug: string, instance: Instance): Promise<void>;
  /** Checks a code someone typed; throws `InvalidAccessCodeError` (counted) or `RateLimitedError`. */
  checkCode(c: Context, slug: string, accessCodeHash: string, code: string): Promise<void>;
}

export function createAccessGate(options: AccessGateOptions): AccessGate {
  const verified = new Set<string>();
  /** Until when an address is refused, as last learned from the store's count (per process). */
  const lockedUntil = new Map<string, number>();
  const countLocally = createWindowCounter();

  const lockKey = (slug: string, client: string) => `${slug}\n${client}`;

  function refuseIfLocked(slug: string, client: string, now: number): void {
    const until = lockedUntil.get(lockKey(slug, client));
    if (until === undefined) return;
    if (until > now) throw new RateLimitedError(Math.ceil((until - now) / 1000));
    lockedUntil.delete(lockKey(slug, client));
  }

  async function countWrongCode(slug: string, client: string, now: number): Promise<void> {
    const bucket = { budget: 'write' as const, client: `access-code|${client}`, instance: slug };
    let hit: RateLimitHit;
    try {
      hit = await options.store.rateLimits.hit(bucket, WRONG_CODE_WINDOW_MS, now);
    } catch {
      // The store cannot count: count here rather than let guesses through unlimited.
      hit = countLocally(`${slug}|${bucketName(bucket)}`, WRONG_CODE_WINDOW_MS, now);
    }
    if (hit.count <= WRONG_CODE_MAX) return;
    const until = hit.windowStart + WRONG_CODE_WINDOW_MS;
    if (lockedUntil.size > 10_000) for (const [key, end] of lockedUntil) if (end <= now) lockedUntil.delete(key);
    lockedUntil.set(lockKey(slug, client), until);
    throw new RateLimitedError(Math.max(1, Math.ceil((until - now) / 1000)));
  }

  async function checkCode(c: Context, slug: string, accessCodeHash: string, code: string): Promise<void> {
    const client = options.clientAddress(c);
    const now = options.clock();
    refuseIfLocked(slug, client, now);
    const cacheKey = createHash('sha256').update(`${accessCodeHash}\n${code}`).digest('base64url');
    if (verified.has(cacheKey)) return;
    if (await verifyAccessCode(code, accessCodeHash)) {
      if (verified.size >= VERIFIED_CACHE_MAX) verified.clear();
      verified.add(cacheKey);
      return;
    }
    await countWrongCode(slug, client, now);
    throw new InvalidAccessCodeError();
  }

  return {
    async admit(c, slug, instance) {
      const hash = instance.accessCodeHash;
      if (hash === null) return;
      const now = options.clock();
      if (cookieValues(c, sessionCookieName(slug)).some((token) => isValidSession(token, hash, slug, now))) return;
      const bearer = /^Bearer +(.+)$/i.exec(c.req.header('Authorization') ?? '');
      if (!bearer) throw new AccessRequiredError();
      await checkCode(c, slug, hash, bearer[1]!.trim());
    },
    checkCode,
  };
}
