/**
 * The service worker (issue 9 §13), built into `/sw.js` by vite-plugin.ts with the build's file
 * list and content hash baked in. Registered once per instance scope (`/` or `/i/{slug}/`):
 * - install: precaches the app shell (HTML, JS, CSS, fonts, icons) into this build's cache;
 * - activate: deletes this scope's caches of older builds, and takes over open pages;
 * - navigations: the network first (so a new build and the 404 of an unknown instance still
 *   show), the cached shell when the network fails or the server answers 5xx;
 * - shell files: from the cache (their names carry content hashes, so they never go stale);
 * - `/api/…`: never answered here: it goes to the network, and its failure reaches the client,
 *   which then shows *Offline* with its last known bookings. Everything else goes to the network.
 */
import { isApiPath, isStaleShellCache, shellCacheName } from './shell-cache.js';

declare const __SHELL_VERSION__: string;
declare const __SHELL_FILES__: readonly string[];

/** The parts of the worker's global scope used here (the DOM lib has no ServiceWorkerGlobalScope). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const scope = new URL(worker.registration.scope).pathname;
const cacheName = shellCacheName(scope, __SHELL_VERSION__);
const shellFiles = new Set(__SHELL_FILES__);
const SHELL_PAGE = '/index.html';

worker.addEventListener('install', (event) => {
  // `reload`: the shell must come from the server, not from an HTTP cache of an older build.
  const requests = __SHELL_FILES__.map((path) => new Request(path, { cache: 'reload' }));
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(requests))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => isStaleShellCache(name, scope, __SHELL_VERSION__)).map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

async function cachedShellPage(fallback?: Response): Promise<Response> {
  const cached = await caches.match(SHELL_PAGE, { cacheName });
  if (cached) return cached;
  if (fallback) return fallback;
  return Response.error();
}

async function navigate(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    return response.status >= 500 ? cachedShellPage(response) : response;
  } catch {
    return cachedShellPage();
  }
}

async function shellFile(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName })) ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || isApiPath(url.pathname)) return;
  if (request.mode === 'navigate') {
    if (url.pathname.startsWith(scope)) event.respondWith(navigate(request));
    return;
  }
  if (shellFiles.has(url.pathname)) event.respondWith(shellFile(request));
});
