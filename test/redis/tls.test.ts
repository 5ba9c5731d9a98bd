/**
 * `rediss://` URLs (issue 3 §1): TLS comes from the URL alone, with certificate checks on. The
 * store runs in a child process so the test CA can be trusted the way an operator would, through
 * `NODE_EXTRA_CA_CERTS`, without weakening verification in the code under test.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shouldSkipRedis, startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';

const run = promisify(execFile);
const certFile = fileURLToPath(new URL('./fixtures/tls/localhost.crt', import.meta.url));
const keyFile = fileURLToPath(new URL('./fixtures/tls/localhost.key', import.meta.url));
const probe = fileURLToPath(new URL('./tls-probe.ts', import.meta.url));

async function runProbe(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], {
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 15_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

describe.skipIf(shouldSkipRedis())('redis over TLS', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis({ tls: { certFile, keyFile } });
  });
  afterAll(async () => {
    await redis?.close();
  });

  it('connects to a rediss:// URL and books through it', async () => {
    const result = await runProbe({ REDIS_URL: redis.url, NODE_EXTRA_CA_CERTS: certFile });
    expect(result).toEqual({
      ok: true,
      kind: 'redis',
      target: `rediss://localhost:${redis.port}`,
      bookings: { '2031-11-03': { '09:00': { user: 'Jack', duration: 1 } } },
    });
  });

  it('rejects a server whose certificate it cannot verify', async () => {
    const result = await runProbe({ REDIS_URL: redis.url, REDIS_CONNECT_TIMEOUT_MS: '500' });
    expect(result).toMatchObject({ ok: false, kind: 'redis' });
  });
});
