import type { MiddlewareHandler } from 'hono';
import { ForbiddenOriginError } from '../http-errors.js';
import { compileOriginMatcher } from './cors.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/**
 * Refuses state-changing requests from a foreign origin with 403 (the `hono/csrf` half of
 * STYLE.md 18): a browser still delivers a cross-site `text/plain` form post, CORS or not.
 * A write passes when its `Origin` is in `ALLOWED_ORIGINS`, or is this site's own origin:
 * `publicUrl` when set, else the request URL's origin (scheme, host and port, RFC 6454 §5).
 * A request with no `Origin` is not a browser's cross-site request (curl, the CLI) and passes.
 * Not `hono/csrf` itself: it checks form content types only, and answers a text 403.
 */
export function sameOriginWrites(options: {
  allowedOrigins: readonly string[];
  publicUrl?: string;
}): MiddlewareHandler {
  const isAllowed = compileOriginMatcher(options.allowedOrigins);
  return async function sameOriginWritesMiddleware(c, next) {
    const origin = c.req.header('Origin');
    if (origin !== undefined && UNSAFE_METHODS.has(c.req.method) && !isAllowed(origin)) {
      const ownOrigin = options.publicUrl ?? new URL(c.req.url).origin;
      if (origin !== ownOrigin) throw new ForbiddenOriginError();
    }
    await next();
  };
}
