/**
 * Makes the page installable and able to open offline (issue 9 §13): links the manifest of the
 * page's own instance and registers the service worker for that instance's path, so each
 * instance installs as its own app. Production API builds only (main.tsx): Vite's dev server has
 * no built shell to cache, and the demo build is served without the manifest route.
 */
import { instanceSlugOf } from './instance-path.js';

/** The page path an instance's worker and manifest cover: `/` or `/i/{slug}/`. */
export function instanceScopeOf(pathname: string): string {
  const slug = instanceSlugOf(pathname);
  return slug === null ? '/' : `/i/${slug}/`;
}

export function registerShellWorker(pathname: string): void {
  const scope = instanceScopeOf(pathname);
  // index.html links the default instance's manifest; another instance's page links its own.
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (link) link.href = `${scope}manifest.webmanifest`;
  if (!('serviceWorker' in navigator)) return;
  // After the load, so installing (which fetches the whole shell) never competes with start-up.
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope }).catch((error: unknown) => {
      console.warn('Hourbook: offline start-up unavailable (service worker not registered):', error);
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
