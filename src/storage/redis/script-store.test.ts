import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../../core/errors.js';
import { createScriptStore } from './script-store.js';
import type { RedisTransport } from './script-store.js';

function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) =>
    setTimeout(() => reject(Object.assign(new Error('The operation timed out'), { name: 'TimeoutError' })), ms),
  );
}

/** A transport whose GET answers per key: `slow` keys time out, others answer at once. */
function fakeTransport(slowKeys: Set<string>): RedisTransport & { gets: string[]; evals: number } {
  const fake = {
    gets: [] as string[],
    evals: 0,
    evalsha: async () => {
      throw new Error('NOSCRIPT No matching script. Please use EVAL.');
    },
    eval: async () => {
      fake.evals += 1;
      return [];
    },
    get: async (key: string) => {
      fake.gets.push(key);
      return slowKeys.has(key) ? timeoutAfter(50) : '"value"';
    },
    set: async () => undefined,
    scan: async () => [],
    ping: async () => undefined,
    close: async () => undefined,
  };
  return fake;
}

describe('createScriptStore', () => {
  it('fails at once after a timeout during which nothing answered, without calling Redis', async () => {
    const transport = fakeTransport(new Set(['instance:{hung}:rev']));
    const sut = createScriptStore({ kind: 'redis', target: 'redis://test:6379', transport });

    await expect(sut.bookings.revision('hung')).rejects.toThrow(StorageUnavailableError);
    const started = performance.now();
    await expect(sut.bookings.revision('other')).rejects.toThrow(StorageUnavailableError);

    expect(performance.now() - started).toBeLessThan(20);
    expect(transport.gets).toEqual(['instance:{hung}:rev']);
  });

  it('keeps serving when one slow call times out while other calls are answered', async () => {
    const transport = fakeTransport(new Set(['instance:{slow}:rev']));
    const sut = createScriptStore({ kind: 'redis', target: 'redis://test:6379', transport });

    const slow = sut.bookings.revision('slow');
    await sut.bookings.revision('fast');
    await expect(slow).rejects.toThrow(StorageUnavailableError);

    await expect(sut.bookings.revision('fast')).resolves.toBe('"value"');
  });

  it('falls back to EVAL with the script source when Redis does not know the script', async () => {
    const transport = fakeTransport(new Set());
    const sut = createScriptStore({ kind: 'upstash', target: 'https://kv.example.com', transport });

    await expect(sut.bookings.list('team')).resolves.toEqual({ bookings: {}, damaged: [] });
    expect(transport.evals).toBe(1);
  });

  it('answers every failure with the one 503 message, keeping only a code and the host as its cause', async () => {
    const upstream = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:6379 token=s3cret'), {
      code: 'ECONNREFUSED',
    });
    const transport = { ...fakeTransport(new Set()), ping: async () => Promise.reject(upstream) };
    const sut = createScriptStore({ kind: 'redis', target: 'redis://test:6379', transport });

    const error = await sut.ping().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toBe('Storage unavailable');
    expect(((error as Error).cause as Error).message).toBe('ECONNREFUSED (redis://test:6379)');
  });

  it('never carries the upstream text of a reply error into the cause', async () => {
    const reply = new Error(
      "ERR Error running script (call to f_1): @user_script:9: WRONGTYPE, command was: HGETALL 'secret'",
    );
    const transport = { ...fakeTransport(new Set()), evalsha: async () => Promise.reject(reply) };
    const sut = createScriptStore({ kind: 'upstash', target: 'https://kv.example.com', transport });

    const error = await sut.bookings.list('team').catch((caught: unknown) => caught);

    expect(((error as Error).cause as Error).message).toBe('ERR (https://kv.example.com)');
    expect((error as Error).cause).not.toHaveProperty('cause');
  });
});
