import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { RateLimitedError } from '../http-errors.js';
import type { BookingStore, RateLimitHit } from '../../storage/store.js';

export interface RateLimitOptions {
  store: BookingStore;
  /** Instance whose bookings revision is read together with each read-budget hit. */
  slug: string;
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

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * An in-process fixed-window counter with the store's semantics: used when the store fails,
 * so an outage never means "unlimited" (PRODUCT.md §4.7).
 */
export function createLocalRateLimiter(): (bucket: string, windowMs: number, now: number) => RateLimitHit {
  const windows = new Map<string, RateLimitHit>();
  return function hitLocally(bucket, windowMs, now) {
    const current = windows.get(bucket);
    const hit =
      !current || current.windowStart <= now - windowMs
        ? { count: 1, windowStart: now }
        : { count: current.count + 1, windowStart: current.windowStart };
    windows.set(bucket, hit);
    if (windows.size > 10_000) {
      for (const [key, value] of windows) if (value.windowStart <= now - windowMs) windows.delete(key);
    }
    return hit;
  };
}

/**
 * Per-client fixed-window limiting (PRODUCT.md §4.7) with separate read and write budgets.
 * Every response it lets through carries `X-RateLimit-Remaining`; the 61st write gets 429.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const hitLocally = createLocalRateLimiter();
  const fallback = options.onStoreError ?? 'local';
  let storeFailing = false;

  /** Counts the hit; a read also fetches the revision in the same store step (one Redis command). */
  async function hit(bucket: string, now: number, isRead: boolean): Promise<RateLimitHit & { revision?: string }> {
    try {
      const result = isRead
        ? await options.store
            .hitRateLimitAndGetRevision(bucket, options.windowMs, now, options.slug)
            .then(({ hit: counted, revision }) => ({ ...counted, revision }))
        : await options.store.hitRateLimit(bucket, options.windowMs, now);
      if (storeFailing) console.warn('Rate limiter: store is back, counting in the store again');
      storeFailing = false;
      return result;
    } catch (error) {
      if (!storeFailing) console.warn(`Rate limiter: store failed (${String(error)}); fallback "${fallback}"`);
      storeFailing = true;
      if (fallback === 'open') return { count: 0, windowStart: now };
      if (fallback === 'closed') return { count: Number.POSITIVE_INFINITY, windowStart: now };
      return hitLocally(bucket, options.windowMs, now);
    }
  }

  return async function rateLimitMiddleware(c, next) {
    const isRead = READ_METHODS.has(c.req.method);
    const max = isRead ? options.readMax : options.writeMax;
    const address = options.clientAddress(c);
    const now = options.clock();
    const { count, windowStart, revision } = await hit(
      isRead ? `ratelimit:read:${address}` : `ratelimit:${address}`,
      now,
      isRead,
    );
    if (revision !== undefined) c.set('revision', revision);
    const remaining = String(Math.max(0, max - count));
    c.header('X-RateLimit-Remaining', remaining);
    if (count > max) {
      throw new RateLimitedError(Math.max(1, Math.ceil((windowStart + options.windowMs - now) / 1000)));
    }
    await next();
  };
}
