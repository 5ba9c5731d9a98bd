/**
 * The Vercel functions with no KV/Redis configured (issue 7 §2): every request, health included,
 * gets a JSON 503 naming the variables to set; the function log says it once; and nothing tries
 * to create `./data` on Vercel's read-only disk. In-process, with real `Request` objects.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVercelHandler } from '../../api/_lib/vercel-handler.js';
import { VERCEL_STORE_MISSING } from '../../src/server/unconfigured-store.js';

const request = (path: string, init: RequestInit = {}) =>
  new Request(`https://hourbook.vercel.app${path}`, { ...init, headers: { 'Content-Type': 'application/json' } });

describe('a Vercel function without a store configured', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'hourbook-vercel-')), 'data');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('answers every route with a JSON 503 that says which variables to set', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const sut = createVercelHandler({ VERCEL: '1', DATA_DIR: dataDir });
    const responses = await Promise.all([
      sut(request('/api/config')),
      sut(request('/api/bookings')),
      sut(request('/api/bookings?from=2031-01-06&to=2031-01-12')),
      sut(
        request('/api/bookings', {
          method: 'POST',
          body: JSON.stringify({ dateKey: '2031-01-06', timeKey: '09:00', user: 'Jack', duration: 1 }),
        }),
      ),
      sut(request('/api/bookings/update', { method: 'DELETE', body: '{"dateKey":"2031-01-06","timeKey":"09:00"}' })),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: VERCEL_STORE_MISSING });
    }
    const health = await sut(request('/api/health'));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, error: VERCEL_STORE_MISSING });

    expect(VERCEL_STORE_MISSING).toMatch(/KV_REST_API_URL and KV_REST_API_TOKEN.*KV_REDIS_URL/);
    // Said once per cold start, not per request (the rate limiter may add its own fallback line).
    const said = warnings.mock.calls.filter(([line]) => line === VERCEL_STORE_MISSING);
    expect(said).toHaveLength(1);
    expect(existsSync(dataDir)).toBe(false);
  });
});
