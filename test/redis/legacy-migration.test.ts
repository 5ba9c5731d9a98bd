/**
 * Picking up the original's data (issue 3 §4): its whole-blob key migrates once, atomically,
 * into the per-date layout, with overlaps kept and malformed entries reported and left in the
 * backup, on both Redis backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLegacyBookings, planLegacyImport } from '../../src/storage/legacy-migration.js';
import { createUpstashStore } from '../../src/storage/upstash/upstash.store.js';
import { createRedisStore } from '../../src/storage/redis/redis.store.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis } from '../support/redis-server.js';
import { openBackend } from './backends.js';
import type { OpenBackend } from './backends.js';
import { legacyFixture } from './legacy-fixture.js';

const skipRedis = shouldSkipRedis();

describe.each(['redis', 'upstash'] as const)('legacy migration on %s', (backendName) => {
  let backend: OpenBackend;
  const silent = () => undefined;

  beforeAll(async () => {
    if (!skipRedis) backend = await openBackend(backendName, { timeouts: 'patient' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it.skipIf(skipRedis)('moves every booking once, reports the counts and keeps the original blob', async () => {
    const slug = uniqueSlug('legacy');
    const fixture = legacyFixture();
    const raw = JSON.stringify(fixture.blob);
    await backend.inspect!.set(`instance:${slug}:bookings`, raw);
    const lines: string[] = [];

    const report = await migrateLegacyBookings(backend.store, slug, (line) => lines.push(line));

    expect(report).toMatchObject({ status: 'migrated', migrated: fixture.validCount, keptInBackup: [] });
    expect(report.overlaps).toEqual([fixture.overlap]);
    expect(report.malformed.map((entry) => [entry.dateKey, entry.timeKey])).toEqual([
      [fixture.malformed.dateKey, fixture.malformed.timeKey],
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`moved ${fixture.validCount} bookings`);
    expect((await backend.store.bookings.list(slug)).bookings).toEqual(planLegacyImport(fixture.blob).bookings);
    expect(await backend.inspect!.get(`instance:${slug}:bookings:backup-legacy`)).toBe(raw);
    expect(await backend.inspect!.exists(`instance:${slug}:bookings`)).toBe(0);

    const again = await migrateLegacyBookings(backend.store, slug, silent);
    expect(again).toMatchObject({ status: 'already-migrated', migrated: 0 });
  });

  it.skipIf(skipRedis)('migrates once when several servers start together', async () => {
    const slug = uniqueSlug('legacy');
    const fixture = legacyFixture();
    await backend.inspect!.set(`instance:${slug}:bookings`, JSON.stringify(fixture.blob));
    const servers = await Promise.all(
      Array.from({ length: 4 }, () =>
        backendName === 'redis'
          ? createRedisStore({ url: backend.redis!.url, connectTimeoutMs: 1000, commandTimeoutMs: 5000 })
          : createUpstashStore({ url: backend.rest!.url, token: backend.rest!.token, timeoutMs: 5000 }),
      ),
    );
    try {
      const reports = await Promise.all(servers.map((server) => migrateLegacyBookings(server, slug, silent)));
      expect(reports.filter((report) => report.status === 'migrated')).toHaveLength(1);
      expect(reports.filter((report) => report.status === 'already-migrated')).toHaveLength(3);
      const stored = (await backend.store.bookings.list(slug)).bookings;
      expect(Object.values(stored).reduce((sum, day) => sum + Object.keys(day ?? {}).length, 0)).toBe(
        fixture.validCount,
      );
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it.skipIf(skipRedis)('never overwrites a slot the new layout already holds, keeping it in the backup', async () => {
    const slug = uniqueSlug('legacy');
    await backend.store.bookings.create(
      slug,
      slot('2025-01-06', '15:00'),
      { user: 'Joel', duration: 1 },
      { closeHour: 22 },
    );
    await backend.inspect!.set(`instance:${slug}:bookings`, JSON.stringify(legacyFixture().blob));

    const report = await migrateLegacyBookings(backend.store, slug, silent);

    expect(report.keptInBackup).toEqual(['2025-01-06 15:00']);
    expect((await backend.store.bookings.list(slug)).bookings['2025-01-06' as never]?.['15:00' as never]).toEqual({
      user: 'Joel',
      duration: 1,
    });
  });

  it.skipIf(skipRedis)('reports no legacy data, and changes nothing, when the original never wrote any', async () => {
    const slug = uniqueSlug('legacy');
    const before = await backend.store.bookings.revision(slug);
    expect((await migrateLegacyBookings(backend.store, slug, silent)).status).toBe('no-legacy-data');
    expect(await backend.store.bookings.revision(slug)).toBe(before);
  });

  it.skipIf(skipRedis)('leaves a blob that is not JSON untouched and says so', async () => {
    const slug = uniqueSlug('legacy');
    await backend.inspect!.set(`instance:${slug}:bookings`, '{not json');
    await expect(migrateLegacyBookings(backend.store, slug, silent)).rejects.toThrow(
      `instance:${slug}:bookings is not JSON`,
    );
    expect(await backend.inspect!.get(`instance:${slug}:bookings`)).toBe('{not json');
  });
});
