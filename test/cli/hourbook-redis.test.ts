import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_BATCH_SIZE } from '../../src/cli/import.command.js';
import { createRedisStore } from '../../src/storage/redis/redis.store.js';
import type { Store } from '../../src/storage/store.js';
import { ensureBuilt } from '../support/built-tree.js';
import { uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis, startTestRedis } from '../support/redis-server.js';
import type { TestRedis } from '../support/redis-server.js';
import { cliEnv, runHourbook } from '../support/run-cli.js';

const skip = shouldSkipRedis();
const dir = mkdtempSync(join(tmpdir(), 'hourbook-cli-redis-'));
let redis: TestRedis;
let store: Store;
let env: NodeJS.ProcessEnv;
const hourbook = (...args: string[]) => runHourbook(env, dir, ...args);

/** `count` bookings of the original's blob, four a day from 2032-01-05 on, none overlapping. */
function largeBlob(count: number) {
  const blob: Record<string, Record<string, { user: string; duration: number }>> = {};
  const starts = ['07:00', '10:00', '13:00', '16:00'];
  for (let index = 0; index < count; index += 1) {
    const dateKey = new Date(Date.UTC(2032, 0, 5) + Math.floor(index / 4) * 86_400_000).toISOString().slice(0, 10);
    (blob[dateKey] ??= {})[starts[index % 4]!] = { user: index % 2 ? 'Ann' : 'Bo', duration: 2 };
  }
  return blob;
}

beforeAll(async () => {
  if (skip) return;
  redis = await startTestRedis();
  env = cliEnv({ REDIS_URL: redis.url, INSTANCE_SLUG: 'main-room', REDIS_COMMAND_TIMEOUT_MS: '5000' });
  store = await createRedisStore({ url: redis.url, connectTimeoutMs: 2000, commandTimeoutMs: 5000, cluster: false });
  await ensureBuilt();
}, 180_000);
afterAll(async () => {
  await store?.close();
  await redis?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('hourbook on Redis', () => {
  const slug = uniqueSlug('cli');

  it('imports 5000 bookings in bounded batches with one plain progress line per batch, then deletes the instance', async () => {
    const config = join(dir, 'team.json');
    writeFileSync(
      config,
      JSON.stringify({
        slug,
        title: 'Big team',
        users: [
          { name: 'Ann', key: 'a' },
          { name: 'Bo', key: 'b' },
        ],
      }),
    );
    expect((await hourbook('instances', 'create', config)).code).toBe(0);
    const file = join(dir, 'large.json');
    writeFileSync(file, JSON.stringify(largeBlob(5000)));

    const imported = await hourbook('import', slug, file);

    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Merge: 5000 to add, 0 already stored, 0 in conflict.');
    expect(imported.stdout).toContain('Imported 5000 bookings.');
    const progress = imported.stderr.trim().split('\n');
    expect(progress).toHaveLength(5000 / IMPORT_BATCH_SIZE);
    expect(progress[0]).toBe(`${IMPORT_BATCH_SIZE}/5000 bookings`);
    expect(progress.at(-1)).toBe('5000/5000 bookings');
    const { bookings } = await store.bookings.list(slug);
    expect(Object.values(bookings).reduce((sum, day) => sum + Object.keys(day).length, 0)).toBe(5000);

    const [listed, deleted] = [
      await hourbook('instances', 'list', '--json'),
      await hourbook('instances', 'delete', slug),
    ];
    expect(JSON.parse(listed.stdout).instances.map((instance: { slug: string }) => instance.slug)).toContain(slug);
    expect(deleted.stdout).toBe(`Deleted instance "${slug}": its config, 5000 bookings and its change log.\n`);
    expect((await store.bookings.list(slug)).bookings).toEqual({});
    expect((await store.instances.getConfig(slug)).text).toBeNull();
    // 50 batches of Redis round trips and five processes: about 5 s on a quiet 2-core machine.
  }, 60_000);
});
