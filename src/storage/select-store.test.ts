import { describe, expect, it } from 'vitest';
import { storeConfigFromEnv } from './select-store.js';

describe('storeConfigFromEnv', () => {
  const sut = storeConfigFromEnv;

  it('picks SQLite in DATA_DIR when no Redis variable is set', () => {
    expect(sut({})).toEqual({ kind: 'sqlite', file: 'data/hourbook.db' });
    expect(sut({ DATA_DIR: '/var/hourbook', REDIS_URL: '' })).toEqual({
      kind: 'sqlite',
      file: '/var/hourbook/hourbook.db',
    });
  });

  it('prefers the Vercel KV REST pair over the Upstash pair and over native Redis', () => {
    const config = sut({
      KV_REST_API_URL: 'https://kv.example.com',
      KV_REST_API_TOKEN: 'kv-token',
      UPSTASH_REDIS_REST_URL: 'https://upstash.example.com',
      UPSTASH_REDIS_REST_TOKEN: 'upstash-token',
      REDIS_URL: 'redis://localhost:6379',
    });
    expect(config).toEqual({ kind: 'upstash', url: 'https://kv.example.com', token: 'kv-token', timeoutMs: 700 });
  });

  it('uses the Upstash REST pair when the KV pair is absent', () => {
    expect(sut({ UPSTASH_REDIS_REST_URL: 'https://u.example.com', UPSTASH_REDIS_REST_TOKEN: 't' })).toMatchObject({
      kind: 'upstash',
      url: 'https://u.example.com',
    });
  });

  it('connects as a cluster client with REDIS_CLUSTER=1, as a single client with 0, and asks the server when unset', () => {
    const url = 'redis://node-1.example.com:7000';
    expect(sut({ KV_REDIS_URL: url, REDIS_CLUSTER: '1' })).toMatchObject({ kind: 'redis', url, cluster: true });
    expect(sut({ KV_REDIS_URL: url, REDIS_CLUSTER: 'false' })).toMatchObject({ kind: 'redis', cluster: false });
    expect(sut({ KV_REDIS_URL: url, REDIS_CLUSTER: '' })).not.toHaveProperty('cluster');
    expect(() => sut({ KV_REDIS_URL: url, REDIS_CLUSTER: 'yes' })).toThrow(
      'REDIS_CLUSTER: must be 1, 0, true or false',
    );
  });

  it('uses KV_REDIS_URL before REDIS_URL, with configurable timeouts', () => {
    expect(
      sut({
        KV_REDIS_URL: 'rediss://default:secret@kv.example.com:6380',
        REDIS_URL: 'redis://other:6379',
        REDIS_CONNECT_TIMEOUT_MS: '2500',
        REDIS_COMMAND_TIMEOUT_MS: '400',
      }),
    ).toEqual({
      kind: 'redis',
      url: 'rediss://default:secret@kv.example.com:6380',
      connectTimeoutMs: 2500,
      commandTimeoutMs: 400,
    });
    expect(sut({ REDIS_URL: 'redis://cache:6379' })).toEqual({
      kind: 'redis',
      url: 'redis://cache:6379',
      connectTimeoutMs: 1000,
      commandTimeoutMs: 700,
    });
  });

  it('rejects a REST pair with one half missing, naming the missing variable', () => {
    expect(() => sut({ KV_REST_API_URL: 'https://kv.example.com' })).toThrow(/^KV_REST_API_TOKEN: missing/);
    expect(() => sut({ UPSTASH_REDIS_REST_TOKEN: 't' })).toThrow(/^UPSTASH_REDIS_REST_URL: missing/);
  });

  it('rejects malformed URLs and timeouts, naming the variable on one line', () => {
    for (const [env, name] of [
      [{ KV_REST_API_URL: 'kv.example.com', KV_REST_API_TOKEN: 't' }, 'KV_REST_API_URL'],
      [{ KV_REDIS_URL: 'http://kv.example.com' }, 'KV_REDIS_URL'],
      [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
      [{ REDIS_URL: 'redis://h:1', REDIS_COMMAND_TIMEOUT_MS: 'soon' }, 'REDIS_COMMAND_TIMEOUT_MS'],
    ] as const) {
      let message = '';
      try {
        sut(env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message.startsWith(`${name}:`)).toBe(true);
      expect(message).not.toContain('\n');
    }
  });
});
