import type { MiddlewareHandler } from 'hono';

/** The five headers of PRODUCT.md §4.5, on every response including errors and preflight. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-XSS-Protection': '1; mode=block',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "default-src 'self'",
};

const ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * Prepares the security headers before the handler runs: Hono merges prepared headers into
 * every response built from the context, error responses included, without copying it.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeadersMiddleware(c, next) {
    for (const [name, value] of ENTRIES) c.header(name, value);
    await next();
  };
}
