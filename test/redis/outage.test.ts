/**
 * Redis outages (issue 3 §6): with the server gone every API call answers 503 within a second,
 * the rate limiter keeps limiting in process, and the first requests after Redis returns succeed
 * without restarting anything.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstashStore } from '../../src/storage/upstash/upstash.store.js';
import { startApiServer } from '../support/api-server.js';
import type { RunningApi } from '../support/api-server.js';
import { shouldSkipRedis } from '../support/redis-server.js';
import { openBackend } from './backends.js';
import type { OpenBackend } from './backends.js';

const skipRedis = shouldSkipRedis();
const WRITE_MAX = 8;

interface Timed {
  status: number;
  body: unknown;
  ms: number;
}

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = (await response.json()) as unknown;
  return { status: response.status, body, ms: performance.now() - started };
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not recovered within ${timeoutMs} ms`);
}

describe.each(['redis', 'upstash'] as const)('%s outage', (backendName) => {
  let backend: OpenBackend;
  let api: RunningApi;

  beforeAll(async () => {
    if (skipRedis) return;
    backend = await openBackend(backendName);
    api = await startApiServer({
      store: backend.store,
      slug: `outage-${backendName}`,
      rateLimit: { writeMax: WRITE_MAX, readMax: 1000, windowMs: 60_000, onStoreError: 'local' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await backend?.close();
  });

  async function expectUnavailableEverywhere(booking: Record<string, unknown>): Promise<void> {
    const calls: [string, RequestInit | undefined][] = [
      ['/api/config', undefined],
      ['/api/bookings', undefined],
      ['/api/bookings?from=2031-09-01&to=2031-09-07', undefined],
      ['/api/bookings', json('POST', { ...booking, timeKey: '11:00' })],
      ['/api/bookings/update', json('PUT', { dateKey: '2031-09-01', timeKey: '09:00', updates: { duration: 2 } })],
      ['/api/bookings/update', json('DELETE', { dateKey: '2031-09-01', timeKey: '09:00' })],
    ];
    for (const [path, init] of calls) {
      const result = await timed(`${api.url}${path}`, init);
      expect({ path, status: result.status, body: result.body }).toEqual({
        path,
        status: 503,
        body: { error: 'Storage unavailable' },
      });
      expect(result.ms).toBeLessThan(1000);
    }
    const health = await timed(`${api.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(1000);
  }

  it.skipIf(skipRedis)('answers every call with 503 within 1 s while Redis is down, then recovers', async () => {
    const booking = { dateKey: '2031-09-01', timeKey: '09:00', user: 'Jack', duration: 1 };
    expect((await timed(`${api.url}/api/bookings`, json('POST', booking))).status).toBe(201);

    await backend.redis!.stop();
    try {
      await expectUnavailableEverywhere(booking);
    } finally {
      await backend.redis!.restart();
    }
    const recoveredAfter = await until(async () => (await fetch(`${api.url}/api/health`)).status === 200, 5000);
    expect(recoveredAfter).toBeLessThan(2000);
    expect((await timed(`${api.url}/api/bookings`)).status).toBe(200);
    expect((await timed(`${api.url}/api/bookings`, json('POST', booking))).status).toBe(201);
  });

  it.skipIf(skipRedis)('answers 503 within 1 s per call while Redis hangs, then recovers when it resumes', async () => {
    backend.redis!.freeze();
    try {
      for (const path of ['/api/bookings', '/api/config', '/api/bookings', '/api/health']) {
        const result = await timed(`${api.url}${path}`);
        expect({ path, status: result.status }).toEqual({ path, status: 503 });
        expect(result.ms).toBeLessThan(1000);
      }
    } finally {
      backend.redis!.thaw();
    }
    const recoveredAfter = await until(async () => (await fetch(`${api.url}/api/health`)).status === 200, 5000);
    expect(recoveredAfter).toBeLessThan(3000);
    expect((await timed(`${api.url}/api/bookings`)).status).toBe(200);
  });

  it.skipIf(skipRedis)('keeps limiting writes in process while Redis is down, never unlimited', async () => {
    // A fresh app, so its in-process fallback has counted nothing yet.
    const fresh = await startApiServer({
      store: backend.store,
      slug: `outage-limit-${backendName}`,
      rateLimit: { writeMax: WRITE_MAX, readMax: 1000, windowMs: 60_000, onStoreError: 'local' },
    });
    await backend.redis!.stop();
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= WRITE_MAX; attempt += 1) {
        const response = await fetch(
          `${fresh.url}/api/bookings`,
          json('POST', { dateKey: '2031-09-02', timeKey: '10:00', user: 'Jack', duration: 1 }),
        );
        statuses.push(response.status);
      }
      expect(statuses.slice(0, WRITE_MAX)).toEqual(Array(WRITE_MAX).fill(503));
      expect(statuses[WRITE_MAX]).toBe(429);
    } finally {
      await fresh.close();
      await backend.redis!.restart();
    }
  });
});

describe('upstash endpoint that stops answering', () => {
  it('answers 503 within 1 s per request instead of hanging', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer(() => {
      // Accepts the request and never answers, like an overloaded or black-holed endpoint.
    });
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as AddressInfo;
    const sut = createUpstashStore({ url: `http://127.0.0.1:${port}`, token: 't', timeoutMs: 300 });
    const api = await startApiServer({ store: sut, slug: 'silent' });
    try {
      for (const path of ['/api/bookings', '/api/config']) {
        const result = await timed(`${api.url}${path}`);
        expect(result.status).toBe(503);
        expect(result.ms).toBeLessThan(1000);
      }
    } finally {
      await api.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
