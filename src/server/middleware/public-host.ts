import type { MiddlewareHandler } from 'hono';
import { MisdirectedRequestError } from '../http-errors.js';

/**
 * With `PUBLIC_URL` set, answers a request for any other host with 421 Misdirected Request
 * (RFC 9110 §15.5.20: this server will not answer for that URI). A page on a rebound DNS name
 * reaches the server under its own name in `Host`, so this is what blocks DNS rebinding.
 * `exempt` paths (the health check) stay reachable under any host, for local probes.
 */
export function publicHost(options: { publicUrl: string; exempt: readonly string[] }): MiddlewareHandler {
  const expected = new URL(options.publicUrl).host;
  const exempt = new Set(options.exempt);
  return async function publicHostMiddleware(c, next) {
    if (!exempt.has(c.req.path) && new URL(c.req.url).host !== expected) throw new MisdirectedRequestError();
    await next();
  };
}
