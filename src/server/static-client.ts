/**
 * Serves the built web client (Vite's `dist/`) next to the API: files as they are, hashed
 * `/assets/*` cached for a year, `index.html` revalidated on every load, and any other path that
 * does not look like a file answered with `index.html` so the single-page app can load there.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env.js';
import { respondWithError } from './error-responses.js';
import { RouteNotFoundError } from './http-errors.js';

export interface StaticClientOptions {
  /** Folder holding `index.html` and `assets/`; relative paths resolve from the working directory. */
  root?: string;
}

/** Vite names every asset after its content hash, so a changed file always gets a new URL. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** RFC 9111 §5.2.2.4: a cache may keep the page but must revalidate it before each use. */
export const REVALIDATE_CACHE = 'no-cache';

/** Whether the last path segment has an extension, e.g. `/favicon.svg` but not `/week/2026-11-24`. */
function looksLikeFile(path: string): boolean {
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return lastSegment.includes('.');
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Mounts the client after the API routes: `mountStaticClient(app, { root: 'dist' })`. */
export function mountStaticClient(app: Hono<AppEnv>, options: StaticClientOptions = {}): void {
  const root = options.root ?? 'dist';
  const cacheWith = (value: string) => (_path: string, c: Context) => c.header('Cache-Control', value);
  const assets = serveStatic({ root, onFound: cacheWith(IMMUTABLE_CACHE) });
  const files = serveStatic({ root, onFound: cacheWith(REVALIDATE_CACHE) });
  const shell = serveStatic({ root, path: 'index.html', onFound: cacheWith(REVALIDATE_CACHE) });

  app.use('/assets/*', assets);
  // A missing asset is a stale or broken page: answering it with HTML would only hide that.
  app.get('/assets/*', (c) => respondWithError(new RouteNotFoundError(), c));

  app.use('*', async function serveClientFile(c, next) {
    if (isApiPath(c.req.path)) return next();
    return files(c, next);
  });
  app.get('*', async function serveClientShell(c, next) {
    if (isApiPath(c.req.path) || looksLikeFile(c.req.path)) return next();
    return shell(c, next);
  });
}
