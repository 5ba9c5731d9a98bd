/**
 * Serving the built client next to the API, over real HTTP, from a throwaway `dist/`-like folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../test/support/api-server.js';
import type { RunningApi } from '../../test/support/api-server.js';
import { createSqliteStore } from '../storage/sqlite/sqlite.store.js';
import type { Store } from '../storage/store.js';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from './static-client.js';

const INDEX_HTML = '<!doctype html><title>Hourbook</title><script type="module" src="/assets/app-1a2b3c.js"></script>';
const APP_JS = 'console.log("hourbook");';

let root: string;
let store: Store;
let sut: RunningApi;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hourbook-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX_HTML);
  writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), APP_JS);
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  store = createSqliteStore({ file: ':memory:' });
  sut = await startApiServer({ store, clientRoot: root });
});

afterAll(async () => {
  await sut.close();
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${sut.url}${path}`, init);

/** A GET whose path goes on the wire exactly as written (fetch would normalise dot segments). */
function getRaw(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(sut.url);
    const req = request({ hostname, port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('mountStaticClient', () => {
  it('serves index.html at / with no-cache and the strict CSP', async () => {
    const response = await get('/');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe(REVALIDATE_CACHE);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves a hashed asset with a year-long immutable cache and its real type', async () => {
    const response = await get('/assets/app-1a2b3c.js');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE_CACHE);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(APP_JS);
  });

  it('answers HEAD for an asset with its length and no body', async () => {
    const response = await get('/assets/app-1a2b3c.js', { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(APP_JS)));
    expect(await response.text()).toBe('');
  });

  it('serves other top-level files without the immutable cache', async () => {
    const response = await get('/favicon.svg');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe(REVALIDATE_CACHE);
  });

  it('falls back to index.html when an unknown path does not look like a file', async () => {
    const response = await get('/week/2026-11-24');

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(REVALIDATE_CACHE);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('returns 404, not the page, when a hashed asset is missing', async () => {
    const response = await get('/assets/app-000000.js');

    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBeNull();
    expect(await response.text()).not.toContain('<title>');
  });

  it('returns 404 when an unknown path looks like a file', async () => {
    const response = await get('/robots.txt');

    expect(response.status).toBe(404);
  });

  it('refuses to leave the root when an encoded path climbs out of it', async () => {
    const fromAssets = await getRaw('/assets/..%2f..%2f..%2f..%2fetc%2fhosts');
    const fromTop = await getRaw('/..%2f..%2f..%2f..%2fetc%2fhosts');

    expect(fromAssets.status).toBe(404);
    expect(fromTop.status).toBe(404);
    expect(fromAssets.body + fromTop.body).not.toContain('localhost');
  });

  it('leaves /api paths to the API, never answering them with the page', async () => {
    const unknown = await get('/api/nope');
    const bookings = await get('/api/bookings');

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'Not found' });
    expect(bookings.status).toBe(200);
    expect(await bookings.json()).toEqual({});
  });

  it('ignores write methods on client paths', async () => {
    const response = await get('/', { method: 'POST', body: 'x' });

    expect(response.status).toBe(404);
  });
});
