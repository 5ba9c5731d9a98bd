/**
 * The in-repo Upstash REST stand-in speaks the documented wire protocol, so the REST backend's
 * tests exercise the real `@upstash/redis` client against real behaviour.
 */
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shouldSkipRedis, startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';
import { startUpstashRestServer } from '../support/upstash-rest-server.js';
import type { TestUpstashServer } from '../support/upstash-rest-server.js';

describe.skipIf(shouldSkipRedis())('upstash REST test server', () => {
  let redis: TestRedis;
  let sut: TestUpstashServer;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sut.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sut.token}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    redis = await startTestRedis();
    sut = await startUpstashRestServer(redis.url);
  });
  afterAll(async () => {
    await sut?.close();
    await redis?.close();
  });

  it('rejects a request without the bearer token with 401', async () => {
    const response = await fetch(sut.url, { method: 'POST', body: JSON.stringify(['PING']) });
    expect(response.status).toBe(401);
    const client = new Redis({ url: sut.url, token: 'wrong', retry: false, enableTelemetry: false });
    await expect(client.get('anything')).rejects.toThrow();
  });

  it('answers a command array with {result}, and a failing command with 400 {error}', async () => {
    expect(await (await post('/', ['SET', 'wire:a', 'héllo'])).json()).toEqual({ result: 'OK' });
    expect(await (await post('/', ['GET', 'wire:a'])).json()).toEqual({ result: 'héllo' });
    const failing = await post('/', ['INCR', 'wire:a']);
    expect(failing.status).toBe(400);
    expect(((await failing.json()) as { error: string }).error).toMatch(/^ERR/);
  });

  it('encodes every string but OK as base64 when asked with Upstash-Encoding', async () => {
    const encoded = { 'Upstash-Encoding': 'base64' };
    expect(await (await post('/', ['SET', 'wire:b', 'héllo'], encoded)).json()).toEqual({ result: 'OK' });
    expect(await (await post('/', ['GET', 'wire:b'], encoded)).json()).toEqual({
      result: Buffer.from('héllo').toString('base64'),
    });
    expect(await (await post('/', ['INCR', 'wire:n'], encoded)).json()).toEqual({ result: 1 });
  });

  it('runs /pipeline and /multi-exec as the client sends them', async () => {
    const client = new Redis({
      url: sut.url,
      token: sut.token,
      enableTelemetry: false,
      automaticDeserialization: false,
    });
    expect(await client.pipeline().set('wire:p', '1').incr('wire:p').get('wire:p').exec()).toEqual(['OK', 2, '2']);
    expect(await client.multi().set('wire:m', 'x').get('wire:m').exec()).toEqual(['OK', 'x']);
    const raw = await post('/pipeline', [
      ['SET', 'wire:q', 'v'],
      ['INCR', 'wire:q'],
    ]);
    const [ok, failed] = (await raw.json()) as { result?: unknown; error?: string }[];
    expect(ok).toEqual({ result: 'OK' });
    expect(failed?.error).toMatch(/^ERR/);
  });
});
