import type { Context } from 'hono';

/**
 * Whether a request reached us over HTTPS, for the session cookie's `Secure` (issue 10 §4): the
 * site's `PUBLIC_URL` says so, or the URL itself, or `X-Forwarded-Proto` when a trusted proxy
 * (`TRUST_PROXY` ≥ 1, always on Vercel) wrote it; an untrusted header is the client's own word.
 */
export function httpsResolver(options: { publicUrl: string | undefined; trustProxy: number }): (c: Context) => boolean {
  const publicHttps = options.publicUrl?.startsWith('https:') ?? false;
  return function isHttps(c) {
    if (publicHttps || new URL(c.req.url).protocol === 'https:') return true;
    if (options.trustProxy < 1) return false;
    // Each proxy appends: the last entry is what our own outermost-trusted hop saw.
    const forwarded = c.req.header('X-Forwarded-Proto')?.split(',').at(-1)?.trim().toLowerCase();
    return forwarded === 'https';
  };
}
