/**
 * Which instance a page serves, from its own path (issue 10 §1): `/i/{slug}/…` is that
 * instance, with its API under `/api/i/{slug}`; anything else is the default instance on the
 * original paths (`/api/config`, `/api/bookings`…). Browser storage names carry the slug too,
 * so two instances open in one browser never share an offline queue.
 */

const INSTANCE_PATH = /^\/i\/([a-z0-9-]{1,64})(?:\/|$)/;

/** The instance a page at `pathname` serves: `/i/team-a/` → `team-a`; `/` → null (the default). */
export function instanceSlugOf(pathname: string): string | null {
  return INSTANCE_PATH.exec(pathname)?.[1] ?? null;
}

/** Where that instance's API lives: `/i/team-a/` → `/api/i/team-a`; `/` → `/api`. */
export function apiBaseOf(pathname: string): string {
  const slug = instanceSlugOf(pathname);
  return slug === null ? '/api' : `/api/i/${slug}`;
}

/** A storage name of that instance: `/` keeps `name` (as before), `/i/team-a/` gives `name:team-a`. */
export function instanceScopedName(name: string, pathname: string): string {
  const slug = instanceSlugOf(pathname);
  return slug === null ? name : `${name}:${slug}`;
}

/** The page's own path; `/` outside a browser (unit tests). */
export function pagePathname(): string {
  return (globalThis as { location?: { pathname?: string } }).location?.pathname ?? '/';
}
