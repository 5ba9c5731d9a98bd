import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend } from '../redis/backends.js';
import type { BackendName, OpenBackend } from '../redis/backends.js';
import { slot, uniqueSlug } from '../support/factories.js';
import { shouldSkipRedis } from '../support/redis-server.js';
import { exportBookingsText, IMPORT_BATCH_SIZE, importBookingsText } from '../../src/cli/import.command.js';
import type { ImportOptions } from '../../src/cli/import.command.js';

const skipRedis = shouldSkipRedis();

/** `count` back-to-back two-hour bookings, five a day from 2033-01-03 (07:00 to 17:00). */
function blobOf(count: number) {
  const blob: Record<string, Record<string, { user: string; duration: number }>> = {};
  for (let index = 0; index < count; index += 1) {
    const dateKey = new Date(Date.UTC(2033, 0, 3) + Math.floor(index / 5) * 86_400_000).toISOString().slice(0, 10);
    const hour = 7 + (index % 5) * 2;
    (blob[dateKey] ??= {})[`${String(hour).padStart(2, '0')}:00`] = { user: 'Ann', duration: 2 };
  }
  return blob;
}

function options(overrides: Partial<ImportOptions> = {}) {
  const lines: string[] = [];
  const progress = new PassThrough() as unknown as NodeJS.WriteStream;
  const chosen: ImportOptions = {
    mode: 'merge',
    dryRun: false,
    rules: { closeHour: 22 },
    out: (line) => lines.push(line),
    progress,
    ...overrides,
  };
  return { options: chosen, lines };
}

describe.each(['sqlite', 'redis', 'upstash'] as BackendName[])('importBookingsText on %s', (name) => {
  const skip = name !== 'sqlite' && skipRedis;
  let backend: OpenBackend;

  beforeAll(async () => {
    if (!skip) backend = await openBackend(name, { timeouts: 'patient' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it.skipIf(skip)('merges a file in batches next to a stored booking, and an export reads back the same', async () => {
    const slug = uniqueSlug('import');
    await backend.store.bookings.create(
      slug,
      slot('2033-01-02', '09:00'),
      { user: 'Bo', duration: 1 },
      { closeHour: 22 },
    );
    const count = IMPORT_BATCH_SIZE + 10;
    const { options: merge, lines } = options();

    const sut = await importBookingsText(backend.store, slug, JSON.stringify(blobOf(count)), merge);

    expect(sut).toBe('done');
    expect(lines).toContain(`Imported ${count} bookings.`);
    const exported = JSON.parse(await exportBookingsText(backend.store, slug, 'original', new Date()));
    expect(exported).toEqual({ ...blobOf(count), '2033-01-02': { '09:00': { user: 'Bo', duration: 1 } } });
  });

  it.skipIf(skip)('replaces in one step with --replace, and refuses a conflicting merge without writing', async () => {
    const slug = uniqueSlug('import');
    await backend.store.bookings.create(
      slug,
      slot('2033-01-03', '08:00'),
      { user: 'Bo', duration: 1 },
      { closeHour: 22 },
    );
    const text = JSON.stringify(blobOf(12));

    const refused = await importBookingsText(backend.store, slug, text, options().options);
    expect(refused).toBe('refused');
    expect(Object.keys((await backend.store.bookings.list(slug)).bookings)).toEqual(['2033-01-03']);

    const replaced = await importBookingsText(backend.store, slug, text, options({ mode: 'replace' }).options);
    expect(replaced).toBe('done');
    expect((await backend.store.bookings.list(slug)).bookings).toEqual(blobOf(12));
  });
});
