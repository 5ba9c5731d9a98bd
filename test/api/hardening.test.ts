/**
 * The hardening of issue 7 §5 that is about the app, not sockets, called in-process on a fresh
 * SQLite store per test: 405 with `Allow`, headers on every error, same-origin writes and
 * `PUBLIC_URL`, forwarded addresses, and what `/api/health` shows.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVercelHandler } from '../../api/_lib/vercel-handler.js';
import { StorageUnavailableError } from '../../src/core/errors.js';
import { bootHourbook } from '../../src/server/boot.js';
import { respondWithError } from '../../src/server/error-responses.js';
import { SECURITY_HEADERS } from '../../src/server/middleware/security-headers.js';
import { readSettings } from '../../src/server/settings.js';
import { createTempSqliteStore } from '../support/sqlite-fixture.js';

const NOW = Date.parse('2026-02-14T00:30:00Z');
const BOOKING = { dateKey: '2026-02-20', timeKey: '09:00', user: 'Jack', duration: 1 };
const SOCKET_ADDRESS = '198.51.100.7';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface SutOptions {
  trustProxy?: number;
  publicUrl?: string;
  allowedOrigins?: string[];
  rateLimit?: { writeMax: number; readMax: number };
  clientRoot?: string;
}

async function makeSut(options: SutOptions = {}) {
  const { store, file, cleanup } = createTempSqliteStore();
  cleanups.push(cleanup);
  const limits = options.rateLimit ?? { writeMax: 100, readMax: 100 };
  const { app } = await bootHourbook(
    {
      ALLOWED_ORIGINS: (options.allowedOrigins ?? ['http://localhost:5173']).join(','),
      RATE_LIMIT_MAX: String(limits.writeMax),
      RATE_LIMIT_READ_MAX: String(limits.readMax),
      TRUST_PROXY: String(options.trustProxy ?? 0),
      ...(options.publicUrl ? { PUBLIC_URL: options.publicUrl } : {}),
    },
    { store, clock: () => NOW, socketAddress: () => SOCKET_ADDRESS, clientRoot: options.clientRoot },
  );
  return { app, store, file };
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('methods a route does not serve', () => {
  it.each([
    ['POST', '/api/health', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/api/config', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/api/bookings', 'GET, HEAD, POST, OPTIONS'],
    ['PUT', '/api/bookings', 'GET, HEAD, POST, OPTIONS'],
    ['GET', '/api/bookings/update', 'PUT, DELETE, OPTIONS'],
    ['POST', '/api/bookings/update', 'PUT, DELETE, OPTIONS'],
  ])('answers %s %s with 405, the exact body and Allow: %s', async (method, path, allow) => {
    const { app } = await makeSut();

    const response = await app.request(path, { method });

    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: 'Method not allowed' });
    expect(response.headers.get('Allow')).toBe(allow);
    expect(response.headers.get('X-RateLimit-Remaining')).not.toBeNull();
  });
});

describe('headers on every API response', () => {
  it('carries X-RateLimit-Remaining on a refused cross-site write', async () => {
    const { app } = await makeSut();

    const response = await app.request('/api/bookings', json('POST', BOOKING, { Origin: 'https://evil.example' }));

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Origin not allowed' });
    expect(response.headers.get('X-RateLimit-Remaining')).toBe('99');
  });

  it('carries Vary: Origin with and without an Origin, on successes and errors', async () => {
    const { app } = await makeSut();
    const responses = await Promise.all([
      app.request('/api/config'),
      app.request('/api/config', { headers: { Origin: 'https://evil.example' } }),
      app.request('/api/bookings', json('POST', {})),
      app.request('/api/nowhere'),
      app.request('/api/bookings', { method: 'OPTIONS' }),
    ]);

    expect(responses.map((response) => response.status)).toEqual([200, 200, 400, 404, 200]);
    for (const response of responses) expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('answers a path outside the API with the JSON 404 and the security headers', async () => {
    const { app } = await makeSut();

    const response = await app.request('/robots.txt');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
  });
});

describe('error bodies built outside the API routes', () => {
  it('answers a missing client asset with the JSON 404', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hourbook-static-'));
    cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Hourbook</title>');
    const { app } = await makeSut({ clientRoot: root });

    const response = await app.request('/assets/app-000000.js');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });

  it('answers a Vercel function that cannot boot with a JSON error and the security headers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sut = createVercelHandler({ RATE_LIMIT_MAX: '-1' });

    const response = await sut(new Request('https://hourbook.vercel.app/api/config'));

    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(typeof (await response.json()).error).toBe('string');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
  });
});

describe('readSettings', () => {
  it('reads TRUST_PROXY as a number of hops, true/false as 1/0, and 0 by default', () => {
    expect(readSettings({}).TRUST_PROXY).toBe(0);
    expect(readSettings({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(readSettings({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(readSettings({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0);
    expect(() => readSettings({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('reads PUBLIC_URL as an origin and refuses one with a path', () => {
    expect(readSettings({}).PUBLIC_URL).toBeUndefined();
    expect(readSettings({ PUBLIC_URL: 'https://Rooms.Example.com/' }).PUBLIC_URL).toBe('https://rooms.example.com');
    expect(() => readSettings({ PUBLIC_URL: 'https://rooms.example.com/app' })).toThrow(/PUBLIC_URL/);
    expect(() => readSettings({ PUBLIC_URL: 'rooms.example.com' })).toThrow(/PUBLIC_URL/);
  });
});

describe('same-origin writes without PUBLIC_URL', () => {
  it('accepts a write whose Origin is the request URL origin', async () => {
    const { app } = await makeSut();

    const response = await app.request(
      'http://rooms.local:3000/api/bookings',
      json('POST', BOOKING, { Host: 'rooms.local:3000', Origin: 'http://rooms.local:3000' }),
    );

    expect(response.status).toBe(201);
  });

  it.each(['https://rooms.local:3000', 'http://rooms.local:4000', 'http://rooms.local'])(
    'refuses a write from %s, which shares only part of the origin',
    async (origin) => {
      const { app } = await makeSut();

      const response = await app.request(
        'http://rooms.local:3000/api/bookings',
        json('POST', BOOKING, { Host: 'rooms.local:3000', Origin: origin }),
      );

      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: 'Origin not allowed' });
    },
  );
});

describe('PUBLIC_URL', () => {
  const publicUrl = 'https://rooms.example.com';

  it('accepts writes from PUBLIC_URL and from ALLOWED_ORIGINS, and refuses others', async () => {
    const { app } = await makeSut({ publicUrl, allowedOrigins: ['https://*.example.org'] });
    const write = (origin: string, timeKey: string) =>
      app.request(`${publicUrl}/api/bookings`, json('POST', { ...BOOKING, timeKey }, { Origin: origin }));

    expect((await write(publicUrl, '09:00')).status).toBe(201);
    expect((await write('https://team.example.org', '10:00')).status).toBe(201);
    expect((await write('http://rooms.example.com', '11:00')).status).toBe(403);
  });

  it('answers 421 to a request for another Host, which is what DNS rebinding sends', async () => {
    const { app } = await makeSut({ publicUrl });

    const responses = await Promise.all([
      app.request('http://attacker.example/api/bookings'),
      app.request('http://127.0.0.1:3000/api/config'),
      app.request('http://attacker.example/', { headers: { Origin: 'http://attacker.example' } }),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(421);
      expect(await response.json()).toEqual({ error: 'Misdirected request' });
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    }
  });

  it('keeps /api/health reachable under any Host, for local probes', async () => {
    const { app } = await makeSut({ publicUrl });

    const response = await app.request('http://127.0.0.1:3000/api/health');

    expect(response.status).toBe(200);
  });

  it('serves its own host', async () => {
    const { app } = await makeSut({ publicUrl });

    expect((await app.request(`${publicUrl}/api/config`)).status).toBe(200);
  });
});

describe('forwarded addresses (TRUST_PROXY=N)', () => {
  const postFrom = (forwardedFor: string) => json('POST', {}, { 'X-Forwarded-For': forwardedFor });

  it('keeps one bucket however the client fills the left of X-Forwarded-For', async () => {
    const { app } = await makeSut({ trustProxy: 1, rateLimit: { writeMax: 1, readMax: 100 } });

    const first = await app.request('/api/bookings', postFrom('203.0.113.1, 192.0.2.44'));
    const spoofed = await app.request('/api/bookings', postFrom('203.0.113.2, 192.0.2.44'));

    expect(first.status).toBe(400);
    expect(spoofed.status).toBe(429);
  });

  it('takes the Nth entry from the right behind N proxies', async () => {
    const { app } = await makeSut({ trustProxy: 2, rateLimit: { writeMax: 1, readMax: 100 } });

    expect((await app.request('/api/bookings', postFrom('6.6.6.6, 192.0.2.44, 10.0.0.2'))).status).toBe(400);
    expect((await app.request('/api/bookings', postFrom('7.7.7.7, 192.0.2.44, 10.0.0.3'))).status).toBe(429);
    expect((await app.request('/api/bookings', postFrom('192.0.2.45, 10.0.0.2'))).status).toBe(400);
  });

  it('falls back to the socket address when the entry is not an IP address', async () => {
    const { app } = await makeSut({ trustProxy: 1, rateLimit: { writeMax: 1, readMax: 100 } });

    expect((await app.request('/api/bookings', json('POST', {}))).status).toBe(400);
    expect((await app.request('/api/bookings', postFrom('not-an-address'))).status).toBe(429);
    expect((await app.request('/api/bookings', postFrom(`${SOCKET_ADDRESS}:443`))).status).toBe(429);
  });

  it('never lets a header value such as read:1.2.3.4 spend another client’s read budget', async () => {
    const { app } = await makeSut({ trustProxy: 1, rateLimit: { writeMax: 100, readMax: 2 } });
    for (let attempt = 0; attempt < 3; attempt += 1) await app.request('/api/bookings', postFrom('read:1.2.3.4'));

    const read = await app.request('/api/bookings', { headers: { 'X-Forwarded-For': '1.2.3.4' } });

    expect(read.status).toBe(200);
    expect(read.headers.get('X-RateLimit-Remaining')).toBe('1');
  });

  it('counts an IPv4-mapped IPv6 entry as the IPv4 address it maps', async () => {
    const { app } = await makeSut({ trustProxy: 1, rateLimit: { writeMax: 1, readMax: 100 } });

    expect((await app.request('/api/bookings', postFrom('192.0.2.9'))).status).toBe(400);
    expect((await app.request('/api/bookings', postFrom('::FFFF:192.0.2.9'))).status).toBe(429);
  });
});

describe('/api/health', () => {
  it('names the SQLite file without its absolute path', async () => {
    const { app, file } = await makeSut();

    const response = await app.request('/api/health');

    expect(await response.json()).toEqual({ ok: true, store: 'sqlite', target: 'hourbook.db', problems: [] });
    expect(JSON.stringify(await (await app.request('/api/health')).json())).not.toContain(file.split('/')[1]!);
  });

  it('answers 503 with the table’s body and the same target when the store is down', async () => {
    const { app, store, file } = await makeSut();
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation(
      (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
    );
    await store.close();

    const response = await app.request('/api/health');

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      store: 'sqlite',
      target: 'hourbook.db',
      error: 'Storage unavailable',
    });
    expect(warnings.join('\n')).toContain('hourbook.db');
    expect(warnings.join('\n')).not.toContain(file);
  });
});

describe('logged storage failures', () => {
  it('name a short code and the host, never the upstream text or the command sent', async () => {
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation(
      (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
    );
    const { Hono } = await import('hono');
    const upstream = Object.assign(
      new Error('ERR wrong number of arguments for EVALSHA ["secret-token", "instance:x:day"] body={"error":"..."}'),
      { name: 'UpstashError', code: 'WRONGTYPE' },
    );
    const app = new Hono();
    app.onError(respondWithError);
    app.get('/', () => {
      throw new StorageUnavailableError(undefined, { cause: upstream });
    });

    const response = await app.request('/');

    expect(response.status).toBe(503);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('WRONGTYPE');
    expect(warnings[0]).not.toMatch(/EVALSHA|secret-token|body=/);
  });
});
