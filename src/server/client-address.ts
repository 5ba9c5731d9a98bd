import { isIP } from 'node:net';
import type { Context } from 'hono';

/**
 * Picks the address a request is rate-limited by (PRODUCT.md §4.7, §10.11).
 *
 * `trustProxy` is the number of proxies you run in front of the server (`TRUST_PROXY`; `true`
 * and `false` are read as 1 and 0 for older callers). Each proxy appends the address it saw to
 * `X-Forwarded-For`, so the Nth entry from the right was written by the outermost proxy of yours
 * and anything left of it is whatever the client sent. With fewer entries than N, the left-most
 * is taken: every entry is then one of your proxies' own. `X-Real-IP` is ignored: a proxy that
 * does not set it passes the client's own forgery straight through.
 *
 * The entry must be an IP address (IPv4-mapped IPv6 counted as its IPv4), else the socket
 * address is used, so a header value can never name another client's bucket
 * (`read:1.2.3.4`) or make a key longer than an address.
 */
export function clientAddressResolver(options: {
  trustProxy: number | boolean;
  socketAddress: (c: Context) => string | undefined;
}): (c: Context) => string {
  const hops = options.trustProxy === true ? 1 : options.trustProxy === false ? 0 : options.trustProxy;
  return function clientAddress(c) {
    const socket = normaliseAddress(options.socketAddress(c)) ?? 'unknown';
    if (hops < 1) return socket;
    const entries = c.req.header('X-Forwarded-For')?.split(',') ?? [];
    if (entries.length === 0) return socket;
    const entry = entries[Math.max(0, entries.length - hops)];
    return normaliseAddress(entry?.trim()) ?? socket;
  };
}

/** An IP address in one spelling per address: `::FFFF:192.0.2.9` → `192.0.2.9`; anything else → undefined. */
export function normaliseAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return undefined;
  let canonical: string;
  try {
    // The WHATWG URL parser writes IPv6 in its canonical form (RFC 5952): lower case, zeros compressed.
    canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  } catch {
    return undefined; // e.g. a zone index (`fe80::1%eth0`), which isIP accepts and URLs do not
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
