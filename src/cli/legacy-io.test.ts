import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyFixture } from '../../test/redis/legacy-fixture.js';
import { openBackend } from '../../test/redis/backends.js';
import type { BackendName, OpenBackend } from '../../test/redis/backends.js';
import { slot, uniqueSlug } from '../../test/support/factories.js';
import { shouldSkipRedis } from '../../test/support/redis-server.js';
import { describeImport, exportBookings, importBookings } from './legacy-io.js';

const skipRedis = shouldSkipRedis();

describe.each(['sqlite', 'redis', 'upstash'] as BackendName[])('importBookings and exportBookings on %s', (name) => {
  const skip = name !== 'sqlite' && skipRedis;
  let backend: OpenBackend;

  beforeAll(async () => {
    if (!skip) backend = await openBackend(name, { timeouts: 'patient' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it.skipIf(skip)('replaces the bookings with the file, reporting overlaps and what it could not import', async () => {
    const slug = uniqueSlug('import');
    await backend.store.bookings.create(
      slug,
      slot('2031-01-01', '09:00'),
      { user: 'Jack', duration: 1 },
      { closeHour: 22 },
    );
    const fixture = legacyFixture();

    const sut = await importBookings(backend.store, slug, fixture.blob);

    expect(sut.imported).toBe(fixture.validCount);
    expect(sut.overlaps).toEqual([fixture.overlap]);
    expect(sut.malformed).toHaveLength(1);
    const exported = await exportBookings(backend.store, slug);
    expect(exported['2031-01-01' as never]).toBeUndefined();
    expect(Object.keys(exported)).toHaveLength(120);
    expect(describeImport(sut)[0]).toBe(`Imported ${fixture.validCount} bookings.`);
  });

  it.skipIf(skip)('round-trips: exporting then importing elsewhere gives the same bookings', async () => {
    const [source, target] = [uniqueSlug('export'), uniqueSlug('export')];
    await importBookings(backend.store, source, legacyFixture().blob);
    const exported = JSON.parse(JSON.stringify(await exportBookings(backend.store, source))) as unknown;

    const report = await importBookings(backend.store, target, exported);

    expect(report.malformed).toEqual([]);
    expect(await exportBookings(backend.store, target)).toEqual(exported);
  });

  it.skipIf(skip)('rejects a file that is not a bookings object, storing nothing', async () => {
    const slug = uniqueSlug('import');
    await backend.store.bookings.create(
      slug,
      slot('2031-01-01', '09:00'),
      { user: 'Jack', duration: 1 },
      { closeHour: 22 },
    );
    await expect(importBookings(backend.store, slug, [1, 2])).rejects.toThrow(/JSON object keyed by date/);
    expect(Object.keys(await exportBookings(backend.store, slug))).toEqual(['2031-01-01']);
  });
});
