/**
 * Security headers, CORS, rate limiting and storage failure (PRODUCT.md §4.5–§4.7, §10).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/server/middleware/security-headers.js';
import { startApiServer } from '../support/api-server.js';
import type { ApiServerOptions, RunningApi } from '../support/api-server.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const NOW = Date.parse('2026-02-14T00:30:00Z');
const running: Array<{ api: RunningApi; cleanup: () => Promise<void> }> = [];

async function start(
  options: Partial<ApiServerOptions> = {},
): Promise<RunningApi & { store: ApiServerOptions['store'] }> {
  const { store, cleanup } = createTempSqliteStore();
  const api = await startApiServer({ store, clock: () => NOW, ...options });
  running.push({ api, cleanup });
  return { ...api, store };
}

afterEach(async () => {
  for (const { api, cleanup } of running.splice(0)) {
    await api.close();
    await cleanup();
  }
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/bookings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('security headers', () => {
  it('are on successes, errors, 404s and preflight alike', async () => {
    const api = await start();
    const responses = await Promise.all([
      fetch(`${api.url}/api/config`),
      post(api.url, {}),
      fetch(`${api.url}/api/nowhere`),
      fetch(`${api.url}/api/bookings`, { method: 'OPTIONS' }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 400, 404, 200]);
    expect(responses[0]!.headers.get('X-RateLimit-Remaining')).not.toBeNull();
    for (const response of responses) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    }
  });
});

describe('CORS', () => {
  it('answers preflight with 200, an empty body and no rate-limit charge', async () => {
    const api = await start({ rateLimit: { writeMax: 1, readMax: 1, windowMs: 60_000 } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await fetch(`${api.url}/api/bookings`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET, POST, PUT, DELETE, OPTIONS');
      expect(response.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type, Authorization, Last-Event-ID');
      expect(response.headers.get('Access-Control-Max-Age')).toBe('86400');
      expect(response.headers.get('X-RateLimit-Remaining')).toBeNull();
    }
    expect((await fetch(`${api.url}/api/config`)).status).toBe(200);
  });

  it('echoes an allowed origin, matches patterns, and gives others no allow-origin header', async () => {
    const api = await start({ allowedOrigins: ['https://book.example.com', 'https://*.vercel.app'] });
    const from = (origin: string) => fetch(`${api.url}/api/config`, { headers: { Origin: origin } });
    const allowed = await from('https://book.example.com');
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://book.example.com');
    expect(allowed.headers.get('Vary')).toBe('Origin');
    expect((await from('https://preview-42.vercel.app')).headers.get('Access-Control-Allow-Origin')).toBe(
      'https://preview-42.vercel.app',
    );
    for (const origin of ['https://evil.example', 'https://vercel.app', 'https://a.b.vercel.app.evil.io']) {
      expect((await from(origin)).headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
    expect((await fetch(`${api.url}/api/config`)).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('refuses writes from a foreign origin but accepts same-origin ones', async () => {
    const api = await start();
    const booking = { dateKey: '2026-02-20', timeKey: '09:00', user: 'Jack', duration: 1 };
    const foreign = await post(api.url, booking, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: 'Origin not allowed' });
    const sameOrigin = await post(api.url, booking, { Origin: api.url });
    expect(sameOrigin.status).toBe(201);
  });
});

describe('rate limiting', () => {
  it('counts writes, reports what is left and answers 429 with Retry-After once spent', async () => {
    const api = await start({ rateLimit: { writeMax: 3, readMax: 100, windowMs: 60_000 } });
    const remaining: Array<string | null> = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      remaining.push((await post(api.url, {})).headers.get('X-RateLimit-Remaining'));
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await post(api.url, {});
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: 'Too many requests. Please try again later.' });
    expect(limited.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(Number(limited.headers.get('Retry-After'))).toBe(60);
    expect(limited.headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('counts health checks against the read budget like any other read', async () => {
    const api = await start({ rateLimit: { writeMax: 10, readMax: 2, windowMs: 60_000 } });
    const health = [];
    for (let attempt = 0; attempt < 3; attempt += 1) health.push(await fetch(`${api.url}/api/health`));
    expect(health.map((response) => response.headers.get('X-RateLimit-Remaining'))).toEqual(['1', '0', '0']);
    expect(health.map((response) => response.status)).toEqual([200, 200, 429]);
  });

  it('gives reads their own budget, so polling never locks out writes', async () => {
    const api = await start({ rateLimit: { writeMax: 2, readMax: 5, windowMs: 60_000 } });
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await fetch(`${api.url}/api/bookings`)).status).toBe(200);
    expect((await fetch(`${api.url}/api/bookings`)).status).toBe(429);
    expect((await post(api.url, {})).status).toBe(400);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted, so spoofing cannot reset a limit', async () => {
    const api = await start({ rateLimit: { writeMax: 1, readMax: 100, windowMs: 60_000 } });
    expect((await post(api.url, {}, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(400);
    expect((await post(api.url, {}, { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(429);
  });

  it('uses the X-Forwarded-For entry the trusted proxy appended, the right-most', async () => {
    const api = await start({ trustProxy: true, rateLimit: { writeMax: 1, readMax: 100, windowMs: 60_000 } });
    expect((await post(api.url, {}, { 'X-Forwarded-For': '10.0.0.1, 203.0.113.1' })).status).toBe(400);
    expect((await post(api.url, {}, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(429);
    expect((await post(api.url, {}, { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(400);
  });

  it('keeps limiting in process when the store cannot count', async () => {
    const api = await start({ rateLimit: { writeMax: 2, readMax: 100, windowMs: 60_000 } });
    await api.store.close();
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await post(api.url, {})).status);
    expect(statuses).toEqual([503, 503, 429]);
  });
});

describe('storage failure', () => {
  it('answers 503 "Storage unavailable" fast and reports it on /api/health', async () => {
    const api = await start();
    await api.store.close();
    const started = Date.now();
    const responses = await Promise.all([
      fetch(`${api.url}/api/bookings`),
      fetch(`${api.url}/api/config`),
      post(api.url, { dateKey: '2026-02-20', timeKey: '09:00', user: 'Jack', duration: 1 }),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'Storage unavailable' });
    }
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, store: 'sqlite' });
  });
});
