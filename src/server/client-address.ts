import type { Context } from 'hono';

/**
 * Picks the address a request is rate-limited by. Forwarding headers are believed only behind
 * a trusted proxy (`TRUST_PROXY=1`, or on Vercel, whose edge sets them); otherwise anyone could
 * reset their own limit by sending a new `X-Forwarded-For` (PRODUCT.md §10).
 */
export function clientAddressResolver(options: {
  trustProxy: boolean;
  socketAddress: (c: Context) => string | undefined;
}): (c: Context) => string {
  return function clientAddress(c) {
    if (options.trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
      const real = c.req.header('X-Real-IP')?.trim();
      if (forwarded) return forwarded;
      if (real) return real;
    }
    return options.socketAddress(c) ?? 'unknown';
  };
}
