import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { StorageUnavailableError } from '../../core/errors.js';
import { failureCode } from '../../storage/store-failure.js';
import type { RateLimitBucket, RateLimitCharge, RateLimitHit, Store } from '../../storage/store.js';
import { bucketName, createWindowCounter } from '../../storage/stored-values.js';
import { RateLimitedError } from '../http-errors.js';

export interface RateLimitOptions {
  store: Store;
  clock: () => number;
  windowMs: number;
  /** Budget for state-changing requests per window, e.g. 60. */
  writeMax: number;
  /** Separate budget for reads, so polling tabs behind one NAT cannot lock out writes (§10). */
  readMax: number;
  clientAddress: (c: Context) => string;
  /** What to do when the store cannot count: `local` (default) counts in process. */
  onStoreError?: RateLimitFallback;
}

export type RateLimitFallback = 'open' | 'closed' | 'local';

/**
 * One request's budget. Its count rides on the request's store call (issue 7 §6): the route hands
 * `charge()` to that call and calls `enforce()` after it; a request that made no store call with
 * the charge is counted on its own once the route is done.
 */
export interface RequestBudget {
  /** The charge for the next store call, or undefined once a count has been made. */
  charge(): RateLimitCharge | undefined;
  /** Throws `RateLimitedError` when the count made is over the budget. */
  enforce(): void;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Per-client fixed-window limiting (PRODUCT.md §4.7) with separate read and write budgets.
 * Every response carries `X-RateLimit-Remaining` once counted, errors included; the 61st write
 * gets 429 and changes nothing.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const hitLocally = createWindowCounter();
  const fallback = options.onStoreError ?? 'local';
  let storeFailing = false;

  function fallbackHit(bucket: RateLimitBucket, now: number): RateLimitHit {
    if (fallback === 'open') return { count: 0, windowStart: now };
    if (fallback === 'closed') return { count: Number.POSITIVE_INFINITY, windowStart: now };
    return hitLocally(bucketName(bucket), options.windowMs, now);
  }

  /** Counts a request that made no charged store call; the store's own failure means the fallback. */
  async function hitAlone(bucket: RateLimitBucket, now: number, storeJustFailed: boolean): Promise<RateLimitHit> {
    if (storeJustFailed) return fallbackHit(bucket, now);
    try {
      const hit = await options.store.rateLimits.hit(bucket, options.windowMs, now);
      if (storeFailing) console.warn('Rate limiter: store is back, counting in the store again');
      storeFailing = false;
      return hit;
    } catch (error) {
      if (!storeFailing) {
        const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
        console.warn(`Rate limiter: store failed (${failureCode(cause)}); fallback "${fallback}"`);
      }
      storeFailing = true;
      return fallbackHit(bucket, now);
    }
  }

  return async function rateLimitMiddleware(c, next) {
    const isRead = READ_METHODS.has(c.req.method);
    const max = isRead ? options.readMax : options.writeMax;
    const bucket: RateLimitBucket = {
      budget: isRead ? 'read' : 'write',
      client: options.clientAddress(c),
      instance: c.get('slug'),
    };
    const now = options.clock();
    let hit: RateLimitHit | undefined;

    const retryAfter = (counted: RateLimitHit) =>
      Math.max(1, Math.ceil((counted.windowStart + options.windowMs - now) / 1000));
    const remaining = (counted: RateLimitHit) => String(Math.max(0, max - counted.count));
    // Set as soon as counted too: a streamed answer (/api/events) has sent its headers by the end.
    const record = (counted: RateLimitHit) => {
      hit = counted;
      c.header('X-RateLimit-Remaining', remaining(counted));
    };
    const budget: RequestBudget = {
      charge: () => (hit ? undefined : { bucket, windowMs: options.windowMs, now, max, record }),
      enforce: () => {
        if (hit && hit.count > max) throw new RateLimitedError(retryAfter(hit));
      },
    };
    c.set('budget', budget);
    await next();

    hit ??= await hitAlone(bucket, now, c.error instanceof StorageUnavailableError);
    c.header('X-RateLimit-Remaining', remaining(hit));
    // Over budget with no store call counted (a 400, a 405…): the answer is the 429.
    if (hit.count > max && c.res.status !== 429) throw new RateLimitedError(retryAfter(hit));
  };
}
