import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_ORIGINS, InvalidSettingsError, readSettings, SETTING_NAMES } from './settings.js';

describe('readSettings', () => {
  const sut = readSettings;

  it('gives every default of the README table for an empty environment', () => {
    expect(sut({})).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      INSTANCE_SLUG: 'cps-software',
      ALLOWED_ORIGINS: DEFAULT_ALLOWED_ORIGINS,
      RATE_LIMIT_MAX: 60,
      RATE_LIMIT_READ_MAX: 600,
      RATE_LIMIT_WINDOW_S: 60,
      RATE_LIMIT_ON_STORE_ERROR: 'local',
      TRUST_PROXY: 0,
      PUBLIC_URL: undefined,
      LIVE_UPDATES: 'on',
      EVENTS_MAX_PER_CLIENT: 20,
      EVENTS_HEARTBEAT_S: 25,
      EVENTS_MAX_S: undefined,
      ADMIN_TOKEN: undefined,
      VERCEL: false,
      store: { kind: 'sqlite', file: 'data/hourbook.db' },
    });
  });

  it('treats empty variables as unset, except ALLOWED_ORIGINS where empty means same-origin only', () => {
    const settings = sut({ PORT: '', REDIS_URL: ' ', ALLOWED_ORIGINS: '' });
    expect(settings.PORT).toBe(3000);
    expect(settings.store.kind).toBe('sqlite');
    expect(settings.ALLOWED_ORIGINS).toEqual([]);
  });

  it('includes the store the storage variables select, and no storage variable itself', () => {
    const settings = sut({ KV_REDIS_URL: 'redis://cache:6379', REDIS_COMMAND_TIMEOUT_MS: '400' });
    expect(settings.store).toEqual({
      kind: 'redis',
      url: 'redis://cache:6379',
      connectTimeoutMs: 1000,
      commandTimeoutMs: 400,
    });
    expect(settings).not.toHaveProperty('KV_REDIS_URL');
  });

  it('lists every bad variable at once, server and storage alike', () => {
    let problems: string[] = [];
    try {
      sut({
        PORT: 'eighty',
        RATE_LIMIT_MAX: '-1',
        TRUST_PROXY: 'yes',
        KV_REST_API_URL: 'https://kv.example.com',
        UPSTASH_REDIS_REST_TOKEN: 't',
        REDIS_URL: 'http://not-redis',
        REDIS_CONNECT_TIMEOUT_MS: 'soon',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSettingsError);
      problems = (error as InvalidSettingsError).problems;
    }
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'KV_REST_API_TOKEN',
      'PORT',
      'RATE_LIMIT_MAX',
      'REDIS_CONNECT_TIMEOUT_MS',
      'REDIS_URL',
      'TRUST_PROXY',
      'UPSTASH_REDIS_REST_URL',
    ]);
    expect(problems).toContain('KV_REST_API_TOKEN: missing (KV_REST_API_URL is set)');
  });

  it('takes an ADMIN_TOKEN of 16 characters or more, and refuses a shorter one', () => {
    expect(sut({ ADMIN_TOKEN: 'a'.repeat(16) }).ADMIN_TOKEN).toBe('a'.repeat(16));
    expect(() => sut({ ADMIN_TOKEN: 'secret' })).toThrow(/ADMIN_TOKEN: must be at least 16 characters/);
  });
});

describe('.env.example', () => {
  it('names every setting the schema reads, with the default readSettings applies', () => {
    const sut = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    // VERCEL is set by the platform, never by hand.
    for (const name of SETTING_NAMES.filter((setting) => setting !== 'VERCEL')) expect(sut).toContain(name);
    const assigned = Object.fromEntries(
      sut
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split(/=(.*)/).slice(0, 2)),
    );
    const defaults = readSettings({});
    const fromExample = readSettings(assigned);
    expect({ ...fromExample, store: undefined }).toEqual({ ...defaults, store: undefined });
    expect(fromExample.store).toEqual({ kind: 'sqlite', file: 'data/hourbook.db' });
  });
});
