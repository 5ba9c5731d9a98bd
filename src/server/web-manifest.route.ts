/**
 * `GET /manifest.webmanifest` (the default instance) and `GET /i/{slug}/manifest.webmanifest`
 * (issue 9 §13): the instance's web app manifest, built from its config on each request, so a
 * renamed instance installs under its new title. An unknown instance answers 404. Browsers fetch
 * a manifest without cookies, so an instance with an access code is named only `Hourbook`: its
 * title is no more public than its config. Counted as a read by the instance's rate limiter.
 */
import type { Context } from 'hono';
import { NotFoundError } from '../core/errors.js';
import { GENERIC_APP_NAME, webManifestOf } from '../pwa/web-manifest.js';
import type { AppEnv } from './app-env.js';
import { respondWithError } from './error-responses.js';

export const MANIFEST_CONTENT_TYPE = 'application/manifest+json; charset=utf-8';

/** The 404 of a slug no instance has (or that cannot be one). */
export function unknownInstanceManifest(c: Context): Response {
  return respondWithError(new NotFoundError('Instance not found'), c);
}

export async function serveWebManifest(c: Context<AppEnv>): Promise<Response> {
  const budget = c.get('budget');
  const { instance } = await c.get('instance').cached(budget.charge());
  budget.enforce();
  if (!instance.exists) return unknownInstanceManifest(c);
  const slug = c.req.param('slug');
  const manifest = webManifestOf({
    title: instance.accessCodeHash === null ? instance.config.title : GENERIC_APP_NAME,
    scope: slug === undefined ? '/' : `/i/${slug}/`,
  });
  c.header('Cache-Control', 'no-cache');
  c.header('Content-Type', MANIFEST_CONTENT_TYPE);
  return c.body(JSON.stringify(manifest));
}
