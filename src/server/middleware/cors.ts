import type { MiddlewareHandler } from 'hono';
import { HourbookError } from '../../core/errors.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/**
 * Compiles `ALLOWED_ORIGINS` entries into one matcher. An entry is an exact origin or a
 * pattern whose `*` stands for one DNS label: `https://*.vercel.app` allows
 * `https://my-app.vercel.app` but not `https://vercel.app`.
 */
export function compileOriginMatcher(entries: readonly string[]): (origin: string) => boolean {
  const exact = new Set(entries.filter((entry) => !entry.includes('*')));
  const patterns = entries
    .filter((entry) => entry.includes('*'))
    .map((entry) => new RegExp(`^${entry.split('*').map(escapeRegExp).join('[a-z0-9-]+')}$`, 'i'));
  return (origin) => exact.has(origin) || patterns.some((pattern) => pattern.test(origin));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CORS by allow-list (PRODUCT.md §4.6, fixing §10's echo-every-origin). Preflight ends here
 * with 200. A state-changing request from a foreign origin is refused outright, since a
 * browser would still deliver a `text/plain` form post to the handler.
 */
export function cors(options: { allowedOrigins: readonly string[] }): MiddlewareHandler {
  const isAllowed = compileOriginMatcher(options.allowedOrigins);
  return async function corsMiddleware(c, next) {
    const origin = c.req.header('Origin');
    const headers: Record<string, string> = {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Expose-Headers': 'ETag, X-RateLimit-Remaining, Retry-After',
      'Access-Control-Max-Age': '86400',
    };
    const allowed = origin !== undefined && isAllowed(origin);
    if (allowed) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers.Vary = 'Origin';
    }
    if (c.req.method === 'OPTIONS') return c.body(null, 200, headers);
    if (origin && !allowed && UNSAFE_METHODS.has(c.req.method) && !isSameOrigin(origin, c.req.header('Host'))) {
      throw new HourbookError('forbidden_origin', 'Origin not allowed');
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  };
}
