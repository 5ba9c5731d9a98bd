/**
 * The web client's page of an instance, `/i/{slug}/…` (issue 10 §1): served like `/` when the
 * instance exists, else a small 404 page, never a fresh empty calendar. The lookup is the API's
 * (cached per process), counted as a read by the instance's rate limiter.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

/** Plain HTML with no inline style or script, so the site's `default-src 'self'` CSP holds. */
const UNKNOWN_INSTANCE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Instance not found · Hourbook</title>
  </head>
  <body>
    <main>
      <h1>Instance not found</h1>
      <p>No Hourbook calendar lives at this address. Check the link with whoever gave it to you.</p>
      <p><a href="/">Open the main calendar</a></p>
    </main>
  </body>
</html>
`;

/** The 404 page of a slug no instance has. */
export function unknownInstancePage(c: Context): Response {
  c.header('Cache-Control', 'no-cache');
  return c.html(UNKNOWN_INSTANCE_HTML, 404);
}

/** Lets the request on to the static client when the instance exists. */
export const requireInstancePage: MiddlewareHandler<AppEnv> = async function requireInstancePage(c, next) {
  const budget = c.get('budget');
  const { instance } = await c.get('instance').cached(budget.charge());
  budget.enforce();
  if (!instance.exists) return unknownInstancePage(c);
  await next();
};
