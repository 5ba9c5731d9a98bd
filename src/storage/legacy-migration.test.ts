import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyFixture } from '../../test/redis/legacy-fixture.js';
import { describeMigration, migrateLegacyBookings, planLegacyImport } from './legacy-migration.js';
import { createSqliteStore } from './sqlite/sqlite.store.js';

describe('planLegacyImport', () => {
  const sut = planLegacyImport;

  it('keeps every well-formed booking, overlapping ones included, and reports the overlap', () => {
    const fixture = legacyFixture();
    const plan = sut(fixture.blob);
    expect(plan.count).toBe(fixture.validCount);
    expect(plan.overlaps).toEqual([fixture.overlap]);
    expect(plan.bookings['2025-01-06' as never]?.['08:00' as never]).toEqual({ user: 'Rue', duration: 1 });
  });

  it('reports malformed entries with a reason instead of storing or dropping them silently', () => {
    const plan = sut({
      '2026-02-14': {
        '07:00': { user: 'Jack', duration: null },
        '08:00': { user: 42, duration: 1 },
        '09:00': { user: 'Jack', duration: '3abc' },
        '25:00': { user: 'Jack', duration: 1 },
        '10:00': 'Jack',
        '11:00': { user: 'Bonnie', duration: 2 },
      },
      '9999-13-45': { '09:00': { user: 'Jack', duration: 1 } },
      '2026-02-15': [],
    });
    expect(plan.count).toBe(1);
    expect(plan.bookings).toEqual({ '2026-02-14': { '11:00': { user: 'Bonnie', duration: 2 } } });
    expect(plan.malformed.map((entry) => `${entry.dateKey} ${entry.timeKey ?? '-'}`).sort()).toEqual([
      '2026-02-14 07:00',
      '2026-02-14 08:00',
      '2026-02-14 09:00',
      '2026-02-14 10:00',
      '2026-02-14 25:00',
      '2026-02-15 -',
      '9999-13-45 -',
    ]);
    expect(plan.malformed.every((entry) => entry.reason.length > 0)).toBe(true);
  });

  it('rejects a blob that is not an object keyed by date', () => {
    expect(() => sut([])).toThrow(/JSON object keyed by date/);
    expect(() => sut('{}')).toThrow(/JSON object keyed by date/);
  });
});

describe('migrateLegacyBookings', () => {
  it('reports not-applicable on a store without the original key layout, logging nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourbook-migrate-'));
    const store = createSqliteStore({ file: join(dir, 'hourbook.db') });
    const lines: string[] = [];
    try {
      const report = await migrateLegacyBookings(store, 'cps-software', (line) => lines.push(line));
      expect(report.status).toBe('not-applicable');
      expect(lines).toEqual([]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('describeMigration', () => {
  it('names the counts, the overlapping pair and where malformed entries were left', () => {
    const line = describeMigration('team', {
      status: 'migrated',
      migrated: 361,
      overlaps: [{ dateKey: '2025-01-06', timeKey: '08:00', overlapsWith: '07:00' }],
      malformed: [
        { dateKey: '2025-01-07', timeKey: '18:00', value: {}, reason: 'duration is not a whole number 1-24' },
      ],
      keptInBackup: [],
      backupKey: 'instance:team:bookings:backup-legacy',
    });
    expect(line).toContain('moved 361 bookings');
    expect(line).toContain('2025-01-06 08:00/07:00');
    expect(line).toContain('1 malformed left in instance:team:bookings:backup-legacy');
  });
});
