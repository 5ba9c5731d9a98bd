/**
 * Import and export of bookings in the original's blob format (PRODUCT.md §5.1), for every
 * backend: `npm run hourbook -- import <file.json>` / `export`. An import replaces the instance's
 * bookings in one step; malformed entries are not stored but reported (the file keeps them).
 */
import type { BookingsBlob } from '../core/bookings.js';
import { planLegacyImport } from '../storage/legacy-migration.js';
import type { LegacyMalformed, LegacyOverlap } from '../storage/legacy-migration.js';
import type { Store } from '../storage/store.js';

/** What an import stored and what it could not take as it is. */
export interface ImportReport {
  imported: number;
  /** Stored as given, though their hours overlap. */
  overlaps: LegacyOverlap[];
  /** Not stored; listed so nothing disappears silently. */
  malformed: LegacyMalformed[];
}

/**
 * Replaces the bookings of `slug` with those of `blob` (already parsed JSON) in one step;
 * throws, storing nothing, when `blob` is not an object keyed by date.
 */
export async function importBookings(store: Store, slug: string, blob: unknown): Promise<ImportReport> {
  const plan = planLegacyImport(blob);
  await store.bookings.replace(slug, plan.bookings);
  return { imported: plan.count, overlaps: plan.overlaps, malformed: plan.malformed };
}

/** Every booking of `slug` in the original's blob format, ready for `JSON.stringify`. */
export async function exportBookings(store: Store, slug: string): Promise<BookingsBlob> {
  return (await store.bookings.list(slug)).bookings;
}

/** Human lines for an import report, e.g. `Imported 412 bookings.` then one line per problem. */
export function describeImport(report: ImportReport): string[] {
  const lines = [`Imported ${report.imported} bookings.`];
  for (const overlap of report.overlaps) {
    lines.push(`  overlap kept: ${overlap.dateKey} ${overlap.timeKey} overlaps ${overlap.overlapsWith}`);
  }
  for (const entry of report.malformed) {
    const where = `${entry.dateKey}${entry.timeKey ? ` ${entry.timeKey}` : ''}`;
    lines.push(`  not imported: ${where}: ${entry.reason} (${JSON.stringify(entry.value)})`);
  }
  return lines;
}
