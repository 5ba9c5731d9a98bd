import type { MiddlewareHandler } from 'hono';

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

const ALWAYS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  // Last-Event-ID: a reconnecting EventSource sends it (issue 8 §1).
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, Last-Event-ID',
  'Access-Control-Expose-Headers': 'ETag, X-RateLimit-Remaining, Retry-After',
  'Access-Control-Max-Age': '86400',
  // Every API answer depends on Origin (allowed or not), so a shared cache must key on it.
  Vary: 'Origin',
};

/**
 * CORS headers by allow-list (PRODUCT.md §4.6, fixing §10's echo-every-origin); preflight ends
 * here with 200. Headers only, like `hono/cors`: refusing cross-site writes is
 * ./same-origin-writes.ts. Not `hono/cors` itself: it answers preflight with 204 and sends the
 * allow-* headers on preflight only, where §4.6 asks for 200 and the headers on every answer.
 */
export function cors(options: { allowedOrigins: readonly string[] }): MiddlewareHandler {
  const isAllowed = compileOriginMatcher(options.allowedOrigins);
  return async function corsMiddleware(c, next) {
    const origin = c.req.header('Origin');
    const headers =
      origin !== undefined && isAllowed(origin) ? { ...ALWAYS, 'Access-Control-Allow-Origin': origin } : ALWAYS;
    if (c.req.method === 'OPTIONS') return c.body(null, 200, headers);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  };
}
