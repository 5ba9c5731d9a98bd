/**
 * Names of the service worker's app-shell caches. One cache per worker scope (the default
 * instance at `/`, each other at `/i/{slug}/`) and per build, so a new build installs into a new
 * cache and deletes only its own scope's older ones: another scope's worker may still be on the
 * previous build and need its cache.
 */
const PREFIX = 'hourbook-shell';

/** The cache of the build `version` for the scope path `scope`, e.g. `hourbook-shell:/i/a/:3f9c0a1b`. */
export function shellCacheName(scope: string, version: string): string {
  return `${PREFIX}:${scope}:${version}`;
}

/** Whether `name` is an older build's shell cache of this same scope, to delete on activation. */
export function isStaleShellCache(name: string, scope: string, version: string): boolean {
  return name.startsWith(`${PREFIX}:${scope}:`) && name !== shellCacheName(scope, version);
}

/** Whether `pathname` belongs to the API, whose answers the worker never touches. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}
