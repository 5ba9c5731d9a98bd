/**
 * Several stateless servers behave as one (issue 8 §2): two real server processes from the built
 * tree (`node build/server/main.js`) share one real Redis, or one SQLite file, and a client of B
 * receives, through B's change stream, the booking made through A, once and with its payload.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, REPO, ensureBuilt } from '../support/built-tree.js';
import { uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis, startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';
import { dataOf, openEventStream } from '../support/sse-client.js';

const DAY = '2031-03-03';
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'hourbook-scale-out-'));
let redis: TestRedis | undefined;

beforeAll(async () => {
  await ensureBuilt();
  if (!shouldSkipRedis()) redis = await startTestRedis();
}, 180_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await redis?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A server process on `store` (its variables), resolving with its URL once it listens. */
function startServer(store: Record<string, string>, slug: string): Promise<string> {
  const child = spawn(process.execPath, [BUILT_SERVER], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INSTANCE_SLUG: slug,
      KV_REST_API_URL: '',
      KV_REDIS_URL: '',
      REDIS_URL: '',
      UPSTASH_REDIS_REST_URL: '',
      DATA_DIR: dataDir,
      ...store,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const stores = [
  ['one SQLite file', () => ({})],
  ['one Redis', () => ({ KV_REDIS_URL: redis!.url })],
] as const;

describe.each(stores)('two server processes on %s', (name, storeEnv) => {
  const skip = name === 'one Redis' && shouldSkipRedis();

  it.skipIf(skip)('deliver a booking made through A to a stream open on B, once, with its payload', async () => {
    const slug = uniqueSlug('scale');
    const [a, b] = await Promise.all([startServer(storeEnv(), slug), startServer(storeEnv(), slug)]);
    const sut = await openEventStream(`${b}/api/events`);
    try {
      await sut.waitForEvents(2);
      const created = await fetch(`${a}/api/bookings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dateKey: DAY, timeKey: '10:00', user: 'Jack', duration: 2 }),
      });
      expect(created.status).toBe(201);

      const [, , change] = await sut.waitForEvents(3);
      const revision = (await fetch(`${a}/api/bookings`)).headers.get('ETag')!.replace(/"/g, '');
      expect(change).toMatchObject({ event: 'change', id: revision });
      expect(dataOf(change)).toEqual({
        revision,
        dateKey: DAY,
        timeKey: '10:00',
        booking: { user: 'Jack', duration: 2 },
      });
      // How fast it arrives is the benchmark's to measure (bench/screen-latency.ts), not a test's.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sut.events).toHaveLength(3);
    } finally {
      sut.close();
    }
  });
});
